package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// A block pasted into the REPL on a terminal, with a syntax error in it,
// runs none of itself: the REPL reads it to its closing brace (prompting
// "... "), reports the error once, and nothing of the body runs at top
// level, as Python's REPL drops a pasted block.
func TestPTYPastedBlockWithAnErrorRunsNone(t *testing.T) {
	tm := startPasteREPL(t)
	tm.enter("let log = []")
	tm.expect("mg> ")
	// One write, as a terminal delivers a paste.
	tm.send("fn step(x) {\r  retrun x\r  log.append(1)\r  print(\"ran\" + \"!\")\r}\r")
	tm.expect("<repl>:3:10: expected newline or \";\" after the statement, found \"x\"")
	tm.expect("mg> ")
	tm.enter("print(len(log), \"after\")")
	tm.expect("0 after")
	tm.expect("mg> ")
	out := quitREPL(t, tm)
	if strings.Contains(out, "ran!") {
		t.Errorf("the body of the broken block ran:\n%q", out)
	}
	if n := strings.Count(out, "expected newline"); n != 1 {
		t.Errorf("%d errors reported, want 1:\n%q", n, out)
	}
}

// A Python block pasted into the REPL on a terminal (`if n > 100:` and an
// indented body) is read to its end, a blank line or a line indented no
// deeper, and dropped with its header's error: its body does not run at
// top level, and the line after it runs.
func TestPTYPastedPythonBlockRunsNone(t *testing.T) {
	tm := startPasteREPL(t)
	tm.enter("let n = 0")
	tm.expect("mg> ")
	// Ended by a blank line, as Python's REPL ends a block.
	tm.send("if n > 100:\r    print(\"ran\" + \"!\")\r    n = 5\r\r")
	tm.expect("mg opens a block with braces")
	tm.expect("mg> ")
	// Ended by a line indented no deeper, which then runs.
	tm.send("for i in range(3):\r  n = n + 1\rprint(\"n is\", n)\r")
	tm.expect("mg opens a block with braces")
	tm.expect("n is 0")
	tm.expect("mg> ")
	out := quitREPL(t, tm)
	if strings.Contains(out, "ran!") {
		t.Errorf("the body of the Python block ran:\n%q", out)
	}
	if n := strings.Count(out, "mg opens a block with braces"); n != 2 {
		t.Errorf("%d errors reported, want 2:\n%q", n, out)
	}
}

// startPasteREPL starts mg's REPL on a terminal, with its own home and
// history, and waits for the prompt (skipped with -short: it builds mg).
func startPasteREPL(t *testing.T) *term {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	tm := startMG(t, buildMG(t, dir), "HOME="+dir, "MG_HISTORY="+filepath.Join(dir, "history"))
	tm.expect("mg> ")
	return tm
}

// quitREPL sends Ctrl-D, checks that mg leaves with status 0 and returns
// all it wrote.
func quitREPL(t *testing.T, tm *term) string {
	tm.send("\x04")
	if code := tm.wait(); code != 0 {
		t.Errorf("exit %d, want 0", code)
	}
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return tm.out.String()
}
