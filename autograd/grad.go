package autograd

import (
	"math"
	"runtime"
	"strings"
)

// Grad returns, for each x in xs, d(root)/dx as a new node whose graph is
// the backward computation: every op's local derivative is built from the
// constructors (Mul, Div, Tanh, ...), so the result can be differentiated
// again, drawn, and recomputed by Forward. No Grad field is changed.
//
// The gradient graph makes the same products and adds the same terms in
// the same order as Backward (see gradRule), so each result's Data equals
// the x.Grad that Backward leaves from zeroed gradients, to the bit.
// Forward nodes are reused where Backward reads them (tanh's 1 - t**2 uses
// the tanh node, exp's derivative the exp node).
//
// An x that root does not depend on gets a constant 0; x may be an inner
// node (the gradient flowing into it from its consumers). Only nodes that
// lead to some x get an adjoint, so grad(L, x) for one x is small.
//
// check, if not nil, is called about every 65536 nodes; its error stops
// the work. A local derivative that is not finite is a *NumError naming
// the op, as Backward's.
func Grad(ar *Arena, root *Value, xs []*Value, check func() error) ([]*Value, error) {
	s, err := sortGraph(root, check)
	if err != nil {
		return nil, err
	}
	defer s.release()
	g := gradSweep{ar: ar, nodes: s.nodes, name: nameOf(root)}
	g.stashGrads()
	defer g.restoreGrads()
	out, err := g.run(xs, check)
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
	adj   []*Value // adjoint built so far, by position; nil for none yet
	want  []bool   // by position: the node leads to some x
	name  string   // root's name in labels: dL/dx
}

func (g *gradSweep) stashGrads() {
	g.saved = make([]float64, len(g.nodes))
	for i := range g.nodes {
		v := g.nodes.at(i)
		g.saved[i] = v.Grad
		v.Grad = float64(i)
	}
}

func (g *gradSweep) restoreGrads() {
	for i := range g.nodes {
		g.nodes.at(i).Grad = g.saved[i]
	}
}

// pos returns v's position in the order, or -1 if v is not in the graph.
func (g *gradSweep) pos(v *Value) int {
	p := v.Grad
	if p >= 0 && p < float64(len(g.nodes)) && p == math.Trunc(p) && g.nodes.at(int(p)) == v {
		return int(p)
	}
	return -1
}

func (g *gradSweep) run(xs []*Value, check func() error) ([]*Value, error) {
	n := len(g.nodes)
	g.adj = make([]*Value, n)
	g.want = make([]bool, n)
	for _, x := range xs {
		if p := g.pos(x); p >= 0 {
			g.want[p] = true
		}
	}
	// Children come before parents, so one pass finds every node on a
	// path to some x.
	for i := range g.nodes {
		v := g.nodes.at(i)
		if !g.want[i] && (g.wants(v.a) || g.wants(v.b)) {
			g.want[i] = true
		}
	}
	if g.want[n-1] {
		g.adj[n-1] = g.constant(1, "d"+g.name+"/d"+g.name)
	}
	next := n - checkEvery
	for i := n - 1; i >= 0; i-- {
		if i <= next && check != nil {
			next -= checkEvery
			if err := check(); err != nil {
				return nil, err
			}
		}
		d := g.adj[i]
		if d == nil || !g.want[i] {
			continue // Backward would pass on only zeros from here
		}
		v := g.nodes.at(i)
		g.label(v, d)
		if v.op == OpLeaf {
			continue
		}
		if err := g.rule(v, d); err != nil {
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
			d = g.adj[p]
		}
		switch {
		case d == nil:
			d = g.constant(0, "")
		case d.Data == 0 && math.Signbit(d.Data):
			// Backward starts every sum at +0.0, so a sum of zeros is
			// +0.0; only its sign can differ, and only here.
			z, err := g.ar.Add(d, g.constant(0, ""))
			if err != nil {
				return nil, err
			}
			d = z
		}
		if d.Label() == "" && x.Label() != "" {
			d.SetLabel("d" + g.name + "/d" + x.Label())
		}
		out[k] = d
	}
	return out, nil
}

// label names the adjoint of a named node after it (dL/dd), unless the
// adjoint node is shared with another's and already named.
func (g *gradSweep) label(v, d *Value) {
	if v.Label() != "" && d.Label() == "" {
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
// a power's exponent): a leaf that nothing else uses.
func (g *gradSweep) constant(c float64, label string) *Value {
	v := g.ar.Leaf(c)
	v.SetLabel(label)
	return v
}

// add accumulates the term t into operand a's adjoint, after the terms
// before it: Backward's a.Grad += t. Terms for operands that lead to no x
// are never built (the rules ask wants first).
func (g *gradSweep) add(v, a, t *Value) error {
	p := int(a.Grad)
	if g.adj[p] == nil {
		g.adj[p] = t
		return nil
	}
	s, err := g.ar.Add(g.adj[p], t)
	if err != nil {
		return sumErr(v, a)
	}
	g.adj[p] = s
	return nil
}

// wants reports whether operand a leads to some x. An operand that is not
// in the order (a constant) leads nowhere.
func (g *gradSweep) wants(a *Value) bool {
	if a == nil {
		return false
	}
	p := g.pos(a)
	return p >= 0 && g.want[p]
}

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
