package autograd

import (
	"errors"
	"math"
	"runtime"
	"strings"
	"testing"
)

func labelled(ar *Arena, label string, x float64) *Value {
	v := ar.Leaf(x)
	v.SetLabel(label)
	return v
}

// lectureL builds the lecture's L = (a*b + c) * f.
func lectureL(t *testing.T, ar *Arena) (L, a, b, c, d, e, f *Value) {
	m := must(t)
	a, b, c, f = labelled(ar, "a", 4), labelled(ar, "b", -3), labelled(ar, "c", 8), labelled(ar, "f", 2)
	d = m(ar.Mul(a, b))
	d.SetLabel("d")
	e = m(ar.Add(d, c))
	e.SetLabel("e")
	L = m(ar.Mul(e, f))
	L.SetLabel("L")
	return
}

func TestLectureL(t *testing.T) {
	L, a, b, c, d, e, f := lectureL(t, NewArena())
	if err := Backward(L, nil); err != nil {
		t.Fatal(err)
	}
	for _, w := range []struct {
		v          *Value
		data, grad float64
	}{{a, 4, -6}, {b, -3, 8}, {c, 8, 2}, {d, -12, 2}, {e, -4, 2}, {f, 2, -4}, {L, -8, 1}} {
		if w.v.Data != w.data || w.v.Grad != w.grad {
			t.Errorf("%s: %v, want data %v grad %v", w.v.Label(), w.v, w.data, w.grad)
		}
	}
	var order []string
	for _, v := range Topo(L) {
		order = append(order, v.Label())
	}
	if got := strings.Join(order, " "); got != "a b d c e f L" {
		t.Errorf("Topo order %q, want micrograd's build_topo order %q", got, "a b d c e f L")
	}
	var leaves []string
	for _, v := range Leaves(L) {
		leaves = append(leaves, v.Label())
	}
	if got := strings.Join(leaves, " "); got != "a b c f" {
		t.Errorf("Leaves %q", got)
	}
	if bad, err := GradCheck(L, 1e-6, nil); err != nil || len(bad) != 0 {
		t.Errorf("GradCheck: %v %v", bad, err)
	}
}

func TestAccumulate(t *testing.T) {
	ar := NewArena()
	m := must(t)
	a := ar.Leaf(3)
	b := m(ar.Add(a, a))
	if err := Backward(b, nil); err != nil {
		t.Fatal(err)
	}
	if a.String() != "Value(data=3.0, grad=2.0)" {
		t.Errorf("a + a: %v", a)
	}
}

// TestBackwardTwiceDoublesLeaves: the conformance suite's case 05 graph.
// Backward gives inner nodes the root's gradient afresh, leaves
// accumulate: a second call doubles the leaves' grads exactly and leaves
// the inner nodes as the first call did.
func TestBackwardTwiceDoublesLeaves(t *testing.T) {
	ar := NewArena()
	m := must(t)
	x, y := ar.Leaf(-2), ar.Leaf(3)
	d, e := m(ar.Mul(x, y)), m(ar.Add(x, y))
	f := m(ar.Mul(d, e))
	if err := Backward(f, nil); err != nil {
		t.Fatal(err)
	}
	if x.Grad != -3 || y.Grad != -8 || d.Grad != 1 || e.Grad != -6 {
		t.Errorf("grads %v %v %v %v, want -3 -8 1 -6", x.Grad, y.Grad, d.Grad, e.Grad)
	}
	if err := Backward(f, nil); err != nil {
		t.Fatal(err)
	}
	if x.Grad != -6 || y.Grad != -16 || d.Grad != 1 || e.Grad != -6 || f.Grad != 1 {
		t.Errorf("after two calls: grads %v %v %v %v %v, want -6 -16 1 -6 1", x.Grad, y.Grad, d.Grad, e.Grad, f.Grad)
	}
}

