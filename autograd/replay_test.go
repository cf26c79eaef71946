package autograd

import (
	"math"
	"runtime"
	"testing"
	"time"
)

// sgd is one update of the parameters, as the lecture writes it.
func sgd(params []*Value, lr float64) {
	for _, p := range params {
		p.Data -= float64(lr * p.Grad)
	}
}

// TestReplayMatchesRebuild: five SGD steps of the moons workload, one
// model rebuilding its graph at every step, the other building it once
// and replaying it (Forward, zero the parameters, Backward). Both must
// give the same loss and parameters, to the bit.
func TestReplayMatchesRebuild(t *testing.T) {
	xs, ys := moonsData(12)
	sizes := []int{2, 8, 8, 1}
	rebuilt, replayed := newMLP(nil, sizes, 3), newMLP(nil, sizes, 3)
	ar := NewArena()
	g := &graphBuilder{ar: ar}
	root := moonsStep(g, replayed, xs, ys)
	for step := range 5 {
		for _, p := range rebuilt.params {
			p.Grad = 0
		}
		L := moonsStep(&graphBuilder{ar: ar}, rebuilt, xs, ys)
		if err := Backward(L, nil); err != nil {
			t.Fatal(err)
		}
		if step > 0 {
			if err := Forward(root, nil); err != nil {
				t.Fatal(err)
			}
		}
		for _, p := range replayed.params {
			p.Grad = 0
		}
		if err := Backward(root, nil); err != nil {
			t.Fatal(err)
		}
		if math.Float64bits(L.Data) != math.Float64bits(root.Data) {
			t.Fatalf("step %d: loss %v rebuilt, %v replayed", step, L.Data, root.Data)
		}
		for i, p := range rebuilt.params {
			if q := replayed.params[i]; p.Grad != q.Grad {
				t.Fatalf("step %d: parameter %d grad %v rebuilt, %v replayed", step, i, p.Grad, q.Grad)
			}
		}
		sgd(rebuilt.params, 0.1)
		sgd(replayed.params, 0.1)
	}
}

// TestTwoRootsShareInnerNodes: backward of one root and then of another
// that shares inner nodes with it: the leaves get the sum of the two
// gradients, the shared inner nodes the second root's alone.
func TestTwoRootsShareInnerNodes(t *testing.T) {
	ar := NewArena()
	m := must(t)
	a, b := ar.Leaf(2), ar.Leaf(-3)
	d := m(ar.Mul(a, b)) // shared
	L1 := m(ar.Mul(d, d))
	L2 := m(ar.Add(d, a))
	for _, L := range []*Value{L1, L2} {
		if err := Backward(L, nil); err != nil {
			t.Fatal(err)
		}
	}
	// dL1/da = 2d*b = 36, dL1/db = 2d*a = -24; dL2/da = b + 1 = -2, dL2/db = a = 2.
	if a.Grad != 34 || b.Grad != -22 || d.Grad != 1 {
		t.Errorf("a.grad %v b.grad %v d.grad %v, want 34 -22 1", a.Grad, b.Grad, d.Grad)
	}
}

// TestBackwardOfLeafSetsOne: a leaf as root gets grad 1, set, not added.
func TestBackwardOfLeafSetsOne(t *testing.T) {
	x := NewArena().Leaf(5)
	x.Grad = 7
	if err := Backward(x, nil); err != nil || x.Grad != 1 {
		t.Errorf("grad %v err %v, want 1", x.Grad, err)
	}
}

// TestReplayKeepsTheOrder: the second sweep of a root reuses the order of
// the first (no sort), and gives the same gradients.
func TestReplayKeepsTheOrder(t *testing.T) {
	xs, ys := moonsData(4)
	m := newMLP(nil, []int{2, 4, 1}, 5)
	root := moonsStep(&graphBuilder{ar: NewArena()}, m, xs, ys)
	if err := Backward(root, nil); err != nil {
		t.Fatal(err)
	}
	first := make([]float64, len(m.params))
	for i, p := range m.params {
		first[i], p.Grad = p.Grad, 0
	}
	s, err := sweepOrder(root, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	if s.slot == nil || len(s.nodes) != len(Topo(root)) {
		t.Errorf("the order was not kept: slot %v, %d nodes", s.slot, len(s.nodes))
	}
	s.release()
	if err := Backward(root, nil); err != nil {
		t.Fatal(err)
	}
	for i, p := range m.params {
		if p.Grad != first[i] {
			t.Fatalf("parameter %d: %v, then %v", i, first[i], p.Grad)
		}
	}
}

// TestKeptOrderKeepsNoGraphAlive: once its root is garbage, a graph whose
// order was kept is freed.
func TestKeptOrderKeepsNoGraphAlive(t *testing.T) {
	freed := make(chan struct{})
	func() {
		ar := NewArena()
		x := ar.Leaf(2)
		y, _ := ar.Mul(x, x)
		runtime.AddCleanup(y, func(ch chan struct{}) { close(ch) }, freed)
		if err := Backward(y, nil); err != nil {
			t.Error(err)
		}
	}()
	for range 50 {
		runtime.GC()
		select {
		case <-freed:
			return
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Error("the graph is still alive")
}
