package stdlib

import (
	"fmt"

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

// gradBuiltin is grad(L, x) / grad(L, [x, y, ...]): the derivative as a
// Value whose graph computes it (autograd.Grad), or a list of them;
// prune=true leaves out what is below relus that are off (GradPruned).
func gradBuiltin(th *eval.Thread, args []eval.Object, kw []eval.Kwarg) (eval.Object, error) {
	var wrt eval.Object
	prune := false
	l, err := root("grad", args, kw, "x", &wrt, "prune?", &prune)
	if err != nil {
		return nil, err
	}
	xs, err := valuesOf("grad", "x", wrt)
	if err != nil {
		return nil, err
	}
	build := autograd.Grad
	if prune {
		build = autograd.GradPruned
	}
	gs, err := build(th.Arena, l, xs, th.Check)
	if err != nil {
		return nil, err
	}
	if _, one := wrt.(*autograd.Value); one {
		return gs[0], nil
	}
	out := make([]eval.Object, len(gs))
	for i, g := range gs {
		out[i] = g
	}
	return eval.NewList(out), nil
}

// hessianBuiltin is hessian(L, xs): the second derivatives as a list of
// lists of floats (autograd.Hessian: upper triangle computed, lower
// filled by symmetry).
func hessianBuiltin(th *eval.Thread, args []eval.Object, kw []eval.Kwarg) (eval.Object, error) {
	var wrt eval.Object
	l, err := root("hessian", args, kw, "xs", &wrt)
	if err != nil {
		return nil, err
	}
	xs, err := valuesOf("hessian", "xs", wrt)
	if err != nil {
		return nil, err
	}
	// The matrix is one result: its n*n floats count against the length
	// rule as one list would, before any of it is made.
	if n := int64(len(xs)); n > eval.MaxLen/max(n, 1) {
		return nil, fmt.Errorf("hessian: %d variables make a %d x %d matrix of %d numbers, more than the %d items one operation may make", n, n, n, n*n, int64(eval.MaxLen))
	}
	h, err := autograd.Hessian(th.Arena, l, xs, th.Check)
	if err != nil {
		return nil, err
	}
	rows := make([]eval.Object, len(h))
	for i, r := range h {
		row := make([]eval.Object, len(r))
		for j, x := range r {
			row[j] = eval.Float(x)
		}
		rows[i] = eval.NewList(row)
	}
	return eval.NewList(rows), nil
}

// valuesOf reads the variables of grad, hessian and gradcheck: a Value, a
// module (its parameters) or a list of Values.
func valuesOf(fname, pname string, x eval.Object) ([]*autograd.Value, error) {
	switch v := x.(type) {
	case *autograd.Value:
		return []*autograd.Value{v}, nil
	case Parameterized:
		return v.Parameters(), nil
	case *eval.List:
		out := make([]*autograd.Value, len(v.Elems))
		for i, e := range v.Elems {
			ev, ok := e.(*autograd.Value)
			if !ok {
				return nil, fmt.Errorf("%s(): %s must be Values, but item %d is %s", fname, pname, i, eval.Article(e.Type()))
			}
			out[i] = ev
		}
		return out, nil
	}
	return nil, fmt.Errorf("%s(): %s must be a Value, a list of Values or a module, not %s", fname, pname, eval.Article(x.Type()))
}
