package main

import (
	"strings"
	"testing"
)

// The lecture's `draw_dot(L)` line, typed at the prompt or piped, shows the
// DOT text itself, as print(dot(L)) prints it and as a notebook's
// text/plain holds it, not the string's repr with its escapes.
func TestPipedDrawDotShowsTheDOTText(t *testing.T) {
	const graph = "let a = Value(2.0, label='a')\nlet b = Value(-3.0, label='b')\nlet L = a * b\n"
	_, printed, stderr := pipe(graph + "print(dot(L))\n")
	if !strings.HasPrefix(printed, "digraph") || stderr != "" {
		t.Fatalf("print(dot(L)) gave %q\n%s", printed, stderr)
	}
	for _, line := range []string{"draw_dot(L)", "dot(L)", "let s = dot(L)\ns"} {
		code, stdout, stderr := pipe(graph + line + "\n")
		if code != 0 || stdout != printed {
			t.Errorf("%q: exit %d, stdout\n%s\nwant what print(dot(L)) prints:\n%s%s", line, code, stdout, printed, stderr)
		}
	}
}

// dot's result is still a string everywhere a string is used: only the
// REPL's echo of it differs from a repr.
func TestDotResultStaysAString(t *testing.T) {
	const graph = "let a = Value(2.0, label='a')\nlet L = a * 3.0\nlet s = dot(L)\n"
	code, stdout, stderr := pipe(graph + "print(type(s), len(s) > 20, s == dot(L), (s + \"!\")[-1], f\"{s!r}\"[0] != \"d\")\n[s][0] == s\n\"a\\nb\"\n")
	want := "string true true ! true\ntrue\n\"a\\nb\"\n"
	if code != 0 || stdout != want {
		t.Errorf("exit %d, stdout %q, want %q\n%s", code, stdout, want, stderr)
	}
}

// The REPL prints through the same path as piped input.
func TestREPLShowsDotAsText(t *testing.T) {
	s, buf := newTestSession(t, "let a = Value(2.0, label='a')\nlet L = a * 3.0\n")
	src := "draw_dot(L)\n"
	s.addSource(src)
	s.exec(src, 3)
	s.out.Flush()
	got := buf.String()
	if !strings.HasPrefix(got, "digraph G {\n") || strings.Contains(got, `\"`) || strings.Contains(got, `\n`) {
		t.Errorf("the REPL showed\n%s", got)
	}
}
