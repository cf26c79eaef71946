package lang

import (
	"unicode/utf8"

	"github.com/alecthomas/participle/v2/lexer"
)

// filter turns raw tokens into the stream the grammar reads. It applies
// go/scanner's newline rule: a newline is a statement separator only where
// the innermost open bracket is not ( or [ (inside { } newlines count again,
// as in the body of a function literal passed as an argument) and after a
// token that can end a statement. A newline followed by `else` is dropped,
// so that `}` and `else` may sit on different lines. Separators never
// repeat, open a block or start the input.
//
// filter also classifies tokens (keywords, int or float, lexical errors),
// keeps the bracket stack, and measures nesting: brackets, runs of prefix
// operators, `**` chains and `else if` chains each nest what follows one
// level deeper. Past MaxNesting it stops with an error, before the parser
// ever sees the input, so that nothing recurses too deeply.
//
// filter is a participle lexer.Lexer; chunk streams it into lexer.Upgrade
// a few hundred tokens at a time, cut after a top-level statement.
type filter struct {
	raw   rawLexer
	queue []queued // tokens ready for Next, at most two
	eof   lexer.Token
	done  bool

	stack    []frame
	base     int // nesting of the enclosing brackets
	chain    int // prefix operators and ** in the current chain
	elifs    int // else-ifs in the current statement: each nests the rest
	pending  lexer.Token
	hasPend  bool
	prev     lexer.Token // the last token emitted, separators included
	last     lexer.Token // the last token emitted that is not a separator
	hasLast  bool
	lastEnds bool // a statement can end after the last token
	lastOp   bool // a - or + here is a prefix operator

	err     *Error // the first lexical error, or the nesting error
	errTok  Pos    // where the token with the lexical error starts
	stopped bool   // too deeply nested
}

// queued is a token ready to go; top marks a separator between top-level
// statements.
type queued struct {
	lexer.Token
	top bool
}

type frame struct {
	open               lexer.Token
	base, chain, elifs int
}

func newFilter(name, src string, firstLine int) *filter {
	if firstLine < 1 {
		firstLine = 1
	}
	f := &filter{lastOp: true, queue: make([]queued, 0, 2)}
	f.raw.init(name, src, firstLine)
	return f
}

// Next returns the next filtered token; after the end it returns EOF.
func (f *filter) Next() (lexer.Token, error) {
	t, _ := f.next()
	return t, nil
}

// next returns the next filtered token and whether it is a separator
// between top-level statements.
func (f *filter) next() (lexer.Token, bool) {
	for len(f.queue) == 0 {
		if f.done {
			return f.eof, false
		}
		f.token(f.raw.next())
	}
	q := f.queue[0]
	f.queue = append(f.queue[:0], f.queue[1:]...)
	return q.Token, q.top
}

// token handles one raw token.
func (f *filter) token(t lexer.Token) {
	switch {
	case t.EOF():
		f.finish(t)
		return
	case t.Type == rawNewline:
		if !f.hasPend && f.lastEnds && f.newlineCounts() {
			f.pending, f.hasPend = t, true
		}
		return
	}
	t = f.classify(t)
	if f.hasPend {
		if t.Type != tKeyword || t.Value != "else" {
			f.emitSep(f.pending)
		}
		f.hasPend = false
	}
	if t.Type == tPunct && t.Value == ";" {
		f.emitSep(t)
		return
	}
	if f.nest(t) {
		f.stopped, f.done = true, true
		f.eof = lexer.Token{Type: lexer.EOF, Pos: t.Pos}
		return
	}
	f.emit(t)
	f.last, f.hasLast = t, true
	f.lastEnds = canEnd(t)
	f.lastOp = !isOperand(t)
}

func (f *filter) emit(t lexer.Token) {
	f.queue = append(f.queue, queued{t, t.Type == tSep && len(f.stack) == 0})
	f.prev = t
}

// finish ends the stream: a statement that ends at the end of input gets a
// separator, as if the input ended with a newline.
func (f *filter) finish(eof lexer.Token) {
	if f.hasLast {
		eof.Pos = endOf(f.last)
	}
	if f.lastEnds && f.newlineCounts() {
		f.emitSep(lexer.Token{Pos: eof.Pos})
	}
	f.eof, f.done = eof, true
}

func (f *filter) newlineCounts() bool {
	n := len(f.stack)
	return n == 0 || f.stack[n-1].open.Value == "{"
}

// emitSep adds a separator unless it would be empty.
func (f *filter) emitSep(t lexer.Token) {
	f.elifs = 0 // a new statement
	f.chain = 0
	f.lastEnds, f.lastOp = false, true
	if f.prev.Type == 0 || f.prev.Type == tSep || isPunct(&f.prev, "{") {
		return
	}
	t.Type = tSep
	f.emit(t)
}

