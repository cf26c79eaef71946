package eval

import (
	"strings"

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
