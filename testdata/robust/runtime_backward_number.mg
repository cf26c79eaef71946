let xs = [3.0]
backward(xs[0] * 2)
