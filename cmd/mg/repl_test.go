package main

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/mglang/mg/lang"
	"github.com/mglang/mg/stdlib"
)

// newTestSession is a session writing both streams to one buffer, with
// src run in it first.
func newTestSession(t *testing.T, src string) (*session, *bytes.Buffer) {
	t.Helper()
	var buf bytes.Buffer
	out := bufio.NewWriter(&buf)
	s := newSession(out, &buf, "<repl>")
	if src != "" {
		s.addSource(src)
		if !s.exec(src, 1) {
			t.Fatalf("setup failed:\n%s", buf.String())
		}
		out.Flush()
		buf.Reset()
	}
	return s, &buf
}

func TestFold(t *testing.T) {
	tests := []struct{ src, want string }{
		{"let xs = [1,\n2,\n3]", "let xs = [1, 2, 3]"},
		{"fn sq(x) {\n    return x * x  # square\n}", "fn sq(x) { return x * x }"},
		{"fn f(x) {\n  let y = x\n  return y\n}", "fn f(x) { let y = x; return y }"},
		{"if a > 1 {\n  print(\"#{\")\n}\nelse {\n  print(2)\n}", `if a > 1 { print("#{") } else { print(2) }`},
		{"1 +\n2", "1 + 2"},
		{"let L = sum(ws,\n\n   # a comment\n   b)", "let L = sum(ws, b)"},
		{"map(fn(x) {\n  let y = x\n  return y\n}, xs)", "map(fn(x) { let y = x; return y }, xs)"},
		{"for i in range(3) {\n  x.data -= 0.1;\n  print(i)\n}", "for i in range(3) { x.data -= 0.1; print(i) }"},
		{"while true {\n  break\n}", "while true { break }"},
	}
	for _, tc := range tests {
		got := foldLines(tc.src)
		if got != tc.want {
			t.Errorf("foldLines(%q) = %q, want %q", tc.src, got, tc.want)
			continue
		}
		// The folded line must mean what the lines meant.
		a, errA := lang.Parse("", tc.src)
		b, errB := lang.Parse("", got)
		if errA != nil || errB != nil {
			t.Errorf("foldLines(%q): parse errors %v / %v", tc.src, errA, errB)
			continue
		}
		if lang.Dump(a) != lang.Dump(b) {
			t.Errorf("foldLines(%q) changes the meaning:\n%s\n%s", tc.src, lang.Dump(a), lang.Dump(b))
		}
	}
	if got := historyEntry("  a * 3   # typed on one line\n"); got != "a * 3   # typed on one line" {
		t.Errorf("one line entry = %q", got)
	}
}

