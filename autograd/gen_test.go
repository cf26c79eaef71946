package autograd

import (
	"runtime"
	"testing"
)

// churn collects garbage and fills freed memory with 0xff bytes in blocks
// of the sizes of op chunks and leaf chunks: a node freed too early then
// reads NaN, or an operand somewhere else.
func churn() [][]byte {
	var junk [][]byte
	for range 3 {
		runtime.GC()
		for range 200 {
			for _, n := range []int{64 << 10, 32 << 10, 4 << 10} {
				b := make([]byte, n)
				for i := range b {
					b[i] = 0xff
				}
				junk = append(junk, b)
			}
		}
	}
	return junk
}

// moreLeaves makes leaves until ar fills another chunk of them.
func moreLeaves(ar *Arena) {
	for range 2*arenaChunk + 1 {
		ar.Leaf(1)
	}
}

// moreGraphs makes and seals a few graphs that keep nothing alive.
func moreGraphs(ar *Arena) {
	x := ar.Leaf(0.5)
	for range 3 {
		y := x
		for range 2 * opChunkLen {
			y, _ = ar.Mul(y, x)
		}
		ar.Seal()
	}
}

// TestGenerationKeepsOperands: nodes keep their operands alive, and the
// nodes those depend on, however they were made, when nothing else refers
// to them and the collector has reused freed memory: the collector does
// not read a node's operands (they are addresses), the node's generation
// keeps them.
func TestGenerationKeepsOperands(t *testing.T) {
	type graph struct {
		root  *Value
		check func(root *Value) string // "" if the graph is intact
	}
	// want checks root's data and its operands' after a backward pass.
	want := func(root *Value, data, gradA, gradB float64) string {
		if root.Data != data {
			return "data " + FormatFloat(root.Data)
		}
		if err := Backward(root, nil); err != nil {
			return err.Error()
		}
		a, b := root.Operands()
		if a.Grad != gradA || b != nil && b.Grad != gradB {
			return "grads " + a.String() + " " + b.String()
		}
		return ""
	}
	cases := map[string]func(ar *Arena) graph{
		"a leaf of a full leaf chunk": func(ar *Arena) graph {
			x := ar.Leaf(3)
			moreLeaves(ar)
			y, _ := ar.Mul(x, ar.Leaf(2))
			return graph{y, func(r *Value) string { return want(r, 6, 2, 3) }}
		},
		"a leaf of the chunk being filled": func(ar *Arena) graph {
			x := ar.Leaf(3)
			y, _ := ar.Mul(x, x)
			moreLeaves(ar)
			return graph{y, func(r *Value) string { return want(r, 9, 6, 6) }}
		},
		"a node of an earlier generation": func(ar *Arena) graph {
			x := ar.Leaf(3)
			moreLeaves(ar)
			a, _ := ar.Mul(x, x)
			ar.Seal()
			moreGraphs(ar)
			y, _ := ar.Add(a, ar.Const(1))
			moreGraphs(ar)
			return graph{y, func(r *Value) string {
				if s := want(r, 10, 1, 0); s != "" {
					return s
				}
				if a, _ := r.Operands(); a.opA().Data != 3 || a.opA().Grad != 6 {
					return "x " + a.opA().String()
				}
				return ""
			}}
		},
		"a node far back in its generation": func(ar *Arena) graph {
			x := ar.Leaf(3)
			a, _ := ar.Mul(x, x)
			for range 6 * opChunkLen {
				ar.Add(x, x)
			}
			y, _ := ar.Add(a, a)
			moreLeaves(ar)
			ar.Seal()
			moreGraphs(ar)
			return graph{y, func(r *Value) string { return want(r, 18, 2, 2) }}
		},
		"nodes made without an Arena and by another": func(ar *Arena) graph {
			var none *Arena
			x := none.Leaf(3)
			a, _ := none.Mul(x, x)
			other := NewArena()
			b, _ := other.Mul(other.Leaf(2), other.Leaf(5))
			y, _ := ar.Add(a, b)
			moreGraphs(other)
			return graph{y, func(r *Value) string { return want(r, 19, 1, 1) }}
		},
		"a generation kept whole by its last node": func(ar *Arena) graph {
			x := ar.Leaf(0.999)
			y := x
			for range 10 * opChunkLen {
				y, _ = ar.Mul(y, x)
			}
			moreLeaves(ar)
			ar.Seal()
			moreGraphs(ar)
			d := y.Data
			return graph{y, func(r *Value) string {
				if err := Forward(r, nil); err != nil || r.Data != d {
					return "forward " + FormatFloat(r.Data)
				}
				return ""
			}}
		},
	}
	for name, mk := range cases {
		t.Run(name, func(t *testing.T) {
			g := mk(NewArena()) // nothing but g.root refers to the graph
			junk := churn()
			if s := g.check(g.root); s != "" {
				t.Error(s)
			}
			runtime.KeepAlive(junk)
		})
	}
}
