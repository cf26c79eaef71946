fn loss(pred, target) {
  return (pred - target) ** 2
}
print(loss(1.0))
