# 04 · One neuron, with tanh and with ReLU.
#
#   go run ./cmd/mg run examples/04_neuron.mg
#
# A neuron sums its inputs times its weights, adds a bias and squashes the
# result with an activation function: o = tanh(x1*w1 + x2*w2 + b).
# The lecture's bias 6.8813735870195432 makes n = 0.8813..., where tanh
# is 1/sqrt(2), so the numbers come out round.

# inputs x1, x2
let x1 = 2.0
let x2 = 0.0
# weights w1, w2
let w1 = -3.0
let w2 = 1.0
# the bias of the neuron
let b = 6.8813735870195432
# x1*w1 + x2*w2 + b
let x1w1 = x1*w1; x1w1.label = "x1*w1"
let x2w2 = x2*w2; x2w2.label = "x2*w2"
let x1w1x2w2 = x1w1 + x2w2; x1w1x2w2.label = "x1*w1 + x2*w2"
let n = x1w1x2w2 + b
let o = n.tanh()
o.backward()

print("tanh neuron")
print("o", o.data)
# d tanh(n)/dn = 1 - tanh(n)**2 = 1 - o**2 = 0.5 (to the last bit: 0.4999999999999999)
print("n.grad", n.grad, "  1 - o**2 =", 1 - o.data**2)
# A + passes the gradient through to both operands ...
print("b.grad", b.grad, "x1*w1.grad", x1w1.grad, "x2*w2.grad", x2w2.grad)
# ... a * sends each operand the other's data times the gradient.
print("x1.grad", x1.grad, "w1.grad", w1.grad)
print("x2.grad", x2.grad, "w2.grad", w2.grad)  # x2 is 0, so w2 does not matter

# The same neuron with a ReLU: max(0, n). Where n > 0 it passes the
# gradient through unchanged. The leaves still hold the gradients of the
# first neuron: backward adds to them, so clear them first.
zero_grad([x1, x2, w1, w2, b])
let n = x1*w1 + x2*w2 + b
let o = n.relu()
o.backward()
print("ReLU neuron")
print("o", o.data)
print("x1.grad", x1.grad, "w1.grad", w1.grad)
print("x2.grad", x2.grad, "w2.grad", w2.grad)
print("b.grad", b.grad)

# The lecture also breaks tanh into smaller operations:
# tanh(n) = (e**2n - 1) / (e**2n + 1). Any composition of operations whose
# local derivatives we know gives the same gradients.
zero_grad([x1, x2, w1, w2, b])
let n = x1*w1 + x2*w2 + b
let e = (2*n).exp()
let o = (e - 1) / (e + 1)
o.backward()
print("tanh from exp and /")
print("o", o.data)
print("x1.grad", x1.grad, "w1.grad", w1.grad)
print("x2.grad", x2.grad, "w2.grad", w2.grad)

# In mg, / is one operation (true division, one rounding). micrograd
# writes a / b as a * b**-1: two operations, two roundings, and its last
# digits differ. Written that way, mg gives micrograd's numbers exactly.
zero_grad([x1, x2, w1, w2, b])
let n = x1*w1 + x2*w2 + b
let e = (2*n).exp()
let o = (e - 1) * (e + 1)**-1
o.backward()
print("tanh from exp, * and **-1")
print("o", o.data)
print("x1.grad", x1.grad, "w1.grad", w1.grad)
print("x2.grad", x2.grad, "w2.grad", w2.grad)
