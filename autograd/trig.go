package autograd

import (
	"math"
	"math/big"
)

// Correctly rounded sin and cos: the argument reduced to r in [-pi/4, pi/4]
// and a quarter turn q, then Taylor series in double-double, rounded once.
//
// Below 2^20, x - k*pi/2 with pi/2 held to 159 bits keeps ~100 good bits
// of the remainder (reducePio2). Beyond, k*pi/2 would need as many more
// bits of pi as k has, up to 2^1024: there (Payne–Hanek) x*(2/pi) is
// formed exactly enough from 1536 bits of 2/pi, of which only those that
// matter for x's exponent survive the product's wrap-around modulo 4.

// twoOverPi holds the bits of 2/pi: 2/pi = sum twoOverPi[i] * 2^(-64(i+1)).
// TestTwoOverPiBits recomputes them from a series for pi.
var twoOverPi = [24]uint64{
	0xa2f9836e4e441529, 0xfc2757d1f534ddc0, 0xdb6295993c439041,
	0xfe5163abdebbc561, 0xb7246e3a424dd2e0, 0x06492eea09d1921c,
	0xfe1deb1cb129a73e, 0xe88235f52ebb4484, 0xe99c7026b45f7e41,
	0x3991d639835339f4, 0x9c845f8bbdf9283b, 0x1ff897ffde05980f,
	0xef2f118b5a0a6d1f, 0x6d367ecf27cb09b7, 0x4f463f669e5fea2d,
	0x7527bac7ebe5f17b, 0x3d0739f78a5292ea, 0x6bfb5fb11f8d5d08,
	0x56033046fc7b6bab, 0xf0cfbc209af4361d, 0xa9e391615ee61b08,
	0x6599855f14a06840, 0x8dffd8804d732731, 0x06061556ca73a8c9,
}

// twoOverPiBits is how many bits of 2/pi twoOverPi holds.
const twoOverPiBits = 64 * len(twoOverPi)

// twoOverPiInt is floor(2/pi * 2^twoOverPiBits).
var twoOverPiInt = func() *big.Int {
	p := new(big.Int)
	for _, w := range twoOverPi {
		p.Lsh(p, 64).Or(p, new(big.Int).SetUint64(w))
	}
	return p
}()

// reducePio2Big returns r and q with x = (4n + q)*pi/2 + r, |r| <= pi/4,
// for any finite x, r to ~2^-104 relative to itself.
//
// x = m * 2^e with m an integer of 53 bits. With P = twoOverPiInt,
// x*2/pi = m*P * 2^-(B-e), B = twoOverPiBits, up to an error below
// m * 2^(e-B) <= 2^(53+971-1536) = 2^-512. The fraction's bits below the
// binary point number B-e >= 565, and no double comes closer to a multiple
// of pi/2 than about 2^-62 of it, so the fraction keeps over 400 good bits.
func reducePio2Big(x float64) (r dd, q int) {
	frac, exp := math.Frexp(x) // x = frac * 2^exp, 0.5 <= |frac| < 1
	m := int64(math.Ldexp(frac, 53))
	e := exp - 53
	shift := uint(twoOverPiBits - e)
	y := new(big.Int).Mul(big.NewInt(m), twoOverPiInt) // x*2/pi * 2^shift
	// q = floor(y / 2^shift) mod 4, f = the fraction, centred to [-1/2, 1/2).
	ip := new(big.Int).Rsh(y, shift)
	f := new(big.Int).Sub(y, new(big.Int).Lsh(ip, shift))
	if ip.Sign() < 0 {
		ip.Neg(ip)
		q = -int(ip.Bits()[0] & 3)
	} else if len(ip.Bits()) > 0 {
		q = int(ip.Bits()[0] & 3)
	}
	if f.Bit(int(shift-1)) == 1 { // f >= 1/2: take f - 1 and one more quarter turn
		f.Sub(f, new(big.Int).Lsh(big.NewInt(1), shift))
		q++
	}
	// f * 2^-shift as a double-double: its top 53 bits, then the next 53.
	bf := new(big.Float).SetPrec(160).SetInt(f)
	bf.SetMantExp(bf, -int(shift))
	hi, _ := bf.Float64()
	lo, _ := bf.Sub(bf, new(big.Float).SetFloat64(hi)).Float64()
	fd := dd{hi, lo}
	r = ddAdd(ddMul(fd, dd{pio2[0], pio2[1]}), dd{float64(hi * pio2[2]), 0})
	return r, q & 3
}

// reducePio2 returns r and q with x = q*pi/2 + r, |r| <= ~pi/4, for
// |x| < 2^20 (pi/2 held to 159 bits, so r keeps ~100 good bits).
func reducePio2(x float64) (r dd, q int) {
	k := math.Round(x / pio2[0])
	p, e := twoProd(k, pio2[0])
	r = ddAdd(dd{x, 0}, dd{-p, -e})
	p, e = twoProd(k, pio2[1])
	r = ddAdd(r, dd{-p, -e})
	r = ddAdd(r, dd{float64(-k * pio2[2]), 0})
	return r, int(k) & 3
}

// sinCosDD returns sin(r) and cos(r) for |r| <= ~pi/4 by Taylor series.
func sinCosDD(r dd) (s, c dd) {
	r2 := ddMul(r, r)
	s, c = invFact[27], invFact[26]
	for k := 25; k >= 1; k -= 2 { // s = 1 - r^2/3! + ..., c = 1 - r^2/2! + ...
		s = ddAdd(dd{invFact[k].hi, invFact[k].lo}, ddMul(dd{-s.hi, -s.lo}, r2))
		c = ddAdd(dd{invFact[k-1].hi, invFact[k-1].lo}, ddMul(dd{-c.hi, -c.lo}, r2))
	}
	return ddMul(s, r), c
}

func crSinCos(x float64, cos bool) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return math.NaN()
	}
	if !cos && math.Abs(x) < 0x1p-26 {
		return x // sin x = x - x^3/6: x is the rounded value
	}
	var r dd
	var q int
	if math.Abs(x) < 0x1p20 {
		r, q = reducePio2(x)
	} else {
		r, q = reducePio2Big(x)
	}
	if cos {
		q++
	}
	s, c := sinCosDD(r)
	switch q & 3 {
	case 0:
		return s.round()
	case 1:
		return c.round()
	case 2:
		return -s.round()
	}
	return -c.round()
}

// crSin is sine correctly rounded.
func crSin(x float64) float64 { return crSinCos(x, false) }

// crCos is cosine correctly rounded.
func crCos(x float64) float64 { return crSinCos(x, true) }
