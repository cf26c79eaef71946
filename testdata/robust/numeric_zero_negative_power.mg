let a = Value(0.0)
let b = a ** -1
