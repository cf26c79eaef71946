package autograd

import (
	"math/rand/v2"
	"runtime"
	"syscall"
	"testing"
)

// graphBuilder counts the nodes it builds and panics on a numeric error
// (the benchmark graphs have none).
type graphBuilder struct {
	ar *Arena
	n  int
}

func (g *graphBuilder) leaf(f float64) *Value { g.n++; return g.ar.Leaf(f) }

func (g *graphBuilder) do(v *Value, err error) *Value {
	if err != nil {
		panic(err)
	}
	g.n++
	return v
}

func (g *graphBuilder) add(a, b *Value) *Value { return g.do(g.ar.Add(a, b)) }
func (g *graphBuilder) mul(a, b *Value) *Value { return g.do(g.ar.Mul(a, b)) }
func (g *graphBuilder) relu(a *Value) *Value   { return g.do(g.ar.ReLU(a)) }

// mlp is micrograd's MLP: per neuron the weights then the bias.
type mlp struct {
	sizes  []int
	params []*Value
}

func newMLP(ar *Arena, sizes []int, seed uint64) *mlp {
	r := rand.New(rand.NewPCG(seed, 1))
	m := &mlp{sizes: sizes}
	for l := 1; l < len(sizes); l++ {
		for range sizes[l] * (sizes[l-1] + 1) {
			p := ar.Leaf(r.Float64()*2 - 1)
			p.SetParam(true)
			m.params = append(m.params, p)
		}
	}
	return m
}

// forward is the lecture's Neuron: sum((wi*xi for ...), b) = b + w0*x0 +
// w1*x1 + ..., then ReLU except in the last layer.
func (m *mlp) forward(g *graphBuilder, x []*Value) *Value {
	p := m.params
	for l := 1; l < len(m.sizes); l++ {
		out := make([]*Value, m.sizes[l])
		for j := range out {
			nin := m.sizes[l-1]
			w, b := p[:nin], p[nin]
			p = p[nin+1:]
			act := b
			for i, xi := range x {
				act = g.add(act, g.mul(w[i], xi))
			}
			if l < len(m.sizes)-1 {
				act = g.relu(act)
			}
			out[j] = act
		}
		x = out
	}
	return x[0]
}

// moonsStep builds the graph of one step of the benchmark's w2 workload
// (MLP(2,[16,16,1]), hinge loss + 1e-4 L2, as micrograd's demo writes it)
// for len(xs) samples: 65,481 nodes for 100 samples.
func moonsStep(g *graphBuilder, m *mlp, xs [][2]float64, ys []float64) *Value {
	var sum *Value
	for i, x := range xs {
		s := m.forward(g, []*Value{g.leaf(x[0]), g.leaf(x[1])})
		li := g.relu(g.add(g.mul(s, g.leaf(-ys[i])), g.leaf(1))) // (1 + -yi*si).relu()
		if sum == nil {
			sum = g.add(li, g.leaf(0)) // sum() starts from 0
		} else {
			sum = g.add(sum, li)
		}
	}
	dataLoss := g.mul(sum, g.leaf(1/float64(len(xs))))
	var reg *Value
	for _, p := range m.params {
		pp := g.mul(p, p)
		if reg == nil {
			reg = g.add(pp, g.leaf(0))
		} else {
			reg = g.add(reg, pp)
		}
	}
	return g.add(dataLoss, g.mul(reg, g.leaf(1e-4)))
}

func moonsData(n int) ([][2]float64, []float64) {
	r := rand.New(rand.NewPCG(7, 7))
	xs := make([][2]float64, n)
	ys := make([]float64, n)
	for i := range xs {
		xs[i] = [2]float64{r.Float64()*3 - 1, r.Float64()*1.5 - 0.5}
		ys[i] = float64(r.IntN(2)*2 - 1)
	}
	return xs, ys
}

// chainStep builds the benchmark's w3 chain x = x*0.999999 + 1e-6.
func chainStep(g *graphBuilder, iters int) *Value {
	x := g.leaf(0.5)
	for range iters {
		x = g.add(g.mul(x, g.leaf(0.999999)), g.leaf(1e-6))
	}
	return x
}

// benchGraph times building a graph (the forward pass) and Backward over
// it, reporting time and allocated bytes per node.
func benchGraph(b *testing.B, build func(g *graphBuilder) *Value) {
	benchGraphIn(b, NewArena, build)
}

