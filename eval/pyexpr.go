package eval

import (
	"strings"

	"github.com/mglang/mg/lang"
)

// The Python forms beside the core language: the conditional expression,
// slices and f-strings.

func (c *compiler) pyExpr(e lang.Expr) exprFn {
	switch e := e.(type) {
	case *lang.CondExpr:
		return c.condExpr(e)
	case *lang.SliceExpr:
		return c.slice(e)
	}
	return c.fstring(e.(*lang.FStringExpr))
}

func (c *compiler) condExpr(e *lang.CondExpr) exprFn {
	cond, then, els := c.expr(e.Cond), c.expr(e.Then), c.expr(e.Else)
	return func(fr *frame) Object {
		if Truth(cond(fr)) {
			return then(fr)
		}
		return els(fr)
	}
}

func (c *compiler) slice(e *lang.SliceExpr) exprFn {
	x, pos := c.expr(e.X), e.P
	bound := func(b lang.Expr) exprFn {
		if b == nil {
			return func(*frame) Object { return None }
		}
		return c.expr(b)
	}
	lo, hi, step := bound(e.Lo), bound(e.Hi), bound(e.Step)
	return func(fr *frame) Object {
		obj := x(fr)
		l, h, s := lo(fr), hi(fr), step(fr)
		switch o := obj.(type) {
		case *List:
			start, step, n := sliceIndices(len(o.Elems), l, h, s, pos)
			out := make([]Object, n)
			for i := range out {
				out[i] = o.Elems[start+i*step]
			}
			return NewList(out)
		case String:
			r := []rune(string(o))
			start, step, n := sliceIndices(len(r), l, h, s, pos)
			out := make([]rune, n)
			for i := range out {
				out[i] = r[start+i*step]
			}
			return String(out)
		}
		fail(pos, "cannot slice %s (slices work on lists and strings)", article(obj.Type()))
		return nil
	}
}

// sliceIndices gives the indices that xs[lo:hi:step] takes from a
// sequence of length n, start, start+step, ..., n of them, by Python's
// rules: missing bounds default by the step's sign, negative ones count
// from the end, and out-of-range ones are clipped.
func sliceIndices(n int, lo, hi, step Object, pos lang.Pos) (start, st, count int) {
	s := int64(1)
	if step != None {
		s = sliceBound(step, pos)
		if s == 0 {
			fail(pos, "slice step cannot be zero")
		}
		// A step beyond the sequence takes at most one item: clamping it
		// changes nothing else and keeps the arithmetic below in range.
		s = max(min(s, int64(n)+1), -int64(n)-1)
	}
	clip := func(o Object, def int64) int64 {
		if o == None {
			return def
		}
		i := sliceBound(o, pos)
		if i < 0 {
			i += int64(n)
		}
		if s > 0 {
			return min(max(i, 0), int64(n))
		}
		return min(max(i, -1), int64(n)-1)
	}
	var a, b, k int64
	if s > 0 {
		a, b = clip(lo, 0), clip(hi, int64(n))
		if b > a {
			k = (b-a-1)/s + 1
		}
	} else {
		a, b = clip(lo, int64(n)-1), clip(hi, -1)
		if a > b {
			k = (a-b-1)/-s + 1
		}
	}
	return int(a), int(s), int(k)
}

func sliceBound(o Object, pos lang.Pos) int64 {
	i, err := ToIndex(o)
	if err != nil {
		fail(pos, "slice bounds must be integers or none: %s", err)
	}
	return i
}

