"""mg's Value and builtins, written in Python, for the differential test
cmd/mg/diff_test.go.

This is micrograd's Value with mg's rules (the language contract, sections 2,
4, 5 and 6), so that a program run by CPython with these names prints what mg
must print:

- data and grad are floats; a number next to a Value is a fresh constant leaf
  (Value(float(c))) at every evaluation;
- one node per op: + - * / neg **K ** ReLU tanh exp log sigmoid sin cos, with
  `**K` named f'**{K}' as micrograd names it (`**2` for the int 2, `**2.0` for
  the float); sqrt(x) is x ** 0.5;
- the operands of a node are ordered (a, b), and the topological order is the
  post-order of a depth-first search taking a before b (micrograd keeps them
  in a set, whose order Python leaves unspecified);
- backward(L) sets L.grad = 1 and every other non-leaf node's grad to 0, then
  applies the chain rule to the nodes in the reverse of the order they were
  made (PyTorch's order; an op's operands exist before it); leaves
  accumulate;
- forward(L) recomputes every node's data from the leaves' data;
- the local gradients are written exactly as mg computes them, so that every
  digit agrees;
- an op whose result or gradient is not finite, a division by zero, the log
  of a non-positive number or a non-integral power of a negative number is an
  error (MgError), as in mg.

exp, log, sin, cos and ** round correctly (mpmath at 300 bits, rounded
once), as mg's do: where glibc's libm, and so CPython, is off by one unit in
the last place, mg's correctly rounded digit is the right one. PW(a, b) is
Python's a ** b with that rounding.

The builtins, print and dot are in mgbuiltins.py.
"""
import itertools
import math

from crmath import MISROUNDED, PW, ccos, cexp, clog, csin  # noqa: F401 (MISROUNDED, PW: for run.py)

# The rules of mg that can be switched off while mg does not have them yet
# (set by run.py from its command line).
INTS_STAY_INTS = True
RESET_INNER = True
# A leaf gets the sum of its contributions added once to its old grad (so a
# second backward doubles it exactly), rather than each contribution added
# into it in turn (micrograd's way; the same on a fresh graph).
FRESH_LEAVES = False

class MgError(Exception):
    """A runtime error that mg reports too."""


def _finite(x):
    return x - x == 0


def _check(x, what):
    if not _finite(x):
        raise MgError("result is not finite in " + what)
    return x


def _pow(x, k):
    if x < 0 and k != math.trunc(k):
        raise MgError("non-integral power of a negative number")
    if x == 0 and k < 0:
        raise MgError("division by zero in **")
    try:
        r = PW(float(x), k)
    except OverflowError:
        raise MgError("result is not finite in **")
    return _check(r, "**")


def _tanh(x):
    if abs(x) > 20:
        return math.tanh(x)
    e = cexp(2 * x)
    return (e - 1) / (e + 1)


def _exp(x):
    try:
        return _check(cexp(x), "exp")
    except OverflowError:
        raise MgError("result is not finite in exp")


def _data(op, a, b, k):
    if op == "+":
        return _check(a.data + b.data, op)
    if op == "-":
        return _check(a.data - b.data, op)
    if op == "*":
        return _check(a.data * b.data, op)
    if op == "/":
        if b.data == 0:
            raise MgError("division by zero in /")
        return _check(a.data / b.data, op)
    if op == "neg":
        return -a.data
    if op == "**K":
        return _pow(a.data, k)
    if op == "**":
        return _pow(a.data, b.data)
    if op == "ReLU":
        return a.data if a.data > 0 else 0.0
    if op == "tanh":
        return _tanh(a.data)
    if op == "exp":
        return _exp(a.data)
    if op == "log":
        if a.data <= 0:
            raise MgError("log of a non-positive number")
        return clog(a.data)
    if op == "sigmoid":
        try:
            e = cexp(-a.data)
        except OverflowError:
            e = math.inf
        return 1 / (1 + e)
    if op == "sin":
        return csin(a.data)
    if op == "cos":
        return ccos(a.data)
    raise AssertionError(op)


_made = itertools.count()


