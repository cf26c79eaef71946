package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// habit is one thing a Python user types. Either it works as in Python:
// mg's output equals what /usr/bin/python3 prints for py (for the same text
// when py is "", the micrograd Value class of testdata/habits/value.py
// prepended when value is set); or it fails with an error that contains
// hint (and, when not is set, lacks it).
type habit struct {
	name  string
	mg    string
	py    string
	value bool
	hint  string
	not   string
}

var habits = []habit{
	// strings
	{name: "single quotes", mg: `print('a', "b", 'it\'s', "say \"hi\"", 'say "hi"')`},
	{name: "quotes mixed", mg: `print('a' + "b", len('abc'), 'x' == "x")`, py: `print('a' + "b", len('abc'), str('x' == "x").lower())`},
	{name: "escapes in single quotes", mg: `print('tab\there', 'back\\slash', 'two\nlines')`},
	// conditional expressions
	{name: "conditional", mg: `print(1 if 2 > 1 else 0, 'yes' if 0 else 'no')`},
	{name: "conditional chain", mg: `print(1 if 1 > 2 else 2 if 2 > 1 else 3)`},
	{name: "conditional in comprehension", mg: `print([x if x > 2 else 0 for x in [1, 2, 3, 4] if x != 2])`},
	{name: "conditional with or", mg: `print(0 or 5 if 1 > 0 else 7, -1 if 0 and 1 else 2)`},
	// slices
	{name: "slice 1:3", mg: `print([1, 2, 3, 4, 5][1:3])`},
	{name: "slice ::-1", mg: `print([1, 2, 3, 4, 5][::-1])`},
	{name: "slice :-1", mg: `print([1, 2, 3, 4, 5][:-1])`},
	{name: "slices of strings", mg: `print("hello"[1:4], "hello"[::-1], "hello"[-3:], 'abc'[1:], 'abc'[:1])`},
	{name: "slices clipped", mg: `print([1, 2, 3, 4, 5][::2], [1, 2, 3][5:], [1, 2, 3][-10:2], [1, 2, 3][:])`},
	{name: "slices stepping back", mg: `print([1, 2, 3, 4, 5][4:1:-1], [1, 2, 3, 4, 5][-1:-4:-2], [1, 2, 3][10:0:-1])`},
	{name: "slice then index", mg: `print([1, 2, 3][1:][0], len([1, 2, 3, 4][1:3]))`},
	// f-strings and format specs
	{name: "f-string loss", mg: `print(f"step {3} loss {0.123456789:.4f}")`},
	{name: "f-string align", mg: `print(f"{42:>5}|{42:<5}|{42:^5}|{42:05}|{'ab':>4}|{'ab':-<4}")`},
	{name: "f-string floats", mg: `print(f"{3.14159:.2e} {1234567.891:,.2f} {0.25:.1%} {1.5:+.3f} {2.0: .1f}")`},
	{name: "f-string ints", mg: `print(f"{255:#x} {255:X} {255:b} {255:#o} {-255:+d} {1234567:_}")`},
	{name: "f-string fill", mg: `print(f"{'x':*^9}|{7:0>3}|{-7:=6}|{1234:010,}")`},
	{name: "f-string repr and braces", mg: `print(f"{1.5!r} {2.0!s} {{braces}} {0.1 + 0.2}")`},
	{name: "f-string debug", mg: `print(f"{1+1=} {2*3 = }")`},
	{name: "f-string single quoted", mg: `print(f'{"q"} {1/3}')`},
	{name: "f-string general", mg: `print(f"{1e100:g} {1e-100:.3g} {123456789.0:g} {0.0001:g} {1e-05:g} {100000.0:g} {1e6:g}")`},
	{name: "f-string width and precision", mg: `print(f"{12345.6789:10.3f}|{-12.5:=+10.2f}|{3.0:.0f}|{2.5:.0f}|{3.5:.0f}")`},
	{name: "f-string exact digits", mg: `print(f"{0.1:.20f} {1/3:.17g} {2**0.5:.30f}")`},
	{name: "f-string negative zero", mg: `print(f"{-0.0:z.1f} {-0.001:.2f} {-0.0:.1f} {-0.001:z.1f}")`},
	{name: "format builtin", mg: `print(format(3.14159, ".3f"), format(42, "08.2f"), format(1e-7, "g"), format("x", "^5"))`},
	{name: "format grouping", mg: `print(format(1234567, ","), format(1234567, "_"), format(0.5, "%"), format(1234, "09,"), format(-1234.5, "012,.1f"))`},
	{name: "format empty and repr-like", mg: `print(format(1e16, ""), format(123.456, ".2"), format(100.0, ".3"), format(1000.0, ".3"), format(1.0, ".3"), format(5.0, ".1"), format(99.5, ".2"))`},
	{name: "format alternate", mg: `print(format(1.0, "#.3g"), format(5.0, "#.0f"), format(255, "#010x"), format(255, "_b"), format(100, "c"))`},
	{name: "format inf nan", mg: `print(format(float("inf"), "F"), format(float("-inf"), "+.2f"), format(float("inf"), ">6"), format(float("nan"), "+"))`},
	{name: "str of numbers", mg: `print(str(2.5), str(10), str(1e-5), str(1e16), str(0.1 + 0.2))`},
	// let with several names (each its own labelled leaf)
	{name: "let two floats", mg: "let a, b = 2.0, -3.0\nlet c = a * b\nprint(c.data, a.label, b.label, c.label)",
		py: "a, b = Value(2.0, label='a'), Value(-3.0, label='b')\nc = a * b; c.label = 'c'\nprint(c.data, a.label, b.label, c.label)", value: true},
	{name: "let from a list", mg: "let xs = [1.5, 2.5]\nlet p, q = xs\nprint(p.data + q.data, p.label, q.label)",
		py: "p, q = Value(1.5, label='p'), Value(2.5, label='q')\nprint(p.data + q.data, p.label, q.label)", value: true},
	{name: "let backward", mg: "let a, b = 2.0, -3.0\nlet L = (a * b).tanh()\nL.backward()\nprint(a.grad, b.grad)",
		py: "a, b = Value(2.0, label='a'), Value(-3.0, label='b')\nL = (a * b).tanh()\nL.backward()\nprint(a.grad, b.grad)", value: true},
	{name: "let two ints", mg: "let i, j = 1, 2\nprint(i + j, type(i), i / j)", py: "i, j = 1, 2\nprint(i + j, type(i).__name__, i / j)"},
	{name: "str of a Value", mg: "let a = Value(2.0, label='a')\nprint(str(a), f\"{a}\", a.label)", py: "a = Value(2.0, label='a')\nprint(str(a), f\"{a}\", a.label)", value: true},
	{name: "f-string of data", mg: "let a = Value(2.0, label='a')\nlet b = Value(-3.0, label='b')\nlet L = a*b\nL.backward()\nprint(f\"{L.label}: data {L.data:.4f} grad {a.grad:+.2f}\")",
		py: "a = Value(2.0, label='a')\nb = Value(-3.0, label='b')\nL = a*b; L.label = 'L'\nL.backward()\nprint(f\"{L.label}: data {L.data:.4f} grad {a.grad:+.2f}\")", value: true},

	{name: "smallest int literal", mg: `print(-9223372036854775808 < 0, -9223372036854775808, -9223372036854775808 == -9223372036854775807 - 1, -9223372036854775808 // 7, 2.0 ** -9223372036854775808, f"{-9223372036854775808}")`,
		py: `print(str(-9223372036854775808 < 0).lower(), -9223372036854775808, str(-9223372036854775808 == -9223372036854775807 - 1).lower(), -9223372036854775808 // 7, 2.0 ** -9223372036854775808, f"{-9223372036854775808}")`},

	// hints instead of a parser's word
	{name: "import math", mg: "import math", hint: "mg has no modules: the math functions are builtins"},
	{name: "from math import", mg: "from math import exp", hint: "mg has no modules"},
	{name: "math.exp", mg: "let x = 2.0\nprint(math.exp(x))", hint: "undefined: math (mg has no modules"},
	{name: "is", mg: "let a = 2.0\nlet b = a\nprint(a is b)", hint: "mg has no is: compare with =="},
	{name: "retrun", mg: "fn f(x) {\n  retrun x\n}", hint: "did you mean return?"},
	{name: "whiel", mg: "whiel 1 > 2 { }", hint: "did you mean while?"},
	{name: "esle", mg: "esle", hint: "undefined: esle (did you mean else?)"},
	{name: "grad()", mg: "let a = 2.0\nprint(a.grad())", hint: "grad is a field of a Value, not a method: write a.grad"},
	{name: "data()", mg: "let a = 2.0\nprint(a.data())", hint: "data is a field of a Value, not a method: write a.data"},
	{name: "round of a Value", mg: "let L = 2.0\nprint(round(L, 2))", hint: "round() takes a number, not a Value: use its data"},
	{name: "no unrelated suggestion", mg: "let L = 2.0\nprint(x)", hint: "undefined: x", not: "did you mean"},
	{name: "alike suggestion", mg: "prnt(1)", hint: "undefined: prnt (did you mean print?)"},
	{name: "field typo", mg: "let a = 2.0\nprint(a.gard)", hint: "did you mean grad?"},
	{name: "assign without let", mg: "x = x + 1", hint: "undefined: x (declare it first with let x = ...)"},
	{name: "colon block", mg: "if 1 > 0:\n    print(1)", hint: "mg opens a block with braces, not a colon"},
	{name: "def", mg: "def f(x):\n    return x", hint: "mg defines a function with fn"},
	{name: "elif", mg: "let a = 2.0\nif a > 0 { print(1) } elif a < 0 { print(2) }", hint: "mg writes else if"},
	{name: "lambda", mg: "let f = lambda x: x", hint: "anonymous function as fn (x)"},
	{name: "True", mg: "print(True)", hint: "mg writes it true"},
	{name: "format spec on a Value", mg: "let a = 2.0\nprint(f\"{a:.4f}\")", hint: "a Value has no format spec: format its data"},
	{name: "random module", mg: "print(random.random())", hint: "random is a builtin function, not a module"},
	{name: "slice step zero", mg: "print([1, 2][::0])", hint: "slice step cannot be zero"},
	{name: "unpack count", mg: "let a, b = [1.0, 2.0, 3.0]", hint: "cannot unpack 3 values into 2 names"},
	{name: "conditional without else", mg: "print(1 if 2 > 1)", hint: `expected "else" in the conditional expression`},
	{name: "tuple assignment", mg: "let a = 1.0\nlet b = 2.0\na, b = b, a", hint: "mg binds several names at once only in a let"},
	{name: "class", mg: "class Value:\n    pass", hint: "mg has no classes"},
	{name: "docstring", mg: "\"\"\"a docstring\"\"\"", hint: "mg has no triple-quoted strings"},
	{name: "in operator", mg: "print(3 in [1, 2, 3])", hint: "mg's in belongs to for loops"},
	{name: "pass", mg: "pass", hint: "mg needs no pass"},
	{name: "bang", mg: "print(!true)", hint: "mg writes not x"},
	{name: "double ampersand", mg: "print(true && false)", hint: "mg writes and"},
	{name: "increment", mg: "let i = 0\ni++\nprint(i)", hint: "mg has no ++: write x += 1"},
	{name: "format code", mg: `print(f"{1:.2s}")`, hint: "unknown format code 's' for an int"},
	{name: "power assign", mg: "let y = 2.0\ny **= 2", hint: "mg has only += -= *= /=: write y = y ** 2"},
	{name: "modulo assign", mg: "let n = 5\nn %= 3", hint: "mg has only += -= *= /=: write n = n % 3"},
	{name: "floor division assign", mg: "let n = 5\nn //= 2", hint: "mg has only += -= *= /=: write n = n // 2"},
	{name: "power assign in a block", mg: "let y = 2.0\nif true { y **= 2 }", hint: "write y = y ** 2)"},
	{name: "field power assign", mg: "let a = 2.0\na.data **= 2  # square", hint: "write a.data = a.data ** 2)"},
	{name: "slash comment", mg: "// a comment\nprint(1)", hint: "mg's comments start with #"},
	{name: "block comment", mg: "/* a comment */\nprint(1)", hint: "mg's comments start with #"},
	{name: "slash comment after code", mg: "let x = 1 // a comment", hint: "mg's comments start with #"},
	{name: "slashes in a string are no comment", mg: `print("http://x") y`, hint: `found "y"`, not: "comments"},
	{name: "tuple", mg: "let t = (1, 2)", hint: "mg has no tuples: use a list, as [1, 2]"},
	{name: "chained assignment", mg: "let p = q = 0", hint: "mg has no chained assignment: write let p, q = 0, 0"},
	{name: "chained assignment without let", mg: "let p = 1\nlet q = 1\np = q = 0", hint: "mg has no chained assignment: give each name its own ="},
	{name: "exit", mg: "print(1)\nexit()", hint: "mg needs no exit(): a script ends after its last line; in the REPL type :quit or press Ctrl-D"},
	{name: "quit", mg: "quit()", hint: "mg needs no quit()"},
	{name: "print statement", mg: `print "x"`, hint: `print is a function: print("x")`},
	{name: "unpack one value", mg: "let a, b = [1]", hint: "cannot unpack 1 value into 2 names"},
	{name: "unpack one value in a loop", mg: "for a, b in [[1.0]] { }", hint: "cannot unpack 1 value into 2 names"},
	// IPython and Jupyter habits
	{name: "help() is :help", mg: "help(tanh)", hint: "undefined: help (mg's help is the REPL command :help tanh, or Shift-Tab in a notebook)"},
	{name: "name? is :help", mg: "tanh?", hint: "mg's help is :help tanh, or Shift-Tab in a notebook"},
	{name: "?name is :help", mg: "?tanh", hint: "mg's help is :help tanh"},
	{name: "magic", mg: "%timeit 1", hint: "mg has no magics or shell escapes"},
	{name: "shell escape", mg: "!ls", hint: "mg has no magics or shell escapes"},
	{name: "no arguments but 1 was given", mg: "random(1)", hint: "random() takes no arguments but 1 was given"},
	{name: "at most 1 argument", mg: "list([1], [2])", hint: "list() takes at most 1 argument (xs) but 2 were given"},
	{name: "own function takes 1 argument but 2", mg: "fn f(x) { return x }\nf(1, 2)", hint: "f() takes 1 argument (x) but 2 were given"},
	{name: "a bool is not talked of as an int", mg: "gradcheck(true)", hint: "gradcheck(): L must be a Value, not a bool", not: "int"},
	{name: "random.uniform is uniform", mg: "let w = random.uniform(-1, 1)", hint: "mg has no modules; write uniform(-1, 1)"},
	{name: "random.seed is seed", mg: "random.seed(1)", hint: "write seed(1)"},
	{name: "micrograd import", mg: "from micrograd.engine import Value", hint: "Value, Neuron, Layer, MLP are builtins: no import needed"},
	{name: "micrograd nn import", mg: "from micrograd.nn import MLP", hint: "Value, Neuron, Layer, MLP are builtins: no import needed"},
	// names of a block that has ended
	{name: "name declared in a finished block", mg: "for i in range(3) { let last = i }\nprint(last)", hint: "undefined: last (last was declared inside the for block at 1:25 and ended with it: declare it before the block with let", not: "did you mean"},
	{name: "loop variable after its loop", mg: "for i in range(3) { }\nprint(i)", hint: "undefined: i (i exists only inside its for loop at 1:5"},
	{name: "name declared in a finished if block", mg: "if true { let t = 1 }\nprint(t)", hint: "t was declared inside the if block at 1:15 and ended with it"},
	{name: "comprehension variable after it", mg: "let ys = [x * 2 for x in [1, 2]]\nprint(x)", hint: "x exists only inside its comprehension at 1:21"},
	{name: "name of a finished block in a function", mg: "fn f() {\n  while true { let z = 2\n break }\n  return z\n}\nf()", hint: "z was declared inside the while block at 2:20"},
	// the lecture's Value internals
	{name: "_prev points at dot and trace", mg: "let a = 2.0\nlet b = a * 3.0\nprint(b._prev)", hint: "mg does not expose a Value's operands: x.op is its operation; dot(x) draws the graph and :trace x", not: "did you mean"},
	{name: "children points at dot and trace", mg: "let a = 2.0\nlet b = a * 3.0\nprint(b.children)", hint: "mg does not expose a Value's operands"},
	{name: "_op is op", mg: "let a = 2.0\nlet b = a * 3.0\nprint(b._op)", hint: "mg writes x.op"},
	{name: "_backward points at backward's trace", mg: "let a = 2.0\nlet b = a * 3.0\nb._backward()", hint: "backward(L, trace=true) or :trace L", not: "did you mean backward?"},
	// modules
	{name: "module method typo parameter", mg: "let m = MLP(2, [2])\nm.parameter()", hint: "an MLP has no field or method parameter (did you mean parameters?)"},
	{name: "module method typo zerograd", mg: "let m = MLP(2, [2])\nm.zerograd()", hint: "(did you mean zero_grad?)"},
	{name: "layer field typo neuron", mg: "let m = MLP(2, [2])\nprint(m.layers[0].neuron)", hint: "a Layer has no field or method neuron (did you mean neurons?)"},
	{name: "neurons of an MLP", mg: "let m = MLP(2, [2])\nprint(m.neurons)", hint: "an MLP has layers; its layers have neurons"},
	{name: "module lists what it has", mg: "let m = MLP(2, [2])\nprint(m.weights)", hint: "an MLP has no field or method weights (it has layers, parameters, zero_grad)"},
	// generator expressions, evaluated as lists
	{name: "generator argument in the lecture's loss",
		mg: "let ys = [1.0, -1.0, -1.0, 1.0]\nlet ypred = [Value(0.8), Value(-0.3), Value(-0.9), Value(0.55)]\nlet loss = sum((yout - ygt)**2 for ygt, yout in zip(ys, ypred))\nloss.backward()\nprint(loss.data, ypred[0].grad, ypred[3].grad)",
		py: "ys = [1.0, -1.0, -1.0, 1.0]\nypred = [Value(0.8), Value(-0.3), Value(-0.9), Value(0.55)]\nloss = sum((yout - ygt)**2 for ygt, yout in zip(ys, ypred))\nloss.backward()\nprint(loss.data, ypred[0].grad, ypred[3].grad)", value: true},
	{name: "parenthesized generator with a start as in micrograd's Neuron",
		mg: "let w = [Value(0.3), Value(-0.7), Value(0.45)]\nlet b = Value(0.1)\nlet x = [2.0, 3.0, -1.5]\nlet act = sum((wi*xi for wi, xi in zip(w, x)), b)\nlet out = act.tanh()\nout.backward()\nprint(act.data, out.data, w[0].grad, w[2].grad, b.grad)",
		py: "w = [Value(0.3), Value(-0.7), Value(0.45)]\nb = Value(0.1)\nx = [2.0, 3.0, -1.5]\nact = sum((wi*xi for wi, xi in zip(w, x)), b)\nout = act.tanh()\nout.backward()\nprint(act.data, out.data, w[0].grad, w[2].grad, b.grad)", value: true},
	{name: "generator argument of sum max min", mg: "print(max(x*x for x in [1, -3, 2]), min(x for x in [3, 1, 2] if x > 1), sum(x / 10 for x in range(7)), sum(a * b for a in [0.1, 0.7] for b in [0.3, 0.2]))"},
	{name: "generator is evaluated as a list", mg: "print((i*i for i in range(4)), len((c for c in 'abc')))", py: "print([i*i for i in range(4)], len([c for c in 'abc']))"},
	{name: "bare generator beside other arguments", mg: "print(sum(x for x in [1, 2], 10))", hint: "a generator that is not the only argument needs its own parentheses"},
	{name: "byte order mark", mg: "\ufeffprint(1 + 1, 'bom')", py: "print(1 + 1, 'bom')"},
}

