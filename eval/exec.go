package eval

import (
	"fmt"

	"github.com/mglang/mg/autograd"
	"github.com/mglang/mg/lang"
)

// ctrl says how a statement ended.
type ctrl uint8

const (
	ctrlNext ctrl = iota
	ctrlBreak
	ctrlContinue
	ctrlReturn
)

type stmtFn func(fr *frame) ctrl

// compiler turns syntax into closures, resolving every name to a slot.
type compiler struct {
	in    *Interp
	th    *Thread
	fs    *funcScope
	show  func(Object) // non-nil: top-level expression statements show their value
	depth int          // nesting of the expression or else-if chain being compiled
	open  []openBlock  // the blocks being compiled, innermost last: their declarations
}

// maxNesting bounds how deeply expressions (and else-if chains) nest. The
// parser bounds brackets, but a chain such as 1 + 1 + ... + 1 or f()()()
// nests one level per operator; compiling it, and running it, recurse as
// deep, and a Go stack overflow cannot be recovered from.
const maxNesting = 100_000

// nest enters one level of nesting at pos; the caller defers c.unnest().
func (c *compiler) nest(pos lang.Pos) {
	if c.depth++; c.depth > maxNesting {
		staticErr(pos, fmt.Sprintf("too deeply nested: more than %d operations or else-ifs inside one another", maxNesting))
	}
}

func (c *compiler) unnest() { c.depth-- }

func staticErr(pos lang.Pos, msg string) { panic(&lang.Error{Pos: pos, Msg: msg}) }

func (c *compiler) block(b *lang.Block, kind string) stmtFn {
	c.fs.push()
	defer c.fs.pop()
	c.beginBlock(kind)
	defer c.endBlock()
	return c.stmts(b.Stmts)
}

func (c *compiler) stmts(list []lang.Stmt) stmtFn {
	fns := make([]stmtFn, len(list))
	for i, s := range list {
		fns[i] = c.stmt(s)
	}
	switch len(fns) {
	case 0:
		return func(*frame) ctrl { return ctrlNext }
	case 1:
		return fns[0]
	}
	return func(fr *frame) ctrl {
		for _, f := range fns {
			if r := f(fr); r != ctrlNext {
				return r
			}
		}
		return ctrlNext
	}
}

func (c *compiler) stmt(s lang.Stmt) stmtFn {
	switch s := s.(type) {
	case *lang.ExprStmt:
		return c.exprStmt(s)
	case *lang.LetStmt:
		if s.Names != nil || s.Values != nil {
			return c.letMany(s)
		}
		val := c.expr(s.Value)
		store := c.declare(s.Name)
		name, th := s.Name.Name, c.th
		return func(fr *frame) ctrl {
			store(fr, bind(th, name, val(fr)))
			return ctrlNext
		}
	case *lang.AssignStmt:
		return c.assign(s)
	case *lang.FnStmt:
		store := c.declare(s.Name)
		mk := c.funcLit(s.Func, s.Name.Name)
		return func(fr *frame) ctrl {
			store(fr, mk(fr))
			return ctrlNext
		}
	case *lang.Block:
		return c.block(s, "{ }")
	case *lang.IfStmt:
		return c.ifStmt(s)
	case *lang.WhileStmt:
		return c.whileStmt(s)
	case *lang.ForStmt:
		return c.forStmt(s)
	case *lang.BreakStmt, *lang.ContinueStmt:
		if c.fs.loops == 0 {
			staticErr(s.Pos(), map[bool]string{true: "break", false: "continue"}[isBreak(s)]+" outside a loop")
		}
		if isBreak(s) {
			return func(*frame) ctrl { return ctrlBreak }
		}
		return func(*frame) ctrl { return ctrlContinue }
	case *lang.ReturnStmt:
		if !c.fs.isFunc {
			staticErr(s.P, "return outside a function")
		}
		if s.Value == nil {
			return func(fr *frame) ctrl { fr.ret = None; return ctrlReturn }
		}
		val := c.expr(s.Value)
		return func(fr *frame) ctrl { fr.ret = val(fr); return ctrlReturn }
	}
	staticErr(s.Pos(), "unsupported statement")
	return nil
}