// TestOpGradients checks each op's gradient against the derivative worked
// by hand and against the central difference.
func TestOpGradients(t *testing.T) {
	s := func(x float64) float64 { return 1 / (1 + math.Exp(-x)) }
	cases := []struct {
		name   string
		build  func(ar *Arena, x, y *Value) (*Value, error)
		x, y   float64
		dx, dy float64
	}{
		{"+", func(ar *Arena, x, y *Value) (*Value, error) { return ar.Add(x, y) }, 1.5, -0.5, 1, 1},
		{"-", func(ar *Arena, x, y *Value) (*Value, error) { return ar.Sub(x, y) }, 1.5, -0.5, 1, -1},
		{"*", func(ar *Arena, x, y *Value) (*Value, error) { return ar.Mul(x, y) }, 1.5, -0.5, -0.5, 1.5},
		{"/", func(ar *Arena, x, y *Value) (*Value, error) { return ar.Div(x, y) }, 1.5, -0.5, -2, -6},
		{"neg", func(ar *Arena, x, _ *Value) (*Value, error) { return ar.Neg(x) }, 1.5, 0, -1, 0},
		{"**3", func(ar *Arena, x, _ *Value) (*Value, error) { return ar.PowConst(x, 3) }, 1.5, 0, 6.75, 0},
		{"**-1", func(ar *Arena, x, _ *Value) (*Value, error) { return ar.PowConst(x, -1) }, -2, 0, -0.25, 0},
		{"**0.5", func(ar *Arena, x, _ *Value) (*Value, error) { return ar.PowConst(x, 0.5) }, 4, 0, 0.25, 0},
		{"**", func(ar *Arena, x, y *Value) (*Value, error) { return ar.Pow(x, y) }, 1.5, 2.5,
			2.5 * math.Pow(1.5, 1.5), math.Pow(1.5, 2.5) * math.Log(1.5)},
		{"** int exponent, negative base", func(ar *Arena, x, _ *Value) (*Value, error) { return ar.PowConst(x, 2) }, -3, 0, -6, 0},
		{"ReLU+", func(ar *Arena, x, _ *Value) (*Value, error) { return ar.ReLU(x) }, 1.5, 0, 1, 0},
		{"ReLU-", func(ar *Arena, x, _ *Value) (*Value, error) { return ar.ReLU(x) }, -1.5, 0, 0, 0},
		{"tanh", func(ar *Arena, x, _ *Value) (*Value, error) { return ar.Tanh(x) }, 0.7, 0, 1 - math.Tanh(0.7)*math.Tanh(0.7), 0},
		{"exp", func(ar *Arena, x, _ *Value) (*Value, error) { return ar.Exp(x) }, 1.5, 0, math.Exp(1.5), 0},
		{"log", func(ar *Arena, x, _ *Value) (*Value, error) { return ar.Log(x) }, 1.5, 0, 1 / 1.5, 0},
		{"sigmoid", func(ar *Arena, x, _ *Value) (*Value, error) { return ar.Sigmoid(x) }, 0.5, 0, s(0.5) * (1 - s(0.5)), 0},
		{"sin", func(ar *Arena, x, _ *Value) (*Value, error) { return ar.Sin(x) }, 1.5, 0, math.Cos(1.5), 0},
		{"cos", func(ar *Arena, x, _ *Value) (*Value, error) { return ar.Cos(x) }, 1.5, 0, -math.Sin(1.5), 0},
	}
	for _, c := range cases {
		ar := NewArena()
		x, y := ar.Leaf(c.x), ar.Leaf(c.y)
		// Multiply by a constant so that the op's gradient is not just 1.
		z, err := c.build(ar, x, y)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		k := ar.Leaf(3)
		L, _ := ar.Mul(z, k)
		if err := Backward(L, nil); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		close := func(got, want float64) bool { return math.Abs(got-want) <= 1e-12*math.Max(1, math.Abs(want)) }
		if !close(x.Grad, 3*c.dx) || !close(y.Grad, 3*c.dy) {
			t.Errorf("%s: grads %v %v, want %v %v", c.name, x.Grad, y.Grad, 3*c.dx, 3*c.dy)
		}
		for _, leaf := range []*Value{x, y} {
			n, err := NumGrad(L, leaf, 1e-6, nil)
			if err != nil {
				t.Fatalf("%s: NumGrad: %v", c.name, err)
			}
			if !gradsAgree(leaf.Grad, n) {
				t.Errorf("%s: analytic %v, numeric %v", c.name, leaf.Grad, n)
			}
		}
		if bad, err := GradCheck(L, 1e-6, nil); err != nil || len(bad) != 0 {
			t.Errorf("%s: GradCheck: %v %v", c.name, bad, err)
		}
	}
}

