package main

import (
	"bufio"
	"strings"

	"github.com/mglang/mg/lang"
)

// pipeReader cuts piped standard input into whole statements (LANGUAGE.md
// §8): lines join while a bracket or brace is open, even past a syntax
// error, so that a block with an error is dropped whole rather than run
// from the error on; and a line starting with `else` continues the if
// before it, as it does in a script run with `mg run`. Piping a script into
// mg therefore runs the same statements as running it.
type pipeReader struct {
	r    *bufio.Reader
	sess *session
	// ahead holds lines read to see whether an else follows, not yet
	// part of any statement.
	ahead []string
	eof   bool
	// open follows the brackets of the statement being read.
	open lang.Brackets
}

// statement returns the next whole statement (its lines, each ending in a
// newline but perhaps the last) and the input line it starts on, its lines
// added to the session's source; ok is false at the end of the input. A
// statement cut short by the end of the input is returned as it is, for
// its syntax error to be reported.
func (p *pipeReader) statement() (chunk string, first int, ok bool) {
	var b strings.Builder
	first = p.sess.lines + 1
	p.open.Reset()
	for {
		line, more := p.line()
		if !more {
			break
		}
		p.sess.addSource(line)
		b.WriteString(line)
		p.open.Add(line)
		c := b.String()
		if isCommand(c) {
			break
		}
		// lang.Whole, with the brackets counted line by line.
		if p.open.Open() || lang.Incomplete(c) {
			continue
		}
		if lang.ElseMayFollow(c) && p.elseFollows() {
			continue
		}
		break
	}
	if c := b.String(); !isCommand(c) && pythonHeader(c) {
		p.dropPythonBody(&b, indentOf(lastLine(c)))
	}
	return b.String(), first, b.Len() > 0
}

// pythonHeader reports whether a statement is a Python block header that
// mg cannot parse, as `if loss > 100:`: its body follows, indented.
func pythonHeader(c string) bool {
	if !strings.HasSuffix(strings.TrimRight(c, " \t\r\n"), ":") {
		return false
	}
	_, err := lang.Parse("<stdin>", c)
	return err != nil
}

// dropPythonBody joins to the statement the lines after a Python header
// that are indented deeper than it (and blank lines among them), so that
// the header's syntax error drops its body too, as a brace block's would,
// instead of running the body unconditionally.
func (p *pipeReader) dropPythonBody(b *strings.Builder, indent int) {
	var blanks []string
	for {
		line, more := p.line()
		if !more {
			break
		}
		if lang.Blank(line) {
			blanks = append(blanks, line)
			continue
		}
		if indentOf(line) <= indent {
			p.ahead = append(append(blanks, line), p.ahead...)
			return
		}
		for _, l := range append(blanks, line) {
			p.sess.addSource(l)
			b.WriteString(l)
		}
		blanks = nil
	}
	p.ahead = append(blanks, p.ahead...)
}

// lastLine is the last line of c with a token.
func lastLine(c string) string {
	lines := strings.Split(strings.TrimRight(c, " \t\r\n"), "\n")
	return lines[len(lines)-1]
}

// indentOf is the width of a line's leading blanks (a tab counts as one).
func indentOf(line string) int {
	return len(line) - len(strings.TrimLeft(line, " \t"))
}

// line returns the next line of input, from the lines read ahead first;
// more is false at the end of the input.
func (p *pipeReader) line() (line string, more bool) {
	if len(p.ahead) > 0 {
		line = p.ahead[0]
		p.ahead = p.ahead[1:]
		return line, true
	}
	return p.read()
}

// read reads a line from the input itself.
func (p *pipeReader) read() (string, bool) {
	if p.eof {
		return "", false
	}
	line, err := p.r.ReadString('\n')
	if err != nil {
		p.eof = true
	}
	return line, line != ""
}

// elseFollows reads ahead past blank and comment lines and reports whether
// the first line with a token starts with `else`. The lines read stay
// ahead, to be read again.
func (p *pipeReader) elseFollows() bool {
	for i := 0; ; i++ {
		if i == len(p.ahead) {
			line, more := p.read()
			if !more {
				return false
			}
			p.ahead = append(p.ahead, line)
		}
		if !lang.Blank(p.ahead[i]) {
			return lang.StartsWithElse(p.ahead[i])
		}
	}
}
