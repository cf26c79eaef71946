package main

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/mglang/mg/autograd"
	"github.com/mglang/mg/eval"
	"github.com/mglang/mg/lang"
	"github.com/mglang/mg/stdlib"
)

// commandTable lists the REPL's commands, in the order :help shows them.
var commandTable = []struct{ name, args, doc string }{
	{"help", "[NAME]", "this screen, or the help of one builtin, method or keyword"},
	{"vars", "", "the names you have made, Values with their data and grad"},
	{"dot", "EXPR [FILE]", "a Value's graph as DOT text, or drawn in FILE (.svg .png)"},
	{"trace", "EXPR", "backward on a Value, printing each chain-rule step"},
	{"load", "FILE.mg", "run a script in this session; its names stay"},
	{"limits", "[FLAGS]", "the limits of each statement, or set them (mg run's flags)"},
	{"reset", "", "forget every name and start afresh"},
	{"quit", "", "leave the REPL (Ctrl-D does too)"},
}

// isCommand reports whether a chunk of input is a REPL command: a line
// starting with ':', which no statement can.
func isCommand(chunk string) bool {
	return strings.HasPrefix(strings.TrimLeft(chunk, " \t"), ":")
}

// cmdLine is one command as typed: its name, its argument and where the
// argument starts, for error positions.
type cmdLine struct {
	name, arg string
	line, col int // of the name
	argCol    int
}

// parseCommand splits a command line typed as line lineNo.
func parseCommand(text string, lineNo int) cmdLine {
	text = strings.TrimRight(text, " \t\r\n")
	body := strings.TrimLeft(text, " \t")
	c := cmdLine{line: lineNo, col: runeCol(text, len(text)-len(body))}
	name, rest, _ := strings.Cut(body, " ")
	name, tabRest, hasTab := strings.Cut(name, "\t")
	if hasTab {
		rest = tabRest + " " + rest
	}
	c.name = name
	c.arg = strings.TrimLeft(rest, " \t")
	c.argCol = runeCol(text, len(text)-len(c.arg))
	return c
}

// runeCol is the 1-based column of byte offset off in text.
func runeCol(text string, off int) int { return utf8.RuneCountInString(text[:off]) + 1 }

// command runs one command line, number lineNo of the input; false if it
// failed.
func (s *session) command(text string, lineNo int) bool {
	c := parseCommand(text, lineNo)
	at := func(col int) lang.Pos { return lang.Pos{File: s.name, Line: lineNo, Col: col} }
	fail := func(col int, format string, args ...any) bool {
		s.fail(&lang.Error{Pos: at(col), Msg: fmt.Sprintf(format, args...)})
		return false
	}
	noArg := func() bool {
		if c.arg != "" {
			return fail(c.argCol, "%s takes no argument", c.name)
		}
		return true
	}
	defer s.out.Flush()
	switch c.name {
	case ":help":
		return s.help(c, fail)
	case ":vars":
		return noArg() && s.vars()
	case ":dot":
		return s.dot(c, fail)
	case ":trace":
		return s.trace(c, fail)
	case ":load":
		return s.load(c, fail)
	case ":limits":
		return s.limitsCommand(c, fail)
	case ":reset":
		if noArg() {
			s.reset()
			return true
		}
		return false
	case ":quit", ":q", ":exit":
		if noArg() {
			s.quit = true
			return true
		}
		return false
	}
	return fail(c.col, "unknown command %s; the commands are %s", c.name, commandNames())
}

// failFunc reports an error at a column of the command's line.
type failFunc func(col int, format string, args ...any) bool

// commandNames lists the commands as typed, for error messages.
func commandNames() string {
	var names []string
	for _, c := range commandTable {
		names = append(names, ":"+c.name)
	}
	return strings.Join(names, " ")
}

// vars lists the global names with their values; a Value shows its data,
// its grad and the op that made it.
func (s *session) vars() bool {
	g := s.in.Globals()
	var names []string
	width := 0
	for _, n := range g.Names() {
		if v, ok := g.Get(n); ok && v != nil && n != "_" {
			names = append(names, n)
			width = max(width, utf8.RuneCountInString(n))
		}
	}
	if len(names) == 0 {
		s.out.WriteString("no names yet (let a = 2.0 makes one)\n")
		return true
	}
	for _, n := range names {
		v, _ := g.Get(n)
		if vs := valueList(v); vs != nil {
			fmt.Fprintf(s.out, "%-*s  a list of %d Values:\n", width, n, len(vs))
			s.out.WriteString(indent(stdlib.Table(vs, indexNames(n, len(vs))), "    "))
			continue
		}
		fmt.Fprintf(s.out, "%-*s  %s\n", width, n, describeVar(v))
	}
	return true
}

