# 03 · Wiggling an input: what a derivative means.
#
#   go run ./cmd/mg run examples/03_wiggle.mg
#
# A derivative says how much the output moves when you nudge an input by a
# tiny h, divided by h. Before any backpropagation, the lecture measures
# it this way; mg has `forward` and `numgrad` to do the same on a graph.

# A function of a plain number (parameters are not turned into Values).
fn parabola(x) { return 3*x**2 - 4*x + 5 }
print(parabola(3.0))                                    # 20.0

# The slope at x = 3: nudge x by h = 0.001. Calculus says 6x - 4 = 14.
print((parabola(3.0 + 0.001) - parabola(3.0)) / 0.001)  # 14.00300000000243
# At x = 2/3 the slope is zero: the bottom of the parabola.
print((parabola(2/3 + 0.000001) - parabola(2/3)) / 0.000001)

# The same with Values: d = a*b + c, then c nudged by h.
let h = 0.0001
let a = 2.0
let b = -3.0
let c = 10.0
let d1 = a*b + c
c += h                     # c is now the Value c + h
let d2 = a*b + c
print("d1", d1.data)
print("d2", d2.data)
print("slope", ((d2 - d1) / h).data)           # dd/dc = 1

# The lecture's graph L = (a*b + c) * f, built once.
let a = 2.0
let b = -3.0
let c = 10.0
let e = a*b
let d = e + c
let f = -2.0
let L = d*f

# `forward(L)` recomputes every node of L's graph from the current data of
# its leaves, so we can nudge a leaf and look at L again without building
# the graph anew.
fn wiggle(L, x, h) {
  let x0 = x.data          # naming a number makes a Value: x0.data reads it
  let L1 = L.data
  x.data += h              # nudge the leaf ...
  forward(L)               # ... and recompute L
  let L2 = L.data
  x.data = x0              # put the leaf back (a Value assigned gives its data)
  forward(L)
  return (L2.data - L1.data) / h
}
print("wiggled, h = 0.001:")
for x in [a, b, c, f] { print(" ", x.label, wiggle(L, x, 0.001)) }

# numgrad does this more carefully: a central difference
# (L(x+h) - L(x-h)) / 2h with h = 1e-6, leaving the graph as it found it.
print("numgrad:")
for x in [a, b, c, f] { print(" ", x.label, numgrad(L, x)) }

# And backward gives the exact values, all at once.
backward(L)
print("backward:")
for x in [a, b, c, f] { print(" ", x.label, x.grad) }
print("L is still", L.data)
