package main

import (
	"math"
	"strconv"
	"strings"
)

// Expressions of the differential test's generator: numbers with
// CPython's int and float rules, conditions, and Values.

// floatLits are floats whose digits are worth printing: halves, the ones
// that are not exact in binary, the borders of repr's exponent form.
var floatLits = []float64{0.1, 0.2, 0.3, 0.5, 1.5, 2.5, 3.0, 0.25, 1e-3, 1e-4, 1e-5, 1e16, 1e15, 1e22,
	123.456, 2.675, 0.125, 1e-7, 3.14159, 6.02e23, 100.0, 0.7, 1.1, 2.0, 4.0, 0.0, 9.5, 1e300, 0.1, 0.5, 1.5}

var intLits = []int64{0, 1, 2, 3, 4, 5, 7, 10, 12, 100, 255, 1000, 65536, 123456789, 2147483648, 1 << 40}

// bigIntLits reach beyond 2**53, where a float cannot hold every int.
var bigIntLits = []int64{1<<53 + 1, 9007199254740993, 99999999999999999, 9223372036854775807, 1<<62 + 3, 12345678901234567}

// pyFloat writes x as a float literal that both languages read as x.
func pyFloat(x float64) string {
	s := strconv.FormatFloat(x, 'g', -1, 64)
	if !strings.ContainsAny(s, ".en") {
		s += ".0"
	}
	return s
}

func (g *gen) floatLit() ex {
	var x float64
	switch g.r.Intn(4) {
	case 0, 1:
		x = floatLits[g.r.Intn(len(floatLits))]
	case 2:
		x = float64(g.r.Intn(2000)) / 100
	default:
		x = g.r.Float64() * math.Pow(10, float64(g.r.Intn(9)-4))
	}
	return same(pyFloat(x), kFloat)
}

func (g *gen) smallInt() ex { return same(itoa(g.r.Intn(13)), kInt) }

func (g *gen) intLit() ex {
	if g.f.bigInts && g.pct(4) {
		return same(strconv.FormatInt(bigIntLits[g.r.Intn(len(bigIntLits))], 10), kInt)
	}
	if g.pct(70) {
		return g.smallInt()
	}
	return same(strconv.FormatInt(intLits[g.r.Intn(len(intLits))], 10), kInt)
}

// numLeaf is a literal or a variable holding a number.
func (g *gen) numLeaf() ex {
	switch c := g.r.Intn(100); {
	case c < 30:
		return g.intLit()
	case c < 60:
		return g.floatLit()
	case c < 75:
		if v, ok := g.pickVar(kNum, false); ok {
			return same(v.name, v.k)
		}
	case c < 88:
		if v, ok := g.pickVar(kVal, false); ok {
			return same(v.name+[]string{".data", ".grad"}[g.r.Intn(2)], kFloat)
		}
	case c < 94:
		if v, ok := g.pickVar(kList, false); ok {
			if g.pct(50) {
				return same("len("+v.name+")", kInt)
			}
			return same(v.name+"["+[]string{"0", "-1"}[g.r.Intn(2)]+"]", kNum)
		}
	default:
		if v, ok := g.pickVar(kInt, false); ok {
			return same(v.name, kInt)
		}
	}
	return g.intLit()
}

func paren(e ex) ex { return ex{"(" + e.mg + ")", "(" + e.py + ")", e.k} }

func bin(a ex, op string, b ex, k vkind) ex {
	return ex{a.mg + " " + op + " " + b.mg, a.py + " " + op + " " + b.py, k}
}

func call1(f string, e ex, k vkind) ex { return ex{f + "(" + e.mg + ")", f + "(" + e.py + ")", k} }

