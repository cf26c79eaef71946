package autograd

import (
	"testing"
	"time"
)

// BenchmarkGradW2: grad(L, params) against Backward on the graph of one
// step of the w2 workload (MLP(2,[16,16,1]) on 100 samples, 65,481
// nodes). The graph is built once; each turn times Backward, then Grad
// with respect to all 337 parameters (into a fresh Arena, so that the
// gradient graph's memory is part of its cost). Reported: the time of
// each, their ratio (elapsed and CPU time, the collector's included), and
// the nodes of the gradient graph per forward node.
func BenchmarkGradW2(b *testing.B) {
	xs, ys := moonsData(100)
	m := newMLP(nil, []int{2, 16, 16, 1}, 1)
	g := &graphBuilder{ar: NewArena()}
	root := moonsStep(g, m, xs, ys)
	b.ReportAllocs()
	var tb, tg time.Duration
	var cb, cg int64
	var gradNodes int64
	for b.Loop() {
		for _, p := range m.params {
			p.Grad = 0
		}
		c0, t0 := cpuTime(), time.Now()
		if err := Backward(root, nil); err != nil {
			b.Fatal(err)
		}
		c1, t1 := cpuTime(), time.Now()
		ar := NewArena()
		if _, err := Grad(ar, root, m.params, nil); err != nil {
			b.Fatal(err)
		}
		tg += time.Since(t1)
		cg += cpuTime() - c1
		tb += t1.Sub(t0)
		cb += c1 - c0
		gradNodes = ar.Count()
	}
	n := float64(b.N)
	b.ReportMetric(float64(tb.Nanoseconds())/n, "backward-ns/op")
	b.ReportMetric(float64(tg.Nanoseconds())/n, "grad-ns/op")
	b.ReportMetric(float64(tg)/float64(tb), "grad/backward")
	b.ReportMetric(float64(cg)/float64(cb), "cpu-grad/backward")
	b.ReportMetric(float64(gradNodes)/float64(g.n), "grad-nodes/forward-node")
}
