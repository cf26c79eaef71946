# 06 · The optimisation step: use the gradients to change the inputs.
#
#   go run ./cmd/mg run examples/06_optimisation_step.mg
#
# A gradient says which way, and how strongly, each input pushes the
# output. Nudge every input a little along its gradient and the output
# goes up; against it, and the output goes down.

let a = 2.0
let b = -3.0
let c = 10.0
let e = a*b
let d = e + c
let f = -2.0
let L = d*f
backward(L)
print("L before", L.data)          # -8.0

# One small step along the gradient (the lecture wants L to go up).
a.data += 0.01 * a.grad
b.data += 0.01 * b.grad
c.data += 0.01 * c.grad
f.data += 0.01 * f.grad

# The leaves changed; L still holds its old data until it is computed
# again: either build the expression anew ...
let e = a*b
let d = e + c
let L = d*f
print("L after, rebuilt", L.data)  # -7.286496, up from -8.0

# ... or recompute the same graph from its leaves with forward.
a.data -= 0.01 * a.grad            # step back to where we started
b.data -= 0.01 * b.grad
c.data -= 0.01 * c.grad
f.data -= 0.01 * f.grad
forward(L)
print("L back", L.data)

# Gradient descent: to make L as close to 0 as we can, minimise
# loss = L**2 and step against its gradient, over and over. The graph is
# built anew at each step, so only the leaves' grads need clearing.
for k in range(8) {
  let L = (a*b + c) * f
  let loss = L**2
  zero_grad([a, b, c, f])
  loss.backward()
  for p in [a, b, c, f] { p.data -= 0.001 * p.grad }
  print("step", k, "L", L.data, "loss", loss.data)
}
print("a b c f:", a.data, b.data, c.data, f.data)
