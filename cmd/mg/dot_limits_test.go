package main

import (
	"strings"
	"testing"
)

// mg dot runs a script anyone may have written: it takes the limits of mg
// run, with --max-nodes meaning what it means there; its drawing cap is
// --draw-nodes.
func TestDotTakesTheRunLimits(t *testing.T) {
	dir := t.TempDir()
	loop := writeScript(t, dir, "loop.mg", "let a = Value(1.0)\nlet i = 0\nwhile i < 100000 { i += 1 }\n")
	code, stdout, stderr := runArgs("dot", "--max-steps", "5", loop)
	if code != exitRuntime || stdout != "" || !strings.Contains(stderr, "loop.mg:3:1: step limit exceeded: more than 5 loop turns and calls (--max-steps)") {
		t.Errorf("mg dot --max-steps 5: exit %d, stdout %q:\n%s", code, stdout, stderr)
	}
	chain := writeScript(t, dir, "chain.mg", "let a = Value(2.0)\nlet L = a * a * a * a\n")
	code, _, stderr = runArgs("dot", "--max-nodes", "3", chain)
	if code != exitRuntime || !strings.Contains(stderr, "chain.mg:2:19: node limit exceeded: the program made more than 3 graph nodes (--max-nodes)") {
		t.Errorf("mg dot --max-nodes 3: exit %d:\n%s", code, stderr)
	}
	code, stdout, stderr = runArgs("dot", chain, "--draw-nodes", "2", "--timeout", "30s")
	if code != exitOK || strings.Count(stdout, "shape=record") != 2 || !strings.Contains(stdout, "more") {
		t.Errorf("mg dot --draw-nodes 2: exit %d:\n%s%s", code, stdout, stderr)
	}
	if code, _, stderr := runArgs("dot", "--draw-nodes", "-1", chain); code != exitUsage || !strings.Contains(stderr, "--draw-nodes") {
		t.Errorf("mg dot --draw-nodes -1: exit %d:\n%s", code, stderr)
	}
	if code, _, stderr := runArgs("dot", "--files", dir, "--max-memory", "256M", chain); code != exitOK {
		t.Errorf("mg dot --files --max-memory: exit %d:\n%s", code, stderr)
	}
	if !strings.Contains(usage, "--draw-nodes N") {
		t.Errorf("the usage does not show --draw-nodes")
	}
}
