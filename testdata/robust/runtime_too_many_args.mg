fn loss(pred, target) {
  return (pred - target) ** 2
}
print(loss(1.0, 2.0, 3.0))
