package lang

import "github.com/alecthomas/participle/v2/lexer"

// The climber's sequences: list literals, comprehensions, indices and
// slices; and C's x++, which mg must not read as x + the next line.

func (p *climber) list() Expr {
	open := p.next()
	l := &ListLit{P: toPos(open.Pos)}
	if isPunct(p.peek(), "]") {
		p.next()
		return l
	}
	first := p.required()
	if isKeyword(p.peek(), "for") {
		return p.comprehension(open, first)
	}
	l.Elems = append(l.Elems, first)
	for isPunct(p.peek(), ",") {
		p.next()
		if isPunct(p.peek(), "]") {
			break
		}
		l.Elems = append(l.Elems, p.required())
	}
	p.close(open, "]", `"," or "]" in the list`)
	return l
}

func (p *climber) comprehension(open *lexer.Token, elem Expr) Expr {
	c := p.clauses(open, elem)
	p.close(open, "]", `"for", "if" or "]" in the comprehension`)
	return c
}

// generator is Python's `(elem for ... in ...)`, read up to but not
// including the ")" that closes open: mg evaluates it eagerly, as the
// list comprehension with the same clauses, so sum and max see the same
// items in the same order as they would from Python's generator.
func (p *climber) generator(open *lexer.Token, elem Expr) *ListComp {
	c := p.clauses(open, elem)
	c.Gen = true
	return c
}

// clauses reads the `for ... in ... if ...` parts after elem.
func (p *climber) clauses(open *lexer.Token, elem Expr) *ListComp {
	c := &ListComp{P: toPos(open.Pos), Elem: elem}
	for isKeyword(p.peek(), "for") {
		f := p.next()
		if t := p.peek(); t.Type != tIdent {
			expected(t, `a loop variable after "for"`)
		}
		cl := &CompClause{P: toPos(f.Pos), Vars: p.names()}
		if t := p.peek(); !isKeyword(t, "in") {
			expected(t, `"in" after the loop variable`)
		}
		p.next()
		cl.Iter = p.requiredOr()
		for isKeyword(p.peek(), "if") {
			p.next()
			cl.Conds = append(cl.Conds, p.requiredOr())
		}
		c.Clauses = append(c.Clauses, cl)
	}
	return c
}

// names is `a` or `a, b, ...`: loop variables.
func (p *climber) names() []*Ident {
	vars := []*Ident{p.ident("a loop variable")}
	for isPunct(p.peek(), ",") {
		p.next()
		vars = append(vars, p.ident(`a loop variable after ","`))
	}
	return vars
}

func (p *climber) ident(what string) *Ident {
	t := p.peek()
	if t.Type != tIdent {
		expected(t, what)
	}
	p.next()
	return &Ident{P: toPos(t.Pos), Name: t.Value}
}

// index is `x[i]` or a slice `x[lo:hi:step]`, any bound left out.
func (p *climber) index(x Expr) Expr {
	open := p.next()
	var lo Expr
	if !isPunct(p.peek(), ":") {
		lo = p.required()
		if !isPunct(p.peek(), ":") {
			p.close(open, "]", `"]" after the index`)
			return &IndexExpr{P: toPos(open.Pos), X: x, Index: lo}
		}
	}
	s := &SliceExpr{P: toPos(open.Pos), X: x, Lo: lo}
	p.next() // the first ":"
	if startsExpr(p.peek()) {
		s.Hi = p.expr()
	}
	if isPunct(p.peek(), ":") {
		p.next()
		if startsExpr(p.peek()) {
			s.Step = p.expr()
		}
	}
	p.close(open, "]", `"]" after the slice`)
	return s
}

// noIncrement stops at C's x++ or x--, just after the first sign t:
// mg would read it as x + (+ the next line).
func (p *climber) noIncrement(t *lexer.Token) {
	n := p.peek()
	if !isPunct(n, t.Value) || n.Pos.Line != t.Pos.Line || n.Pos.Column != t.Pos.Column+1 {
		return
	}
	if after := p.peek2(); after.EOF() || after.Type == tSep || after.Pos.Line != n.Pos.Line {
		fail(t, "mg has no "+t.Value+t.Value+": write x "+t.Value+"= 1")
	}
}
