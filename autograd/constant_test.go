package autograd

import (
	"math"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// TestConstantOperandGradients: for every op a constant can stand in,
// on either side, Backward gives the other operand exactly what it gets
// beside a fresh leaf, and ConstGrad is exactly what that fresh leaf holds;
// the constant itself receives nothing.
func TestConstantOperandGradients(t *testing.T) {
	ops := map[string]func(*Arena, *Value, *Value) (*Value, error){
		"+": (*Arena).Add, "-": (*Arena).Sub, "*": (*Arena).Mul, "/": (*Arena).Div, "**": (*Arena).Pow,
	}
	for name, op := range ops {
		for _, k := range []float64{2.5, -0.0, 0.5} {
			for side := range 2 {
				if name == "/" && side == 0 && k == 0 || name == "**" && k != 2.5 {
					continue // division by zero; ** keeps the base positive
				}
				build := func(ar *Arena, c *Value) (x, L *Value) {
					x = ar.Leaf(1.75)
					var v *Value
					var err error
					if side == 0 {
						v, err = op(ar, x, c)
					} else {
						v, err = op(ar, c, x)
					}
					if err != nil {
						t.Fatal(err)
					}
					L, err = ar.Mul(v, ar.Leaf(-3)) // so that the op's gradient is not 1
					if err != nil {
						t.Fatal(err)
					}
					return x, L
				}
				ar := NewArena()
				fresh := ar.Leaf(k)
				x1, L1 := build(ar, fresh)
				c := ar.Const(k)
				x2, L2 := build(ar, c)
				for _, L := range []*Value{L1, L2} {
					if err := Backward(L, nil); err != nil {
						t.Fatal(err)
					}
				}
				v2, _ := L2.Operands()
				got := ConstGrad(v2, c)
				if x1.Grad != x2.Grad || math.Float64bits(got) != math.Float64bits(fresh.Grad) || c.Grad != 0 {
					t.Errorf("%s side %d k %v: operand %v vs %v; constant's use %v, fresh leaf %v; constant holds %v",
						name, side, k, x2.Grad, x1.Grad, got, fresh.Grad, c.Grad)
				}
			}
		}
	}
}

// TestConstantGradNeverOverflows: one constant serves every evaluation of
// its place in the source; were its uses summed in it, the second turn of
// this loop would overflow (1.5e308 twice).
func TestConstantGradNeverOverflows(t *testing.T) {
	ar := NewArena()
	w, one := ar.Leaf(1.5e308), ar.Const(1.0)
	for i := range 2 {
		L, err := ar.Mul(w, one)
		if err != nil {
			t.Fatal(err)
		}
		if err := Backward(L, nil); err != nil {
			t.Fatalf("turn %d: %v", i, err)
		}
		if w.Grad != 1 || one.Grad != 0 {
			t.Errorf("turn %d: w.grad %v, constant's grad %v", i, w.Grad, one.Grad)
		}
		if got := ConstGrad(L, one); got != 1.5e308 {
			t.Errorf("turn %d: the constant's use holds %v, want 1.5e308", i, got)
		}
		w.Grad = 0
	}
}

// TestConstantGradientThatOverflowsIsAnError: the gradient a constant's use
// would hold (micrograd's fresh leaf) is computed, though nothing is
// written to it, and one that is not finite is the op's error, as for any
// operand, in Backward and in its trace alike; the leaves keep their grads.
func TestConstantGradientThatOverflowsIsAnError(t *testing.T) {
	for _, traced := range []bool{false, true} {
		ar := NewArena()
		x, y := ar.Leaf(1e300), ar.Leaf(2.675)
		d, err := ar.Div(x, ar.Const(2.064904533775833e-05)) // d(x/c)/dc = -x/c**2: -inf
		if err != nil {
			t.Fatal(err)
		}
		L, err := ar.Mul(y, d)
		if err != nil {
			t.Fatal(err)
		}
		if traced {
			err = BackwardTrace(L, 0, &strings.Builder{}, nil)
		} else {
			err = Backward(L, nil)
		}
		if err == nil || !strings.Contains(err.Error(), "gradient is not finite in /") {
			t.Errorf("traced %v: %v, want the / node's error", traced, err)
		}
		if x.Grad != 0 || y.Grad != 0 {
			t.Errorf("traced %v: leaves' grads %v %v after the error, want 0 0", traced, x.Grad, y.Grad)
		}
	}
	// The base of number ** Value: d(c**x)/dc at c = 0, x = 0.5 is inf.
	ar := NewArena()
	x := ar.Leaf(0.5)
	p, err := ar.Pow(ar.Const(0), x)
	if err != nil {
		t.Fatal(err)
	}
	if err := Backward(p, nil); err == nil || !strings.Contains(err.Error(), "gradient is not finite in **") {
		t.Errorf("0.0 ** x: %v, want the ** node's error", err)
	}
}

// TestConstantsAreNotLeavesOfTheGraph: a*2 + 3*b + a*b. Topo and Leaves
// leave constants out, so GradCheck checks a and b only and agrees with
// hand-set correct gradients.
func TestConstantsAreNotLeavesOfTheGraph(t *testing.T) {
	ar := NewArena()
	m := must(t)
	a, b := labelled(ar, "a", 1.5), labelled(ar, "b", -2)
	two, three := ar.Const(2), ar.Const(3)
	L := m(ar.Add(m(ar.Add(m(ar.Mul(a, two)), m(ar.Mul(three, b)))), m(ar.Mul(a, b))))
	if !two.IsConst() || a.IsConst() || L.IsConst() {
		t.Error("IsConst")
	}
	var leaves []string
	for _, v := range Leaves(L) {
		leaves = append(leaves, v.Label())
	}
	if got := strings.Join(leaves, " "); got != "a b" {
		t.Errorf("Leaves = %q, want \"a b\"", got)
	}
	if n := len(Topo(L)); n != 7 {
		t.Errorf("Topo has %d nodes, want 7 (a, b and five ops)", n)
	}
	a.Grad, b.Grad = 2+b.Data, 3+a.Data // by hand
	bad, err := GradCheck(L, 1e-6, nil)
	if err != nil || len(bad) != 0 {
		t.Errorf("GradCheck: %v %v", bad, err)
	}
}

// TestConstantPerUseDOT is the conformance suite's case 18: y = y*0.5 + 1.0
// three times, one constant for each of the two places. DOT draws a box per
// use (six), each with the gradient micrograd's fresh leaf would hold.
func TestConstantPerUseDOT(t *testing.T) {
	ar := NewArena()
	m := must(t)
	x := labelled(ar, "x", 1)
	half, one := ar.Const(0.5), ar.Const(1.0)
	y := x
	for range 3 {
		y = m(ar.Add(m(ar.Mul(y, half)), one))
		y.SetLabel("y")
	}
	if err := Backward(y, nil); err != nil {
		t.Fatal(err)
	}
	text := string(dotOf(t, y, DOTOptions{}))
	var recs []string
	for _, r := range regexp.MustCompile(`label="\{ (.*?) \| data (\S+) \| grad (\S+) \}"`).FindAllStringSubmatch(text, -1) {
		recs = append(recs, strings.TrimSpace(r[1])+" "+r[2]+" "+r[3])
	}
	sort.Strings(recs)
	want := []string{
		" 0.5000 0.2500", " 0.5000 0.2500", " 0.5000 0.7500", " 0.5000 1.7500", " 0.7500 0.5000", " 0.8750 1.0000",
		" 1.0000 0.2500", " 1.0000 0.5000", " 1.0000 1.0000",
		"x 1.0000 0.1250", "y 1.5000 0.2500", "y 1.7500 0.5000", "y 1.8750 1.0000",
	}
	if strings.Join(recs, "\n") != strings.Join(want, "\n") {
		t.Errorf("records:\n%s\nwant:\n%s", strings.Join(recs, "\n"), strings.Join(want, "\n"))
	}
	if n := strings.Count(text, "->"); n != 18 {
		t.Errorf("%d edges, want 18", n)
	}
	if half.Grad != 0 || one.Grad != 0 {
		t.Errorf("constants hold %v %v", half.Grad, one.Grad)
	}
	checkWithGraphviz(t, []byte(text))
}
