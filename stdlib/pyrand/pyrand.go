package pyrand

import (
	"github.com/mglang/mg/autograd"
	"math"
	"math/big"
)

const (
	n         = 624
	m         = 397
	matrixA   = 0x9908b0df
	upperMask = 0x80000000
	lowerMask = 0x7fffffff
)

// Rand is a Mersenne Twister generator with the behaviour of a Python
// random.Random instance. The zero value is not usable: create one with New.
type Rand struct {
	mt        [n]uint32
	mti       int
	gaussNext float64
	hasGauss  bool
}

// State is a snapshot of a Rand, as returned by Rand.State and accepted by
// Rand.SetState. It holds the same information as Python's
// random.getstate(): the 624 state words, the position in them (0..624),
// and the cached second gauss value, if any.
type State struct {
	MT           [n]uint32
	Index        int
	GaussNext    float64
	HasGaussNext bool
}

// New returns a generator seeded as Python's random.seed(seed) seeds one
// for an int seed.
func New(seed int64) *Rand {
	r := &Rand{}
	r.Seed(seed)
	return r
}

// Seed reseeds r as random.seed(seed) does for an int: the absolute value of
// seed is split into 32-bit chunks, least significant first, and hashed into
// the state with init_by_array (a zero seed gives the key [0]). It also
// discards any cached gauss value.
func (r *Rand) Seed(seed int64) {
	u := uint64(seed)
	if seed < 0 {
		u = -u // two's complement negation; correct for math.MinInt64 too
	}
	if hi := uint32(u >> 32); hi != 0 {
		r.initByArray([]uint32{uint32(u), hi})
	} else {
		r.initByArray([]uint32{uint32(u)})
	}
	r.hasGauss = false
	r.gaussNext = 0
}

// SeedBig reseeds r as random.seed(seed) does for an arbitrary int, using
// the same rule as Seed: init_by_array over the 32-bit chunks of abs(seed).
// A nil seed is treated as zero.
func (r *Rand) SeedBig(seed *big.Int) {
	var key []uint32
	if seed != nil {
		b := new(big.Int).Abs(seed).Bytes() // big-endian, no leading zeros
		for end := len(b); end > 0; end -= 4 {
			var w uint32
			for i := max(0, end-4); i < end; i++ {
				w = w<<8 | uint32(b[i])
			}
			key = append(key, w)
		}
	}
	if len(key) == 0 {
		key = []uint32{0}
	}
	r.initByArray(key)
	r.hasGauss = false
	r.gaussNext = 0
}

// initGenrand is MT19937's init_genrand.
func (r *Rand) initGenrand(s uint32) {
	mt := &r.mt
	mt[0] = s
	for i := 1; i < n; i++ {
		mt[i] = 1812433253*(mt[i-1]^(mt[i-1]>>30)) + uint32(i)
	}
	r.mti = n
}

// initByArray is MT19937's init_by_array, as used by CPython's random_seed.
func (r *Rand) initByArray(key []uint32) {
	r.initGenrand(19650218)
	mt := &r.mt
	i, j := 1, 0
	k := max(n, len(key))
	for ; k > 0; k-- {
		mt[i] = (mt[i] ^ ((mt[i-1] ^ (mt[i-1] >> 30)) * 1664525)) + key[j] + uint32(j)
		i++
		j++
		if i >= n {
			mt[0] = mt[n-1]
			i = 1
		}
		if j >= len(key) {
			j = 0
		}
	}
	for k = n - 1; k > 0; k-- {
		mt[i] = (mt[i] ^ ((mt[i-1] ^ (mt[i-1] >> 30)) * 1566083941)) - uint32(i)
		i++
		if i >= n {
			mt[0] = mt[n-1]
			i = 1
		}
	}
	mt[0] = 0x80000000 // MSB is 1, assuring a non-zero initial array
	r.mti = n
}

// uint32 returns the next 32-bit output of MT19937 (genrand_uint32).
func (r *Rand) uint32() uint32 {
	mt := &r.mt
	if r.mti >= n {
		var kk int
		for kk = 0; kk < n-m; kk++ {
			y := mt[kk]&upperMask | mt[kk+1]&lowerMask
			mt[kk] = mt[kk+m] ^ y>>1 ^ (y&1)*matrixA
		}
		for ; kk < n-1; kk++ {
			y := mt[kk]&upperMask | mt[kk+1]&lowerMask
			mt[kk] = mt[kk+(m-n)] ^ y>>1 ^ (y&1)*matrixA
		}
		y := mt[n-1]&upperMask | mt[0]&lowerMask
		mt[n-1] = mt[m-1] ^ y>>1 ^ (y&1)*matrixA
		r.mti = 0
	}
	y := mt[r.mti]
	r.mti++
	y ^= y >> 11
	y ^= (y << 7) & 0x9d2c5680
	y ^= (y << 15) & 0xefc60000
	y ^= y >> 18
	return y
}

