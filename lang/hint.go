package lang

import (
	"errors"
	"regexp"
	"strings"
	"unicode/utf8"
)

// pythonHint adds to a syntax error what mg writes instead, when the line
// looks like Python: learners bring def, colons, elif, import and `is`
// with them, and misspell keywords.
func pythonHint(err error, src string, firstLine int) error {
	var e *Error
	if !errors.As(err, &e) {
		return err
	}
	lines := strings.Split(src, "\n")
	i := e.Pos.Line - firstLine
	if i < 0 || i >= len(lines) {
		return err
	}
	line := strings.TrimSpace(lines[i])
	first, _, _ := strings.Cut(line, " ")
	col := e.Pos.Col - 1 // in runes, within lines[i]
	hint := ""
	switch {
	case strings.HasPrefix(line, "%") || strings.HasPrefix(line, "!"):
		hint = "mg has no magics or shell escapes"
	case e.Msg == `invalid character "?"` && askHelp(line) != "":
		hint = "mg's help is :help " + askHelp(line) + ", or Shift-Tab in a notebook"
	case augmented(line) != "":
		hint = augmented(line)
	case strings.HasPrefix(line, "//") || strings.HasPrefix(line, "/*") || commentAfter(lines[i], col):
		hint = "mg's comments start with #; // is floor division"
	case strings.Contains(e.Msg, `expected ")", found ","`):
		hint = "mg has no tuples: use a list, as [1, 2]"
	case strings.HasPrefix(e.Msg, `expected newline or ";" after the statement, found "="`):
		hint = chained(line)
	case first == "print" && strings.HasPrefix(e.Msg, "expected newline") && !strings.HasPrefix(strings.TrimSpace(line[len(first):]), "("):
		hint = "print is a function: print(" + shorten(strings.TrimSpace(line[len(first):])) + ")"
	case first == "def":
		hint = "mg defines a function with fn: fn f(x) { return x }"
	case (first == "import" || first == "from") && builtinImport.MatchString(line):
		hint = "Value, Neuron, Layer, MLP are builtins: no import needed"
	case first == "import" || first == "from":
		hint = "mg has no modules: the math functions are builtins, as exp(x), log(x), tanh(x), sqrt(x)"
	case strings.Contains(e.Msg, `found ":"`) && blockHeader(first):
		hint = "mg opens a block with braces, not a colon: if x > 0 { ... }"
	case strings.Contains(e.Msg, `found "elif"`) || first == "elif":
		hint = "mg writes else if"
	case strings.Contains(e.Msg, `found "lambda"`) || strings.HasPrefix(line, "lambda") || strings.Contains(line, " lambda "):
		hint = "mg writes an anonymous function as fn (x) { return x }"
	case first == "class":
		hint = "mg has no classes: Value, Neuron, Layer and MLP are builtins, and fn makes a function"
	case strings.HasPrefix(line, `"""`) || strings.HasPrefix(line, "'''"):
		hint = "mg has no triple-quoted strings: write a comment with #"
	case strings.Contains(e.Msg, `found ","`) && tupleAssign(line):
		hint = "mg binds several names at once only in a let: let a, b = 1.0, 2.0"
	case strings.Contains(e.Msg, `found "in"`):
		hint = "mg's in belongs to for loops: for x in xs { ... }"
	case e.Msg == `invalid character "!"`:
		hint = "mg writes not x; != compares"
	case e.Msg == `invalid character "&"`:
		hint = "mg writes and"
	case e.Msg == `invalid character "|"`:
		hint = "mg writes or"
	case strings.Contains(e.Msg, `found "is"`):
		hint = "mg has no is: compare with == or !=; x == none tests for none"
	case strings.HasPrefix(e.Msg, "expected newline") && misspelt(first) != "":
		hint = "did you mean " + misspelt(first) + "?"
	}
	if hint != "" && !strings.Contains(e.Msg, hint) {
		e.Msg += " (" + hint + ")"
	}
	return err
}

// blockHeader reports whether a line starting with word opens a block in
// Python.
func blockHeader(word string) bool {
	switch strings.TrimRight(word, ":") {
	case "if", "else", "elif", "for", "while", "def", "fn", "class", "with", "try", "except":
		return true
	}
	return false
}

