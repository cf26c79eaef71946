package autograd

import (
	"math"
	"strconv"
	"unsafe"
)

// Value is one node of a computation graph: a scalar with the gradient of
// some root with respect to it. Leaves are made by Arena.Leaf, every other
// node by an op constructor (Arena.Add, Arena.Tanh, ...), which records the
// operands so that Backward can apply the chain rule.
//
// Data and Grad may be read and written freely (an optimiser step writes
// Data of the leaves; Forward recomputes the rest). A Value is 40 bytes
// and holds no pointer: fewer bytes per node is what makes building and
// differentiating a graph fast (fresh memory to touch), so the rarer
// things live elsewhere: a label in a small table (label.go), the exponent
// of OpPowConst in a constant operand; and the collector never reads a
// node (see Arena for what keeps operands alive).
type Value struct {
	// Data is the node's value.
	Data float64
	// Grad is d(root)/d(this node), accumulated by Backward.
	Grad float64

	// The operands' addresses (0 where absent); b of OpPowConst is its
	// exponent, a constant. They are not pointers, so that the collector
	// never scans a chunk of nodes: an Arena keeps the operands alive
	// another way (see gen in arena.go). opA and opB read them. A leaf,
	// which has no operands, holds in a instead the id of the last
	// generation that keeps it (Arena.keepOperand).
	a, b   uintptr
	op     Op
	flags  uint8
	label  uint8  // the node's label: an index in the label table, 0 for none
	markHi uint8  // with mark: the 40-bit traversal epoch that last visited the node
	mark   uint32 //
}

// Bits of Value.flags.
const (
	flagParam    uint8 = 1 << iota // a module parameter (DOT fills it)
	flagConst                      // a number written next to a Value (see IsConst)
	flagIntExp                     // a constant exponent written as an int (OpPowConst's b)
	flagConstArg                   // an op node with a constant operand (not OpPowConst)
)

// opA returns an op node's first operand. Not for a leaf, whose a holds a
// generation's id: operands is for any node.
func (v *Value) opA() *Value { return *(**Value)(unsafe.Pointer(&v.a)) }

// opB returns an op node's second operand, nil if it has none. Not for a
// leaf.
func (v *Value) opB() *Value { return *(**Value)(unsafe.Pointer(&v.b)) }

// operands returns the node's operands (nil, nil for a leaf).
func (v *Value) operands() (a, b *Value) {
	if v.op == OpLeaf {
		return nil, nil
	}
	return v.opA(), v.opB()
}

// Op returns the node's operation (OpLeaf for a leaf).
func (v *Value) Op() Op { return v.op }

// IsLeaf reports whether the node has no operands.
func (v *Value) IsLeaf() bool { return v.op == OpLeaf }

// Operands returns the node's operands, nil where absent: none for a
// leaf, a alone for a unary op (and for OpPowConst), a and b for a binary op.
func (v *Value) Operands() (a, b *Value) {
	if v.op == OpPowConst {
		return v.opA(), nil
	}
	return v.operands()
}

// Exponent returns the constant exponent of an OpPowConst node (0 otherwise).
func (v *Value) Exponent() float64 {
	if v.op == OpPowConst {
		return v.opB().Data
	}
	return 0
}

// OpName returns the op's name as DOT draws it; for a constant power it is
// micrograd's f"**{k}", which keeps the exponent's form: "**2" for the int
// 2, "**2.0" for the float 2.0, "**-0.0", "**0.5".
func (v *Value) OpName() string {
	if v.op == OpPowConst {
		return "**" + v.exponentText()
	}
	return v.op.String()
}

// exponentText writes an OpPowConst node's exponent as Python's str would:
// an int's digits, or a float's repr.
func (v *Value) exponentText() string {
	k := v.Exponent()
	if v.opB().flags&flagIntExp != 0 && k == math.Trunc(k) {
		if k == 0 {
			return "0" // an int has no -0
		}
		return strconv.FormatFloat(k, 'f', -1, 64)
	}
	return FormatFloat(k)
}

// String returns the node as micrograd prints it: Value(data=..., grad=...)
// with Python's repr of both floats.
func (v *Value) String() string {
	return "Value(data=" + FormatFloat(v.Data) + ", grad=" + FormatFloat(v.Grad) + ")"
}

// Type returns "Value", the kind's name in the language.
func (v *Value) Type() string { return "Value" }

// IsConst reports whether the node is a constant: a number written next to
// a Value in arithmetic (Arena.Const). It stands for micrograd's fresh
// Value(c) at each use, so it is not part of any graph's order (Topo,
// Leaves), Backward never adds to its Grad, and WriteDOT draws one box per
// use holding the gradient a fresh leaf would get there. Gradient checks
// skip it: it is nothing a user can change.
func (v *Value) IsConst() bool { return v.flags&flagConst != 0 }

// IsParam reports whether the node is marked as a module parameter.
func (v *Value) IsParam() bool { return v.flags&flagParam != 0 }

// SetParam marks or unmarks the node as a module parameter (DOT fills
// parameters with a colour).
func (v *Value) SetParam(p bool) {
	if p {
		v.flags |= flagParam
	} else {
		v.flags &^= flagParam
	}
}

// NumError is a numeric error of an op: a result that is not finite,
// division by zero, log of a non-positive number, a non-integral power of
// a negative number, zero to a negative power, or (from Backward) a
// gradient that is not finite.
type NumError struct {
	Op  string // the op's name, e.g. "/", "log", "**"
	Msg string // the whole message, lowercase, naming the op and operands
}

// Error returns Msg.
func (e *NumError) Error() string { return e.Msg }
