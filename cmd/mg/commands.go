package main

import (
	"errors"
	"fmt"
	"os"
	"sort"
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
		fmt.Fprintf(s.out, "%-*s  %s\n", width, n, describeVar(v))
	}
	return true
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
	// Pad the expression to its column so that positions in errors are
	// those of the line as typed.
	f, err := lang.ParseFrom(s.name, strings.Repeat(" ", c.argCol-1)+expr, c.line)
	if err != nil {
		s.fail(err)
		return false
	}
	if len(f.Stmts) != 1 {
		return fail(c.argCol, ":dot needs one expression, as in :dot L or :dot a*b")
	}
	if _, ok := f.Stmts[0].(*lang.ExprStmt); !ok {
		return fail(c.argCol, ":dot needs an expression, not a statement")
	}
	var v eval.Object = eval.None
	if err := s.run(f.Stmts, func(o eval.Object) { v = o }); err != nil {
		s.fail(err)
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
	res, err := b.Call(s.in.Thread(), args, nil)
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
// one word was given.
func splitDotArgs(arg string) (expr, file string) {
	arg = strings.TrimSpace(arg)
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

// help runs `:help [NAME]`.
func (s *session) help(c cmdLine, fail failFunc) bool {
	lib := s.in.Library()
	topic := strings.TrimPrefix(c.arg, ":")
	switch {
	case c.arg == "":
		s.out.WriteString(helpText(lib))
		return true
	case topic == "builtins":
		for _, n := range stdlib.Names(lib) {
			fmt.Fprintf(s.out, "%s\n", builtinDoc(lib, n))
		}
		return true
	}
	if text := topicHelp(lib, topic); text != "" {
		s.out.WriteString(text)
		return true
	}
	return fail(c.argCol, "no help for %s; :help lists the builtins, :help builtins describes them", c.arg)
}

// topicHelp is the help text for one builtin, method, keyword or command,
// or "" if there is none.
func topicHelp(lib *eval.Library, name string) string {
	var b strings.Builder
	if _, ok := lib.Builtins[name]; ok {
		fmt.Fprintf(&b, "%s\n", builtinDoc(lib, name))
	}
	var types []string
	for t := range lib.Methods {
		types = append(types, t)
	}
	sort.Strings(types)
	for _, t := range types {
		if m := lib.Methods[t][name]; m != nil && lib.Builtins[name] == nil {
			fmt.Fprintf(&b, "%s (a method of %s)\n", m.Doc, eval.Article(t))
		}
	}
	if d, ok := keywordHelp[name]; ok {
		fmt.Fprintf(&b, "%s: %s\n", name, d)
	}
	for _, c := range commandTable {
		if c.name == name {
			fmt.Fprintf(&b, ":%s %s\n  %s\n", c.name, c.args, c.doc)
		}
	}
	return b.String()
}

// builtinDoc is a builtin's one-line doc, or what a constant holds.
func builtinDoc(lib *eval.Library, name string) string {
	switch v := lib.Builtins[name].(type) {
	case *eval.Builtin:
		if v.Doc != "" {
			return v.Doc
		}
		return name
	case nil:
		return name
	default:
		return fmt.Sprintf("%s = %s", name, eval.Repr(v))
	}
}

// helpTopics are the names :help NAME knows about, for completion.
func helpTopics(lib *eval.Library) []string {
	topics := append([]string{"builtins"}, mgKeywords...)
	topics = append(topics, stdlib.Names(lib)...)
	for _, ms := range lib.Methods {
		for n := range ms {
			topics = append(topics, n)
		}
	}
	for _, c := range commandTable {
		topics = append(topics, c.name)
	}
	return topics
}

// keywordHelp says what each keyword does, for :help KEYWORD.
var keywordHelp = map[string]string{
	"let":      "let name = expr declares a name; a number becomes a leaf Value labelled name",
	"fn":       "fn name(a, b=1) { ... return expr } defines a function; fn(x) { ... } is one as a value",
	"return":   "return expr leaves the function with a value (none without one)",
	"if":       "if c { ... } else if d { ... } else { ... }",
	"else":     "if c { ... } else { ... }",
	"while":    "while c { ... } repeats while c is true",
	"for":      "for x in xs { ... }, for i in range(n) { ... }, for a, b in zip(xs, ys) { ... }",
	"in":       "for x in xs { ... }",
	"break":    "break leaves the innermost loop",
	"continue": "continue goes on with the next turn of the innermost loop",
	"and":      "a and b: b only if a is true (Python's and)",
	"or":       "a or b: b only if a is false (Python's or)",
	"not":      "not a: true if a is false",
	"true":     "the bool true",
	"false":    "the bool false",
	"none":     "the value of a statement, or of a function without return",
}

// helpText is the one screen :help shows: the language in brief, the
// builtins by name, the commands and the keys.
func helpText(lib *eval.Library) string {
	var b strings.Builder
	b.WriteString(`mg: every number you name is a node of a graph; backward fills in grad.
  let a = 2.0; let b = -3.0   leaf Values labelled a and b; a = 4.0 rebinds a
  let d = a*b + 1             + - * / ** relu tanh exp log sigmoid make nodes
  d.backward()                d.grad = 1, then the chain rule to the leaves
  a.data a.grad a.label d.op  fields: a.data -= 0.01 * a.grad is a step
  fn f(x, k=2) { return x**k }    functions; fn(x) { ... } is one as a value
  if c { } else { }   while c { }   for x in xs { }   break   continue
  [1, a, b]   xs[-1]   [w*x for w, x in zip(ws, xs)]   lists, comprehensions
  and or not   == != < <= > >=   true false none   # comment   _ last value
builtins (:help NAME describes one, :help builtins all of them):
`)
	b.WriteString(wrapWords(stdlib.Names(lib), "  ", 78))
	b.WriteString("commands:\n")
	for _, c := range commandTable {
		fmt.Fprintf(&b, "  %-18s %s\n", ":"+c.name+" "+c.args, c.doc)
	}
	b.WriteString("keys: Tab completes, Up and Ctrl-R search history, Ctrl-C cancels, Ctrl-D quits\n")
	return b.String()
}

// wrapWords lays words out in lines of at most width columns.
func wrapWords(words []string, indent string, width int) string {
	var b strings.Builder
	line := indent
	for _, w := range words {
		if len(line)+len(w)+1 > width && line != indent {
			b.WriteString(strings.TrimRight(line, " ") + "\n")
			line = indent
		}
		line += w + " "
	}
	if line != indent {
		b.WriteString(strings.TrimRight(line, " ") + "\n")
	}
	return b.String()
}
