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
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	bin := buildMG(t, dir)
	tm := startMG(t, bin, "HOME="+dir, "MG_HISTORY="+filepath.Join(dir, "history"))
	tm.expect("mg> ")
	tm.enter("let log = []")
	tm.expect("mg> ")
	// One write, as a terminal delivers a paste.
	tm.send("fn step(x) {\r  retrun x\r  log.append(1)\r  print(\"ran\" + \"!\")\r}\r")
	tm.expect("<repl>:3:10: expected newline or \";\" after the statement, found \"x\"")
	tm.expect("mg> ")
	tm.enter("print(len(log), \"after\")")
	tm.expect("0 after")
	tm.expect("mg> ")
	tm.send("\x04")
	if code := tm.wait(); code != 0 {
		t.Errorf("exit %d, want 0", code)
	}
	tm.mu.Lock()
	out := tm.out.String()
	tm.mu.Unlock()
	if strings.Contains(out, "ran!") {
		t.Errorf("the body of the broken block ran:\n%q", out)
	}
	if n := strings.Count(out, "expected newline"); n != 1 {
		t.Errorf("%d errors reported, want 1:\n%q", n, out)
	}
}
