package autograd

import "sync"

// leafSave holds the gradients the leaves of a sweep had before it.
// Backward sums each leaf's contributions from 0 and adds that fresh sum
// to the old gradient at the end (old + fresh), as PyTorch accumulates:
// on a new graph, whose leaves hold 0, this is micrograd's sum to the bit,
// a second backward doubles the leaves' gradients exactly (rather than
// adding each contribution into the old sum, which rounds differently),
// and a backward that fails puts every leaf back as it was.
type leafSave struct {
	vs  []*Value
	old []float64
}

var leafSaves = sync.Pool{New: func() any { return new(leafSave) }}

// add records v's gradient and sets it to 0 for the sweep.
func (ls *leafSave) add(v *Value) {
	ls.vs = append(ls.vs, v)
	ls.old = append(ls.old, v.Grad)
	v.Grad = 0
}

// check returns the error of the first leaf whose fresh sum is not finite
// (a walk handles no leaf as a node, so their sums are checked here).
func (ls *leafSave) check() error {
	for _, v := range ls.vs {
		if !finite(v.Grad) {
			return gradSumErr(v)
		}
	}
	return nil
}

// commit adds the old gradients to the fresh sums.
func (ls *leafSave) commit() {
	for i, v := range ls.vs {
		if old := ls.old[i]; old != 0 {
			v.Grad = old + v.Grad
		}
	}
}

// restore puts back the old gradients (the sweep failed).
func (ls *leafSave) restore() {
	for i, v := range ls.vs {
		v.Grad = ls.old[i]
	}
}

// put empties ls (so that it keeps no leaf alive) and gives it back.
func (ls *leafSave) put() {
	clear(ls.vs)
	ls.vs, ls.old = ls.vs[:0], ls.old[:0]
	leafSaves.Put(ls)
}
