package autograd_test

import (
	"errors"
	"math"
	"math/rand"
	"runtime/debug"
	"testing"

	"github.com/mglang/mg/autograd"
)

// randGraph builds a random formula over every op from nleaves leaves,
// reusing earlier nodes so that gradients meet along several paths. Ops
// whose result would be invalid are skipped. It returns the leaves, all
// nodes (creation order) and the root.
func randGraph(r *rand.Rand, ar *autograd.Arena, nleaves, nops int) (leaves, nodes []*autograd.Value) {
	for i := 0; i < nleaves; i++ {
		l := ar.Leaf(math.Round((r.Float64()*4-2)*1e6) / 1e6)
		l.SetLabel(string(rune('a' + i)))
		leaves = append(leaves, l)
	}
	nodes = append(nodes, leaves...)
	pick := func() *autograd.Value {
		// Prefer recent nodes, so the graph grows deep as well as wide.
		k := len(nodes) - 1 - int(math.Abs(r.NormFloat64())*3)%len(nodes)
		return nodes[k]
	}
	for len(nodes) < nleaves+nops {
		a, b := pick(), pick()
		var v *autograd.Value
		var err error
		switch r.Intn(18) {
		case 0:
			v, err = ar.Add(a, b)
		case 1:
			v, err = ar.Sub(a, b)
		case 2:
			v, err = ar.Mul(a, b)
		case 3:
			v, err = ar.Div(a, b)
		case 4:
			v, err = ar.Neg(a)
		case 5:
			v, err = ar.PowConst(a, []float64{2, 3, -1, 0.5, 1.5, -2, 1, 0}[r.Intn(8)])
		case 6:
			v, err = ar.Pow(a, b)
		case 7:
			v, err = ar.ReLU(a)
		case 8:
			v, err = ar.Tanh(a)
		case 9:
			v, err = ar.Exp(a)
		case 10:
			v, err = ar.Log(a)
		case 11:
			v, err = ar.Sigmoid(a)
		case 12:
			v, err = ar.Sin(a)
		case 13:
			v, err = ar.Cos(a)
		case 14:
			v, err = ar.Mul(a, ar.Const(float64(r.Intn(5)-2))) // a constant operand
		case 15:
			v, err = ar.Add(a, a) // the same node twice
		case 16: // a constant on the left of each binary op
			c := ar.Const(float64(r.Intn(7)-3) / 2)
			v, err = [](func(x, y *autograd.Value) (*autograd.Value, error)){ar.Add, ar.Sub, ar.Mul, ar.Div}[r.Intn(4)](c, a)
		case 17: // a constant on the right, or as the base of a power
			c := ar.Const(float64(r.Intn(6)+1) / 2)
			v, err = [](func(x, y *autograd.Value) (*autograd.Value, error)){ar.Sub, ar.Div, ar.Pow}[r.Intn(3)](a, c)
			if r.Intn(2) == 0 {
				v, err = ar.Pow(c, a)
			}
		}
		if err != nil || math.Abs(v.Data) > 1e6 || v.Op() == autograd.OpPow && a.Data <= 0 {
			continue
		}
		nodes = append(nodes, v)
	}
	return leaves, nodes
}

