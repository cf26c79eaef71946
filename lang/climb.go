package lang

import (
	"math"
	"strconv"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// climber parses expressions straight into the syntax tree, one method per
// precedence level. Left-associative levels loop, so a flat chain of any
// length costs no stack; only brackets, prefix operators and `**` recurse,
// and scan has bounded how deeply those nest.
type climber struct {
	lex *lexer.PeekingLexer
}

func (p *climber) peek() *lexer.Token { return p.lex.Peek() }
func (p *climber) next() *lexer.Token { return p.lex.Next() }

// peek2 is the token after the next one.
func (p *climber) peek2() *lexer.Token {
	cp := p.lex.MakeCheckpoint()
	p.lex.Next()
	t := p.lex.Peek()
	p.lex.LoadCheckpoint(cp)
	return t
}

// required parses an expression that must be there.
func (p *climber) required() Expr {
	if t := p.peek(); !startsExpr(t) {
		noExpr(t)
	}
	return p.expr()
}

// expr is a whole expression: the conditional `x if c else y` has the
// lowest precedence, as in Python, and its else side nests to the right.
func (p *climber) expr() Expr {
	x := p.or()
	if t := p.peek(); isKeyword(t, "if") {
		p.next()
		c := &CondExpr{P: toPos(t.Pos), Then: x, Cond: p.requiredOr()}
		if e := p.peek(); !isKeyword(e, "else") {
			expected(e, `"else" in the conditional expression x if c else y`)
		}
		p.next()
		c.Else = p.required()
		return c
	}
	return x
}

// requiredOr parses an expression without a conditional at its top, as
// Python's comprehensions and conditions take: an `if` after it belongs
// to the enclosing form.
func (p *climber) requiredOr() Expr {
	if t := p.peek(); !startsExpr(t) {
		noExpr(t)
	}
	return p.or()
}

func (p *climber) or() Expr {
	x := p.and()
	for isKeyword(p.peek(), "or") {
		t := p.next()
		x = &BinaryExpr{P: toPos(t.Pos), Op: "or", X: x, Y: p.and()}
	}
	return x
}

func (p *climber) and() Expr {
	x := p.not()
	for isKeyword(p.peek(), "and") {
		t := p.next()
		x = &BinaryExpr{P: toPos(t.Pos), Op: "and", X: x, Y: p.not()}
	}
	return x
}

func (p *climber) not() Expr {
	if !isKeyword(p.peek(), "not") {
		return p.comparison()
	}
	t := p.next()
	return &UnaryExpr{P: toPos(t.Pos), Op: "not", X: p.not()}
}

func (p *climber) comparison() Expr {
	x := p.sum()
	if t := p.peek(); isComparison(t) {
		p.next()
		x = &BinaryExpr{P: toPos(t.Pos), Op: t.Value, X: x, Y: p.sum()}
		if t := p.peek(); isComparison(t) {
			fail(t, "comparisons do not chain: write a < b and b < c")
		}
	}
	return x
}

func (p *climber) sum() Expr {
	x := p.term()
	for t := p.peek(); isPunct(t, "+") || isPunct(t, "-"); t = p.peek() {
		p.next()
		p.noIncrement(t)
		x = &BinaryExpr{P: toPos(t.Pos), Op: t.Value, X: x, Y: p.term()}
	}
	return x
}

func (p *climber) term() Expr {
	x := p.unary()
	for t := p.peek(); isMulOp(t); t = p.peek() {
		p.next()
		x = &BinaryExpr{P: toPos(t.Pos), Op: t.Value, X: x, Y: p.unary()}
	}
	return x
}

func (p *climber) unary() Expr {
	if t := p.peek(); isPunct(t, "-") || isPunct(t, "+") {
		p.next()
		if t.Value == "-" {
			if n := p.minInt(); n != nil {
				n.P = toPos(t.Pos)
				return n
			}
		}
		return &UnaryExpr{P: toPos(t.Pos), Op: t.Value, X: p.unary()}
	}
	return p.power()
}

// minInt reads the literal 9223372036854775808 after a unary minus as the
// smallest int, which has no positive literal of its own: in Python
// -9223372036854775808 is an int, and mg prints that number in its
// overflow messages. Not when a postfix or ** follows, which binds to the
// literal first (-9223372036854775808**2 is -(9223372036854775808**2)).
func (p *climber) minInt() *IntLit {
	t := p.peek()
	if t.Type != tInt {
		return nil
	}
	if u, err := strconv.ParseUint(numberDigits(t.Value), 10, 64); err != nil || u != 1<<63 {
		return nil
	}
	if n := p.peek2(); isPunct(n, "**") || isPunct(n, "(") || isPunct(n, "[") || isPunct(n, ".") {
		return nil
	}
	p.next()
	return &IntLit{Value: math.MinInt64}
}

// power is right-associative, and its right side is a unary expression:
// -x**2 is -(x**2), 2**-1 works.
func (p *climber) power() Expr {
	x := p.postfix()
	if t := p.peek(); isPunct(t, "**") {
		p.next()
		x = &BinaryExpr{P: toPos(t.Pos), Op: "**", X: x, Y: p.unary()}
	}
	return x
}

func (p *climber) postfix() Expr {
	x := p.primary()
	for {
		t := p.peek()
		switch {
		case isPunct(t, "("):
			x = p.call(x)
		case isPunct(t, "["):
			x = p.index(x)
		case isPunct(t, "."):
			p.next()
			n := p.peek()
			if n.Type != tIdent {
				expected(n, `a field name after "."`)
			}
			p.next()
			x = &FieldExpr{P: toPos(n.Pos), X: x, Name: n.Value}
		default:
			return x
		}
	}
}

func (p *climber) primary() Expr {
	t := p.peek()
	switch t.Type {
	case tIdent:
		p.next()
		return &Ident{P: toPos(t.Pos), Name: t.Value}
	case tInt:
		p.next()
		v, err := strconv.ParseInt(numberDigits(t.Value), 10, 64) // 1_000
		if err != nil {
			fail(t, "integer literal too large: "+t.Value+" (an int is at most 9223372036854775807)")
		}
		return &IntLit{P: toPos(t.Pos), Value: v}
	case tFloat:
		p.next()
		v, _ := strconv.ParseFloat(numberDigits(t.Value), 64)
		if math.IsInf(v, 0) {
			fail(t, "float literal too large: "+t.Value)
		}
		return &FloatLit{P: toPos(t.Pos), Value: v}
	case tString:
		p.next()
		return &StringLit{P: toPos(t.Pos), Value: unquote(t.Value)}
	case tFString:
		p.next()
		return p.fstring(t)
	case tKeyword:
		switch t.Value {
		case "true", "false":
			p.next()
			return &BoolLit{P: toPos(t.Pos), Value: t.Value == "true"}
		case "none":
			p.next()
			return &NoneLit{P: toPos(t.Pos)}
		case "fn":
			return p.funcLit()
		}
	case tPunct:
		switch t.Value {
		case "(":
			p.next()
			x := p.required()
			if isKeyword(p.peek(), "for") {
				g := p.generator(t, x)
				p.close(t, ")", `"for", "if" or ")" in the generator`)
				return g
			}
			p.close(t, ")", `")"`)
			return x
		case "[":
			return p.list()
		}
	}
	noExpr(t)
	return nil
}

// close takes the bracket that closes open, or stops with an error that
// says what was expected; a closer missing at the end of input is
// reworded by the caller of the parse as a bracket never closed.
func (p *climber) close(open *lexer.Token, closer, what string) *lexer.Token {
	t := p.peek()
	if isPunct(t, closer) {
		return p.next()
	}
	if !t.EOF() && t.Pos.Line != open.Pos.Line {
		what += " to close the " + quote(open.Value) + " at " + lineCol(open.Pos)
	}
	expected(t, what)
	return nil
}

func (p *climber) call(fn Expr) Expr {
	open := p.next()
	c := &CallExpr{P: toPos(open.Pos), Fn: fn}
	for !isPunct(p.peek(), ")") {
		t := p.peek()
		if t.Type == tIdent && isPunct(p.peek2(), "=") {
			p.next()
			p.next()
			for _, k := range c.Kwargs {
				if k.Name == t.Value {
					fail(t, "keyword argument "+t.Value+" given twice")
				}
			}
			c.Kwargs = append(c.Kwargs, &Kwarg{P: toPos(t.Pos), Name: t.Value, Value: p.required()})
		} else {
			if len(c.Kwargs) > 0 && startsExpr(t) {
				fail(t, "positional argument after keyword argument")
			}
			arg := p.required()
			if isKeyword(p.peek(), "for") {
				c.Args = append(c.Args, p.bareGenerator(open, c, arg))
				return c
			}
			c.Args = append(c.Args, arg)
		}
		if !isPunct(p.peek(), ",") {
			break
		}
		p.next()
	}
	p.close(open, ")", `"," or ")" after the argument`)
	return c
}

// bareGenerator is Python's `f(x for x in xs)`: a generator with no
// parentheses of its own may only be the call's sole argument.
func (p *climber) bareGenerator(open *lexer.Token, c *CallExpr, elem Expr) Expr {
	g := p.generator(open, elem)
	g.P = elem.Pos()
	if t := p.peek(); len(c.Args) > 0 || len(c.Kwargs) > 0 || isPunct(t, ",") {
		failAt(g.P, "a generator that is not the only argument needs its own parentheses: f((x for x in xs), b)")
	}
	p.close(open, ")", `"for", "if" or ")" after the generator`)
	return g
}

// funcLit is `fn (params) { body }`; the statements of the body are
// parsed by participle again.
func (p *climber) funcLit() Expr {
	fn := p.next()
	if t := p.peek(); !isPunct(t, "(") {
		expected(t, `"(" after "fn"`)
	}
	f, err := funcParser.ParseFromLexer(p.lex, participle.AllowTrailing(true))
	if err != nil {
		panic(bailout{fromParticiple(err)})
	}
	return lowerFunc(fn.Pos, f)
}

// param is one parameter; earlier are the ones before it.
func (p *climber) param(earlier []*Param) *Param {
	id := p.ident("a parameter name")
	for _, e := range earlier {
		if e.Name.Name == id.Name {
			failAt(id.P, "duplicate parameter "+id.Name)
		}
	}
	prm := &Param{Name: id}
	if isPunct(p.peek(), "=") {
		p.next()
		prm.Default = p.required()
	} else if n := len(earlier); n > 0 && earlier[n-1].Default != nil {
		failAt(id.P, "parameter "+id.Name+" needs a default value, as the parameters before it have one")
	}
	return prm
}

// startsExpr reports whether t can start an expression.
func startsExpr(t *lexer.Token) bool {
	switch t.Type {
	case tIdent, tInt, tFloat, tString, tFString:
		return true
	case tKeyword:
		switch t.Value {
		case "true", "false", "none", "not", "fn":
			return true
		}
	case tPunct:
		switch t.Value {
		case "(", "[", "-", "+":
			return true
		}
	}
	return false
}

// noExpr stops the parse where an expression was needed.
func noExpr(t *lexer.Token) {
	if isKeyword(t, "not") {
		expected(t, `an expression (put "not ..." in parentheses here)`)
	}
	expected(t, "an expression")
}

func isPunct(t *lexer.Token, v string) bool   { return t.Type == tPunct && t.Value == v }
func isKeyword(t *lexer.Token, v string) bool { return t.Type == tKeyword && t.Value == v }

func isComparison(t *lexer.Token) bool {
	if t.Type != tPunct {
		return false
	}
	switch t.Value {
	case "==", "!=", "<", "<=", ">", ">=":
		return true
	}
	return false
}

func isMulOp(t *lexer.Token) bool {
	if t.Type != tPunct {
		return false
	}
	switch t.Value {
	case "*", "/", "//", "%":
		return true
	}
	return false
}
