package lang

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// parseTests maps sources to the Dump of what they parse to.
var parseTests = []struct{ src, want string }{
	// literals
	{`4`, `4`},
	{`4.0`, `4.0`},
	{`.5`, `0.5`},
	{`5.`, `5.0`},
	{`1e-3`, `0.001`},
	{`1E+3`, `1000.0`},
	{`2.5e10`, `2.5e+10`},
	{`6.8813735870195432`, `6.881373587019543`},
	{`0.1`, `0.1`},
	{`9223372036854775807`, `9223372036854775807`},
	{`"hi"`, `"hi"`},
	{`"a\"b\\c\nd\te"`, `"a\"b\\c\nd\te"`},
	{`""`, `""`},
	{`"é # not a comment"`, `"é # not a comment"`},
	{`true; false; none`, `true; false; none`},
	{`'a'; 'say "hi"'; 'it\'s'`, `"a"; "say \"hi\""; "it's"`},
	{`Value(2.0, label='a')`, `(call Value 2.0 label="a")`},
	{`f"x"; f''`, `(f "x"); (f)`},
	{`f"step {k} loss {L.data:.4f}"`, `(f "step " {k} " loss " {(. L data):.4f})`},
	{`f'{x!r} {n:>5} {{}} {a[0]}'`, `(f {x!r} " " {n:>5} " {} " {(index a 0)})`},
	{`f"{x=} {d['k']}"`, `(f {x=x!r} " " {(index d "k")})`},
	{`f"{a if c else b:.2f}\n"`, `(f {(ifelse c a b):.2f} "\n")`},

	// conditional expressions and slices
	{`a if c else b`, `(ifelse c a b)`},
	{`a if c else b if d else e`, `(ifelse c a (ifelse d b e))`},
	{`x = a or b if c and d else -e`, `(= x (ifelse (and c d) (or a b) (- e)))`},
	{`[x if x > 0 else 0 for x in xs if x != 1]`, `(comp (ifelse (> x 0) x 0) (for x xs (if (!= x 1))))`},
	{`xs[1:3]; xs[::-1]; xs[:-1]; xs[1:]; xs[:]`, `(slice xs 1 3 _); (slice xs _ _ (- 1)); (slice xs _ (- 1) _); (slice xs 1 _ _); (slice xs _ _ _)`},
	{`xs[a:b:c][0]`, `(index (slice xs a b c) 0)`},
	{`let a, b = 1.0, 2.0`, `(let (a b) (1.0 2.0))`},
	{`let a, b = xs`, `(let (a b) xs)`},
	{`let a = 1.0, 2.0`, `(let a (1.0 2.0))`},
	{`x_1; _y; Value`, `x_1; _y; Value`},

	// precedence and associativity
	{`a*b + c`, `(+ (* a b) c)`},
	{`a + b*c`, `(+ a (* b c))`},
	{`a - b - c`, `(- (- a b) c)`},
	{`a / b / c`, `(/ (/ a b) c)`},
	{`a // b % c * d`, `(* (% (// a b) c) d)`},
	{`-x**2`, `(- (** x 2))`},
	{`2**3**2`, `(** 2 (** 3 2))`},
	{`2**-1`, `(** 2 (- 1))`},
	{`-2**-x**2`, `(- (** 2 (- (** x 2))))`},
	{`(-x)**2`, `(** (- x) 2)`},
	{`- - x`, `(- (- x))`},
	{`+x - -y`, `(- (+ x) (- y))`},
	{`not a == b`, `(not (== a b))`},
	{`not not a`, `(not (not a))`},
	{`a or b and c`, `(or a (and b c))`},
	{`a and b or c and d`, `(or (and a b) (and c d))`},
	{`a or b or c`, `(or (or a b) c)`},
	{`not a and not b`, `(and (not a) (not b))`},
	{`a < b`, `(< a b)`},
	{`a <= b + 1`, `(<= a (+ b 1))`},
	{`a > b; a >= b; a == b; a != b`, `(> a b); (>= a b); (== a b); (!= a b)`},
	{`a < b and b < c`, `(and (< a b) (< b c))`},
	{`-a < -b`, `(< (- a) (- b))`},
	{`(a + b) * c`, `(* (+ a b) c)`},
	{`((a))`, `a`},
	{`x**y.data`, `(** x (. y data))`},
	{`-x.grad`, `(- (. x grad))`},

	// postfix
	{`f()`, `(call f)`},
	{`f(a, b)`, `(call f a b)`},
	{`f(a, b,)`, `(call f a b)`},
	{`f(a, k=v)`, `(call f a k=v)`},
	{`Value(4.0, label="a")`, `(call Value 4.0 label="a")`},
	{`Neuron(2, nonlin=false,)`, `(call Neuron 2 nonlin=false)`},
	{`f(k=1, j=2)`, `(call f k=1 j=2)`},
	{`f(a == b)`, `(call f (== a b))`},
	{`xs[i]`, `(index xs i)`},
	{`xs[-1]`, `(index xs (- 1))`},
	{`[1, 2, 3][-1]`, `(index (list 1 2 3) (- 1))`},
	{`x.grad`, `(. x grad)`},
	{`x.relu()`, `(call (. x relu))`},
	{`m.layers[0].neurons[1].w[2].data`, `(. (index (. (index (. (index (. m layers) 0) neurons) 1) w) 2) data)`},
	{`f(a)(b)`, `(call (call f a) b)`},
	{`4.0.relu()`, `(call (. 4.0 relu))`},
	{`"s".x`, `(. "s" x)`},

	// lists and comprehensions
	{`[]`, `(list)`},
	{`[a]`, `(list a)`},
	{`[a, b,]`, `(list a b)`},
	{`[[1, 2], [3]]`, `(list (list 1 2) (list 3))`},
	{`[x*x for x in xs]`, `(comp (* x x) (for x xs))`},
	{`[x for x in range(6) if x > 2]`, `(comp x (for x (call range 6) (if (> x 2))))`},
	{`[w*x for w, x in zip(ws, xs)]`, `(comp (* w x) (for (w x) (call zip ws xs)))`},
	{`[a+b for a in as if a > 0 for b in bs if b if c]`, `(comp (+ a b) (for a as (if (> a 0))) (for b bs (if b) (if c)))`},
	{`[x for x in [y for y in ys]]`, `(comp x (for x (comp y (for y ys))))`},
	{`[x for x in a or b if not x]`, `(comp x (for x (or a b) (if (not x))))`},
	// generator expressions: read as comprehensions, marked gen
	{`sum((y - g)**2 for g, y in zip(ys, ps))`, `(call sum (gen (** (- y g) 2) (for (g y) (call zip ys ps))))`},
	{`sum((w*x for w, x in zip(ws, xs)), b)`, `(call sum (gen (* w x) (for (w x) (call zip ws xs))) b)`},
	{`max(x for x in xs if x > 0)`, `(call max (gen x (for x xs (if (> x 0)))))`},
	{`(x for x in xs for y in ys)`, `(gen x (for x xs) (for y ys))`},
	{`f(k=(x for x in xs))`, `(call f k=(gen x (for x xs)))`},

	// statements
	{`let a = a*b + c`, `(let a (+ (* a b) c))`},
	{`let d = -3.0`, `(let d (- 3.0))`},
	{`a = 1`, `(= a 1)`},
	{`x.data -= 0.01 * x.grad`, `(-= (. x data) (* 0.01 (. x grad)))`},
	{`xs[i] = 3`, `(= (index xs i) 3)`},
	{`f += h; f -= h; f *= h; f /= h`, `(+= f h); (-= f h); (*= f h); (/= f h)`},
	{`(x) = 1`, `(= x 1)`},
	{`f(x).y = 1`, `(= (. (call f x) y) 1)`},
	{`f(x)[0] += 1`, `(+= (index (call f x) 0) 1)`},
	{`fn f(a, b) { return a * b }`, `(fn f (a b) {(return (* a b))})`},
	{`fn f() { }`, `(fn f () {})`},
	{`fn f() {}`, `(fn f () {})`},
	{`fn f(a, b=2, c=none,) { return }`, `(fn f (a b=2 c=none) {(return)})`},
	{"fn f(\n  a,\n  b\n) {\n  return a\n}", `(fn f (a b) {(return a)})`},
	{`let g = fn (x) { return x * 2 }`, `(let g (fn (x) {(return (* x 2))}))`},
	{`fn (x) { x }(3)`, `(call (fn (x) {x}) 3)`},
	{`fn () {}`, `(fn () {})`},
	{`apply(fn (x) { x + 1 }, 3)`, `(call apply (fn (x) {(+ x 1)}) 3)`},
	{"apply(fn (x) {\n  let y = x\n  return y\n}, 3)", `(call apply (fn (x) {(let y x) (return y)}) 3)`},
	{`return`, `(return)`},
	{`return x`, `(return x)`},
	{"return\nx", `(return); x`},
	{`if c { a }`, `(if c {a})`},
	{`if c { a } else { b }`, `(if c {a} {b})`},
	{`if c { a } else if d { b } else { e }`, `(if c {a} (if d {b} {e}))`},
	{`if n <= 1 { return 1 }`, `(if (<= n 1) {(return 1)})`},
	{"if c {\n  a\n}\nelse {\n  b\n}", `(if c {a} {b})`},
	{"if c {\n  a\n}\n\n# comment\nelse if d {\n  b\n}\nelse {}", `(if c {a} (if d {b} {}))`},
	{`while n < 3 { n += 1 }`, `(while (< n 3) {(+= n 1)})`},
	{`while true { break }`, `(while true {(break)})`},
	{`for x in xs { print(x) }`, `(for x xs {(call print x)})`},
	{`for i in range(1, 100) { if i > 10 { break }; continue }`, `(for i (call range 1 100) {(if (> i 10) {(break)}) (continue)})`},
	{`for a, b in zip(xs, ys) { }`, `(for (a b) (call zip xs ys) {})`},
	{`for i, w in enumerate([10, 20]) { print(i, w) }`, `(for (i w) (call enumerate (list 10 20)) {(call print i w)})`},
	{`break; continue`, `(break); (continue)`},
	{`x.relu()`, `(call (. x relu))`},

	// newlines and separators
	{"", ``},
	{"\n\n# only a comment\n\n", ``},
	{"a\nb", `a; b`},
	{"a;b", `a; b`},
	{"a;;b;", `a; b`},
	{"; a", `a`},
	{"a # comment\nb", `a; b`},
	{"a\r\nb\r\n", `a; b`},
	{"f(1,\n  2)", `(call f 1 2)`},
	{"let xs = [\n  [2.0, 3.0],\n  [0.5],\n]", `(let xs (list (list 2.0 3.0) (list 0.5)))`},
	{"let a = 1 +\n  2", `(let a (+ 1 2))`},
	{"let a =\n  2", `(let a 2)`},
	{"x +=\n 1", `(+= x 1)`},
	{"let s = a and\n b", `(let s (and a b))`},
	{"let s = not\n b", `(let s (not b))`},
	{"x.\n grad", `(. x grad)`},
	{"let b = (a\n * 3)", `(let b (* a 3))`},
	{"f(\n)", `(call f)`},
	{"[x\n for x in xs\n if x]", `(comp x (for x xs (if x)))`},
	{"if c {\n\n  a\n\n  b\n\n}", `(if c {a b})`},
	{"if c { a; b }", `(if c {a b})`},
	{"while c {\n}", `(while c {})`},
	{"if c { a }\nb", `(if c {a}); b`},
	{"fn f() {\n return 1 }\nf()", `(fn f () {(return 1)}); (call f)`},
	{"let a = 1 # trailing comment", `(let a 1)`},
}

