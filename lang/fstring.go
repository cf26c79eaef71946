package lang

import (
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2/lexer"
)

// fstring splits the f-string token t into literal text and replacement
// fields, as Python does: {{ and }} are braces, {x} a field, {x!r} its
// repr, {x:.4f} formatted by a spec, {x=} the field's text then its value.
// Each field's expression is parsed where it stands, so that an error in it
// points into the string.
func (p *climber) fstring(t *lexer.Token) Expr {
	body := t.Value[2 : len(t.Value)-1]
	col := t.Pos
	col.Column += 2
	col.Offset += 2
	fs := &FStringExpr{P: toPos(t.Pos)}
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			fs.Parts = append(fs.Parts, &FStringPart{Lit: unescape(lit.String())})
			lit.Reset()
		}
	}
	at := func(i int) lexer.Position {
		q := col
		q.Column += utf8.RuneCountInString(body[:i])
		q.Offset += i
		return q
	}
	for i := 0; i < len(body); i++ {
		switch c := body[i]; {
		case c == '\\' && i+1 < len(body):
			lit.WriteString(body[i : i+2])
			i++
		case c == '{' && i+1 < len(body) && body[i+1] == '{':
			lit.WriteByte('{')
			i++
		case c == '}' && i+1 < len(body) && body[i+1] == '}':
			lit.WriteByte('}')
			i++
		case c == '}':
			failPos(at(i), `f-string: single "}" is not allowed (write "}}" for a brace)`)
		case c == '{':
			flush()
			end := fieldEnd(body, i+1)
			if end < 0 {
				failPos(at(i), `f-string: expecting "}" to close the "{" (write "{{" for a brace)`)
			}
			fs.Parts = append(fs.Parts, p.field(body[i+1:end], at(i+1)))
			i = end
		default:
			lit.WriteByte(c)
		}
	}
	flush()
	return fs
}

// fieldEnd finds the "}" that closes a field starting at i, past brackets
// and strings in its expression; -1 if there is none.
func fieldEnd(s string, i int) int {
	depth := 0
	var quote byte
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '(' || c == '[' || c == '{':
			depth++
		case c == ')' || c == ']':
			depth--
		case c == '}':
			if depth == 0 {
				return i
			}
			depth--
		}
	}
	return -1
}

// field parses the inside of one {...}: expression, !conversion, :spec.
func (p *climber) field(src string, pos lexer.Position) *FStringPart {
	part := &FStringPart{}
	exprEnd := len(src)
	depth := 0
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '(' || c == '[' || c == '{':
			depth++
		case c == ')' || c == ']' || c == '}':
			depth--
		case depth == 0 && c == '!' && (i+1 >= len(src) || src[i+1] != '='):
			exprEnd = i
			rest := src[i+1:]
			conv, spec, hasSpec := strings.Cut(rest, ":")
			if conv != "r" && conv != "s" {
				failPos(shift(pos, src[:i+1]), `f-string: the conversion after "!" must be r or s`)
			}
			part.Conv = conv[0]
			if hasSpec {
				part.Spec = spec
			}
			i = len(src)
		case depth == 0 && c == ':':
			exprEnd = i
			part.Spec = src[i+1:]
			i = len(src)
		}
	}
	if strings.ContainsAny(part.Spec, "{}") {
		failPos(pos, "f-string: a field inside a format spec is not supported")
	}
	text := src[:exprEnd]
	if t := strings.TrimRight(text, " "); strings.HasSuffix(t, "=") && !isCompareEnd(t) {
		part.Debug = text
		text = t[:len(t)-1]
		if part.Conv == 0 && part.Spec == "" {
			part.Conv = 'r'
		}
	}
	if strings.TrimSpace(text) == "" {
		failPos(pos, "f-string: empty expression not allowed")
	}
	part.X = parseField(text, pos)
	return part
}

// isCompareEnd reports whether s ends in ==, !=, <= or >= rather than the
// "=" of a {x=} field.
func isCompareEnd(s string) bool {
	if len(s) < 2 {
		return false
	}
	return strings.ContainsRune("=!<>", rune(s[len(s)-2]))
}

// parseField parses a field's expression at pos. Its errors are final: an
// expression cut short inside a string cannot be completed by another line.
func parseField(src string, pos lexer.Position) Expr {
	f := newFilter(pos.Filename, src, pos.Line)
	f.raw.pos.Column = pos.Column
	var x Expr
	err := parse(f, f, func(pl *lexer.PeekingLexer) {
		x = (&climber{lex: pl}).required()
		t := pl.Peek()
		if t.Type == tSep {
			pl.Next()
			t = pl.Peek()
		}
		if !t.EOF() {
			expected(t, `"}" after the f-string's expression`)
		}
	})
	if e, ok := err.(*Error); ok && e != nil {
		err := e
		err.wrapped = nil
		if err.Pos.Line == pos.Line && err.Pos.Col > pos.Column+utf8.RuneCountInString(src) {
			err.Pos.Col = pos.Column + utf8.RuneCountInString(src)
		}
		panic(bailout{err})
	}
	return x
}

func shift(p lexer.Position, s string) lexer.Position {
	p.Column += utf8.RuneCountInString(s)
	return p
}

func failPos(p lexer.Position, msg string) { failAt(toPos(p), msg) }
