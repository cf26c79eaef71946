package lang

import (
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"
)

// errorTests maps sources to the position and a part of the message of
// their syntax error; incomplete says whether it wraps ErrIncomplete.
var errorTests = []struct {
	src        string
	line, col  int
	msg        string
	incomplete bool
}{
	// expressions
	{`)`, 1, 1, `unexpected ")"`, false},
	{`}`, 1, 1, `unexpected "}"`, false},
	{`]`, 1, 1, `unexpected "]"`, false},
	{`let a = )`, 1, 9, `expected an expression, found ")"`, false},
	{`1 + * 2`, 1, 5, `expected an expression, found "*"`, false},
	{`f(,)`, 1, 3, `expected an expression, found ","`, false},
	{`f(1 2)`, 1, 5, `expected "," or ")" after the argument, found "2"`, false},
	{`f(x for x in xs, 1)`, 1, 3, `a generator that is not the only argument needs its own parentheses`, false},
	{`f(1, x for x in xs)`, 1, 6, `a generator that is not the only argument needs its own parentheses`, false},
	{`f(k=1, x for x in xs)`, 1, 8, `positional argument after keyword argument`, false},
	{`(x for x in xs) = 1`, 1, 1, `cannot assign to a generator`, false},
	{`(x for x in xs, 1)`, 1, 15, `expected "for", "if" or ")" in the generator, found ","`, false},
	{`f(k=1, 2)`, 1, 8, `positional argument after keyword argument`, false},
	{`f(k=1, k=2)`, 1, 8, `keyword argument k given twice`, false},
	{`xs[1, 2]`, 1, 5, `expected "]" after the index, found ","`, false},
	{`xs[]`, 1, 4, `expected an expression, found "]"`, false},
	{`[1 2]`, 1, 4, `expected "," or "]" in the list, found "2"`, false},
	{`(1, 2)`, 1, 3, `expected ")", found ","`, false},
	{`()`, 1, 2, `expected an expression, found ")"`, false},
	{`x.1`, 1, 2, `expected newline or ";" after the statement, found ".1"`, false},
	{`x.if`, 1, 3, `expected a field name after ".", found "if"`, false},
	{`a < b < c`, 1, 7, `comparisons do not chain`, false},
	{`a == b == c`, 1, 8, `comparisons do not chain`, false},
	{`a == not b`, 1, 6, `expected an expression (put "not ..." in parentheses here), found "not"`, false},
	{`-not a`, 1, 2, `put "not ..." in parentheses`, false},
	{`[x for in xs]`, 1, 8, `expected a loop variable after "for", found "in"`, false},
	{`[x for x xs]`, 1, 10, `expected "in" after the loop variable, found "xs"`, false},
	{`[x for x, in xs]`, 1, 11, `expected a loop variable after ",", found "in"`, false},
	{`[x for x in xs if]`, 1, 18, `expected an expression, found "]"`, false},
	{`[x for x in xs y]`, 1, 16, `expected "for", "if" or "]" in the comprehension, found "y"`, false},
	{`let f = fn x`, 1, 12, `expected "(" after "fn", found "x"`, false},
	{`fn 5`, 1, 4, `expected "(" after "fn", found "5"`, false},
	{`let f = fn (x) x`, 1, 16, `expected "{" to start the function body, found "x"`, false},
	{`fn f(1) {}`, 1, 6, `expected a parameter name, found "1"`, false},
	{`fn f(a b) {}`, 1, 8, `expected "," or ")" after the parameter, found "b"`, false},
	{`fn f(a, a) {}`, 1, 9, `duplicate parameter a`, false},
	{`fn f(a=1, b) {}`, 1, 11, `parameter b needs a default value`, false},
	{`fn f(a=) {}`, 1, 8, `expected an expression, found ")"`, false},
	{`fn f {}`, 1, 6, `expected "(" after the function name, found "{"`, false},
	{`fn f() return 1`, 1, 8, `expected "{" to start the function body, found "return"`, false},

	// statements
	{`let = 5`, 1, 5, `"let" needs a name: let x = ...`, false},
	{`let 5 = 5`, 1, 5, `"let" needs a name`, false},
	{`let if = 5`, 1, 5, `"let" needs a name`, false},
	{`let x 5`, 1, 7, `expected "=" after the name, found "5"`, false},
	{`let x += 5`, 1, 7, `expected "=" after the name, found "+="`, false},
	{`let x = `, 1, 8, `expected an expression, found end of input`, true},
	{`let x =;`, 1, 8, `expected an expression, found ";"`, false},
	{`let x = 1 2`, 1, 11, `expected newline or ";" after the statement, found "2"`, false},
	{`x = y = 1`, 1, 7, `expected newline or ";" after the statement, found "="`, false},
	{`f(x) = 3`, 1, 1, `cannot assign to a call`, false},
	{`x.relu() += 1`, 1, 1, `cannot assign to a call`, false},
	{`3 = x`, 1, 1, `cannot assign to a number`, false},
	{`"s" = x`, 1, 1, `cannot assign to a string`, false},
	{`true = x`, 1, 1, `cannot assign to true`, false},
	{`a + b = 1`, 1, 1, `cannot assign to the result of "+"`, false},
	{`-a = 1`, 1, 1, `cannot assign to the result of "-"`, false},
	{`[a, b] = xs`, 1, 1, `cannot assign to a list`, false},
	{`x = `, 1, 4, `expected an expression, found end of input`, true},
	{`if x y {}`, 1, 6, `expected "{" after the condition, found "y"`, false},
	{`if x = 1 {}`, 1, 6, `expected "{" after the condition, found "=" (to compare, use "==")`, false},
	{"if x\n{ }", 1, 5, `expected "{" after the condition, found newline`, false},
	{`if x`, 1, 5, `expected "{" after the condition, found end of line`, false},
	{`if {}`, 1, 4, `expected an expression, found "{"`, false},
	{`while x y {}`, 1, 9, `expected "{" after the condition, found "y"`, false},
	{`if x {} else y`, 1, 14, `expected "{" or "if" after "else", found "y"`, false},
	{`if x {} else`, 1, 13, `"{" or "if" after "else", found end of input`, true},
	{`else {}`, 1, 1, `unexpected "else"`, false},
	{`if x {} ; else {}`, 1, 11, `unexpected "else"`, false},
	{`for in xs {}`, 1, 5, `"for" needs a loop variable: for x in xs { ... }`, false},
	{`for x xs {}`, 1, 7, `expected "in" after the loop variable, found "xs"`, false},
	{`for x, in xs {}`, 1, 8, `expected a loop variable after ",", found "in"`, false},
	{`for x in xs y {}`, 1, 13, `expected "{" after the loop's iterable, found "y"`, false},
	{`for x in {}`, 1, 10, `expected an expression, found "{"`, false},
	{`if x { ) }`, 1, 8, `unexpected ")"`, false},
	{`return return`, 1, 8, `expected newline or ";" after the statement, found "return"`, false},
	{`break 1`, 1, 7, `expected newline or ";" after the statement, found "1"`, false},
	{"let b = (a * 3\nprint(b)", 2, 1, `expected ")" to close the "(" at 1:9, found "print"`, false},
	{"f(1,\n2\n", 2, 2, `"(" opened at 1:2 is never closed`, true},

	// incomplete input
	{`f(1,`, 1, 5, `"(" opened at 1:2 is never closed`, true},
	{"let a = (1 +", 1, 13, `"(" opened at 1:9 is never closed`, true},
	{"let b = (a * 3\n", 1, 15, `"(" opened at 1:9 is never closed`, true},
	{"if x {", 1, 7, `"{" opened at 1:6 is never closed`, true},
	{"if x {\n  y = 1\n", 2, 8, `"{" opened at 1:6 is never closed`, true},
	{"fn f(a,\n", 1, 8, `"(" opened at 1:5 is never closed`, true},
	{"[1, [2, 3", 1, 10, `"[" opened at 1:5 is never closed`, true},
	{"1 +", 1, 4, `expected an expression, found end of input`, true},
	{"x.", 1, 3, `expected a field name after ".", found end of input`, true},
	{"a and", 1, 6, `expected an expression, found end of input`, true},
	{"not", 1, 4, `expected an expression, found end of input`, true},
	{"let", 1, 4, `"let" needs a name`, true},
	{"for x", 1, 6, `expected "in" after the loop variable, found end of line`, false},
	{"for x,", 1, 7, `expected a loop variable after ",", found end of input`, true},
	{`"abc`, 1, 1, `unterminated string`, true},
	{`print("abc`, 1, 7, `unterminated string`, true},

	// lexical
	{`@`, 1, 1, `invalid character "@"`, false},
	{`let a = 1 @ 2`, 1, 11, `invalid character "@"`, false},
	{`a ! b`, 1, 3, `invalid character "!"`, false},
	{`xs[1:2 3]`, 1, 8, `expected "]" after the slice, found "3"`, false},
	{`xs[:`, 1, 5, `"[" opened at 1:3 is never closed`, true},
	{`a if b`, 1, 7, `expected "else" in the conditional expression`, false},
	{`a if b else`, 1, 12, `expected an expression`, true},
	{`f"{}"`, 1, 4, `f-string: empty expression not allowed`, false},
	{`f"{x"`, 1, 3, `f-string: expecting "}"`, false},
	{`f"a}b"`, 1, 4, `f-string: single "}" is not allowed`, false},
	{`f"{x!q}"`, 1, 6, `conversion after "!" must be r or s`, false},
	{`f"{x+}"`, 1, 6, `expected an expression`, false},
	{`f"{x:{w}}"`, 1, 4, `a field inside a format spec is not supported`, false},
	{`'abc`, 1, 1, `unterminated string`, true},
	{`let a, a = 1, 2`, 1, 8, `the name a is given twice`, false},
	{"i++\nprint(i)", 1, 2, `mg has no ++: write x += 1`, false},
	{"i--", 1, 2, `mg has no --: write x -= 1`, false},
	{"a, b = b, a", 1, 2, `mg binds several names at once only in a let`, false},
	{"if 3 in xs { }", 1, 6, `mg's in belongs to for loops`, false},
	{`let a, = 1`, 1, 8, `expected a name after ","`, false},
	{`let é = 1`, 1, 5, `invalid character "é"`, false},
	{`"é" + ü`, 1, 7, `invalid character "ü"`, false},
	{"a = 1\x00", 1, 6, `invalid character "\x00"`, false},
	{"\xff", 1, 1, `invalid character "\xff"`, false},
	{"a =\t@", 1, 5, `invalid character "@"`, false},
	{`"abc` + "\nx", 1, 1, `unterminated string`, false},
	{`"a\qb"`, 1, 3, `unknown escape \q in string`, false},
	{`print("x", 'a\q')`, 1, 14, `unknown escape \q in string`, false},
	{`99999999999999999999`, 1, 1, `integer literal too large`, false},
	{`let n = 9223372036854775808`, 1, 9, `integer literal too large`, false},
	{`1e400`, 1, 1, `float literal too large`, false},
	{`2x`, 1, 1, `invalid number "2x"`, false},
	{`1e`, 1, 1, `invalid number "1e"`, false},
	{`1.5e+`, 1, 1, `invalid number "1.5e"`, false},
	{`0x10`, 1, 1, `invalid number "0x10"`, false},
	{`x = 2.relu()`, 1, 5, `invalid number "2.relu"`, false},
	// the earliest error wins, lexical or not
	{"let = 1\n@", 1, 5, `"let" needs a name`, false},
	{"@\nlet = 1", 1, 1, `invalid character "@"`, false},
	{"x = (1 +\n 2 @ 3)", 2, 4, `invalid character "@"`, false},
}

