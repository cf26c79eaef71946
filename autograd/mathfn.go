package autograd

import (
	"math"
	"math/big"
)

// Correctly rounded exp, log, pow, sin and cos (sin and cos in trig.go).
//
// CPython's math module and float ** call the C library (glibc here), whose
// exp, log, pow, sin and cos are within ~0.52 ulp: they round correctly for
// all but about one input in a thousand. Go's math package is within 1-4 ulp
// and differs from glibc on up to half of ordinary inputs (exp 13%, log 3%,
// sin and cos 25%, x**1.5 37%, x**y 50%: testdata/mathfn.txt,
// mathfn_test.go). To print the lecture's numbers digit for digit the
// engine therefore computes these functions in double-double arithmetic
// (~100 bits) and rounds once; the result is the correctly rounded value,
// which is what glibc returns except in its rare misrounded cases.
//
// Every product below that must be rounded on its own is written
// float64(a*b): Go may otherwise fuse a*b+c into one FMA on some CPUs.

// dd is an unevaluated sum hi+lo with |lo| <= ulp(hi)/2.
type dd struct{ hi, lo float64 }

func twoSum(a, b float64) (s, e float64) {
	s = a + b
	bb := s - a
	e = (a - (s - bb)) + (b - bb)
	return
}

func fastTwoSum(a, b float64) (s, e float64) { // |a| >= |b|
	s = a + b
	e = b - (s - a)
	return
}

func twoProd(a, b float64) (p, e float64) {
	p = float64(a * b)
	e = math.FMA(a, b, -p)
	return
}

func ddAdd(x, y dd) dd {
	s, e := twoSum(x.hi, y.hi)
	t, f := twoSum(x.lo, y.lo)
	e += t
	s, e = fastTwoSum(s, e)
	e += f
	s, e = fastTwoSum(s, e)
	return dd{s, e}
}

// ddAddNear is ddAdd for operands that do not cancel (same sign, or one
// much smaller): one twoSum fewer.
func ddAddNear(x, y dd) dd {
	s, e := twoSum(x.hi, y.hi)
	e += x.lo + y.lo
	s, e = fastTwoSum(s, e)
	return dd{s, e}
}

func ddMul(x, y dd) dd {
	p, e := twoProd(x.hi, y.hi)
	e += float64(x.hi*y.lo) + float64(x.lo*y.hi)
	p, e = fastTwoSum(p, e)
	return dd{p, e}
}

func ddMulF(x dd, f float64) dd {
	p, e := twoProd(x.hi, f)
	e += float64(x.lo * f)
	p, e = fastTwoSum(p, e)
	return dd{p, e}
}

func ddDiv(x, y dd) dd {
	q1 := x.hi / y.hi
	r := ddAdd(x, ddMulF(y, -q1))
	q2 := r.hi / y.hi
	r = ddAdd(r, ddMulF(y, -q2))
	q3 := r.hi / y.hi
	q1, q2 = fastTwoSum(q1, q2)
	return ddAdd(dd{q1, q2}, dd{q3, 0})
}

// round gives the double nearest to hi+lo (ties to even, as the hardware's
// own addition rounds it).
func (x dd) round() float64 { return x.hi + x.lo }

var (
	ln2DD   = dd{0x1.62e42fefa39efp-1, 0x1.abc9e3b39803fp-56}
	ln2Lo2  = 0x1.7b57a079a1934p-111
	pio2    = [3]float64{0x1.921fb54442d18p+0, 0x1.1a62633145c07p-54, -0x1.f1976b7ed8fbcp-110}
	invFact [28]dd // invFact[k] = 1/k!
	exp2Tab [64]dd // exp2Tab[j] = 2^(j/64)
)

func init() {
	f := dd{1, 0}
	invFact[0], invFact[1] = f, f
	for k := 2; k < len(invFact); k++ {
		f = ddDiv(f, dd{float64(k), 0})
		invFact[k] = f
	}
	for j := range exp2Tab {
		exp2Tab[j] = exp2Slow(j)
	}
}

