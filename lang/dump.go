package lang

import (
	"strconv"
	"strings"
)

// Dump writes a node, or a *File, as a one-line S-expression, for tests:
//
//	let a = a*b + c         (let a (+ (* a b) c))
//	x.data -= 0.5           (-= (. x data) 0.5)
//	f(a, k=1)[0]            (index (call f a k=1) 0)
//	fn f(a, b=2) { ... }    (fn f (a b=2) {...})
//	if c { } else { }       (if c {} {})
//	for a, b in xs { }      (for (a b) xs {})
//	[x for x in xs if c]    (comp x (for x xs (if c)))
//
// A block is {stmt stmt}; a float always shows a point or an exponent
// (2.0, 1e-05); a file is its statements separated by "; ".
func Dump(n Node) string {
	var d dumper
	d.node(n)
	return d.String()
}

type dumper struct{ strings.Builder }

func (d *dumper) list(head string, parts ...func()) {
	d.WriteString("(" + head)
	for _, p := range parts {
		d.WriteByte(' ')
		p()
	}
	d.WriteByte(')')
}

func (d *dumper) n(x Node) func()   { return func() { d.node(x) } }
func (d *dumper) s(x string) func() { return func() { d.WriteString(x) } }

func (d *dumper) node(n Node) {
	switch n := n.(type) {
	case *File:
		for i, s := range n.Stmts {
			if i > 0 {
				d.WriteString("; ")
			}
			d.node(s)
		}
	case *Block:
		d.WriteByte('{')
		for i, s := range n.Stmts {
			if i > 0 {
				d.WriteByte(' ')
			}
			d.node(s)
		}
		d.WriteByte('}')
	case *LetStmt:
		names, vals := []func(){d.n(n.Name)}, []func(){d.n(n.Value)}
		if n.Names != nil {
			names = []func(){func() { d.vars(n.Names) }}
		}
		if n.Values != nil {
			vals = []func(){func() { d.exprList(n.Values) }}
		}
		d.list("let", append(names, vals...)...)
	case *AssignStmt:
		d.list(n.Op, d.n(n.Target), d.n(n.Value))
	case *ExprStmt:
		d.node(n.X)
	case *FnStmt:
		d.list("fn", d.n(n.Name), func() { d.params(n.Func.Params) }, d.n(n.Func.Body))
	case *FuncLit:
		d.list("fn", func() { d.params(n.Params) }, d.n(n.Body))
	case *ReturnStmt:
		if n.Value == nil {
			d.list("return")
		} else {
			d.list("return", d.n(n.Value))
		}
	case *IfStmt:
		if n.Else == nil {
			d.list("if", d.n(n.Cond), d.n(n.Then))
		} else {
			d.list("if", d.n(n.Cond), d.n(n.Then), d.n(n.Else))
		}
	case *WhileStmt:
		d.list("while", d.n(n.Cond), d.n(n.Body))
	case *ForStmt:
		d.list("for", func() { d.vars(n.Vars) }, d.n(n.Iter), d.n(n.Body))
	case *BreakStmt:
		d.list("break")
	case *ContinueStmt:
		d.list("continue")
	default:
		d.expr(n)
	}
}

func (d *dumper) expr(n Node) {
	switch n := n.(type) {
	case *Ident:
		d.WriteString(n.Name)
	case *IntLit:
		d.WriteString(strconv.FormatInt(n.Value, 10))
	case *FloatLit:
		d.WriteString(formatFloat(n.Value))
	case *StringLit:
		d.WriteString(strconv.Quote(n.Value))
	case *BoolLit:
		d.WriteString(strconv.FormatBool(n.Value))
	case *NoneLit:
		d.WriteString("none")
	case *ListLit:
		parts := make([]func(), len(n.Elems))
		for i, e := range n.Elems {
			parts[i] = d.n(e)
		}
		d.list("list", parts...)
	case *ListComp:
		parts := []func(){d.n(n.Elem)}
		for _, c := range n.Clauses {
			parts = append(parts, d.n(c))
		}
		head := "comp"
		if n.Gen {
			head = "gen"
		}
		d.list(head, parts...)
	case *CompClause:
		parts := []func(){func() { d.vars(n.Vars) }, d.n(n.Iter)}
		for _, c := range n.Conds {
			parts = append(parts, func() { d.list("if", d.n(c)) })
		}
		d.list("for", parts...)
	case *UnaryExpr:
		d.list(n.Op, d.n(n.X))
	case *BinaryExpr:
		d.list(n.Op, d.n(n.X), d.n(n.Y))
	case *CallExpr:
		parts := []func(){d.n(n.Fn)}
		for _, a := range n.Args {
			parts = append(parts, d.n(a))
		}
		for _, k := range n.Kwargs {
			parts = append(parts, d.n(k))
		}
		d.list("call", parts...)
	case *Kwarg:
		d.WriteString(n.Name + "=")
		d.node(n.Value)
	case *IndexExpr:
		d.list("index", d.n(n.X), d.n(n.Index))
	case *FieldExpr:
		d.list(".", d.n(n.X), d.s(n.Name))
	case *CondExpr:
		d.list("ifelse", d.n(n.Cond), d.n(n.Then), d.n(n.Else))
	case *SliceExpr:
		d.list("slice", d.n(n.X), d.opt(n.Lo), d.opt(n.Hi), d.opt(n.Step))
	case *FStringExpr:
		parts := make([]func(), len(n.Parts))
		for i, p := range n.Parts {
			parts[i] = func() { d.fpart(p) }
		}
		d.list("f", parts...)
	case nil:
		d.WriteString("<nil>")
	default:
		d.WriteString("<?>")
	}
}

// opt writes an absent slice bound as _.
func (d *dumper) opt(x Expr) func() {
	if x == nil {
		return d.s("_")
	}
	return d.n(x)
}

// fpart writes literal text quoted and a field as {x!r:spec}.
func (d *dumper) fpart(p *FStringPart) {
	if p.X == nil {
		d.WriteString(strconv.Quote(p.Lit))
		return
	}
	d.WriteString("{" + p.Debug)
	d.node(p.X)
	if p.Conv != 0 {
		d.WriteString("!" + string(p.Conv))
	}
	if p.Spec != "" {
		d.WriteString(":" + p.Spec)
	}
	d.WriteByte('}')
}

func (d *dumper) exprList(xs []Expr) {
	d.WriteByte('(')
	for i, x := range xs {
		if i > 0 {
			d.WriteByte(' ')
		}
		d.node(x)
	}
	d.WriteByte(')')
}

func (d *dumper) params(ps []*Param) {
	d.WriteByte('(')
	for i, p := range ps {
		if i > 0 {
			d.WriteByte(' ')
		}
		d.WriteString(p.Name.Name)
		if p.Default != nil {
			d.WriteByte('=')
			d.node(p.Default)
		}
	}
	d.WriteByte(')')
}

// vars writes one loop variable bare and several in parentheses.
func (d *dumper) vars(vs []*Ident) {
	if len(vs) == 1 {
		d.WriteString(vs[0].Name)
		return
	}
	d.WriteByte('(')
	for i, v := range vs {
		if i > 0 {
			d.WriteByte(' ')
		}
		d.WriteString(v.Name)
	}
	d.WriteByte(')')
}

// formatFloat writes v so that it reads back as a float, not an int.
func formatFloat(v float64) string {
	s := strconv.FormatFloat(v, 'g', -1, 64)
	if !strings.ContainsAny(s, ".eIN") {
		s += ".0"
	}
	return s
}