// num is a number: int when every part is an int and the ops keep ints.
func (g *gen) num(d int) ex {
	if d <= 0 || g.pct(25) {
		return g.numLeaf()
	}
	kk := func(a, b ex) vkind {
		switch {
		case a.k == kInt && b.k == kInt:
			return kInt
		case a.k == kFloat || b.k == kFloat:
			return kFloat
		}
		return kNum
	}
	mm := func(a, b ex) vkind { // min and max give one of their operands
		if a.k == b.k {
			return a.k
		}
		return kNum
	}
	switch c := g.r.Intn(100); {
	case c < 45:
		a, b := g.num(d-1), g.num(d-1)
		op := []string{"+", "-", "*"}[g.r.Intn(3)]
		return paren(bin(a, op, b, kk(a, b)))
	case c < 55:
		return paren(bin(g.num(d-1), "/", g.divisor(), kFloat))
	case c < 63:
		a := g.num(d - 1)
		b := same([]string{"2", "3", "7", "-2", "2.5", "0.5", "-1.5"}[g.r.Intn(7)], kInt)
		if strings.Contains(b.mg, ".") {
			b.k = kFloat
		}
		return paren(bin(a, []string{"//", "%"}[g.r.Intn(2)], paren(b), kk(a, b)))
	case c < 68:
		a := g.numLeaf()
		e := []string{"0", "1", "2", "3", "-1", "-2", "0.5", "2.0"}[g.r.Intn(8)]
		k := a.k
		if strings.ContainsAny(e, ".-") {
			k = kFloat
		}
		if strings.Contains(e, ".") && e != "2.0" {
			a = call1("abs", a, a.k)
		}
		// PW is Python's ** with the correct rounding of mg (mgvalue.py)
		return ex{"((" + a.mg + ") ** (" + e + "))", "PW(" + a.py + ", " + e + ")", k}
	case c < 73:
		a := g.num(d - 1)
		if a.mg == "0" && !g.f.negZeroInt {
			return a
		}
		return paren(ex{"-" + a.mg, "-" + a.py, a.k})
	case c < 78:
		a := g.num(d - 1)
		if g.pct(50) {
			return call1("abs", a, a.k)
		}
		if a.k == kInt && !g.f.pyNumbers {
			return call1("round", a, kInt)
		}
		if g.pct(50) {
			n := itoa(g.r.Intn(5) - 1)
			k := kFloat
			if a.k != kFloat {
				k = a.k
			}
			if !g.f.pyNumbers { // round(int, n) is a float in mg today
				a, k = call1("float", a, kFloat), kFloat
			}
			return ex{"round(" + a.mg + ", " + n + ")", "round(" + a.py + ", " + n + ")", k}
		}
		return call1("round", a, kInt)
	case c < 82:
		return call1("int", g.num(d-1), kInt)
	case c < 85:
		return call1("float", g.num(d-1), kFloat)
	case c < 89:
		a, b := g.num(d-1), g.num(d-1)
		return ex{"min(" + a.mg + ", " + b.mg + ")", "min(" + a.py + ", " + b.py + ")", mm(a, b)}
	case c < 92:
		a, b := g.num(d-1), g.num(d-1)
		return ex{"max(" + a.mg + ", " + b.mg + ")", "max(" + a.py + ", " + b.py + ")", mm(a, b)}
	case c < 95:
		f := []string{"exp", "tanh", "sigmoid", "relu", "sin", "cos"}[g.r.Intn(6)]
		a := g.num(d - 1)
		if (f == "sin" || f == "cos") && !g.f.trigBig || f == "exp" && g.pct(70) {
			a = call1("tanh", a, kFloat) // keep the argument below 2**20
		}
		return call1(f, a, kFloat)
	case c < 96:
		if v, ok := g.pickVar(kList, false); ok {
			return call1("sum", same(v.name, kList), kNum)
		}
	case c < 98:
		a, b, c := g.num(d-1), g.num(d-1), g.cond(1)
		return ex{"(" + a.mg + " if " + c.mg + " else " + b.mg + ")", "(" + a.py + " if " + c.py + " else " + b.py + ")", mm(a, b)}
	default:
		if e, ok := g.call(kNum, d); ok {
			return e
		}
	}
	return g.numLeaf()
}

// divisor is a number that is mostly not zero: a literal, or one made
// positive (a grad is often 0).
func (g *gen) divisor() ex {
	b := g.numLeaf()
	if g.pct(90) && (b.mg == "0" || b.mg == "0.0" || strings.ContainsAny(b.mg[:1], "abcdefghijklmnopqrstuvwxyz")) {
		return paren(bin(call1("abs", b, b.k), "+", same("0.5", kFloat), kFloat))
	}
	return b
}

// intE is an int expression.
func (g *gen) intE(d int) ex {
	for i := 0; i < 10; i++ {
		if e := g.num(d); e.k == kInt {
			return e
		}
	}
	return g.smallInt()
}