func isBreak(s lang.Stmt) bool { _, ok := s.(*lang.BreakStmt); return ok }

func (c *compiler) exprStmt(s *lang.ExprStmt) stmtFn {
	x := c.expr(s.X)
	if c.show != nil && c.fs.topLevel() {
		show := c.show
		return func(fr *frame) ctrl {
			show(x(fr))
			return ctrlNext
		}
	}
	return func(fr *frame) ctrl {
		x(fr)
		return ctrlNext
	}
}

// bind applies the binding rule: a float named becomes a labelled leaf, an
// unlabeled Value takes the name as label; anything else stays as it is.
// Ints stay ints: they count, index and raise to powers, and a counter
// that became a Value would grow a graph node at every i += 1.
func bind(th *Thread, name string, v Object) Object {
	switch x := v.(type) {
	case Float:
		leaf := th.Arena.Leaf(float64(x))
		leaf.SetLabel(name)
		return leaf
	case *autograd.Value:
		if x.Label() == "" {
			x.SetLabel(name)
		}
	}
	return v
}

// declare makes a new name in the current scope and returns its setter.
func (c *compiler) declare(id *lang.Ident) func(fr *frame, v Object) {
	if c.fs.topLevel() {
		g := c.in.globals
		i := g.slot(id.Name)
		return func(_ *frame, v Object) { g.store(i, v) }
	}
	i := c.fs.declare(id.Name)
	c.noteDecl(id, false)
	return func(fr *frame, v Object) { fr.slots[i] = v }
}

// setter returns how to store into an existing name.
func (c *compiler) setter(id *lang.Ident) func(fr *frame, v Object) {
	r := c.resolve(id.Name)
	switch r.kind {
	case refLocal:
		i := r.index
		return func(fr *frame, v Object) { fr.slots[i] = v }
	case refFree:
		i, d := r.index, r.depth
		return func(fr *frame, v Object) { up(fr, d).slots[i] = v }
	case refBuiltin:
		staticErr(id.P, "cannot assign to "+id.Name+": it is a builtin (use let "+id.Name+" = ... to make a name of your own)")
	}
	g, i, pos, name := c.in.globals, r.index, id.P, id.Name
	return func(_ *frame, v Object) {
		if g.vals[i] == nil {
			fail(pos, "undefined: %s (declare it first with let %s = ...)", name, name)
		}
		g.store(i, v)
	}
}

func up(fr *frame, d int) *frame {
	for ; d > 0; d-- {
		fr = fr.up
	}
	return fr
}

func (c *compiler) assign(s *lang.AssignStmt) stmtFn {
	val := c.expr(s.Value)
	th, pos := c.th, s.P
	var op string
	if s.Op != "=" {
		op = s.Op[:len(s.Op)-1]
	}
	switch t := s.Target.(type) {
	case *lang.Ident:
		set, name, declared := c.setter(t), t.Name, c.declaredCheck(t)
		if op == "" {
			return func(fr *frame) ctrl {
				declared()
				set(fr, bind(th, name, val(fr)))
				return ctrlNext
			}
		}
		get := c.ident(t)
		return func(fr *frame) ctrl {
			declared()
			set(fr, bind(th, name, binary(th, pos, op, get(fr), val(fr))))
			return ctrlNext
		}
	case *lang.FieldExpr:
		x, name := c.expr(t.X), t.Name
		return func(fr *frame) ctrl {
			obj := x(fr)
			v := val(fr)
			if op != "" {
				v = binary(th, pos, op, getAttr(c.in, obj, name, t.P), v)
			}
			setAttr(obj, name, v, t.P)
			return ctrlNext
		}
	case *lang.IndexExpr:
		x, idx := c.expr(t.X), c.expr(t.Index)
		return func(fr *frame) ctrl {
			obj, i := x(fr), idx(fr)
			v := val(fr)
			if op != "" {
				v = binary(th, pos, op, index(obj, i, t.P), v)
			}
			setIndex(obj, i, v, t.P)
			return ctrlNext
		}
	}
	staticErr(s.Target.Pos(), "cannot assign to this expression")
	return nil
}

