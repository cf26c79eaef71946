"""Writes cpython_numbers.txt: expressions in the common subset of mg and Python
about numbers (ints beyond 2**53, int/float comparison and division,
round, abs, int(), float(), **), each with what CPython prints for it.

    /usr/bin/python3 cpython_numbers.py > cpython_numbers.txt

Each line: EXPRESSION <TAB> OUTPUT, where OUTPUT is what print() shows
(True/False written as mg's true/false), or ERROR when Python raises, or
gives what mg deliberately refuses (an int beyond 64 bits, a complex number).
Expressions whose result is not finite are left out (mg stops with an error
there), and so are powers that glibc misrounds, listed as comments: mg's
result is the correctly rounded one (mpmath)."""
import random
from fractions import Fraction

import mpmath

mpmath.mp.prec = 256

random.seed(20261130)
INT64 = 2 ** 63
exprs = []


def add(e):
    exprs.append(e)


# Fixed cases: the rules as stated, and their edges.
for e in """round(99999999999999999)
round(-9223372036854775807)
round(-9223372036854775807 - 1)
9007199254740993 / 3
9007199254740993 == 9007199254740992.0
9007199254740993 != 9007199254740992.0
9007199254740993 > 9007199254740992.0
9007199254740992 == 9007199254740992.0
9223372036854775807 < 9223372036854775808.0
9223372036854775807 == 9223372036854775808.0
-9223372036854775807 - 1 == -9223372036854775808.0
[9007199254740993] == [9007199254740992.0]
max(9007199254740993, 9007199254740992.0)
min(9007199254740992.0, 9007199254740993)
2 ** 62 + 1
9007199254740993 + 0.0
9007199254740993 * 1.0
9007199254740993 - 1.5
9007199254740993 // 2.0
9007199254740993 % 2.0
9223372036854775807 / 9223372036854775806
-9223372036854775807 / 7
9223372036854775807 / -1
1 / 3
7 / 2
-7 / 2
0 / 5
1 / 0
7 // 2
-7 // 2
-7 % 3
7 % -3
2 ** -1
(-2) ** -3
0 ** 0
round(7, 1)
round(7, -1)
round(15, -1)
round(25, -1)
round(-15, -1)
round(-25, -1)
round(5, -1)
round(1234, -2)
round(9223372036854775807, -18)
round(4611686018427387904, -19)
round(9223372036854775807, -19)
round(-9223372036854775807, -20)
round(true)
round(false, 3)
round(2.5)
round(3.5)
round(-2.5)
round(-0.5)
round(0.5, 0)
round(-0.4, 0)
round(-0.0, 2)
round(2.675, 2)
round(1.005, 2)
round(0.125, 2)
round(0.375, 2)
round(2.5, 0)
round(1e-05, 5)
round(123456.789, -2)
round(123456.789, -5)
round(123456.789, -6)
round(1.7976931348623157e308, -300)
round(1.7976931348623157e308, -308)
round(1.5e-320, 322)
round(1.5e-320, 400)
round(1.5, -400)
round(0.1 + 0.2, 15)
round(0.1 + 0.2, 16)
round(1e16, 2)
round(9.223372036854776e18)
round(1e300)
abs(true)
abs(false)
abs(-5)
abs(-2.5)
abs(-9223372036854775807)
int("1_000")
int(" -42 ")
int("+7")
int("007")
int("1__0")
int("_1")
int("1_")
int("")
int("1.5")
int("0x10")
int("9223372036854775807")
int("9223372036854775808")
int("-9223372036854775808")
int(3.9)
int(-3.9)
int(-0.5)
int(true)
int(1e18)
int(9.3e18)
float("0x1p4")
float("1_0.5")
float(" -Infinity ")
float("inf")
float("+nan")
float("1e400")
float("-1e-400")
float(".5")
float("5.")
float("1_0e1_0")
float("1__0")
float("_1")
float("1_")
float("1e")
float(".")
float("e5")
float("1.5e+_3")
float("infinit")
float("1_.5")
float("1._5")
float("--1")
float(" ")
float("1 0")
float("0b1")
float("1E5")
float(9007199254740993)
float(9223372036854775807)
float(true)
3.7 ** -1.5e308
(-3.7) ** -1.5e308
0.5 ** 1e308
2.0 ** -1e308
1.0 ** 1e308
(-1.0) ** 1e308
3.7 ** 1.5e308
2 ** 0.5
(-8) ** (1 / 3)""".splitlines():
    add(e)