func TestErrors(t *testing.T) {
	for _, tt := range errorTests {
		if tt.msg == "" {
			continue
		}
		_, err := Parse("e.mg", tt.src)
		checkError(t, tt.src, err, tt.line, tt.col, tt.msg, tt.incomplete)
	}
}

func checkError(t *testing.T, src string, err error, line, col int, msg string, incomplete bool) {
	t.Helper()
	e, ok := err.(*Error)
	if !ok {
		t.Errorf("Parse(%q): error %#v, want an *Error", src, err)
		return
	}
	if e.Pos.Line != line || e.Pos.Col != col || e.Pos.File != "e.mg" {
		t.Errorf("Parse(%q): error at %v (%s), want e.mg:%d:%d", src, e.Pos, e.Msg, line, col)
	}
	if !strings.Contains(e.Msg, msg) {
		t.Errorf("Parse(%q): message %q, want it to contain %q", src, e.Msg, msg)
	}
	if got := errors.Is(err, ErrIncomplete); got != incomplete {
		t.Errorf("Parse(%q): errors.Is(err, ErrIncomplete) = %v, want %v (%v)", src, got, incomplete, err)
	}
	if got := Incomplete(src); got != incomplete {
		t.Errorf("Incomplete(%q) = %v, want %v", src, got, incomplete)
	}
	checkWording(t, src, e.Msg)
}

