let xs = [1, 2
print(2)
