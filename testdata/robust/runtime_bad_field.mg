let a = Value(1.0)
print(a.gard)