// TestGradEqualsBackwardBitForBit: on random graphs over every op, the data
// of grad(L, x) is Backward's x.Grad to the bit, for every leaf and every
// inner node, and Grad leaves every Grad field as it found it.
func TestGradEqualsBackwardBitForBit(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	n := 3000
	if testing.Short() {
		n = 600
	}
	for k := 0; k < n; k++ {
		ar := autograd.NewArena()
		_, nodes := randGraph(r, ar, 1+r.Intn(4), 1+r.Intn(30))
		root := nodes[len(nodes)-1]
		all := autograd.Topo(root)
		for i, v := range all {
			v.Grad = float64(i) + 0.25 // must survive Grad
		}
		gs, gerr := autograd.Grad(ar, root, all, nil)
		ps, perr := autograd.GradPruned(ar, root, all, nil)
		if (gerr == nil) != (perr == nil) && gerr == nil {
			t.Fatalf("graph %d: GradPruned fails (%v) where Grad does not", k, perr)
		}
		for i, v := range all {
			if v.Grad != float64(i)+0.25 {
				t.Fatalf("graph %d: Grad changed a grad field", k)
			}
			v.Grad = 0
		}
		berr := autograd.Backward(root, nil)
		if gerr != nil || berr != nil {
			// Grad's errors are Backward's. Backward may fail where Grad
			// does not: on 0 ** -1 in the derivative of x ** 0 at 0, and
			// where the gradient is 0 because an exponent's base is 0.
			if berr == nil || gerr != nil && gerr.Error() != berr.Error() {
				t.Fatalf("graph %d: grad error %v, backward error %v", k, gerr, berr)
			}
			continue
		}
		for i, v := range all {
			if math.Float64bits(gs[i].Data) != math.Float64bits(v.Grad) {
				t.Fatalf("graph %d node %d (%s): grad %v, backward %v", k, i, v.OpName(), gs[i].Data, v.Grad)
			}
			if perr == nil && math.Float64bits(ps[i].Data) != math.Float64bits(v.Grad) {
				t.Fatalf("graph %d node %d (%s): pruned grad %v, backward %v", k, i, v.OpName(), ps[i].Data, v.Grad)
			}
		}
	}
}

// TestGradErrorsWhereBackwardDoes: a local derivative that is not finite
// is an error naming the op, as Backward's (sqrt at 0).
func TestGradErrorsWhereBackwardDoes(t *testing.T) {
	ar := autograd.NewArena()
	x := ar.Leaf(0)
	y, _ := ar.PowConst(x, 0.5)
	_, gerr := autograd.Grad(ar, y, []*autograd.Value{x}, nil)
	berr := autograd.Backward(y, nil)
	if gerr == nil || berr == nil || gerr.Error() != berr.Error() {
		t.Fatalf("grad error %v, backward error %v", gerr, berr)
	}
}

