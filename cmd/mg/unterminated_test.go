package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/mglang/mg/cmd/mg/internal/jupyter"
)

// A string cannot span lines: piped input reports an unterminated string
// at its line, with a caret, and runs the lines after it.
func TestPipedUnterminatedStringEndsAtItsLine(t *testing.T) {
	for _, q := range []string{`"`, `'`} {
		src := "print(" + q + "unterminated)\nprint(\"after\")\nprint(2)\n"
		code, stdout, stderr := pipe(src)
		if code != exitRuntime {
			t.Errorf("%s: exit %d, want %d", q, code, exitRuntime)
		}
		if stdout != "after\n2\n" {
			t.Errorf("%s: stdout %q, want the two lines after the error to run", q, stdout)
		}
		want := "<stdin>:1:7: unterminated string\nprint(" + q + "unterminated)\n      ^\n"
		if stderr != want {
			t.Errorf("%s: stderr\n%s\nwant\n%s", q, stderr, want)
		}
	}
}

// The REPL, piped input and the kernel's is_complete decide alike: a line
// that leaves a string open is a whole (wrong) statement, never one that
// waits for more lines.
func TestREPLAndKernelAgreeAnUnterminatedStringIsWhole(t *testing.T) {
	k := newKernel(limits{})
	defer k.close()
	tests := []struct {
		code, status string
	}{
		{"print(\"abc\n", "invalid"},
		{"fn f() {\n  print('ab\n", "invalid"},
		{"print(\"abc\",\n", "incomplete"},
		{"fn f() {\n  x y\n", "incomplete"}, // a block with an error is read to its end
		{"print(\"abc\")\n", "complete"},
	}
	for _, tt := range tests {
		if more, want := needsMore(tt.code), tt.status == "incomplete"; more != want {
			t.Errorf("REPL: needsMore(%q) = %v, want %v", tt.code, more, want)
		}
		content, _ := json.Marshal(map[string]any{"code": tt.code})
		m := &jupyter.Message{Header: jupyter.NewHeader("is_complete_request", "t"), Content: content}
		var status string
		record := func(m *jupyter.Message) error {
			var c struct{ Status string }
			if m.Header.MsgType == "is_complete_reply" && json.Unmarshal(m.Content, &c) == nil {
				status = c.Status
			}
			return nil
		}
		k.Handle(jupyter.NewRequest(m, "t", "shell", record, record))
		if status != tt.status {
			t.Errorf("kernel: is_complete(%q) = %q, want %q", tt.code, status, tt.status)
		}
	}
	// In the REPL the statement after the bad line runs.
	s, out := newTestSession(t, "")
	for i, line := range []string{"print(\"abc\n", "print(1)\n"} {
		s.addSource(line)
		s.exec(line, i+1)
	}
	s.out.Flush()
	if !strings.Contains(out.String(), "unterminated string\nprint(\"abc\n      ^\n1\n") {
		t.Errorf("the REPL did not run the line after the bad string: %q", out.String())
	}
}

// An unclosed [ or ( whose statement a later line cannot mend ends at the
// error: the lines after it run, as in Python's REPL.
func TestPipedUnclosedBracketEndsAtTheError(t *testing.T) {
	code, stdout, stderr := pipe("print(1)\nlet xs = [1, 2\nprint(2)\nprint(3)\n")
	if code != exitRuntime || stdout != "1\n3\n" {
		t.Errorf("exit %d, stdout %q, want the line after the error to run", code, stdout)
	}
	if !strings.HasPrefix(stderr, "<stdin>:3:1: expected \",\" or \"]\"") || strings.Count(stderr, "<stdin>:") != 1 {
		t.Errorf("want one error, at 3:1:\n%s", stderr)
	}
}
