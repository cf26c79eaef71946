package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// The limits for running untrusted scripts, and Ctrl-C, end to end on the
// built binary. Every wait is generous: a loaded machine makes these
// tests slow, never flaky; nothing asserts on wall time (the memory bombs
// bound the processor time they take, which load hardly changes).
const limitsWait = 2 * time.Minute

// buildLimitsBinary builds mg into a temporary directory.
func buildLimitsBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "mg")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// writeScript writes src to NAME in dir and returns its path.
func writeScript(t *testing.T, dir, name, src string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// runBinary runs bin with args in dir and returns its exit status, stdout
// and stderr; it kills the process after limitsWait.
func runBinary(t *testing.T, bin, dir string, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	timer := time.AfterFunc(limitsWait, func() { cmd.Process.Kill() })
	defer timer.Stop()
	err := cmd.Wait()
	code := 0
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		code = ee.ExitCode()
	case err != nil:
		t.Fatal(err)
	}
	if !timer.Stop() {
		t.Fatalf("mg %s: still running after %s, killed\nstderr:\n%s", strings.Join(args, " "), limitsWait, stderr.String())
	}
	checkNoPanic(t, "stdout", stdout.String())
	checkNoPanic(t, "stderr", stderr.String())
	return code, stdout.String(), stderr.String()
}

func TestLimits(t *testing.T) {
	bin := buildLimitsBinary(t)
	dir := t.TempDir()
	spin := writeScript(t, dir, "spin.mg", "let i = 0\nprint(\"start\")\nwhile true {\n  i += 1\n}\n")
	nodes := writeScript(t, dir, "nodes.mg", "let a = Value(1.0)\nwhile true {\n  a = a * 1.0 + 0.0\n}\n")
	model := writeScript(t, dir, "model.mg", "let model = MLP(1000, [1000, 1000, 1])\nprint(\"made\")\n")
	recurse := writeScript(t, dir, "recurse.mg", "fn f(n) {\n  return f(n + 1) + 1\n}\nf(0)\n")
	small := writeScript(t, dir, "small.mg", "let a = Value(2.0)\nlet L = a * a\nbackward(L)\nprint(a.grad)\n")
	tests := []struct {
		name string
		args []string
		code int
		want []string // lines stderr must contain
		out  string   // exact stdout, when not "-"
	}{
		{"max-steps", []string{"run", "--max-steps", "1000", spin}, 1,
			[]string{"spin.mg:3:1: step limit exceeded: more than 1000 loop turns and calls (--max-steps)", "while true {"}, "start\n"},
		{"max-steps-calls", []string{"run", "--max-steps", "100", recurse}, 1,
			[]string{"recurse.mg:2:11: step limit exceeded: more than 100 loop turns and calls (--max-steps)"}, ""},
		{"timeout", []string{"run", "--timeout", "1s", spin}, 1,
			[]string{"spin.mg:3:1: time limit exceeded: the program ran longer than 1s (--timeout)"}, "start\n"},
		{"timeout-flag-last", []string{"run", "--timeout=500ms", "--max-steps=0", spin}, 1,
			[]string{"time limit exceeded: the program ran longer than 500ms (--timeout)"}, "start\n"},
		{"max-nodes", []string{"run", "--max-nodes", "1000", "--timeout", "30s", nodes}, 1,
			[]string{"nodes.mg:", "node limit exceeded: the program made more than 1000 graph nodes (--max-nodes)"}, ""},
		{"max-nodes-builtin", []string{"run", "--max-nodes", "10000", "--timeout", "30s", model}, 1,
			[]string{"model.mg:1:16: node limit exceeded: the program made more than 10000 graph nodes (--max-nodes)"}, ""},
		{"limits-not-reached", []string{"run", "--max-steps", "100", "--max-nodes", "100", "--timeout", "1m", small}, 0,
			nil, "4.0\n"},
		{"bad-max-steps", []string{"run", "--max-steps", "many", small}, 2,
			[]string{"mg run: invalid value \"many\" for --max-steps: write a whole number"}, ""},
		{"bad-timeout", []string{"run", "--timeout", "30", small}, 2,
			[]string{"mg run: invalid value \"30\" for --timeout: write a duration with a unit, e.g. 30s or 2m"}, ""},
		{"unknown-flag", []string{"run", "--max-memry", "1G", small}, 2,
			[]string{"mg run: unknown flag --max-memry"}, ""},
		{"bad-max-memory", []string{"run", "--max-memory", "lots", small}, 2,
			[]string{"mg run: invalid value \"lots\" for --max-memory: not a size"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			code, stdout, stderr := runBinary(t, bin, dir, tt.args...)
			if !strings.HasPrefix(tt.name, "timeout") && strings.Contains(stderr, "time limit exceeded") {
				t.Fatalf("the limit did not stop the program; --timeout did:\n%s", stderr)
			}
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q; stderr:\n%s", w, stderr)
				}
			}
			if tt.code != 0 && tt.code != 2 && strings.Count(stderr, "\n") < 3 {
				t.Errorf("stderr lacks the source line and caret:\n%s", stderr)
			}
			if tt.out != "-" && stdout != tt.out {
				t.Errorf("stdout %q, want %q", stdout, tt.out)
			}
		})
	}
}

