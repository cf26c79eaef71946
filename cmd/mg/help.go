package main

import (
	"fmt"
	"sort"
	"strings"

	"github.com/mglang/mg/eval"
	"github.com/mglang/mg/stdlib"
)

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
	if d, ok := fieldHelp[name]; ok {
		fmt.Fprintf(&b, "%s\n", d)
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
	for t := range fieldHelp {
		topics = append(topics, t)
	}
	return topics
}

// fieldHelp describes the fields and module methods, which are not
// builtins, and the forms that have no keyword of their own.
var fieldHelp = map[string]string{
	"data":       "x.data: the number a Value holds (a float, read and write): x.data -= 0.01 * x.grad is a step;\n  numbers builtins take it: round(x.data, 2), f\"{x.data:.4f}\"",
	"grad":       "x.grad: dL/dx after backward(L) (a float, read and write; a field, not a method: x.grad, not x.grad())",
	"label":      "x.label: the name a Value is drawn and traced with (a string, read and write); let x = ... and Value(2.0, label='x') set it",
	"op":         "x.op: the op that made a Value, as dot draws it (\"+\", \"*\", \"tanh\", \"**2\"...; \"\" for a leaf), read only",
	"parameters": "m.parameters(): a module's Values in order, each labelled where it lives:\n  a Neuron's w0 w1 ... b, a Layer's N0.w0 ..., an MLP's L0.N0.w0 ... (layers and neurons counted from 0)",
	"zero_grad":  "m.zero_grad() or zero_grad(x): grad = 0 on every parameter of a module, a Value, or a list of Values",
	"w":          "n.w: a Neuron's list of weights (Values labelled w0, w1, ...)",
	"b":          "n.b: a Neuron's bias (a Value labelled b)",
	"neurons":    "layer.neurons: a Layer's list of Neurons",
	"layers":     "mlp.layers: an MLP's list of Layers",
	"nonlin":     "n.nonlin: whether a Neuron applies ReLU (true) or is linear",
	"fstring":    "f\"step {k} loss {L.data:.4f}\": an f-string, as Python's: {x} as print shows it, {x!r} as the REPL does,\n  {x:spec} by Python's format spec ({n:>5}, {x:.2e}, {p:.1%}, {n:,}), {x=} the text then the value; {{ }} are braces",
	"slice":      "xs[1:3] xs[:-1] xs[::-1] s[2:]: a slice of a list or string, as Python's: start, stop (left out), step",
	"ifelse":     "a if c else b: a when c is true, else b (the lowest precedence, as Python's conditional expression)",
	"strings":    "\"...\" or '...', with \\\" \\' \\\\ \\n \\t; f\"...\" is an f-string (:help fstring)",
}

// keywordHelp says what each keyword does, for :help KEYWORD.
var keywordHelp = map[string]string{
	"let":      "let name = expr declares a name; a float becomes a leaf Value labelled name;\n  let a, b = 1.0, 2.0 and let a, b = xs declare several, each bound so",
	"fn":       "fn name(a, b=1) { ... return expr } defines a function; fn(x) { ... } is one as a value",
	"return":   "return expr leaves the function with a value (none without one)",
	"if":       "if c { ... } else if d { ... } else { ... }; as an expression: a if c else b",
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
  [1, a, b]   xs[-1]   xs[1:3]   [w*x for w, x in zip(ws, xs)]   lists
  'a' "a" f"loss {L.data:.4f}"   a if c else b   let a, b = 1.0, 2.0
  backward(L, trace=true)   :trace L    the chain rule, step by step
  table(xs)                   label, data and grad in columns
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
