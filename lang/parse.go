package lang

import (
	"errors"
	"strconv"
	"strings"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// Parse parses a whole source. The error, if any, is an *Error; it wraps
// ErrIncomplete when the input only ended too early.
func Parse(name, src string) (*File, error) { return ParseFrom(name, src, 1) }

// ParseFrom is Parse with line numbers starting at firstLine, for a REPL or
// stdin that feeds statements one chunk at a time but counts lines from the
// start of its input.
func ParseFrom(name, src string, firstLine int) (*File, error) {
	if firstLine <= 1 {
		src = dropBOM(src)
	}
	file := &File{Name: name, Stmts: []Stmt{}}
	f := newFilter(name, src, firstLine)
	for {
		c := &chunk{f: f}
		err := parse(f, c, func(pl *lexer.PeekingLexer) {
			node, err := fileParser.ParseFromLexer(pl)
			if err != nil {
				panic(bailout{fromParticiple(err)})
			}
			file.Stmts = append(file.Stmts, lowerStmts(node.Stmts)...)
		})
		if err != nil {
			return nil, pythonHint(err, src, firstLine)
		}
		if c.last {
			return file, nil
		}
	}
}

// ParseExpr parses a single expression, such as the argument of the REPL
// command `:dot EXPR`.
func ParseExpr(name, src string) (Expr, error) {
	var x Expr
	f := newFilter(name, dropBOM(src), 1)
	err := parse(f, f, func(pl *lexer.PeekingLexer) {
		x = (&climber{lex: pl}).required()
		t := pl.Peek()
		if t.Type == tSep && t.Value != ";" {
			pl.Next()
			t = pl.Peek()
		}
		if !t.EOF() {
			expected(t, "the end of the expression")
		}
	})
	if err != nil {
		return nil, err
	}
	return x, nil
}

// dropBOM drops the byte order mark that some editors (Windows Notepad)
// put at the start of a UTF-8 file; CPython ignores it there too. Columns
// of the first line are counted without it, as Caret shows that line.
func dropBOM(src string) string { return strings.TrimPrefix(src, "\ufeff") }

// parse runs body over the tokens of lx, which come from f, and catches
// its bailout. It reports the lexical error or the parse error, whichever
// comes first in the source; a parse error at the end of input inside an
// open bracket becomes "... is never closed".
func parse(f *filter, lx lexer.Lexer, body func(*lexer.PeekingLexer)) error {
	pl, _ := lexer.Upgrade(lx) // the filter never fails
	if f.stopped {
		return f.err
	}
	perr := guard(func() { body(pl) })
	if f.err != nil && (perr == nil || !before(perr.Pos, f.errTok)) {
		return f.err
	}
	if perr == nil {
		return nil
	}
	if open := f.stack; errors.Is(perr, ErrIncomplete) && len(open) > 0 {
		o := open[len(open)-1].open
		perr.Msg = quote(o.Value) + " opened at " + lineCol(o.Pos) + " is never closed"
	}
	return perr
}

// bailout carries a syntax error out of the parse, from wherever it is
// found, to guard. The first error found is final: participle's
// backtracking never gets to replace it with a vaguer one.
type bailout struct{ err *Error }

// guard runs parse and returns the error it bailed out with.
func guard(parse func()) (err *Error) {
	defer func() {
		if r := recover(); r != nil {
			b, ok := r.(bailout)
			if !ok {
				panic(r)
			}
			err = b.err
		}
	}()
	parse()
	return nil
}

// fail stops the parse with msg at t; at the end of input the error wraps
// ErrIncomplete.
func fail(t *lexer.Token, msg string) {
	e := &Error{Pos: toPos(t.Pos), Msg: msg}
	if t.EOF() {
		e.wrapped = ErrIncomplete
	}
	panic(bailout{e})
}

// failAt stops the parse with msg at p.
func failAt(p Pos, msg string) { panic(bailout{&Error{Pos: p, Msg: msg}}) }

// expected stops the parse: expected WHAT, found T.
func expected(t *lexer.Token, what string) { fail(t, "expected "+what+", found "+describe(t)) }

// describe names a token for a person.
func describe(t *lexer.Token) string {
	switch {
	case t.EOF():
		return "end of input"
	case t.Type == tSep && t.Value == "\n":
		return "newline"
	case t.Type == tSep && t.Value == "":
		return "end of line"
	case t.Type == tString || t.Type == tFString:
		return "string " + t.Value
	}
	return quote(t.Value)
}

// fromParticiple words an error that participle itself returned. The
// guards leave it no way to fail that they do not word themselves, so this
// is a safety net.
func fromParticiple(err error) *Error {
	var ute *participle.UnexpectedTokenError
	if errors.As(err, &ute) {
		t := ute.Unexpected
		e := &Error{Pos: toPos(t.Pos), Msg: "unexpected " + describe(&t)}
		if t.EOF() {
			e.wrapped = ErrIncomplete
		}
		return e
	}
	var pe participle.Error
	if errors.As(err, &pe) {
		return &Error{Pos: toPos(pe.Position()), Msg: "syntax error"}
	}
	return &Error{Pos: Pos{Line: 1, Col: 1}, Msg: "syntax error"}
}

func toPos(p lexer.Position) Pos {
	line, col := p.Line, p.Column
	if line < 1 {
		line = 1
	}
	if col < 1 {
		col = 1
	}
	return Pos{File: p.Filename, Line: line, Col: col}
}

func lineCol(p lexer.Position) string {
	return strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Column)
}

func before(a, b Pos) bool { return a.Line < b.Line || a.Line == b.Line && a.Col < b.Col }

func quote(s string) string { return strconv.Quote(s) }

func itoa(n int) string { return strconv.Itoa(n) }