func TestComplete(t *testing.T) {
	s, _ := newTestSession(t, "seed(1)\nlet a = 2.0\nlet m = MLP(2, [2, 1])\nlet xs = [a, 1]\nlet _hidden = 1\nlet alpha = 1\n")
	c := &completer{sess: s}
	tests := []struct {
		before, word string
		want         []string // the candidates, or nil to skip checking them all
		has          []string // candidates that must be among them
	}{
		{before: "back", word: "back", want: []string{"backward"}},
		{before: "x = back", word: "back", want: []string{"backward"}},
		{before: "a.back", word: "back", want: []string{"backward"}},
		{before: "a.", has: []string{"data", "grad", "label", "op", "relu", "tanh", "exp", "log", "sigmoid", "backward", "zero_grad"}},
		{before: "m.", want: []string{"layers", "parameters", "zero_grad"}},
		{before: "m.layers[0].", want: []string{"neurons", "parameters", "zero_grad"}},
		{before: "m.layers[-1].neurons[0].", want: []string{"b", "nonlin", "parameters", "w", "zero_grad"}},
		{before: "xs[0].gr", word: "gr", want: []string{"grad", "gradcheck"}},
		{before: "xs.app", word: "app", want: []string{"append"}},
		{before: "(a*a).re", word: "re", has: []string{"relu"}},
		{before: "nosuch.da", word: "da", want: []string{"data"}},
		{before: "a.data.", want: []string{}},
		{before: `"abc".`, want: []string{}},
		{before: "le", word: "le", want: []string{"len", "let"}},
		{before: "al", word: "al", want: []string{"alpha"}},
		{before: "_h", word: "_h", want: []string{"_hidden"}},
		{before: "print(", has: []string{"a", "m", "xs", "print", "while"}},
		{before: "1.5", want: []string{}},
		{before: "a # back", want: []string{}},
		{before: "   ", want: []string{"    "}},
		{before: ":lo", word: ":lo", want: []string{":load"}},
		{before: "ta", word: "ta", want: []string{"table", "tanh"}},
		{before: "x = form", word: "form", want: []string{"format"}},
		{before: "draw", word: "draw", want: []string{"draw_dot"}},
		{before: "hess", word: "hess", want: []string{"hessian"}},
		{before: "print('a b', st", word: "st", want: []string{"str"}},
		{before: ":help para", word: "para", want: []string{"parameters"}},
		{before: ":tr", word: ":tr", want: []string{":trace"}},
		{before: ":trace a.gr", word: "gr", want: []string{"grad", "gradcheck"}},
		{before: ":", word: ":", want: []string{":dot", ":help", ":limits", ":load", ":quit", ":reset", ":trace", ":vars"}},
		{before: ":help rel", word: "rel", want: []string{"relu"}},
		{before: ":dot a.gr", word: "gr", want: []string{"grad", "gradcheck"}},
		{before: ":load testdata/repl/li", word: "li", want: []string{"lib.mg"}},
		{before: `dot(L, "testdata/re`, word: "re", want: []string{"repl/"}},
	}
	for _, tc := range tests {
		word, got := c.complete(tc.before, true)
		if word != tc.word {
			t.Errorf("complete(%q): word %q, want %q", tc.before, word, tc.word)
		}
		if tc.want != nil && !(len(got) == 0 && len(tc.want) == 0) && !reflect.DeepEqual(got, tc.want) {
			t.Errorf("complete(%q) = %q, want %q", tc.before, got, tc.want)
		}
		for _, h := range tc.has {
			if !contains(got, h) {
				t.Errorf("complete(%q) = %q, lacks %q", tc.before, got, h)
			}
		}
	}
	// In a continued statement a ':' is not a command.
	if _, got := c.complete(":lo", false); contains(got, ":load") {
		t.Errorf("':' completed as a command inside a statement: %q", got)
	}
	// readline gets the endings of the words and the length typed.
	cands, n := c.Do([]rune("x = a.back"), len("x = a.back"))
	if n != 4 || len(cands) != 1 || string(cands[0]) != "ward" {
		t.Errorf("Do = %q, %d; want [ward], 4", cands, n)
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func TestHelpListsEverything(t *testing.T) {
	s, buf := newTestSession(t, "")
	if !s.exec(":help\n", 1) {
		t.Fatal(":help failed")
	}
	s.out.Flush()
	text := buf.String()
	for _, n := range stdlib.Names(s.in.Library()) {
		if !strings.Contains(text, " "+n+" ") && !strings.Contains(text, " "+n+"\n") {
			t.Errorf(":help does not list the builtin %s", n)
		}
	}
	for _, c := range commandTable {
		if !strings.Contains(text, ":"+c.name) {
			t.Errorf(":help does not list :%s", c.name)
		}
	}
	if n := strings.Count(text, "\n"); n > 30 {
		t.Errorf(":help is %d lines, more than a screen", n)
	}
	for _, line := range strings.Split(text, "\n") {
		if len([]rune(line)) > 80 {
			t.Errorf(":help line longer than 80 columns: %q", line)
		}
	}
	buf.Reset()
	if !s.exec(":help builtins\n", 2) {
		t.Fatal(":help builtins failed")
	}
	s.out.Flush()
	if got := strings.Count(buf.String(), "\n"); got != len(stdlib.Names(s.in.Library())) {
		t.Errorf(":help builtins gave %d lines, want one per builtin", got)
	}
}

// TestDotCommand checks that :dot shows what the dot builtin gives, and
// writes the same file.
func TestDotCommand(t *testing.T) {
	s, buf := newTestSession(t, "let a = 4.0\nlet b = -3.0\nlet L = a*b + 1\nL.backward()\n")
	run := func(line string) string {
		t.Helper()
		buf.Reset()
		s.addSource(line)
		if !s.exec(line, s.lines) {
			t.Fatalf("%q failed:\n%s", line, buf.String())
		}
		s.out.Flush()
		return buf.String()
	}
	want := run("print(dot(L))\n")
	if !strings.Contains(want, "digraph") {
		t.Fatalf("dot(L) gave no graph:\n%s", want)
	}
	if got := run(":dot L\n"); strings.TrimRight(got, "\n") != strings.TrimRight(want, "\n") {
		t.Errorf(":dot L =\n%s\nwant\n%s", got, want)
	}
	if got := run(":dot a * b + 1\n"); !strings.Contains(got, "digraph") {
		t.Errorf(":dot a * b + 1 gave\n%s", got)
	}
	dir := t.TempDir()
	f1, f2 := filepath.Join(dir, "a.dot"), filepath.Join(dir, "b.dot")
	if got := run(":dot L " + f1 + "\n"); got != "wrote "+f1+"\n" {
		t.Errorf(":dot L FILE printed %q", got)
	}
	run(`dot(L, "` + f2 + `")` + "\n")
	d1, err1 := os.ReadFile(f1)
	d2, err2 := os.ReadFile(f2)
	if err1 != nil || err2 != nil || !bytes.Equal(d1, d2) {
		t.Errorf(":dot L FILE wrote %q (%v), dot(L, FILE) wrote %q (%v)", d1, err1, d2, err2)
	}
}

func TestHistoryFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hist")
	h := loadHistory(path)
	for _, e := range []string{"let a = 2.0", "a", "a", "", "fn f(x) { return x }"} {
		h.add(e)
	}
	data, _ := os.ReadFile(path)
	if want := "let a = 2.0\na\nfn f(x) { return x }\n"; string(data) != want {
		t.Errorf("history file %q, want %q", data, want)
	}
	if got := loadHistory(path).entries; !reflect.DeepEqual(got, h.entries) {
		t.Errorf("reloaded %q, want %q", got, h.entries)
	}
	var long []string
	for i := 0; i < historyMax+10; i++ {
		long = append(long, "x"+strings.Repeat("y", i%7))
	}
	os.WriteFile(path, []byte(strings.Join(long, "\n")+"\n"), 0o600)
	if got := loadHistory(path).entries; len(got) != historyMax || got[0] != long[10] {
		t.Errorf("a long history kept %d entries", len(got))
	}
	if got := loadHistory(path).entries; len(got) != historyMax {
		t.Errorf("the trimmed file has %d entries", len(got))
	}
	t.Setenv("MG_HISTORY", "")
	t.Setenv("HOME", "/home/learner")
	if got := historyPath(); got != "/home/learner/.mg_history" {
		t.Errorf("historyPath = %q", got)
	}
	t.Setenv("MG_HISTORY", "/tmp/h")
	if got := historyPath(); got != "/tmp/h" {
		t.Errorf("historyPath with MG_HISTORY = %q", got)
	}
}

// TestInterruptKeepsBindings cancels an endless loop as the REPL's signal
// handler does, and checks that the session goes on with its names.
func TestInterruptKeepsBindings(t *testing.T) {
	s, buf := newTestSession(t, "let a = 2.0\nlet n = 0\n")
	const src = "n = 1; while true { n += 1 }; n = -1\n"
	s.addSource(src)
	done := make(chan bool)
	go func() { done <- s.exec(src, 3) }()
	var ok bool
	var gen uint64
	for waiting := true; waiting; {
		select {
		case ok = <-done:
			waiting = false
		case <-time.After(20 * time.Millisecond):
			if g := s.interrupt(0); g != 0 {
				gen = g
			}
		}
	}
	// A cancellation repeated late, for the chunk that has ended, must
	// not reach the next one.
	if g := s.interrupt(gen); g != 0 {
		t.Errorf("interrupt(%d) after the chunk ended = %d, want 0", gen, g)
	}
	s.out.Flush()
	if ok || !strings.Contains(buf.String(), "<repl>:3:8: interrupted") {
		t.Errorf("exec = %v, output:\n%s", ok, buf.String())
	}
	buf.Reset()
	s.addSource("a\nn > 1\n")
	s.exec("a\nn > 1\n", 4)
	s.out.Flush()
	if got := buf.String(); got != "Value(data=2.0, grad=0.0)\ntrue\n" {
		t.Errorf("after the interrupt: %q", got)
	}
}
