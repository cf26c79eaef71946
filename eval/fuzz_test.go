package eval_test

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mglang/mg/eval"
	"github.com/mglang/mg/lang"
	"github.com/mglang/mg/stdlib"
)

// Budgets of one fuzzed program: enough for the lecture's scripts to do
// real work, small enough that thousands of inputs run every second.
const (
	fuzzMaxSteps = 10_000
	fuzzMaxNodes = 200_000
	// fuzzDeadline is when a program still running is cancelled, as
	// --timeout and Ctrl-C cancel it: one step (a backward pass over a big
	// graph, a gradcheck) may rightly take long.
	fuzzDeadline = 1 * time.Second
	// fuzzGrace is how long after the cancellation the program has to
	// stop: much longer than any step between two polls should take.
	fuzzGrace = 20 * time.Second
)

// FuzzExec parses, compiles and runs any text under a step and node
// budget, as a script and as REPL input. A program may succeed or fail
// with a syntax or runtime error; it must not panic, report an internal
// error, or run on long after it is cancelled.
//
//	go test -run XXX -fuzz FuzzExec -fuzztime 10m ./eval/
func FuzzExec(f *testing.F) {
	for _, src := range execSeeds(f) {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if err := execFuzz(src, false); err != nil {
			t.Fatalf("%v\nprogram:\n%s", err, src)
		}
		if err := execFuzz(src, true); err != nil {
			t.Fatalf("REPL mode: %v\nprogram:\n%s", err, src)
		}
	})
}

// execFuzz runs src and returns an error only for a forbidden outcome.
func execFuzz(src string, repl bool) error {
	file, err := lang.Parse("fuzz.mg", src)
	if err != nil {
		return checkSyntaxErr(err)
	}
	in := eval.New(sandboxLibrary(), io.Discard)
	th := in.Thread()
	th.Err = io.Discard
	th.MaxSteps, th.MaxNodes = fuzzMaxSteps, fuzzMaxNodes
	var show func(eval.Object)
	if repl {
		show = func(o eval.Object) { _ = eval.Repr(o) }
	}
	prog, err := in.Compile(file.Stmts, show)
	if err != nil {
		return checkSyntaxErr(err)
	}
	timer := time.AfterFunc(fuzzDeadline, func() { th.Cancel("fuzz deadline") })
	defer timer.Stop()
	done := make(chan error, 1)
	go func() { done <- prog.Run() }()
	select {
	case err = <-done:
	case <-time.After(fuzzDeadline + fuzzGrace):
		return fmt.Errorf("still running %s after being cancelled, under a budget of %d steps and %d nodes",
			fuzzGrace, fuzzMaxSteps, fuzzMaxNodes)
	}
	return checkRuntimeErr(err)
}

func checkSyntaxErr(err error) error {
	var le *lang.Error
	if !errors.As(err, &le) {
		return fmt.Errorf("syntax error of type %T, not *lang.Error: %v", err, err)
	}
	if !le.Pos.IsValid() || le.Pos.Col < 1 {
		return fmt.Errorf("syntax error without a line and column: %q at %+v", le.Msg, le.Pos)
	}
	return checkMsg(le.Msg)
}

func checkRuntimeErr(err error) error {
	if err == nil {
		return nil
	}
	var ee *eval.Error
	if !errors.As(err, &ee) {
		return fmt.Errorf("runtime error of type %T, not *eval.Error: %v", err, err)
	}
	if strings.HasPrefix(ee.Msg, "internal error") {
		return fmt.Errorf("%v", err)
	}
	if !ee.Pos.IsValid() {
		return fmt.Errorf("runtime error without a position: %q", ee.Msg)
	}
	return checkMsg(ee.Msg)
}

func checkMsg(msg string) error {
	if msg == "" {
		return errors.New("an error with an empty message")
	}
	if strings.Contains(msg, "panic:") || strings.Contains(msg, "goroutine ") {
		return fmt.Errorf("error message shows a Go panic: %s", msg)
	}
	return nil
}

// sandboxLibrary is the standard library with every builtin that touches
// files refused, so that fuzzing writes nothing and runs no Graphviz.
func sandboxLibrary() *eval.Library {
	lib := stdlib.Library()
	noFiles := func(name string, orig eval.Object, maxArgs int, pathKw string) *eval.Builtin {
		b := orig.(*eval.Builtin)
		return &eval.Builtin{Name: name, Doc: b.Doc, Fn: func(th *eval.Thread, args []eval.Object, kw []eval.Kwarg) (eval.Object, error) {
			if len(args) > maxArgs {
				return nil, fmt.Errorf("%s(): no files while fuzzing", name)
			}
			for _, k := range kw {
				if k.Name == pathKw {
					return nil, fmt.Errorf("%s(): no files while fuzzing", name)
				}
			}
			return b.Fn(th, args, kw)
		}}
	}
	dot := noFiles("dot", lib.Builtins["dot"], 1, "path")
	lib.Builtins["dot"] = dot
	lib.Methods["Value"]["dot"] = dot
	lib.Builtins["plot"] = noFiles("plot", lib.Builtins["plot"], 1, "path")
	lib.Builtins["read_csv"] = noFiles("read_csv", lib.Builtins["read_csv"], 0, "path")
	return lib
}