// misspelt returns the statement keyword that word is a typo of (one
// letter changed, added, dropped or two swapped), or "".
func misspelt(word string) string {
	if keywords[word] || len(word) < 3 {
		return ""
	}
	for _, k := range []string{"let", "return", "while", "for", "if", "else", "break", "continue", "fn"} {
		if len(k) >= 3 && typoOf(word, k) {
			return k
		}
	}
	return ""
}

// typoOf reports whether a is b with one typo: the optimal string
// alignment distance is 1.
func typoOf(a, b string) bool {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)] == 1
}

// Misspelt returns the keyword that an undefined name is a typo of, or "":
// `esle` on its own line parses as a name.
func Misspelt(name string) string { return misspelt(name) }

// tupleAssign reports whether a line is Python's a, b = ...: names and
// commas before a single "=".
func tupleAssign(line string) bool {
	lhs, _, ok := strings.Cut(line, "=")
	if !ok || !strings.Contains(lhs, ",") || strings.HasPrefix(line[len(lhs):], "==") {
		return false
	}
	for _, name := range strings.Split(lhs, ",") {
		name = strings.TrimSpace(name)
		if name == "" || strings.TrimLeft(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789") != "" {
			return false
		}
	}
	return true
}

// augmentedOp matches Python's compound assignments that mg lacks: the
// target, the operator and the value.
var augmentedOp = regexp.MustCompile(`(?:^|[{;]\s*)([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*|\[[^\]]*\])*)\s*(\*\*|//|%)=\s*([^#;}]*)`)

// augmented returns the hint for `y **= 2`, `n %= 3` or `n //= 2`: mg has
// only the four compound assignments of LANGUAGE.md; "" for other lines.
func augmented(line string) string {
	m := augmentedOp.FindStringSubmatch(line)
	if m == nil {
		return ""
	}
	rhs := shorten(strings.TrimSpace(m[3]))
	return "mg has only += -= *= /=: write " + m[1] + " = " + m[1] + " " + m[2] + " " + rhs
}

// commentAfter reports whether a C-style comment starts in line before the
// rune column col where the parse stopped, outside quotes: `let x = 1 //
// why`, not `print("http://x") y`.
func commentAfter(line string, col int) bool {
	for _, c := range []string{"//", "/*"} {
		i := strings.Index(line, c)
		inString := strings.Count(line[:max(i, 0)], `"`)%2 == 1 || strings.Count(line[:max(i, 0)], "'")%2 == 1
		if i >= 0 && !inString && utf8.RuneCountInString(line[:i]) < col {
			return true
		}
	}
	return false
}

// chained returns the hint for Python's chained assignment, `p = q = 0`.
func chained(line string) string {
	const generic = "mg has no chained assignment: give each name its own ="
	body, isLet := strings.CutPrefix(line, "let ")
	parts := strings.Split(body, "=")
	if !isLet || len(parts) < 3 || strings.Contains(body, "==") {
		return generic
	}
	value := strings.TrimSpace(parts[len(parts)-1])
	names := parts[:len(parts)-1]
	values := make([]string, len(names))
	for k, n := range names {
		n = strings.TrimSpace(n)
		if n == "" || strings.TrimLeft(n, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789") != "" || value == "" || len(value) > 20 {
			return generic
		}
		names[k], values[k] = n, value
	}
	return "mg has no chained assignment: write let " + strings.Join(names, ", ") + " = " + strings.Join(values, ", ")
}

// shorten keeps a piece of the user's line short enough for a hint.
func shorten(s string) string {
	if s == "" || utf8.RuneCountInString(s) > 30 {
		return "..."
	}
	return s
}

// builtinImport matches an import of micrograd or of its classes.
var builtinImport = regexp.MustCompile(`\b(micrograd|Value|Neuron|Layer|MLP)\b`)

// askHelpRe is IPython's help request: name? name?? or ?name.
var askHelpRe = regexp.MustCompile(`^\?*([A-Za-z_][A-Za-z_0-9.]*)\?*$`)

// askHelp returns the name of IPython's `name?` or `?name`, or "".
func askHelp(line string) string {
	if m := askHelpRe.FindStringSubmatch(line); m != nil && strings.Contains(line, "?") {
		return m[1]
	}
	return ""
}
