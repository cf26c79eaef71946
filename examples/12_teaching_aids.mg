# Teaching aids: the chain rule spelled out, gradients in a table, and the
# lecture's Python habits (single quotes, f-strings, slices, the
# conditional expression, several names in one let).

# The lecture's L, typed as the lecture types it.
let a = Value(2.0, label='a')
let b = Value(-3.0, label='b')
let c = Value(10.0, label='c')
let e = a*b; e.label = 'e'
let d = e + c; d.label = 'd'
let f = Value(-2.0, label='f')
let L = d * f; L.label = 'L'

# backward, one chain-rule step a line, in the order it adds them
backward(L, trace=true)
table([a, b, c, d, e, f, L])

# The neuron: tanh's local derivative is 1 - t**2, t being o.data.
let x1, x2 = 2.0, 0.0
let w1, w2 = -3.0, 1.0
let bias = 6.8813735870195432
let n = x1*w1 + x2*w2 + bias
let o = n.tanh()
o.backward(trace=true)

# An MLP's parameters are labelled where they live: layer, neuron, weight.
seed(7)
let model = MLP(3, [4, 4, 1])
let xs = [[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [1.0, 1.0, -1.0]]
let ys = [1.0, -1.0, -1.0, 1.0]
for k in range(20) {
  let ypred = [model(x) for x in xs]
  let loss = sum([(yout - ygt)**2 for ygt, yout in zip(ys, ypred)])
  model.zero_grad()
  loss.backward()
  for p in model.parameters() {
    p.data += -0.05 * p.grad
  }
  if k % 5 == 4 {
    print(f"step {k:>2}  loss {loss.data:.6f}  " + ('falling' if loss.data < 1 else 'high'))
  }
}
# the last layer's parameters, and the first three of all of them
table(model.layers[-1])
table(model.parameters()[:3])
