"""Correctly rounded exp, log, sin, cos and ** for the differential test's
Python side (mgvalue.py).

mg rounds these correctly (computed in extra precision, rounded once).
CPython calls glibc's libm, which is correctly rounded for all but about one
argument in a thousand; there, mg's digit is the right one. Each function
here takes glibc's result and, when it is not the correctly rounded one
(mpmath at 300 bits), returns the correctly rounded one instead and counts
it in MISROUNDED.
"""
import math

import mpmath

# How many results glibc rounded differently from the correct rounding.
MISROUNDED = [0]


def _cr(f, *args):
    with mpmath.workprec(300):
        return float(f(*[a if isinstance(a, int) else mpmath.mpf(a) for a in args]))


def _fix(r, f, *args):
    """r, unless glibc misrounded it: then the correctly rounded result."""
    if isinstance(r, float) and r - r == 0 and r != 0:
        c = _cr(f, *args)
        if c != r:
            MISROUNDED[0] += 1
            return c
    return r


def cexp(x):
    return _fix(math.exp(x), mpmath.exp, x)


def clog(x):
    return _fix(math.log(x), mpmath.log, x)


def csin(x):
    return _fix(math.sin(x), mpmath.sin, x)


def ccos(x):
    return _fix(math.cos(x), mpmath.cos, x)


def PW(a, b):
    """Python's a ** b, correctly rounded when the result is a float."""
    r = a ** b
    if isinstance(r, float) and not isinstance(a, bool) and not isinstance(b, bool):
        b = float(b)
        if b == math.trunc(b) and abs(b) < 2**53:
            b = int(b)  # mpmath's power of a negative base is real only for an int exponent
        return _fix(r, lambda x, y: mpmath.power(x, y), float(a), b)
    return r


