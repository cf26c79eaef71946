let a = Value(2.0)
let b = Value(0.0)
let c = a / b