func (c *compiler) fstring(e *lang.FStringExpr) exprFn {
	type part struct {
		lit   string
		x     exprFn
		conv  byte
		spec  string
		debug string
		pos   lang.Pos
	}
	parts := make([]part, len(e.Parts))
	for i, p := range e.Parts {
		parts[i] = part{lit: p.Lit, conv: p.Conv, spec: p.Spec, debug: p.Debug, pos: e.P}
		if p.X != nil {
			parts[i].x = c.expr(p.X)
			parts[i].pos = p.X.Pos()
		}
	}
	return func(fr *frame) Object {
		var b strings.Builder
		for _, p := range parts {
			if p.x == nil {
				b.WriteString(p.lit)
				continue
			}
			b.WriteString(p.debug)
			var v Object = p.x(fr)
			var err error
			switch p.conv {
			case 'r':
				v, err = stringFits(ReprFits(v, "an f-string"))
			case 's':
				v, err = stringFits(StrFits(v, "an f-string"))
			}
			var s string
			if err == nil && p.spec == "" {
				s, err = StrFits(v, "an f-string")
			} else if err == nil {
				s, err = Format(v, p.spec)
			}
			if err == nil {
				err = CheckLen("string", "an f-string", int64(b.Len()+len(s)))
			}
			if err != nil {
				failErr(p.pos, err)
			}
			b.WriteString(s)
		}
		return String(b.String())
	}
}

// letMany compiles `let a, b = xs` and `let a, b = x, y`: each name is
// bound by the binding rule, as `let` binds one.
func (c *compiler) letMany(s *lang.LetStmt) stmtFn {
	names := s.Names
	if names == nil {
		names = []*lang.Ident{s.Name}
	}
	if s.Values != nil {
		if len(s.Values) != len(names) {
			staticErr(s.P, countMismatch(len(s.Values), len(names)))
		}
		vals := c.exprs(s.Values)
		stores := c.declareAll(names)
		th := c.th
		return func(fr *frame) ctrl {
			got := make([]Object, len(vals))
			for i, v := range vals {
				got[i] = v(fr)
			}
			for i, st := range stores {
				st(fr, bind(th, names[i].Name, got[i]))
			}
			return ctrlNext
		}
	}
	val := c.expr(s.Value)
	stores := c.declareAll(names)
	th, pos := c.th, s.Value.Pos()
	return func(fr *frame) ctrl {
		items := unpackItems(val(fr), len(names), pos)
		for i, st := range stores {
			st(fr, bind(th, names[i].Name, items[i]))
		}
		return ctrlNext
	}
}

func (c *compiler) declareAll(names []*lang.Ident) []func(*frame, Object) {
	out := make([]func(*frame, Object), len(names))
	for i, n := range names {
		out[i] = c.declare(n)
	}
	return out
}

func countMismatch(vals, names int) string {
	if names == 1 {
		return "let gives one name " + itoa(vals) + " values (for a list, write let x = [a, b])"
	}
	return unpackCounts(int64(vals), names)
}

// unpackCounts says that vals values do not fit names names, in English:
// "1 value", "2 values".
func unpackCounts(vals int64, names int) string {
	count := func(n int64, one string) string {
		if n == 1 {
			return "1 " + one
		}
		return Int(n).String() + " " + one + "s"
	}
	return "cannot unpack " + count(vals, "value") + " into " + count(int64(names), "name")
}

// unpackItems gives the n items of a list (or range or string), or stops
// with an error that says why they do not fit.
func unpackItems(o Object, n int, pos lang.Pos) []Object {
	var items []Object
	switch x := o.(type) {
	case *List:
		items = x.Elems
	case *Range:
		if x.Len() == int64(n) {
			for i := int64(0); i < x.Len(); i++ {
				items = append(items, Int(x.At(i)))
			}
		} else {
			fail(pos, "%s", unpackCounts(x.Len(), n))
		}
	case String:
		for _, r := range string(x) {
			items = append(items, String(r))
		}
	default:
		fail(pos, "cannot unpack %s into %d names", article(o.Type()), n)
	}
	if len(items) != n {
		fail(pos, "%s", unpackCounts(int64(len(items)), n))
	}
	return items
}

func itoa(n int) string { return Int(n).String() }

func stringFits(s string, err error) (Object, error) { return String(s), err }
