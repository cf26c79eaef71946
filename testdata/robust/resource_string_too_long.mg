let s = "ab" * 1000000000
print(len(s))
