package autograd

import (
	"bufio"
	"io"
	"math"
	"runtime"
	"strconv"
)

// TraceLimit is how many chain-rule steps BackwardTrace writes unless told
// otherwise; the rest are counted.
const TraceLimit = 200

// BackwardTrace is Backward that writes each step of the chain rule as
// the lecture does it by hand, one line per operand in the order the
// contributions are added:
//
//	L.grad = 1.0
//	d.grad += f.data * L.grad = -2.0 * 1.0 -> d.grad = -2.0
//	f.grad += d.data * L.grad = 4.0 * 1.0 -> f.grad = 4.0
//
// Each line names the op's local derivative (f.data for the other operand
// of a product, (1 - o.data**2) for tanh, ...), then the numbers it was
// made of, then the operand's gradient after the addition. A node without
// a label is named by its op and data, as [* -6.0], a leaf as [leaf 2.0],
// a number written next to a Value as [const 2.0].
// Numbers are written as Python's repr. After limit steps (limit <= 0:
// TraceLimit) the rest of the sweep is Backward's own (backprop), and its
// steps are only counted.
//
// The gradients it leaves are those Backward leaves, to the bit: it takes
// Backward's sweep order and reset (sweepOrder), and computes each
// contribution with the same floating-point operations (backprop).
func BackwardTrace(root *Value, limit int, w io.Writer, check func() error) error {
	if limit <= 0 {
		limit = TraceLimit
	}
	s, err := sweepOrder(root, check, true) // Backward's order and reset
	if err != nil {
		return err
	}
	defer s.release()
	defer runtime.KeepAlive(root) // the order holds the nodes as integers
	root.Grad = 1
	err = traceSweep(root, limit, w, check, s)
	s.finish(err)
	return err
}

// traceSweep is the sweep of BackwardTrace, writing each step.
func traceSweep(root *Value, limit int, w io.Writer, check func() error, s sorted) error {
	t := tracer{w: bufio.NewWriter(w), limit: limit}
	defer t.w.Flush()
	t.w.WriteString(t.name(root) + ".grad = 1.0\n")
	n := len(s.nodes)
	for i := n - 1; i >= 0; i-- {
		v := s.nodes.at(i)
		if !finite(v.Grad) {
			return gradSumErr(v)
		}
		if (n-1-i)%checkEvery == checkEvery-1 && check != nil {
			if err := check(); err != nil {
				return err
			}
		}
		if err := t.node(v); err != nil {
			return err
		}
		if t.n >= t.limit && i > 0 {
			// Nothing more is written: the rest of the sweep is
			// Backward's own, and its steps are only counted.
			rest := s.nodes[:i]
			for j := range rest {
				t.rest += rest.at(j).op.Arity()
			}
			if err := backprop(rest, check); err != nil {
				return err
			}
			break
		}
	}
	if t.rest > 0 {
		t.w.WriteString("... and " + strconv.Itoa(t.rest) + " more steps (trace=N shows N steps)\n")
	}
	t.accumulated(s.saved)
	return nil
}

// accumulated writes, for each leaf that held a gradient before this
// backward, the old gradient plus this backward's sum (what Backward
// leaves: see leafSave).
func (t *tracer) accumulated(ls *leafSave) {
	for i, v := range ls.vs {
		if old := ls.old[i]; old != 0 {
			t.w.WriteString(t.name(v) + ".grad = " + FormatFloat(old) + " (before this backward) + " +
				FormatFloat(v.Grad) + " = " + FormatFloat(old+v.Grad) + "\n")
		}
	}
}

// step is one operand's contribution: the formula of the local derivative
// times the output's gradient, the numbers it is computed from, and the
// contribution itself.
type step struct {
	to      *Value
	formula string // e.g. "f.data * L.grad"
	numbers string // e.g. "-2.0 * 1.0"
	c       float64
	skip    bool // ReLU at a non-positive output adds nothing
}

type tracer struct {
	w     *bufio.Writer
	limit int
	n     int // steps written
	rest  int // steps only counted
}

// name is how a node is written: its label, or [op data].
func (t *tracer) name(v *Value) string {
	if v.Label() != "" {
		return v.Label()
	}
	if v.IsConst() {
		return "[const " + FormatFloat(v.Data) + "]"
	}
	if v.op == OpLeaf {
		return "[leaf " + FormatFloat(v.Data) + "]"
	}
	return "[" + v.OpName() + " " + FormatFloat(v.Data) + "]"
}

