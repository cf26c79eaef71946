let xs = [0.0] * 100000000
print(len(xs))
