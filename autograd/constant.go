package autograd

// Constants: a number written next to a Value stands for micrograd's fresh
// Value(c) at every evaluation. mg keeps one constant node (Arena.Const) for
// all uses of a place in the source, which costs no memory per use, and
// gives each use the gradient a fresh leaf would hold there: the op's local
// derivative with respect to it times the op's gradient. Backward never
// writes to a constant (its Grad stays 0), so no use can leak into another
// and no sum of uses can overflow.

// backpropConst is backprop's step for an op node with a constant operand:
// the same arithmetic as the common path for the other operand, nothing
// written to the constant. The constant's own contribution — what
// micrograd's fresh leaf would receive — is computed too, and one that is
// not finite is the op's error, as any gradient that is not finite is: a
// constant's box in dot would otherwise show inf with no word.
func backpropConst(v *Value, g float64) error {
	a, b := v.opA(), v.opB()
	ka := a.flags&flagConst == 0 // a receives a gradient
	kb := b != nil && b.flags&flagConst == 0
	var ca, cb float64
	switch v.op {
	case OpAdd:
		ca, cb = g, g
	case OpSub:
		ca, cb = g, -g
	case OpMul:
		ca, cb = float64(b.Data*g), float64(a.Data*g)
	case OpDiv:
		ca, cb = g/b.Data, float64(-g*a.Data)/float64(b.Data*b.Data)
	case OpPow:
		x, y := a.Data, b.Data
		if kb && x < 0 {
			return powGrad(v, g) // its error: the exponent's gradient is undefined
		}
		ca = float64(float64(y*crPow(x, y-1)) * g)
		if kb && x != 0 {
			cb = float64(float64(v.Data*crLog(x)) * g)
		}
	default:
		return nil // a unary op of a constant: nothing to receive
	}
	if !finite(ca) || !finite(cb) {
		return gradErr(v)
	}
	if ka {
		a.Grad += ca
	}
	if kb {
		b.Grad += cb
	}
	return nil
}

// ConstGrad returns the gradient that micrograd's fresh leaf would hold
// for the constant operand c of the op node v once Backward has set
// v.Grad: c's local derivative times v.Grad, added to a fresh 0 (so that
// -0.0 shows as 0.0, as Python's 0 + -0.0 does). It is what WriteDOT
// draws in a constant's box. It is 0 if c is not an operand of v.
func ConstGrad(v, c *Value) float64 {
	g := v.Grad
	var d float64
	switch {
	case v.op == OpPowConst || v.op.Arity() == 1:
		return 0 // constants only stand beside a Value in + - * / **
	case c == v.opA():
		b := v.opB()
		switch v.op {
		case OpAdd, OpSub:
			d = g
		case OpMul:
			d = float64(b.Data * g)
		case OpDiv:
			d = g / b.Data
		case OpPow:
			x, y := v.opA().Data, b.Data
			d = float64(float64(y*crPow(x, y-1)) * g)
		}
	case c == v.opB():
		a := v.opA()
		switch v.op {
		case OpAdd:
			d = g
		case OpSub:
			d = -g
		case OpMul:
			d = float64(a.Data * g)
		case OpDiv:
			d = float64(-g*a.Data) / float64(v.opB().Data*v.opB().Data)
		case OpPow:
			if a.Data != 0 {
				d = float64(float64(v.Data*crLog(a.Data)) * g)
			}
		}
	}
	var fresh float64
	fresh += d
	return fresh
}
