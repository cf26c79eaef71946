let a = Value(-1.5)
let b = a.log()
