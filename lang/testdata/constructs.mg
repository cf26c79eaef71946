# Every construct of mg, for the golden dump test and as a fuzz seed.
let a = 4.0
let b = -3.0; let c = 8.0
let d = a*b + c
d.label = "d"
a.data -= 0.01 * a.grad
let xs = [
  [2.0, 3.0, -1.0],
  [3.0, -1.0, 0.5],   # trailing comma below
]
xs[0][1] += 1
fn square(x) { return x * x }
fn scale(x, k=2, bias=none,) {
  if bias == none { return k * x }
  return k * x + bias
}
let twice = fn (f) { return fn (x) { return f(f(x)) } }
let n = 0
while n < 3 { n += 1 }
for i in range(1, 100) {
  if i > 10 { break }
  else if i % 2 == 0 { continue }
  else {
    n = n // 1
  }
}
if not n > 3 and (n < 10 or false) {
  print("small", n)
}
else {
  print("big")
}
for w, x in zip([1, 2], [3, 4]) { print(w * x) }
let pairs = [w*x for w, x in zip(xs[0], xs[1]) if w > 0 if x != 0]
let grid = [i + j for i in range(3) for j in range(i)]
let y = -x**2 ** -1 / 2 // 3 % 4
let L = (a*b + c) * f
L.backward()
print(dot(L), len(m.parameters()), m.layers[0].neurons[1].w[2].data)
print(Value(1.5, label="v").relu().tanh(), 1e-3, .5, 5., 1E+3, "tab\there \"q\" \\")
