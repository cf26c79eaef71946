let w = Value(3.0, label="w")
let lr = 1.0
for step in range(100) {
  let loss = w ** 4
  w.grad = 0.0
  backward(loss)
  w.data -= lr * w.grad
}
