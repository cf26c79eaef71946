package main

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// In the kernel, :limits shows the time limit of each cell it was started
// with, and refuses to lift it.
func TestKernelLimitsShowItsCellTimeout(t *testing.T) {
	k := newKernel(limits{timeout: 2 * time.Second, maxSteps: 500})
	defer k.close()
	text := func(sent []sentMsg) string {
		var b strings.Builder
		for _, m := range sent {
			switch m.typ {
			case "stream":
				b.WriteString(m.content["text"].(string))
			case "error": // a failing command is the cell's error
				b.WriteString(m.content["evalue"].(string))
			}
		}
		return b.String()
	}
	got := text(executeCell(t, k, ":limits"))
	if !strings.Contains(got, "--max-steps 500\n") || !strings.Contains(got, "--timeout 2s for each cell\n") {
		t.Errorf(":limits in the kernel:\n%s", got)
	}
	got = text(executeCell(t, k, ":limits --timeout 10s"))
	if !strings.Contains(got, "cannot lift --timeout above 2s") {
		t.Errorf(":limits --timeout 10s in the kernel:\n%s", got)
	}
	executeCell(t, k, ":limits --timeout 1s")
	if got := text(executeCell(t, k, ":limits")); !strings.Contains(got, "--timeout 1s for each statement, 2s for each cell\n") {
		t.Errorf("after :limits --timeout 1s:\n%s", got)
	}
}

// In the kernel, a failing command is the cell's error, as a failing
// statement is: positioned in the cell, with its line and caret.
func TestKernelCommandErrorIsTheCells(t *testing.T) {
	k := newKernel(limits{})
	defer k.close()
	for _, cmd := range []string{":dot a*a", ":trace a*a"} {
		sent := executeCell(t, k, cmd)
		var errMsg map[string]any
		for _, m := range sent {
			if m.typ == "error" {
				errMsg = m.content
			}
			if m.typ == "stream" && strings.Contains(m.content["text"].(string), "undefined") {
				t.Errorf("%s: the error went to a stream: %v", cmd, m.content)
			}
		}
		if errMsg == nil {
			t.Fatalf("%s: no error message: %v", cmd, types(sent))
		}
		var tb []string
		for _, l := range errMsg["traceback"].([]any) {
			tb = append(tb, l.(string))
		}
		n := k.count
		want := fmt.Sprintf("<cell %d>:1:", n)
		if len(tb) < 3 || !strings.HasPrefix(tb[0], want) || !strings.Contains(tb[0], "undefined: a") || tb[1] != cmd || !strings.HasSuffix(tb[2], "^") {
			t.Errorf("%s: traceback %q, want %s... undefined: a, the line, a caret", cmd, tb, want)
		}
	}
}
