package main

import (
	"bufio"
	"bytes"
	"math"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/mglang/mg/eval"
)

// A REPL fed `:load examples/08_moons.mg` 20 times keeps a flat peak: its
// peak resident memory is within 1.3x of that of one load, as each load's
// model and graph become garbage when the next rebinds their names.
func TestREPLRepeatedLoadKeepsAFlatPeak(t *testing.T) {
	if testing.Short() {
		t.Skip("trains the moons model 21 times")
	}
	const load = ":load examples/08_moons.mg\n"
	one := runChild(t, "../..", load+"print(len(losses))\n")
	many := runChild(t, "../..", strings.Repeat(load, 20)+"print(len(losses))\n")
	for i, r := range []childResult{one, many} {
		loads := []int{1, 20}[i]
		if r.code != 0 || !strings.HasSuffix(r.stdout, "\n100\n") || strings.Count(r.stdout, "final accuracy") != loads {
			t.Fatalf("%d loads: exit %d, stdout %q; stderr:\n%s", loads, r.code, r.stdout, r.stderr)
		}
	}
	ratio := float64(many.peakRSS) / float64(one.peakRSS)
	t.Logf("peak RSS: one load %d MB, 20 loads %d MB (%.2fx)", one.peakRSS>>20, many.peakRSS>>20, ratio)
	if ratio > 1.3 {
		t.Errorf("20 loads peaked at %.2fx the memory of one, want at most 1.3x", ratio)
	}
}

// 20 statements that each hit a limit (memory, nodes, steps, the length
// of a list, time) leave the session usable, and its live heap back under
// 1.3x of where it started: what a stopped statement made is garbage, and
// is collected. The session runs in this process, whose heap is measured;
// the test is not parallel, so nothing else runs meanwhile.
func TestREPLSurvivesLimits(t *testing.T) {
	if testing.Short() {
		t.Skip("fills 64 MB eight times")
	}
	defer debug.SetMemoryLimit(math.MaxInt64)
	var out, errs bytes.Buffer
	w := bufio.NewWriter(&out)
	s := newSession(w, &errs, "<stdin>")
	line := 1
	exec := func(chunk string) bool {
		ok := s.exec(chunk, line)
		w.Flush()
		line += strings.Count(chunk, "\n")
		return ok
	}
	if err := s.setLimits(limits{maxMemory: 64 << 20, maxNodes: 200000, maxSteps: 3000000}, false); err != nil {
		t.Fatal(err)
	}
	setup := "fn bomb() {\n  let xs = []\n  while true {\n    xs.append([0] * 1000000)\n  }\n}\n" +
		"fn grow() {\n  let L = Value(1.0)\n  while true {\n    L = L * 1.0\n  }\n}\n" +
		"fn spin() {\n  while true {\n  }\n}\n" +
		"let model = MLP(2, [8, 1])\n"
	if !exec(setup) {
		t.Fatalf("setup failed:\n%s", errs.String())
	}
	start := eval.HeapLive(true)
	wants := []string{}
	for i := 0; i < 4; i++ {
		steps := []struct{ stmt, want string }{
			{"bomb()\n", "memory limit exceeded: the program held more than 64M of memory (--max-memory)"},
			{"grow()\n", "node limit exceeded: the program made more than 200000 graph nodes (--max-nodes)"},
			{"spin()\n", "step limit exceeded: more than 3000000 loop turns and calls (--max-steps)"},
			{"let big = list(range(100000000))\n", "range too long to list: 100000000 items, the limit is 4194304"},
			{":limits --timeout 100ms --max-steps 0\nspin()\n:limits --timeout 0 --max-steps 3000000\n",
				"time limit exceeded: the program ran longer than 100ms (--timeout)"},
		}
		for _, st := range steps {
			errs.Reset()
			for _, chunk := range strings.SplitAfter(st.stmt, "\n") {
				if chunk != "" {
					exec(chunk)
				}
			}
			if !strings.Contains(errs.String(), st.want) || strings.Count(errs.String(), "limit exceeded")+strings.Count(errs.String(), "too long") != 1 {
				t.Fatalf("%q: want one error %q, got:\n%s", st.stmt, st.want, errs.String())
			}
			wants = append(wants, st.want)
		}
	}
	if len(wants) != 20 {
		t.Fatalf("%d statements hit a limit, want 20", len(wants))
	}
	out.Reset()
	errs.Reset()
	if !exec("let a = Value(2.0)\nlet L = a * a + model([1.0, 2.0])\nL.backward()\nprint(a.grad, 1 + 1)\n") {
		t.Fatalf("the session is not usable after the limits:\n%s", errs.String())
	}
	if out.String() != "4.0 2\n" {
		t.Errorf("after the limits: stdout %q, want %q", out.String(), "4.0 2\n")
	}
	end := eval.HeapLive(true)
	t.Logf("live heap: %d KB at the start, %d KB after 20 limits", start>>10, end>>10)
	if float64(end) > 1.3*float64(start) {
		t.Errorf("live heap %d KB after 20 limits, want under 1.3x the %d KB it started at", end>>10, start>>10)
	}
}

