package stdlib

import (
	"fmt"
	"math"

	"github.com/mglang/mg/autograd"
	"github.com/mglang/mg/eval"
)

// mathFunc is an elementwise function: a graph op on a Value, plain math
// on a number.
type mathFunc struct {
	name, doc string
	op        func(ar *autograd.Arena, x *autograd.Value) (*autograd.Value, error)
	num       func(x float64) (float64, error)
}

func (f mathFunc) builtin() func(th *eval.Thread, args []eval.Object, kw []eval.Kwarg) (eval.Object, error) {
	return func(th *eval.Thread, args []eval.Object, kw []eval.Kwarg) (eval.Object, error) {
		var x eval.Object
		if err := eval.UnpackArgs(f.name, args, kw, "x", &x); err != nil {
			return nil, err
		}
		if v, ok := x.(*autograd.Value); ok {
			return f.op(th.Arena, v)
		}
		n, ok := eval.Number(x)
		if !ok {
			return nil, fmt.Errorf("%s() takes a number or a Value, not %s", f.name, eval.Article(x.Type()))
		}
		r, err := f.num(n)
		if err != nil {
			return nil, err
		}
		if math.IsNaN(r) || math.IsInf(r, 0) {
			return nil, fmt.Errorf("result is not finite in %s: %s(%s)", f.name, f.name, autograd.FormatFloat(n))
		}
		return eval.Float(r), nil
	}
}

// The number forms go through a throwaway leaf so that numbers and Values
// give the same digits and the same errors.
func viaLeaf(op func(ar *autograd.Arena, x *autograd.Value) (*autograd.Value, error)) func(float64) (float64, error) {
	return func(x float64) (float64, error) {
		v, err := op(nil, (*autograd.Arena)(nil).Leaf(x))
		if err != nil {
			return 0, err
		}
		return v.Data, nil
	}
}

var mathFuncs = []mathFunc{
	{name: "relu", doc: "relu(x): max(0, x); on a Value a ReLU node", op: (*autograd.Arena).ReLU},
	{name: "tanh", doc: "tanh(x): hyperbolic tangent", op: (*autograd.Arena).Tanh},
	{name: "sigmoid", doc: "sigmoid(x): 1/(1+exp(-x))", op: (*autograd.Arena).Sigmoid},
	{name: "exp", doc: "exp(x): e to the x", op: (*autograd.Arena).Exp},
	{name: "log", doc: "log(x): natural logarithm", op: (*autograd.Arena).Log},
	{name: "sqrt", doc: "sqrt(x): x**0.5", op: sqrtOp},
	{name: "sin", doc: "sin(x): sine", op: (*autograd.Arena).Sin},
	{name: "cos", doc: "cos(x): cosine", op: (*autograd.Arena).Cos},
}

func init() {
	for i := range mathFuncs {
		mathFuncs[i].num = viaLeaf(mathFuncs[i].op)
	}
}

func sqrtOp(ar *autograd.Arena, x *autograd.Value) (*autograd.Value, error) {
	if x.Data < 0 {
		return nil, fmt.Errorf("square root of a negative number: sqrt(%s)", autograd.FormatFloat(x.Data))
	}
	return ar.PowConst(x, 0.5)
}
