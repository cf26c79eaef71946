package autograd

import (
	"math"
	"sync/atomic"
	"unsafe"
)

// arenaChunk is how many leaves an Arena allocates at once: 819 Values of
// 40 bytes fill 32 KiB less 8 bytes, the largest of Go's small allocation
// classes (512 Values took 20,480 bytes, rounded up to the 21,760-byte
// class: 6% lost). Op nodes come up to 1638 at a time (opChunkLen).
const arenaChunk = 819

// Arena hands out Values from fixed-size chunks, so that building a graph
// costs one allocation per 1638 nodes and never copies: touching fresh
// memory is slow, and growing one big slice would touch it twice. A chunk
// is freed by the garbage collector once none of its Values is reachable.
//
// Leaves and op nodes come from separate chunks. A chunk lives as long as
// any of its Values, and an op node keeps its operands alive: were a
// parameter (long-lived) to share a chunk with the op nodes of some graph,
// it would keep that whole graph alive. Leaves hold nothing, so a leaf
// chunk kept by a parameter keeps only other leaves.
//
// A Value holds no pointer (its operands are addresses), so the collector
// never reads a chunk's nodes: on a training step it used to spend more
// time marking the graph than building it. What keeps an op node's
// operands alive is its generation (gen): the op nodes made between two
// Seals, whose chunks each point to it, and which holds all its chunks and
// every operand its nodes use from outside it. Any node of a generation
// keeps the whole generation alive.
//
// A nil *Arena is valid and allocates each Value on its own. An Arena is
// used by one goroutine at a time; making an op writes to its leaf
// operands (the generation that keeps them), so graphs that share leaves
// are built by one goroutine at a time.
type Arena struct {
	leaves    chunk
	ops       opChunk
	gen       *gen     // the generation of the op chunk being filled; nil after Seal
	genID     uintptr  // gen's id, unique among all generations (genIDs); 0 after Seal
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

// gen is a generation of op nodes: those an Arena makes between two Seals,
// in at most genChunks chunks. Each of its chunks points to it (blockHead)
// and it holds them all, so that a pointer to any of its nodes keeps all
// of them alive; keep holds the operands its nodes use from elsewhere
// (leaves, nodes of other generations or made without an Arena), each
// once.
type gen struct {
	blocks []*blockHead
	spans  []span // where each of blocks' Values are, in the same order
	keep   []*Value
	kept   map[uintptr]bool // keep's nodes that are in no op chunk (made without an Arena)
	// chunks of other generations that keep holds a node of (a few,
	// the latest): all their nodes are kept
	others     [4]span
	nextOthers int
}

// genIDs counts the generations begun by all Arenas.
var genIDs atomic.Uint64

// span is the memory of a chunk's Values: base, and size in bytes.
type span struct{ base, size uintptr }

// contains reports whether a lies in s (one unsigned comparison).
func (s span) contains(a uintptr) bool { return a-s.base < s.size }

// genChunks bounds a generation: an Arena never sealed (a program that
// never calls backward) starts a new one every genChunks chunks (8 MiB).
// SealBetween seals one half as big.
const genChunks = 128

// keepRecent is how many of a generation's newest chunks an operand is
// looked for in before it is kept as if it came from elsewhere (harmless:
// a generation keeping its own node).
const keepRecent = 4

// keepOperand makes sure that x, an operand of a node of the current
// generation that is not in the chunk being filled, stays alive as long as
// that generation does. Each is kept once: a leaf of the chunk of leaves
// being filled by keeping one of them (which keeps the chunk), another
// leaf by the generation's id written in it, an op node by keeping one
// node of its chunk (which keeps the chunk's generation) or, for a node
// made without an Arena, by the set kept. A gradient graph uses every node
// of the graph it differentiates, chunk after chunk: a few chunks found
// are remembered.
func (ar *Arena) keepOperand(x *Value) {
	g := ar.gen
	ax := addrOf(x)
	switch {
	case x.op == OpLeaf:
		// node has seen that x does not hold g's id yet
		x.a = ar.genID
		if ar.leaves.span.contains(ax) {
			if ar.leaves.keptBy == ar.genID {
				return
			}
			ar.leaves.keptBy = ar.genID
		}
	default:
		for i := len(g.spans) - 1; i >= max(0, len(g.spans)-keepRecent); i-- {
			if g.spans[i].contains(ax) {
				return // a node of this generation
			}
		}
		for _, s := range g.others {
			if s.contains(ax) {
				return
			}
		}
		if info, _ := registry.find(x); info != nil {
			// Keeping x keeps its chunk, so the chunk's memory stays
			// its own while g remembers where it is.
			g.others[g.nextOthers%len(g.others)] = span{info.base, uintptr(info.n) * valueSize}
			g.nextOthers++
		} else if g.kept[ax] {
			return
		} else {
			if g.kept == nil {
				g.kept = map[uintptr]bool{}
			}
			g.kept[ax] = true
		}
	}
	g.keep = append(g.keep, x)
}

// blockHead begins every op chunk: the chunk's generation, the one pointer
// the collector reads in it.
type blockHead struct{ g *gen }

// opBlock is an op chunk: its head, then Values (an array type).
type opBlock[A any] struct {
	head blockHead
	v    A
}

// headSize is the bytes before an op chunk's first Value.
const headSize = unsafe.Offsetof(opBlock[[1]Value]{}.v)

func makeOpBlock[A any](g *gen) (*blockHead, []Value) {
	b := &opBlock[A]{head: blockHead{g}}
	return &b.head, unsafe.Slice((*Value)(unsafe.Pointer(&b.v)), unsafe.Sizeof(b.v)/valueSize)
}

// newOpBlock returns a new op chunk of g with room for at least n Values
// (n <= opChunkLen): 128, 256, 512, 1024 or opChunkLen.
func newOpBlock(n int, g *gen) (*blockHead, []Value) {
	switch {
	case n <= 128:
		return makeOpBlock[[128]Value](g)
	case n <= 256:
		return makeOpBlock[[256]Value](g)
	case n <= 512:
		return makeOpBlock[[512]Value](g)
	case n <= 1024:
		return makeOpBlock[[1024]Value](g)
	}
	return makeOpBlock[[opChunkLen]Value](g)
}

// freeNode is an op node made without an Arena: its operands are held
// here, where the collector sees them.
type freeNode struct {
	v    Value
	a, b *Value
}

// chunk is the free part of a block of Values. It keeps an index, not a
// shrinking slice: storing an int needs no GC write barrier, storing a
// slice's pointer would, at every node.
type chunk struct {
	block  *[arenaChunk]Value
	next   int     // index of the next free Value in block
	span   span    // block's memory
	keptBy uintptr // the last generation that keeps block (its id), 0 for none
}

func (c *chunk) alloc(full *int64) *Value {
	if c.block == nil || c.next == arenaChunk {
		*full += int64(c.next)
		c.block, c.next = new([arenaChunk]Value), 0
		c.span, c.keptBy = span{addrOf(&c.block[0]), arenaChunk * valueSize}, 0
	}
	v := &c.block[c.next]
	c.next++
	return v
}

// newOpChunk starts a chunk of op nodes, in the current generation or a
// new one, and registers it, so that Backward can sweep the chunks from the
// newest down. The first chunk of a graph (after Seal) is as big as the
// last graph was, within 128 and opChunkLen Values (rounded up to a power
// of two below opChunkLen); each further one is twice the one before, up
// to opChunkLen.
func (ar *Arena) newOpChunk() {
	ar.full += int64(ar.ops.next)
	n := ar.opSize
	if ar.ops.block != nil {
		n = 2 * len(ar.ops.block)
	}
	n = min(max(n, 128), opChunkLen)
	if ar.gen == nil || len(ar.gen.blocks) == genChunks {
		ar.gen = &gen{}
		ar.genID = uintptr(genIDs.Add(1))
	}
	g := ar.gen
	head, blk := newOpBlock(n, g)
	ar.ops.block, ar.ops.next = blk, 0
	ar.ops.span = span{addrOf(&blk[0]), uintptr(len(blk)) * valueSize}
	g.blocks = append(g.blocks, head)
	g.spans = append(g.spans, ar.ops.span)
	if ar.holding > 0 {
		ar.held = append(ar.held, &ar.ops.block[0])
	}
	if ar.opChunks == nil {
		ar.opChunks = &opList{}
	}
	ar.opChunks.add(head, blk)
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
	span  span // block's memory: its nodes are of the current generation
}

// NewArena returns an empty Arena.
func NewArena() *Arena { return &Arena{} }

func (ar *Arena) node(op Op, data float64, a, b *Value) (*Value, error) {
	var v *Value
	if ar == nil {
		n := &freeNode{a: a, b: b}
		v = &n.v
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
		// An operand outside the chunk being filled is kept by the
		// generation (a leaf it keeps already holds its id).
		if !ar.ops.span.contains(addrOf(a)) && (a.op != OpLeaf || a.a != ar.genID) {
			ar.keepOperand(a)
		}
		if b != nil && !ar.ops.span.contains(addrOf(b)) && (b.op != OpLeaf || b.a != ar.genID) {
			ar.keepOperand(b)
		}
	}
	v.Data, v.op, v.a, v.b = data, op, addrOf(a), addrOf(b)
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

// SealBetween seals the generation being made if it is at least half full.
// A program calls it between independent pieces of work, such as the turns
// of a loop, so that no generation holds the end of one piece and the
// start of the next: the later piece would keep the earlier one alive, and
// that one the one before, and a loop that never calls backward would keep
// all it ever made.
func (ar *Arena) SealBetween() {
	if ar != nil && ar.gen != nil && len(ar.gen.blocks) >= genChunks/2 {
		ar.Seal()
	}
}

// Seal ends the generation of op nodes being made: the next op node starts
// a new one, in a chunk of its own. A generation lives while any of its
// nodes does, and keeps alive what its nodes use: if the graphs of two
// training steps shared a generation, the newer graph would keep the older
// one alive, and that one the one before, so that no step's graph were
// ever freed. Sealing after each backward pass keeps the graphs of
// successive steps in generations of their own.
func (ar *Arena) Seal() {
	if ar == nil || ar.ops.block == nil {
		return
	}
	ar.full += int64(ar.ops.next)
	ar.ops = opChunk{}
	ar.gen, ar.genID = nil, 0
	// The next graph likely has the size of this one (a training step's
	// graph has the same shape at every step).
	n := ar.full - ar.genStart
	ar.genStart = ar.full
	ar.opSize = int(min(n+n/8, opChunkLen))
}
