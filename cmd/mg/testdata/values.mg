# The binding rule (a named float is a Value, a named int stays an int), fields, and every op's value.
let a = 2.0
let b = a
let c = a * 3
print(a.label, b.label, c.label, c.op, (a + 1).op, (-a).op, (a ** 2).op, (a ** -1).op, (a ** 0.5).op, (a ** b).op)
let n = 3
print(n, type(n), [x for x in range(n)])
fn f(x) { return x }
print(f(4), type(f(4)))
let xs = [1, 2.5]
print(xs, type(xs[0]))
a.label = "alpha"
a.data = 5
a.grad += 1
print(a, a.label)
print(a.relu(), (-a).relu(), a.exp().data > 148, a.log().data, sqrt(a * 0 + 16), tanh(0.0), sigmoid(0.0))
print(relu(-1), relu(2.5), exp(0), log(1), sqrt(2.25), sin(0.0), cos(0))
let v = Value(3, label="v")
print(v, v.label, Value(1.5).label == "")
let t = 0.5
t += 1
print(t, t.label)
