let a = 2.0
print(a.relu(1, 2))
