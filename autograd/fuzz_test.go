package autograd_test

import (
	"errors"
	"math"
	"strconv"
	"testing"

	"github.com/mglang/mg/autograd"
)

// FuzzBackward decodes bytes into a random graph over every op, reusing
// nodes so that gradients accumulate along several paths, and checks that
// Backward's gradient of every leaf agrees with the central difference
// (NumGrad) wherever the function is smooth, and that Forward recomputes
// the data bit for bit.
//
//	go test -run XXX -fuzz FuzzBackward -fuzztime 10m ./autograd/
func FuzzBackward(f *testing.F) {
	for _, seed := range backwardSeeds {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		g := decodeGraph(data)
		if g == nil {
			return
		}
		checkGraph(t, g)
	})
}

// backwardSeeds cover every op, shared operands and long chains.
var backwardSeeds = [][]byte{
	{2, 0x20, 0x00, 0x10, 0x00, 1, 0, 1, 3, 0, 1, 9, 0, 12, 0},
	{3, 0x30, 0x00, 0xe0, 0x00, 0x08, 0x00, 2, 0, 1, 4, 0, 2, 6, 0, 3, 7, 1, 0, 10, 0, 11, 0, 13, 0, 14, 0},
	{1, 0x18, 0x00, 1, 0, 0, 3, 0, 0, 3, 0, 1, 1, 0, 1, 5, 0, 4, 0, 1},
	{2, 0x40, 0x00, 0x10, 0x00, 6, 0, 0, 6, 1, 1, 6, 0, 2, 6, 0, 3, 6, 0, 4, 6, 0, 5, 6, 0, 6, 6, 0, 7, 7, 2, 1},
	{4, 0x11, 0x11, 0xf2, 0x22, 0x33, 0x33, 0x04, 0x44, 8, 0, 8, 1, 8, 2, 8, 3, 1, 0, 1, 1, 0, 2, 3, 0, 1, 9, 0, 9, 2},
	{2, 0x7f, 0x00, 0x81, 0x00, 0, 0, 1, 2, 0, 1, 1, 0, 0, 13, 0, 14, 1, 3, 0, 1, 4, 1, 0},
	{1, 0x02, 0x00, 5, 0, 12, 0, 12, 0, 12, 0, 10, 0, 11, 0},
}

// powConsts are the constant exponents the decoder uses, as micrograd's
// tests and the lecture write them.
var powConsts = []float64{2, 3, -1, 0.5, 1.5, -2, 0, 1, 4, -0.5}

// graph is a decoded graph: its leaves, every node in creation order, and
// the root (the last node made).
type graph struct {
	leaves []*autograd.Value
	nodes  []*autograd.Value
	root   *autograd.Value
}

// decodeGraph reads: the number of leaves (1 to 4), two bytes of data for
// each (a fixed-point number in [-4, 4)), then ops of one to three bytes:
// the op code, then operands counted back from the newest node. An op at
// an invalid or non-smooth point (log of a number near 0, a kink of ReLU,
// a large result) is left out. It returns nil when no op was made.
func decodeGraph(data []byte) *graph {
	r := &byteReader{data: data}
	g := &graph{}
	ar := autograd.NewArena()
	for n := int(r.next()%4) + 1; len(g.leaves) < n; {
		x := float64(int16(uint16(r.next())<<8|uint16(r.next()))) / 8192
		leaf := ar.Leaf(x)
		g.leaves = append(g.leaves, leaf)
		g.nodes = append(g.nodes, leaf)
	}
	for r.more() && len(g.nodes) < 80 {
		code := r.next() % 15
		a := g.nodes[len(g.nodes)-1-int(r.next())%len(g.nodes)]
		v, err := makeOp(ar, r, g, code, a)
		if err != nil || v == nil || math.Abs(v.Data) > 1e4 {
			continue
		}
		g.nodes = append(g.nodes, v)
		g.root = v
	}
	if g.root == nil {
		return nil
	}
	return g
}