class Value:
    __slots__ = ("data", "grad", "_a", "_b", "_op", "_k", "label", "const", "_n")

    def __init__(self, data, label="", _a=None, _b=None, _op="", _k=None):
        if isinstance(data, Value):
            data = data.data
        self._n = next(_made)  # the order of creation, which backward follows
        self.data = float(data)
        self.grad = 0.0
        self._a, self._b, self._op, self._k = _a, _b, _op, _k
        self.label = label
        self.const = False

    def __setattr__(self, name, v):
        if name in ("data", "grad"):
            if isinstance(v, Value):
                v = v.data
            v = float(v)
        object.__setattr__(self, name, v)

    @property
    def op(self):
        if self._op == "**K":
            return "**" + str(self._k)
        return self._op

    def __repr__(self):
        return "Value(data=%r, grad=%r)" % (self.data, self.grad)

    def __bool__(self):
        return self.data != 0

    # comparisons compare data
    def __eq__(self, o):
        return _d(self) == _d(o) if _isnum(o) else False

    def __ne__(self, o):
        return not self.__eq__(o)

    def __lt__(self, o):
        return self.data < _d(o)

    def __le__(self, o):
        return self.data <= _d(o)

    def __gt__(self, o):
        return self.data > _d(o)

    def __ge__(self, o):
        return self.data >= _d(o)

    __hash__ = object.__hash__

    def __add__(self, o):
        return _node("+", self, _v(o))

    def __radd__(self, o):
        return _node("+", _v(o), self)

    def __sub__(self, o):
        return _node("-", self, _v(o))

    def __rsub__(self, o):
        return _node("-", _v(o), self)

    def __mul__(self, o):
        return _node("*", self, _v(o))

    def __rmul__(self, o):
        return _node("*", _v(o), self)

    def __truediv__(self, o):
        return _node("/", self, _v(o))

    def __rtruediv__(self, o):
        return _node("/", _v(o), self)

    def __neg__(self):
        return _node("neg", self)

    def __pos__(self):
        return self

    def __pow__(self, o):
        if isinstance(o, Value):
            return _node("**", self, o)
        return _node("**K", self, k=o)

    def __rpow__(self, o):
        return _node("**", _v(o), self)

    def __floordiv__(self, o):
        raise MgError("// takes numbers, not Values")

    __rfloordiv__ = __mod__ = __rmod__ = __floordiv__

    def relu(self):
        return _node("ReLU", self)

    def tanh(self):
        return _node("tanh", self)

    def exp(self):
        return _node("exp", self)

    def log(self):
        return _node("log", self)

    def sigmoid(self):
        return _node("sigmoid", self)

    def sin(self):
        return _node("sin", self)

    def cos(self):
        return _node("cos", self)

    def sqrt(self):
        return self ** 0.5

    def backward(self):
        backward(self)

    def forward(self):
        forward(self)

    def zero_grad(self):
        zero_grad(self)


def _isnum(x):
    return isinstance(x, (int, float, Value))


def _d(x):
    return x.data if isinstance(x, Value) else x


def _v(o):
    if isinstance(o, Value):
        return o
    if not isinstance(o, (int, float)):
        raise MgError("unsupported operand")
    c = Value(o)
    c.const = True
    return c


def _node(op, a, b=None, k=None):
    out = Value(0.0, _a=a, _b=b, _op=op, _k=k)
    out.data = _data(op, a, b, k)
    return out


def topo(root):
    """Post-order of a depth-first search, operand a before b."""
    order, seen = [], {id(root)}
    stack = [(root, 0)]
    while stack:
        v, i = stack.pop()
        kids = [c for c in (v._a, v._b) if c is not None]
        if i < len(kids):
            stack.append((v, i + 1))
            c = kids[i]
            if id(c) not in seen:
                seen.add(id(c))
                stack.append((c, 0))
        else:
            order.append(v)
    return order


def _gerr(v):
    raise MgError("gradient is not finite in " + v.op)


def sweep(root):
    """Every node root depends on, in the order they were made."""
    return sorted(topo(root), key=lambda v: v._n)


def backward(root):
    nodes = sweep(root)
    old = {}
    for v in nodes:
        if v._op and RESET_INNER:
            v.grad = 0.0
        elif not v._op and FRESH_LEAVES:
            old[id(v)] = v.grad
            v.grad = 0.0
    root.grad = 1.0
    for v in reversed(nodes):
        g = v.grad
        if not _finite(g):
            _gerr(v)
        a, b, op = v._a, v._b, v._op
        if op == "+":
            a.grad += g
            b.grad += g
        elif op == "-":
            a.grad += g
            b.grad += -g
        elif op == "*":
            ca, cb = b.data * g, a.data * g
            if not (_finite(ca) and _finite(cb)):
                _gerr(v)
            a.grad += ca
            b.grad += cb
        elif op == "/":
            ca, cb = g / b.data, (-g * a.data) / (b.data * b.data)
            if not (_finite(ca) and _finite(cb)):
                _gerr(v)
            a.grad += ca
            b.grad += cb
        elif op == "neg":
            a.grad += -g
        elif op == "**K":
            k = v._k
            try:
                c = (k * PW(a.data, k - 1)) * g
            except (OverflowError, ZeroDivisionError):
                _gerr(v)
            if isinstance(c, complex) or not _finite(c):
                _gerr(v)
            a.grad += c
        elif op == "**":
            x, y = a.data, b.data
            if x < 0:
                raise MgError("gradient with respect to the exponent is undefined for a negative base")
            try:
                ca = (y * PW(x, y - 1)) * g
            except (OverflowError, ZeroDivisionError):
                _gerr(v)
            cb = (v.data * clog(x)) * g if x != 0 else 0.0
            if isinstance(ca, complex) or not (_finite(ca) and _finite(cb)):
                _gerr(v)
            a.grad += ca
            b.grad += cb
        elif op == "ReLU":
            if v.data > 0:
                a.grad += g
        elif op == "tanh":
            t = v.data
            a.grad += (1 - t * t) * g
        elif op == "exp":
            c = v.data * g
            if not _finite(c):
                _gerr(v)
            a.grad += c
        elif op == "log":
            c = g / a.data
            if not _finite(c):
                _gerr(v)
            a.grad += c
        elif op == "sigmoid":
            s = v.data
            a.grad += (s * (1 - s)) * g
        elif op == "sin":
            a.grad += ccos(a.data) * g
        elif op == "cos":
            a.grad += -csin(a.data) * g
    for v in nodes:
        if id(v) in old and v is not root:
            v.grad = old[id(v)] + v.grad


def forward(root):
    for v in topo(root):
        if v._op:
            v.data = _data(v._op, v._a, v._b, v._k)


def zero_grad(x):
    if isinstance(x, Value):
        x.grad = 0.0
    elif isinstance(x, list):
        for y in x:
            zero_grad(y)
