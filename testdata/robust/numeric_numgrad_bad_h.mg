let a = Value(1.0)
print(numgrad(a * a, a, h=0.0))
