package autograd

import (
	"bytes"
	"math"
	"math/rand"
	"os"
	"strconv"
	"strings"
	"testing"
)

// traceGraph builds a graph by name; it returns the root and the named
// nodes whose gradients the golden file lists, in its order.
type traceGraph func(ar *Arena) (*Value, []*Value)

func tmust(v *Value, err error) *Value {
	if err != nil {
		panic(err)
	}
	return v
}

func tnamed(ar *Arena, x float64, label string) *Value {
	v := ar.Leaf(x)
	v.SetLabel(label)
	return v
}

func tlabel(v *Value, s string) *Value { v.SetLabel(s); return v }

// The graphs of oracle.py, which the lecture's Value class traced to write
// the golden files.
var traceGraphs = map[string]traceGraph{
	"lecture_L": func(ar *Arena) (*Value, []*Value) {
		a, b, c := tnamed(ar, 2.0, "a"), tnamed(ar, -3.0, "b"), tnamed(ar, 10.0, "c")
		e := tlabel(tmust(ar.Mul(a, b)), "e")
		d := tlabel(tmust(ar.Add(e, c)), "d")
		f := tnamed(ar, -2.0, "f")
		L := tlabel(tmust(ar.Mul(d, f)), "L")
		return L, []*Value{a, b, c, d, e, f, L}
	},
	"neuron": func(ar *Arena) (*Value, []*Value) {
		x1, x2 := tnamed(ar, 2.0, "x1"), tnamed(ar, 0.0, "x2")
		w1, w2 := tnamed(ar, -3.0, "w1"), tnamed(ar, 1.0, "w2")
		b := tnamed(ar, 6.8813735870195432, "b")
		x1w1 := tlabel(tmust(ar.Mul(x1, w1)), "x1*w1")
		x2w2 := tlabel(tmust(ar.Mul(x2, w2)), "x2*w2")
		sum := tlabel(tmust(ar.Add(x1w1, x2w2)), "x1*w1 + x2*w2")
		n := tlabel(tmust(ar.Add(sum, b)), "n")
		o := tlabel(tmust(ar.Tanh(n)), "o")
		return o, []*Value{x1, w1, x2, w2, b, n, o}
	},
	"unlabeled": func(ar *Arena) (*Value, []*Value) {
		x1, x2 := tnamed(ar, 2.0, "x1"), tnamed(ar, 0.0, "x2")
		w1, w2 := tnamed(ar, -3.0, "w1"), tnamed(ar, 1.0, "w2")
		b := tnamed(ar, 6.8813735870195432, "b")
		n := tmust(ar.Add(tmust(ar.Add(tmust(ar.Mul(x1, w1)), tmust(ar.Mul(x2, w2)))), b))
		o := tlabel(tmust(ar.Tanh(n)), "o")
		return o, []*Value{x1, w1, x2, w2, b}
	},
}

// TestTraceGolden compares the trace with what the lecture's Python
// Value class prints for the same steps (testdata/trace/oracle.py), and
// the gradients it leaves with those Backward leaves on the same graph.
func TestTraceGolden(t *testing.T) {
	for name, build := range traceGraphs {
		t.Run(name, func(t *testing.T) {
			root, nodes := build(NewArena())
			var out bytes.Buffer
			if err := BackwardTrace(root, 0, &out, nil); err != nil {
				t.Fatal(err)
			}
			var grads []string
			for _, v := range nodes {
				grads = append(grads, v.Label()+"="+FormatFloat(v.Grad))
			}
			got := out.String() + strings.Join(grads, " ") + "\n"
			want, err := os.ReadFile("testdata/trace/" + name + ".out")
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("trace differs from the oracle's\n--- got\n%s--- want\n%s", got, want)
			}
			root2, nodes2 := build(NewArena())
			if err := Backward(root2, nil); err != nil {
				t.Fatal(err)
			}
			for i, v := range nodes {
				if math.Float64bits(v.Grad) != math.Float64bits(nodes2[i].Grad) {
					t.Errorf("%s: traced grad %v, backward's %v", v.Label(), v.Grad, nodes2[i].Grad)
				}
			}
		})
	}
}