// exp2Slow returns 2^(j/64) = exp(j*ln2/64) to ~1e-30, without the table:
// exp(r) = exp(r/2^10)^(2^10), the small power by its Taylor series.
func exp2Slow(j int) dd {
	r := ddMulF(ln2DD, float64(j)/64)
	s := dd{math.Ldexp(r.hi, -10), math.Ldexp(r.lo, -10)}
	q := invFact[9]
	for i := 8; i >= 1; i-- {
		q = ddAdd(ddMul(q, s), invFact[i])
	}
	em1 := ddMul(q, s)
	for range 10 { // expm1(2s) = expm1(s) * (2 + expm1(s))
		em1 = ddMul(em1, ddAdd(dd{2, 0}, em1))
	}
	return ddAdd(dd{1, 0}, em1)
}

// expm1Small returns expm1(r) for |r| <= 0.0055, accurate to ~1e-27
// relative to itself: the terms from r^4 on in double (they are below
// 1e-10), the first three in double-double.
func expm1Small(r dd) dd {
	x := r.hi
	q := invFact[10].hi
	for i := 9; i >= 4; i-- {
		q = float64(q*x) + invFact[i].hi
	}
	qq := dd{q, 0}
	for i := 3; i >= 1; i-- {
		qq = ddAddNear(ddMul(qq, r), invFact[i])
	}
	return ddMul(qq, r)
}

// expParts splits exp(x) = 2^k * 2^(j/64) * (1+em1), |em1| < 0.0055.
// x.hi must be finite with |x.hi| < 746.
func expParts(x dd) (em1 dd, j, k int) {
	const ln2x64 = 0x1.71547652b82fep+0 * 64
	n := math.Round(x.hi * ln2x64)
	// r = x - n*ln2/64, the products exact via twoProd (ln2/64 is exact).
	p, e := twoProd(n, ln2DD.hi/64)
	r := ddAdd(x, dd{-p, -e})
	p, e = twoProd(n, ln2DD.lo/64)
	r = ddAdd(r, dd{-p, -e})
	r = ddAdd(r, dd{float64(-n * (ln2Lo2 / 64)), 0})
	in := int(n)
	return expm1Small(r), in & 63, in >> 6
}

// expDD returns exp(x.hi+x.lo) correctly rounded, with C's overflow and
// underflow results (Inf, 0).
func expDD(x dd) float64 {
	switch {
	case math.IsNaN(x.hi):
		return x.hi
	case x.hi > 709.8:
		return math.Inf(1)
	case x.hi < -745.2:
		return 0
	}
	if math.Abs(x.hi) < 0x1p-40 {
		return expTiny(x)
	}
	em1, j, k := expParts(x)
	t := exp2Tab[j]
	v := ddAddNear(t, ddMul(t, em1)) // in [0.99, 2)
	if k > -1022 {
		return math.Ldexp(v.hi+v.lo, k)
	}
	// The result is below 2^-1021, on the grid of multiples of 2^-1074:
	// round v*2^(k+1074) to an integer once (scaling v up is exact).
	m := k + 1074
	hi, lo := math.Ldexp(v.hi, m), math.Ldexp(v.lo, m)
	i := math.RoundToEven(hi)
	switch rem := (hi - i) + lo; {
	case rem > 0.5:
		i++
	case rem < -0.5:
		i--
	}
	return math.Ldexp(i, -1074)
}

// expTiny is exp(x) for |x| < 2^-40, where 1 + x alone can fall exactly
// halfway between two floats (x = 2^-53) and a double-double has lost the
// x*x/2 that decides the rounding: 1 + x + x*x/2 + x*x*x/6 to 256 bits
// (the next term is below 2^-160 of it), rounded once.
func expTiny(x dd) float64 {
	const prec = 256
	f := func(v float64) *big.Float { return new(big.Float).SetPrec(prec).SetFloat64(v) }
	xs := f(x.hi)
	xs.Add(xs, f(x.lo))
	x2 := f(0).Mul(xs, xs)
	x3 := f(0).Mul(x2, xs)
	sum := f(1)
	sum.Add(sum, xs)
	sum.Add(sum, x2.Quo(x2, f(2)))
	sum.Add(sum, x3.Quo(x3, f(6)))
	r, _ := sum.Float64()
	return r
}

// crExp is exp correctly rounded.
func crExp(x float64) float64 { return expDD(dd{x, 0}) }

