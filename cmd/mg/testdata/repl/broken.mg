let never = 1
let oops = (2 +
