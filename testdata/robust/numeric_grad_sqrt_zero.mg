let a = Value(0.0)
let b = sqrt(a)
backward(b)
