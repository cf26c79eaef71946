package autograd

import (
	"errors"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"
)

// randGraph builds a random graph into ar (nil: no Arena) and returns its
// root, every node made in the order made, and the leaves. Operands are
// any earlier node, so nodes are reused out of the order they were made
// in; dead nodes (made and never used) lie between the live ones; Seal
// starts new chunks now and then; with other, an operand now and then
// comes from that second Arena.
func randGraph(r *rand.Rand, ar, other *Arena, n int) (root *Value, made, leaves []*Value) {
	var pool []*Value
	var foreign *Value
	for range 2 + r.IntN(4) {
		l := ar.Leaf(r.Float64()*2 - 1)
		leaves = append(leaves, l)
		pool = append(pool, l)
	}
	if other != nil {
		foreign, _ = other.Mul(leaves[0], leaves[len(leaves)-1])
		pool = append(pool, foreign)
	}
	pick := func() *Value {
		if r.IntN(3) == 0 {
			return pool[len(pool)-1]
		}
		return pool[r.IntN(len(pool))]
	}
	for len(made) < n {
		var v *Value
		var err error
		switch k := r.IntN(9); {
		case k < 3:
			v, err = ar.Add(pick(), pick())
		case k < 5:
			v, err = ar.Mul(pick(), pick())
		case k == 5:
			v, err = ar.Sub(pick(), ar.Const(0.5))
		case k == 6:
			v, err = ar.Tanh(pick())
		case k == 7:
			v, err = ar.Mul(ar.Const(1.25), pick())
		default:
			v, err = ar.PowConst(pick(), 2)
		}
		if err != nil || math.Abs(v.Data) > 1e6 {
			continue
		}
		made = append(made, v)
		if r.IntN(5) > 0 { // the rest are dead ends
			pool = append(pool, v)
		}
		if r.IntN(200) == 0 {
			ar.Seal()
		}
	}
	// the root sums the newest nodes, so it depends on most of them
	root = made[len(made)-1]
	for _, v := range made[max(0, len(made)-5) : len(made)-1] {
		root, _ = ar.Add(root, v)
		made = append(made, root)
	}
	if foreign != nil { // make sure root depends on it
		root, _ = ar.Add(root, foreign)
		made = append(made, root)
	}
	return root, made, leaves
}

// refBackward is Backward by its definition: root.Grad = 1, every other
// op node root depends on 0, then the chain rule at each of them in the
// reverse of made's order; leaves start from 0.
func refBackward(root *Value, made []*Value) {
	in := map[*Value]bool{}
	for _, v := range Topo(root) {
		in[v] = true
		v.Grad = 0
	}
	root.Grad = 1
	for i := len(made) - 1; i >= 0; i-- {
		if v := made[i]; in[v] {
			if err := backstep(v, v.Grad); err != nil {
				panic(err)
			}
		}
	}
}

// gradBits is every gradient of made and leaves, as bits.
func gradBits(made, leaves []*Value) []uint64 {
	var out []uint64
	for _, v := range append(append([]*Value{}, leaves...), made...) {
		out = append(out, math.Float64bits(v.Grad))
	}
	return out
}

func TestBackwardIsReverseCreationOrder(t *testing.T) {
	for seed := range uint64(300) {
		n := 5 + int(seed%7)*int(seed%5)*70 // up to 1,680 nodes: several chunks
		r1 := rand.New(rand.NewPCG(seed, 3))
		root, made, leaves := randGraph(r1, NewArena(), nil, n)
		if err := Backward(root, nil); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		got := gradBits(made, leaves)
		r2 := rand.New(rand.NewPCG(seed, 3))
		root2, made2, leaves2 := randGraph(r2, NewArena(), nil, n)
		refBackward(root2, made2)
		want := gradBits(made2, leaves2)
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("seed %d (%d nodes): gradient %d is %v, by definition %v", seed, len(made), i,
					math.Float64frombits(got[i]), math.Float64frombits(want[i]))
			}
		}
		// Replayed: Forward keeps the order, Backward follows it.
		for _, l := range leaves {
			l.Grad = 0
		}
		if err := Forward(root, nil); err != nil {
			t.Fatal(err)
		}
		if err := Backward(root, nil); err != nil {
			t.Fatal(err)
		}
		if again := gradBits(made, leaves); !equalBits(again, got) {
			t.Fatalf("seed %d: the replayed backward differs from the first", seed)
		}
	}
}

func equalBits(a, b []uint64) bool { return slices.Equal(a, b) }

