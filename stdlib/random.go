package stdlib

import (
	"time"

	"github.com/mglang/mg/eval"
	"github.com/mglang/mg/stdlib/pyrand"
)

// rng is the thread's generator; unseeded, it starts from the clock, as
// Python's does from the system's entropy.
func rng(th *eval.Thread) *pyrand.Rand {
	if r, ok := th.Local("random").(*pyrand.Rand); ok {
		return r
	}
	r := pyrand.New(time.Now().UnixNano())
	th.SetLocal("random", r)
	return r
}

func seedBuiltin(th *eval.Thread, args []eval.Object, kw []eval.Kwarg) (eval.Object, error) {
	var n int64
	if err := eval.UnpackArgs("seed", args, kw, "n", &n); err != nil {
		return nil, err
	}
	rng(th).Seed(n)
	return eval.None, nil
}

func randomBuiltin(th *eval.Thread, args []eval.Object, kw []eval.Kwarg) (eval.Object, error) {
	if err := eval.UnpackArgs("random", args, kw); err != nil {
		return nil, err
	}
	return eval.Float(rng(th).Random()), nil
}

func uniformBuiltin(th *eval.Thread, args []eval.Object, kw []eval.Kwarg) (eval.Object, error) {
	var a, b float64
	if err := eval.UnpackArgs("uniform", args, kw, "a", &a, "b", &b); err != nil {
		return nil, err
	}
	return eval.Float(rng(th).Uniform(a, b)), nil
}

func gaussBuiltin(th *eval.Thread, args []eval.Object, kw []eval.Kwarg) (eval.Object, error) {
	mu, sigma := 0.0, 1.0
	if err := eval.UnpackArgs("gauss", args, kw, "mu?", &mu, "sigma?", &sigma); err != nil {
		return nil, err
	}
	return eval.Float(rng(th).Gauss(mu, sigma)), nil
}