// quoted matches the user's text that a message quotes.
var quoted = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)

// checkWording fails on messages that show participle's or Go's wording
// outside the source text they quote.
func checkWording(t *testing.T, src, msg string) {
	t.Helper()
	msg = quoted.ReplaceAllString(msg, `"..."`)
	for _, bad := range []string{"unexpected token", "Node", "Stmt", "Expr", "struct", "lexer", "<EOF>", "participle", "reflect", "%!"} {
		if strings.Contains(msg, bad) {
			t.Errorf("Parse(%q): message %q shows %q", src, msg, bad)
		}
	}
}

// TestDeepNesting checks that input nested far too deeply gives an
// ordinary error at once, and that long flat chains parse.
func TestDeepNesting(t *testing.T) {
	const n = 100000
	for name, src := range map[string]string{
		"parens":     strings.Repeat("(", n),
		"closed":     strings.Repeat("(", n) + "x" + strings.Repeat(")", n),
		"brackets":   strings.Repeat("[", n),
		"braces":     strings.Repeat("if x {", n),
		"minus":      strings.Repeat("-", n) + "x",
		"plus-minus": strings.Repeat("+-", n/2) + "x",
		"not":        strings.Repeat("not ", n) + "x",
		"power":      "x" + strings.Repeat("**x", n),
		"power-neg":  "x" + strings.Repeat("**-x", n),
		"calls":      "f" + strings.Repeat("(f", n),
		"else-if":    "if a {}" + strings.Repeat(" else if a {}", n),
		"fn":         strings.Repeat("f(fn () { ", n),
		"let-parens": "let a = " + strings.Repeat("(", n) + "1",
	} {
		start := time.Now()
		_, err := Parse("e.mg", src)
		e, ok := err.(*Error)
		if !ok || e.Pos.Line < 1 || e.Pos.Col < 1 || !strings.Contains(e.Msg, "too deeply nested") {
			t.Errorf("%s: error %v, want too deeply nested", name, err)
		}
		if d := time.Since(start); d > 5*time.Second { // generous: the machine may be loaded
			t.Errorf("%s: took %v", name, d)
		}
	}
	for name, src := range map[string]string{
		"parens":   strings.Repeat("(", MaxNesting-1) + "x" + strings.Repeat(")", MaxNesting-1),
		"minus":    strings.Repeat("-", MaxNesting-1) + "x",
		"power":    "x" + strings.Repeat("**x", MaxNesting-1),
		"sequence": strings.Repeat("(((x)))\n", n/10),
		"else-if":  "if a {}" + strings.Repeat(" else if a {}", MaxNesting-2),
	} {
		if _, err := Parse("e.mg", src); err != nil {
			t.Errorf("%s just within the limit: %v", name, err)
		}
	}
}

