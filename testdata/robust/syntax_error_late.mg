print("this must not print")
let a = Value(1.0)
let b = a * 2.0
let c = b +
