let a = Value(-4.0)
let b = sqrt(a)
