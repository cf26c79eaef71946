package autograd

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestBackwardTwiceDoublesEveryLeafExactly: on random graphs whose leaves
// are used many times, a second Backward leaves exactly twice the first's
// gradients, as torch's backward twice does. Adding each contribution of
// the second sweep into the old sum would round differently.
func TestBackwardTwiceDoublesEveryLeafExactly(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	for trial := range 300 {
		ar := NewArena()
		leaves := []*Value{ar.Leaf(r.Float64()*2 - 1), ar.Leaf(r.Float64()*2 - 1), ar.Leaf(r.Float64() + 0.5)}
		nodes := append([]*Value(nil), leaves...)
		for range 25 {
			a, b := nodes[r.IntN(len(nodes))], nodes[r.IntN(len(nodes))]
			var v *Value
			var err error
			switch r.IntN(4) {
			case 0:
				v, err = ar.Add(a, b)
			case 1:
				v, err = ar.Mul(a, b)
			case 2:
				v, err = ar.Tanh(a)
			default:
				v, err = ar.Sub(a, b)
			}
			if err == nil {
				nodes = append(nodes, v)
			}
		}
		root := nodes[len(nodes)-1]
		if err := Backward(root, nil); err != nil {
			continue
		}
		first := make([]float64, len(leaves))
		for i, l := range leaves {
			first[i] = l.Grad
		}
		if err := Backward(root, nil); err != nil {
			t.Fatal(err)
		}
		for i, l := range leaves {
			if l.Grad != 2*first[i] {
				t.Fatalf("trial %d leaf %d: %v after two backward, want exactly 2 * %v", trial, i, l.Grad, first[i])
			}
		}
	}
}

// TestFailedBackwardLeavesLeavesAsTheyWere: a backward that stops on an
// error (a gradient undefined for a negative base) changes no leaf's grad,
// so a second attempt does not pile a partial sum onto the first.
func TestFailedBackwardLeavesLeavesAsTheyWere(t *testing.T) {
	ar := NewArena()
	m := must(t)
	c, n, q := ar.Leaf(1.5), ar.Leaf(-2), ar.Leaf(3)
	c.Grad, n.Grad = 0.25, -1
	L := m(ar.Add(m(ar.Mul(c, m(ar.Pow(n, q)))), m(ar.Mul(c, ar.Const(5)))))
	for range 2 {
		if err := Backward(L, nil); err == nil {
			t.Fatal("backward of (-2.0) ** q succeeded, want the exponent's gradient error")
		}
		if c.Grad != 0.25 || n.Grad != -1 || q.Grad != 0 {
			t.Fatalf("after a failed backward grads are %v %v %v, want 0.25 -1 0 as before", c.Grad, n.Grad, q.Grad)
		}
	}
}

// TestForwardErrorSaysTheGraphIsPartlyOld: a forward that stops at a node
// leaves the nodes after it with their old data, and its error says so.
func TestForwardErrorSaysTheGraphIsPartlyOld(t *testing.T) {
	ar := NewArena()
	m := must(t)
	a := ar.Leaf(2)
	b := m(ar.Mul(a, ar.Const(3)))
	L := m(ar.Add(m(ar.Log(b)), m(ar.Mul(b, b))))
	a.Data = -5
	err := Forward(L, nil)
	if err == nil || !strings.Contains(err.Error(), "log(-15.0)") || !strings.Contains(err.Error(), "keep their old data") {
		t.Fatalf("forward error %v, want the log's error and that later nodes keep their old data", err)
	}
}
