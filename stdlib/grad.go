package stdlib

import (
	"fmt"
	"strings"

	"github.com/mglang/mg/autograd"
	"github.com/mglang/mg/eval"
)

type builtinFn = func(th *eval.Thread, args []eval.Object, kw []eval.Kwarg) (eval.Object, error)

func valueBuiltin(th *eval.Thread, args []eval.Object, kw []eval.Kwarg) (eval.Object, error) {
	var x eval.Object
	label := ""
	if err := eval.UnpackArgs("Value", args, kw, "x", &x, "label?", &label); err != nil {
		return nil, err
	}
	var d float64
	switch v := x.(type) {
	case *autograd.Value:
		d = v.Data
	default:
		f, ok := eval.Number(x)
		if !ok {
			return nil, fmt.Errorf("Value() takes a number, not %s", eval.Article(x.Type()))
		}
		d = f
	}
	leaf := th.Arena.Leaf(d)
	leaf.SetLabel(label)
	return leaf, nil
}

// root unpacks a single Value argument (plus named extras).
func root(fname string, args []eval.Object, kw []eval.Kwarg, extra ...any) (*autograd.Value, error) {
	var l *autograd.Value
	pairs := append([]any{"L", &l}, extra...)
	if err := eval.UnpackArgs(fname, args, kw, pairs...); err != nil {
		return nil, err
	}
	return l, nil
}

func backwardBuiltin(th *eval.Thread, args []eval.Object, kw []eval.Kwarg) (eval.Object, error) {
	l, err := root("backward", args, kw)
	if err != nil {
		return nil, err
	}
	err = autograd.Backward(l, th.Check)
	th.Arena.Seal() // the next step's graph starts in chunks of its own
	return eval.None, err
}

func forwardBuiltin(th *eval.Thread, args []eval.Object, kw []eval.Kwarg) (eval.Object, error) {
	l, err := root("forward", args, kw)
	if err != nil {
		return nil, err
	}
	return eval.None, autograd.Forward(l, th.Check)
}

func numgradBuiltin(th *eval.Thread, args []eval.Object, kw []eval.Kwarg) (eval.Object, error) {
	var x *autograd.Value
	h := 1e-6
	l, err := root("numgrad", args, kw, "x", &x, "h?", &h)
	if err != nil {
		return nil, err
	}
	if h <= 0 {
		return nil, fmt.Errorf("numgrad(): h must be positive, not %s", autograd.FormatFloat(h))
	}
	if !x.IsLeaf() {
		return nil, fmt.Errorf("numgrad(): x must be a leaf (a Value made from a number), not the result of %s", x.OpName())
	}
	g, err := autograd.NumGrad(l, x, h, th.Check)
	return eval.Float(g), err
}

func gradcheckBuiltin(th *eval.Thread, args []eval.Object, kw []eval.Kwarg) (eval.Object, error) {
	h := 1e-6
	l, err := root("gradcheck", args, kw, "h?", &h)
	if err != nil {
		return nil, err
	}
	bad, err := autograd.GradCheck(l, h, th.Check)
	if err != nil {
		return nil, err
	}
	if len(bad) == 0 {
		return eval.Bool(true), nil
	}
	var b strings.Builder
	if len(bad) == 1 {
		b.WriteString("gradcheck: 1 leaf disagrees with numgrad:\n")
	} else {
		fmt.Fprintf(&b, "gradcheck: %d leaves disagree with numgrad:\n", len(bad))
	}
	for _, m := range bad {
		name := m.Leaf.Label()
		if name == "" {
			name = "(unlabeled " + autograd.FormatFloat(m.Leaf.Data) + ")"
		}
		fmt.Fprintf(&b, "  %s: grad %s, numgrad %s\n", name, autograd.FormatFloat(m.Analytic), autograd.FormatFloat(m.Numeric))
	}
	fmt.Fprint(th.Out, b.String())
	return eval.Bool(false), nil
}

// Parameterized is a module with parameters (Neuron, Layer, MLP).
type Parameterized interface {
	Parameters() []*autograd.Value
}

func zeroGradBuiltin(th *eval.Thread, args []eval.Object, kw []eval.Kwarg) (eval.Object, error) {
	var x eval.Object
	if err := eval.UnpackArgs("zero_grad", args, kw, "x", &x); err != nil {
		return nil, err
	}
	return eval.None, zeroGrad(x, map[*eval.List]bool{})
}

func zeroGrad(x eval.Object, seen map[*eval.List]bool) error {
	switch v := x.(type) {
	case *autograd.Value:
		v.Grad = 0
	case Parameterized:
		for _, p := range v.Parameters() {
			p.Grad = 0
		}
	case *eval.List:
		if seen[v] {
			return nil
		}
		seen[v] = true
		for _, e := range v.Elems {
			if err := zeroGrad(e, seen); err != nil {
				return err
			}
		}
	default:
		return fmt.Errorf("zero_grad() takes a Value, a list of Values or a module, not %s", eval.Article(x.Type()))
	}
	return nil
}
