let xs = [0] * 4194304
print(len(xs))
xs.append(1)
print("never")
