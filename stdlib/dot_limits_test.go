package stdlib

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/mglang/mg/eval"
	"github.com/mglang/mg/stdlib/graphviz"
)

// Drawing a file stops with the program: once the thread is cancelled (a
// time limit, Ctrl-C, a kernel's interrupt) dot() returns that very
// error, with the dot program killed or the built-in renderer no longer
// waited for, and writes nothing.
func TestDotDrawingStopsWithTheProgram(t *testing.T) {
	th := eval.NewThread(io.Discard)
	a := th.Arena.Leaf(2)
	l, err := th.Arena.Mul(a, a)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "g.svg")
	const why = "time limit exceeded: the program ran longer than 1s (--timeout)"
	th.Cancel(why)
	_, err = dotBuiltin(th, []eval.Object{l, eval.String(path)}, nil)
	var e *eval.Error
	if !errors.As(err, &e) || e.Msg != why {
		t.Errorf("dot() on a cancelled thread: %v, want %q", err, why)
	}
	if _, err := os.Stat(path); err == nil {
		t.Errorf("%s was written", path)
	}
	th.Reset()
	if _, err := dotBuiltin(th, []eval.Object{l, eval.String(path)}, nil); err != nil {
		t.Fatalf("dot() after Reset: %v", err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Errorf("after Reset: %v", err)
	}
}

// The graphviz package's errors start "dot: " (mg dot prints them); in a
// program they read "dot(): " as dot()'s other errors do, and still
// match what they matched.
func TestDotErrorsArePrefixedAsTheBuiltin(t *testing.T) {
	wrapped := errors.Join(errors.New("dot: Graphviz took longer than 1m0s"), graphviz.ErrNotInstalled)
	err := builtinError(wrapped)
	if got := err.Error(); got[:7] != "dot(): " {
		t.Errorf("builtinError: %q, want it to start with dot(): ", got)
	}
	if !errors.Is(err, graphviz.ErrNotInstalled) {
		t.Errorf("builtinError lost the error it wraps")
	}
	stop := &eval.Error{Msg: "interrupted", Interrupted: true}
	if builtinError(stop) != stop {
		t.Errorf("builtinError changed the program's own stop")
	}
}
