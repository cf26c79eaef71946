package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/mglang/mg/autograd"
)

// expectTimeout bounds each wait for output: generous, so that a loaded
// machine makes a test slow, never flaky. No test asserts on timing.
const expectTimeout = 10 * time.Second

// buildMG builds the mg binary into dir.
func buildMG(t *testing.T, dir string) string {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("no pseudo-terminals")
	}
	bin := filepath.Join(dir, "mg")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// term is mg running on a pseudo-terminal, with everything it wrote.
type term struct {
	t    *testing.T
	pty  *os.File
	cmd  *exec.Cmd
	mu   sync.Mutex
	out  bytes.Buffer
	seen int // output before this offset has been matched already
	prev int // where the last match's search started
	eof  chan struct{}
}

// startMG starts bin on a 120x24 terminal with the given environment
// (HOME and MG_HISTORY point into the test's directory).
func startMG(t *testing.T, bin string, env ...string) *term {
	t.Helper()
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), "TERM=xterm", "NO_COLOR=1")
	cmd.Env = append(cmd.Env, env...)
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 24, Cols: 120})
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	tm := &term{t: t, pty: f, cmd: cmd, eof: make(chan struct{})}
	go func() {
		defer close(tm.eof)
		buf := make([]byte, 4096)
		for {
			n, err := f.Read(buf)
			tm.mu.Lock()
			tm.out.Write(buf[:n])
			tm.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
		f.Close()
	})
	return tm
}

// send types s.
func (tm *term) send(s string) {
	tm.t.Helper()
	if _, err := tm.pty.WriteString(s); err != nil {
		tm.t.Fatalf("write %q: %v", s, err)
	}
}

// enter types line and Enter, and waits for the line's echo: what follows
// is the statement's output, then the next prompt. (Waiting for a prompt
// right after typing would find it in the echo: readline redraws the
// prompt and the line at each key.)
func (tm *term) enter(line string) {
	tm.t.Helper()
	tm.send(line + "\r")
	tm.expect(line + "\r\n")
}

// find reports whether s has appeared since the last match, and moves
// past it if so.
func (tm *term) find(s string) bool {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	i := strings.Index(tm.out.String()[tm.seen:], s)
	if i < 0 {
		return false
	}
	tm.prev = tm.seen
	tm.seen += i + len(s)
	return true
}