func TestFlatChains(t *testing.T) {
	const n = 100000
	for name, src := range map[string]string{
		"sum":      "let s = 1" + strings.Repeat("+1", n-1),
		"and":      "x" + strings.Repeat(" and x", n),
		"neg-sum":  "-1" + strings.Repeat(" + -1", n),
		"fields":   "x" + strings.Repeat(".y", n),
		"list":     "[" + strings.Repeat("1,", n) + "]",
		"newlines": "let s = (1" + strings.Repeat("\n+ 1", n) + ")",
	} {
		start := time.Now()
		if _, err := Parse("flat.mg", src); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if d := time.Since(start); d > 10*time.Second { // generous: the machine may be loaded
			t.Errorf("%s: took %v", name, d)
		}
	}
	f, err := Parse("flat.mg", "1"+strings.Repeat("+1", n-1))
	if err != nil {
		t.Fatal(err)
	}
	depth := 0
	for x := f.Stmts[0].(*ExprStmt).X; ; depth++ {
		b, ok := x.(*BinaryExpr)
		if !ok {
			break
		}
		x = b.X
	}
	if depth != n-1 {
		t.Errorf("sum of %d terms has %d operators on its left spine", n, depth)
	}
}

func TestIncomplete(t *testing.T) {
	for _, tt := range []struct {
		src  string
		want bool
	}{
		{`f(1,`, true},
		{`let a = (1 +`, true},
		{`if x {`, true},
		{`"abc`, true},
		{`1 +`, true},
		{`x.`, true},
		{`x =`, true},
		{`x +=`, true},
		{`let a =`, true},
		{`[1, 2,`, true},
		{"fn f(x) {\n  return x", true},
		{"if x {\n} else", true},
		{"for x in xs {\n  for y in ys {\n", true},
		{"a or", true},
		{"f(1,\n  2", true},
		{`1 + 2`, false},
		{`)`, false},
		{`let a = 1`, false},
		{``, false},
		{`# just a comment`, false},
		{"if x {\n}", false},
		{`let = (`, false},
		{`1 2 (`, false},
		{`f(1, @`, false},
		{`) + (`, false},
		{"\"abc\n", false},
		{`if x`, false},
		{`"abc" + "de`, true},
		{`(((`, true},
	} {
		if got := Incomplete(tt.src); got != tt.want {
			_, err := Parse("", tt.src)
			t.Errorf("Incomplete(%q) = %v, want %v (%v)", tt.src, got, tt.want, err)
		}
	}
}

