let xs = [i * i for i in range(5000000)]
print(len(xs))