# Random ints beyond 2**53 against floats near them.
def rand_big():
    e = random.randint(53, 62)
    n = random.randint(2 ** e, 2 ** (e + 1) - 1)
    return n if random.random() < 0.5 else -n


for _ in range(150):
    a = rand_big()
    f = float(a + random.randint(-3000, 3000))
    op = random.choice(["==", "!=", "<", "<=", ">", ">="])
    add(f"{a} {op} {f!r}")
    add(f"{f!r} {op} {a}")
for _ in range(100):
    a, b = rand_big(), random.choice([rand_big(), random.randint(-1000, 1000)])
    add(f"{a} / {b}")
for _ in range(60):
    a = rand_big()
    f = random.uniform(-1e6, 1e6)
    add(f"{a} {random.choice(['+', '-', '*'])} {f!r}")
    add(f"round({a}, {random.randint(-20, 3)})")
# round(x, n) for floats: decimals that look like halves, and any.
for _ in range(200):
    k = random.randint(0, 6)
    x = round(random.uniform(-1000, 1000), k + 1)
    if random.random() < 0.5:
        x = float(str(int(x * 10 ** k)) + "5") / 10 ** (k + 1)
    add(f"round({x!r}, {k})")
for _ in range(100):
    x = random.uniform(-1, 1) * 10 ** random.uniform(-20, 20)
    add(f"round({x!r}, {random.randint(-22, 25)})")
    add(f"round({x!r})")

# Random arithmetic between ints (small, and beyond 2**53) and floats.
def rand_num():
    r = random.random()
    if r < 0.3:
        return str(random.randint(-20, 20))
    if r < 0.5:
        return str(rand_big())
    if r < 0.8:
        return repr(round(random.uniform(-100, 100), random.randint(0, 3)))
    return repr(random.uniform(-1, 1) * 10 ** random.uniform(-30, 30))


for _ in range(400):
    a, b = rand_num(), rand_num()
    op = random.choice(["+", "-", "*", "/", "//", "%", "**", "==", "<", ">=", "!="])
    if op == "**":
        b = random.choice([str(random.randint(-5, 40)), repr(random.uniform(-3, 3))])
    add(f"({a}) {op} ({b})")

SKIP = object()


def correct_pow(e):
    """The correctly rounded value of a '(a) ** (b)' expression."""
    a, b = e.split(" ** ")
    x, y = mpmath.mpf(eval(a)), mpmath.mpf(eval(b))
    sign, man, exp, _ = mpmath.power(x, y)._mpf_
    return float((-1) ** sign * Fraction(man) * Fraction(2) ** exp)


def show(v):
    if isinstance(v, float) and (v != v or v in (float("inf"), float("-inf"))):
        return SKIP  # mg stops with an error where a result is not finite
    if isinstance(v, complex):
        return None  # (-8) ** (1/3): mg has no complex numbers, it says so
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int) and not -INT64 <= v < INT64:
        return None  # beyond int64: mg says so (an error), Python goes on
    if isinstance(v, list):
        return "[" + ", ".join(show(x) for x in v) + "]"
    return repr(v)


print("# generated by cpython_numbers.py: EXPRESSION <TAB> CPYTHON'S OUTPUT (or ERROR)")
for e in exprs:
    try:
        v = eval(e.replace("true", "True").replace("false", "False"))
        s = show(v)
        if s is SKIP:
            if not e.startswith("float("):
                continue
            s = repr(v)  # float("inf"), float("nan")
        if s is None:
            s = "ERROR"
        if "**" in e and isinstance(v, float) and v != 0 and v != correct_pow(e):
            # glibc's pow misrounds here; mg's correctly rounded result stands
            print(f"# glibc misrounds: {e}: CPython {v!r}, correctly rounded {correct_pow(e)!r}")
            continue
    except (ArithmeticError, ValueError, TypeError):
        s = "ERROR"
    print(f"{e}\t{s}")
