let a = Value(-8.0)
let b = a ** 0.5
