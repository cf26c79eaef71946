package stdlib

import (
	"errors"
	"io"
	"testing"

	"github.com/mglang/mg/autograd"
	"github.com/mglang/mg/eval"
)

// TestGradStopsOnInterrupt: grad polls the thread's cancellation as
// backward does (Ctrl-C in the REPL or in mg run), in the sort and in the
// sweep, and reports "interrupted" instead of finishing.
func TestGradStopsOnInterrupt(t *testing.T) {
	th := eval.NewThread(io.Discard)
	x := th.Arena.Leaf(0.5)
	v := x
	for i := 0; i < 400_000; i++ {
		v, _ = th.Arena.Sin(v)
	}
	th.Cancel("interrupted")
	for _, call := range []struct {
		name string
		fn   builtinFn
		args []eval.Object
	}{
		{"grad", gradBuiltin, []eval.Object{v, x}},
		{"hessian", hessianBuiltin, []eval.Object{v, eval.NewList([]eval.Object{x})}},
	} {
		_, err := call.fn(th, call.args, nil)
		var e *eval.Error
		if !errors.As(err, &e) || !e.Interrupted {
			t.Errorf("%s on a cancelled thread: %v, want interrupted", call.name, err)
		}
	}
	th.Reset()
	g, err := gradBuiltin(th, []eval.Object{v, x}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := autograd.Backward(v, nil); err != nil {
		t.Fatal(err)
	}
	if g.(*autograd.Value).Data != x.Grad {
		t.Errorf("after Reset: grad %v, backward %v", g.(*autograd.Value).Data, x.Grad)
	}
}
