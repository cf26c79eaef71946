package autograd_test

import (
	"math"
	"strings"
	"testing"

	"github.com/mglang/mg/autograd"
)

// TestStepOp: the step node is 1 where its operand is positive, else 0
// (also at -0.0 and 0), is recomputed by Forward, and passes nothing back
// but +0.0, so that a -0.0 gradient below it becomes 0.0 as 1 - 0**r made it.
func TestStepOp(t *testing.T) {
	ar := autograd.NewArena()
	for _, c := range []struct{ x, want float64 }{{2.5, 1}, {1e-300, 1}, {0, 0}, {math.Copysign(0, -1), 0}, {-3, 0}} {
		s, err := ar.Step(ar.Leaf(c.x))
		if err != nil || s.Data != c.want || math.Signbit(s.Data) {
			t.Fatalf("step(%v) = %v (%v), want %v", c.x, s.Data, err, c.want)
		}
		if s.OpName() != "step" || s.Op().Arity() != 1 {
			t.Fatalf("step's op: %q, arity %d", s.OpName(), s.Op().Arity())
		}
	}
	x := ar.Leaf(-1)
	s, _ := ar.Step(x)
	if s.Data != 0 {
		t.Fatalf("step(-1) = %v", s.Data)
	}
	x.Data = 4
	if err := autograd.Forward(s, nil); err != nil || s.Data != 1 {
		t.Fatalf("forward: step(4) = %v (%v)", s.Data, err)
	}
	x.Grad = math.Copysign(0, -1)
	if err := autograd.Backward(s, nil); err != nil || x.Grad != 0 || math.Signbit(x.Grad) {
		t.Fatalf("backward through step: x.grad = %v (%v), want 0.0", x.Grad, err)
	}
}

// TestDOTOfReLUGradientHasNoNaN: relu's derivative in a gradient graph is a
// step node, drawn as "step", with no constant whose gradient is nan (as
// the base 0 of 0**r had).
func TestDOTOfReLUGradientHasNoNaN(t *testing.T) {
	ar := autograd.NewArena()
	for _, x0 := range []float64{1.5, 0, -2} {
		x := ar.Leaf(x0)
		w := ar.Leaf(0.5)
		h, _ := ar.Mul(x, w)
		r, _ := ar.ReLU(h)
		L, _ := ar.Mul(r, r)
		gs, err := autograd.Grad(ar, L, []*autograd.Value{x}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := autograd.Backward(gs[0], nil); err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		if err := autograd.WriteDOT(&b, gs[0], autograd.DOTOptions{}); err != nil {
			t.Fatal(err)
		}
		dot := b.String()
		if strings.Contains(dot, "nan") {
			t.Fatalf("x = %v: nan in\n%s", x0, dot)
		}
		if !strings.Contains(dot, "step") {
			t.Fatalf("x = %v: no step node in\n%s", x0, dot)
		}
		want := 0.0
		if x0 > 0 {
			want = 2 * 0.5 * (x0 * 0.5)
		}
		if gs[0].Data != want {
			t.Fatalf("x = %v: dL/dx = %v, want %v", x0, gs[0].Data, want)
		}
	}
}

// TestTraceThroughStep: the trace of a backward pass through a step node
// writes its flat contribution and leaves Backward's gradients, -0.0
// turned to 0.0 included.
func TestTraceThroughStep(t *testing.T) {
	build := func() (x, L *autograd.Value) {
		ar := autograd.NewArena()
		x = ar.Leaf(-2)
		x.Grad = math.Copysign(0, -1)
		s, _ := ar.Step(x)
		n, _ := ar.Neg(x)
		L, _ = ar.Mul(s, n) // x's gradient: -0.0, plus -0.0 through neg (the step is 0), plus the step's +0.0
		return x, L
	}
	x1, L1 := build()
	if err := autograd.Backward(L1, nil); err != nil {
		t.Fatal(err)
	}
	x2, L2 := build()
	var b strings.Builder
	if err := autograd.BackwardTrace(L2, 0, &b, nil); err != nil {
		t.Fatal(err)
	}
	if math.Float64bits(x1.Grad) != math.Float64bits(x2.Grad) || math.Signbit(x1.Grad) {
		t.Fatalf("x.grad: backward %v, trace %v; want 0.0 from both", x1.Grad, x2.Grad)
	}
	if !strings.Contains(b.String(), ".grad += 0.0 = 0.0") {
		t.Fatalf("no flat step in the trace:\n%s", b.String())
	}
}
