# 11 · Second derivatives: backprop is itself a graph.
#
#   go run ./cmd/mg run examples/11_second_derivatives.mg
#
# `grad(L, x)` returns dL/dx as a Value whose graph is the backward pass
# written out with mg's own ops. Its data is what `backward` would put in
# x.grad, to the last bit; and since it is a graph, it can be drawn,
# recomputed with `forward`, and differentiated again.

# 1. The derivative of tanh, drawn. backward computes (1 - t**2) * grad
# from the tanh node t; grad builds exactly those nodes.
let x = Value(0.5, label="x")
let t = tanh(x)
t.label = "t"
let d = grad(t, x)
print(dot(d))
print("dt/dx      ", d.data)
print("1 - tanh**2", 1 - tanh(0.5)**2, d.data == 1 - tanh(0.5)**2)
let d2 = grad(d, x)
print("d2t/dx2    ", d2.data, "=", -2 * t.data * d.data)

# The derivative graph is a graph like any other: move the leaf, replay.
x.data = -1.0
forward(d)
print("at -1      ", d.data, d.data == 1 - tanh(-1.0)**2)

# 2. Newton's method on Rosenbrock's banana, f = (1-x)**2 + 100(y-x**2)**2,
# from the classic start (-1.2, 1). Each step solves H s = -g with the
# Hessian from `hessian` (a 2x2 system, by hand).
fn rosen(x, y) { return (1 - x)**2 + 100 * (y - x**2)**2 }

let px = -1.2
let py = 1.0
let steps = 0
while steps < 50 {
  let f = rosen(px, py)
  let g = grad(f, [px, py])
  if abs(g[0].data) + abs(g[1].data) < 1e-10 { break }
  let H = hessian(f, [px, py])
  let det = H[0][0]*H[1][1] - H[0][1]*H[1][0]
  px.data -= (H[1][1]*g[0].data - H[0][1]*g[1].data) / det
  py.data -= (H[0][0]*g[1].data - H[1][0]*g[0].data) / det
  steps += 1
  print("newton", steps, round(px.data, 6), round(py.data, 6))
}
print("Newton:", steps, "steps to", px.data, py.data)
let Hmin = hessian(rosen(px, py), [px, py])
print("Hessian at the minimum:", Hmin)

# Gradient descent needs thousands of steps to come within 1e-4. Its step
# cannot be much larger: the Hessian at (1, 1) has an eigenvalue near 1002,
# and a fixed step above 2/1002 makes it bounce around the minimum forever.
let gx = -1.2
let gy = 1.0
let n = 0
while (abs(gx.data - 1) > 1e-4 or abs(gy.data - 1) > 1e-4) and n < 100000 {
  let f = rosen(gx, gy)
  let g = grad(f, [gx, gy])
  gx.data -= 0.0015 * g[0].data
  gy.data -= 0.0015 * g[1].data
  n += 1
}
print("gradient descent:", n, "steps to", round(gx.data, 6), round(gy.data, 6))

# 3. The Hessian of a small loss: one tanh neuron, squared error on two
# samples. The upper triangle is computed, the lower filled by symmetry.
let w = Value(0.3, label="w")
let b = Value(-0.1, label="b")
let loss = (tanh(w*1.5 + b) - 1)**2 + (tanh(w*(-0.5) + b) + 1)**2
let Hl = hessian(loss, [w, b])
for row in Hl { print([round(h, 6) for h in row]) }
# checked against central differences of the first derivatives:
loss.backward()
print(gradcheck(loss, order=2))