// makeOp applies op code to a (and a second operand read from r); a nil
// Value means the op was skipped as invalid or not smooth here.
func makeOp(ar *autograd.Arena, r *byteReader, g *graph, code byte, a *autograd.Value) (*autograd.Value, error) {
	b := func() *autograd.Value { return g.nodes[len(g.nodes)-1-int(r.next())%len(g.nodes)] }
	away := func(x, from float64) bool { return math.Abs(x-from) > 1e-3 }
	switch code {
	case 0, 1:
		return ar.Add(a, b())
	case 2:
		return ar.Sub(a, b())
	case 3:
		return ar.Mul(a, b())
	case 4:
		if y := b(); away(y.Data, 0) {
			return ar.Div(a, y)
		}
	case 5:
		return ar.Neg(a)
	case 6:
		k := powConsts[int(r.next())%len(powConsts)]
		if (k == math.Trunc(k) || a.Data > 1e-3) && (k >= 1 || away(a.Data, 0)) {
			return ar.PowConst(a, k)
		}
	case 7:
		if y := b(); a.Data > 1e-3 && math.Abs(y.Data) < 8 {
			return ar.Pow(a, y)
		}
	case 8:
		if away(a.Data, 0) {
			return ar.ReLU(a)
		}
	case 9:
		return ar.Tanh(a)
	case 10:
		if a.Data < 20 {
			return ar.Exp(a)
		}
	case 11:
		if a.Data > 1e-3 {
			return ar.Log(a)
		}
	case 12:
		return ar.Sigmoid(a)
	case 13:
		return ar.Sin(a)
	case 14:
		return ar.Cos(a)
	}
	return nil, nil
}

type byteReader struct {
	data []byte
	i    int
}

func (r *byteReader) more() bool { return r.i < len(r.data) }

func (r *byteReader) next() byte {
	if r.i >= len(r.data) {
		return 0
	}
	r.i++
	return r.data[r.i-1]
}

// Step sizes of the central differences: the error of the estimate is
// about h²·f‴/6 + eps·|f|/h, both tiny for data below 1e4. Three sizes
// must give the same estimate before it is trusted: a function that turns
// within a step (a kink of ReLU nearby, cos of a number that moves by 1
// when the leaf moves by 1e-5) gives different ones.
var fuzzSteps = []float64{1e-5, 1e-6, 2e-5}

func checkGraph(t *testing.T, g *graph) {
	scale := 1.0
	data := make([]float64, len(g.nodes))
	for i, v := range g.nodes {
		data[i] = v.Data
		scale = math.Max(scale, math.Abs(v.Data))
	}
	if err := autograd.Backward(g.root, nil); err != nil {
		var ne *autograd.NumError
		if !errors.As(err, &ne) || ne.Msg == "" {
			t.Fatalf("Backward: error %T %v, want a *NumError", err, err)
		}
		return // a gradient too large to represent, reported as it should be
	}
	if err := autograd.Forward(g.root, nil); err != nil {
		t.Fatalf("Forward failed on data it made itself: %v", err)
	}
	for i, v := range g.nodes {
		if math.Float64bits(v.Data) != math.Float64bits(data[i]) && !isUnreached(g, v) {
			t.Fatalf("Forward changed node %d (%s) from %v to %v", i, v.OpName(), data[i], v.Data)
		}
	}
	for i, x := range g.leaves {
		est, ok := numGrads(g, x, scale)
		if !ok {
			continue // f is not smooth enough around x to check
		}
		if !agree(x.Grad, est[0], 1e-4, 1e-6*scale) {
			t.Fatalf("leaf %d (data %v): Backward gives %v, NumGrad %v with steps %v\n%s",
				i, x.Data, x.Grad, est, fuzzSteps, describe(g))
		}
	}
	for i, v := range g.nodes {
		if math.Float64bits(v.Data) != math.Float64bits(data[i]) && !isUnreached(g, v) {
			t.Fatalf("NumGrad left node %d (%s) at %v, not %v", i, v.OpName(), v.Data, data[i])
		}
	}
}

