fn inner(x) {
  return x.grad + missing
}
fn outer(y) {
  return inner(y)
}
print("before")
outer(Value(1.0))
print("after")