// A graph made across Arenas (or with none) cannot be walked; it is swept
// in depth-first order, and gets the right gradients.
func TestBackwardAcrossArenasIsDepthFirst(t *testing.T) {
	for seed := range uint64(50) {
		for _, ar := range []*Arena{NewArena(), nil} {
			r := rand.New(rand.NewPCG(seed, 9))
			root, made, leaves := randGraph(r, ar, NewArena(), 40+int(seed)*10)
			if err := Backward(root, nil); err != nil {
				t.Fatal(err)
			}
			got := gradBits(made, leaves)
			for _, v := range Topo(root) {
				v.Grad = 0
			}
			root.Grad = 1
			order := Topo(root)
			for i := len(order) - 1; i >= 0; i-- {
				if err := backstep(order[i], order[i].Grad); err != nil {
					t.Fatal(err)
				}
			}
			if !equalBits(got, gradBits(made, leaves)) {
				t.Fatalf("seed %d: not the depth-first sweep's gradients", seed)
			}
		}
	}
}

// Chunks freed between a graph's nodes (a dead graph made in between) are
// stepped over.
func TestBackwardOverFreedChunks(t *testing.T) {
	ar := NewArena()
	x := ar.Leaf(0.5)
	y, _ := ar.Mul(x, x) // old: its chunk stays, the garbage's go
	for range 3 {
		g := y
		for range 5000 {
			g, _ = ar.Add(g, x)
		}
		_ = g
	}
	runtime.GC()
	runtime.GC()
	z, _ := ar.Mul(y, ar.Leaf(3))
	w, _ := ar.Add(z, y)
	if err := Backward(w, nil); err != nil {
		t.Fatal(err)
	}
	// w = 3*x*x + x*x: dw/dx = 8x = 4.
	if x.Grad != 4 || y.Grad != 4 {
		t.Errorf("x.grad %v y.grad %v, want 4 4", x.Grad, y.Grad)
	}
}

// The registry forgets the chunks the collector frees.
func TestRegistryForgetsFreedChunks(t *testing.T) {
	count := func() int {
		registry.mu.Lock()
		defer registry.mu.Unlock()
		return len(registry.m)
	}
	runtime.GC()
	before := count()
	for range 20 {
		ar := NewArena()
		root, _, _ := randGraph(rand.New(rand.NewPCG(1, 1)), ar, nil, 5000)
		if err := Backward(root, nil); err != nil {
			t.Fatal(err)
		}
	}
	for range 5 {
		runtime.GC()
	}
	// cleanups run on their own goroutine: wait for them a little
	for i := 0; i < 100 && count() > before+8; i++ {
		runtime.Gosched()
		runtime.GC()
	}
	if n := count(); n > before+8 {
		t.Errorf("%d registry entries after the graphs are gone, %d before", n, before)
	}
}

// A Backward stopped by check leaves every leaf's gradient as it was.
func TestWalkCancelRestoresLeaves(t *testing.T) {
	root, x0, c := chain(NewArena(), 300_000)
	x0.Grad, c.Grad = 1.25, 2.5
	stop := errors.New("stop")
	calls := 0
	err := Backward(root, func() error {
		if calls++; calls == 2 {
			return stop
		}
		return nil
	})
	if err != stop {
		t.Fatalf("Backward: %v, want stop", err)
	}
	if x0.Grad != 1.25 || c.Grad != 2.5 {
		t.Errorf("leaves' grads %v %v after a stopped Backward, want 1.25 2.5", x0.Grad, c.Grad)
	}
}

// A small graph over a node made long ago, with a big live graph made in
// between, is sorted rather than walked (sparse), in the same order.
func TestSparseGraphIsSorted(t *testing.T) {
	ar := NewArena()
	r := rand.New(rand.NewPCG(3, 4))
	x := ar.Leaf(0.75)
	old, _ := ar.Mul(x, x)
	big, _, _ := randGraph(r, ar, nil, 300_000) // alive till the end
	root, made, leaves := randGraph(r, ar, nil, 300)
	root, _ = ar.Add(root, old)
	root, _ = ar.Mul(root, old)
	made = append([]*Value{old}, append(made, root.opA(), root)...)
	leaves = append(leaves, x)
	w := walker{zero: true, save: leafSaves.Get().(*leafSave)}
	root.Grad = 1
	if end, err := walk(root, &w, true, nil); end != sparse || err != nil {
		t.Fatalf("walk ended %v, %v; want sparse", end, err)
	}
	w.save.restore()
	w.save.put()
	if err := Backward(root, nil); err != nil {
		t.Fatal(err)
	}
	got := gradBits(made, leaves)
	refBackward(root, made)
	if !equalBits(got, gradBits(made, leaves)) {
		t.Errorf("the sorted sweep's gradients are not Backward's definition")
	}
	runtime.KeepAlive(big)
}
