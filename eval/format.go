package eval

import (
	"strconv"
	"strings"
)

// Str is how print shows o: strings raw, everything else as Repr.
func Str(o Object) string {
	if s, ok := o.(String); ok {
		return string(s)
	}
	return Repr(o)
}

// Repr is how the REPL shows o: strings quoted, lists with their items'
// Repr, a list that contains itself shown as [...].
func Repr(o Object) string {
	var b strings.Builder
	writeRepr(&b, o, nil)
	return b.String()
}

func writeRepr(b *strings.Builder, o Object, seen []*List) {
	switch o := o.(type) {
	case String:
		b.WriteString(Quote(string(o)))
	case *List:
		for _, s := range seen {
			if s == o {
				b.WriteString("[...]")
				return
			}
		}
		seen = append(seen, o)
		b.WriteByte('[')
		for i, e := range o.Elems {
			if i > 0 {
				b.WriteString(", ")
			}
			writeRepr(b, e, seen)
		}
		b.WriteByte(']')
	case nil:
		b.WriteString("<undefined>")
	default:
		b.WriteString(o.String())
	}
}

// Quote writes s as an mg string literal in double quotes.
func Quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x20 || r == 0x7f {
				b.WriteString(`\x`)
				b.WriteString(strconv.FormatInt(int64(r)+0x100, 16)[1:])
				continue
			}
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