// numGrads estimates d root/d x with each of fuzzSteps; ok is false when
// an estimate fails (f is not defined all around x), they disagree, or f
// is not smooth enough at x for them to be trusted.
func numGrads(g *graph, x *autograd.Value, scale float64) (est []float64, ok bool) {
	if !tame(g, x) || !straight(g.root, x) {
		return nil, false
	}
	for _, h := range fuzzSteps {
		n, err := autograd.NumGrad(g.root, x, h, nil)
		if err != nil {
			return nil, false
		}
		if len(est) > 0 && !agree(n, est[0], 1e-5, 1e-8*scale) {
			return nil, false
		}
		est = append(est, n)
	}
	return est, true
}

// tame reports whether every node moves by less than 1% of its size (or
// 0.01) when x moves by up to 2e-5. A node that moves more amplifies a
// change of x so much that a step of that size is no longer small: as
// (c*(x-x0))**8 for a huge c, flat at x0 where the gradient is taken, and
// astronomically large a step away.
func tame(g *graph, x *autograd.Value) bool {
	x0 := x.Data
	before := make([]float64, len(g.nodes))
	for i, v := range g.nodes {
		before[i] = v.Data
	}
	defer func() {
		x.Data = x0
		if err := autograd.Forward(g.root, nil); err != nil {
			panic(err) // the data it was built from
		}
	}()
	for _, h := range []float64{-2e-5, -1e-5, 1e-5, 2e-5} {
		x.Data = x0 + h
		if autograd.Forward(g.root, nil) != nil {
			return false
		}
		for i, v := range g.nodes {
			if math.Abs(v.Data-before[i]) > 1e-2*(1+math.Abs(before[i])) {
				return false
			}
		}
	}
	return true
}

// straight reports whether the forward and the backward difference of f
// at x, over a step of 1e-6, agree to 1%: f is close to a line there. A
// smooth f that rises steeply just off x, as sigmoid(c*(x-x0)**8) for a
// huge c, gives central differences that agree with each other at every
// step size but not with the derivative at x; one-sided ones tell.
func straight(root, x *autograd.Value) bool {
	const h = 1e-6
	x0, f0 := x.Data, root.Data
	at := func(v float64) (float64, bool) {
		x.Data = v
		err := autograd.Forward(root, nil)
		return root.Data, err == nil
	}
	fp, okp := at(x0 + h)
	fm, okm := at(x0 - h)
	x.Data = x0
	if err := autograd.Forward(root, nil); err != nil {
		panic(err) // the data it was built from
	}
	if !okp || !okm {
		return false
	}
	dp, dm := (fp-f0)/h, (f0-fm)/h
	return agree(dp, dm, 1e-2, 1e-2)
}

// isUnreached reports whether v is not in the root's graph (Forward and
// NumGrad leave such nodes alone, so they cannot change anyway).
func isUnreached(g *graph, v *autograd.Value) bool {
	for _, u := range autograd.Topo(g.root) {
		if u == v {
			return false
		}
	}
	return true
}

func agree(a, b, rtol, atol float64) bool {
	return math.Abs(a-b) <= atol+rtol*math.Max(math.Abs(a), math.Abs(b))
}

// describe lists the graph's nodes, for a failure message.
func describe(g *graph) string {
	index := map[*autograd.Value]int{}
	s := ""
	for i, v := range g.nodes {
		index[v] = i
		a, b := v.Operands()
		line := "  n" + strconv.Itoa(i) + " = "
		switch {
		case v.IsLeaf():
			line += "leaf"
		case b != nil:
			line += "n" + strconv.Itoa(index[a]) + " " + v.OpName() + " n" + strconv.Itoa(index[b])
		default:
			line += v.OpName() + " n" + strconv.Itoa(index[a])
		}
		s += line + "   data " + autograd.FormatFloat(v.Data) + " grad " + autograd.FormatFloat(v.Grad) + "\n"
	}
	return s
}
