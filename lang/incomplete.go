package lang

import "errors"

// Incomplete reports whether more lines could complete src: a bracket
// ( [ { is still open, the last token is one after which a statement cannot
// end (a binary operator, a comma, `=` or `+=` and the like, a `.`, `not`,
// `else`), or a string is left open at the very end. It is false for input
// that parses, and for input that is wrong before its end, which no further
// line can fix (`)`, `let = (`).
//
// It is decided from the token stream as the parser reads it: the parse
// must have stopped at the end of input and nowhere before. A string
// cannot span lines, so `"abc` followed by a newline is not incomplete.
func Incomplete(src string) bool {
	_, err := Parse("", src)
	return errors.Is(err, ErrIncomplete)
}
