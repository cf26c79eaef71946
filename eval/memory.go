package eval

import (
	"runtime"
	"runtime/metrics"
	"time"
)

// memoryPoll is how often WatchMemory looks at the heap. A program that
// grows its memory as fast as it can adds a few tens of megabytes in that
// time, and the collector, told the limit, slows it down near it.
const memoryPoll = 2 * time.Millisecond

// Heap metrics read by WatchMemory and HeapLive.
const (
	metricObjects = "/memory/classes/heap/objects:bytes" // live and not yet swept
	metricLive    = "/gc/heap/live:bytes"                // marked live by the last collection
	metricCycles  = "/gc/cycles/total:gc-cycles"         // collections so far
)

// WatchMemory stops the program th runs, with the error message reason at
// its next poll point (a loop turn, a call, a stretch of a backward pass),
// whenever the memory it holds passes limit bytes; it watches until stop is
// called. Memory is held when a collection finds it live, so garbage never
// counts: the collector should be told a limit somewhat above (see
// debug.SetMemoryLimit), so that it collects before the heap reaches the
// limit with garbage and a heap that does so with live data is found by
// the next collection. A heap that outgrows the collector, half as much
// again as the limit, is collected at once and over if what stays live is. The cancellation is repeated while the
// heap stays over, so that a run that starts then stops too.
//
// The check runs on its own goroutine rather than at every poll point: one
// step can make a list of millions of items, and reading the heap's size
// at every step would cost more than the step.
func (th *Thread) WatchMemory(limit int64, reason string) (stop func()) {
	done, exited := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(exited)
		tick := time.NewTicker(memoryPoll)
		defer tick.Stop()
		samples := []metrics.Sample{{Name: metricObjects}, {Name: metricLive}, {Name: metricCycles}}
		metrics.Read(samples)
		cycle0 := heapBytes(samples[2])
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			metrics.Read(samples)
			liveOver := heapBytes(samples[1]) > limit
			over := liveOver || heapBytes(samples[0]) > limit+limit/2
			if over && (heapBytes(samples[2]) == cycle0 || !liveOver) {
				// What the last collection found live may have been
				// freed before this run, and a heap over by its unswept
				// garbage alone may hold little: look again.
				runtime.GC()
				metrics.Read(samples)
				cycle0 = heapBytes(samples[2])
				over = heapBytes(samples[1]) > limit
			}
			select {
			case <-done: // stopped meanwhile: the run is over
				return
			default:
			}
			if over {
				th.Cancel(reason)
			}
		}
	}()
	// Once stop returns, no cancellation can come: one arriving later
	// would stop the next run of th.
	return func() { close(done); <-exited }
}

// HeapLive is the size of the heap the last collection found live, in
// bytes, after a collection when collect is set.
func HeapLive(collect bool) int64 {
	if collect {
		runtime.GC()
	}
	s := []metrics.Sample{{Name: metricLive}}
	metrics.Read(s)
	return heapBytes(s[0])
}

// heapBytes is the value of a counting metric (bytes, collections), 0 if
// this Go does not have it.
func heapBytes(s metrics.Sample) int64 {
	if s.Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(s.Value.Uint64())
}
