# 02 · Backpropagation by hand, then by `backward`.
#
#   go run ./cmd/mg run examples/02_backprop_by_hand.mg
#   go run ./cmd/mg dot --node L -o graph.svg examples/02_backprop_by_hand.mg
#
# The lecture's first graph, L = (a*b + c) * f, and the derivative of L
# with respect to every node in it, worked out with the chain rule.

let a = 2.0
let b = -3.0
let c = 10.0
let e = a*b
let d = e + c
let f = -2.0
let L = d*f
print(L)                         # Value(data=-8.0, grad=0.0)

# By hand, from the output back to the inputs.
#   dL/dL = 1
#   L = d*f    so  dL/dd = f = -2.0       and  dL/df = d = 4.0
#   d = e + c  so  dd/de = dd/dc = 1: a + passes its gradient through,
#              so  dL/de = dL/dc = dL/dd = -2.0
#   e = a*b    so  de/da = b  and  de/db = a; by the chain rule
#                  dL/da = dL/de * b = -2.0 * -3.0 = 6.0
#                  dL/db = dL/de * a = -2.0 *  2.0 = -4.0
L.grad = 1.0
d.grad = f.data * L.grad
f.grad = d.data * L.grad
e.grad = 1.0 * d.grad
c.grad = 1.0 * d.grad
a.grad = b.data * e.grad
b.grad = a.data * e.grad

fn show(vs) {
  for v in vs { print(" ", v.label, "data", v.data, "grad", v.grad) }
}
print("by hand:")
show([a, b, c, e, d, f, L])
let by_hand = [v.grad for v in [a, b, c, e, d, f, L]]

# Now let mg do it: clear the gradients and call backward, which visits the
# nodes from L back to the leaves and applies the same local rules.
zero_grad([a, b, c, e, d, f, L])
backward(L)
print("by backward:")
show([a, b, c, e, d, f, L])
print("same?", [v.grad for v in [a, b, c, e, d, f, L]] == by_hand)
