# The lecture's tanh broken up into exp, after the neuron of
# lecture_value.py. mg's - and / are one op each (LANGUAGE.md section 4),
# where the lecture's Value computes a + (-b) and a * b**-1, which round
# twice: the numbers agree to the last digit or so, not to the bit.
x1 = Value(2.0, label='x1')
x2 = Value(0.0, label='x2')
w1 = Value(-3.0, label='w1')
w2 = Value(1.0, label='w2')
b = Value(6.8813735870195432, label='b')
x1w1 = x1*w1; x1w1.label = 'x1*w1'
x2w2 = x2*w2; x2w2.label = 'x2*w2'
x1w1x2w2 = x1w1 + x2w2; x1w1x2w2.label = 'x1*w1 + x2*w2'
n = x1w1x2w2 + b; n.label = 'n'
# ----
e = (2*n).exp()
o = (e - 1) / (e + 1)
# ----
o.label = 'o'
o.backward()
print(o.data, x1.grad, w1.grad, x2.grad, w2.grad)
