let xs = [1]
xs.append(xs)
print(xs)
print(xs == xs)
