package stdlib

import (
	"fmt"
	"math"
	"math/big"

	"github.com/mglang/mg/autograd"
	"github.com/mglang/mg/eval"
)

// round(x) and round(x, n) as CPython's: an int stays an int (rounded to
// a multiple of 10**-n when n < 0), a float is rounded to n decimal places
// from its exact binary value, halves to even, and the result read back
// correctly rounded (round(2.675, 2) is 2.67: 2.675 is a little less).
func roundBuiltin(th *eval.Thread, args []eval.Object, kw []eval.Kwarg) (eval.Object, error) {
	var x, n eval.Object
	if err := eval.UnpackArgs("round", args, kw, "x", &x, "n?", &n); err != nil {
		return nil, err
	}
	var digits int64
	if n != nil {
		d, err := eval.ToIndex(n)
		if err != nil {
			return nil, fmt.Errorf("round(): n: %v", err)
		}
		digits = d
	}
	switch v := boolInt(x).(type) {
	case eval.Int:
		if n == nil || digits >= 0 {
			return v, nil
		}
		return roundInt(int64(v), -digits)
	case eval.Float:
		f := float64(v)
		if n != nil {
			return roundFloat(f, digits)
		}
		r := math.RoundToEven(f)
		if math.IsNaN(r) || math.IsInf(r, 0) || r >= 0x1p63 || r < -0x1p63 {
			return nil, fmt.Errorf("round(): %s does not fit in an int (64 bits)", autograd.FormatFloat(f))
		}
		return eval.Int(int64(r)), nil
	}
	return nil, fmt.Errorf("round(): x must be a number, not %s", eval.Article(x.Type()))
}

var bigTen = big.NewInt(10)

// roundInt rounds x to the nearest multiple of 10**k (k > 0), halves to even.
func roundInt(x, k int64) (eval.Object, error) {
	if k > 19 {
		return eval.Int(0), nil // 10**k > 2 * |x|: every int rounds to 0
	}
	p := new(big.Int).Exp(bigTen, big.NewInt(k), nil)
	q, r := new(big.Int).DivMod(big.NewInt(x), p, new(big.Int)) // 0 <= r < p
	switch c := new(big.Int).Lsh(r, 1).Cmp(p); {
	case c > 0, c == 0 && q.Bit(0) == 1:
		q.Add(q, big.NewInt(1))
	}
	q.Mul(q, p)
	if !q.IsInt64() {
		return nil, fmt.Errorf("integer overflow in round(): round(%d, %d) does not fit in 64 bits", x, -k)
	}
	return eval.Int(q.Int64()), nil
}

// roundFloat is CPython's float round(x, n): beyond 323 places x is
// returned as it is, below -308 it rounds to zero.
func roundFloat(x float64, n int64) (eval.Object, error) {
	if math.IsNaN(x) || math.IsInf(x, 0) || x == 0 || n > 323 {
		return eval.Float(x), nil
	}
	if n < -308 {
		return eval.Float(math.Copysign(0, x)), nil
	}
	p := new(big.Int).Exp(bigTen, big.NewInt(abs64(n)), nil)
	r := new(big.Rat).SetFloat64(x)
	if n >= 0 {
		r.Mul(r, new(big.Rat).SetInt(p))
	} else {
		r.Quo(r, new(big.Rat).SetInt(p))
	}
	q := roundHalfEven(r)
	if n >= 0 {
		r.SetFrac(q, p)
	} else {
		r.SetInt(q.Mul(q, p))
	}
	f, _ := r.Float64()
	if math.IsInf(f, 0) {
		return nil, fmt.Errorf("round(): the rounded value of %s is too large for a float", autograd.FormatFloat(x))
	}
	if f == 0 {
		f = math.Copysign(0, x) // round(-0.4) keeps the sign: -0.0
	}
	return eval.Float(f), nil
}

// roundHalfEven is the integer nearest to r, halves to even.
func roundHalfEven(r *big.Rat) *big.Int {
	num, den := r.Num(), r.Denom()
	q, m := new(big.Int).DivMod(num, den, new(big.Int)) // floor, 0 <= m < den
	switch c := new(big.Int).Lsh(m, 1).Cmp(den); {
	case c > 0, c == 0 && q.Bit(0) == 1:
		q.Add(q, big.NewInt(1))
	}
	return q
}

func abs64(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}
