fn f(x, y) { return x + y }
print(f(1))
