package main

import (
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mglang/mg/autograd"
	"github.com/mglang/mg/eval"
	"github.com/mglang/mg/stdlib"
)

// mgKeywords are the language's reserved words (LANGUAGE.md section 1).
var mgKeywords = []string{
	"and", "break", "continue", "else", "false", "fn", "for", "if", "in",
	"let", "none", "not", "or", "return", "true", "while",
}

// isKeyword tells keywords from identifiers.
var isKeyword = func() map[string]bool {
	m := map[string]bool{}
	for _, k := range mgKeywords {
		m[k] = true
	}
	return m
}()

// tokKind classifies the tokens of one line as the REPL scans them for
// completion and for folding a statement into one history entry. The scan
// follows the lexer's rules (lang/lexer.go) but never fails: it only needs
// to know where words, strings and comments are.
type tokKind int

const (
	tkIdent tokKind = iota
	tkKeyword
	tkNumber
	tkString     // a string closed on the line
	tkOpenString // a string still open at the end of the line
	tkPunct
	tkComment
)

// token is one lexeme of a line, with its byte offsets.
type token struct {
	kind       tokKind
	text       string
	start, end int
}

// scanLine splits one line into tokens.
func scanLine(s string) []token {
	var toks []token
	for i := 0; i < len(s); {
		c := s[i]
		start := i
		kind := tkPunct
		switch {
		case c == ' ' || c == '\t' || c == '\r':
			i++
			continue
		case c == '#':
			i, kind = len(s), tkComment
		case c == '"' || c == '\'':
			i, kind = scanString(s, i)
		case isIdentStart(c):
			for i++; i < len(s) && isIdentChar(s[i]); i++ {
			}
			kind = tkIdent
			if isKeyword[s[start:i]] {
				kind = tkKeyword
			}
		case isDigit(c) || c == '.' && i+1 < len(s) && isDigit(s[i+1]):
			i, kind = scanNumber(s, i), tkNumber
		default:
			i += punctLen(s[i:])
		}
		toks = append(toks, token{kind, s[start:i], start, i})
	}
	return toks
}

// scanString scans a string literal starting at the quote s[i], " or '.
func scanString(s string, i int) (int, tokKind) {
	q := s[i]
	for i++; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case q:
			return i + 1, tkString
		}
	}
	return len(s), tkOpenString
}

// scanNumber scans a number and any letters glued to it, as the lexer does.
func scanNumber(s string, i int) int {
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	if i < len(s) && s[i] == '.' {
		for i++; i < len(s) && isDigit(s[i]); i++ {
		}
	}
	if i+1 < len(s) && (s[i] == 'e' || s[i] == 'E') && (isDigit(s[i+1]) || (s[i+1] == '+' || s[i+1] == '-') && i+2 < len(s) && isDigit(s[i+2])) {
		for i += 2; i < len(s) && isDigit(s[i]); i++ {
		}
	}
	for i < len(s) && isIdentChar(s[i]) {
		i++
	}
	return i
}

// punctLen is the length of the operator or punctuation at the start of s
// (one character for anything the lexer would reject).
func punctLen(s string) int {
	if len(s) >= 2 {
		switch s[:2] {
		case "**", "//", "==", "!=", "<=", ">=", "+=", "-=", "*=", "/=":
			return 2
		}
	}
	_, n := utf8.DecodeRuneInString(s)
	return n
}

