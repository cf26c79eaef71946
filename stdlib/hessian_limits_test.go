package stdlib

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/mglang/mg/autograd"
	"github.com/mglang/mg/eval"
)

// wideSum is sum(tanh(w*w)) over n leaves: many variables, each with a
// gradient graph far shorter than the stretch after which a sweep polls.
func wideSum(th *eval.Thread, n int) (*autograd.Value, []eval.Object) {
	ws := make([]eval.Object, n)
	var l *autograd.Value
	for i := range ws {
		w := th.Arena.Leaf(0.001 * float64(i))
		ws[i] = w
		sq, _ := th.Arena.Mul(w, w)
		t, _ := th.Arena.Tanh(sq)
		if l == nil {
			l = t
		} else {
			l, _ = th.Arena.Add(l, t)
		}
	}
	return l, ws
}

// hessian and second-order gradcheck run one short sweep per variable (or
// pair): each polls the thread itself, so that Ctrl-C, --timeout and
// --max-memory stop them as they stop backward.
func TestHessianAndGradcheckPollTheThread(t *testing.T) {
	th := eval.NewThread(io.Discard)
	l, ws := wideSum(th, 50)
	if err := autograd.Backward(l, nil); err != nil {
		t.Fatal(err)
	}
	th.Cancel("interrupted")
	calls := []struct {
		name string
		fn   builtinFn
		kw   []eval.Kwarg
	}{
		{"hessian", hessianBuiltin, nil},
		{"gradcheck", gradcheckBuiltin, []eval.Kwarg{{Name: "order", Value: eval.Int(2)}}},
	}
	for _, c := range calls {
		args := []eval.Object{l, eval.NewList(ws)}
		if c.kw != nil {
			args = args[:1]
		}
		_, err := c.fn(th, args, c.kw)
		var e *eval.Error
		if !errors.As(err, &e) || !e.Interrupted {
			t.Errorf("%s on a cancelled thread: %v, want interrupted", c.name, err)
		}
	}
	th.Reset()
	h, err := hessianBuiltin(th, []eval.Object{l, eval.NewList(ws)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(h.(*eval.List).Elems); n != 50 {
		t.Errorf("after Reset: %d rows, want 50", n)
	}
}

// The matrix counts against the length rule as one list: 2049 variables
// make 4,198,401 numbers, over 4,194,304; the error comes before any work.
func TestHessianMatrixRespectsTheLengthRule(t *testing.T) {
	th := eval.NewThread(io.Discard)
	l, ws := wideSum(th, 2049)
	_, err := hessianBuiltin(th, []eval.Object{l, eval.NewList(ws)}, nil)
	if err == nil || !strings.Contains(err.Error(), "2049 x 2049 matrix of 4198401 numbers, more than the 4194304 items") {
		t.Errorf("hessian of 2049 variables: %v", err)
	}
	if err := autograd.Backward(l, nil); err != nil {
		t.Fatal(err)
	}
	o := gradcheckOpts{}
	for _, w := range ws {
		o.leaves = append(o.leaves, w.(*autograd.Value))
	}
	if err := o.secondOrder(th, l); err == nil || !strings.Contains(err.Error(), "4198401 second derivatives, more than the 4194304 items") {
		t.Errorf("second-order gradcheck of 2049 leaves: %v", err)
	}
}