// TestGradOfUnusedLeafIsConstantZero: a leaf L does not depend on has
// gradient 0, a leaf (constant) with nothing under it.
func TestGradOfUnusedLeafIsConstantZero(t *testing.T) {
	ar := autograd.NewArena()
	x, z := ar.Leaf(2), ar.Leaf(5)
	y, _ := ar.Tanh(x)
	gs, err := autograd.Grad(ar, y, []*autograd.Value{z, x}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if gs[0].Data != 0 || !gs[0].IsConst() {
		t.Fatalf("d/dz = %v (%s), want a constant 0", gs[0].Data, gs[0].OpName())
	}
	if gs[1].Data == 0 {
		t.Fatal("d/dx should not be 0")
	}
}

// TestGradWithRespectToInnerNode: the gradient with respect to an inner
// node is what flows into it from its consumers, as Backward leaves in its
// Grad; L itself has gradient 1.
func TestGradWithRespectToInnerNode(t *testing.T) {
	ar := autograd.NewArena()
	x := ar.Leaf(0.7)
	u, _ := ar.Mul(x, x)
	s, _ := ar.Sin(u)
	e, _ := ar.Exp(u)
	l, _ := ar.Add(s, e) // dL/du = cos(u) + exp(u)
	gs, err := autograd.Grad(ar, l, []*autograd.Value{u, l}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := math.Cos(0.49) + math.Exp(0.49)
	if math.Abs(gs[0].Data-want) > 1e-15 || gs[1].Data != 1 {
		t.Fatalf("dL/du = %v (want %v), dL/dL = %v", gs[0].Data, want, gs[1].Data)
	}
}

// TestGradReLUAtZero: relu's derivative at exactly 0 is 0 (as PyTorch and
// Backward), and its own derivative is 0.
func TestGradReLUAtZero(t *testing.T) {
	ar := autograd.NewArena()
	x := ar.Leaf(0)
	y, _ := ar.ReLU(x)
	l, _ := ar.Mul(y, ar.Leaf(3))
	gs, err := autograd.Grad(ar, l, []*autograd.Value{x}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if gs[0].Data != 0 || math.Signbit(gs[0].Data) {
		t.Fatalf("relu'(0) = %v, want 0.0", gs[0].Data)
	}
	// The step is part of the graph: forward at x = 2 turns it on.
	x.Data = 2
	if err := autograd.Forward(gs[0], nil); err != nil || gs[0].Data != 3 {
		t.Fatalf("replayed at 2: d/dx = %v (%v), want 3", gs[0].Data, err)
	}
	g2, err := autograd.Grad(ar, gs[0], []*autograd.Value{x}, nil)
	if err != nil || g2[0].Data != 0 {
		t.Fatalf("at 2: d2/dx2 = %v (%v), want 0", g2[0].Data, err)
	}
	x.Data = -0.5
	if err := autograd.Forward(gs[0], nil); err != nil || gs[0].Data != 0 {
		t.Fatalf("replayed at -0.5: d/dx = %v (%v), want 0", gs[0].Data, err)
	}
}

// TestGradMillionNodes: Grad is iterative: a chain of a million nodes is
// differentiated with a goroutine stack capped far below what recursion
// would need.
func TestGradMillionNodes(t *testing.T) {
	if testing.Short() {
		t.Skip("a million-node graph: run without -short")
	}
	ar := autograd.NewArena()
	x := ar.Leaf(1)
	k := ar.Leaf(1.0000001)
	v := x
	for i := 0; i < 1_000_000; i++ {
		v, _ = ar.Mul(v, k)
	}
	old := debug.SetMaxStack(1 << 20)
	defer debug.SetMaxStack(old)
	gs, err := autograd.Grad(ar, v, []*autograd.Value{x}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := autograd.Backward(v, nil); err != nil {
		t.Fatal(err)
	}
	if gs[0].Data != x.Grad {
		t.Fatalf("grad %v, backward %v", gs[0].Data, x.Grad)
	}
}

// TestGradInterrupted: the check function stops a long Grad, whose error
// is returned, and the grad fields are as they were.
func TestGradInterrupted(t *testing.T) {
	ar := autograd.NewArena()
	x := ar.Leaf(0.5)
	v := x
	for i := 0; i < 300_000; i++ {
		v, _ = ar.Sin(v)
	}
	x.Grad = 7
	stop := errors.New("interrupted")
	calls := 0
	_, err := autograd.Grad(ar, v, []*autograd.Value{x}, func() error {
		if calls++; calls == 3 {
			return stop
		}
		return nil
	})
	if err != stop || x.Grad != 7 || v.Grad != 0 {
		t.Fatalf("err %v after %d checks, x.grad %v, L.grad %v", err, calls, x.Grad, v.Grad)
	}
}

// TestGradThirdDerivativeOfPowAtOne: f(b) = b**b has f' = 1, f” = 2 and
// f”' = 3 at b = 1 (f = exp(b log b); PyTorch 1.13 gives 2 for f”').
func TestGradThirdDerivativeOfPowAtOne(t *testing.T) {
	ar := autograd.NewArena()
	b := ar.Leaf(1)
	f, _ := ar.Pow(b, b)
	var got []float64
	for i := 0; i < 3; i++ {
		gs, err := autograd.Grad(ar, f, []*autograd.Value{b}, nil)
		if err != nil {
			t.Fatal(err)
		}
		f = gs[0]
		got = append(got, f.Data)
	}
	if got[0] != 1 || got[1] != 2 || got[2] != 3 {
		t.Fatalf("derivatives of b**b at 1: %v, want [1 2 3]", got)
	}
}

// TestGradSignOfZero: Backward starts every sum at +0.0, so a gradient
// made only of -0.0 terms is +0.0 there; grad gives the same bits.
func TestGradSignOfZero(t *testing.T) {
	ar := autograd.NewArena()
	x := ar.Leaf(3)
	l, _ := ar.Mul(x, ar.Leaf(math.Copysign(0, -1)))
	gs, err := autograd.Grad(ar, l, []*autograd.Value{x}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := autograd.Backward(l, nil); err != nil {
		t.Fatal(err)
	}
	if math.Float64bits(gs[0].Data) != math.Float64bits(x.Grad) || math.Signbit(x.Grad) {
		t.Fatalf("grad %v (sign %v), backward %v", gs[0].Data, math.Signbit(gs[0].Data), x.Grad)
	}
}
