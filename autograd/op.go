package autograd

// Op is a node's operation code: how its Data was computed from its
// operands and how its gradient flows back to them.
type Op uint8

// The op codes. OpPowConst raises to a constant exponent (Value.Exponent),
// OpPow to a Value exponent (the second operand).
const (
	OpLeaf Op = iota
	OpAdd
	OpSub
	OpMul
	OpDiv
	OpNeg
	OpPowConst
	OpPow
	OpReLU
	OpTanh
	OpExp
	OpLog
	OpSigmoid
	OpSin
	OpCos
	OpStep // relu's derivative in a gradient graph: 1 where a > 0, else 0
	numOps
)

var opNames = [numOps]string{
	OpLeaf:     "",
	OpAdd:      "+",
	OpSub:      "-",
	OpMul:      "*",
	OpDiv:      "/",
	OpNeg:      "neg",
	OpPowConst: "**",
	OpPow:      "**",
	OpReLU:     "ReLU",
	OpTanh:     "tanh",
	OpExp:      "exp",
	OpLog:      "log",
	OpSigmoid:  "sigmoid",
	OpSin:      "sin",
	OpCos:      "cos",
	OpStep:     "step",
}

// String returns the op's name as DOT draws it: "" for a leaf, "+", "-",
// "*", "/", "neg", "**" (both power forms), "ReLU", "tanh", "exp", "log",
// "sigmoid", "sin", "cos", "step".
func (o Op) String() string {
	if o < numOps {
		return opNames[o]
	}
	return "op?"
}

// Arity is the number of Value operands an op takes (0 for a leaf).
func (o Op) Arity() int {
	switch o {
	case OpLeaf:
		return 0
	case OpAdd, OpSub, OpMul, OpDiv, OpPow:
		return 2
	}
	return 1
}
