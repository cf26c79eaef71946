let n = 7
print(f"{n:>3}|")
print(f"{n:999999999}")
