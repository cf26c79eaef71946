package main

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/mglang/mg/cmd/mg/internal/jupyter"
)

// sentMsg is a message the kernel sent, its content decoded.
type sentMsg struct {
	typ     string
	content map[string]any
}

// executeCell runs code in k as an execute_request and returns what the
// kernel sent, replies and iopub messages, in order.
func executeCell(t *testing.T, k *kernel, code string) []sentMsg {
	t.Helper()
	content, _ := json.Marshal(map[string]any{"code": code, "silent": false, "store_history": true})
	m := &jupyter.Message{Header: jupyter.NewHeader("execute_request", "t"), Content: content}
	var sent []sentMsg
	record := func(m *jupyter.Message) error {
		var c map[string]any
		if err := json.Unmarshal(m.Content, &c); err != nil {
			t.Errorf("%s: %v", m.Header.MsgType, err)
		}
		sent = append(sent, sentMsg{m.Header.MsgType, c})
		return nil
	}
	k.Handle(jupyter.NewRequest(m, "t", "shell", record, record))
	return sent
}

// types lists the message types, streams with their names.
func types(sent []sentMsg) string {
	var out []string
	for _, m := range sent {
		if m.typ == "stream" {
			out = append(out, "stream:"+m.content["name"].(string))
		} else {
			out = append(out, m.typ)
		}
	}
	return strings.Join(out, " ")
}

func TestExecuteOrderAndDisplay(t *testing.T) {
	k := newKernel(limits{})
	defer k.close()
	sent := executeCell(t, k, "let a = 2.0\nlet L = a*a\nL.backward()\nprint(\"before\")\nplot([3, 1, 2])\nprint(\"after\")\ndraw_dot(L)")
	if got, want := types(sent), "execute_input stream:stdout display_data stream:stdout execute_result execute_reply"; got != want {
		t.Fatalf("messages %s, want %s", got, want)
	}
	chart := sent[2].content["data"].(map[string]any)
	if svg, _ := chart["image/svg+xml"].(string); !strings.HasPrefix(svg, "<svg") {
		t.Errorf("plot showed no SVG: %v", chart)
	}
	if text, _ := chart["text/plain"].(string); !strings.Contains(text, "┤") {
		t.Errorf("plot's text form is not the terminal chart: %q", text)
	}
	graph := sent[4].content["data"].(map[string]any)
	svg, _ := graph["image/svg+xml"].(string)
	if !strings.HasPrefix(svg, "<svg") || !strings.Contains(svg, "grad 4.0000") || strings.Contains(svg, "<?xml") {
		t.Errorf("draw_dot showed %.300q", svg)
	}
	if text, _ := graph["text/plain"].(string); !strings.HasPrefix(text, "digraph") {
		t.Errorf("the graph's text form is %.80q, not its DOT", text)
	}
	// A string that dot did not return is shown as the REPL shows strings.
	sent = executeCell(t, k, `"digraph"`)
	if got := sent[1].content["data"].(map[string]any); len(got) != 1 || got["text/plain"] != `"digraph"` {
		t.Errorf("a string showed as %v", got)
	}
	// Only the last expression statement is the cell's result.
	sent = executeCell(t, k, "1 + 1\nlet b = 3\n")
	if got := types(sent); got != "execute_input execute_reply" {
		t.Errorf("a cell ending in a let sent %s", got)
	}
}

func TestExecuteTimeoutKeepsNames(t *testing.T) {
	k := newKernel(limits{timeout: 200 * time.Millisecond})
	defer k.close()
	executeCell(t, k, "let kept = 5.0")
	sent := executeCell(t, k, "while true {\n}")
	reply := sent[len(sent)-1]
	if reply.typ != "execute_reply" || reply.content["status"] != "error" || !strings.Contains(reply.content["evalue"].(string), "time limit exceeded") {
		t.Fatalf("a cell past --timeout ended with %v", reply.content)
	}
	sent = executeCell(t, k, "kept")
	if got := sent[1].content["data"].(map[string]any)["text/plain"]; got != "Value(data=5.0, grad=0.0)" {
		t.Errorf("after the timeout, kept is %v", got)
	}
}

func TestExecuteCommands(t *testing.T) {
	k := newKernel(limits{})
	defer k.close()
	executeCell(t, k, "let w = 2.0")
	sent := executeCell(t, k, ":vars\n:help tanh")
	if len(sent) < 2 || sent[1].typ != "stream" || !strings.Contains(sent[1].content["text"].(string), "w  Value(data=2.0, grad=0.0)") ||
		!strings.Contains(sent[1].content["text"].(string), "tanh(x)") {
		t.Errorf("commands sent %v", sent)
	}
}
