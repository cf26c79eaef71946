package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/mglang/mg/cmd/mg/internal/jupyter"
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

// IPython's habits: a cell ending in ; shows no result; Shift-Tab just
// inside a call's parentheses inspects the function; :quit says how a
// notebook's kernel is stopped instead of doing nothing.
func TestKernelNotebookHabits(t *testing.T) {
	k := newKernel(limits{})
	defer k.close()
	if got := types(executeCell(t, k, "let a = Value(2.0)\na * a;")); strings.Contains(got, "execute_result") {
		t.Errorf("a cell ending in ; sent %s", got)
	}
	if got := types(executeCell(t, k, "a * a")); !strings.Contains(got, "execute_result") {
		t.Errorf("a cell without ; sent %s", got)
	}
	content, _ := json.Marshal(map[string]any{"code": "draw_dot(", "cursor_pos": 9})
	m := &jupyter.Message{Header: jupyter.NewHeader("inspect_request", "t"), Content: content}
	found := false
	record := func(m *jupyter.Message) error {
		var c struct{ Found bool }
		if m.Header.MsgType == "inspect_reply" && json.Unmarshal(m.Content, &c) == nil {
			found = c.Found
		}
		return nil
	}
	k.Handle(jupyter.NewRequest(m, "t", "shell", record, record))
	if !found {
		t.Errorf("inspect after draw_dot( found nothing")
	}
	var text strings.Builder
	for _, m := range executeCell(t, k, ":quit") {
		if m.typ == "stream" {
			text.WriteString(m.content["text"].(string))
		}
	}
	if !strings.Contains(text.String(), "Kernel menu") {
		t.Errorf(":quit in a cell said %q", text.String())
	}
	if got := types(executeCell(t, k, "a * 3.0")); !strings.Contains(got, "execute_result") {
		t.Errorf("after :quit the kernel ran nothing: %s", got)
	}
}
