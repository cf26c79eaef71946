package autograd

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

// walk visits every node root depends on, root first, in reverse creation
// order, calling reach on each node's operands and, with apply, applying
// the chain rule (backstep) at each node; otherwise (record) it lists the
// nodes. root must not be a leaf. ok is false, with nothing applied
// beyond what the caller must undo, when the graph is not all in root's
// Arena (a node made without an Arena, or by another one: only Go code can
// make such a graph); the caller then takes the depth-first order.
func walk(root *Value, w *walker, apply bool, check func() error) (ok bool, err error) {
	info, slot := registry.find(root)
	if info == nil {
		return false, nil
	}
	blocks := info.list.snapshot()
	bi := index(blocks, info)
	if bi < 0 {
		return false, nil
	}
	e := newEpoch()
	w.e = e
	root.see(e)
	pending, zero := 1, w.zero // in registers: the loop below is the hot one
	scanned := 0
	for ; bi >= 0; bi-- {
		blk := blocks[bi].blk.Value()
		for j := slot; blk != nil && j >= 0; j-- {
			scanned++
			if scanned&(checkEvery-1) == 0 && check != nil {
				if err := check(); err != nil {
					return true, err
				}
			}
			v := &blk[j]
			if !v.seen(e) {
				continue
			}
			pending--
			// Reach the operands: an op node reached for the first
			// time starts its gradient afresh and waits its turn.
			a, b := v.a, v.b
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
				return true, gradSumErr(v)
			} else if v.flags&flagConstArg != 0 {
				if err := backpropConst(v, g); err != nil {
					return true, err
				}
			} else if v.op == OpAdd { // the common ops here, the rest in backstep
				a.Grad += g
				b.Grad += g
			} else if v.op == OpMul {
				ca, cb := float64(b.Data*g), float64(a.Data*g)
				if !finite(ca) || !finite(cb) {
					return true, gradErr(v)
				}
				a.Grad += ca
				b.Grad += cb
			} else if err := backstep(v, g); err != nil {
				return true, err
			}
			if pending == 0 {
				return true, nil
			}
		}
		slot = arenaChunk - 1
	}
	return false, nil
}

// walkOrder returns root's order as sweepOrder gives it: the leaves root
// depends on, then its op nodes oldest first (root last). ok is false if
// the graph is not all in root's Arena (see walk).
func walkOrder(root *Value, check func() error, save *leafSave, zero bool) (order addrs, ok bool, err error) {
	w := walker{zero: zero, save: save, record: true, ops: orders.get(), leaves: stacks.get()}
	if zero {
		root.Grad = 0
	}
	ok, err = walk(root, &w, false, check)
	defer stacks.put(w.leaves, len(w.leaves))
	if !ok || err != nil {
		orders.put(w.ops, len(w.ops))
		return nil, ok, err
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
	return order, true, nil
}
