package main

import (
	"strings"
	"unicode/utf8"

	"github.com/mglang/mg/cmd/mg/internal/jupyter"
	"github.com/mglang/mg/lang"
)

// codeAt is the content of complete_request and inspect_request: the
// cell's text and the cursor, counted in characters (protocol 5.2).
type codeAt struct {
	Code      string `json:"code"`
	CursorPos int    `json:"cursor_pos"`
}

// before is the text before the cursor, the cursor clamped to the code.
func (c codeAt) before() string {
	runes := []rune(c.Code)
	pos := min(max(c.CursorPos, 0), len(runes))
	return string(runes[:pos])
}

// complete answers Tab with the REPL's completer: keywords, builtins and
// the session's names; fields and methods after a dot; commands after ':'
// at the start of a cell; file names inside a string.
func (k *kernel) complete(r *jupyter.Request) {
	var c codeAt
	_ = r.Decode(&c)
	before := c.before()
	pos := utf8.RuneCountInString(before)
	line := before[strings.LastIndexByte(before, '\n')+1:]
	atStart := strings.TrimSpace(before[:len(before)-len(line)]) == ""
	matches := []string{}
	word := ""
	if strings.TrimSpace(line) != "" {
		cm := &completer{sess: k.sess}
		var cands []string
		word, cands = cm.complete(line, atStart)
		matches = append(matches, cands...)
	}
	r.Reply("complete_reply", map[string]any{
		"status": "ok", "matches": matches,
		"cursor_start": pos - utf8.RuneCountInString(word), "cursor_end": pos,
		"metadata": map[string]any{},
	})
}

// inspect answers Shift-Tab with the :help text of the word at the cursor,
// or what a name of the session holds.
func (k *kernel) inspect(r *jupyter.Request) {
	var c codeAt
	_ = r.Decode(&c)
	before := c.before()
	word := wordAt(c.Code, len(before))
	if word == "" {
		// Just inside a call's parentheses, draw_dot(|, as IPython does:
		// the function being called.
		if b := strings.TrimRight(before, " \t"); strings.HasSuffix(b, "(") {
			word = wordAt(c.Code, len(b)-1)
		}
	}
	text := ""
	if word != "" {
		text = topicHelp(k.sess.in.Library(), word)
		if v, ok := k.sess.in.Globals().Get(word); ok && v != nil {
			text += word + " = " + describeVar(v) + "\n"
		}
	}
	data := map[string]any{}
	if text != "" {
		data["text/plain"] = text
	}
	r.Reply("inspect_reply", map[string]any{"status": "ok", "found": text != "", "data": data, "metadata": map[string]any{}})
}

// wordAt is the identifier around byte offset off of code (the cursor may
// be in it or just after it).
func wordAt(code string, off int) string {
	start, end := off, off
	for start > 0 && isIdentChar(code[start-1]) {
		start--
	}
	for end < len(code) && isIdentChar(code[end]) {
		end++
	}
	for start < end && isDigit(code[start]) {
		start++
	}
	return code[start:end]
}

// isComplete answers whether a cell is whole: "incomplete" while brackets
// or braces are open (the REPL's check), "invalid" for a syntax error no
// more lines could mend, else "complete".
func (k *kernel) isComplete(r *jupyter.Request) {
	var c struct {
		Code string `json:"code"`
	}
	_ = r.Decode(&c)
	code := c.Code
	if !strings.HasSuffix(code, "\n") {
		code += "\n"
	}
	status, indent := "complete", ""
	switch {
	case isCommand(code):
	case !lang.Whole(code): // as the REPL and piped input decide
		status, indent = "incomplete", strings.Repeat("    ", openBraces(code))
	default:
		if _, err := lang.Parse("<cell>", code); err != nil {
			status = "invalid"
		}
	}
	reply := map[string]any{"status": status}
	if status == "incomplete" {
		reply["indent"] = indent
	}
	r.Reply("is_complete_reply", reply)
}

// openBraces counts the blocks open at the end of code, for the indent of
// the next line.
func openBraces(code string) int {
	depth := 0
	for _, line := range strings.Split(code, "\n") {
		for _, t := range scanLine(line) {
			if t.kind != tkPunct {
				continue
			}
			switch t.text {
			case "{":
				depth++
			case "}":
				depth = max(depth-1, 0)
			}
		}
	}
	return depth
}
