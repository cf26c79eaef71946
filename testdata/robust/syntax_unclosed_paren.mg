let a = 2.0
print((a + 1.0)