// Random returns the next float in [0, 1) exactly as random.random() does:
// (a>>5 * 67108864 + b>>6) / 9007199254740992 for two successive 32-bit
// outputs a and b.
func (r *Rand) Random() float64 {
	a := r.uint32() >> 5
	b := r.uint32() >> 6
	// Both steps are exact (53-bit integer), so the order of rounding is moot,
	// but the conversion keeps the compiler from fusing anything.
	return float64(float64(a)*67108864.0+float64(b)) * (1.0 / 9007199254740992.0)
}

// Uniform returns a + (b-a) * random(), as random.uniform(a, b).
func (r *Rand) Uniform(a, b float64) float64 {
	return a + float64((b-a)*r.Random())
}

// Gauss returns a normally distributed value with mean mu and standard
// deviation sigma, following CPython 3.11's random.gauss: values are made in
// pairs, the second one cached until the next call (Seed, SeedBig and
// SetState clear the cache).
func (r *Rand) Gauss(mu, sigma float64) float64 {
	z, ok := r.gaussNext, r.hasGauss
	r.hasGauss, r.gaussNext = false, 0
	if !ok {
		x2pi := r.Random() * (2 * math.Pi)
		g2rad := math.Sqrt(-2.0 * autograd.Log(1.0-r.Random()))
		z = float64(autograd.Cos(x2pi) * g2rad)
		r.gaussNext = float64(autograd.Sin(x2pi) * g2rad)
		r.hasGauss = true
	}
	return mu + float64(z*sigma)
}

// Getrandbits returns a value with k random bits, as random.getrandbits(k),
// for 0 <= k <= 64. Like CPython, it consumes one 32-bit output per started
// 32-bit word, least significant word first, keeping the top bits of the
// last one. It panics if k is out of range.
func (r *Rand) Getrandbits(k int) uint64 {
	switch {
	case k < 0 || k > 64:
		panic("pyrand: Getrandbits: k must be in 0..64")
	case k == 0:
		return 0
	case k <= 32:
		return uint64(r.uint32() >> (32 - k))
	}
	lo := uint64(r.uint32())
	hi := uint64(r.uint32() >> (64 - k))
	return hi<<32 | lo
}

// bitLength returns the number of bits needed to represent v > 0.
func bitLength(v uint64) int {
	b := 0
	for ; v != 0; v >>= 1 {
		b++
	}
	return b
}

// randbelow returns a value in [0, v) for v > 0, as CPython 3.11's
// _randbelow_with_getrandbits: getrandbits(v.bit_length()) with rejection.
func (r *Rand) randbelow(v uint64) uint64 {
	k := bitLength(v)
	x := r.Getrandbits(k)
	for x >= v {
		x = r.Getrandbits(k)
	}
	return x
}

// Randrange returns a value in [0, n), as random.randrange(n). Like Python,
// it panics ("empty range for randrange()") when n <= 0.
func (r *Rand) Randrange(n int64) int64 {
	if n <= 0 {
		panic("pyrand: empty range for randrange()")
	}
	return int64(r.randbelow(uint64(n)))
}

// Shuffle permutes a sequence of length n in place as random.shuffle does:
// for i from n-1 down to 1, j = randbelow(i+1) and swap(i, j) (swap is
// called even when i == j, as Python's assignment is).
func (r *Rand) Shuffle(n int, swap func(i, j int)) {
	for i := n - 1; i > 0; i-- {
		j := int(r.randbelow(uint64(i + 1)))
		swap(i, j)
	}
}

// State returns a snapshot of r's state, to be restored with SetState.
func (r *Rand) State() State {
	return State{MT: r.mt, Index: r.mti, GaussNext: r.gaussNext, HasGaussNext: r.hasGauss}
}

// SetState restores a state returned by State (or built from Python's
// random.getstate(): version 3, 624 words plus the index, and gauss_next).
// It panics if s.Index is not in 0..624.
func (r *Rand) SetState(s State) {
	if s.Index < 0 || s.Index > n {
		panic("pyrand: SetState: invalid state index")
	}
	r.mt = s.MT
	r.mti = s.Index
	r.gaussNext, r.hasGauss = s.GaussNext, s.HasGaussNext
	if !r.hasGauss {
		r.gaussNext = 0
	}
}
