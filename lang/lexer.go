package lang

import (
	"io"
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2/lexer"
)

// MaxNesting is how deeply brackets, runs of prefix operators, `**` chains
// and `else if` chains may nest, together. Deeper input is a syntax error
// found before parsing, so that neither the parser nor a tree walker over
// its result can overflow the Go stack.
const MaxNesting = 200

// rawRules are the lexer rules, as a participle lexer. Rules with a
// lowercase name are dropped. Every input lexes: what no other rule takes
// becomes an "Invalid" token of one character, which the filter reports.
// The parser runs rawLexer, a hand-written equivalent.
var rawRules = lexer.MustSimple([]lexer.SimpleRule{
	{Name: "space", Pattern: `[ \t\r]+`},
	// An f before a quote starts an f-string; before anything else it is a name.
	{Name: "String", Pattern: `[fF]?(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')`},
	{Name: "BadString", Pattern: `[fF]?(?:"(?:[^"\\\n]|\\.)*|'(?:[^'\\\n]|\\.)*)`},
	{Name: "Ident", Pattern: `[A-Za-z_][A-Za-z0-9_]*`},
	// A number swallows letters and digits stuck to it, so that `2x` or
	// `1e` is one bad number rather than a number and a name.
	{Name: "Number", Pattern: `(?:[0-9]+(?:_[0-9]+)*(?:\.(?:[0-9]+(?:_[0-9]+)*)?)?|\.[0-9]+(?:_[0-9]+)*)(?:[eE][+-]?[0-9]+(?:_[0-9]+)*)?[A-Za-z0-9_]*`},
	{Name: "Punct", Pattern: `\*\*|//|==|!=|<=|>=|[-+*/]=|[-+*/%<>=(){}\[\],.;:]`},
	{Name: "Newline", Pattern: `\n`},
	{Name: "comment", Pattern: `#[^\n]*`},
	{Name: "Invalid", Pattern: `.`},
})

// Raw token types, looked up once from the rules.
var (
	rawIdent     = rawRules.Symbols()["Ident"]
	rawNumber    = rawRules.Symbols()["Number"]
	rawPunct     = rawRules.Symbols()["Punct"]
	rawNewline   = rawRules.Symbols()["Newline"]
	rawString    = rawRules.Symbols()["String"]
	rawBadString = rawRules.Symbols()["BadString"]
	rawInvalid   = rawRules.Symbols()["Invalid"]
)

// Token types of the filtered stream that the grammar reads.
const (
	tIdent lexer.TokenType = -(iota + 100)
	tKeyword
	tInt
	tFloat
	tString
	tFString // f"...": the text between the quotes holds {expressions}
	tPunct
	tSep // a statement separator: a significant newline or ";"
	tBad // a token that is a lexical error; the filter has recorded why
)

var keywords = map[string]bool{
	"let": true, "fn": true, "return": true, "if": true, "else": true,
	"for": true, "in": true, "while": true, "break": true, "continue": true,
	"and": true, "or": true, "not": true, "true": true, "false": true, "none": true,
}

// tokenDef is the lexer definition handed to participle: the raw tokens
// through the filter, with the filtered token types as symbols.
type tokenDef struct{}

func (tokenDef) Symbols() map[string]lexer.TokenType {
	return map[string]lexer.TokenType{
		"EOF": lexer.EOF, "Ident": tIdent, "Keyword": tKeyword, "Int": tInt,
		"Float": tFloat, "String": tString, "FString": tFString, "Punct": tPunct, "Sep": tSep, "Bad": tBad,
	}
}

func (tokenDef) Lex(filename string, r io.Reader) (lexer.Lexer, error) {
	var b strings.Builder
	if _, err := io.Copy(&b, r); err != nil {
		return nil, err
	}
	return newFilter(filename, b.String(), 1), nil
}

// rawLexer is a hand-written equivalent of rawRules: the same tokens, types
// and positions (columns in runes), without the spaces and comments. Trying
// each rule's regular expression in turn took seven times as long, most of
// the time of a parse.
// TestRawLexerMatchesRules and FuzzParse hold it to the rules.
type rawLexer struct {
	src string
	off int
	pos lexer.Position
}

func (l *rawLexer) init(name, src string, firstLine int) {
	l.src = src
	l.pos = lexer.Position{Filename: name, Line: firstLine, Column: 1}
}

// next returns the next token, or EOF at the end.
func (l *rawLexer) next() lexer.Token {
	l.skip()
	start := l.off
	pos := l.pos
	if start >= len(l.src) {
		return lexer.Token{Type: lexer.EOF, Pos: pos}
	}
	typ := l.token()
	t := lexer.Token{Type: typ, Value: l.src[start:l.off], Pos: pos}
	if typ == rawNewline {
		l.pos.Line++
		l.pos.Column = 1
	} else {
		l.pos.Column += utf8.RuneCountInString(t.Value)
	}
	l.pos.Offset = l.off
	return t
}

// skip passes over spaces and comments.
func (l *rawLexer) skip() {
	for l.off < len(l.src) {
		switch c := l.src[l.off]; {
		case c == ' ' || c == '\t' || c == '\r':
			l.off++
			l.pos.Column++
		case c == '#':
			i := strings.IndexByte(l.src[l.off:], '\n')
			if i < 0 {
				i = len(l.src) - l.off
			}
			l.pos.Column += utf8.RuneCountInString(l.src[l.off : l.off+i])
			l.off += i
		default:
			l.pos.Offset = l.off
			return
		}
	}
	l.pos.Offset = l.off
}

