package main

import (
	"math/rand"
	"strconv"
	"strings"
	"testing"
)

// TestTorchSumOrder: backward adds a node's gradient terms in the order
// PyTorch does (the reverse of the order the consumers were made), so on
// graphs of + - * — whose local derivatives torch computes with the same
// operations — every gradient equals torch's to the bit. The formulas
// reuse nodes in any order, so that a node gets three and more terms whose
// sum depends on their order.
func TestTorchSumOrder(t *testing.T) {
	py := needTorch(t)
	const n = 1500
	rng := rand.New(rand.NewSource(7))
	var mgSrc, torchSrc strings.Builder
	formulas := make([]formula, n)
	for i := range formulas {
		formulas[i] = genSumFormula(rng, i)
		formulas[i].mg(&mgSrc)
		formulas[i].torch(&torchSrc)
	}
	mgOut, pyOut := runPair(t, py, torchScript, mgSrc.String(), torchSrc.String(), nil)
	got, want := parseResults(t, "mg", mgOut), parseResults(t, "torch", pyOut)
	if len(got) != n || len(want) != n {
		t.Fatalf("results for %d formulas from mg and %d from torch, want %d", len(got), len(want), n)
	}
	bad, sensitive := 0, 0
	for i, f := range formulas {
		g, w := got[i], want[i]
		if len(g) != len(w) {
			t.Fatalf("formula %d: %d numbers from mg, %d from torch", i, len(g), len(w))
		}
		if orderMatters(f) {
			sensitive++
		}
		for j := range g {
			if g[j] == w[j] {
				continue
			}
			if bad++; bad <= 5 {
				var src strings.Builder
				f.mg(&src)
				t.Errorf("formula %d: number %d is %s in mg, %s in torch\n%s", i, j, fmtNum(g[j]), fmtNum(w[j]), src.String())
			}
		}
	}
	t.Logf("%d formulas, %d whose gradients change with the order of the terms; %d numbers differ", n, sensitive, bad)
	if sensitive < n/10 {
		t.Errorf("only %d of %d formulas depend on the order of the terms: the test would not see a wrong order", sensitive, n)
	}
}

// genSumFormula makes a formula of 2-4 leaves and 6-24 ops of + - *, each
// operand any earlier name (or now and then a constant), so that nodes are
// reused out of the order they were made in.
func genSumFormula(rng *rand.Rand, id int) formula {
	f := formula{id: id}
	var pool []tnode
	for i := 0; i < 2+rng.Intn(3); i++ {
		x := float64(rng.Intn(2001)-1000) / 1000 * 1.7
		l := tnode{name: string(rune('a' + i)), val: x}
		f.leaves = append(f.leaves, l)
		pool = append(pool, l)
	}
	ops := []string{"add", "sub", "mul"}
	for len(f.nodes) < 6+rng.Intn(19) {
		op := ops[rng.Intn(len(ops))]
		x, y := pool[rng.Intn(len(pool))], pool[rng.Intn(len(pool))]
		n := tnode{name: "t" + strconv.Itoa(len(f.nodes)+1), op: op, args: []string{x.name, y.name}}
		if rng.Intn(6) == 0 {
			c := float64(rng.Intn(199)-99) / 10
			n.args[1], y = "c:"+fmtNum(c), tnode{val: c}
		}
		v, _ := torchApply(op, x.val, y.val)
		n.val = v
		f.nodes = append(f.nodes, n)
		pool = append(pool, n)
	}
	// The root adds the newest nodes, so that it depends on most of them.
	root := f.nodes[len(f.nodes)-1]
	for k := len(f.nodes) - 2; k >= max(0, len(f.nodes)-4); k-- {
		n := tnode{name: "t" + strconv.Itoa(len(f.nodes)+1), op: "add", args: []string{root.name, f.nodes[k].name}}
		n.val, _ = torchApply("add", root.val, f.nodes[k].val)
		f.nodes = append(f.nodes, n)
		root = n
	}
	return f
}

// orderMatters reports whether some leaf's gradient in f comes out
// different when each node's terms are added in depth-first order
// (micrograd's build_topo, taking the first operand first) instead of the
// order of creation: the formulas where the test tells the two apart.
func orderMatters(f formula) bool {
	a := sumOrderGrads(f, false)
	b := sumOrderGrads(f, true)
	for i := range a {
		if a[i] != b[i] {
			return true
		}
	}
	return false
}

// sumOrderGrads is backward over f (+ - * only) in the order of creation,
// or with dfs in depth-first post-order; it returns the leaves' gradients.
func sumOrderGrads(f formula, dfs bool) []float64 {
	val, grad := map[string]float64{}, map[string]float64{}
	node := map[string]tnode{}
	for _, l := range f.leaves {
		val[l.name] = l.val
	}
	for _, n := range f.nodes {
		val[n.name] = n.val
		node[n.name] = n
	}
	isConst := func(s string) bool { return strings.HasPrefix(s, "c:") }
	arg := func(s string) float64 {
		if c, ok := strings.CutPrefix(s, "c:"); ok {
			x, _ := strconv.ParseFloat(c, 64)
			return x
		}
		return val[s]
	}
	// the nodes root depends on, in the chosen order
	var order []string
	seen := map[string]bool{}
	var visit func(s string)
	visit = func(s string) {
		if isConst(s) || seen[s] {
			return
		}
		seen[s] = true
		if n, ok := node[s]; ok {
			for _, a := range n.args {
				visit(a)
			}
			order = append(order, s)
		}
	}
	visit(f.root())
	if !dfs {
		order = order[:0]
		for _, n := range f.nodes {
			if seen[n.name] {
				order = append(order, n.name)
			}
		}
	}
	grad[f.root()] = 1
	for i := len(order) - 1; i >= 0; i-- {
		n := node[order[i]]
		g := grad[n.name]
		x, y := n.args[0], n.args[1]
		var cx, cy float64
		switch n.op {
		case "add":
			cx, cy = g, g
		case "sub":
			cx, cy = g, -g
		case "mul":
			cx, cy = float64(arg(y)*g), float64(arg(x)*g)
		}
		if !isConst(x) {
			grad[x] += cx
		}
		if !isConst(y) {
			grad[y] += cy
		}
	}
	out := make([]float64, len(f.leaves))
	for i, l := range f.leaves {
		out[i] = grad[l.name]
	}
	return out
}
