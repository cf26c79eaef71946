package lang

import (
	"errors"
	"strings"
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
	line := strings.TrimRight(lines[pos.Line-1], "\r")
	var pad strings.Builder
	col := 1
	for _, r := range line {
		if col >= pos.Col {
			break
		}
		if r == '\t' {
			pad.WriteByte('\t')
		} else {
			pad.WriteByte(' ')
		}
		col++
	}
	for ; col < pos.Col; col++ {
		pad.WriteByte(' ')
	}
	return line + "\n" + pad.String() + "^\n"
}
