package autograd

import "testing"

// A minimal copy of the benchmark suite's reference tape
// (shared/bench/anchors/tape.go): 32-byte nodes in one reused slice,
// operands as indices, one reverse sweep in creation order. It is the
// limit the engine is compared with, measured in the same run.

type tapeNode struct {
	Data, Grad float64
	A, B       int32
	Op         Op
}

type tape struct{ n []tapeNode }

func (t *tape) push(x tapeNode) int32 { t.n = append(t.n, x); return int32(len(t.n) - 1) }
func (t *tape) leaf(d float64) int32  { return t.push(tapeNode{Data: d}) }
func (t *tape) add(a, b int32) int32 {
	return t.push(tapeNode{Data: t.n[a].Data + t.n[b].Data, A: a, B: b, Op: OpAdd})
}
func (t *tape) mul(a, b int32) int32 {
	return t.push(tapeNode{Data: t.n[a].Data * t.n[b].Data, A: a, B: b, Op: OpMul})
}
func (t *tape) relu(a int32) int32 {
	return t.push(tapeNode{Data: max(t.n[a].Data, 0), A: a, Op: OpReLU})
}

func (t *tape) backward(root int32) {
	n := t.n[:root+1]
	n[root].Grad = 1
	for i := int(root); i >= 0; i-- {
		x := &n[i]
		g := x.Grad
		switch x.Op {
		case OpAdd:
			n[x.A].Grad += g
			n[x.B].Grad += g
		case OpMul:
			n[x.A].Grad += n[x.B].Data * g
			n[x.B].Grad += n[x.A].Data * g
		case OpReLU:
			if x.Data > 0 {
				n[x.A].Grad += g
			}
		}
	}
}

func (t *tape) neuronLayer(p *int32, sizes []int, l int, x []int32) []int32 {
	out := make([]int32, sizes[l])
	for j := range out {
		nin := sizes[l-1]
		act := *p + int32(nin)
		for i, xi := range x {
			act = t.add(act, t.mul(*p+int32(i), xi))
		}
		*p += int32(nin + 1)
		if l < len(sizes)-1 {
			act = t.relu(act)
		}
		out[j] = act
	}
	return out
}

// BenchmarkTapeMoonsStep is BenchmarkMoonsStep on the reference tape.
func BenchmarkTapeMoonsStep(b *testing.B) {
	xs, ys := moonsData(100)
	sizes := []int{2, 16, 16, 1}
	t := &tape{}
	params := newMLP(nil, sizes, 1).params
	for _, p := range params {
		t.leaf(p.Data)
	}
	P := len(t.n)
	b.ReportAllocs()
	nodes := 0
	cpu0 := cpuTime()
	for b.Loop() {
		t.n = t.n[:P]
		var sum int32 = -1
		for i, x := range xs {
			in := []int32{t.leaf(x[0]), t.leaf(x[1])}
			var p int32
			for l := 1; l < len(sizes); l++ {
				in = t.neuronLayer(&p, sizes, l, in)
			}
			li := t.relu(t.add(t.mul(in[0], t.leaf(-ys[i])), t.leaf(1)))
			if sum < 0 {
				sum = t.add(li, t.leaf(0))
			} else {
				sum = t.add(sum, li)
			}
		}
		dl := t.mul(sum, t.leaf(1/float64(len(xs))))
		var reg int32 = -1
		for i := range P {
			pp := t.mul(int32(i), int32(i))
			if reg < 0 {
				reg = t.add(pp, t.leaf(0))
			} else {
				reg = t.add(reg, pp)
			}
		}
		root := t.add(dl, t.mul(reg, t.leaf(1e-4)))
		t.backward(root)
		nodes += len(t.n) - P
	}
	cpu := cpuTime() - cpu0
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(nodes), "ns/node")
	b.ReportMetric(float64(cpu)/float64(nodes), "cpu-ns/node")
	b.ReportMetric(float64(nodes)/float64(b.N), "nodes/op")
}
