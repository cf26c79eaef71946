let a = Value(800.0)
let b = a.exp()