// execSeeds are the project's programs (conformance cases, CLI goldens,
// the robustness corpus, the examples) and a few hostile ones.
func execSeeds(tb testing.TB) []string {
	var seeds []string
	for _, pat := range []string{
		"../../shared/conformance/cases/*.mg",
		"../cmd/mg/testdata/*.mg",
		"../cmd/mg/testdata/*.stdin",
		"../testdata/robust/*.mg",
		"../examples/*.mg",
	} {
		files, _ := filepath.Glob(pat)
		for _, name := range files {
			b, err := os.ReadFile(name)
			if err != nil {
				tb.Fatal(err)
			}
			seeds = append(seeds, string(b))
		}
	}
	return append(seeds, hostileSeeds...)
}

var hostileSeeds = []string{
	"while true {}",
	"fn f(n) { return f(n + 1) }\nf(0)",
	"let a = Value(2.0)\nlet b = a\nfor i in range(100000) { b = b * a + 1.0 }\nbackward(b)",
	"let xs = [0] * 100000000\nprint(len(xs))",
	"let s = \"ab\" * 1000000000\nprint(len(s))",
	"print(len(list(range(1000000000000))))",
	"print(sum(range(1000000000000)))",
	"let xs = [1]\nwhile true { xs = xs + xs }",
	"let s = \"x\"\nwhile true { s = s + s }",
	"let xs = [1]\nwhile true { xs.extend(xs) }",
	"let x = []\nfor i in range(5000) { x = [x] }\nprint(x)\nprint(x == x)",
	"let x = [1]\nx.append(x)\nprint(x, x == x)",
	"let m = MLP(1000000, [1000000])",
	"let l = Layer(1048576, 1048576)",
	"let a = Value(-8.0)\nlet b = Value(3.0)\nlet c = a ** b\nbackward(c)",
	"let a = Value(0.0)\nlet c = a ** 0.5\nbackward(c)",
	"let a = Value(1e308)\nlet c = a * 10.0",
	"print(9223372036854775807 + 1)",
	"print(-9223372036854775807 - 2, 2 ** 64, (-2) ** 63)",
	"print(1 // 0, 1 % 0)",
	"print(1.0 // 0.0)",
	"print(round(1e300, -400), round(1.5, 400), round(2.5))",
	"print(int(\"99999999999999999999\"), float(\"1e999\"))",
	"print(range(0, 10, 0))",
	"print(zip(range(3), [1, 2], \"abc\"), enumerate(\"xy\", 9223372036854775807))",
	"let a = Value(3.0)\nlet b = a.tanh().exp().log().sigmoid().relu()\nb.backward()\nprint(gradcheck(b), numgrad(b, a))",
	"let a = Value(1.0)\nprint(numgrad(a, a, h=-1.0))",
	"print(dot(Value(1.0) + Value(2.0), max_nodes=-1))",
	"let f = fn(x) { return x * x }\nprint([f(i) for i in range(10) if i % 2 == 0])",
	"for a, b in [[1, 2], [3]] { print(a, b) }",
	"let xs = [1, 2, 3]\nprint(xs[-4])",
	"let xs = [1, 2, 3]\nxs.pop(9223372036854775807)",
	"seed(9223372036854775807)\nprint(random(), uniform(1.0, 2.0), gauss())",
	"plot([1, 2, 3])\nplot([[1, 2], [3, 4]], title=\"t\", labels=[\"a\", \"b\"])",
	"plot([1e308, -1e308, 0])",
	"print(1e16, 1e-5, -0.0, 2.0 ** 1023 * 2.0)",
	"let x = True\nlet learn_rate = 1\nprint(lern_rate)",
}

// TestDeepNesting compiles chains that nest one level per operator, which
// the parser's bracket limit does not bound: past the compiler's limit
// they are a syntax error at a position, not a Go stack overflow.
func TestDeepNesting(t *testing.T) {
	chain := func(head, link string, n int, tail string) string {
		return head + strings.Repeat(link, n) + tail
	}
	tests := []struct {
		name, src string
		ok        bool
	}{
		{"sum", chain("let x = 1", " + 1", 50_000, "\nprint(x)"), true},
		{"long-sum", chain("let x = 1", " + 1", 300_000, "\nprint(x)"), false},
		{"calls", chain("fn f() { return f }\nlet g = f", "()", 50_000, ""), true},
		{"long-calls", chain("fn f() { return f }\nlet g = f", "()", 300_000, ""), false},
		{"long-else-if", chain("let x = 1\nif x == 0 { }", " else if x == 0 { }", maxNestingForTest+1, ""), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file, err := lang.Parse("deep.mg", tt.src)
			if err != nil {
				var le *lang.Error
				if !tt.ok && errors.As(err, &le) && strings.Contains(le.Msg, "too deeply nested") && le.Pos.IsValid() {
					return // the parser's own limit caught it first
				}
				t.Fatalf("parse: %v", err)
			}
			in := eval.New(stdlib.Library(), io.Discard)
			prog, err := in.Compile(file.Stmts, nil)
			if !tt.ok {
				var le *lang.Error
				if !errors.As(err, &le) || !strings.Contains(le.Msg, "too deeply nested") || !le.Pos.IsValid() {
					t.Fatalf("compile error %v, want a positioned \"too deeply nested\"", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("compile: %v", err)
			}
			if err := prog.Run(); err != nil {
				t.Fatalf("run: %v", err)
			}
		})
	}
}

// maxNestingForTest is the compiler's limit (eval.maxNesting).
const maxNestingForTest = 100_000