// python returns the path of Debian's python3, or skips (fails in CI).
func python(t *testing.T) string {
	const py = "/usr/bin/python3"
	if _, err := os.Stat(py); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is required in CI: %v", py, err)
		}
		t.Skipf("%s not installed", py)
	}
	return py
}

func TestPythonHabits(t *testing.T) {
	if len(habits) < 40 {
		t.Fatalf("%d habits, want at least 40", len(habits))
	}
	prelude, err := os.ReadFile(filepath.Join("testdata", "habits", "value.py"))
	if err != nil {
		t.Fatal(err)
	}
	py := python(t)
	dir := t.TempDir()
	for i, h := range habits {
		t.Run(h.name, func(t *testing.T) {
			src := filepath.Join(dir, "habit"+string(rune('a'+i%26))+".mg")
			if err := os.WriteFile(src, []byte(h.mg+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			var stdout, stderr bytes.Buffer
			code := run([]string{"run", src}, strings.NewReader(""), &stdout, &stderr)
			if strings.Contains(stderr.String(), "panic") {
				t.Fatalf("a Go panic reached the user:\n%s", stderr.String())
			}
			if h.hint != "" {
				if code == 0 || !strings.Contains(stderr.String(), h.hint) {
					t.Errorf("exit %d, stderr lacks %q:\n%s", code, h.hint, stderr.String())
				}
				if h.not != "" && strings.Contains(stderr.String(), h.not) {
					t.Errorf("stderr has %q:\n%s", h.not, stderr.String())
				}
				return
			}
			if code != 0 {
				t.Fatalf("exit %d:\n%s", code, stderr.String())
			}
			text := h.py
			if text == "" {
				text = h.mg
			}
			if h.value {
				text = string(prelude) + text
			}
			cmd := exec.Command(py, "-c", text)
			want, err := cmd.Output()
			if err != nil {
				t.Fatalf("python3: %v\n%s", err, text)
			}
			if got := stdout.String(); got != string(want) {
				t.Errorf("mg and Python differ\n--- mg\n%s--- python3\n%s", got, want)
			}
		})
	}
}