// token advances over one token and returns its raw type.
func (l *rawLexer) token() lexer.TokenType {
	s, i := l.src, l.off
	c := s[i]
	switch {
	case (c == 'f' || c == 'F') && i+1 < len(s) && (s[i+1] == '"' || s[i+1] == '\''):
		l.off++
		return l.str()
	case isLetter(c):
		l.off = wordEnd(s, i+1)
		return rawIdent
	case isDigit(c) || c == '.' && i+1 < len(s) && isDigit(s[i+1]):
		l.off = numberEnd(s, i)
		return rawNumber
	case c == '\n':
		l.off++
		return rawNewline
	case c == '"' || c == '\'':
		return l.str()
	}
	if i+1 < len(s) {
		switch s[i : i+2] {
		case "**", "//", "==", "!=", "<=", ">=", "+=", "-=", "*=", "/=":
			l.off += 2
			return rawPunct
		}
	}
	if strings.IndexByte("-+*/%<>=(){}[],.;:", c) >= 0 {
		l.off++
		return rawPunct
	}
	_, w := utf8.DecodeRuneInString(s[i:])
	l.off += w
	return rawInvalid
}

// str scans a string literal that starts at l.off with its quote, " or ';
// without its closing quote on the same line it is a BadString that stops
// before the newline. The token began earlier when an f came first.
func (l *rawLexer) str() lexer.TokenType {
	s, i := l.src, l.off+1
	q := s[l.off]
	for i < len(s) {
		switch s[i] {
		case q:
			l.off = i + 1
			return rawString
		case '\n':
			l.off = i
			return rawBadString
		case '\\':
			if i+1 >= len(s) || s[i+1] == '\n' {
				l.off = i
				return rawBadString
			}
			_, w := utf8.DecodeRuneInString(s[i+1:])
			i += 1 + w
		default:
			i++
		}
	}
	l.off = i
	return rawBadString
}

func numberEnd(s string, i int) int {
	i = digitsEnd(s, i)
	if i < len(s) && s[i] == '.' {
		i = digitsEnd(s, i+1)
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		if k := digitsEnd(s, j); k > j {
			i = k
		}
	}
	return wordEnd(s, i) // letters and digits stuck to a number belong to it
}

// digitsEnd is the end of the run of digits at i, in which single
// underscores may stand between two digits, as in Python (1_000).
func digitsEnd(s string, i int) int {
	for i < len(s) && (isDigit(s[i]) || s[i] == '_' && i > 0 && isDigit(s[i-1]) && i+1 < len(s) && isDigit(s[i+1])) {
		i++
	}
	return i
}

func wordEnd(s string, i int) int {
	for i < len(s) && (isLetter(s[i]) || isDigit(s[i])) {
		i++
	}
	return i
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }

// isPrefix reports whether t is a prefix operator where it stands.
func isPrefix(t lexer.Token, prefixPos bool) bool {
	if t.Type == tKeyword {
		return t.Value == "not"
	}
	return prefixPos && t.Type == tPunct && (t.Value == "-" || t.Value == "+")
}

// isOperand reports whether t ends an operand, so that a following - or +
// is a binary operator.
func isOperand(t lexer.Token) bool {
	if t.Type == tKeyword {
		return t.Value == "true" || t.Value == "false" || t.Value == "none"
	}
	return canEnd(t)
}

// canEnd reports whether a statement can end after t.
func canEnd(t lexer.Token) bool {
	switch t.Type {
	case tIdent, tInt, tFloat, tString, tFString, tBad:
		return true
	case tPunct:
		return t.Value == ")" || t.Value == "]" || t.Value == "}"
	case tKeyword:
		switch t.Value {
		case "true", "false", "none", "break", "continue", "return":
			return true
		}
	}
	return false
}

func closer(open string) string {
	switch open {
	case "(":
		return ")"
	case "[":
		return "]"
	}
	return "}"
}

// numberType tells an int from a float literal, or tBad for junk such as
// `2x` or `1e`.
func numberType(v string) lexer.TokenType {
	typ := tInt
	i := 0
	digits := func() int {
		j := i
		i = digitsEnd(v, i)
		return i - j
	}
	n := digits()
	if i < len(v) && v[i] == '.' {
		i++
		typ = tFloat
		n += digits()
	}
	if n == 0 {
		return tBad
	}
	if i < len(v) && (v[i] == 'e' || v[i] == 'E') {
		i++
		typ = tFloat
		if i < len(v) && (v[i] == '+' || v[i] == '-') {
			i++
		}
		if digits() == 0 {
			return tBad
		}
	}
	if i != len(v) {
		return tBad
	}
	return typ
}

// badEscape finds the first escape other than \" \' \\ \n \t in a quoted
// string; ok is false when there is one, at byte offset i.
func badEscape(q string) (i int, ok bool) {
	for i = 1; i < len(q)-1; i++ {
		if q[i] != '\\' {
			continue
		}
		switch q[i+1] {
		case '"', '\'', '\\', 'n', 't':
			i++
		default:
			return i, false
		}
	}
	return 0, true
}

// unquote decodes a string literal that scan accepted.
func unquote(q string) string { return unescape(q[1 : len(q)-1]) }

// unescape decodes the escapes of a string literal's body.
func unescape(body string) string {
	if !strings.Contains(body, `\`) {
		return body
	}
	var b strings.Builder
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c == '\\' && i+1 < len(body) {
			i++
			switch body[i] {
			case 'n':
				c = '\n'
			case 't':
				c = '\t'
			default:
				c = body[i]
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

// endOf is the position just after t (tokens never span lines).
func endOf(t lexer.Token) lexer.Position {
	p := t.Pos
	p.Column += utf8.RuneCountInString(t.Value)
	p.Offset += len(t.Value)
	return p
}

// numberDigits is a number literal without its underscores, for strconv.
func numberDigits(v string) string { return strings.ReplaceAll(v, "_", "") }
