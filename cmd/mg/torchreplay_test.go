package main

import (
	"fmt"
	"math"
	"math/rand"
	"strconv"
	"strings"
	"testing"
)

// Replay and backward-twice cases of the PyTorch differential test.
//
// Replay: the formula's graph, built once, gets new leaf data; forward(root)
// recomputes it, zero_grad clears the leaves, backward runs again. torch
// builds the formula afresh at the new data: the two must agree, as if mg
// had rebuilt the graph.
//
// Twice: backward(root) a second time. The leaves' grads must be exactly
// double those of the first backward (inner nodes start afresh each time,
// leaves accumulate), and torch's, from backward(retain_graph=True) then
// backward(), which accumulates into the leaves the same way.
const (
	// torchExactDoubling asks for exactly double grads after backward
	// twice: each leaf gets the sum of its contributions added once to its
	// old grad, as torch does. false checks the doubling to the test's
	// tolerance only, which a backward that adds each contribution into
	// the old grad in turn passes.
	torchExactDoubling = true

	torchTwiceID  = 1_000_000 // result id of formula i backward twice: i + torchTwiceID
	torchReplayID = 2_000_000 // result id of formula i replayed: i + torchReplayID
)

// tcase is one result line to compare: a formula at some leaf data, by id.
type tcase struct {
	id   int
	f    formula // leaves at the data of this case
	kind string  // "", "twice" or "replay"
}

// eval recomputes every node of f from its leaves' val, with the checks of
// torchApply; ok is false when the new data leave a safe domain.
func (f *formula) eval() bool {
	vals := map[string]float64{}
	for _, l := range f.leaves {
		vals[l.name] = l.val
	}
	arg := func(a string) float64 {
		if c, ok := strings.CutPrefix(a, "c:"); ok {
			x, _ := strconv.ParseFloat(c, 64)
			return x
		}
		return vals[a]
	}
	for i := range f.nodes {
		n := &f.nodes[i]
		x, y := arg(n.args[0]), 0.0
		if len(n.args) > 1 {
			y = arg(n.args[1])
		}
		v, ok := torchApply(n.op, x, y)
		if !ok {
			return false
		}
		n.val = v
		vals[n.name] = v
	}
	return true
}

// replayed is f at new leaf data, or ok false when none of a few draws
// keeps the formula in its domain.
func (f formula) replayed(rng *rand.Rand) (formula, bool) {
	for try := 0; try < 10; try++ {
		g := f
		g.leaves = append([]tnode{}, f.leaves...)
		g.nodes = append([]tnode{}, f.nodes...)
		for i := range g.leaves {
			g.leaves[i].val = math.Round((rng.Float64()*2-1)*3*1000) / 1000
		}
		if g.eval() {
			return g, true
		}
	}
	return f, false
}

// mgTwice writes the second backward of f, after f.mg.
func (f *formula) mgTwice(b *strings.Builder) {
	fmt.Fprintf(b, "backward(%s)\n", f.root())
	f.mgPrint(b, f.id+torchTwiceID)
}

// mgReplay writes the replay of f at g's leaf data, after f.mg.
func (f *formula) mgReplay(b *strings.Builder, g formula) {
	var names []string
	for _, l := range g.leaves {
		fmt.Fprintf(b, "%s.data = %s\n", l.name, fmtNum(l.val))
		names = append(names, l.name)
	}
	fmt.Fprintf(b, "forward(%s)\nzero_grad([%s])\nbackward(%s)\n", f.root(), strings.Join(names, ", "), f.root())
	f.mgPrint(b, f.id+torchReplayID)
}

func (f *formula) mgPrint(b *strings.Builder, id int) {
	fmt.Fprintf(b, "print(%d, %s.data", id, f.root())
	for _, l := range f.leaves {
		fmt.Fprintf(b, ", %s.grad", l.name)
	}
	b.WriteString(")\n")
}

// torchAs writes f for formulas.py under another id; root is "R" (one
// backward) or "R2" (two, the first retaining the graph).
func (f formula) torchAs(b *strings.Builder, id int, root string) {
	f.id = id
	var s strings.Builder
	f.torch(&s)
	text := strings.TrimSuffix(s.String(), "R "+f.root()+"\n")
	b.WriteString(text + root + " " + f.root() + "\n")
}

// torchExtra adds formula i's replay or twice case to both scripts and
// returns the cases to compare.
func torchExtra(rng *rand.Rand, f formula, mgSrc, torchSrc *strings.Builder) []tcase {
	switch f.id % 3 {
	case 1:
		f.mgTwice(mgSrc)
		f.torchAs(torchSrc, f.id+torchTwiceID, "R2")
		return []tcase{{id: f.id + torchTwiceID, f: f, kind: "twice"}}
	case 2:
		g, ok := f.replayed(rng)
		if !ok {
			return nil
		}
		f.mgReplay(mgSrc, g)
		g.torchAs(torchSrc, f.id+torchReplayID, "R")
		return []tcase{{id: f.id + torchReplayID, f: g, kind: "replay"}}
	}
	return nil
}

// checkDoubled checks that backward twice gave exactly twice the leaves'
// grads of one backward, and the same data (see torchExactDoubling); it
// returns how many were not exact.
func checkDoubled(t *testing.T, cases []tcase, got map[int][]float64) int {
	t.Helper()
	n, inexact := 0, 0
	for _, c := range cases {
		if c.kind != "twice" {
			continue
		}
		once, twice := got[c.f.id], got[c.id]
		if len(once) != len(twice) {
			t.Errorf("formula %d: %d numbers after one backward, %d after two", c.f.id, len(once), len(twice))
			continue
		}
		for j := range once {
			want := once[j]
			if j > 0 {
				want *= 2
			}
			if twice[j] == want {
				continue
			}
			inexact++
			if !torchExactDoubling && math.Abs(twice[j]-want) <= torchAbsTol+torchRelTol*math.Abs(want) {
				continue
			}
			if n++; n <= 5 {
				var src strings.Builder
				c.f.mg(&src)
				t.Errorf("formula %d backward twice: %v, want exactly %v (one backward: %v)\n%s",
					c.f.id, twice, fmtNum(want), once, src.String())
			}
		}
	}
	return inexact
}