// Conditions with operators between else-ifs do not hide the chain's
// depth: a chain of 200,000 is an ordinary error, not a stack overflow.
func TestLongElseIfChain(t *testing.T) {
	src := "let x = 1\nif x == 0 { }" + strings.Repeat(" else if x == 0 { }", 200000)
	_, err := Parse("e.mg", src)
	var e *Error
	if !errors.As(err, &e) || !strings.Contains(e.Msg, "too deeply nested") || e.Pos.Line != 2 {
		t.Fatalf("got %v, want a too-deeply-nested error on line 2", err)
	}
	ok := "let x = 1\nif x == 0 { }" + strings.Repeat(" else if x == 0 { }", 150) + "\nif x == 1 { }" + strings.Repeat(" else if x == 0 { }", 150)
	if _, err := Parse("ok.mg", ok); err != nil {
		t.Fatalf("two chains of 150 are fine: %v", err)
	}
}

// A caret under a column of a very long line shows a window around it,
// and control bytes are not written to the terminal.
func TestCaretWindow(t *testing.T) {
	long := strings.Repeat("a", 5000) + "@" + strings.Repeat("b", 5000)
	got := Caret(long, Pos{Line: 1, Col: 5001})
	lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
	if len(lines) != 2 || len(lines[0]) > 200 || !strings.HasPrefix(lines[0], "...") || !strings.HasSuffix(lines[0], "...") {
		t.Fatalf("window: %q", got)
	}
	if at := strings.IndexByte(lines[0], '@'); at != len(lines[1])-1 {
		t.Errorf("caret at %d, '@' at %d:\n%s", len(lines[1])-1, at, got)
	}
	if got := Caret("x\x00y", Pos{Line: 1, Col: 3}); got != "x?y\n  ^\n" {
		t.Errorf("control byte: %q", got)
	}
}

// A byte order mark at the start of a file is skipped, as CPython skips it:
// columns of the first line and its caret are counted without it.
func TestByteOrderMarkIgnored(t *testing.T) {
	src := "\ufeffprint(1 +)\n"
	_, err := Parse("f.mg", src)
	var e *Error
	if !errors.As(err, &e) || e.Pos.Line != 1 || e.Pos.Col != 10 {
		t.Fatalf("error %v, want one at 1:10", err)
	}
	if got, want := Caret(src, e.Pos), "print(1 +)\n         ^\n"; got != want {
		t.Errorf("caret\n%q, want\n%q", got, want)
	}
	if f, err := Parse("f.mg", "\ufefflet x = 1\n"); err != nil || len(f.Stmts) != 1 {
		t.Errorf("parse with a BOM: %v", err)
	}
	if _, err := Parse("f.mg", "let x = 1\n\ufefflet y = 2\n"); err == nil {
		t.Errorf("a BOM after the start parsed")
	}
}
