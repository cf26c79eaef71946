let x = []
let y = []
for i in range(40) {
  x = [x, x]
  y = [y, y]
}
print(x == y)
