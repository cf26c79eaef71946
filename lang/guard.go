package lang

import (
	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// Guards are Parseable grammar elements that stand where a statement has
// committed to its form (after its keyword): they take the token they need
// or stop the parse with an error worded for the place. Participle's own
// errors would name Go types and come from wherever its backtracking
// stopped; a guard's error is final (see bailout in parse.go).

// want names the token a guard requires next and how to say it is
// missing.
type want interface{ want() (tok, what string) }

type (
	condOpen struct{}
	loopOpen struct{}
)

func (condOpen) want() (string, string) { return "{", `"{" after the condition` }
func (loopOpen) want() (string, string) { return "{", `"{" after the loop's iterable` }

// ahead stops the parse unless the next token is the punctuation or
// keyword tok.
func ahead(lex *lexer.PeekingLexer, tok, what string) {
	t := lex.Peek()
	if t.Value == tok && (t.Type == tPunct || t.Type == tKeyword) {
		return
	}
	if tok == "{" && isPunct(t, "=") {
		fail(t, "expected "+what+`, found "=" (to compare, use "==")`)
	}
	expected(t, what)
}

// keyword is the position of the keyword just taken.
func keyword(lex *lexer.PeekingLexer) lexer.Position {
	c := lex.RawCursor()
	return lex.Range(c-1, c)[0].Pos
}

// letHead is the name or names after `let`, which "=" must follow.
type letHead struct {
	KW, Pos lexer.Position
	Name    string
	Names   []*Ident // every name, when there are several
}

func (h *letHead) Parse(lex *lexer.PeekingLexer) error {
	h.KW = keyword(lex)
	t := lex.Peek()
	if t.Type != tIdent {
		fail(t, `"let" needs a name: let x = ...`)
	}
	h.Pos, h.Name = t.Pos, t.Value
	lex.Next()
	if isPunct(lex.Peek(), ",") {
		h.Names = []*Ident{nameIdent(h.Pos, h.Name)}
		for isPunct(lex.Peek(), ",") {
			lex.Next()
			id := (&climber{lex: lex}).ident(`a name after ","`)
			for _, n := range h.Names {
				if n.Name == id.Name {
					failAt(id.P, "the name "+id.Name+" is given twice")
				}
			}
			h.Names = append(h.Names, id)
		}
		ahead(lex, "=", `"=" after the names`)
		return nil
	}
	ahead(lex, "=", `"=" after the name`)
	return nil
}

// letValue is the right side of a let: one expression or a comma list of
// them (let a, b = 1.0, 2.0), and the end of the statement.
type letValue struct{ Xs []Expr }

func (v *letValue) Parse(lex *lexer.PeekingLexer) error {
	p := &climber{lex: lex}
	v.Xs = []Expr{p.required()}
	for isPunct(lex.Peek(), ",") {
		lex.Next()
		v.Xs = append(v.Xs, p.required())
	}
	endStmt(lex)
	return nil
}

// fnName is the name after `fn`; without one, the statement is an
// expression statement that starts with a function literal.
type fnName struct {
	KW, Pos lexer.Position
	Name    string
}

func (n *fnName) Parse(lex *lexer.PeekingLexer) error {
	t := lex.Peek()
	if t.Type != tIdent {
		return participle.NextMatch
	}
	n.KW, n.Pos, n.Name = keyword(lex), t.Pos, t.Value
	lex.Next()
	return nil
}

// wordStmt is the rest of `return [value]`, `break` or `continue`, and
// the end of the statement.
type wordStmt struct {
	KW lexer.Token
	X  Expr
}

func (w *wordStmt) Parse(lex *lexer.PeekingLexer) error {
	c := lex.RawCursor()
	w.KW = lex.Range(c-1, c)[0]
	if w.KW.Value == "return" && startsExpr(lex.Peek()) {
		w.X = (&climber{lex: lex}).expr()
	}
	endStmt(lex)
	return nil
}

// endExpr is the expression that ends a statement, and its end.
type endExpr struct{ X Expr }

func (e *endExpr) Parse(lex *lexer.PeekingLexer) error {
	e.X = (&climber{lex: lex}).required()
	endStmt(lex)
	return nil
}

// cond is an expression that "{" must follow, as W says, after the
// keyword of an if, while or for.
type cond[W want] struct {
	KW lexer.Position
	X  Expr
}

func (c *cond[W]) Parse(lex *lexer.PeekingLexer) error {
	c.KW = keyword(lex)
	c.X = (&climber{lex: lex}).required()
	var w W
	tok, what := w.want()
	ahead(lex, tok, what)
	return nil
}

// forVars is the loop variables after `for`, which "in" must follow.
type forVars struct {
	KW   lexer.Position
	Vars []*Ident
}

func (v *forVars) Parse(lex *lexer.PeekingLexer) error {
	v.KW = keyword(lex)
	p := &climber{lex: lex}
	if t := p.peek(); t.Type != tIdent {
		fail(t, `"for" needs a loop variable: for x in xs { ... }`)
	}
	v.Vars = p.names()
	ahead(lex, "in", `"in" after the loop variable`)
	return nil
}

// elseCheck makes sure that `if` or "{" follows `else`.
type elseCheck struct{}

func (*elseCheck) Parse(lex *lexer.PeekingLexer) error {
	if !isKeyword(lex.Peek(), "if") {
		ahead(lex, "{", `"{" or "if" after "else"`)
	}
	return nil
}

// stmtEnd ends a statement: a separator, or (without taking it) the "}"
// of the enclosing block or the end of input.
type stmtEnd struct{}

func (*stmtEnd) Parse(lex *lexer.PeekingLexer) error {
	endStmt(lex)
	return nil
}

func endStmt(lex *lexer.PeekingLexer) {
	switch t := lex.Peek(); {
	case t.Type == tSep:
		lex.Next()
	case t.EOF(), isPunct(t, "}"):
	default:
		expected(t, `newline or ";" after the statement`)
	}
}

// fileEnd is the end of input, after the last statement.
type fileEnd struct{}

func (*fileEnd) Parse(lex *lexer.PeekingLexer) error {
	if t := lex.Peek(); !t.EOF() {
		fail(t, "unexpected "+describe(t))
	}
	return nil
}

// blockClose is the "}" after a block's statements.
type blockClose struct{ Pos lexer.Position }

func (c *blockClose) Parse(lex *lexer.PeekingLexer) error {
	t := lex.Peek()
	switch {
	case isPunct(t, "}"):
	case t.EOF():
		expected(t, `"}"`)
	default:
		fail(t, "unexpected "+describe(t))
	}
	c.Pos = t.Pos
	lex.Next()
	return nil
}

// simpleStmt is an expression statement or an assignment, the most common
// statements. It is parsed by the climber as a whole, as if the assignment
// were one more operator of lowest precedence: as a grammar struct each
// cost twice the allocations. It leaves `fn NAME` to the function
// statement.
type simpleStmt struct{ S Stmt }

func (s *simpleStmt) Parse(lex *lexer.PeekingLexer) error {
	start := lex.Peek()
	p := &climber{lex: lex}
	if !startsExpr(start) || isKeyword(start, "fn") && p.peek2().Type == tIdent {
		return participle.NextMatch
	}
	x := p.expr()
	op := lex.Peek()
	if !isAssignOp(op) {
		s.S = &ExprStmt{X: x}
		endStmt(lex)
		return nil
	}
	checkTarget(start, x)
	lex.Next()
	s.S = &AssignStmt{P: toPos(op.Pos), Op: op.Value, Target: x, Value: p.required()}
	endStmt(lex)
	return nil
}

func isAssignOp(t *lexer.Token) bool {
	if t.Type != tPunct {
		return false
	}
	switch t.Value {
	case "=", "+=", "-=", "*=", "/=":
		return true
	}
	return false
}

// checkTarget stops the parse unless x can be assigned to.
func checkTarget(start *lexer.Token, x Expr) {
	var what string
	switch x := x.(type) {
	case *Ident, *FieldExpr, *IndexExpr:
		return
	case *CallExpr:
		what = "a call"
	case *IntLit, *FloatLit:
		what = "a number"
	case *StringLit:
		what = "a string"
	case *BoolLit, *NoneLit:
		what = start.Value
	case *ListLit:
		what = "a list"
	case *ListComp:
		what = "a comprehension"
		if x.Gen {
			what = "a generator"
		}
	case *FuncLit:
		what = "a function"
	case *UnaryExpr:
		what = "the result of " + quote(x.Op)
	case *BinaryExpr:
		what = "the result of " + quote(x.Op)
	}
	fail(start, "cannot assign to "+what)
}

// paramList is `( a, b, c=default )`.
type paramList struct {
	Open   lexer.Position
	Params []*Param
}

func (l *paramList) Parse(lex *lexer.PeekingLexer) error {
	open := lex.Peek()
	if !isPunct(open, "(") {
		expected(open, `"(" after the function name`)
	}
	l.Open = open.Pos
	lex.Next()
	p := &climber{lex: lex}
	for !isPunct(lex.Peek(), ")") {
		l.Params = append(l.Params, p.param(l.Params))
		if !isPunct(lex.Peek(), ",") {
			break
		}
		lex.Next()
	}
	p.close(open, ")", `"," or ")" after the parameter`)
	ahead(lex, "{", `"{" to start the function body`)
	return nil
}
