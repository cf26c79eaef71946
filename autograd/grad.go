package autograd

import (
	"math"
	"runtime"
	"strings"
	"sync"
)

// Grad returns, for each x in xs, d(root)/dx as a new node whose graph is
// the backward computation: every op's local derivative is built from the
// constructors (Mul, Div, Tanh, ...), so the result can be differentiated
// again, drawn, and recomputed by Forward. No Grad field is changed.
//
// The gradient graph makes the same products and adds the same terms in
// the same order as Backward (see rule, in gradrules.go), so each result's Data equals
// the x.Grad that Backward leaves from zeroed gradients, to the bit.
// Forward nodes are reused where Backward reads them (tanh's 1 - t**2 uses
// the tanh node, exp's derivative the exp node).
//
// An x that root does not depend on gets a constant 0; x may be an inner
// node (the gradient flowing into it from its consumers). Only nodes that
// lead to some x get an adjoint, so grad(L, x) for one x is small.
//
// relu's derivative is a step node (see step) everywhere, so that Forward
// recomputes the gradient graph at any new leaf data as building it again
// would; GradPruned leaves out what lies below a relu that is off.
//
// check, if not nil, is called about every 65536 nodes; its error stops
// the work. A local derivative that is not finite is a *NumError naming
// the op, as Backward's.
func Grad(ar *Arena, root *Value, xs []*Value, check func() error) ([]*Value, error) {
	return grad(ar, root, xs, false, check)
}

// GradPruned is Grad without the parts of the gradient graph that carry
// only zeros now: below a relu whose input is not positive, Backward adds
// nothing, and neither does GradPruned (the data are the same, bit for
// bit). The graph is smaller (on a training step whose loss is a hinge,
// less than half the size), but Forward gives the right derivative only
// while every relu that was off when it was built stays off.
func GradPruned(ar *Arena, root *Value, xs []*Value, check func() error) ([]*Value, error) {
	return grad(ar, root, xs, true, check)
}

func grad(ar *Arena, root *Value, xs []*Value, prune bool, check func() error) ([]*Value, error) {
	s, err := sweepOrder(root, check, false) // Backward's order: the terms add up in its sequence
	if err != nil {
		return nil, err
	}
	defer s.release()
	if ar == nil {
		ar = NewArena() // the adjoints are held as integers: their chunks must be known
	}
	g := gradSweep{ar: ar, nodes: s.nodes, name: nameOf(root), prune: prune}
	g.stashGrads(xs)
	defer g.restoreGrads()
	ar.hold()
	out, err := g.run(xs, check)
	ar.release()
	runtime.KeepAlive(root) // the order holds the nodes as integers
	return out, err
}

// gradSweep is one Grad call. While it runs, each node's Grad field holds
// the node's position in the topological order (the real gradients are in
// saved and put back at the end): positions are needed at every operand,
// and a map from node to position costs more than the rest of the sweep.
type gradSweep struct {
	ar    *Arena
	nodes addrs
	saved []float64
	adj   addrs      // adjoint built so far, by position; 0 for none yet (Arena.hold keeps them)
	want  []bool     // by position: the node leads to some x
	opPos [][2]int32 // by position: the positions of the operands, -1 for none or a constant
	name  string     // root's name in labels: dL/dx
	prune bool       // no term for a relu that is off (GradPruned)
	// consts are the sweep's constants by their bits
	consts  map[uint64]*Value
	scratch *gradScratch
}

// gradScratch is the memory of a sweep's tables, kept for the next sweep:
// a training loop that takes a gradient graph at every step reuses it.
type gradScratch struct {
	saved []float64
	want  []bool
	opPos [][2]int32
	adj   addrs
}

type scratchCache struct {
	mu   sync.Mutex
	free *gradScratch
}

var scratches scratchCache

// get returns tables for at least n nodes (every entry is written before
// it is read).
func (c *scratchCache) get(n int) *gradScratch {
	c.mu.Lock()
	s := c.free
	c.free = nil
	c.mu.Unlock()
	if s == nil || cap(s.saved) < n {
		return &gradScratch{make([]float64, n), make([]bool, n), make([][2]int32, n), make(addrs, n)}
	}
	return s
}

// put keeps s unless it is big (more than 4M nodes' worth).
func (c *scratchCache) put(s *gradScratch) {
	if cap(s.saved) > 1<<22 {
		return
	}
	c.mu.Lock()
	c.free = s
	c.mu.Unlock()
}

// stashGrads saves every node's Grad and puts its position there, then
// finds each node's operands' positions and which nodes lead to some x
// (children come before parents, so one pass does it).
func (g *gradSweep) stashGrads(xs []*Value) {
	n := len(g.nodes)
	g.scratch = scratches.get(n)
	g.saved, g.want, g.opPos = g.scratch.saved[:n], g.scratch.want[:n], g.scratch.opPos[:n]
	// Integers, not pointers: storing a pointer costs a write barrier
	// while the collector runs, and the collector would scan the table.
	// The adjoints are new nodes of g.ar (kept by Arena.hold while the
	// sweep runs) or constants (kept by g.consts).
	g.adj = g.scratch.adj[:n]
	clear(g.adj)
	// One pass: children come before parents, so each operand's Grad
	// already holds its position, and whether it leads to an x is known.
	// The xs are marked with a traversal epoch of their own.
	e := newEpoch()
	for _, x := range xs {
		x.see(e)
	}
	for i := range g.nodes {
		v := g.nodes.at(i)
		g.saved[i] = v.Grad
		v.Grad = float64(i)
		a, b := v.operands()
		pa, pb := operandPos(a), operandPos(b)
		g.opPos[i] = [2]int32{pa, pb}
		g.want[i] = v.seen(e) || pa >= 0 && g.want[pa] || pb >= 0 && g.want[pb]
	}
}

