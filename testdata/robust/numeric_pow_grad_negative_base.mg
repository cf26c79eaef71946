let a = Value(-2.0)
let k = Value(2.0)
let c = a ** k
backward(c)
