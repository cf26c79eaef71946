let z = 0.0
let y = z.log()
