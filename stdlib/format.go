package stdlib

import (
	"fmt"

	"github.com/mglang/mg/autograd"
	"github.com/mglang/mg/eval"
)

func formatBuiltin(th *eval.Thread, args []eval.Object, kw []eval.Kwarg) (eval.Object, error) {
	var x eval.Object
	spec := ""
	if err := eval.UnpackArgs("format", args, kw, "x", &x, "spec?", &spec); err != nil {
		return nil, err
	}
	if spec == "" {
		// The length rule's error names format() itself.
		s, err := eval.StrFits(x, "format()")
		return eval.String(s), err
	}
	s, err := eval.Format(x, spec)
	if err != nil {
		return nil, fmt.Errorf("format(): %v", err)
	}
	return eval.String(s), nil
}

// numberArg gives a builtin that takes numbers a precise error for a
// Value, whose number is its data: round(L, 2) is round(L.data, 2).
func numberArg(name string, fn func(*eval.Thread, []eval.Object, []eval.Kwarg) (eval.Object, error)) func(*eval.Thread, []eval.Object, []eval.Kwarg) (eval.Object, error) {
	return func(th *eval.Thread, args []eval.Object, kw []eval.Kwarg) (eval.Object, error) {
		if len(args) > 0 {
			if _, ok := args[0].(*autograd.Value); ok {
				return nil, fmt.Errorf("%s() takes a number, not a Value: use its data, as %s(x.data)", name, name)
			}
		}
		return fn(th, args, kw)
	}
}
