# 05 · Gradients accumulate: a node used twice.
#
#   go run ./cmd/mg run examples/05_accumulate.mg
#
# When a Value feeds more than one operation, a change in it reaches the
# output along every path, so its gradient is the SUM of what each path
# sends back. (The lecture found this bug in its first Value class, which
# set `grad =` where it had to add `grad +=`.)

# b = a + a = 2a, so db/da = 2, not 1.
let a = 3.0
let b = a + a
backward(b)
print(a)                         # Value(data=3.0, grad=2.0)

# a and b each feed both d = a*b and e = a + b:
#   df/da = e * dd/da + d * de/da = e*b + d*1 = 1*3 + (-6)*1 = -3
#   df/db = e * dd/db + d * de/db = e*a + d*1 = 1*(-2) + (-6)*1 = -8
let a = -2.0
let b = 3.0
let d = a * b
let e = a + b
let f = d * e
f.backward()
print(a.grad, b.grad)            # -3.0 -8.0

# Leaves keep adding: run backward a second time without clearing and the
# leaves' gradients double exactly, since each run adds its own. The inner
# nodes d and e do not: backward gives them f's gradient afresh each time.
f.backward()
print(a.grad, b.grad)            # -6.0 -16.0: both runs added up
# Clear the leaves and run it again.
zero_grad([a, b])
f.backward()
print(a.grad, b.grad)            # -3.0 -8.0 again
# This is why a training loop calls zero_grad on the parameters before
# each backward.

# A Value used three times in one expression: x**3 written as x*x*x.
let x = 1.5
let y = x*x*x
y.backward()
print(x.grad, 3 * x.data**2)     # both 6.75
