package eval_test

import (
	"runtime"
	"strings"
	"testing"

	"github.com/mglang/mg/eval"
	"github.com/mglang/mg/lang"
	"github.com/mglang/mg/stdlib"
)

// TestLoopFreesEarlierTurns: a loop that builds a graph at each turn and
// never calls backward keeps only what it still refers to. A turn's chain
// spans many chunks of nodes; were the next turn's first nodes to share a
// generation with its last ones, each turn would keep the one before
// alive, and the loop all 2,000,000 nodes it made (80 MB).
func TestLoopFreesEarlierTurns(t *testing.T) {
	for _, loop := range []string{
		"for i in range(80) {\n%s}",
		"let i = 0\nwhile i < 80 {\ni += 1\n%s}",
	} {
		body := "y = x\nfor j in range(12500) {\ny = y * 0.999 + 0.001\n}\n"
		src := "let x = Value(0.5)\nlet y = x\n" + strings.Replace(loop, "%s", body, 1) + "\nprint(y.data > 0)\n"
		file, err := lang.Parse("t.mg", src)
		if err != nil {
			t.Fatal(err)
		}
		var out strings.Builder
		in := eval.New(stdlib.Library(), &out)
		prog, err := in.Compile(file.Stmts, nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := prog.Run(); err != nil || out.String() != "true\n" {
			t.Fatalf("%v %q", err, out.String())
		}
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		if ms.HeapAlloc > 24<<20 { // the last turn's chain is 1 MB
			t.Errorf("%s\n%d MB still allocated", src, ms.HeapAlloc>>20)
		}
		runtime.KeepAlive(in)
	}
}
