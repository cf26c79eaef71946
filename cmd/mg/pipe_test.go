package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// pipe runs src as piped standard input and returns the exit status,
// stdout and stderr.
func pipe(src string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := run(nil, strings.NewReader(src), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// The example of LANGUAGE.md §8: the body of a function with a syntax
// error must not run at top level.
func TestPipedBlockWithSyntaxErrorRunsNoneOfItself(t *testing.T) {
	src := "let log = []\nfn step(x) {\n  retrun x\n  log.append(100)\n  print(\"body ran at top level\")\n}\nprint(len(log))\n"
	code, stdout, stderr := pipe(src)
	if code != exitRuntime {
		t.Errorf("exit %d, want %d", code, exitRuntime)
	}
	if stdout != "0\n" {
		t.Errorf("stdout %q, want %q: part of the broken block ran", stdout, "0\n")
	}
	if !strings.HasPrefix(stderr, "<stdin>:3:") || strings.Count(stderr, "<stdin>:") != 1 {
		t.Errorf("want one error, at line 3:\n%s", stderr)
	}
}

// `}` and `else {` on the next line are one if statement, as in a script.
func TestPipedElseOnTheNextLineContinuesTheIf(t *testing.T) {
	tests := []struct{ src, out string }{
		{"if 2.0 > 1.0 {\n  print(\"big\")\n}\nelse {\n  print(\"small\")\n}\n", "big\n"},
		{"if 2.0 < 1.0 {\n  print(\"big\")\n}\nelse {\n  print(\"small\")\n}\n", "small\n"},
		{"if false { print(1) }\n\n# why\nelse if true { print(2) }\nelse { print(3) }\nprint(4)\n", "2\n4\n"},
		{"if true { print(1) }\nprint(2)\n", "1\n2\n"},
		{"if true { print(1) }", "1\n"}, // the end of input, without a newline
	}
	for _, tt := range tests {
		code, stdout, stderr := pipe(tt.src)
		if code != 0 || stdout != tt.out {
			t.Errorf("%q: exit %d, stdout %q, want 0 and %q\n%s", tt.src, code, stdout, tt.out, stderr)
		}
	}
}

// An else after a broken if goes with it: one error, nothing runs.
func TestPipedElseAfterABrokenIfIsDroppedWithIt(t *testing.T) {
	code, stdout, stderr := pipe("if true { retrun x }\nelse {\n  print(\"else ran\")\n}\nprint(\"next\")\n")
	if code != exitRuntime || stdout != "next\n" {
		t.Errorf("exit %d, stdout %q, want 1 and %q", code, stdout, "next\n")
	}
	if strings.Count(stderr, "<stdin>:") != 1 || !strings.HasPrefix(stderr, "<stdin>:1:") {
		t.Errorf("want one error, at line 1:\n%s", stderr)
	}
}

// A statement that no else can follow runs before the next line is read,
// so that a program driving mg through a pipe sees its output at once.
func TestPipedStatementRunsBeforeTheNextLineIsRead(t *testing.T) {
	var out bytes.Buffer
	feed := &lineFeeder{out: &out, lines: []string{"print(1)\n", "fn f() { return 2 }\n", "print(f())\n"}}
	if code := run(nil, feed, &out, &out); code != 0 {
		t.Fatalf("exit %d: %s", code, out.String())
	}
	if len(feed.marks) < 3 || out.String()[:feed.marks[1]] != "1\n" || out.String()[feed.marks[2]:] != "2\n" {
		t.Errorf("output %q at reads %v: each statement's output must come before the next read", out.String(), feed.marks)
	}
}

// The README's recipe, (cat script; echo LINE) | mg, computes what
// `mg run` does: each example piped with a line added prints its golden
// output (made by mg run) and then that line's.
func TestPipedScriptComputesWhatRunDoes(t *testing.T) {
	t.Chdir("../..") // the examples read examples/data/...
	scripts, _ := filepath.Glob("examples/*.mg")
	if len(scripts) < 5 {
		t.Fatalf("%d examples, want at least 5", len(scripts))
	}
	for _, script := range scripts {
		src, err := os.ReadFile(script)
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(strings.TrimSuffix(script, ".mg") + ".out")
		if err != nil {
			t.Fatal(err)
		}
		code, stdout, stderr := pipe(string(src) + "print(\"end of input\")\n")
		if code != 0 || stdout != string(want)+"end of input\n" {
			t.Errorf("%s piped: exit %d, stdout differs from mg run's\n--- got\n%s--- want\n%send of input\n%s", script, code, stdout, want, stderr)
		}
	}
}

// A pasted Python block: its header gets the colon hint, and its indented
// body is dropped with it rather than run unconditionally at top level.
func TestPipedPythonBlockDropsItsIndentedBody(t *testing.T) {
	src := "let cnt = 0\nif 5.0 > 100:\n    cnt = cnt + 100\n\n    cnt = cnt + 1\nprint(cnt)\nfor i in range(3):\n  print(i)\nprint(\"end\")\n"
	code, stdout, stderr := pipe(src)
	if code != exitRuntime {
		t.Errorf("exit %d, want %d", code, exitRuntime)
	}
	if stdout != "0\nend\n" {
		t.Errorf("stdout %q, want %q: a Python block's body ran", stdout, "0\nend\n")
	}
	if strings.Count(stderr, "<stdin>:") != 2 || !strings.Contains(stderr, "<stdin>:2:13:") || !strings.Contains(stderr, "<stdin>:7:18:") ||
		!strings.Contains(stderr, "not a colon") {
		t.Errorf("want the colon hint once for each header, at 2:13 and 7:18:\n%s", stderr)
	}
}

// A command ending in a colon is not a Python block header: it runs at
// once, and the indented line after it runs too.
func TestPipedCommandEndingInAColonIsNoPythonHeader(t *testing.T) {
	_, stdout, stderr := pipe(":help backward:\n  print(\"next\")\n")
	if stdout != "next\n" || !strings.Contains(stderr, "no help for backward:") {
		t.Errorf("stdout %q, stderr %q: want the command's own error and the next line run", stdout, stderr)
	}
}
