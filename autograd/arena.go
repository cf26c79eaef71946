package autograd

// arenaChunk is how many Values an Arena allocates at once: 512 Values of
// 64 bytes are 32 KiB, the largest of Go's small allocation classes.
const arenaChunk = 512

// Arena hands out Values from fixed-size chunks, so that building a graph
// costs one allocation per 512 nodes and never copies: touching fresh
// memory is slow, and growing one big slice would touch it twice. A chunk
// is freed by the garbage collector once none of its Values is reachable.
//
// A nil *Arena is valid and allocates each Value on its own. An Arena is
// used by one goroutine at a time.
type Arena struct {
	chunk *[arenaChunk]Value
	next  int // index of the next free Value in chunk
}

// NewArena returns an empty Arena.
func NewArena() *Arena { return &Arena{} }

func (ar *Arena) alloc() *Value {
	if ar == nil {
		return new(Value)
	}
	// An index, not a shrinking slice: storing an int needs no GC write
	// barrier, storing a slice's pointer would at every node.
	if ar.chunk == nil || ar.next == arenaChunk {
		ar.chunk, ar.next = new([arenaChunk]Value), 0
	}
	v := &ar.chunk[ar.next]
	ar.next++
	return v
}

func (ar *Arena) node(op Op, data float64, a, b *Value) *Value {
	v := ar.alloc()
	v.Data, v.op, v.a, v.b = data, op, a, b
	return v
}

// Leaf returns a new leaf Value holding data, with no label and grad 0.
func (ar *Arena) Leaf(data float64) *Value {
	v := ar.alloc()
	v.Data = data
	return v
}
