package eval

import (
	"github.com/mglang/mg/autograd"
	"github.com/mglang/mg/lang"
	"math"
)

type exprFn func(fr *frame) Object

func (c *compiler) expr(e lang.Expr) exprFn {
	c.nest(e.Pos())
	defer c.unnest()
	switch e := e.(type) {
	case *lang.Ident:
		return c.ident(e)
	case *lang.IntLit:
		var v Object = Int(e.Value) // boxed once, not at every evaluation
		return func(*frame) Object { return v }
	case *lang.FloatLit:
		var v Object = Float(e.Value) // boxed once, not at every evaluation
		return func(*frame) Object { return v }
	case *lang.StringLit:
		var v Object = String(e.Value) // boxed once, not at every evaluation
		return func(*frame) Object { return v }
	case *lang.BoolLit:
		var v Object = Bool(e.Value) // boxed once, not at every evaluation
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
		return c.helpCall(e, c.call(e))
	case *lang.IndexExpr:
		x, i, pos := c.expr(e.X), c.expr(e.Index), e.P
		return func(fr *frame) Object { return index(x(fr), i(fr), pos) }
	case *lang.FieldExpr:
		x, name, pos, in := c.expr(e.X), e.Name, e.P, c.in
		return func(fr *frame) Object { return getAttr(in, x(fr), name, pos) }
	case *lang.FuncLit:
		return c.funcLit(e, "lambda") // as Python names an anonymous function
	case *lang.CondExpr, *lang.SliceExpr, *lang.FStringExpr:
		return c.pyExpr(e)
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
	case "+", "-", "*", "/":
		return c.arith(e, x, y)
	}
	return func(fr *frame) Object { return binary(th, pos, op, x(fr), y(fr)) }
}

var arenaOps = map[string]func(*autograd.Arena, *autograd.Value, *autograd.Value) (*autograd.Value, error){
	"+": (*autograd.Arena).Add,
	"-": (*autograd.Arena).Sub,
	"*": (*autograd.Arena).Mul,
	"/": (*autograd.Arena).Div,
}

// arith compiles + - * / with a fast path for Values. A number literal
// next to a Value stands for a fresh Value(c) at every evaluation, as in
// micrograd; it is stored as one constant (Arena.Const) per place in the
// source, shared by every evaluation there: a constant is never written
// to, and DOT and backward give each use its own gradient, so sharing it
// changes no number, and a loop of a million turns makes half as many
// nodes.
func (c *compiler) arith(e *lang.BinaryExpr, x, y exprFn) exprFn {
	th, pos, op, ar := c.th, e.P, e.Op, c.th.Arena
	fn := arenaOps[op]
	kx, xConst := literal(e.X)
	ky, yConst := literal(e.Y)
	var cx, cy *autograd.Value
	return func(fr *frame) Object {
		l, r := x(fr), y(fr)
		lv, lok := l.(*autograd.Value)
		rv, rok := r.(*autograd.Value)
		switch {
		case lok && rok:
		case lok && yConst:
			if cy == nil {
				cy = ar.Const(ky)
			}
			rv = cy
		case rok && xConst:
			if cx == nil {
				cx = ar.Const(kx)
			}
			lv = cx
		default:
			return binary(th, pos, op, l, r)
		}
		v, err := fn(ar, lv, rv)
		if err != nil {
			failErr(pos, err)
		}
		return v
	}
}

// literal reports the value of a number literal (possibly negated).
func literal(e lang.Expr) (float64, bool) {
	if n, ok := intLiteral(e); ok {
		// Negated in int first: -0 is the int 0, whose Value is +0.0.
		return float64(n), true
	}
	switch e := e.(type) {
	case *lang.FloatLit:
		return e.Value, true
	case *lang.UnaryExpr:
		if k, ok := literal(e.X); ok && e.Op == "-" {
			return -k, true
		}
	}
	return 0, false
}

// intLiteral reports the value of an int literal, possibly negated.
func intLiteral(e lang.Expr) (int64, bool) {
	switch e := e.(type) {
	case *lang.IntLit:
		return e.Value, true
	case *lang.UnaryExpr:
		if n, ok := intLiteral(e.X); ok && e.Op == "-" && n != math.MinInt64 {
			return -n, true
		}
	}
	return 0, false
}

// binary is Binary that stops the statement with a positioned error.
func binary(th *Thread, pos lang.Pos, op string, x, y Object) Object {
	r, err := Binary(th, op, x, y)
	if err != nil {
		failErr(pos, err)
	}
	if bigObject(r) {
		// One statement can make many big lists with no loop turn or call
		// between them (a list literal of xs * 1): poll the limits here too.
		if err := th.Check(); err != nil {
			failErr(pos, err)
		}
	}
	return r
}

// bigResult is the length from which a list or string made by one
// operation is worth a poll of the thread's limits.
const bigResult = 1 << 16

func bigObject(r Object) bool {
	switch r := r.(type) {
	case *List:
		return len(r.Elems) >= bigResult
	case String:
		return len(r) >= bigResult
	}
	return false
}

func (c *compiler) listComp(e *lang.ListComp) exprFn {
	c.fs.push()
	defer c.fs.pop()
	c.beginBlock("comprehension")
	defer c.endBlock()
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
				if len(out) == MaxLen {
					failErr(e.P, CheckLen("list", "a comprehension", MaxLen+1))
				}
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
