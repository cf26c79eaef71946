let a = Value(1e200)
let b = a * 1e200
