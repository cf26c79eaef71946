package main

import (
	"io"
	"path/filepath"
	"strings"
	"testing"
)

// The workloads of the performance table: the lecture's loop (w1), moons
// with MLP(2,[16,16,1]) (w2; w2r builds its graph once and replays it), a
// 1,000,000-op chain (w3). Each runs the whole script in-process, output
// discarded.
func benchScript(b *testing.B, name string) {
	path := filepath.Join("..", "..", "testdata", "bench", name)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		var errs strings.Builder
		if code := run([]string{"run", path}, strings.NewReader(""), io.Discard, &errs); code != 0 {
			b.Fatalf("exit %d: %s", code, errs.String())
		}
	}
}

func BenchmarkW1(b *testing.B) { benchScript(b, "w1.mg") }
func BenchmarkW2(b *testing.B) { benchScript(b, "w2.mg") }
func BenchmarkW3(b *testing.B) { benchScript(b, "w3.mg") }

func BenchmarkW2R(b *testing.B) { benchScript(b, "w2r.mg") }