// Character classes of the lexer's rules.
func isIdentStart(c byte) bool { return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func isIdentChar(c byte) bool  { return isIdentStart(c) || isDigit(c) }
func isDigit(c byte) bool      { return '0' <= c && c <= '9' }

// completer offers completions for the line being edited: REPL commands
// after ':', file names inside a string or after :load, fields and methods
// after '.', and otherwise keywords, builtins and the session's names.
type completer struct {
	sess *session
	// atStart tells whether the line being edited starts a statement (the
	// prompt is mg>, not ...): only there is a ':' a command.
	atStart func() bool
}

// Do implements readline.AutoCompleter: the candidates are the endings of
// the words that complete the text before the cursor, and the length (in
// runes) of the part of the word already typed.
func (c *completer) Do(line []rune, pos int) ([][]rune, int) {
	word, cands := c.complete(string(line[:pos]), c.atStart == nil || c.atStart())
	out := make([][]rune, len(cands))
	for i, cand := range cands {
		out[i] = []rune(cand[len(word):])
	}
	return out, utf8.RuneCountInString(word)
}

// complete returns the word before the cursor and the sorted candidates
// that start with it.
func (c *completer) complete(before string, atStart bool) (string, []string) {
	if trimmed := strings.TrimLeft(before, " \t"); atStart && strings.HasPrefix(trimmed, ":") {
		return c.completeCommand(trimmed)
	}
	if strings.TrimSpace(before) == "" {
		return "", []string{"    "} // Tab at the start of a line indents
	}
	return c.completeCode(before)
}

// completeCode completes inside a statement.
func (c *completer) completeCode(before string) (string, []string) {
	toks := scanLine(before)
	if len(toks) == 0 {
		return "", nil
	}
	last := toks[len(toks)-1]
	switch {
	case last.kind == tkOpenString:
		return completeFile(last.text[1:], false)
	case last.kind == tkComment, last.kind == tkString, last.kind == tkNumber:
		return "", nil
	}
	word := ""
	if (last.kind == tkIdent || last.kind == tkKeyword) && last.end == len(before) {
		word = last.text
		toks = toks[:len(toks)-1]
	}
	if n := len(toks); n > 0 && toks[n-1].text == "." && toks[n-1].end == len(before)-len(word) {
		return matching(word, c.attrNames(toks[:n-1]))
	}
	return matching(word, c.names())
}

// completeCommand completes a REPL command line: the command's name, then
// its argument.
func (c *completer) completeCommand(line string) (string, []string) {
	name, arg, hasArg := strings.Cut(line, " ")
	if !hasArg {
		var names []string
		for _, cmd := range commandTable {
			names = append(names, ":"+cmd.name)
		}
		return matching(name, names)
	}
	switch strings.TrimPrefix(name, ":") {
	case "load":
		return completeFile(strings.TrimLeft(arg, " "), true)
	case "help":
		return matching(strings.TrimSpace(arg), helpTopics(c.sess.in.Library()))
	case "dot", "trace":
		return c.completeCode(arg)
	}
	return "", nil
}

// matching keeps the names that start with word, sorted and without
// duplicates; names starting with _ only when word does.
func matching(word string, names []string) (string, []string) {
	var out []string
	seen := map[string]bool{}
	for _, n := range names {
		if strings.HasPrefix(n, word) && !seen[n] && (!strings.HasPrefix(n, "_") || strings.HasPrefix(word, "_")) {
			seen[n] = true
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return word, out
}

// lectureNames are builtins the lecture's code calls, completed whether or
// not this build's library defines them yet.
var lectureNames = []string{"draw_dot", "format", "grad", "hessian", "str", "table"}

// names are the keywords, the builtins and the session's global names.
func (c *completer) names() []string {
	in := c.sess.in
	names := append([]string{}, mgKeywords...)
	names = append(names, lectureNames...)
	names = append(names, stdlib.Names(in.Library())...)
	return append(names, in.Globals().Names()...)
}

// attrNames lists what may follow the '.' after the expression toks ends
// with: the fields and methods of the live object when the expression is a
// global name followed by fields and constant indices (model.layers[0]),
// else everything any object has, since the receiver is not known.
func (c *completer) attrNames(toks []token) []string {
	in := c.sess.in
	if obj := c.resolve(toks); obj != nil {
		return in.AttrNames(obj)
	}
	if n := len(toks); n > 0 && (toks[n-1].kind == tkNumber || toks[n-1].kind == tkString) {
		return nil
	}
	names := append([]string{}, eval.ValueFields...)
	for _, ms := range in.Library().Methods {
		for n := range ms {
			names = append(names, n)
		}
	}
	for _, m := range []eval.HasAttrs{&stdlib.Neuron{}, &stdlib.Layer{}, &stdlib.MLP{}} {
		names = append(names, m.AttrNames()...)
	}
	return names
}

// resolve finds the live object a receiver expression refers to, or nil.
// It only follows names, fields and integer indices, so completing never
// runs a call or changes anything.
func (c *completer) resolve(toks []token) eval.Object {
	// Walk back over the longest chain NAME (.FIELD | [INT])*.
	i := len(toks)
	for i > 0 {
		switch {
		case i >= 3 && toks[i-1].text == "]" && toks[i-3].text == "[" && isIndex(toks[i-2].text):
			i -= 3
		case i >= 4 && toks[i-1].text == "]" && toks[i-4].text == "[" && toks[i-3].text == "-" && isIndex(toks[i-2].text):
			i -= 4
		case toks[i-1].kind == tkIdent && i >= 2 && toks[i-2].text == ".":
			i -= 2
		case toks[i-1].kind == tkIdent:
			return c.follow(toks[i-1:])
		default:
			return nil
		}
	}
	return nil
}

// follow evaluates a chain NAME (.FIELD | [INT])* without side effects.
func (c *completer) follow(chain []token) eval.Object {
	obj, ok := c.sess.in.Globals().Get(chain[0].text)
	if !ok || obj == nil {
		return nil
	}
	for i := 1; i < len(chain) && obj != nil; {
		switch chain[i].text {
		case ".":
			obj = c.field(obj, chain[i+1].text)
			i += 2
		case "[":
			neg := chain[i+1].text == "-"
			if neg {
				i++
			}
			k, _ := strconv.Atoi(chain[i+1].text)
			if neg {
				k = -k
			}
			obj = itemAt(obj, k)
			i += 3
		default:
			return nil
		}
	}
	return obj
}

// field reads a field of a module or a Value, or nil.
func (c *completer) field(obj eval.Object, name string) eval.Object {
	if v, ok := obj.(*autograd.Value); ok {
		switch name {
		case "data":
			return eval.Float(v.Data)
		case "grad":
			return eval.Float(v.Grad)
		case "label":
			return eval.String(v.Label())
		}
		return nil
	}
	h, ok := obj.(eval.HasAttrs)
	if !ok {
		return nil
	}
	r, err := h.Attr(c.sess.in.Thread(), name)
	if err != nil {
		return nil
	}
	return r
}

// itemAt is xs[k] for a list, or nil.
func itemAt(obj eval.Object, k int) eval.Object {
	l, ok := obj.(*eval.List)
	if !ok {
		return nil
	}
	if k < 0 {
		k += len(l.Elems)
	}
	if k < 0 || k >= len(l.Elems) {
		return nil
	}
	return l.Elems[k]
}

// isIndex reports whether s is an integer literal.
func isIndex(s string) bool {
	_, err := strconv.Atoi(s)
	return err == nil
}

// completeFile completes a path: directories end in '/', and with onlyMG
// only .mg files are offered.
func completeFile(partial string, onlyMG bool) (string, []string) {
	dir, base := filepath.Split(partial)
	if dir == "" {
		dir = "."
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return base, nil
	}
	var out []string
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, base) || strings.HasPrefix(name, ".") && !strings.HasPrefix(base, ".") {
			continue
		}
		if e.IsDir() {
			out = append(out, name+"/")
		} else if !onlyMG || strings.HasSuffix(name, ".mg") {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return base, out
}