// logDD returns log(x) as a double-double for finite x > 0, from Go's
// estimate y0 refined by one Newton step, y0 + x/exp(y0) - 1, done in
// double-double arithmetic.
func logDD(x float64) dd {
	if x < 0x1p-1022 {
		// Go's math.Log is wrong for subnormals (amd64): scale up by 2^54
		// exactly and subtract 54*ln2 in double-double.
		l := logDD(x * 0x1p54)
		p, e := twoProd(54, ln2DD.hi)
		return ddAdd(l, ddAdd(dd{-p, -e}, dd{float64(-54 * ln2DD.lo), 0}))
	}
	y0 := math.Log(x)
	var t float64
	if math.Abs(y0) < 0.005 {
		// x is within 0.5% of 1, x-1 is exact and expm1(y0) keeps its
		// relative accuracy: x/exp(y0) - 1 = (x-1 - expm1(y0)) / exp(y0).
		em1 := expm1Small(dd{y0, 0})
		num := ddAdd(dd{x - 1, 0}, dd{-em1.hi, -em1.lo})
		t = num.hi / (1 + em1.hi)
	} else {
		// exp(y0) = 2^k * v: x/exp(y0) - 1 = (x*2^-k - v) / v, x*2^-k exact.
		em1, j, k := expParts(dd{y0, 0})
		v := ddAddNear(exp2Tab[j], ddMul(exp2Tab[j], em1))
		num := ddAdd(dd{math.Ldexp(x, -k), 0}, dd{-v.hi, -v.lo})
		t = num.hi / v.hi
	}
	t -= float64(t*t) / 2 // log(1+t); t is about 1 ulp of y0
	return dd{y0, t}
}

// crLog is the natural logarithm correctly rounded, with C's special
// cases (log 0 = -Inf, log of a negative number = NaN).
func crLog(x float64) float64 {
	if !(x > 0) || math.IsInf(x, 1) {
		return math.Log(x)
	}
	return logDD(x).round()
}

// crPow is pow(x, y) correctly rounded, with C99's special cases (which
// CPython's float ** and math.pow follow, before raising its own errors).
func crPow(x, y float64) float64 {
	switch {
	case y == 0 || x == 1:
		return 1
	case math.IsNaN(x) || math.IsNaN(y):
		return math.NaN()
	case y == 1:
		return x
	case x == 0 || math.IsInf(x, 0) || math.IsInf(y, 0):
		return math.Pow(x, y)
	case y == 2:
		return x * x
	case y == -1:
		return 1 / x
	case y == 0.5 && x > 0:
		return math.Sqrt(x)
	}
	neg := false
	if x < 0 {
		if y != math.Trunc(y) {
			return math.NaN()
		}
		neg = math.Abs(math.Mod(y, 2)) == 1
		x = -x
	}
	r, ok := intPowDD(x, y)
	if !ok {
		l := logDD(x)
		p, e := twoProd(y, l.hi)
		e += float64(y * l.lo)
		p, e = fastTwoSum(p, e)
		if math.Abs(p) > 1000 || math.IsNaN(p) {
			// y*log(x) far beyond exp's range (3.7 ** -1.5e308, where it
			// overflows to -inf and its error term is NaN): the power
			// underflows to 0 or overflows, whatever the digits.
			p, e = math.Copysign(1000, y*l.hi), 0
		}
		r = expDD(dd{p, e})
	}
	if neg {
		return -r
	}
	return r
}

// intPowDD computes x**y for integral |y| <= 64 by repeated multiplication
// in double-double. Halfway cases come out exact, so they round to even as
// they must: a power of 54 significant bits has a base of at most 54/|y|
// bits, whose powers twoProd multiplies exactly ((1+2^-27)**2, say).
func intPowDD(x, y float64) (float64, bool) {
	if y != math.Trunc(y) || math.Abs(y) > 64 {
		return 0, false
	}
	k := int(math.Abs(y))
	acc, b := dd{1, 0}, dd{x, 0}
	for ; k > 0; k >>= 1 {
		if k&1 == 1 {
			acc = ddMul(acc, b)
		}
		if k > 1 {
			b = ddMul(b, b)
		}
	}
	if y < 0 {
		acc = ddDiv(dd{1, 0}, acc)
	}
	if a := math.Abs(acc.hi); math.IsNaN(acc.lo) || a > 0x1p1000 || a < 0x1p-960 {
		return 0, false // near overflow or underflow: use exp(y log x)
	}
	return acc.round(), true
}
