package eval

import (
	"fmt"
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
// Repr, a list that contains itself shown as [...]. Lists nested more than
// MaxReprDepth deep show [...] below that depth, and a text longer than
// MaxLen is cut there and ends in "...", so that showing any value takes
// bounded time and stack.
func Repr(o Object) string {
	r := reprState{}
	r.write(o, 0)
	return r.b.String()
}

// StrFits is Str of o as a value a program computes with (str(), an
// f-string): where Str would cut the text at MaxLen, it is the length
// rule's error naming where, never a silently shortened string.
func StrFits(o Object, where string) (string, error) {
	if s, ok := o.(String); ok {
		return string(s), nil
	}
	return ReprFits(o, where)
}

// ReprFits is Repr of o, or the length rule's error naming where when the
// text would be longer than MaxLen.
func ReprFits(o Object, where string) (string, error) {
	r := reprState{}
	r.write(o, 0)
	if r.full {
		return "", fmt.Errorf("string too long in %s: more than %d bytes would be made, the limit is %d", where, MaxLen, MaxLen)
	}
	return r.b.String(), nil
}

// MaxReprDepth is how deep Repr shows nested lists.
const MaxReprDepth = 1000

type reprState struct {
	b    strings.Builder
	seen []*List // the lists being written, outermost first
	full bool    // MaxLen reached: nothing more is written
}

func (r *reprState) str(s string) {
	if r.full {
		return
	}
	if r.b.Len()+len(s) > MaxLen {
		r.b.WriteString("...")
		r.full = true
		return
	}
	r.b.WriteString(s)
}

func (r *reprState) write(o Object, depth int) {
	switch o := o.(type) {
	case String:
		r.str(Quote(string(o)))
	case *List:
		if depth >= MaxReprDepth {
			r.str("[...]")
			return
		}
		for _, s := range r.seen {
			if s == o {
				r.str("[...]")
				return
			}
		}
		r.seen = append(r.seen, o)
		r.str("[")
		for i, e := range o.Elems {
			if r.full {
				break
			}
			if i > 0 {
				r.str(", ")
			}
			r.write(e, depth+1)
		}
		r.str("]")
		r.seen = r.seen[:len(r.seen)-1]
	case nil:
		r.str("<undefined>")
	default:
		r.str(o.String())
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