// TestGradFormulas checks that the gradients are computed in the
// lecture's form, to the last bit.
func TestGradFormulas(t *testing.T) {
	ar := NewArena()
	x := ar.Leaf(0.7)
	th, _ := ar.Tanh(x)
	Backward(th, nil)
	if x.Grad != 1-th.Data*th.Data {
		t.Errorf("tanh grad %v, want 1 - t*t = %v", x.Grad, 1-th.Data*th.Data)
	}
	y := ar.Leaf(1.3)
	p, _ := ar.PowConst(y, 3)
	Backward(p, nil)
	if want := 3 * crPow(1.3, 2); y.Grad != want {
		t.Errorf("**3 grad %v, want %v", y.Grad, want)
	}
	a, b := ar.Leaf(1.7), ar.Leaf(0.3)
	q, _ := ar.Div(a, b)
	Backward(q, nil)
	if a.Grad != 1/0.3 || b.Grad != -1.7/(0.3*0.3) {
		t.Errorf("/ grads %v %v", a.Grad, b.Grad)
	}
}

func TestBackwardErrors(t *testing.T) {
	cases := []struct {
		name  string
		build func(ar *Arena) *Value
		msg   string
	}{
		{"sqrt at 0", func(ar *Arena) *Value { v, _ := ar.PowConst(ar.Leaf(0), 0.5); return v },
			"gradient is not finite in **0.5: 0.0 ** 0.5"},
		{"negative base", func(ar *Arena) *Value { v, _ := ar.Pow(ar.Leaf(-2), ar.Leaf(2)); return v },
			"gradient with respect to the exponent is undefined for a negative base in **: -2.0 ** 2.0"},
		{"mul overflow", func(ar *Arena) *Value {
			m, _ := ar.Mul(ar.Leaf(1e200), ar.Leaf(1e-200))
			v, _ := ar.Mul(m, ar.Leaf(1e200))
			return v
		}, "gradient is not finite in *: 1e+200 * 1e-200"},
		{"log near 0", func(ar *Arena) *Value {
			l, _ := ar.Log(ar.Leaf(1e-310))
			return l
		}, "gradient is not finite in log: log(1e-310)"},
		{"sum overflow", func(ar *Arena) *Value {
			x := ar.Leaf(1e-300)
			x.SetLabel("x")
			m1, _ := ar.Mul(x, ar.Leaf(1.5e308))
			m2, _ := ar.Mul(x, ar.Leaf(1.5e308))
			v, _ := ar.Add(m1, m2)
			return v
		}, "gradient is not finite: inf at a leaf (x)"},
	}
	for _, c := range cases {
		err := Backward(c.build(NewArena()), nil)
		var ne *NumError
		if !errors.As(err, &ne) || ne.Msg != c.msg {
			t.Errorf("%s: %v, want %q", c.name, err, c.msg)
		}
	}
	// a**b at a == 0: the exponent's gradient is 0, not an error.
	ar := NewArena()
	a, b := ar.Leaf(0), ar.Leaf(2)
	v, _ := ar.Pow(a, b)
	if err := Backward(v, nil); err != nil || a.Grad != 0 || b.Grad != 0 {
		t.Errorf("0**2: %v %v %v", err, a.Grad, b.Grad)
	}
}

func chain(ar *Arena, n int) (root, x0, c *Value) {
	x0, c = ar.Leaf(0.5), ar.Leaf(1)
	root = x0
	for range n {
		root, _ = ar.Mul(root, c)
	}
	return
}

