package autograd

import "math"

// arenaChunk is how many leaves an Arena allocates at once: 819 Values of
// 40 bytes and the 8-byte header Go gives an object with pointers fill
// exactly 32 KiB, the largest of Go's small allocation classes (512 Values
// took 20,488 bytes, rounded up to the 21,760-byte class: 6% lost). Op
// nodes come up to 1638 at a time (opChunkLen).
const arenaChunk = 819

// Arena hands out Values from fixed-size chunks, so that building a graph
// costs one allocation per 1638 nodes and never copies: touching fresh
// memory is slow, and growing one big slice would touch it twice. A chunk
// is freed by the garbage collector once none of its Values is reachable.
//
// Leaves and op nodes come from separate chunks. A chunk lives as long as
// any of its Values, and an op node holds its operands: were a parameter
// (long-lived) to share a chunk with the op nodes of some graph, it would
// keep that whole graph alive. Leaves hold nothing, so a leaf chunk kept by
// a parameter keeps only other leaves.
//
// A nil *Arena is valid and allocates each Value on its own. An Arena is
// used by one goroutine at a time.
type Arena struct {
	leaves    chunk
	ops       opChunk
	full      int64    // Values in chunks already used up or sealed
	opChunks  *opList  // the op chunks in the order they were made (blocks.go)
	opSize    int      // Values in the first op chunk of the next graph
	held      []*Value // while holding: the first Value of each op chunk made (see hold)
	holding   int      // holds not yet released
	genStart  int64    // full at the last Seal: where the graph being made began
	exponents map[exponentKey]*Value
	// left counts down the Values that may still be made under the limit
	// of SetLimit, plus one: 0 means no limit, and the one decrement per
	// Value is all that the limit costs.
	left     int64
	limitErr error
	onLimit  func()
}

type exponentKey struct {
	bits   uint64
	intExp bool
}

// maxExponents bounds the constant exponents an Arena keeps for reuse
// (x**2 in a loop makes no new constant); beyond, each is made afresh.
const maxExponents = 64

// exponent returns a constant holding k, the exponent of an OpPowConst.
func (ar *Arena) exponent(k float64, intExp bool) *Value {
	key := exponentKey{math.Float64bits(k), intExp}
	if ar != nil {
		if c := ar.exponents[key]; c != nil {
			return c
		}
	}
	c := ar.Const(k)
	if intExp {
		c.flags |= flagIntExp
	}
	if ar != nil && len(ar.exponents) < maxExponents {
		if ar.exponents == nil {
			ar.exponents = make(map[exponentKey]*Value)
		}
		ar.exponents[key] = c
	}
	return c
}

// chunk is the free part of a block of Values. It keeps an index, not a
// shrinking slice: storing an int needs no GC write barrier, storing a
// slice's pointer would, at every node.
type chunk struct {
	block *[arenaChunk]Value
	next  int // index of the next free Value in block
}

func (c *chunk) alloc(full *int64) *Value {
	if c.block == nil || c.next == arenaChunk {
		*full += int64(c.next)
		c.block, c.next = new([arenaChunk]Value), 0
	}
	v := &c.block[c.next]
	c.next++
	return v
}

// newOpChunk starts a chunk of op nodes and registers it, so that
// Backward can sweep the chunks from the newest down. The first chunk of a
// graph (after Seal) is as big as the last graph was, within 128 and
// opChunkLen Values; each further one is twice the one before, up to
// opChunkLen.
func (ar *Arena) newOpChunk() {
	ar.full += int64(ar.ops.next)
	n := ar.opSize
	if ar.ops.block != nil {
		n = 2 * len(ar.ops.block)
	}
	n = min(max(n, 128), opChunkLen)
	ar.ops.block, ar.ops.next = make([]Value, n), 0
	if ar.holding > 0 {
		ar.held = append(ar.held, &ar.ops.block[0])
	}
	if ar.opChunks == nil {
		ar.opChunks = &opList{}
	}
	ar.opChunks.add(ar.ops.block)
}

