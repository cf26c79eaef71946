let xs = [1.0]
while true {
  xs = xs + xs
}
