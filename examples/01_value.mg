# 01 · Values: numbers that remember how they were made.
#
#   go run ./cmd/mg run examples/01_value.mg
#
# Every float you name in mg is a Value: a node of a computation graph
# with its number (`data`), its gradient (`grad`, 0.0 until `backward`
# fills it in), the operation that made it (`op`) and a `label` (the name
# you gave it). This is the lecture's Value class, built into the language.

let a = 2.0
let b = -3.0
let c = 10.0
print(a)                         # Value(data=2.0, grad=0.0)
print(a.data, a.grad, a.label)   # 2.0 0.0 a

# Arithmetic on Values makes new Values, one node per operation, and
# remembers the operation. Naming the result labels it.
let d = a*b + c
print(d)                         # Value(data=4.0, grad=0.0)
print(d.label, d.op)             # d +

# A leaf (a Value made from a number) has no op.
print(a.op == "")                # true

# `Value(x, label=...)` makes a leaf with a label of your choice; the
# label is what the graph drawing shows.
let w = Value(-3.0, label="weight")
print(w.label, w.data)           # weight -3.0

# Mixing a Value with a plain number: the number becomes a constant leaf of
# the graph, exactly as micrograd's `Value(other)`.
let e = a * 2 + 1
print(e, e.op)                   # Value(data=5.0, grad=0.0) +

# Numbers that are not named stay plain numbers, with Python's rules:
# int op int is an int, `/` gives a float.
print(2 * 3, 7 / 2, 7 // 2, 2 ** 10, 0.1 + 0.2)

# Naming a float makes a Value; a named int stays an int, because ints
# count, index and raise to powers (`Value(3)` makes a Value of one):
let n = 3
print(n, type(n))                # 3 int

# ... while list elements, loop variables and function parameters stay
# what they are. `.data` gives a Value's plain number back.
let xs = [1, 2.5]
print(xs[0], type(xs[0]), type(xs[1]))
for i in range(2) { print(i, type(i)) }
print(d.data * 2, type(d.data))

# Comparisons compare the numbers and give a bool.
print(d > a, d == 4.0, a < b)

# The activation functions are graph operations too, and work on plain
# numbers as well (then they give a plain number).
print(d.relu(), b.relu(), relu(-1.5))
print(tanh(0.5), exp(1.0), log(2.0), sigmoid(0.0))
