let a = 3.0
print("ok")
a(2)
