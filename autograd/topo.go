package autograd

import (
	"runtime"
	"sync"
	"sync/atomic"
	"unsafe"
)

// A traversal marks each node it reaches with its own 40-bit epoch (Value's
// mark and markHi), so no visited set is allocated and no mark has to be
// cleared afterwards: 2^40 traversals (a million a second for twelve days)
// never wrap.
var epochs atomic.Uint64

type epoch struct {
	lo uint32
	hi uint8
}

func newEpoch() epoch {
	e := epochs.Add(1)
	return epoch{uint32(e), uint8(e >> 32)}
}

func (v *Value) seen(e epoch) bool { return v.mark == e.lo && v.markHi == e.hi }
func (v *Value) see(e epoch)       { v.mark, v.markHi = e.lo, e.hi }

// checkEvery is how many nodes a long traversal handles between calls of
// its check function (a power of two).
const checkEvery = 1 << 16

// addrs is a list of nodes that the garbage collector does not scan: their
// addresses as integers. Storing a pointer into a []*Value while the
// collector is marking costs a write barrier, and scanning the list costs
// a lookup per node; with one topological order built per Backward these
// were a third of the time of a training step. The list is only valid
// while its nodes are kept alive by other means: everything in it is
// reachable from the root of the traversal, which the traversal's caller
// keeps alive (runtime.KeepAlive) and which is forced onto the heap
// (escape), so no node is freed or moved (Go's heap objects never move).
type addrs []uintptr

func addrOf(v *Value) uintptr { return uintptr(unsafe.Pointer(v)) }

// at returns the i'th node (reading the word as the pointer it was made from).
func (l addrs) at(i int) *Value { return *(**Value)(unsafe.Pointer(&l[i])) }

// escapeSink makes escape's argument escape to the heap, at no run-time
// cost: a Value built on the caller's stack could otherwise move while
// its address is held as an integer.
var (
	escapeSink atomic.Pointer[Value]
	never      bool
)

func escape(v *Value) {
	if never {
		escapeSink.Store(v)
	}
}

// push appends x, doubling the list when it is full: append grows a big
// slice by a quarter at a time, which copies a list of a million nodes
// some twenty times over; doubling copies it about once. Pages of the new
// array that are never written are never touched.
func (l addrs) push(x uintptr) addrs {
	if len(l) == cap(l) {
		l = l.grow()
	}
	return append(l, x)
}

func (l addrs) grow() addrs {
	n := make(addrs, len(l), max(2*cap(l), 1024))
	copy(n, l)
	return n
}

// addrCache keeps address lists between traversals, so that a training
// loop reuses the same memory at every step: one cache for the orders,
// one for the DFS stacks (kept apart so that a big order never serves as
// a small stack and the other way round). The lists hold no pointers, so
// keeping them keeps no graph alive.
type addrCache struct {
	mu   sync.Mutex
	free []addrs
}

var orders, stacks addrCache

func (c *addrCache) get() addrs {
	c.mu.Lock()
	defer c.mu.Unlock()
	if n := len(c.free); n > 0 {
		b := c.free[n-1]
		c.free = c.free[:n-1]
		return b[:0]
	}
	return nil
}

// put keeps b for reuse; used is how much of it the last traversal used.
func (c *addrCache) put(b addrs, used int) {
	if cap(b) == 0 || cap(b) > 1<<20 && used < cap(b)/4 {
		return // not worth keeping: a big list that this graph hardly used
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.free) < 2 {
		c.free = append(c.free, b[:0])
	}
}

// topoAppend appends to out every node root depends on (root included),
// constants (Value.IsConst) excepted, children before parents: the
// post-order of a depth-first search that takes operand a before b, which
// is the order of micrograd's recursive build_topo. With save, it sets the
// Grad of every non-leaf node it outputs to 0 (Backward's reset, done while
// the node is at hand) and records and zeroes every leaf's but root's. stack is scratch space, returned for reuse with
// its greatest depth. check, if not nil, is called every checkEvery nodes;
// its error stops the sort. The caller must keep root alive while it uses
// out (see addrs).
func topoAppend(root *Value, out, stack addrs, check func() error, save *leafSave) (addrs, addrs, int, error) {
	e := newEpoch()
	root.see(e)
	stack = append(stack[:0], addrOf(root))
	deepest := 1
	for turn := 1; len(stack) > 0; turn++ {
		deepest = max(deepest, len(stack))
		// Checked by loop turns, not by output: on a long chain the
		// search goes all the way down before it outputs anything.
		if turn&(checkEvery-1) == 0 && check != nil {
			if err := check(); err != nil {
				return out, stack, deepest, err
			}
		}
		v := stack.at(len(stack) - 1)
		a, b := v.operands()
		if a != nil && !a.seen(e) && a.flags&flagConst == 0 {
			a.see(e)
			if a.op != OpLeaf {
				stack = stack.push(addrOf(a))
				continue
			}
			if save != nil {
				save.add(a)
			}
			out = out.push(addrOf(a)) // a leaf's post-order is itself, now
		}
		if b != nil && !b.seen(e) && b.flags&flagConst == 0 {
			b.see(e)
			if b.op != OpLeaf {
				stack = stack.push(addrOf(b))
				continue
			}
			if save != nil {
				save.add(b)
			}
			out = out.push(addrOf(b))
		}
		stack = stack[:len(stack)-1]
		if save != nil && v.op != OpLeaf { // a leaf here is root
			v.Grad = 0
		}
		out = out.push(addrOf(v))
	}
	return out, stack, deepest, nil
}

// Topo returns every node root depends on but constants, root last, children before
// parents: the post-order of a depth-first search taking operand a before
// b, as micrograd's build_topo. It uses no recursion, so chains of any
// depth work. (Backward's order is another: the order of creation, see
// sweepOrder.)
func Topo(root *Value) []*Value {
	nodes, stack, deepest, _ := topoAppend(root, orders.get(), stacks.get(), nil, nil)
	stacks.put(stack, deepest)
	out := make([]*Value, len(nodes))
	for i := range out {
		out[i] = nodes.at(i)
	}
	orders.put(nodes, len(nodes))
	runtime.KeepAlive(root)
	return out
}

// Leaves returns the leaves root depends on, constants excepted, in Topo
// order (root itself if it is a leaf).
func Leaves(root *Value) []*Value {
	nodes, stack, deepest, _ := topoAppend(root, orders.get(), stacks.get(), nil, nil)
	stacks.put(stack, deepest)
	var ls []*Value
	for i := range nodes {
		if v := nodes.at(i); v.op == OpLeaf {
			ls = append(ls, v)
		}
	}
	orders.put(nodes, len(nodes))
	runtime.KeepAlive(root)
	return ls
}
