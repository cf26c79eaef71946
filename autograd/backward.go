package autograd

import "runtime"

// Backward sets root.Grad = 1 and the Grad of every other non-leaf node
// root depends on to 0, then applies the chain rule to every node root
// depends on, in the reverse of the order they were made (a reverse
// topological order, PyTorch's: see walk.go and sweepOrder), adding each
// node's contribution to its operands' Grad. Leaves accumulate: a leaf used
// twice gets both contributions, and a second Backward doubles the leaves'
// gradients exactly. Inner nodes start afresh, so that replaying a graph
// (Forward, zero the parameters, Backward) gives what rebuilding it would,
// and two roots that share inner nodes do not count them twice. On a
// freshly built graph this is micrograd's backward, its sweep in that
// order. Constants (Value.IsConst) receive nothing.
//
// Each leaf's contributions are summed from 0 and the sum added to the
// leaf's old gradient at the end (leafSave), so a failed Backward leaves
// every leaf's gradient as it was (inner nodes are then partly computed).
//
// check, if not nil, is called about every 65536 nodes; a non-nil error
// from it stops the work and is returned. A gradient that is not finite is a *NumError naming the op
// that produced it; so is the gradient of a**b with respect to b when a < 0.
func Backward(root *Value, check func() error) error {
	if s, ok := kept.find(root); ok {
		s.release()
		return backwardOrder(root, check, walked)
	}
	// A graph swept for the first time: one walk, newest node first,
	// that zeroes, orders and applies the chain rule as it goes.
	save := leafSaves.Get().(*leafSave)
	w := walker{zero: true, save: save}
	root.Grad = 1
	end, err := foreign, error(nil)
	if root.op != OpLeaf {
		end, err = walk(root, &w, true, check)
	}
	runtime.KeepAlive(root)
	if end == walked && err == nil {
		err = save.check()
	}
	if end != walked || err != nil {
		save.restore()
		save.put()
		if err != nil {
			return err
		}
		return backwardOrder(root, check, end)
	}
	save.commit()
	save.put()
	return nil
}

// backwardOrder is Backward over sweepOrder's order (kept from an earlier
// sweep of root, or made now as how says, see sweepOrderBy).
func backwardOrder(root *Value, check func() error, how walkEnd) error {
	s, err := sweepOrderBy(root, check, true, how)
	if err != nil {
		return err
	}
	defer s.release()
	root.Grad = 1
	err = backprop(s.nodes, check)
	s.finish(err)
	runtime.KeepAlive(root) // the order holds the nodes as integers
	return err
}

// backprop is the reverse sweep over an order: one switch over op codes
// (backstep), no closure per node. g is checked at every node, for sums
// that overflow.
func backprop(nodes addrs, check func() error) error {
	next := len(nodes) - checkEvery
	for i := len(nodes) - 1; i >= 0; i-- {
		v := nodes.at(i)
		g := v.Grad
		if !finite(g) {
			return gradSumErr(v)
		}
		if i <= next && check != nil {
			next -= checkEvery
			if err := check(); err != nil {
				return err
			}
		}
		if err := backstep(v, g); err != nil {
			return err
		}
	}
	return nil
}

// backstep applies the chain rule at v, whose gradient is g: it adds v's
// contribution to each operand's Grad. Contributions that can overflow are
// checked where they are made, so that the error names the op.
//
// Every product is written float64(x*y) so that Go cannot fuse it with the
// addition into one FMA: the sums must round as Python's do.
func backstep(v *Value, g float64) error {
	if v.op == OpLeaf {
		return nil
	}
	if v.flags&flagConstArg != 0 {
		return backpropConst(v, g)
	}
	a, b := v.opA(), v.opB()
	switch v.op {
	case OpAdd:
		a.Grad += g
		b.Grad += g
	case OpSub:
		a.Grad += g
		b.Grad += -g
	case OpMul:
		ca, cb := float64(b.Data*g), float64(a.Data*g)
		if !finite(ca) || !finite(cb) {
			return gradErr(v)
		}
		a.Grad += ca
		b.Grad += cb
	case OpDiv:
		ca, cb := g/b.Data, float64(-g*a.Data)/float64(b.Data*b.Data)
		if !finite(ca) || !finite(cb) {
			return gradErr(v)
		}
		a.Grad += ca
		b.Grad += cb
	case OpNeg:
		a.Grad += -g
	case OpPowConst:
		k := b.Data
		c := float64(float64(k*crPow(a.Data, k-1)) * g)
		if !finite(c) {
			return gradErr(v)
		}
		a.Grad += c
	case OpPow:
		return powGrad(v, g)
	case OpReLU:
		if v.Data > 0 {
			a.Grad += g
		}
	case OpTanh:
		t := v.Data
		a.Grad += float64((1 - float64(t*t)) * g)
	case OpExp:
		c := float64(v.Data * g)
		if !finite(c) {
			return gradErr(v)
		}
		a.Grad += c
	case OpLog:
		c := g / a.Data
		if !finite(c) {
			return gradErr(v)
		}
		a.Grad += c
	case OpSigmoid:
		s := v.Data
		a.Grad += float64(float64(s*(1-s)) * g)
	case OpSin:
		a.Grad += float64(crCos(a.Data) * g)
	case OpCos:
		a.Grad += float64(-crSin(a.Data) * g)
	case OpStep:
		a.Grad += 0 // flat: a -0.0 sum becomes 0.0, as 1 - 0**a made it
	}
	return nil
}

// powGrad handles a**b with a Value exponent: d/da = b*a**(b-1),
// d/db = a**b * ln(a) (0 where a == 0; undefined where a < 0).
func powGrad(v *Value, g float64) error {
	a, b := v.opA(), v.opB()
	x, y := a.Data, b.Data
	if x < 0 {
		return &NumError{Op: "**", Msg: "gradient with respect to the exponent is undefined for a negative base in **: " +
			FormatFloat(x) + " ** " + FormatFloat(y)}
	}
	ca := float64(float64(y*crPow(x, y-1)) * g)
	cb := 0.0
	if x != 0 {
		cb = float64(float64(v.Data*crLog(x)) * g)
	}
	if !finite(ca) || !finite(cb) {
		return gradErr(v)
	}
	a.Grad += ca
	b.Grad += cb
	return nil
}

// gradErr reports a local gradient of v's op that is not finite, with the
// operands' data: "gradient is not finite in **0.5: 0.0 ** 0.5".
func gradErr(v *Value) *NumError {
	name := v.OpName()
	var expr string
	switch v.op {
	case OpPowConst:
		expr = FormatFloat(v.opA().Data) + " ** " + v.exponentText()
	case OpAdd, OpSub, OpMul, OpDiv, OpPow:
		expr = FormatFloat(v.opA().Data) + " " + name + " " + FormatFloat(v.opB().Data)
	default:
		expr = unaryFn[v.op] + "(" + FormatFloat(v.opA().Data) + ")"
	}
	return &NumError{Op: name, Msg: "gradient is not finite in " + name + ": " + expr}
}

// gradSumErr reports a node whose accumulated gradient is not finite.
func gradSumErr(v *Value) *NumError {
	what := "a leaf"
	if v.op != OpLeaf {
		what = "the result of " + v.OpName()
	}
	if v.Label() != "" {
		what += " (" + v.Label() + ")"
	}
	return &NumError{Op: v.OpName(), Msg: "gradient is not finite: " + FormatFloat(v.Grad) + " at " + what}
}
