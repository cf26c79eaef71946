# The Value section of the lecture, as typed in its notebook (a cell's
# last expression shown with print here; draw_dot left to the drawing
# tests). lecture_test.go adds `let` where a name is first bound and
# nothing else, runs it in mg and compares with python3.
a = Value(2.0, label='a')
b = Value(-3.0, label='b')
c = Value(10.0, label='c')
e = a*b; e.label = 'e'
d = e + c; d.label = 'd'
f = Value(-2.0, label='f')
L = d * f; L.label = 'L'
print(L)
print(L.label, e.label, d.label)

# backpropagation by hand
L.grad = 1.0
f.grad = 4.0
d.grad = -2.0
c.grad = -2.0
e.grad = -2.0
a.grad = -2.0 * -3.0
b.grad = -2.0 * 2.0
print(a.grad, b.grad, c.grad, d.grad, e.grad, f.grad)

# one step of optimisation: nudge the leaves along their gradients
a.data += 0.01 * a.grad
b.data += 0.01 * b.grad
c.data += 0.01 * c.grad
f.data += 0.01 * f.grad

e = a * b
d = e + c
L = d * f

print(L.data)

# a neuron
# inputs x1,x2
x1 = Value(2.0, label='x1')
x2 = Value(0.0, label='x2')
# weights w1,w2
w1 = Value(-3.0, label='w1')
w2 = Value(1.0, label='w2')
# bias of the neuron
b = Value(6.8813735870195432, label='b')
# x1*w1 + x2*w2 + b
x1w1 = x1*w1; x1w1.label = 'x1*w1'
x2w2 = x2*w2; x2w2.label = 'x2*w2'
x1w1x2w2 = x1w1 + x2w2; x1w1x2w2.label = 'x1*w1 + x2*w2'
n = x1w1x2w2 + b; n.label = 'n'
o = n.tanh(); o.label = 'o'
o.backward()
print(o.data, n.grad, x1.grad, w1.grad, x2.grad, w2.grad)

# the other ops of the Value class
a = Value(2.0)
b = Value(4.0)
print((a / b).data, (a - b).data, a.exp().data, (2 * a).data, (a + 1).data, (a**2).data)

# a node used twice: gradients accumulate
a = Value(3.0, label='a')
b = a + a   ; b.label = 'b'
b.backward()
print(a.grad)

a = Value(-2.0, label='a')
b = Value(3.0, label='b')
d = a * b    ; d.label = 'd'
e = a + b    ; e.label = 'e'
f = d * e    ; f.label = 'f'
f.backward()
print(a.grad, b.grad)
