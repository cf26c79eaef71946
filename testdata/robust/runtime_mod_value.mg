let a = Value(7.0)
print(a % 2)
