package lang

import (
	"errors"
	"strings"
)

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

// Whole reports whether src, lines of input read one at a time (a REPL, a
// paste, piped standard input), is a whole statement that can be run or
// reported: no bracket is left open and it is not Incomplete.
//
// Brackets are counted even past a syntax error, so that a block with an
// error in it is read to its closing brace and then dropped whole, as
// Python's REPL drops a pasted block; cutting it at the error would run
// the rest of its body as top-level statements. Input nested past
// MaxNesting is whole: its error is reported at once.
//
// A string cannot span lines, so a line that leaves one open ends the
// statement whatever brackets are open: its error is reported at once and
// the next line starts afresh, as in Python's REPL, rather than every
// line after it joining a statement that can never be whole.
//
// Only braces are counted so: a ( or [ left open by a line with a syntax
// error ends the statement at the error, as Python's REPL does, since no
// block would run from the middle; were it counted, every later line
// would join a statement that can never be whole.
func Whole(src string) bool {
	if braceOpen(src) && !cutByString(src) {
		return false
	}
	return !Incomplete(src)
}

// cutByString reports whether a string literal of src is left open at the
// end of its line (not at the very end of src, where more input could
// still close it: that is Incomplete).
func cutByString(src string) bool {
	var l rawLexer
	l.init("", src, 1)
	for t := l.next(); !t.EOF(); t = l.next() {
		if t.Type == rawBadString && t.Pos.Offset+len(t.Value) < len(src) {
			return true
		}
	}
	return false
}

// Brackets follows the brackets that input read line by line leaves
// open, as Whole counts them, at the cost of each line once: a reader of
// a long block asks after every line, and counting the whole block again
// each time would take time quadratic in its length. Strings and comments
// end with their line, so a line is scanned alone.
type Brackets struct {
	open   []string
	braces int // how many of open are {
	// cut is set by a line that leaves a string open: the statement ends
	// with that line (see Whole).
	cut bool
}

// Add scans one more line of input.
func (b *Brackets) Add(line string) {
	var l rawLexer
	l.init("", line, 1)
	for t := l.next(); !t.EOF(); t = l.next() {
		if t.Type == rawBadString && t.Pos.Offset+len(t.Value) < len(line) {
			b.cut = true
		}
		if t.Type != rawPunct {
			continue
		}
		switch t.Value {
		case "(", "[", "{":
			b.open = append(b.open, t.Value)
			if t.Value == "{" {
				b.braces++
			}
		case ")", "]", "}":
			// A closer that does not match is left alone, as the filter
			// leaves it for the parser to report.
			if n := len(b.open); n > 0 && closer(b.open[n-1]) == t.Value {
				b.open = b.open[:n-1]
				if t.Value == "}" {
					b.braces--
				}
			}
		}
	}
}

// Open reports whether a brace is open (a ( or [ alone ends the
// statement at a syntax error, as in Whole), short of MaxNesting (input
// nested deeper is whole: its error is reported at once), and no line
// left a string open (which ends the statement, as in Whole). Input with
// none open is whole unless Incomplete.
func (b *Brackets) Open() bool { return b.braces > 0 && len(b.open) <= MaxNesting && !b.cut }

// Reset forgets the input scanned so far.
func (b *Brackets) Reset() { b.open, b.braces, b.cut = b.open[:0], 0, false }

// braceOpen reports whether the filter holds a brace { open at the end of
// src (a closer that does not match is left alone, as the filter does);
// false when the input is too deeply nested.
func braceOpen(src string) bool {
	f := newFilter("", dropBOM(src), 1)
	for {
		if t, _ := f.next(); t.EOF() {
			break
		}
	}
	if f.stopped {
		return false
	}
	for _, b := range f.stack {
		if b.open.Value == "{" {
			return true
		}
	}
	return false
}

// ElseMayFollow reports whether an `else` on the next line could continue
// src, a whole statement: it ends with the `}` of an if statement that has
// no else yet, or it ends with `}`, has a syntax error and holds an `if`
// outside any bracket (so that an else after a broken if is dropped with
// it, not reported on its own). Input read line by line must then look at
// the next line before running src, as a script, parsed whole, joins `}`
// and `else` across lines.
func ElseMayFollow(src string) bool {
	brace, topIf := scanEnd(src)
	if !brace {
		return false
	}
	file, err := Parse("", src)
	if err != nil {
		return topIf
	}
	if len(file.Stmts) == 0 {
		return false
	}
	st, ok := file.Stmts[len(file.Stmts)-1].(*IfStmt)
	for ok && st.Else != nil {
		st, ok = st.Else.(*IfStmt)
	}
	return ok
}

// scanEnd reports whether the last token of src is `}` and whether the
// keyword if appears outside any bracket.
func scanEnd(src string) (brace, topIf bool) {
	var l rawLexer
	l.init("", src, 1)
	depth := 0
	for t := l.next(); !t.EOF(); t = l.next() {
		if t.Type == rawNewline {
			continue
		}
		switch t.Value {
		case "(", "[", "{":
			depth++
		case ")", "]", "}":
			depth--
		case "if":
			topIf = topIf || depth <= 0 && t.Type == rawIdent
		}
		brace = t.Value == "}" && t.Type == rawPunct
	}
	return brace, topIf
}

// StartsWithElse reports whether the first token of line is the keyword
// else: in input read line by line, such a line continues the if before it.
func StartsWithElse(line string) bool {
	rest, ok := strings.CutPrefix(strings.TrimLeft(line, " \t\r"), "else")
	return ok && (rest == "" || !isLetter(rest[0]) && !isDigit(rest[0]))
}

// Blank reports whether line holds no token: spaces and a comment at most.
func Blank(line string) bool {
	s := strings.TrimLeft(line, " \t\r\n")
	return s == "" || s[0] == '#'
}