func TestParse(t *testing.T) {
	for _, tt := range parseTests {
		f, err := Parse("t.mg", tt.src)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.src, err)
			continue
		}
		if got := Dump(f); got != tt.want {
			t.Errorf("Parse(%q)\n got %s\nwant %s", tt.src, got, tt.want)
		}
	}
}

func TestParseExpr(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		{`L`, `L`},
		{`a*b + c`, `(+ (* a b) c)`},
		{"m(x)[0]\n", `(index (call m x) 0)`},
		{`fn (x) { x }`, `(fn (x) {x})`},
	} {
		x, err := ParseExpr("<repl>", tt.src)
		if err != nil {
			t.Errorf("ParseExpr(%q): %v", tt.src, err)
			continue
		}
		if got := Dump(x); got != tt.want {
			t.Errorf("ParseExpr(%q) = %s, want %s", tt.src, got, tt.want)
		}
	}
	for _, src := range []string{``, `a b`, `a = 1`, `let a = 1`, `a; b`, `(`} {
		if _, err := ParseExpr("<repl>", src); err == nil {
			t.Errorf("ParseExpr(%q) gave no error", src)
		} else if _, ok := err.(*Error); !ok {
			t.Errorf("ParseExpr(%q): error %T, want *Error", src, err)
		}
	}
}

