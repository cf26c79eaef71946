package eval

import (
	"strconv"
	"strings"

	"github.com/mglang/mg/autograd"
	"github.com/mglang/mg/lang"
)

// alike reports whether a mistyped name and a known one, d edits apart,
// are alike enough to suggest: one edit in every three letters, and none
// for a name of one or two letters unless only the case differs (x is
// not a typo of L; gard is of grad).
func alike(name, cand string, d int) bool {
	if strings.EqualFold(name, cand) {
		return true
	}
	return d <= len(name)/3 && d <= len(cand)/3+1
}

// nameHint is what an undefined name means to a Python user: a module
// (mg has none; its math functions are builtins) or a misspelt keyword.
func nameHint(name string) string {
	switch name {
	case "math", "numpy", "np", "torch", "random":
		return "mg has no modules: the math functions are builtins, as exp(x), log(x), tanh(x), sqrt(x), random()"
	case "def":
		return "mg defines a function with fn: fn f(x) { return x }"
	case "elif":
		return "mg writes else if"
	case "print_", "println":
		return "mg writes print(x)"
	case "pass":
		return "mg needs no pass: an empty block is { }"
	case "exit", "quit":
		return "mg needs no " + name + "(): a script ends after its last line; in the REPL type :quit or press Ctrl-D"
	case "help":
		return "mg's help is the REPL command :help NAME, or Shift-Tab in a notebook"
	case "self":
		return "mg has no classes; Neuron, Layer and MLP are builtins"
	}
	if k := lang.Misspelt(name); k != "" {
		return "did you mean " + k + "?"
	}
	return ""
}

func isCallable(o Object) bool {
	switch o.(type) {
	case *Function, Callable:
		return true
	}
	return false
}

// declaredCheck returns a check, run before an assignment's value, that a
// global name being assigned was declared: `x = x + 1` without a let is
// told to use let, rather than that x on the right is undefined.
func (c *compiler) declaredCheck(id *lang.Ident) func() {
	if r := c.resolve(id.Name); r.kind != refGlobal {
		return func() {}
	}
	g, i, pos, name := c.in.globals, c.in.globals.slot(id.Name), id.P, id.Name
	return func() {
		if g.vals[i] == nil {
			fail(pos, "undefined: %s (declare it first with let %s = ...)", name, name)
		}
	}
}

func isValueField(name string) bool {
	for _, f := range ValueFields {
		if f == name {
			return true
		}
	}
	return false
}

// helpCall is call, unless it is Python's help(name) and mg has no help:
// then it says that help is the REPL command :help name.
func (c *compiler) helpCall(e *lang.CallExpr, call exprFn) exprFn {
	id, ok := e.Fn.(*lang.Ident)
	if !ok || id.Name != "help" || len(e.Args) != 1 || c.resolve(id.Name).kind != refGlobal {
		return call
	}
	what := "NAME"
	if arg, ok := e.Args[0].(*lang.Ident); ok {
		what = arg.Name
	}
	g, i, pos := c.in.globals, c.in.globals.slot(id.Name), id.P
	return func(fr *frame) Object {
		if g.vals[i] == nil {
			fail(pos, "undefined: help (mg's help is the REPL command :help %s, or Shift-Tab in a notebook)", what)
		}
		return call(fr)
	}
}

// argsText writes a call's arguments back as source when they are simple
// (numbers, names, strings, a minus sign), for a hint; "..." otherwise.
func argsText(e *lang.CallExpr) string {
	parts := make([]string, 0, len(e.Args)+len(e.Kwargs))
	for _, a := range e.Args {
		parts = append(parts, simpleText(a))
	}
	for _, k := range e.Kwargs {
		parts = append(parts, k.Name+"="+simpleText(k.Value))
	}
	return strings.Join(parts, ", ")
}

func simpleText(x lang.Expr) string {
	switch x := x.(type) {
	case *lang.IntLit:
		return strconv.FormatInt(x.Value, 10)
	case *lang.FloatLit:
		return autograd.FormatFloat(x.Value)
	case *lang.Ident:
		return x.Name
	case *lang.StringLit:
		return strconv.Quote(x.Value)
	case *lang.UnaryExpr:
		if x.Op == "-" || x.Op == "+" {
			return x.Op + simpleText(x.X)
		}
	}
	return "..."
}