func TestCancel(t *testing.T) {
	stop := errors.New("interrupted")
	root, x0, _ := chain(NewArena(), 300_000)
	// The walk polls every 65536 nodes, 4 times over this chain; Forward
	// orders (4 polls) then recomputes (4 more).
	for _, limit := range []int{1, 2, 4} {
		calls := 0
		check := func() error {
			calls++
			if calls == limit {
				return stop
			}
			return nil
		}
		if err := Backward(root, check); err != stop || calls != limit {
			t.Errorf("Backward: %v after %d calls, want %v after %d", err, calls, stop, limit)
		}
		if x0.Grad != 0 {
			t.Errorf("cancelled Backward reached the first node")
		}
		calls = 0
		if err := Forward(root, check); err != stop || calls != limit {
			t.Errorf("Forward: %v after %d calls", err, calls)
		}
	}
	root, x0, _ = chain(NewArena(), 300_000)
	if err := Backward(root, func() error { return nil }); err != nil || x0.Grad != 1 {
		t.Errorf("uncancelled: %v %v", err, x0.Grad)
	}
}

// TestCancelReplayedBackward: a replayed Backward sorts nothing, but its
// reset of the inner nodes still checks for an interrupt as it goes.
func TestCancelReplayedBackward(t *testing.T) {
	stop := errors.New("interrupted")
	root, x0, _ := chain(NewArena(), 300_000)
	if err := Backward(root, nil); err != nil || x0.Grad != 1 {
		t.Fatalf("first backward: %v %v", err, x0.Grad)
	}
	nodes := Topo(root)
	mid := nodes[len(nodes)/2] // an inner node, far from both ends
	before := mid.Grad
	calls := 0
	err := Backward(root, func() error { calls++; return stop })
	if err != stop || calls != 1 || x0.Grad != 1 {
		t.Errorf("replayed Backward: %v after %d calls, x0.grad %v; want it stopped at the first check", err, calls, x0.Grad)
	}
	if mid.IsLeaf() || before == 0 || mid.Grad != before {
		t.Errorf("the middle of the chain: grad %v, then %v: the reset ran past the first check", before, mid.Grad)
	}
	if err := Backward(root, nil); err != nil || x0.Grad != 2 {
		t.Errorf("after the interrupt: %v %v, want the leaf's second gradient", err, x0.Grad)
	}
}

func TestForwardAndNumGrad(t *testing.T) {
	L, a, _, _, d, _, f := lectureL(t, NewArena())
	a.Data = 5
	if err := Forward(L, nil); err != nil {
		t.Fatal(err)
	}
	if d.Data != -15 || L.Data != -14 {
		t.Errorf("Forward: d %v L %v", d.Data, L.Data)
	}
	n, err := NumGrad(L, f, 1e-6, nil)
	if err != nil || math.Abs(n-(-7)) > 1e-6 {
		t.Errorf("NumGrad(L, f) = %v, %v, want -7", n, err)
	}
	if f.Data != 2 || L.Data != -14 {
		t.Errorf("NumGrad left f %v L %v", f.Data, L.Data)
	}
	if _, err := NumGrad(L, d, 1e-6, nil); err == nil {
		t.Error("NumGrad with respect to a non-leaf")
	}
	if _, err := NumGrad(L, f, 0, nil); err == nil {
		t.Error("NumGrad with h = 0")
	}
	// An error during Forward (log of a negative number) restores the graph.
	ar := NewArena()
	x := ar.Leaf(1e-7)
	lg, _ := ar.Log(x)
	if _, err := NumGrad(lg, x, 1e-6, nil); err == nil || !strings.Contains(err.Error(), "log of a non-positive number") {
		t.Errorf("NumGrad through log(-x): %v", err)
	}
	if x.Data != 1e-7 || lg.Data != math.Log(1e-7) {
		t.Errorf("graph not restored: %v %v", x.Data, lg.Data)
	}
	x.Data = -1
	if err := Forward(lg, nil); err == nil || lg.Data != math.Log(1e-7) {
		t.Errorf("Forward: %v, data %v", err, lg.Data)
	}
}