func benchGraphIn(b *testing.B, arena func() *Arena, build func(g *graphBuilder) *Value) {
	b.ReportAllocs()
	var ms0, ms1 runtime.MemStats
	runtime.ReadMemStats(&ms0)
	cpu0 := cpuTime()
	nodes := 0
	for b.Loop() {
		g := &graphBuilder{ar: arena()}
		root := build(g)
		if err := Backward(root, nil); err != nil {
			b.Fatal(err)
		}
		nodes += g.n
	}
	cpu := cpuTime() - cpu0
	runtime.ReadMemStats(&ms1)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(nodes), "ns/node")
	b.ReportMetric(float64(cpu)/float64(nodes), "cpu-ns/node")
	b.ReportMetric(float64(ms1.TotalAlloc-ms0.TotalAlloc)/float64(nodes), "B/node")
	b.ReportMetric(float64(nodes)/float64(b.N), "nodes/op")
}

// cpuTime is the process's CPU time (user + system, all threads, the
// garbage collector's included) in nanoseconds: on a shared machine it
// varies less than the elapsed time.
func cpuTime() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// BenchmarkMLP1M: w2's graph scaled to 1540 samples, about 1,000,000 nodes.
func BenchmarkMLP1M(b *testing.B) {
	xs, ys := moonsData(1540)
	m := newMLP(nil, []int{2, 16, 16, 1}, 1)
	benchGraph(b, func(g *graphBuilder) *Value {
		for _, p := range m.params {
			p.Grad = 0
		}
		return moonsStep(g, m, xs, ys)
	})
}

// BenchmarkMoonsStep: one step of w2 (65,481 nodes).
func BenchmarkMoonsStep(b *testing.B) {
	xs, ys := moonsData(100)
	m := newMLP(nil, []int{2, 16, 16, 1}, 1)
	benchGraph(b, func(g *graphBuilder) *Value { return moonsStep(g, m, xs, ys) })
}

// BenchmarkMoonsStepNoArena: the same with a nil Arena (new(Value) per node).
func BenchmarkMoonsStepNoArena(b *testing.B) {
	xs, ys := moonsData(100)
	m := newMLP(nil, []int{2, 16, 16, 1}, 1)
	benchGraphIn(b, func() *Arena { return nil }, func(g *graphBuilder) *Value { return moonsStep(g, m, xs, ys) })
}

// BenchmarkChain1M: w3's chain, 250,000 links of 4 nodes.
func BenchmarkChain1M(b *testing.B) {
	benchGraph(b, func(g *graphBuilder) *Value { return chainStep(g, 250_000) })
}

// BenchmarkMoonsReplay: one step of w2 replayed on a graph built once, as
// w2r does: Forward, zero the parameters, Backward (65,481 nodes).
func BenchmarkMoonsReplay(b *testing.B) {
	xs, ys := moonsData(100)
	m := newMLP(nil, []int{2, 16, 16, 1}, 1)
	g := &graphBuilder{ar: NewArena()}
	root := moonsStep(g, m, xs, ys)
	b.ReportAllocs()
	cpu0 := cpuTime()
	steps := 0
	for b.Loop() {
		if err := Forward(root, nil); err != nil {
			b.Fatal(err)
		}
		for _, p := range m.params {
			p.Grad = 0
		}
		if err := Backward(root, nil); err != nil {
			b.Fatal(err)
		}
		steps++
	}
	nodes := float64(steps * g.n)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/nodes, "ns/node")
	b.ReportMetric(float64(cpuTime()-cpu0)/nodes, "cpu-ns/node")
}

// BenchmarkMoonsStepOneArena: one step of w2 as the interpreter makes it:
// the parameters and every step's graph in one Arena, sealed after each
// backward (the tape, likewise, keeps its parameters and reuses one slice).
func BenchmarkMoonsStepOneArena(b *testing.B) {
	xs, ys := moonsData(100)
	ar := NewArena()
	m := newMLP(ar, []int{2, 16, 16, 1}, 1)
	benchGraphIn(b, func() *Arena { ar.Seal(); return ar }, func(g *graphBuilder) *Value {
		for _, p := range m.params {
			p.Grad = 0
		}
		return moonsStep(g, m, xs, ys)
	})
}
