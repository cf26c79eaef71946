"""The lecture's Value class (micrograd), with a backward that prints each
chain-rule step in mg's trace format. It writes the golden files that
trace_test.go compares mg's backward(L, trace=true) with:

    /usr/bin/python3 oracle.py
"""
import math


class Value:
    def __init__(self, data, _children=(), _op='', label=''):
        self.data = data
        self.grad = 0.0
        self._prev = _children
        self._op = _op
        self.label = label
        self._steps = lambda: []

    def name(self):
        if self.label:
            return self.label
        if not self._op:
            return f'[leaf {self.data!r}]'
        return f'[{self._op} {self.data!r}]'

    def __add__(self, other):
        out = Value(self.data + other.data, (self, other), '+')
        g = lambda: out.grad
        out._steps = lambda: [
            (self, '1.0 * ' + out.name() + '.grad', f'1.0 * {g()!r}', 1.0 * g()),
            (other, '1.0 * ' + out.name() + '.grad', f'1.0 * {g()!r}', 1.0 * g()),
        ]
        return out

    def __mul__(self, other):
        out = Value(self.data * other.data, (self, other), '*')
        g = lambda: out.grad
        out._steps = lambda: [
            (self, other.name() + '.data * ' + out.name() + '.grad', f'{other.data!r} * {g()!r}', other.data * g()),
            (other, self.name() + '.data * ' + out.name() + '.grad', f'{self.data!r} * {g()!r}', self.data * g()),
        ]
        return out

    def tanh(self):
        x = self.data
        t = (math.exp(2*x) - 1)/(math.exp(2*x) + 1)
        out = Value(t, (self,), 'tanh')
        g = lambda: out.grad
        out._steps = lambda: [
            (self, '(1 - ' + out.name() + '.data**2) * ' + out.name() + '.grad', f'{1 - t**2!r} * {g()!r}', (1 - t**2) * g()),
        ]
        return out

    def backward(self):
        topo, visited = [], set()

        def build_topo(v):
            if v not in visited:
                visited.add(v)
                for child in v._prev:
                    build_topo(child)
                topo.append(v)
        build_topo(self)
        self.grad = 1.0
        lines = [self.name() + '.grad = 1.0']
        for node in reversed(topo):
            for child, formula, numbers, c in node._steps():
                child.grad += c
                lines.append(f'{child.name()}.grad += {formula} = {numbers} -> {child.name()}.grad = {child.grad!r}')
        return lines


def lecture_L():
    a = Value(2.0, label='a')
    b = Value(-3.0, label='b')
    c = Value(10.0, label='c')
    e = a*b; e.label = 'e'
    d = e + c; d.label = 'd'
    f = Value(-2.0, label='f')
    L = d * f; L.label = 'L'
    lines = L.backward()
    return lines, [('a', a), ('b', b), ('c', c), ('d', d), ('e', e), ('f', f), ('L', L)]


def lecture_neuron():
    x1 = Value(2.0, label='x1')
    x2 = Value(0.0, label='x2')
    w1 = Value(-3.0, label='w1')
    w2 = Value(1.0, label='w2')
    b = Value(6.8813735870195432, label='b')
    x1w1 = x1*w1; x1w1.label = 'x1*w1'
    x2w2 = x2*w2; x2w2.label = 'x2*w2'
    x1w1x2w2 = x1w1 + x2w2; x1w1x2w2.label = 'x1*w1 + x2*w2'
    n = x1w1x2w2 + b; n.label = 'n'
    o = n.tanh(); o.label = 'o'
    lines = o.backward()
    return lines, [('x1', x1), ('w1', w1), ('x2', x2), ('w2', w2), ('b', b), ('n', n), ('o', o)]


def unlabeled():
    # The same neuron, its inner nodes left unlabeled: named by op and data.
    x1 = Value(2.0, label='x1')
    x2 = Value(0.0, label='x2')
    w1 = Value(-3.0, label='w1')
    w2 = Value(1.0, label='w2')
    b = Value(6.8813735870195432, label='b')
    o = (x1*w1 + x2*w2 + b).tanh()
    o.label = 'o'
    lines = o.backward()
    return lines, [('x1', x1), ('w1', w1), ('x2', x2), ('w2', w2), ('b', b)]


for name, fn in [('lecture_L', lecture_L), ('neuron', lecture_neuron), ('unlabeled', unlabeled)]:
    lines, grads = fn()
    with open(name + '.out', 'w') as out:
        out.write('\n'.join(lines) + '\n')
        out.write(' '.join(f'{k}={v.grad!r}' for k, v in grads) + '\n')
