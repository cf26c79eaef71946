package stdlib_test

import (
	"bufio"
	"os"
	"strings"
	"testing"

	"github.com/mglang/mg/eval"
	"github.com/mglang/mg/lang"
	"github.com/mglang/mg/stdlib"
)

// run runs src and returns what it printed and the error that stopped it.
func run(t *testing.T, src string) (string, error) {
	t.Helper()
	file, err := lang.Parse("t.mg", src)
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, src)
	}
	var out strings.Builder
	in := eval.New(stdlib.Library(), &out)
	prog, err := in.Compile(file.Stmts, nil)
	if err != nil {
		t.Fatalf("compile: %v\n%s", err, src)
	}
	err = prog.Run()
	return out.String(), err
}

// TestNumbersAsCPython runs every expression of testdata/cpython_numbers.txt
// (ints beyond 2**53, exact int/float comparison and division, round, abs,
// int(), float(), **) and checks that mg prints what CPython printed, or
// stops with an error where CPython raised one.
func TestNumbersAsCPython(t *testing.T) {
	f, err := os.Open("testdata/cpython_numbers.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var exprs, wants, errs []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		e, want, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("bad line %q", line)
		}
		if want == "ERROR" {
			errs = append(errs, e)
		} else {
			exprs, wants = append(exprs, e), append(wants, want)
		}
	}
	if len(exprs) < 900 || len(errs) < 30 {
		t.Fatalf("only %d cases and %d error cases in cpython_numbers.txt", len(exprs), len(errs))
	}
	var src strings.Builder
	for _, e := range exprs {
		src.WriteString("print(" + e + ")\n")
	}
	out, err := run(t, src.String())
	if err != nil {
		t.Fatalf("%v", err)
	}
	got := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(got) != len(exprs) {
		t.Fatalf("%d lines printed, want %d:\n%.300s", len(got), len(exprs), out)
	}
	bad := 0
	for i := range exprs {
		if got[i] != wants[i] {
			if bad++; bad <= 20 {
				t.Errorf("%s: mg %s, CPython %s", exprs[i], got[i], wants[i])
			}
		}
	}
	for _, e := range errs {
		if out, err := run(t, "print("+e+")\n"); err == nil {
			t.Errorf("%s: mg printed %q, CPython raised an error", e, strings.TrimSpace(out))
		}
	}
	t.Logf("%d expressions as CPython prints them, %d errors as CPython raises them", len(exprs)-bad, len(errs))
}
