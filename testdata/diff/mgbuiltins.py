"""mg's builtins and statements as the differential test's Python side
writes them: the binding rule (B, RB), the Value functions on numbers and
Values, print (P) and the boxes of dot (DOT). See mgvalue.py.

P(...) prints as mg's print does: Python's print, except that bools are
true/false, None is none and strings inside lists are double-quoted.
"""
import mgvalue
from mgvalue import Value, _data, _node, _pow, topo


def B(x, name):
    """The binding rule: naming a float makes a leaf labelled with the name;
    naming an unlabelled Value labels it."""
    if isinstance(x, float) or (isinstance(x, int) and not isinstance(x, bool) and not mgvalue.INTS_STAY_INTS):
        return Value(x, label=name)
    if isinstance(x, Value) and x.label == "":
        x.label = name
    return x


def _unary(op, f):
    def fn(x):
        if isinstance(x, Value):
            return _node(op, x)
        return _data(op, Value(x), None, None)
    fn.__name__ = f
    return fn


relu = _unary("ReLU", "relu")
tanh = _unary("tanh", "tanh")
exp = _unary("exp", "exp")
log = _unary("log", "log")
sigmoid = _unary("sigmoid", "sigmoid")
sin = _unary("sin", "sin")
cos = _unary("cos", "cos")


def sqrt(x):
    if isinstance(x, Value):
        return x ** 0.5
    return _pow(float(x), 0.5)


def _fmt(x, inlist):
    if isinstance(x, bool):
        return "true" if x else "false"
    if x is None:
        return "none"
    if isinstance(x, str):
        return '"' + x + '"' if inlist else x
    if isinstance(x, list):
        return "[" + ", ".join(_fmt(y, True) for y in x) + "]"
    return repr(x) if isinstance(x, (float, Value)) else str(x)


def P(*args):
    print(" ".join(_fmt(a, False) for a in args))


def DOT(root):
    """What the test reads from mg's dot(root): every Value's record, and
    every op's name, each sorted."""
    nodes = topo(root)
    recs = sorted("{ %s | data %.4f | grad %.4f }" % (v.label, v.data, v.grad) for v in nodes)
    ops = sorted(v.op for v in nodes if v._op)
    print("DOT %d records, %d ops" % (len(recs), len(ops)))
    for r in recs:
        print("  record " + r)
    for o in ops:
        print("  op " + o)


def RB(old, x, name):
    """Rebinding `name = x`: like B, and name must exist (mg's `=` does not
    declare)."""
    return B(x, name)