// hold keeps every op chunk made from now on (and the one being filled)
// alive until release, whether or not any pointer the collector sees leads
// to it: a gradient sweep holds its adjoints as integers (gradSweep.adj).
func (ar *Arena) hold() {
	ar.holding++
	if ar.ops.block != nil {
		ar.held = append(ar.held, &ar.ops.block[0])
	}
}

// release ends hold.
func (ar *Arena) release() {
	if ar.holding--; ar.holding == 0 {
		clear(ar.held)
		ar.held = ar.held[:0]
	}
}

// opChunk is the free part of the op chunk being filled.
type opChunk struct {
	block []Value
	next  int
}

// NewArena returns an empty Arena.
func NewArena() *Arena { return &Arena{} }

func (ar *Arena) node(op Op, data float64, a, b *Value) (*Value, error) {
	var v *Value
	if ar == nil {
		v = new(Value)
	} else {
		if ar.left > 0 {
			if err := ar.spend(); err != nil {
				return nil, err
			}
		}
		if ar.ops.next == len(ar.ops.block) {
			ar.newOpChunk()
		}
		v = &ar.ops.block[ar.ops.next]
		ar.ops.next++
	}
	v.Data, v.op, v.a, v.b = data, op, a, b
	if a.flags&flagConst != 0 || b != nil && b.flags&flagConst != 0 {
		v.flags = flagConstArg // Backward takes its slow path
	}
	return v, nil
}

// Leaf returns a new leaf Value holding data, with no label and grad 0.
func (ar *Arena) Leaf(data float64) *Value {
	var v *Value
	if ar == nil {
		v = new(Value)
	} else {
		if ar.left > 0 {
			// A leaf cannot fail: the limit is reported through
			// onLimit, and by the next op, which fails too.
			_ = ar.spend()
		}
		v = ar.leaves.alloc(&ar.full)
	}
	v.Data = data
	return v
}

// SetLimit bounds the Values made from now on to n (0: no bound). The op
// that would make Value n+1, and every op after it, returns err instead
// of a node; onLimit, if not nil, is called at each Value refused, leaves
// included, whose constructors cannot return an error. The bound is
// exact, where a poll of Count every so often would let a short program
// make far more than n.
func (ar *Arena) SetLimit(n int64, err error, onLimit func()) {
	if ar == nil {
		return
	}
	ar.left, ar.limitErr, ar.onLimit = 0, err, onLimit
	if n > 0 {
		ar.left = n + 1
	}
}

// spend counts one Value against the limit: past it, it stays there, so
// that every later Value is refused too.
func (ar *Arena) spend() error {
	ar.left--
	if ar.left > 0 {
		return nil
	}
	ar.left = 1
	if ar.onLimit != nil {
		ar.onLimit()
	}
	return ar.limitErr
}

// Const returns a constant leaf holding data: a number written next to a
// Value in arithmetic (see Value.IsConst). One constant may serve many
// uses, since nothing ever writes to it: micrograd's fresh Value(c) at
// each use costs a node per use, this costs none.
func (ar *Arena) Const(data float64) *Value {
	v := ar.Leaf(data)
	v.flags = flagConst
	return v
}

// Count is how many Values the Arena has handed out.
func (ar *Arena) Count() int64 {
	if ar == nil {
		return 0
	}
	return ar.full + int64(ar.leaves.next) + int64(ar.ops.next)
}

// Seal makes the next op node start a fresh chunk. A chunk lives while any
// of its Values does, and its op nodes keep their operands alive: if the
// graphs of two training steps shared a chunk, the newer graph would keep
// the older one alive, and that one the one before, so that no step's
// graph were ever freed. Sealing after each backward pass keeps the graphs
// of successive steps in separate chunks.
func (ar *Arena) Seal() {
	if ar == nil || ar.ops.block == nil {
		return
	}
	ar.full += int64(ar.ops.next)
	ar.ops.block, ar.ops.next = nil, 0
	// The next graph likely has the size of this one (a training step's
	// graph has the same shape at every step).
	n := ar.full - ar.genStart
	ar.genStart = ar.full
	ar.opSize = int(min(n+n/8, opChunkLen))
}