// cond is a bool: comparisons of numbers and Values, and, or, not.
func (g *gen) cond(d int) ex {
	switch c := g.r.Intn(100); {
	case c < 5 && g.f.bigInts:
		// ints and floats near 2**53 and 2**63, where a float cannot
		// hold every int: CPython compares them exactly
		n := bigIntLits[g.r.Intn(len(bigIntLits))]
		if n < math.MaxInt64 {
			n += int64(g.r.Intn(3) - 1)
		}
		a := same(strconv.FormatInt(n, 10), kInt)
		b := same(pyFloat([]float64{9007199254740992.0, 9007199254740994.0, 9.223372036854776e18, 1e17, 1.2345678901234568e16}[g.r.Intn(5)]), kFloat)
		if g.pct(50) {
			a, b = b, a
		}
		return paren(bin(a, []string{"==", "!=", "<", "<=", ">", ">="}[g.r.Intn(6)], b, kNum))
	case c < 60 || d <= 0:
		var a, b ex
		if g.pct(30) {
			if v, ok := g.pickVar(kVal, false); ok {
				a, b = same(v.name, kVal), g.num(1)
			}
		}
		if a.mg == "" {
			a, b = g.num(2), g.num(2)
		}
		return paren(bin(a, []string{"==", "!=", "<", "<=", ">", ">="}[g.r.Intn(6)], b, kNum))
	case c < 75:
		a, b := g.cond(d-1), g.cond(d-1)
		return paren(bin(a, []string{"and", "or"}[g.r.Intn(2)], b, kNum))
	case c < 85:
		a := g.cond(d - 1)
		return paren(ex{"not " + a.mg, "not " + a.py, kNum})
	default:
		if g.pct(50) {
			return ex{"true", "True", kNum}
		}
		return ex{"false", "False", kNum}
	}
}

// val is a Value: an expression with a Value somewhere in it.
func (g *gen) val(d int) ex {
	leaf := func() ex {
		if v, ok := g.pickVar(kVal, false); ok && g.pct(85) {
			return same(v.name, kVal)
		}
		if v, ok := g.pickVar(kVList, false); ok && g.pct(50) {
			return same(v.name+"["+[]string{"0", "-1"}[g.r.Intn(2)]+"]", kVal)
		}
		return call1("Value", g.floatLit(), kVal)
	}
	if d <= 0 || g.pct(20) {
		return leaf()
	}
	switch c := g.r.Intn(100); {
	case c < 35:
		a, b := g.val(d-1), g.val(d-1)
		return paren(bin(a, []string{"+", "-", "*"}[g.r.Intn(3)], b, kVal))
	case c < 50:
		a, b := g.val(d-1), g.num(1)
		op := []string{"+", "-", "*", "/"}[g.r.Intn(4)]
		if op == "/" {
			b = g.divisor()
		}
		if g.pct(40) {
			return paren(bin(b, op, a, kVal))
		}
		return paren(bin(a, op, b, kVal))
	case c < 56:
		a, p := g.val(d-1), g.pos(d-1)
		return paren(bin(a, "/", p, kVal))
	case c < 64:
		ks := []string{"2", "3", "-1", "0", "1"}
		if g.f.powOpName {
			ks = append(ks, "2.0", "-1.0", "3.0")
		}
		if g.pct(30) {
			return paren(bin(g.pos(d-1), "**", same("0.5", kNum), kVal))
		}
		return paren(bin(g.val(d-1), "**", paren(same(ks[g.r.Intn(len(ks))], kNum)), kVal))
	case c < 67:
		return paren(bin(g.pos(d-1), "**", g.val(d-1), kVal))
	case c < 72:
		a := g.val(d - 1)
		return paren(ex{"-" + a.mg, "-" + a.py, kVal})
	case c < 88:
		f := []string{"relu", "tanh", "sigmoid", "sin", "cos", "exp"}[g.r.Intn(6)]
		a := g.val(d - 1)
		if f == "exp" || (f == "sin" || f == "cos") && !g.f.trigBig {
			a = call1("tanh", a, kVal)
		}
		if g.pct(50) {
			return ex{paren(a).mg + "." + f + "()", paren(a).py + "." + f + "()", kVal}
		}
		return call1(f, a, kVal)
	case c < 93:
		return call1([]string{"log", "sqrt"}[g.r.Intn(2)], g.pos(d-1), kVal)
	case c < 96:
		var ms, ps []string
		for i := 0; i < 1+g.r.Intn(3); i++ {
			e := g.val(d - 1)
			ms, ps = append(ms, e.mg), append(ps, e.py)
		}
		return ex{"sum([" + strings.Join(ms, ", ") + "])", "sum([" + strings.Join(ps, ", ") + "])", kVal}
	default:
		if e, ok := g.call(kVal, d); ok {
			return e
		}
	}
	return leaf()
}

// pos is a Value that is positive whatever its operands hold.
func (g *gen) pos(d int) ex {
	a := g.val(d)
	switch g.r.Intn(3) {
	case 0:
		return call1("exp", call1("tanh", a, kVal), kVal)
	case 1:
		return paren(bin(bin(a, "*", a, kVal), "+", g.floatLitPos(), kVal))
	default:
		return paren(bin(call1("sigmoid", a, kVal), "+", same("0.25", kNum), kVal))
	}
}

func (g *gen) floatLitPos() ex {
	return same([]string{"1.0", "0.5", "2", "0.25", "1e-3"}[g.r.Intn(5)], kNum)
}
