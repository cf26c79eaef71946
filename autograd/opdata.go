package autograd

import "math"

// Data of each op from its operands' data, with the numeric errors; shared
// by the constructors and Forward.

func binErr(op Op, what string, x, y float64) *NumError {
	s := op.String()
	return &NumError{Op: s, Msg: what + " in " + s + ": " + FormatFloat(x) + " " + s + " " + FormatFloat(y)}
}

// notFinite2 is kept out of line so that the ops' data functions inline.
//
//go:noinline
func notFinite2(op Op, x, y float64) *NumError { return binErr(op, "result is not finite", x, y) }

// unaryFn names a unary op as a function in messages.
var unaryFn = [numOps]string{OpNeg: "neg", OpReLU: "relu", OpTanh: "tanh", OpExp: "exp", OpLog: "log",
	OpSigmoid: "sigmoid", OpSin: "sin", OpCos: "cos", OpStep: "step"}

func notFinite1(op Op, x float64) *NumError {
	f := unaryFn[op]
	return &NumError{Op: op.String(), Msg: "result is not finite in " + f + ": " + f + "(" + FormatFloat(x) + ")"}
}

func addData(x, y float64) (d float64, err *NumError) {
	if d = x + y; d-d != 0 { // not finite
		err = notFinite2(OpAdd, x, y)
	}
	return
}

func subData(x, y float64) (d float64, err *NumError) {
	if d = x - y; d-d != 0 { // not finite
		err = notFinite2(OpSub, x, y)
	}
	return
}

func mulData(x, y float64) (d float64, err *NumError) {
	if d = x * y; d-d != 0 { // not finite
		err = notFinite2(OpMul, x, y)
	}
	return
}

func divData(x, y float64) (float64, *NumError) {
	if y == 0 {
		return 0, binErr(OpDiv, "division by zero", x, y)
	}
	d := x / y
	if !finite(d) {
		return d, notFinite2(OpDiv, x, y)
	}
	return d, nil
}

// powData is x ** y for both power ops, with Python's errors for a
// negative base and a zero one.
func powData(x, y float64) (float64, *NumError) {
	switch {
	case x < 0 && y != math.Trunc(y) && finite(y):
		return 0, binErr(OpPow, "non-integral power of a negative number", x, y)
	case x == 0 && y < 0:
		return 0, binErr(OpPow, "zero to a negative power", x, y)
	}
	d := crPow(x, y)
	if !finite(d) {
		return d, notFinite2(OpPow, x, y)
	}
	return d, nil
}

func unaryData(op Op, x float64) (float64, *NumError) {
	var d float64
	switch op {
	case OpNeg:
		d = -x
	case OpReLU:
		d = reluData(x)
	case OpTanh:
		d = tanhData(x)
	case OpExp:
		d = crExp(x)
	case OpLog:
		if x <= 0 {
			return 0, &NumError{Op: "log", Msg: "log of a non-positive number: log(" + FormatFloat(x) + ")"}
		}
		d = crLog(x)
	case OpSigmoid:
		d = sigmoidData(x)
	case OpSin:
		d = crSin(x)
	case OpCos:
		d = crCos(x)
	case OpStep:
		if x > 0 {
			d = 1
		}
	}
	if !finite(d) {
		return d, notFinite1(op, x)
	}
	return d, nil
}

// recompute sets v.Data from its operands' current Data (Forward's step).
func recompute(v *Value) *NumError {
	var d float64
	var err *NumError
	switch v.op {
	case OpLeaf:
		return nil
	case OpAdd:
		d, err = addData(v.opA().Data, v.opB().Data)
	case OpSub:
		d, err = subData(v.opA().Data, v.opB().Data)
	case OpMul:
		d, err = mulData(v.opA().Data, v.opB().Data)
	case OpDiv:
		d, err = divData(v.opA().Data, v.opB().Data)
	case OpPow:
		d, err = powData(v.opA().Data, v.opB().Data)
	case OpPowConst:
		d, err = powData(v.opA().Data, v.opB().Data)
	default:
		d, err = unaryData(v.op, v.opA().Data)
	}
	if err != nil {
		return err
	}
	v.Data = d
	return nil
}
