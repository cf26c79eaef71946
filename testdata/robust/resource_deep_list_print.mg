let x = []
for i in range(100000) {
  x = [x]
}
print(len(str(x)) > 1000)