// TestInterrupt sends SIGINT to `mg run` while the script loops, and
// while it runs backward over a large graph: mg prints "interrupted" at
// the position reached and exits 130. The script writes a file just
// before the long part, so the signal comes once the run has started.
func TestInterrupt(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no SIGINT on Windows")
	}
	bin := buildLimitsBinary(t)
	tests := []struct {
		name, src string
		want      []string
	}{
		{"loop", "let a = Value(1.0)\ndot(a, \"ready.dot\")\nwhile true {\n}\n",
			[]string{"loop.mg:3:1: interrupted", "while true {\n^"}},
		// Piped input stops as mg run does, even when started with SIGINT
		// ignored (in the background of a non-interactive shell).
		{"piped", "let a = Value(1.0)\ndot(a, \"ready.dot\")\nwhile true {\n}\nprint(\"after\")\n",
			[]string{"<stdin>:3:1: interrupted", "while true {\n^"}},
		{"piped-ignoring", "let a = Value(1.0)\ndot(a, \"ready.dot\")\nwhile true {\n}\nprint(\"after\")\n",
			[]string{"<stdin>:3:1: interrupted"}},
		{"backward", "let a = Value(1.0)\nlet L = a\nfor i in range(2000000) {\n  L = L * 1.0\n}\n" +
			"dot(a, \"ready.dot\")\nwhile true {\n  backward(L)\n}\n",
			[]string{"backward.mg:", ": interrupted"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			script := writeScript(t, dir, tt.name+".mg", tt.src)
			cmd := exec.Command(bin, "run", script)
			switch tt.name {
			case "piped":
				cmd = exec.Command(bin)
			case "piped-ignoring":
				cmd = exec.Command("sh", "-c", `trap "" INT; exec "$0"`, bin)
			}
			if strings.HasPrefix(tt.name, "piped") {
				f, err := os.Open(script)
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()
				cmd.Stdin = f
			}
			cmd.Dir = dir
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			ready := filepath.Join(dir, "ready.dot")
			deadline := time.Now().Add(limitsWait)
			for {
				if _, err := os.Stat(ready); err == nil {
					break
				}
				select {
				case err := <-done:
					t.Fatalf("mg exited (%v) before it was interrupted\nstderr:\n%s", err, stderr.String())
				case <-time.After(20 * time.Millisecond):
				}
				if time.Now().After(deadline) {
					cmd.Process.Kill()
					t.Fatalf("the script did not start within %s", limitsWait)
				}
			}
			time.Sleep(100 * time.Millisecond) // well into the long part
			if err := cmd.Process.Signal(os.Interrupt); err != nil {
				t.Fatal(err)
			}
			var err error
			select {
			case err = <-done:
			case <-time.After(limitsWait):
				cmd.Process.Kill()
				t.Fatalf("still running %s after SIGINT\nstderr:\n%s", limitsWait, stderr.String())
			}
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != 130 {
				t.Errorf("exit %v, want status 130; stderr:\n%s", err, stderr.String())
			}
			for _, w := range tt.want {
				if !strings.Contains(stderr.String(), w) {
					t.Errorf("stderr lacks %q; stderr:\n%s", w, stderr.String())
				}
			}
			if strings.Contains(stdout.String(), "after") {
				t.Errorf("the statement after the interrupted one ran")
			}
			checkNoPanic(t, "stdout", stdout.String())
			checkNoPanic(t, "stderr", stderr.String())
		})
	}
}

// memoryLimit is the --max-memory of the bomb tests, and bombLimitCPU how
// much processor time a bomb may take before a limit stops it. CPU time,
// not wall time, is what is bounded: on a loaded machine a process waits
// for a processor for far longer than it runs.
const (
	memoryLimit  = 256 << 20
	bombLimitCPU = 10 * time.Second
)

