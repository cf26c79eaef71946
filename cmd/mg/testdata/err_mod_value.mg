let a = 7.0
let b = a % 2
