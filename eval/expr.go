package eval

import (
	"github.com/mglang/mg/autograd"
	"github.com/mglang/mg/lang"
)

type exprFn func(fr *frame) Object

func (c *compiler) expr(e lang.Expr) exprFn {
	switch e := e.(type) {
	case *lang.Ident:
		return c.ident(e)
	case *lang.IntLit:
		v := Int(e.Value)
		return func(*frame) Object { return v }
	case *lang.FloatLit:
		v := Float(e.Value)
		return func(*frame) Object { return v }
	case *lang.StringLit:
		v := String(e.Value)
		return func(*frame) Object { return v }
	case *lang.BoolLit:
		v := Bool(e.Value)
		return func(*frame) Object { return v }
	case *lang.NoneLit:
		return func(*frame) Object { return None }
	case *lang.ListLit:
		elems := c.exprs(e.Elems)
		return func(fr *frame) Object {
			out := make([]Object, len(elems))
			for i, el := range elems {
				out[i] = el(fr)
			}
			return NewList(out)
		}
	case *lang.ListComp:
		return c.listComp(e)
	case *lang.UnaryExpr:
		return c.unary(e)
	case *lang.BinaryExpr:
		return c.binary(e)
	case *lang.CallExpr:
		return c.call(e)
	case *lang.IndexExpr:
		x, i, pos := c.expr(e.X), c.expr(e.Index), e.P
		return func(fr *frame) Object { return index(x(fr), i(fr), pos) }
	case *lang.FieldExpr:
		x, name, pos, in := c.expr(e.X), e.Name, e.P, c.in
		return func(fr *frame) Object { return getAttr(in, x(fr), name, pos) }
	case *lang.FuncLit:
		return c.funcLit(e, "<fn>")
	}
	staticErr(e.Pos(), "unsupported expression")
	return nil
}

func (c *compiler) exprs(list []lang.Expr) []exprFn {
	out := make([]exprFn, len(list))
	for i, e := range list {
		out[i] = c.expr(e)
	}
	return out
}

func (c *compiler) ident(id *lang.Ident) exprFn {
	r := c.resolve(id.Name)
	name, pos := id.Name, id.P
	switch r.kind {
	case refLocal:
		i := r.index
		return func(fr *frame) Object {
			if v := fr.slots[i]; v != nil {
				return v
			}
			fail(pos, "undefined: %s", name)
			return nil
		}
	case refFree:
		i, d := r.index, r.depth
		return func(fr *frame) Object {
			if v := up(fr, d).slots[i]; v != nil {
				return v
			}
			fail(pos, "undefined: %s", name)
			return nil
		}
	case refBuiltin:
		v := r.obj
		return func(*frame) Object { return v }
	}
	g, i, in := c.in.globals, r.index, c.in
	return func(*frame) Object {
		if v := g.vals[i]; v != nil {
			return v
		}
		if b, ok := in.lib.Builtins[name]; ok {
			return b // a global that will shadow a builtin is not bound yet
		}
		fail(pos, "%s", in.undefinedMsg(name))
		return nil
	}
}

func (c *compiler) unary(e *lang.UnaryExpr) exprFn {
	x, th, pos, op := c.expr(e.X), c.th, e.P, e.Op
	if op == "not" {
		return func(fr *frame) Object { return Bool(!Truth(x(fr))) }
	}
	return func(fr *frame) Object {
		r, err := Unary(th, op, x(fr))
		if err != nil {
			failErr(pos, err)
		}
		return r
	}
}

func (c *compiler) binary(e *lang.BinaryExpr) exprFn {
	x, y, th, pos, op := c.expr(e.X), c.expr(e.Y), c.th, e.P, e.Op
	switch op {
	case "and":
		return func(fr *frame) Object {
			if l := x(fr); !Truth(l) {
				return l
			}
			return y(fr)
		}
	case "or":
		return func(fr *frame) Object {
			if l := x(fr); Truth(l) {
				return l
			}
			return y(fr)
		}
	case "==", "!=", "<", "<=", ">", ">=":
		return func(fr *frame) Object {
			r, err := Compare(op, x(fr), y(fr))
			if err != nil {
				failErr(pos, err)
			}
			return Bool(r)
		}
	case "+":
		ar := th.Arena
		return func(fr *frame) Object {
			l, r := x(fr), y(fr)
			if lv, ok := l.(*autograd.Value); ok {
				if rv, ok := r.(*autograd.Value); ok {
					v, err := ar.Add(lv, rv)
					if err != nil {
						failErr(pos, err)
					}
					return v
				}
			}
			return binary(th, pos, op, l, r)
		}
	case "*":
		ar := th.Arena
		return func(fr *frame) Object {
			l, r := x(fr), y(fr)
			if lv, ok := l.(*autograd.Value); ok {
				if rv, ok := r.(*autograd.Value); ok {
					v, err := ar.Mul(lv, rv)
					if err != nil {
						failErr(pos, err)
					}
					return v
				}
			}
			return binary(th, pos, op, l, r)
		}
	}
	return func(fr *frame) Object { return binary(th, pos, op, x(fr), y(fr)) }
}

// binary is Binary that stops the statement with a positioned error.
func binary(th *Thread, pos lang.Pos, op string, x, y Object) Object {
	r, err := Binary(th, op, x, y)
	if err != nil {
		failErr(pos, err)
	}
	return r
}

func (c *compiler) listComp(e *lang.ListComp) exprFn {
	c.fs.push()
	defer c.fs.pop()
	type clause struct {
		iter   exprFn
		assign func(*frame, Object)
		conds  []exprFn
		pos    lang.Pos
	}
	clauses := make([]clause, len(e.Clauses))
	for i, cl := range e.Clauses {
		clauses[i].iter = c.expr(cl.Iter)
		clauses[i].assign = c.targets(cl.Vars)
		clauses[i].conds = c.exprs(cl.Conds)
		clauses[i].pos = cl.P
	}
	elem, th := c.expr(e.Elem), c.th
	return func(fr *frame) Object {
		var out []Object
		var run func(k int)
		run = func(k int) {
			if k == len(clauses) {
				out = append(out, elem(fr))
				return
			}
			cl := &clauses[k]
			iterate(th, cl.pos, cl.iter(fr), func(item Object) bool {
				th.step(cl.pos)
				cl.assign(fr, item)
				for _, cond := range cl.conds {
					if !Truth(cond(fr)) {
						return true
					}
				}
				run(k + 1)
				return true
			})
		}
		run(0)
		if out == nil {
			out = []Object{}
		}
		return NewList(out)
	}
}