// TestPositions checks the positions that error messages point at.
func TestPositions(t *testing.T) {
	src := "let a = 4.0\nlet d = a*b + c\nx.data -= 0.01 * f(x, k=1)[0]\n  if é == 1 { }"
	src = strings.Replace(src, "é == 1 { }", "\"é\" == qq { }", 1)
	f, err := Parse("p.mg", src)
	if err != nil {
		t.Fatal(err)
	}
	let := f.Stmts[1].(*LetStmt)
	sum := let.Value.(*BinaryExpr)
	prod := sum.X.(*BinaryExpr)
	asg := f.Stmts[2].(*AssignStmt)
	call := asg.Value.(*BinaryExpr).Y.(*IndexExpr).X.(*CallExpr)
	ifs := f.Stmts[3].(*IfStmt)
	cmp := ifs.Cond.(*BinaryExpr)
	for _, c := range []struct {
		what string
		n    Node
		line int
		col  int
	}{
		{"let", f.Stmts[0], 1, 1},
		{"let name", f.Stmts[0].(*LetStmt).Name, 1, 5},
		{"float", f.Stmts[0].(*LetStmt).Value, 1, 9},
		{"+ operator", sum, 2, 13},
		{"* operator", prod, 2, 10},
		{"ident a", prod.X, 2, 9},
		{"ident b", prod.Y, 2, 11},
		{"ident c", sum.Y, 2, 15},
		{"assign op", asg, 3, 8},
		{"field name", asg.Target, 3, 3},
		{"field x", asg.Target.(*FieldExpr).X, 3, 1},
		{"call paren", call, 3, 19},
		{"kwarg", call.Kwargs[0], 3, 23},
		{"index bracket", asg.Value.(*BinaryExpr).Y, 3, 27},
		{"if", ifs, 4, 3},
		{"ident after non-ASCII string", cmp.Y, 4, 13},
		{"block", ifs.Then, 4, 16},
		{"block end", endOf2(ifs.Then), 4, 18},
		{"file", f, 1, 1},
	} {
		p := c.n.Pos()
		if p.Line != c.line || p.Col != c.col || p.File != "p.mg" {
			t.Errorf("%s at %v, want p.mg:%d:%d", c.what, p, c.line, c.col)
		}
	}
}