// node computes the contributions of v to its operands, as backprop does,
// then adds and writes them one by one.
func (t *tracer) node(v *Value) error {
	steps, err := t.steps(v)
	if err != nil {
		return err
	}
	// As backprop: a contribution that is not finite is an error of the
	// op, found before any is added (a constant's too, though it receives
	// nothing).
	for _, s := range steps {
		if !s.skip && !finite(s.c) {
			return gradErr(v)
		}
	}
	for _, s := range steps {
		after := s.to.Grad
		switch {
		case s.to.IsConst():
			// A constant stands for micrograd's fresh Value(c) at this
			// use: it receives the contribution on a fresh 0, and
			// Backward never writes to the shared node.
			after = 0
			after += s.c
		case !s.skip:
			s.to.Grad += s.c
			after = s.to.Grad
		}
		if t.n >= t.limit {
			t.rest++
			continue
		}
		t.n++
		t.w.WriteString(t.name(s.to) + ".grad += " + s.formula + " = " + s.numbers +
			" -> " + t.name(s.to) + ".grad = " + FormatFloat(after) + "\n")
	}
	return nil
}

// steps mirrors the switch of backprop: every contribution is computed by
// the same expression, so that the sums round as Backward's do.
func (t *tracer) steps(v *Value) ([]step, error) {
	a, b := v.operands()
	g := v.Grad
	out := t.name(v) + ".grad"
	f := FormatFloat
	gs := f(g)
	data := func(x *Value) string { return t.name(x) + ".data" }
	mul := func(to *Value, formula string, local float64) step {
		return step{to: to, formula: formula + " * " + out, numbers: f(local) + " * " + gs, c: float64(local * g)}
	}
	switch v.op {
	case OpLeaf:
		return nil, nil
	case OpAdd:
		return []step{mul(a, "1.0", 1), mul(b, "1.0", 1)}, nil
	case OpSub:
		return []step{mul(a, "1.0", 1), mul(b, "-1.0", -1)}, nil
	case OpNeg:
		return []step{mul(a, "-1.0", -1)}, nil
	case OpMul:
		return []step{mul(a, data(b), b.Data), mul(b, data(a), a.Data)}, nil
	case OpDiv:
		ca, cb := g/b.Data, float64(-g*a.Data)/float64(b.Data*b.Data)
		return []step{
			{to: a, formula: out + " / " + data(b), numbers: gs + " / " + f(b.Data), c: ca},
			{to: b, formula: "-" + out + " * " + data(a) + " / " + data(b) + "**2",
				numbers: f(-g) + " * " + f(a.Data) + " / " + f(b.Data) + "**2", c: cb},
		}, nil
	case OpPowConst:
		kv := v.Exponent()
		k, k1 := v.exponentText(), FormatFloat(kv-1)
		if v.opB().flags&flagIntExp != 0 && kv == math.Trunc(kv) && math.Abs(kv) < 1<<53 {
			k1 = strconv.FormatInt(int64(kv)-1, 10)
		}
		return []step{mul(a, k+" * "+data(a)+"**"+k1, float64(kv*crPow(a.Data, kv-1)))}, nil
	case OpPow:
		return t.powSteps(v, out, data)
	case OpReLU:
		if v.Data > 0 {
			return []step{mul(a, "("+data(v)+" > 0)", 1)}, nil
		}
		return []step{{to: a, formula: "(" + data(v) + " > 0) * " + out, numbers: "0.0 * " + gs, skip: true}}, nil
	case OpTanh:
		tt := v.Data
		return []step{mul(a, "(1 - "+data(v)+"**2)", 1-float64(tt*tt))}, nil
	case OpExp:
		return []step{mul(a, data(v), v.Data)}, nil
	case OpLog:
		return []step{{to: a, formula: out + " / " + data(a), numbers: gs + " / " + f(a.Data), c: g / a.Data}}, nil
	case OpSigmoid:
		s := v.Data
		return []step{mul(a, data(v)+" * (1 - "+data(v)+")", float64(s*(1-s)))}, nil
	case OpSin:
		return []step{mul(a, "cos("+data(a)+")", crCos(a.Data))}, nil
	case OpCos:
		return []step{mul(a, "-sin("+data(a)+")", -crSin(a.Data))}, nil
	case OpStep: // flat: backprop adds +0.0, not 0 * g
		return []step{{to: a, formula: "0.0", numbers: "0.0", c: 0}}, nil
	}
	return nil, nil
}

// powSteps is powGrad's two contributions for a Value exponent.
func (t *tracer) powSteps(v *Value, out string, data func(*Value) string) ([]step, error) {
	a, b, g := v.opA(), v.opB(), v.Grad
	x, y := a.Data, b.Data
	if x < 0 && !b.IsConst() {
		return nil, powGrad(v, g) // the same error, before anything is added
	}
	la := float64(y * crPow(x, y-1))
	lb := 0.0
	if x != 0 {
		lb = float64(v.Data * crLog(x))
	}
	ca, cb := float64(la*g), float64(lb*g)
	gs := FormatFloat(g)
	return []step{
		{to: a, formula: data(b) + " * " + data(a) + "**(" + data(b) + " - 1) * " + out, numbers: FormatFloat(la) + " * " + gs, c: ca},
		{to: b, formula: data(v) + " * log(" + data(a) + ") * " + out, numbers: FormatFloat(lb) + " * " + gs, c: cb},
	}, nil
}
