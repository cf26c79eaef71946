package stdlib

import (
	"fmt"

	"github.com/mglang/mg/autograd"
	"github.com/mglang/mg/eval"
)

// withTrace lets backward take trace=: true writes each chain-rule step
// (up to autograd.TraceLimit of them), an int N writes the first N; false
// or absent runs the plain backward.
func withTrace(plain func(*eval.Thread, []eval.Object, []eval.Kwarg) (eval.Object, error)) func(*eval.Thread, []eval.Object, []eval.Kwarg) (eval.Object, error) {
	return func(th *eval.Thread, args []eval.Object, kw []eval.Kwarg) (eval.Object, error) {
		var trace eval.Object
		rest := kw[:0:0]
		for _, k := range kw {
			if k.Name == "trace" {
				trace = k.Value
				continue
			}
			rest = append(rest, k)
		}
		limit, err := traceLimit(trace)
		if err != nil || limit == 0 {
			if err != nil {
				return nil, err
			}
			return plain(th, args, rest)
		}
		l, err := root("backward", args, rest)
		if err != nil {
			return nil, err
		}
		err = autograd.BackwardTrace(l, limit, th.Out, th.Check)
		th.Arena.Seal()
		return eval.None, err
	}
}

// traceLimit reads trace=: 0 for no trace, -1 for the default cap.
func traceLimit(o eval.Object) (int, error) {
	switch x := o.(type) {
	case nil:
		return 0, nil
	case eval.Bool:
		if x {
			return -1, nil
		}
		return 0, nil
	case eval.Int:
		if x < 0 {
			return 0, fmt.Errorf("backward(): trace must be true, false or a number of steps, not %d", x)
		}
		return int(x), nil
	}
	return 0, fmt.Errorf("backward(): trace must be true, false or a number of steps, not %s", o.Type())
}