// classify turns a raw token into a filtered one, recording lexical errors.
func (f *filter) classify(t lexer.Token) lexer.Token {
	switch t.Type {
	case rawIdent:
		t.Type = tIdent
		if keywords[t.Value] {
			t.Type = tKeyword
		}
	case rawPunct:
		t.Type = tPunct
	case rawNumber:
		t.Type = numberType(t.Value)
		if t.Type == tBad {
			f.lexError(t.Pos, t.Pos, "invalid number "+quote(t.Value))
		}
	case rawString:
		t.Type = tString
		if t.Value[0] == 'f' || t.Value[0] == 'F' {
			t.Type = tFString
		}
		if i, ok := badEscape(t.Value); !ok {
			p := t.Pos
			p.Column += utf8.RuneCountInString(t.Value[:i])
			t.Type = tBad
			f.lexError(p, t.Pos, "unknown escape "+t.Value[i:i+2]+" in string")
		}
	case rawBadString:
		t.Type = tBad
		f.lexError(t.Pos, t.Pos, "unterminated string")
		if t.Pos.Offset+len(t.Value) == len(f.raw.src) && f.err.Pos == toPos(t.Pos) {
			f.err.wrapped = ErrIncomplete // more input could close it
		}
	default:
		t.Type = tBad
		f.lexError(t.Pos, t.Pos, "invalid character "+quote(t.Value))
	}
	return t
}

// lexError records the first lexical error, at p in the token at tok.
func (f *filter) lexError(p, tok lexer.Position, msg string) {
	if f.err == nil {
		f.err = &Error{Pos: toPos(p), Msg: msg}
		f.errTok = toPos(tok)
	}
}

// nest keeps the bracket stack and the nesting measure; it reports whether
// the input is nested too deeply.
func (f *filter) nest(t lexer.Token) bool {
	depth := 0
	switch {
	case t.Type == tPunct && (t.Value == "(" || t.Value == "[" || t.Value == "{"):
		depth = f.base + f.chain + f.elifs + 1
		f.stack = append(f.stack, frame{open: t, base: f.base, chain: f.chain, elifs: f.elifs})
		f.base, f.chain, f.elifs = depth, 0, 0
	case t.Type == tPunct && (t.Value == ")" || t.Value == "]" || t.Value == "}"):
		// A closer that does not match is left for the parser to report.
		if n := len(f.stack); n > 0 && closer(f.stack[n-1].open.Value) == t.Value {
			fr := f.stack[n-1]
			f.stack = f.stack[:n-1]
			f.base, f.chain, f.elifs = fr.base, fr.chain, fr.elifs
		}
	case f.elseIf(t):
		// Kept apart from chain: the conditions between else-ifs hold
		// operators that end a chain, but the parser still nests each
		// else-if in the one before.
		f.elifs++
		depth = f.base + f.chain + f.elifs
	case isPrefix(t, f.lastOp) || isPunct(&t, "**"):
		f.chain++
		depth = f.base + f.chain + f.elifs
	case isKeyword(&t, "else"):
	case t.Type == tPunct && t.Value != ".", t.Type == tKeyword && !isOperand(t):
		f.chain = 0 // a binary operator, a comma, `=`... ends the chain
	}
	if depth <= MaxNesting {
		return false
	}
	if f.err == nil || !before(f.errTok, toPos(t.Pos)) {
		f.err = &Error{Pos: toPos(t.Pos), Msg: "too deeply nested: more than " + itoa(MaxNesting) + " levels of brackets or operators"}
	}
	return true
}

// elseIf reports whether t is the `if` of `else if`, whose statement nests
// in the one before.
func (f *filter) elseIf(t lexer.Token) bool {
	return isKeyword(&t, "if") && f.hasLast && isKeyword(&f.last, "else")
}

// chunk is the tokens of the next few top-level statements: the filter's
// tokens up to and including the first top-level separator after chunkSize
// tokens, then EOF. Parsing a long script chunk by chunk keeps the token
// slices that lexer.Upgrade grows small and short-lived; growing one slice
// for a whole 10,000-line script took a third of the time of its parse.
type chunk struct {
	f     *filter
	n     int
	ended bool
	last  bool // the chunk ends at the end of the input
	eof   lexer.Token
}

const chunkSize = 512

func (c *chunk) Next() (lexer.Token, error) {
	if c.ended {
		return c.eof, nil
	}
	t, top := c.f.next()
	c.n++
	switch {
	case t.EOF():
		c.ended, c.last, c.eof = true, true, t
	case top && c.n >= chunkSize:
		c.ended = true
		c.eof = lexer.Token{Type: lexer.EOF, Pos: endOf(t)}
	}
	return t, nil
}
