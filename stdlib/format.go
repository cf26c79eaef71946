package stdlib

import "github.com/mglang/mg/eval"

func formatBuiltin(th *eval.Thread, args []eval.Object, kw []eval.Kwarg) (eval.Object, error) {
	var x eval.Object
	spec := ""
	if err := eval.UnpackArgs("format", args, kw, "x", &x, "spec?", &spec); err != nil {
		return nil, err
	}
	s, err := eval.Format(x, spec)
	if err != nil {
		return nil, err
	}
	return eval.String(s), nil
}
