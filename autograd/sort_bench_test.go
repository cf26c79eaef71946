package autograd

import (
	"runtime"
	"testing"
)

// BenchmarkMoonsSort times the depth-first sort alone (topoAppend) on the
// graph of one w2 step, built once.
func BenchmarkMoonsSort(b *testing.B) {
	xs, ys := moonsData(100)
	m := newMLP(nil, []int{2, 16, 16, 1}, 1)
	g := &graphBuilder{ar: NewArena()}
	root := moonsStep(g, m, xs, ys)
	var out, stack addrs
	cpu0 := cpuTime()
	n := 0
	for b.Loop() {
		save := leafSaves.Get().(*leafSave)
		out, stack, _, _ = topoAppend(root, out[:0], stack, nil, save)
		save.restore()
		save.put()
		n += len(out)
	}
	runtime.KeepAlive(root)
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(n), "cpu-ns/node")
}

// BenchmarkMoonsWalk times Backward's walk alone (sweeping in reverse
// creation order, with the chain rule) on the graph of one w2 step, built
// once: what a rebuilding step pays where it used to sort.
func BenchmarkMoonsWalk(b *testing.B) {
	xs, ys := moonsData(100)
	m := newMLP(nil, []int{2, 16, 16, 1}, 1)
	g := &graphBuilder{ar: NewArena()}
	root := moonsStep(g, m, xs, ys)
	cpu0 := cpuTime()
	n := 0
	for b.Loop() {
		for _, p := range m.params {
			p.Grad = 0
		}
		if err := Backward(root, nil); err != nil {
			b.Fatal(err)
		}
		n += g.n
	}
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(n), "cpu-ns/node")
}