// valueList returns the items of a non-empty list of Values, or nil.
func valueList(o eval.Object) []*autograd.Value {
	l, ok := o.(*eval.List)
	if !ok || len(l.Elems) == 0 {
		return nil
	}
	vs := make([]*autograd.Value, len(l.Elems))
	for i, e := range l.Elems {
		v, ok := e.(*autograd.Value)
		if !ok {
			return nil
		}
		vs[i] = v
	}
	return vs
}

// indexNames names the items of the list xs as xs[0], xs[1], ...
func indexNames(name string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s[%d]", name, i)
	}
	return out
}

func indent(text, pre string) string {
	lines := strings.SplitAfter(text, "\n")
	var b strings.Builder
	for _, l := range lines {
		if l != "" {
			b.WriteString(pre + l)
		}
	}
	return b.String()
}

// describeVar is one line about a value for :vars.
func describeVar(v eval.Object) string {
	if x, ok := v.(*autograd.Value); ok {
		d := eval.Repr(v)
		if op := x.OpName(); op != "" {
			d += "  op " + op
		}
		return d
	}
	const maxLen = 72
	d := eval.Repr(v)
	if utf8.RuneCountInString(d) > maxLen {
		d = string([]rune(d)[:maxLen-3]) + "..."
	}
	return d
}

// dot runs `:dot EXPR [FILE]`: the expression is evaluated in the session
// and its graph given to the dot builtin, which returns the DOT text or
// writes FILE.
func (s *session) dot(c cmdLine, fail failFunc) bool {
	expr, file := splitDotArgs(c.arg)
	if expr == "" {
		return fail(c.argCol, ":dot needs an expression: :dot EXPR [FILE]")
	}
	v, ok := s.evalArg(c, expr, fail)
	if !ok {
		return false
	}
	b, ok := s.in.Library().Builtins["dot"].(*eval.Builtin)
	if !ok {
		return fail(c.col, "no dot builtin in this library")
	}
	args := []eval.Object{v}
	if file != "" {
		args = append(args, eval.String(file))
	}
	// Drawing a file runs Graphviz: under the statement limits, so that
	// --timeout stops it as it stops dot(L, file) in a statement.
	var res eval.Object
	err := s.lim.runUnder(s.in.Thread(), func() (err error) {
		res, err = b.Call(s.in.Thread(), args, nil)
		return err
	})
	if err != nil {
		var ee *eval.Error
		if errors.As(err, &ee) && ee.Pos.IsValid() {
			s.fail(err)
			return false
		}
		return fail(c.argCol, "%s", strings.TrimPrefix(err.Error(), ": "))
	}
	if file != "" {
		fmt.Fprintf(s.out, "wrote %s\n", file)
	} else if text, ok := res.(eval.String); ok {
		s.out.WriteString(string(text))
		if !strings.HasSuffix(string(text), "\n") {
			s.out.WriteByte('\n')
		}
	}
	return true
}

// splitDotArgs separates `EXPR [FILE]`: the last word is a file when it
// is quoted or names a .dot, .gv, .svg, .png or .pdf file, and more than
// one word was given. A quoted file name may hold spaces: "a b.svg".
func splitDotArgs(arg string) (expr, file string) {
	arg = strings.TrimSpace(arg)
	if q := arg[max(len(arg)-1, 0):]; q == `"` || q == "'" {
		if i := strings.LastIndex(arg[:len(arg)-1], q); i > 0 && (arg[i-1] == ' ' || arg[i-1] == '\t') {
			return strings.TrimSpace(arg[:i]), arg[i+1 : len(arg)-1]
		}
	}
	i := strings.LastIndexAny(arg, " \t")
	if i < 0 {
		return arg, ""
	}
	last := arg[i+1:]
	unq := strings.Trim(last, `"`)
	quoted := len(last) >= 2 && last[0] == '"' && last[len(last)-1] == '"'
	for _, ext := range []string{".dot", ".gv", ".svg", ".png", ".pdf"} {
		if strings.HasSuffix(unq, ext) {
			quoted = true
		}
	}
	if !quoted {
		return arg, ""
	}
	return strings.TrimSpace(arg[:i]), unq
}

// load runs a script in the session, as `mg run` would but keeping its
// names: parsed whole first, so that a syntax error runs nothing.
func (s *session) load(c cmdLine, fail failFunc) bool {
	path := strings.Trim(c.arg, `"`)
	if path == "" {
		return fail(c.argCol, ":load needs a file: :load FILE.mg")
	}
	data, err := stdlib.ReadFile(s.in.Thread(), "", path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fail(c.argCol, "cannot read %s: %v", path, err)
	}
	src := string(data)
	s.files[path] = src
	file, err := lang.Parse(path, src)
	if err == nil {
		err = s.run(file.Stmts, nil)
	}
	if err != nil {
		s.fail(err)
		return false
	}
	return true
}