// expect waits until s appears in the output after the last match.
func (tm *term) expect(s string) {
	tm.t.Helper()
	deadline := time.Now().Add(expectTimeout)
	for !tm.find(s) {
		if time.Now().After(deadline) {
			tm.t.Fatalf("waited %s for %q; the terminal shows since the last match:\n%q", expectTimeout, s, tm.since())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// lastMatch is the output up to the end of the last match, from the
// match before it.
func (tm *term) lastMatch() string {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return tm.out.String()[tm.prev:tm.seen]
}

func (tm *term) since() string {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return tm.out.String()[tm.seen:]
}

// wait waits for mg to exit and returns its status.
func (tm *term) wait() int {
	tm.t.Helper()
	done := make(chan error, 1)
	go func() { done <- tm.cmd.Wait() }()
	select {
	case err := <-done:
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode()
		}
		if err != nil {
			tm.t.Fatal(err)
		}
		return 0
	case <-time.After(expectTimeout):
		tm.t.Fatalf("mg did not exit; the terminal shows:\n%q", tm.since())
		return -1
	}
}

// TestPTY drives the REPL through a real pseudo-terminal, as a user at a
// keyboard would: prompts, continuation, values, errors, completion,
// Ctrl-C, Ctrl-D, and the history across two sessions.
func TestPTY(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	bin := buildMG(t, dir)
	hist := filepath.Join(dir, "history")
	env := []string{"HOME=" + dir, "MG_HISTORY=" + hist}

	tm := startMG(t, bin, env...)
	tm.expect("mg> ")
	tm.enter("let a = 2.0") // line 1
	tm.expect("mg> ")

	// A statement over three lines, with continuation prompts.
	tm.enter("let xs = [1,") // line 2
	tm.expect("... ")
	tm.enter("2,") // line 3
	tm.expect("... ")
	tm.enter("3]") // line 4
	tm.expect("mg> ")
	tm.enter("fn sq(x) {") // lines 5-7
	tm.expect("... ")
	tm.enter("return x * x  # a comment")
	tm.expect("... ")
	tm.enter("}")
	tm.expect("mg> ")

	// Values print.
	tm.enter("a * 3") // line 8
	tm.expect("Value(data=6.0, grad=0.0)")
	tm.enter(`"str"`) // line 9
	tm.expect(`"str"`)

	// An error with its caret, then a working line.
	tm.enter("a * nope") // line 10
	tm.expect("<repl>:10:5: undefined: nope")
	tm.expect("a * nope\r\n    ^")
	tm.enter("sq(xs[2])") // line 11
	tm.expect("9\r\n")

	// Tab completes a builtin and a method.
	tm.send("back\t")
	tm.expect("backward")
	tm.enter("(a * a)") // line 12
	tm.expect("mg> ")
	tm.send("a.gr\t")
	tm.expect("grad")
	tm.send("\t") // grad and gradcheck: the second Tab lists them
	tm.expect("gradcheck")
	tm.send("\x15a.gra\t\r") // Ctrl-U clears the line; Tab adds the common "d"
	tm.expect("a.grad\r\n")
	tm.expect("4.0\r\n")

	// Ctrl-C at the prompt drops the line, and an unfinished statement.
	tm.send("let dropped = 1")
	tm.expect("dropped = 1")
	tm.send("\x03")
	tm.expect("^C\r\n")
	tm.expect("mg> ")
	tm.enter("let half = [1,")
	tm.expect("... ")
	tm.send("\x03")
	tm.expect("^C\r\n")
	tm.expect("mg> ")
	tm.enter("half")
	tm.expect("undefined: half")

	// Ctrl-C stops an endless loop and keeps the bindings. The first ^C
	// may come before the terminal leaves raw mode (it then only clears
	// a line): send it until the loop reports the interruption.
	tm.enter("let n = 0; while true { n += 1 }")
	for deadline := time.Now().Add(expectTimeout); !tm.find("interrupted"); {
		if time.Now().After(deadline) {
			t.Fatalf("Ctrl-C did not interrupt; the terminal shows:\n%q", tm.since())
		}
		tm.send("\x03")
		time.Sleep(100 * time.Millisecond)
	}
	tm.expect("mg> ")
	tm.enter("[a, xs, n > 0]")
	tm.expect("[Value(data=2.0, grad=4.0), [1, 2, 3], true]")

	// Ctrl-D on an empty line quits with status 0.
	tm.send("\x04")
	if code := tm.wait(); code != 0 {
		t.Errorf("exit status %d after Ctrl-D, want 0", code)
	}

	// The history holds whole statements, one a line.
	data, err := os.ReadFile(hist)
	if err != nil {
		t.Fatal(err)
	}
	entries := strings.Split(strings.TrimSpace(string(data)), "\n")
	for _, want := range []string{"let xs = [1, 2, 3]", "fn sq(x) { return x * x }", "a * nope", "backward(a * a)"} {
		if !contains(entries, want) {
			t.Errorf("history lacks %q:\n%s", want, data)
		}
	}
	for _, frag := range []string{"2,", "3]", "}", "let half = [1,"} {
		if contains(entries, frag) {
			t.Errorf("history holds the fragment %q:\n%s", frag, data)
		}
	}

	// A new session reloads the history: Up recalls the last statement,
	// Ctrl-R finds an older one, and Enter runs it.
	tm = startMG(t, bin, env...)
	tm.expect("mg> ")
	tm.send("\x1b[A")
	tm.expect("[a, xs, n > 0]")
	tm.send("\x03")
	tm.expect("^C\r\n")
	tm.send("\x12x * x")
	tm.expect("fn sq(x) { return x * x }")
	tm.send("\r")
	tm.expect("fn sq(x) { return x * x }\r\n")
	tm.expect("mg> ")
	tm.enter("sq(4)")
	tm.expect("16\r\n")
	tm.enter(":quit")
	if code := tm.wait(); code != 0 {
		t.Errorf("exit status %d after :quit, want 0", code)
	}
}

// TestInterruptLatency measures how long Ctrl-C takes to stop a backward
// pass over 5,000,000 nodes. It only reports figures (go test -v), and
// runs only with MG_LATENCY=1, as the graphs take seconds to build:
//   - the longest stretch of a pass between two polls of the cancel flag
//     (the worst case, whatever the REPL does);
//   - in-process, the time from the REPL's interrupt to the end of the
//     statement, at points spread over a pass;
//   - through a terminal, from SIGINT to the prompt coming back.
func TestInterruptLatency(t *testing.T) {
	if os.Getenv("MG_LATENCY") == "" {
		t.Skip("set MG_LATENCY=1 to measure")
	}
	const build = "let x = 0.5; let y = x; for i in range(2500000) { y = y * 1.0000001 }"
	s, buf := newTestSession(t, "")
	start := time.Now()
	s.exec(build+"\n", 1)
	t.Logf("building the 5,000,001-node chain: %v", time.Since(start))

	yv, _ := s.in.Globals().Get("y")
	y := yv.(*autograd.Value)
	for _, pass := range []string{"first", "second"} {
		var gaps []time.Duration
		start := time.Now()
		last := start
		autograd.Backward(y, func() error {
			gaps = append(gaps, time.Since(last))
			last = time.Now()
			return nil
		})
		total := time.Since(start)
		gaps = append(gaps, time.Since(last))
		first := gaps[0]
		slices.Sort(gaps)
		t.Logf("%s backward pass: %v, %d polls, the first after %v, longest between polls %v, median %v",
			pass, total, len(gaps)-1, first, gaps[len(gaps)-1], gaps[len(gaps)/2])
	}

	start = time.Now()
	s.exec("y.backward()\n", 2)
	full := time.Since(start)
	var lats []time.Duration
	for i := 1; i <= 10; i++ {
		buf.Reset()
		done := make(chan struct{})
		go func() { s.exec("y.backward()\n", 2); close(done) }()
		time.Sleep(full * time.Duration(i) / 12)
		t0 := time.Now()
		stopped := false
		// As the REPL's signal handler: cancel again every 10 ms.
		for gen := s.interrupt(0); !stopped; gen = s.interrupt(gen) {
			select {
			case <-done:
				stopped = true
			case <-time.After(10 * time.Millisecond):
			}
		}
		if s.out.Flush(); strings.Contains(buf.String(), "interrupted") {
			lats = append(lats, time.Since(t0))
		}
	}
	slices.Sort(lats)
	t.Logf("in-process, %d cancels over a %v pass: %v", len(lats), full, lats)

	dir := t.TempDir()
	tm := startMG(t, buildMG(t, dir), "HOME="+dir, "MG_HISTORY="+filepath.Join(dir, "h"))
	tm.expect("mg> ")
	// A backward of the chain takes some 35 ms: the signals come early in it.
	for _, d := range []time.Duration{5 * time.Millisecond, 10 * time.Millisecond, 20 * time.Millisecond} {
		tm.enter(build)
		tm.expect("mg> ")
		tm.enter("y.backward()")
		time.Sleep(d)
		t0 := time.Now()
		tm.cmd.Process.Signal(os.Interrupt)
		tm.expect("mg> ")
		if lat := time.Since(t0); strings.Contains(tm.lastMatch(), "interrupted") {
			t.Logf("terminal, SIGINT %v into a first backward: prompt back after %v", d, lat)
		} else {
			t.Logf("terminal, SIGINT %v into a first backward: it finished first", d)
		}
		// A signal that comes after the end is ignored at the prompt;
		// leave it time to, so that it cannot cancel the next statement.
		time.Sleep(time.Second)
	}
	tm.enter(build)
	time.Sleep(50 * time.Millisecond) // building takes ~280 ms on a quiet machine
	t0 := time.Now()
	tm.cmd.Process.Signal(os.Interrupt)
	tm.expect("interrupted")
	t.Logf("terminal, SIGINT while building the chain: \"interrupted\" after %v", time.Since(t0))
}