// operandPos is the position of an operand of a node in the order, which
// is in the order too unless it is a constant (or absent): -1 for those.
func operandPos(a *Value) int32 {
	if a == nil || a.flags&flagConst != 0 {
		return -1
	}
	return int32(a.Grad)
}

func (g *gradSweep) restoreGrads() {
	for i := range g.saved {
		g.nodes.at(i).Grad = g.saved[i]
	}
	scratches.put(g.scratch) // it holds no pointers: it keeps no graph alive
}

// pos returns v's position in the order, or -1 if v is nil or not in the
// order (a constant, or a node root does not depend on).
func (g *gradSweep) pos(v *Value) int {
	if v == nil {
		return -1
	}
	p := v.Grad
	if p >= 0 && p < float64(len(g.nodes)) && p == math.Trunc(p) && g.nodes.at(int(p)) == v {
		return int(p)
	}
	return -1
}

func (g *gradSweep) run(xs []*Value, check func() error) ([]*Value, error) {
	n := len(g.nodes)
	if n > 0 && g.want[n-1] {
		g.adj[n-1] = addrOf(g.constant(1))
	}
	next := n - checkEvery
	for i := n - 1; i >= 0; i-- {
		if i <= next && check != nil {
			next -= checkEvery
			if err := check(); err != nil {
				return nil, err
			}
		}
		d := g.adjoint(i)
		if d == nil || !g.want[i] {
			continue // Backward would pass on only zeros from here
		}
		v := g.nodes.at(i)
		if v.label != 0 {
			g.label(v, d)
		}
		if v.op == OpLeaf {
			continue
		}
		if err := g.rule(v, d, g.opPos[i]); err != nil {
			return nil, err
		}
	}
	return g.results(xs)
}

func (g *gradSweep) results(xs []*Value) ([]*Value, error) {
	out := make([]*Value, len(xs))
	for k, x := range xs {
		var d *Value
		if p := g.pos(x); p >= 0 {
			d = g.adjoint(p)
		}
		switch {
		case d == nil:
			d = g.ar.Const(0) // a result of its own: a name given to it names no other node
		case d.Data == 0 && math.Signbit(d.Data):
			// Backward starts every sum at +0.0, so a sum of zeros is
			// +0.0; only its sign can differ, and only here.
			z, err := g.ar.Add(d, g.ar.Const(0))
			if err != nil {
				return nil, err
			}
			d = z
		}
		if d.Label() == "" && x.Label() != "" && !d.IsConst() {
			d.SetLabel("d" + g.name + "/d" + x.Label())
		}
		out[k] = d
	}
	return out, nil
}

// label names the adjoint of a named node after it (dL/dd), unless the
// adjoint node is shared with another's and already named.
func (g *gradSweep) label(v, d *Value) {
	if v.Label() != "" && d.Label() == "" && !d.IsConst() {
		d.SetLabel("d" + g.name + "/d" + v.Label())
	}
}

// nameOf is how labels write the root: its label, in parentheses when it
// is itself a derivative (d(dL/dx)/dy), or L.
func nameOf(root *Value) string {
	switch l := root.Label(); {
	case l == "":
		return "L"
	case strings.ContainsAny(l, "/ +-*"):
		return "(" + l + ")"
	default:
		return l
	}
}

// constant makes a number of a derivative's formula (the 1 of 1 - t**2,
// a power's exponent, the seed dL/dL = 1): a constant (Value.IsConst), as
// a number written next to a Value is, so that it is in no graph's order
// and no gradient check looks at it.
// One constant serves every use of its number in the sweep, as one
// constant serves every evaluation of a literal: nothing writes to it.
func (g *gradSweep) constant(c float64) *Value {
	key := math.Float64bits(c)
	if k, ok := g.consts[key]; ok {
		return k
	}
	k := g.ar.Const(c)
	if g.consts == nil {
		g.consts = map[uint64]*Value{}
	}
	g.consts[key] = k
	return k
}

// add accumulates the term t into operand a's adjoint, after the terms
// before it: Backward's a.Grad += t. Terms for operands that lead to no x
// are never built (the rules ask wants first).
func (g *gradSweep) add(v, a *Value, p int32, t *Value) error {
	if g.adj[p] == 0 {
		g.adj[p] = addrOf(t)
		return nil
	}
	s, err := g.ar.Add(g.adjoint(int(p)), t)
	if err != nil {
		return sumErr(v, a)
	}
	g.adj[p] = addrOf(s)
	return nil
}

// adjoint returns the adjoint of the node at position p, nil for none yet.
func (g *gradSweep) adjoint(p int) *Value {
	if g.adj[p] == 0 {
		return nil
	}
	return g.adj.at(p)
}

// wants reports whether the operand at position p leads to some x; a
// constant (-1) leads nowhere.
func (g *gradSweep) wants(p int32) bool { return p >= 0 && g.want[p] }

// sumErr reports an adjoint that overflows, as Backward's check of each
// node's accumulated gradient does.
func sumErr(v, a *Value) *NumError {
	what := "a leaf"
	if a.op != OpLeaf {
		what = "the result of " + a.OpName()
	}
	if a.Label() != "" {
		what += " (" + a.Label() + ")"
	}
	return &NumError{Op: v.OpName(), Msg: "gradient is not finite at " + what}
}
