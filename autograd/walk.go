package autograd

import (
	"cmp"
	"slices"
)

// Backward's order is the reverse of the order in which the nodes were made:
// an op's operands exist before it, so that is a reverse topological
// order, and it is the order in which PyTorch's engine runs a graph and a
// tape sweeps it. It is found without a sort: the nodes of an Arena are
// made into its chunks one after the other, so walking the chunks from
// root's place down, and handling each node that root was found to depend
// on, visits root's graph newest first. A node is marked (the traversal
// epoch of topo.go) when its first consumer is handled, and the walk stops
// when no marked node is left to handle. Unmarked nodes on the way (other
// graphs made in between, dead ones) cost one load each, in address order.

// walker is the state of one walk.
type walker struct {
	e      epoch
	zero   bool      // set each non-leaf node's Grad to 0 when it is first reached
	save   *leafSave // if not nil: record and zero each leaf's Grad when it is first reached
	record bool      // keep the order: ops (newest first) and leaves (as first reached)
	ops    addrs
	leaves addrs
}

// reachLeaf marks o, a leaf or a constant that is an operand of a node
// being handled, the first time it is reached. Constants are marked too,
// so that they are tested once, and nothing else is done to them.
func (w *walker) reachLeaf(o *Value) {
	o.see(w.e)
	if o.flags&flagConst != 0 {
		return
	}
	if w.save != nil {
		w.save.add(o)
	}
	if w.record {
		w.leaves = w.leaves.push(addrOf(o))
	}
}

// walkEnd is how a walk ended.
type walkEnd uint8

const (
	walked  walkEnd = iota // every node root depends on was visited
	foreign                // some node is not in root's Arena: order depth-first
	sparse                 // root's nodes are few among those walked over: sort them
)

// A walk gives up (sparse) at the end of a chunk once it has stepped over
// more than sparseMin nodes and more than sparseRatio times as many as it
// handled: a small graph using a node made long ago, with a big graph still
// alive in between, is sorted instead (sortedOrder, the same order), so
// that no Backward costs more than a few times its graph.
const (
	sparseMin   = 1 << 16
	sparseRatio = 8
)

// walk visits every node root depends on, root first, in reverse creation
// order, calling reach on each node's operands and, with apply, applying
// the chain rule (backstep) at each node; otherwise (record) it lists the
// nodes. root must not be a leaf. Unless it ends walked (or with an error),
// the caller undoes what it did and orders the graph another way: when
// the graph is not all in root's Arena (foreign: a node made without an
// Arena, or by another one, which only Go code can do) depth-first, else
// (sparse) by sorting.
func walk(root *Value, w *walker, apply bool, check func() error) (walkEnd, error) {
	info, slot := registry.find(root)
	if info == nil {
		return foreign, nil
	}
	blocks := info.list.snapshot()
	bi := index(blocks, info)
	if bi < 0 {
		return foreign, nil
	}
	e := newEpoch()
	w.e = e
	root.see(e)
	pending, zero := 1, w.zero // in registers: the loop below is the hot one
	scanned, handled := 0, 0
	for ; bi >= 0; bi-- {
		if scanned > sparseMin && scanned > sparseRatio*handled {
			return sparse, nil
		}
		var blk []Value
		if !blocks[bi].freed.Load() { // (not asking a freed chunk's weak pointer)
			blk = blocks[bi].values()
		}
		for j := min(slot, len(blk)-1); j >= 0; j-- {
			scanned++
			if scanned&(checkEvery-1) == 0 && check != nil {
				if err := check(); err != nil {
					return walked, err
				}
			}
			v := &blk[j]
			if !v.seen(e) {
				continue
			}
			pending--
			handled++
			// Reach the operands: an op node reached for the first
			// time starts its gradient afresh and waits its turn.
			a, b := v.opA(), v.opB()
			if !a.seen(e) {
				if a.op != OpLeaf {
					a.see(e)
					pending++
					if zero {
						a.Grad = 0
					}
				} else {
					w.reachLeaf(a)
				}
			}
			if b != nil && !b.seen(e) {
				if b.op != OpLeaf {
					b.see(e)
					pending++
					if zero {
						b.Grad = 0
					}
				} else {
					w.reachLeaf(b)
				}
			}
			if !apply {
				w.ops = w.ops.push(addrOf(v))
			} else if g := v.Grad; !finite(g) {
				return walked, gradSumErr(v)
			} else if v.flags&flagConstArg != 0 {
				if err := backpropConst(v, g); err != nil {
					return walked, err
				}
			} else if v.op == OpAdd { // the common ops here, the rest in backstep
				a.Grad += g
				b.Grad += g
			} else if v.op == OpMul {
				ca, cb := float64(b.Data*g), float64(a.Data*g)
				if !finite(ca) || !finite(cb) {
					return walked, gradErr(v)
				}
				a.Grad += ca
				b.Grad += cb
			} else if err := backstep(v, g); err != nil {
				return walked, err
			}
			if pending == 0 {
				return walked, nil
			}
		}
		slot = opChunkLen
	}
	return foreign, nil
}