type endNode struct{ p Pos }

func (e endNode) Pos() Pos { return e.p }
func endOf2(b *Block) Node { return endNode{b.End} }

func TestParseFrom(t *testing.T) {
	f, err := ParseFrom("<stdin>", "\n\nlet b = q", 10)
	if err != nil {
		t.Fatal(err)
	}
	if p := f.Stmts[0].(*LetStmt).Value.Pos(); p.Line != 12 || p.Col != 9 {
		t.Errorf("position %v, want line 12 col 9", p)
	}
	_, err = ParseFrom("<stdin>", "let b = )", 7)
	if e, ok := err.(*Error); !ok || e.Pos.Line != 7 || e.Pos.Col != 9 {
		t.Errorf("error %v, want at 7:9", err)
	}
}

// conformance returns the files of the conformance suite that match
// pattern: ../shared/conformance/cases beside the module.
func conformance(pattern string) []string {
	files, _ := filepath.Glob(filepath.Join("..", "..", "shared", "conformance", "cases", pattern))
	return files
}

// TestConformance parses every script of the conformance suite.
func TestConformance(t *testing.T) {
	files := conformance("*.mg")
	if len(files) == 0 {
		t.Skip("no conformance cases")
	}
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(path)
		f, err := Parse(name, string(src))
		if name == "09_err_syntax.mg" {
			e, ok := err.(*Error)
			if !ok || e.Pos.Line < 2 || e.Pos.Line > 3 || e.Pos.File != name {
				t.Errorf("%s: error %v, want an *Error at line 2 or 3", name, err)
			} else {
				t.Logf("%s: %v", name, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if len(f.Stmts) == 0 {
			t.Errorf("%s: no statements", name)
		}
	}
}

// TestREPLChunks feeds 12_repl.stdin the way the REPL on a pipe does: a
// line at a time, joining lines while the input is incomplete, counting
// lines from the start.
func TestREPLChunks(t *testing.T) {
	files := conformance("12_repl.stdin")
	if len(files) == 0 {
		t.Skip("no conformance cases")
	}
	src, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(src), "\n")
	var chunk string
	first, n := 1, 0
	for i, line := range lines {
		if line == "" {
			continue
		}
		if chunk == "" {
			first = i + 1
		}
		chunk += line
		if Incomplete(strings.TrimSuffix(chunk, "\n")) {
			continue
		}
		f, err := ParseFrom("<stdin>", chunk, first)
		if err != nil {
			t.Errorf("line %d: %q: %v", first, chunk, err)
		} else {
			n += len(f.Stmts)
		}
		chunk = ""
	}
	if chunk != "" {
		t.Errorf("left incomplete: %q", chunk)
	}
	if n != 12 {
		t.Errorf("%d statements, want 12", n)
	}
}

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestGolden parses testdata/*.mg and compares the dump, one statement a
// line, with the .dump file beside it; -update rewrites them.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.mg")
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		f, err := Parse(filepath.Base(path), string(src))
		if err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		var b strings.Builder
		for _, s := range f.Stmts {
			fmt.Fprintf(&b, "%d: %s\n", s.Pos().Line, Dump(s))
		}
		golden := strings.TrimSuffix(path, ".mg") + ".dump"
		if *update {
			if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		if b.String() != string(want) {
			t.Errorf("%s: dump differs from %s:\n%s", path, golden, b.String())
		}
	}
}