// A notebook kernel started with --max-memory stops a cell that passes it,
// and its next cell runs with the memory given back.
func TestKernelSurvivesTheMemoryLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("fills 64 MB")
	}
	defer debug.SetMemoryLimit(math.MaxInt64)
	k := newKernel(limits{maxMemory: 64 << 20})
	defer k.close()
	start := eval.HeapLive(true)
	_, cerr := k.runCell("let xs = []\nwhile true {\n  xs.append([0] * 1000000)\n}\n", "cell1")
	want := "memory limit exceeded: the program held more than 64M of memory (--max-memory)"
	if cerr == nil || cerr.Evalue != want {
		t.Fatalf("got %+v, want the error %q", cerr, want)
	}
	v, cerr := k.runCell("len(xs) > 0", "cell2")
	if cerr != nil || eval.Repr(v) != "true" {
		t.Fatalf("the next cell: %v, %+v", v, cerr)
	}
	// xs still holds what the loop appended before it stopped: a name
	// bound at top level keeps its value, as in Python. Unbinding it
	// gives the memory back.
	if _, cerr := k.runCell("xs = []", "cell3"); cerr != nil {
		t.Fatal(cerr)
	}
	end := eval.HeapLive(true)
	t.Logf("live heap: %d KB at the start, %d KB after the limit", start>>10, end>>10)
	if float64(end) > 1.3*float64(start) {
		t.Errorf("live heap %d KB, want under 1.3x the %d KB it started at", end>>10, start>>10)
	}
}

// Limits mg was started with are a ceiling: :limits may tighten them, and
// a piped script cannot lift them.
func TestLimitsCommandCannotLiftTheCommandLine(t *testing.T) {
	in := ":limits --max-steps 0\n:limits --max-steps 2000\n:limits --timeout 1m\n:limits --max-nodes 0\n" +
		":limits --max-memory 1G\n:limits --max-steps 500\nfn spin() { while true { } }\nspin()\n:limits\n"
	r := runChild(t, ".", in, "--max-steps", "1000", "--timeout", "30s", "--max-nodes", "100000", "--max-memory", "512M")
	for _, w := range []string{
		"<stdin>:1:9: :limits: cannot lift --max-steps above 1000, the limit mg was started with",
		"<stdin>:2:9: :limits: cannot lift --max-steps above 1000, the limit mg was started with",
		"<stdin>:3:9: :limits: cannot lift --timeout above 30s, the limit mg was started with",
		"<stdin>:4:9: :limits: cannot lift --max-nodes above 100000, the limit mg was started with",
		"<stdin>:5:9: :limits: cannot lift --max-memory above 512M, the limit mg was started with",
		"step limit exceeded: more than 500 loop turns and calls (--max-steps)",
	} {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("stderr lacks %q:\n%s", w, r.stderr)
		}
	}
	want := "--max-steps 500\n--max-nodes 100000\n--timeout 30s\n--max-memory 512M\n--files none (any file)\n"
	if r.stdout != want || r.code != exitRuntime {
		t.Errorf("exit %d, stdout %q, want 1 and %q", r.code, r.stdout, want)
	}
}

// mg FLAGS FILE runs the script as mg run FLAGS FILE does.
func TestFlagsBeforeAScript(t *testing.T) {
	dir := t.TempDir()
	script := writeScript(t, dir, "spin.mg", "print(\"start\")\nwhile true {\n}\n")
	r := runChild(t, dir, "", "--max-steps", "10", script)
	if r.code != exitRuntime || r.stdout != "start\n" || !strings.Contains(r.stderr, "spin.mg:2:1: step limit exceeded: more than 10 loop turns and calls (--max-steps)") {
		t.Errorf("exit %d, stdout %q, stderr:\n%s", r.code, r.stdout, r.stderr)
	}
}

func TestByteSize(t *testing.T) {
	good := map[string]int64{
		"512M": 512 << 20, "2G": 2 << 30, "2g": 2 << 30, "1.5G": 3 << 29, "64MB": 64 << 20,
		"64MiB": 64 << 20, "100K": 100 << 10, "1T": 1 << 40, "4096": 4096,
	}
	for s, want := range good {
		var b byteSize
		if err := b.Set(s); err != nil || int64(b) != want {
			t.Errorf("Set(%q) = %d, %v; want %d", s, int64(b), err, want)
		}
	}
	for _, s := range []string{"", "lots", "-1G", "12X", "M", "1e30G", "NaN"} {
		var b byteSize
		if err := b.Set(s); err == nil {
			t.Errorf("Set(%q) = %d, want an error", s, int64(b))
		}
	}
	for b, want := range map[byteSize]string{512 << 20: "512M", 2 << 30: "2G", 1536 << 20: "1536M", 1000: "1000"} {
		if got := b.String(); got != want {
			t.Errorf("String(%d) = %q, want %q", int64(b), got, want)
		}
	}
}

// The step budget is each statement's, in the kernel as in the REPL: two
// loops of 600 turns under --max-steps 1000 run, one of 2000 stops.
func TestStepBudgetIsEachStatements(t *testing.T) {
	k := newKernel(limits{maxSteps: 1000})
	defer k.close()
	for i := 0; i < 3; i++ {
		if _, cerr := k.runCell("for i in range(600) { }\nfor i in range(600) { }\n", "cell"); cerr != nil {
			t.Fatalf("cell %d: %+v", i, cerr)
		}
	}
	_, cerr := k.runCell("for i in range(2000) { }\n", "cell")
	want := "step limit exceeded: more than 1000 loop turns and calls (--max-steps)"
	if cerr == nil || cerr.Evalue != want {
		t.Errorf("got %+v, want the error %q", cerr, want)
	}
}