func TestGradCheckFindsMismatch(t *testing.T) {
	L, a, b, _, _, _, _ := lectureL(t, NewArena())
	Backward(L, nil)
	a.Grad = 5 // wrong on purpose
	bad, err := GradCheck(L, 1e-6, nil)
	if err != nil || len(bad) != 1 || bad[0].Leaf != a || bad[0].Analytic != 5 || math.Abs(bad[0].Numeric-(-6)) > 1e-6 {
		t.Errorf("GradCheck: %+v %v", bad, err)
	}
	if b.Data != -3 || L.Data != -8 {
		t.Error("GradCheck changed the data")
	}
}

// TestDeepChain: 10,000,000 nodes in a chain, no recursion anywhere.
func TestDeepChain(t *testing.T) {
	if testing.Short() {
		t.Skip("10,000,000-node chain: skipped with -short")
	}
	const n = 10_000_000
	root, x0, c := chain(NewArena(), n)
	if got := len(Topo(root)); got != n+2 {
		t.Fatalf("Topo: %d nodes, want %d", got, n+2)
	}
	if err := Backward(root, nil); err != nil {
		t.Fatal(err)
	}
	if x0.Grad != 1 || c.Grad != 0.5*n {
		t.Errorf("grads %v %v, want 1 %v", x0.Grad, c.Grad, 0.5*n)
	}
	x0.Data = 0.25
	if err := Forward(root, nil); err != nil || root.Data != 0.25 {
		t.Errorf("Forward: %v %v", err, root.Data)
	}
	var sb strings.Builder
	if err := WriteDOT(&sb, root, DOTOptions{MaxNodes: 10}); err != nil || !strings.Contains(sb.String(), "… 9,999,992 more nodes") {
		t.Errorf("WriteDOT: %v\n%s", err, sb.String())
	}
}

// TestBackwardUnderGC runs collections in the middle of the sort and the
// sweep, with only Backward holding the root: the order holds nodes as
// integers (addrs), so this checks that nothing is freed under it.
func TestBackwardUnderGC(t *testing.T) {
	gc := func() error { runtime.GC(); return nil }
	links := 200_000
	if testing.Short() {
		links = 20_000
	}
	ar := NewArena()
	x0 := ar.Leaf(0.5)
	build := func() *Value {
		x := x0
		for range links {
			m, _ := ar.Mul(x, ar.Leaf(1))
			x, _ = ar.Add(m, ar.Leaf(0))
		}
		return x
	}
	if err := Backward(build(), gc); err != nil || x0.Grad != 1 {
		t.Errorf("Backward: %v, x0.grad %v", err, x0.Grad)
	}
	if err := Forward(build(), gc); err != nil {
		t.Error(err)
	}
	if n, err := NumGrad(build(), x0, 1e-6, gc); err != nil || math.Abs(n-1) > 1e-6 {
		t.Errorf("NumGrad: %v %v", n, err)
	}
	if got := len(Topo(build())); got != 4*links+1 {
		t.Errorf("Topo: %d nodes", got)
	}
}

// TestLectureNeuron: the lecture's tanh neuron, to the last digit CPython
// prints.
func TestLectureNeuron(t *testing.T) {
	ar := NewArena()
	m := must(t)
	x1, x2, w1, w2, b := ar.Leaf(2), ar.Leaf(0), ar.Leaf(-3), ar.Leaf(1), ar.Leaf(6.8813735870195432)
	n := m(ar.Add(m(ar.Add(m(ar.Mul(x1, w1)), m(ar.Mul(x2, w2)))), b))
	o := m(ar.Tanh(n))
	if err := Backward(o, nil); err != nil {
		t.Fatal(err)
	}
	got := []string{FormatFloat(n.Data), FormatFloat(o.Data), FormatFloat(n.Grad),
		FormatFloat(x1.Grad), FormatFloat(w1.Grad), FormatFloat(x2.Grad), FormatFloat(w2.Grad)}
	want := []string{"0.8813735870195432", "0.7071067811865476", "0.4999999999999999",
		"-1.4999999999999996", "0.9999999999999998", "0.4999999999999999", "0.0"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("got  %v\nwant %v", got, want)
	}
}