// randomGraph builds the same random graph of every op for a seed, with
// constants beside Values, and returns its root and every node made.
func randomGraph(ar *Arena, seed int64) (*Value, []*Value) {
	r := rand.New(rand.NewSource(seed))
	var all []*Value
	for i := 0; i < 4; i++ {
		all = append(all, ar.Leaf(r.Float64()+0.5))
	}
	pick := func() *Value { return all[len(all)-1-r.Intn(min(len(all), 5))] }
	for len(all) < 60 {
		a, b := pick(), pick()
		var v *Value
		var err error
		switch r.Intn(13) {
		case 0:
			v, err = ar.Add(a, b)
		case 1:
			v, err = ar.Sub(a, b)
		case 2:
			v, err = ar.Mul(a, b)
		case 3:
			v, err = ar.Div(a, ar.Const(r.Float64()+1))
		case 4:
			v, err = ar.PowConstTyped(a, 2, true)
		case 5:
			v, err = ar.Tanh(a)
		case 6:
			v, err = ar.Sigmoid(a)
		case 7:
			v, err = ar.ReLU(a)
		case 8:
			v, err = ar.Mul(a, ar.Const(-1.5))
		case 9:
			v, err = ar.Sin(a)
		case 10:
			v, err = ar.Neg(a)
		case 11:
			sq := tmust(ar.Mul(a, a))
			v, err = ar.Exp(tmust(ar.Tanh(sq)))
		case 12:
			v, err = ar.Log(tmust(ar.Add(tmust(ar.Mul(a, a)), ar.Const(1))))
		}
		if err != nil {
			continue
		}
		all = append(all, v)
	}
	root := all[len(all)-1]
	for _, v := range all[:len(all)-1] {
		root = tmust(ar.Add(root, v))
	}
	return root, all
}

// TestTraceEqualsBackward checks that the traced sweep leaves every node's
// gradient bit for bit as Backward does, on graphs of every op, and that
// each line's final number is the operand's gradient at that point.
func TestTraceEqualsBackward(t *testing.T) {
	for seed := int64(1); seed <= 30; seed++ {
		root, nodes := randomGraph(NewArena(), seed)
		root2, nodes2 := randomGraph(NewArena(), seed)
		var out bytes.Buffer
		if err := BackwardTrace(root, 1<<30, &out, nil); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if err := Backward(root2, nil); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		for i := range nodes {
			if math.Float64bits(nodes[i].Grad) != math.Float64bits(nodes2[i].Grad) {
				t.Fatalf("seed %d node %d (%s): traced grad %v, backward's %v", seed, i, nodes[i].OpName(), nodes[i].Grad, nodes2[i].Grad)
			}
		}
		if n := strings.Count(out.String(), "\n"); n < len(nodes) {
			t.Errorf("seed %d: %d lines for %d nodes", seed, n, len(nodes))
		}
	}
}

// TestTraceCap: past the limit nothing is written but the count of the
// remaining steps, and the gradients are still Backward's, to the bit.
func TestTraceCap(t *testing.T) {
	for _, limit := range []int{1, 2, 5, 40} {
		root, nodes := randomGraph(NewArena(), 7)
		root2, nodes2 := randomGraph(NewArena(), 7)
		var out bytes.Buffer
		if err := BackwardTrace(root, limit, &out, nil); err != nil {
			t.Fatal(err)
		}
		if err := Backward(root2, nil); err != nil {
			t.Fatal(err)
		}
		for i := range nodes {
			if math.Float64bits(nodes[i].Grad) != math.Float64bits(nodes2[i].Grad) {
				t.Fatalf("limit %d, node %d: traced grad %v, backward's %v", limit, i, nodes[i].Grad, nodes2[i].Grad)
			}
		}
		steps := 0
		for _, v := range Topo(root) {
			steps += v.Op().Arity()
		}
		lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
		if len(lines) != limit+2 { // the root's line, the steps, the count of the rest
			t.Fatalf("limit %d: %d lines, want %d:\n%s", limit, len(lines), limit+2, out.String())
		}
		want := "... and " + strconv.Itoa(steps-limit) + " more steps (trace=N shows N steps)"
		if last := lines[len(lines)-1]; last != want {
			t.Errorf("limit %d: last line %q, want %q", limit, last, want)
		}
	}
}

// TestTraceConstants: a number beside a Value is drawn as micrograd's
// fresh leaf for that use, and the shared constant node is not written.
func TestTraceConstants(t *testing.T) {
	ar := NewArena()
	z := tnamed(ar, 3.0, "z")
	k := ar.Const(2.0)
	y := tlabel(tmust(ar.Add(tmust(ar.Mul(z, k)), tmust(ar.Mul(z, k)))), "y")
	var out bytes.Buffer
	if err := BackwardTrace(y, 0, &out, nil); err != nil {
		t.Fatal(err)
	}
	if k.Grad != 0 {
		t.Errorf("the constant's grad was written: %v", k.Grad)
	}
	if n := strings.Count(out.String(), "[const 2.0].grad += z.data * [* 6.0].grad = 3.0 * 1.0 -> [const 2.0].grad = 3.0\n"); n != 2 {
		t.Errorf("want each use of the constant to get 3.0 on a fresh 0, got %d such lines:\n%s", n, out.String())
	}
	if z.Grad != 4.0 {
		t.Errorf("z.grad = %v, want 4", z.Grad)
	}
}