// TestMemoryBombsStop runs programs that grow without end under
// --max-memory 256M: each stops with an error that names a limit and the
// position reached (exit 1) within 10 s of processor time, and the
// process's peak resident memory stays under twice the limit. The first
// three are stopped by the length rule before they reach the memory
// limit, the others (whose every list and string is short) by the memory
// limit itself.
func TestMemoryBombsStop(t *testing.T) {
	if testing.Short() {
		t.Skip("each bomb fills 256 MB")
	}
	dir := t.TempDir()
	tests := []struct {
		name, src string
		want      string // in stderr
	}{
		{"comprehension", "let xs = [i for i in range(300000000)]\n",
			"comprehension.mg:1:10: list too long in a comprehension: 4194305 items would be made, the limit is 4194304"},
		{"append_self", "let xs = []\nwhile true {\n  xs.append(xs)\n}\n",
			"append_self.mg:3:12: list too long in append(): 4194305 items would be made, the limit is 4194304"},
		{"string_doubling", "let s = \"x\"\nwhile true {\n  s = s + s\n}\n",
			"string_doubling.mg:3:9: string too long in +: 8388608 bytes would be made, the limit is 4194304"},
		{"list_of_lists", "let xs = []\nwhile true {\n  xs.append([i for i in range(1000000)])\n}\n",
			"memory limit exceeded: the program held more than 256M of memory (--max-memory)"},
		{"list_of_strings", "let parts = []\nwhile true {\n  parts.append(\"x\" * 4000000)\n}\n",
			"list_of_strings.mg:2:1: memory limit exceeded: the program held more than 256M of memory (--max-memory)"},
		{"string_concatenation", "let s = \"x\" * 4000000\nlet parts = []\nwhile true {\n  parts.append(s + \"!\")\n}\n",
			"string_concatenation.mg:3:1: memory limit exceeded: the program held more than 256M of memory (--max-memory)"},
		{"graph", "let L = Value(1.0)\nwhile true {\n  L = L * 1.0\n}\n",
			"graph.mg:2:1: memory limit exceeded: the program held more than 256M of memory (--max-memory)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			script := writeScript(t, dir, tt.name+".mg", tt.src)
			r := runChild(t, dir, "", "run", "--max-memory", "256M", script)
			t.Logf("%s: exit %d after %v of processor time (%v wall), peak RSS %d MB",
				tt.name, r.code, r.cpu.Round(time.Millisecond), r.wall.Round(time.Millisecond), r.peakRSS>>20)
			if r.code != exitRuntime {
				t.Errorf("exit %d, want %d; stderr:\n%s", r.code, exitRuntime, r.stderr)
			}
			if !strings.Contains(r.stderr, tt.want) {
				t.Errorf("stderr lacks %q:\n%s", tt.want, r.stderr)
			}
			if strings.Count(r.stderr, "\n") < 3 {
				t.Errorf("stderr lacks the source line and caret:\n%s", r.stderr)
			}
			if r.cpu > bombLimitCPU {
				t.Errorf("stopped after %v of processor time, want at most %v", r.cpu, bombLimitCPU)
			}
			if r.peakRSS == 0 || r.peakRSS >= 2*memoryLimit {
				t.Errorf("peak RSS %d MB, want under %d MB (twice the limit)", r.peakRSS>>20, 2*memoryLimit>>20)
			}
		})
	}
}

// read_csv keeps the length rule for a row as for the list of rows: a line
// of 5,000,000 cells is refused before its list is made.
func TestReadCSVRowTooLong(t *testing.T) {
	dir := t.TempDir()
	csv := filepath.Join(dir, "wide.csv")
	if err := os.WriteFile(csv, []byte(strings.Repeat("1,", 4999999)+"1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	script := writeScript(t, dir, "wide.mg", "let r = read_csv(\""+csv+"\")\n")
	var stdout, stderr bytes.Buffer
	code := run([]string{"run", script}, strings.NewReader(""), &stdout, &stderr)
	want := "wide.mg:1:17: list too long in read_csv(): 5000000 items would be made, the limit is 4194304"
	if code != exitRuntime || !strings.Contains(stderr.String(), want) {
		t.Errorf("exit %d, stderr lacks %q:\n%s", code, want, stderr.String())
	}
}

// Garbage never counts toward --max-memory: a program that holds about
// 100 MB and makes 1 GB of short-lived lists runs to its end under 256M.
func TestMemoryLimitIgnoresGarbage(t *testing.T) {
	if testing.Short() {
		t.Skip("makes 1 GB of garbage")
	}
	dir := t.TempDir()
	src := "let keep = [[0] * 1000000 for i in range(6)]\nfor i in range(16) {\n  let xs = [i] * 4000000\n}\nprint(len(keep), \"done\")\n"
	script := writeScript(t, dir, "churn.mg", src)
	r := runChild(t, dir, "", "run", "--max-memory", "256M", script)
	t.Logf("exit %d after %v of processor time, peak RSS %d MB", r.code, r.cpu.Round(time.Millisecond), r.peakRSS>>20)
	if r.code != 0 || r.stdout != "6 done\n" {
		t.Errorf("exit %d, stdout %q, want 0 and %q; stderr:\n%s", r.code, r.stdout, "6 done\n", r.stderr)
	}
	if r.peakRSS >= 2*memoryLimit {
		t.Errorf("peak RSS %d MB, want under %d MB", r.peakRSS>>20, 2*memoryLimit>>20)
	}
}
