package lang

import (
	"errors"
	"strings"
	"unicode"
)

// Error is a syntax error at a position, worded for a person.
type Error struct {
	Pos Pos
	Msg string

	wrapped error // ErrIncomplete when the input ended too early
}

func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// Unwrap returns ErrIncomplete when the error only says that the input
// ended too early, so that errors.Is(err, ErrIncomplete) tells a REPL to
// read another line; otherwise nil.
func (e *Error) Unwrap() error { return e.wrapped }

// ErrIncomplete is wrapped by a syntax error that only says the input ended
// too early (an open bracket, a trailing operator): more lines may fix it.
var ErrIncomplete = errors.New("incomplete input")

// Caret returns the source line at pos and a line with a caret under its
// column, each ending in a newline; "" when the line is not in src.
// Tabs in the prefix are kept so that the caret lines up in a terminal.
func Caret(src string, pos Pos) string {
	if pos.Line < 1 {
		return ""
	}
	lines := strings.SplitN(src, "\n", pos.Line+1)
	if len(lines) < pos.Line {
		return ""
	}
	src1 := lines[pos.Line-1]
	if pos.Line == 1 {
		src1 = dropBOM(src1) // as the parser reads it
	}
	line := []rune(strings.TrimRight(src1, "\r"))
	col := max(pos.Col, 1) - 1 // 0-based, in runes
	// A very long line is shown as a window around the column.
	const half = 60
	prefix, suffix := "", ""
	if len(line) > 2*half+20 {
		lo := max(0, min(col-half, len(line)-2*half))
		hi := min(len(line), lo+2*half)
		if lo > 0 {
			prefix = "..."
		}
		if hi < len(line) {
			suffix = "..."
		}
		line, col = line[lo:hi], col-lo+len(prefix)
	}
	var text, pad strings.Builder
	text.WriteString(prefix)
	for _, r := range line {
		if r != '\t' && !unicode.IsPrint(r) {
			r = '?' // control bytes and invalid UTF-8 would garble a terminal
		}
		text.WriteRune(r)
	}
	text.WriteString(suffix)
	for i, r := range []rune(text.String()) {
		if i >= col {
			break
		}
		if r == '\t' {
			pad.WriteByte('\t')
		} else {
			pad.WriteByte(' ')
		}
	}
	for i := len([]rune(text.String())); i < col; i++ {
		pad.WriteByte(' ')
	}
	return text.String() + "\n" + pad.String() + "^\n"
}
