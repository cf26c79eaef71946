let xs = [1, 2]
xs.append(xs)
print(xs)
print(xs == xs, len(xs))
