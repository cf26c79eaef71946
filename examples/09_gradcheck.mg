# 09 · Checking gradients: calculus, backward and finite differences.
#
#   go run ./cmd/mg run examples/09_gradcheck.mg
#
# Three ways to the same derivative: by hand with calculus, by `backward`,
# and numerically with `numgrad` (a central difference). `gradcheck(L)`
# compares the last two for every leaf of L's graph at once.

# A logistic-regression neuron and its cross-entropy loss, for one sample
# x = (1.5, -0.5) whose label is 1.
let x = [1.5, -0.5]
let label = 1.0
let w1 = 0.8
let w2 = -0.6
let b = 0.1
let z = w1*x[0] + w2*x[1] + b
let p = sigmoid(z)                      # the predicted probability of label 1
let loss = -(label*log(p) + (1 - label)*log(1 - p))
loss.backward()
print("p", p.data, "loss", loss.data)

# Calculus: d loss/dz = p - label, so d loss/dw1 = (p - label) * x[0],
# d loss/dw2 = (p - label) * x[1] and d loss/db = p - label. (The last
# digit may differ: backward does the same sums in another order.)
# (.data reads plain numbers, so this arithmetic builds no graph.)
print("w1", w1.grad, (p.data - label.data) * x[0])
print("w2", w2.grad, (p.data - label.data) * x[1])
print("b ", b.grad, p.data - label.data)
print("gradcheck:", gradcheck(loss))

# gradcheck compares whatever `grad` holds, so it also catches a gradient
# worked out wrong by hand. A classic slip: forgetting the sigmoid's own
# derivative p*(1-p) and using -(label/p) * x as d loss/dw.
w1.grad = -(label.data / p.data) * x[0]
w2.grad = -(label.data / p.data) * x[1]
b.grad = -(label.data / p.data)
print("gradcheck:", gradcheck(loss))

# A formula with every kind of operation in it, Value ** Value included.
let u = 0.7
let v = -1.3
let f = sin(u*v) + cos(u)**2 / (1 + exp(v)) - sqrt(u**2 + v**2) * tanh(v) + log(1 + u**2) * sigmoid(u - v) + (u + 2) ** (v + 3)
f.backward()
print("f", f.data)
for leaf in [u, v] {
  print(leaf.label, "backward", leaf.grad, "numgrad", round(numgrad(f, leaf), 8))
}
print("gradcheck:", gradcheck(f))
