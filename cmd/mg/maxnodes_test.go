package main

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// runArgs runs mg with args in-process and returns its exit status,
// stdout and stderr.
func runArgs(args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := run(args, strings.NewReader(""), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// --max-nodes N stops the program at the node that makes N+1, where it
// stands: a 20-factor product under --max-nodes 5 stops at its fifth *
// (the leaf a and five products make six), and N passes exactly when the
// program makes N nodes.
func TestMaxNodesFiresAtNodeNPlusOne(t *testing.T) {
	dir := t.TempDir()
	chain := writeScript(t, dir, "chain.mg", "let a = 1.0\nlet L = a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a\nprint(L.op)\n")
	code, stdout, stderr := runArgs("run", "--max-nodes", "5", chain)
	want := "chain.mg:2:18: node limit exceeded: the program made more than 5 graph nodes (--max-nodes)\n"
	if code != exitRuntime || stdout != "" || !strings.HasSuffix(strings.SplitN(stderr, "\n", 2)[0]+"\n", want) {
		t.Errorf("--max-nodes 5: exit %d, stdout %q, stderr:\n%s\nwant the error %q", code, stdout, stderr, want)
	}
	// A leaf, a constant and 999 sums: 1001 nodes.
	loop := writeScript(t, dir, "loop.mg", "let a = Value(1.0)\nlet b = a\nfor i in range(999) { b = b + 1.0 }\nprint(b.data)\n")
	if code, stdout, stderr := runArgs("run", "--max-nodes", "1001", loop); code != exitOK || stdout != "1000.0\n" {
		t.Errorf("--max-nodes 1001 for 1001 nodes: exit %d, %q %s", code, stdout, stderr)
	}
	code, _, stderr = runArgs("run", "--max-nodes", "1000", loop)
	if code != exitRuntime || !strings.Contains(stderr, "loop.mg:3:29: node limit exceeded: the program made more than 1000 graph nodes") {
		t.Errorf("--max-nodes 1000 for 1001 nodes: exit %d:\n%s", code, stderr)
	}
	// Leaves cannot fail where they are made: the run stops at its next step.
	leaves := writeScript(t, dir, "leaves.mg", "let xs = [Value(float(i)) for i in range(2000)]\nprint(len(xs))\n")
	code, stdout, stderr = runArgs("run", "--max-nodes", "1000", leaves)
	if code != exitRuntime || stdout != "" || !strings.Contains(stderr, "leaves.mg:1:") || !strings.Contains(stderr, "more than 1000 graph nodes") {
		t.Errorf("1000 leaves: exit %d, stdout %q:\n%s", code, stdout, stderr)
	}
}

// Each statement of piped input gets the whole node budget, counted
// exactly as a script's.
func TestMaxNodesPerPipedStatement(t *testing.T) {
	var src strings.Builder
	for i := 0; i < 3; i++ {
		fmt.Fprintf(&src, "let v%d = Value(1.0) * 2.0\n", i) // leaf, constant, product: 3
	}
	src.WriteString("let w = Value(1.0) * 2.0 * 2.0\nprint(v2.data)\n") // 5: its second * is one too many
	var stdout, stderr bytes.Buffer
	code := run([]string{"--max-nodes", "4"}, strings.NewReader(src.String()), &stdout, &stderr)
	if code != exitRuntime || stdout.String() != "2.0\n" || !strings.HasPrefix(stderr.String(), "<stdin>:4:26: node limit exceeded") || strings.Count(stderr.String(), "<stdin>:") != 1 {
		t.Errorf("exit %d, stdout %q, stderr:\n%s", code, stdout.String(), stderr.String())
	}
}
