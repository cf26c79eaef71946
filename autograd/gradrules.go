package autograd

// rule adds v's contributions to its operands' adjoints, given v's own
// adjoint d: Backward's step for v's op (backprop in backward.go), written
// with the constructors instead of float arithmetic. Each case makes the
// same products, with the same operands, as the matching case there, and
// adds the terms to a before b, so the data of the gradient graph is
// Backward's gradient to the bit. This is the one place that copies
// Backward's rules: a change there must be made here too (the bit-exact
// tests in grad_test.go fail until it is).
func (g *gradSweep) rule(v, d *Value, pos [2]int32) error {
	a, b := v.opA(), v.opB()
	wa, wb := g.wants(pos[0]), g.wants(pos[1])
	var ta, tb *Value // the terms for a and b
	var err error
	switch v.op {
	case OpAdd: // a += g; b += g
		ta, tb = d, d
	case OpSub: // a += g; b += -g
		ta = d
		if wb {
			tb, err = g.ar.Neg(d)
		}
	case OpMul: // a += b*g; b += a*g
		if wa {
			ta, err = g.ar.Mul(b, d)
		}
		if wb && err == nil {
			tb, err = g.ar.Mul(a, d)
		}
	case OpDiv: // a += g/b; b += (-g*a)/(b*b)
		if wa {
			ta, err = g.ar.Div(d, b)
		}
		if wb && err == nil {
			tb, err = g.divB(a, b, d)
		}
	case OpNeg: // a += -g
		ta, err = g.ar.Neg(d)
	case OpPowConst: // a += (k * a**(k-1)) * g
		// b is the exponent, a constant k; a**0 is constant: no term
		// (Backward adds a zero, or fails at a = 0).
		if k := b.Data; k != 0 {
			ta, err = g.powTerm(g.constant(k), a, nil, k-1, b.flags&flagIntExp != 0, d)
		}
	case OpPow:
		return g.powRule(v, d, pos, wa, wb)
	case OpReLU: // a += g where the result is positive: step * g (g * 1 is g)
		if !g.prune || v.Data > 0 {
			ta, err = g.chain(d, func() (*Value, error) { return g.step(v) })
		}
	case OpTanh: // a += (1 - t*t) * g, t the tanh node (crPow(t, 2) is t*t)
		ta, err = g.chain(d, func() (*Value, error) {
			t2, err := g.ar.PowConstTyped(v, 2, true)
			if err != nil {
				return nil, err
			}
			return g.ar.Sub(g.constant(1), t2)
		})
	case OpExp: // a += out * g
		ta, err = g.ar.Mul(v, d)
	case OpLog: // a += g / a
		ta, err = g.ar.Div(d, a)
	case OpSigmoid: // a += (s * (1 - s)) * g
		ta, err = g.chain(d, func() (*Value, error) {
			m, err := g.ar.Sub(g.constant(1), v)
			if err != nil {
				return nil, err
			}
			return g.ar.Mul(v, m)
		})
	case OpSin: // a += cos(a) * g
		ta, err = g.chain(d, func() (*Value, error) { return g.ar.Cos(a) })
	case OpCos: // a += -sin(a) * g
		ta, err = g.chain(d, func() (*Value, error) {
			s, err := g.ar.Sin(a)
			if err != nil {
				return nil, err
			}
			return g.ar.Neg(s)
		})
	}
	if err != nil {
		return gradErr(v)
	}
	return g.addTerms(v, pos, ta, tb, wa, wb)
}

// addTerms adds a's term, then b's, each only if its operand leads to an x
// (the rules may build a term that is not wanted, as Add's and Sub's).
func (g *gradSweep) addTerms(v *Value, pos [2]int32, ta, tb *Value, wa, wb bool) error {
	if wa && ta != nil {
		if err := g.add(v, v.opA(), pos[0], ta); err != nil {
			return err
		}
	}
	if wb && tb != nil {
		return g.add(v, v.opB(), pos[1], tb)
	}
	return nil
}

// chain returns local() * d, the one-operand ops' term.
func (g *gradSweep) chain(d *Value, local func() (*Value, error)) (*Value, error) {
	l, err := local()
	if err != nil {
		return nil, err
	}
	return g.ar.Mul(l, d)
}

// divB is the divisor's term of a / b: (-g*a) / (b*b).
func (g *gradSweep) divB(a, b, d *Value) (*Value, error) {
	n, err := g.ar.Neg(d)
	if err == nil {
		n, err = g.ar.Mul(n, a)
	}
	if err != nil {
		return nil, err
	}
	bb, err := g.ar.Mul(b, b)
	if err != nil {
		return nil, err
	}
	return g.ar.Div(n, bb)
}

// powTerm is (k * a**(k-1)) * g for both power ops: k is the exponent's
// node; the power is to the constant km1 (written as an int if intExp)
// when y is nil, else to the node y (which holds k - 1).
func (g *gradSweep) powTerm(k, a, y *Value, km1 float64, intExp bool, d *Value) (*Value, error) {
	var p *Value
	var err error
	switch {
	case y == nil && km1 == 0:
		p = g.constant(1) // a**0, whose derivative is 0 everywhere, also at a = 0
	case y == nil:
		p, err = g.ar.PowConstTyped(a, km1, intExp)
	default:
		p, err = g.ar.Pow(a, y)
	}
	if err != nil {
		return nil, err
	}
	return g.chain(d, func() (*Value, error) { return g.ar.Mul(k, p) })
}

// powRule is a ** b with a Value exponent: a += (b * a**(b-1)) * g and
// b += (out * log(a)) * g, nothing where a == 0 (Backward adds +0.0, which
// changes no sum but a -0.0), an error where a < 0.
func (g *gradSweep) powRule(v, d *Value, pos [2]int32, wa, wb bool) error {
	a, b := v.opA(), v.opB()
	var ta, tb *Value
	if wb && a.Data < 0 {
		return powGrad(v, 0) // Backward's error for a negative base
	}
	if wa {
		bm1, err := g.ar.Sub(b, g.constant(1))
		if err == nil {
			ta, err = g.powTerm(b, a, bm1, 0, false, d)
		}
		if err != nil {
			return gradErr(v)
		}
	}
	if wb && a.Data != 0 {
		var err error
		tb, err = g.chain(d, func() (*Value, error) {
			l, err := g.ar.Log(a)
			if err != nil {
				return nil, err
			}
			return g.ar.Mul(v, l)
		})
		if err != nil {
			return gradErr(v)
		}
	}
	return g.addTerms(v, pos, ta, tb, wa, wb)
}

// step is relu's derivative as a graph: a step node (OpStep) of the relu
// node r, 1 where r > 0 and 0 where r == 0, so that forward recomputes it
// when the relu's input moves. Its own derivative is 0: no rule adds a
// term through it.
func (g *gradSweep) step(r *Value) (*Value, error) { return g.ar.Step(r) }