// walkOrder returns root's order as sweepOrder gives it: the leaves root
// depends on, then its op nodes oldest first (root last). Unless end is
// walked, there is no order (see walk).
func walkOrder(root *Value, check func() error, save *leafSave, zero bool) (order addrs, end walkEnd, err error) {
	w := walker{zero: zero, save: save, record: true, ops: orders.get(), leaves: stacks.get()}
	if zero {
		root.Grad = 0
	}
	end, err = walk(root, &w, false, check)
	defer stacks.put(w.leaves, len(w.leaves))
	if end != walked || err != nil {
		orders.put(w.ops, len(w.ops))
		return nil, end, err
	}
	n, m := len(w.ops), len(w.leaves)
	order = w.ops
	for len(order) < n+m {
		order = order.push(0)
	}
	copy(order[m:], order[:n]) // the ops, newest first, after the leaves
	copy(order, w.leaves)
	for i, j := m, n+m-1; i < j; i, j = i+1, j-1 {
		order[i], order[j] = order[j], order[i]
	}
	return order, walked, nil
}

// sortedOrder is walkOrder's order made another way, for a graph whose
// nodes lie sparse among others (see sparse): the depth-first order, then
// its op nodes sorted by their place in the Arena. Each node is looked up
// in the registry, so it costs more per node than a walk, but only for the
// graph's own nodes. A node outside root's Arena leaves the depth-first
// order as it is. out, save and zero are as in topoAppend.
func sortedOrder(root *Value, check func() error, save *leafSave) (addrs, error) {
	nodes, stack, deepest, err := topoAppend(root, orders.get(), stacks.get(), check, save)
	stacks.put(stack, deepest)
	if err != nil {
		return nodes, err
	}
	type place struct {
		seq  int64
		slot int
		v    uintptr
	}
	var ops []place
	var list *opList
	leaves := 0
	for i := range nodes {
		v := nodes.at(i)
		if v.op == OpLeaf {
			nodes[leaves] = nodes[i] // the leaves first, in their order
			leaves++
			continue
		}
		info, slot := registry.find(v)
		if info == nil || list != nil && info.list != list {
			// a foreign node: the depth-first order stands
			return topoAgain(root, nodes, check)
		}
		list = info.list
		ops = append(ops, place{info.seq, slot, nodes[i]})
	}
	slices.SortFunc(ops, func(x, y place) int {
		if x.seq != y.seq {
			return cmp.Compare(x.seq, y.seq)
		}
		return cmp.Compare(x.slot, y.slot)
	})
	for i, p := range ops {
		nodes[leaves+i] = p.v
	}
	return nodes, nil
}

// topoAgain makes the depth-first order again in the buffer of nodes
// (whose leaves sortedOrder has moved); the reset was done the first time.
func topoAgain(root *Value, nodes addrs, check func() error) (addrs, error) {
	nodes, stack, deepest, err := topoAppend(root, nodes[:0], stacks.get(), check, nil)
	stacks.put(stack, deepest)
	return nodes, err
}