func (c *compiler) ifStmt(s *lang.IfStmt) stmtFn {
	cond := c.expr(s.Cond)
	then := c.block(s.Then, "if")
	var els stmtFn
	switch e := s.Else.(type) {
	case nil:
		return func(fr *frame) ctrl {
			if Truth(cond(fr)) {
				return then(fr)
			}
			return ctrlNext
		}
	case *lang.Block:
		els = c.block(e, "else")
	default:
		c.nest(e.Pos())
		els = c.stmt(e)
		c.unnest()
	}
	return func(fr *frame) ctrl {
		if Truth(cond(fr)) {
			return then(fr)
		}
		return els(fr)
	}
}

func (c *compiler) whileStmt(s *lang.WhileStmt) stmtFn {
	cond := c.expr(s.Cond)
	c.fs.loops++
	body := c.block(s.Body, "while")
	c.fs.loops--
	th, pos := c.th, s.P
	return func(fr *frame) ctrl {
		th.loops++
		defer func() { th.loops-- }()
		for {
			th.turn(pos)
			if !Truth(cond(fr)) {
				return ctrlNext
			}
			switch body(fr) {
			case ctrlBreak:
				return ctrlNext
			case ctrlReturn:
				return ctrlReturn
			}
		}
	}
}

func (c *compiler) forStmt(s *lang.ForStmt) stmtFn {
	iter := c.expr(s.Iter)
	c.fs.push()
	defer c.fs.pop()
	c.beginBlock("for")
	defer c.endBlock()
	assign := c.targets(s.Vars)
	c.fs.loops++
	body := c.stmts(s.Body.Stmts)
	c.fs.loops--
	th, pos := c.th, s.P
	return func(fr *frame) ctrl {
		result := ctrlNext
		th.loops++
		defer func() { th.loops-- }()
		iterate(th, pos, iter(fr), func(item Object) bool {
			th.turn(pos)
			assign(fr, item)
			switch body(fr) {
			case ctrlBreak:
				return false
			case ctrlReturn:
				result = ctrlReturn
				return false
			}
			return true
		})
		return result
	}
}

// targets declares loop variables and returns how to assign one item to
// them, unpacking it when there are several.
func (c *compiler) targets(vars []*lang.Ident) func(fr *frame, item Object) {
	slots := make([]int, len(vars))
	for i, v := range vars {
		slots[i] = c.fs.declare(v.Name)
		c.noteDecl(v, true)
	}
	if len(slots) == 1 {
		s := slots[0]
		return func(fr *frame, item Object) { fr.slots[s] = item }
	}
	pos := vars[0].P
	return func(fr *frame, item Object) {
		l, ok := item.(*List)
		if !ok {
			fail(pos, "cannot unpack %s into %d names", article(item.Type()), len(slots))
		}
		if len(l.Elems) != len(slots) {
			fail(pos, "%s", unpackCounts(int64(len(l.Elems)), len(slots)))
		}
		for i, s := range slots {
			fr.slots[s] = l.Elems[i]
		}
	}
}

// iterate calls f with each item of obj until f returns false.
func iterate(th *Thread, pos lang.Pos, obj Object, f func(Object) bool) {
	switch o := obj.(type) {
	case *List:
		for i := 0; i < len(o.Elems); i++ {
			if !f(o.Elems[i]) {
				return
			}
		}
	case *Range:
		n := o.Len()
		for i := int64(0); i < n; i++ {
			if !f(Int(o.At(i))) {
				return
			}
		}
	case String:
		for _, r := range string(o) {
			if !f(String(r)) {
				return
			}
		}
	default:
		fail(pos, "cannot iterate over %s", article(obj.Type()))
	}
}
