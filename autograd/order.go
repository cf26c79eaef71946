package autograd

import (
	"sync"
	"weak"
)

// sweepOrder returns the order in which Backward visits root's graph, from
// the end: every node root depends on but constants, children before
// parents. It is the order in which the nodes were made (walk.go), the
// leaves first; Backward walks it from the last node (root) to the first,
// and so must anything that has to give Backward's gradients to the bit
// (a builder of gradient graphs, a tracer of chain-rule steps): the same
// order, the same arithmetic (backstep). Forward walks it from the first
// node. A graph whose nodes do not all come from root's Arena (only Go
// code can make one) is ordered as micrograd's build_topo orders it
// (topoAppend) instead.
//
// The order is computed once per root and kept (for the last root)
// while root is alive: an op's operands never change, so neither does the
// set of nodes a root depends on nor their order. Replaying a graph —
// Forward, zero the parameters, Backward, at every step — then orders
// nothing. With zero, the Grad of every non-leaf node in it is set to 0
// (Backward's reset; Backward then sets root's to 1). The caller must
// release the order and keep root alive while it uses it (see addrs).
func sweepOrder(root *Value, check func() error, zero bool) (sorted, error) {
	return sweepOrderBy(root, check, zero, walked)
}

// sweepOrderBy is sweepOrder; how says how to make a new order when the
// caller's walk gave up: walked to walk (the caller did not), foreign to
// order depth-first, sparse to sort.
func sweepOrderBy(root *Value, check func() error, zero bool, how walkEnd) (sorted, error) {
	escape(root)
	var save *leafSave
	if zero {
		save = leafSaves.Get().(*leafSave)
	}
	fail := func(err error) (sorted, error) {
		if save != nil {
			save.restore()
			save.put()
		}
		return sorted{}, err
	}
	if s, ok := kept.find(root); ok {
		s.saved = save
		if zero {
			if err := resetInner(s.nodes, check, save); err != nil {
				s.saved = nil
				s.release()
				return fail(err)
			}
		}
		return s, nil
	}
	kept.reclaim() // a gone root's buffer serves the new order
	var nodes addrs
	end := how
	if how == walked && root.op != OpLeaf {
		var err error
		nodes, end, err = walkOrder(root, check, save, zero)
		if err != nil {
			return fail(err)
		}
		if end != walked && save != nil { // start again another way
			save.restore()
			save.put()
			save = leafSaves.Get().(*leafSave)
		}
	}
	if root.op == OpLeaf {
		end = foreign // a leaf's order is itself
	}
	switch end {
	case sparse:
		var err error
		if nodes, err = sortedOrder(root, check, save); err != nil {
			orders.put(nodes, len(nodes))
			return fail(err)
		}
	case foreign:
		var stack addrs
		var deepest int
		var err error
		nodes, stack, deepest, err = topoAppend(root, orders.get(), stacks.get(), check, save)
		stacks.put(stack, deepest)
		if err != nil {
			orders.put(nodes, len(nodes))
			return fail(err)
		}
	}
	s := kept.add(root, nodes)
	s.saved = save
	return s, nil
}

// resetInner zeroes the Grad of every non-leaf node of the order and
// records and zeroes the leaves' but root's (the last), calling check every
// checkEvery nodes (a long graph's reset must not delay an interrupt).
func resetInner(nodes addrs, check func() error, save *leafSave) error {
	for i := range nodes {
		if v := nodes.at(i); v.op != OpLeaf {
			v.Grad = 0
		} else if i < len(nodes)-1 {
			save.add(v)
		}
		if i&(checkEvery-1) == checkEvery-1 && check != nil {
			if err := check(); err != nil {
				return err
			}
		}
	}
	return nil
}

// sorted is an order in use; release gives it back.
type sorted struct {
	nodes addrs
	slot  *keptOrder // where it is kept; nil: a buffer of its own
	saved *leafSave  // with zero: the leaves' gradients before the sweep
}

// finish ends a sweep that zeroed: on success every leaf gets its old
// gradient plus the fresh sum, on failure its old gradient back.
func (s *sorted) finish(err error) {
	if s.saved == nil {
		return
	}
	if err != nil {
		s.saved.restore()
	} else {
		s.saved.commit()
	}
	s.saved.put()
	s.saved = nil
}

func (s sorted) release() {
	if s.slot == nil {
		orders.put(s.nodes, len(s.nodes))
		return
	}
	kept.mu.Lock()
	s.slot.users--
	kept.mu.Unlock()
}

// keptOrder is the order of one root. root is weak: keeping an order
// keeps no graph alive, and when root's memory is freed root.Value() is
// nil and the order is dropped (the addresses in it may then be reused).
type keptOrder struct {
	root  weak.Pointer[Value]
	nodes addrs
	users int // releases still to come: the buffer is not reused before
}

// keptOrders holds the orders of the last roots swept.
type keptOrders struct {
	mu    sync.Mutex
	slots [1]*keptOrder // one: replay sweeps one root; each more would hold a buffer
	next  int           // the slot to replace next
}

var kept keptOrders

func (k *keptOrders) find(root *Value) (sorted, bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	for _, s := range k.slots {
		if s != nil && s.root.Value() == root {
			s.users++
			return sorted{nodes: s.nodes, slot: s}, true
		}
	}
	return sorted{}, false
}

// reclaim gives the buffers of roots that are gone back for reuse, so that
// a program sorting one big graph after another does not keep the old
// one's order besides the new one's.
func (k *keptOrders) reclaim() {
	k.mu.Lock()
	defer k.mu.Unlock()
	for i, s := range k.slots {
		if s != nil && s.users == 0 && s.root.Value() == nil {
			orders.put(s.nodes, len(s.nodes))
			k.slots[i] = nil
		}
	}
}

// add keeps root's new order in place of an unused one, preferring the
// order of a root that is gone; if every slot is in use, the order is not
// kept.
func (k *keptOrders) add(root *Value, nodes addrs) sorted {
	k.mu.Lock()
	defer k.mu.Unlock()
	victim := -1
	for i, s := range k.slots { // an empty slot, or one whose root is gone
		if s == nil || s.users == 0 && s.root.Value() == nil {
			victim = i
			break
		}
	}
	for j := range len(k.slots) { // else the oldest unused
		if i := (k.next + j) % len(k.slots); victim < 0 && k.slots[i].users == 0 {
			victim = i
		}
	}
	if victim < 0 {
		return sorted{nodes: nodes}
	}
	if old := k.slots[victim]; old != nil {
		orders.put(old.nodes, len(old.nodes))
	}
	s := &keptOrder{root: weak.Make(root), nodes: nodes, users: 1}
	k.slots[victim] = s
	k.next = (victim + 1) % len(k.slots)
	return sorted{nodes: nodes, slot: s}
}
