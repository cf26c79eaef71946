package autograd

import (
	"testing"
	"time"
)

// BenchmarkGradW2: grad(L, params) against Backward on the graph of one
// step of the w2 workload (MLP(2,[16,16,1]) on 100 samples, 65,481
// nodes). Each turn times Backward, then Grad with respect to all 337
// parameters (into a fresh Arena, so that the gradient graph's memory is
// part of its cost). "fresh" gives each a newly built graph, as a training
// step does (the sort is part of both); "replay" differentiates the same
// graph again and again (the order is kept, neither sorts); "-pruned" uses
// GradPruned, which leaves out what is below relus that are off. Reported: the
// time of each, their ratio (elapsed, and CPU time with the collector's),
// and the nodes of the gradient graph per forward node.
func BenchmarkGradW2(b *testing.B) {
	xs, ys := moonsData(100)
	m := newMLP(nil, []int{2, 16, 16, 1}, 1)
	build := func() (*Value, int) {
		g := &graphBuilder{ar: NewArena()}
		return moonsStep(g, m, xs, ys), g.n
	}
	for _, c := range []struct {
		name         string
		fresh, prune bool
	}{{"fresh", true, false}, {"replay", false, false}, {"fresh-pruned", true, true}, {"replay-pruned", false, true}} {
		fresh, grad := c.fresh, Grad
		if c.prune {
			grad = GradPruned
		}
		b.Run(c.name, func(b *testing.B) {
			rb, n := build()
			rg := rb
			b.ReportAllocs()
			var tb, tg time.Duration
			var cb, cg, gradNodes int64
			for b.Loop() {
				if fresh {
					b.StopTimer()
					rb, _ = build()
					rg, _ = build()
					b.StartTimer()
				}
				for _, p := range m.params {
					p.Grad = 0
				}
				c0, t0 := cpuTime(), time.Now()
				if err := Backward(rb, nil); err != nil {
					b.Fatal(err)
				}
				c1, t1 := cpuTime(), time.Now()
				ar := NewArena()
				if _, err := grad(ar, rg, m.params, nil); err != nil {
					b.Fatal(err)
				}
				tg += time.Since(t1)
				cg += cpuTime() - c1
				tb += t1.Sub(t0)
				cb += c1 - c0
				gradNodes = ar.Count()
			}
			k := float64(b.N)
			b.ReportMetric(float64(tb.Nanoseconds())/k, "backward-ns/op")
			b.ReportMetric(float64(tg.Nanoseconds())/k, "grad-ns/op")
			b.ReportMetric(float64(tg)/float64(tb), "grad/backward")
			b.ReportMetric(float64(cg)/float64(cb), "cpu-grad/backward")
			b.ReportMetric(float64(gradNodes)/float64(n), "grad-nodes/forward-node")
		})
	}
}
