package autograd

import "math"

// The op constructors compute the new node's Data (the same code Forward
// runs, in opdata.go) and return a *NumError instead of a node whose
// Data would not be finite.

// Add returns a + b.
func (ar *Arena) Add(a, b *Value) (*Value, error) {
	d, err := addData(a.Data, b.Data)
	if err != nil {
		return nil, err
	}
	return ar.node(OpAdd, d, a, b)
}

// Sub returns a - b, as one node.
func (ar *Arena) Sub(a, b *Value) (*Value, error) {
	d, err := subData(a.Data, b.Data)
	if err != nil {
		return nil, err
	}
	return ar.node(OpSub, d, a, b)
}

// Mul returns a * b.
func (ar *Arena) Mul(a, b *Value) (*Value, error) {
	d, err := mulData(a.Data, b.Data)
	if err != nil {
		return nil, err
	}
	return ar.node(OpMul, d, a, b)
}

// Div returns a / b, as one node computing the true quotient.
func (ar *Arena) Div(a, b *Value) (*Value, error) {
	d, err := divData(a.Data, b.Data)
	if err != nil {
		return nil, err
	}
	return ar.node(OpDiv, d, a, b)
}

// Pow returns a ** b for a Value exponent b.
func (ar *Arena) Pow(a, b *Value) (*Value, error) {
	d, err := powData(a.Data, b.Data)
	if err != nil {
		return nil, err
	}
	return ar.node(OpPow, d, a, b)
}

// PowConst returns a ** k for a constant exponent k written as a float:
// its op name is micrograd's f"**{k}" of a float, "**2.0".
func (ar *Arena) PowConst(a *Value, k float64) (*Value, error) {
	return ar.PowConstTyped(a, k, false)
}

// PowConstTyped returns a ** k for a constant exponent k; intExp says that
// k was written as an int, so that the op is named "**2", not "**2.0", as
// micrograd's f"**{other}" names it.
func (ar *Arena) PowConstTyped(a *Value, k float64, intExp bool) (*Value, error) {
	d, err := powData(a.Data, k)
	if err != nil {
		return nil, err
	}
	v, lerr := ar.node(OpPowConst, d, a, ar.exponent(k, intExp))
	if lerr != nil {
		return nil, lerr
	}
	v.flags = 0 // its constant is the exponent: Backward's common path knows it
	return v, nil
}

func (ar *Arena) unary(op Op, a *Value) (*Value, error) {
	d, err := unaryData(op, a.Data)
	if err != nil {
		return nil, err
	}
	return ar.node(op, d, a, nil)
}

// Neg returns -a.
func (ar *Arena) Neg(a *Value) (*Value, error) { return ar.unary(OpNeg, a) }

// ReLU returns max(0, a): a where a > 0, else 0.0 (never -0.0).
func (ar *Arena) ReLU(a *Value) (*Value, error) { return ar.unary(OpReLU, a) }

// Tanh returns tanh(a), computed as the lecture does:
// (exp(2a)-1)/(exp(2a)+1).
func (ar *Arena) Tanh(a *Value) (*Value, error) { return ar.unary(OpTanh, a) }

// Exp returns e ** a.
func (ar *Arena) Exp(a *Value) (*Value, error) { return ar.unary(OpExp, a) }

// Log returns the natural logarithm of a.
func (ar *Arena) Log(a *Value) (*Value, error) { return ar.unary(OpLog, a) }

// Sigmoid returns 1/(1+exp(-a)).
func (ar *Arena) Sigmoid(a *Value) (*Value, error) { return ar.unary(OpSigmoid, a) }

// Sin returns the sine of a (radians).
func (ar *Arena) Sin(a *Value) (*Value, error) { return ar.unary(OpSin, a) }

// Cos returns the cosine of a (radians).
func (ar *Arena) Cos(a *Value) (*Value, error) { return ar.unary(OpCos, a) }

// Step returns 1 where a > 0, else 0: relu's derivative, as a gradient
// graph holds it. Its own derivative is 0 everywhere (Backward adds +0.0
// to a, as it adds the derivative of 0**a with respect to a at a base of
// 0, which this node stands for).
func (ar *Arena) Step(a *Value) (*Value, error) { return ar.unary(OpStep, a) }

func finite(x float64) bool { return x-x == 0 }

// tanhData is the lecture's formula; beyond |x| > 20 exp(2x) would
// overflow (or tanh is ±1 to the last bit anyway), so it returns ±1.
func tanhData(x float64) float64 {
	if math.Abs(x) > 20 {
		return math.Tanh(x)
	}
	e := crExp(2 * x)
	return (e - 1) / (e + 1)
}

func sigmoidData(x float64) float64 { return 1 / (1 + crExp(-x)) }

func reluData(x float64) float64 {
	if x > 0 {
		return x
	}
	if x != x {
		return x // NaN stays NaN, to be reported
	}
	return 0
}
