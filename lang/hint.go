package lang

import (
	"errors"
	"strings"
)

// pythonHint adds to a syntax error what mg writes instead, when the line
// looks like Python: learners bring def, colons and elif with them.
func pythonHint(err error, src string, firstLine int) error {
	var e *Error
	if !errors.As(err, &e) {
		return err
	}
	lines := strings.Split(src, "\n")
	i := e.Pos.Line - firstLine
	if i < 0 || i >= len(lines) {
		return err
	}
	line := strings.TrimSpace(lines[i])
	hint := ""
	switch {
	case strings.HasPrefix(line, "def "):
		hint = "mg defines a function with fn: fn f(x) { return x }"
	case e.Msg == `invalid character ":"`:
		hint = "mg opens a block with braces, not a colon: if x > 0 { ... }"
	case strings.Contains(e.Msg, `found "elif"`):
		hint = "mg writes else if"
	case strings.Contains(e.Msg, `found "lambda"`) || strings.HasPrefix(line, "lambda"):
		hint = "mg writes an anonymous function as fn (x) { return x }"
	}
	if hint != "" && !strings.Contains(e.Msg, hint) {
		e.Msg += " (" + hint + ")"
	}
	return err
}
