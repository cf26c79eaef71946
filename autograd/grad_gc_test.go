package autograd

import (
	"runtime"
	"testing"
)

// TestGradUnderGC collects garbage again and again while Grad builds a
// big gradient graph: the sweep holds its adjoints as integers, kept alive
// by Arena.hold, so nothing may be freed under it.
func TestGradUnderGC(t *testing.T) {
	if testing.Short() {
		t.Skip("a 260,000-node gradient graph under repeated collections")
	}
	xs, ys := moonsData(400)
	ar := NewArena()
	m := newMLP(ar, []int{2, 16, 16, 1}, 1)
	root := moonsStep(&graphBuilder{ar: ar}, m, xs, ys)
	if err := Backward(root, nil); err != nil {
		t.Fatal(err)
	}
	var junk [][]byte
	calls := 0
	gc := func() error {
		calls++
		junk = append(junk, make([]byte, 1<<20)) // churn: reuse of freed memory shows
		runtime.GC()
		return nil
	}
	gs, err := Grad(ar, root, m.params, gc)
	if err != nil {
		t.Fatal(err)
	}
	if calls < 3 {
		t.Fatalf("only %d collections during Grad", calls)
	}
	junk = nil
	runtime.GC()
	for i, p := range m.params {
		if gs[i].Data != p.Grad {
			t.Fatalf("parameter %d: grad %v, backward %v", i, gs[i].Data, p.Grad)
		}
	}
	// The gradient graph is intact: replaying it gives the same numbers.
	if err := Forward(gs[0], nil); err != nil || gs[0].Data != m.params[0].Grad {
		t.Errorf("forward of the gradient graph: %v, %v want %v", err, gs[0].Data, m.params[0].Grad)
	}
}

// TestHoldKeepsChunks: while an Arena holds, a node that only an integer
// refers to stays intact through collections that reuse freed memory.
func TestHoldKeepsChunks(t *testing.T) {
	ar := NewArena()
	x := ar.Leaf(2)
	ar.hold()
	v, _ := ar.Mul(x, x) // in the Arena's first op chunk
	at := addrs{addrOf(v)}
	v = nil
	for range 5 * opChunkLen { // later chunks, none refers to v
		ar.Add(x, x)
	}
	var junk [][]byte
	for range 4 {
		runtime.GC()
		for range 2000 { // the size of the first chunk: freed memory is reused
			b := make([]byte, 128*int(valueSize))
			for i := range b {
				b[i] = 0xff
			}
			junk = append(junk, b)
		}
	}
	if got := at.at(0); got.Data != 4 || got.op != OpMul || got.opA() != x || got.opB() != x {
		t.Errorf("a held node changed: %v op %v", got.Data, got.op)
	}
	ar.release()
	runtime.KeepAlive(junk)
}
