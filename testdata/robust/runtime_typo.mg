let learn_rate = 0.05
let w = Value(1.0)
w.data -= lern_rate * w.grad
