package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"time"

	"github.com/chzyer/readline"

	"github.com/mglang/mg/lang"
)

// Prompts: the first line of a statement, and the lines that continue one.
const (
	promptFirst = "mg> "
	promptMore  = "... "
)

// historyMax is how many statements the history file keeps.
const historyMax = 1000

// repl is the interactive session on a terminal: lines are read with
// readline and gathered until they make a whole statement
// (lang.Incomplete decides), which the session then runs.
type repl struct {
	rl   *readline.Instance
	sess *session
	out  *bufio.Writer
	col  *column
	hist *history

	pending strings.Builder // the lines of an unfinished statement
	nlines  int             // how many lines pending holds
	first   int             // the session line number of pending's first line
	// pyIndent is the indent of a Python block header (`if x > 1:`)
	// whose body is being read, to be dropped with it; -1 for none.
	pyIndent int
}

// runREPL is the interactive session on a terminal. Ctrl-C at the prompt
// drops the line (and an unfinished statement); during a statement it
// cancels the statement and keeps the session. Ctrl-D on an empty line
// and :quit leave with status 0.
func runREPL(tty *os.File, lim limits, stdout, stderr io.Writer) int {
	draw := promptWriter(stdout, stderr) // readline's, not tracked
	col := &column{}
	out := bufio.NewWriter(col.track(stdout))
	defer out.Flush()
	r := &repl{sess: newSession(out, col.track(stderr), "<repl>"), out: out, col: col, first: 1, pyIndent: -1}
	r.sess.interactive()
	if err := r.sess.setLimits(lim, true); err != nil {
		fmt.Fprintf(stderr, "mg: %v\n", err)
		return exitUsage
	}
	r.hist = loadHistory(historyPath())
	rl, err := readline.NewEx(&readline.Config{
		Prompt:                 promptFirst,
		HistoryLimit:           historyMax,
		DisableAutoSaveHistory: true, // whole statements are saved by hand
		HistorySearchFold:      true,
		AutoComplete:           &completer{sess: r.sess, atStart: func() bool { return r.nlines == 0 }},
		InterruptPrompt:        "^C",
		// "\n" is readline's code for "print just a newline".
		EOFPrompt: "\n",
		// Cancelable, so that Close stops a read in progress.
		Stdin:  readline.NewCancelableStdin(tty),
		Stdout: draw,
		Stderr: stderr,
	})
	if err != nil {
		fmt.Fprintf(stderr, "mg: no line editing (%v)\n", err)
		return runStdin(tty, lim, stdout, stderr)
	}
	r.rl = rl
	defer rl.Close()
	r.loadReadlineHistory()
	stop := r.catchInterrupts()
	defer stop()
	fmt.Fprintf(rl.Config.Stdout, "mg %s: micrograd as a language. :help for help, Ctrl-D to quit.\n", version)
	return r.loop()
}

// promptWriter is where readline draws: standard output when it is the
// terminal, else (mg > file) standard error, as Python does.
func promptWriter(stdout, stderr io.Writer) io.Writer {
	if f, ok := stdout.(*os.File); ok && !isTerminal(f) {
		return stderr
	}
	return stdout
}

// loop reads and runs statements until Ctrl-D or :quit.
func (r *repl) loop() int {
	for {
		if r.nlines == 0 {
			r.rl.SetPrompt(promptFirst)
		} else {
			r.rl.SetPrompt(promptMore)
		}
		line, err := r.rl.Readline()
		switch {
		case errors.Is(err, readline.ErrInterrupt):
			r.pending.Reset()
			r.nlines = 0
			r.pyIndent = -1
			continue
		case err != nil: // io.EOF: Ctrl-D on an empty line
			if r.pyIndent >= 0 { // a Python block read to the end: its error
				r.pyIndent = -1
				r.run()
			}
			return exitOK
		}
		r.line(line)
		if r.sess.quit {
			return exitOK
		}
	}
}

// line adds one line of input; when it completes a statement (or is a
// command), the statement is saved to history and run. A Python block
// header (`if loss > 100:`, which mg cannot parse) is not run at once: the
// lines indented under it are read with it ("... "), up to a blank line or
// a line indented no deeper, and the header's syntax error then drops them
// too, as a brace block with an error runs none of itself and as piped
// input does (pythonHeader), instead of running the body at top level.
func (r *repl) line(line string) {
	if r.pyIndent >= 0 {
		if !lang.Blank(line) && indentOf(line) > r.pyIndent {
			r.add(line)
			return
		}
		r.pyIndent = -1
		if lang.Blank(line) {
			r.add(line)
			r.run()
			return
		}
		r.run() // the block ends before this line, which starts the next
	}
	r.add(line)
	chunk := r.pending.String()
	if needsMore(chunk) {
		return
	}
	if !isCommand(chunk) && pythonHeader(chunk) {
		r.pyIndent = indentOf(lastLine(chunk))
		return
	}
	r.run()
}

// add appends a line to the statement being read.
func (r *repl) add(line string) {
	text := line + "\n"
	if r.nlines == 0 {
		r.first = r.sess.lines + 1
	}
	r.sess.addSource(text)
	r.pending.WriteString(text)
	r.nlines++
}

// run saves the statement read to history and runs it.
func (r *repl) run() {
	chunk := r.pending.String()
	r.pending.Reset()
	r.nlines = 0
	r.remember(chunk)
	r.sess.exec(chunk, r.first)
	r.out.Flush()
	if r.col.midLine {
		// print("x", end="") left the cursor mid-line, where readline
		// would draw the prompt over it.
		fmt.Fprintln(r.rl.Config.Stdout)
		r.col.midLine = false
	}
}

// column follows whether the last thing written to the terminal, on
// stdout or stderr, left the cursor in the middle of a line.
type column struct{ midLine bool }

// track wraps w so that what is written through it is followed.
func (c *column) track(w io.Writer) io.Writer { return columnWriter{w, c} }

// columnWriter notes in col whether each write ends a line.
type columnWriter struct {
	w   io.Writer
	col *column
}

func (cw columnWriter) Write(p []byte) (int, error) {
	if len(p) > 0 {
		cw.col.midLine = p[len(p)-1] != '\n'
	}
	return cw.w.Write(p)
}

// needsMore reports whether chunk, lines ending in newlines, is not yet a
// whole statement (lang.Whole): the prompt is then "... ". A block is read
// to its closing brace even when a line of it is wrong, so that a pasted
// block with an error runs none of itself.
func needsMore(chunk string) bool {
	return !isCommand(chunk) && !lang.Whole(chunk)
}

// catchInterrupts turns SIGINT during a statement into its cancellation,
// until stop is called; at the prompt (where readline reads Ctrl-C as a
// key, so a SIGINT can only come from kill) it is ignored. The
// cancellation is repeated every 10 ms until the chunk ends, since a
// statement of the chunk starting at that moment clears it.
func (r *repl) catchInterrupts() (stop func()) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt)
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-ch:
			case <-done:
				return
			}
			for gen := r.sess.interrupt(0); gen != 0; gen = r.sess.interrupt(gen) {
				select {
				case <-time.After(10 * time.Millisecond):
				case <-done:
					return
				}
			}
		}
	}()
	return func() { signal.Stop(ch); close(done) }
}

// remember saves a whole statement as one history entry.
func (r *repl) remember(chunk string) {
	entry := historyEntry(chunk)
	if r.hist.add(entry) {
		r.loadReadlineHistory()
	}
}

// loadReadlineHistory gives readline the history afresh. Rebuilding it
// after every statement also leaves readline's cursor at the newest entry,
// which it would not do by itself with DisableAutoSaveHistory.
func (r *repl) loadReadlineHistory() {
	r.rl.ResetHistory()
	for _, e := range r.hist.entries {
		r.rl.SaveHistory(e)
	}
}

// historyPath is $MG_HISTORY, else ~/.mg_history, else "" (no file).
func historyPath() string {
	if p := os.Getenv("MG_HISTORY"); p != "" {
		return p
	}
	home, err := os.UserHomeDir()
	if err != nil || home == "" {
		return ""
	}
	return filepath.Join(home, ".mg_history")
}

// history is the list of past statements, one line each, kept in a file
// that every statement is appended to as soon as it is entered.
type history struct {
	path    string
	entries []string
}

// loadHistory reads the history file, trimming it when it has grown past
// historyMax entries. A missing or unreadable file gives an empty history.
func loadHistory(path string) *history {
	h := &history{path: path}
	if path == "" {
		return h
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return h
	}
	for _, l := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(l) != "" {
			h.entries = append(h.entries, l)
		}
	}
	if len(h.entries) > historyMax {
		h.entries = h.entries[len(h.entries)-historyMax:]
		_ = os.WriteFile(path, []byte(strings.Join(h.entries, "\n")+"\n"), 0o600)
	}
	return h
}

// add appends an entry unless it is empty or repeats the last one; it
// reports whether it did.
func (h *history) add(entry string) bool {
	if entry == "" || len(h.entries) > 0 && h.entries[len(h.entries)-1] == entry {
		return false
	}
	h.entries = append(h.entries, entry)
	if h.path != "" {
		if f, err := os.OpenFile(h.path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600); err == nil {
			fmt.Fprintln(f, entry)
			f.Close()
		}
	}
	return true
}

// historyEntry is a statement as one line of history: a line typed alone
// is kept as typed; a statement typed over several lines is folded into
// one line that means the same, so that recalling it brings back the whole
// statement, ready to edit and run.
func historyEntry(chunk string) string {
	chunk = strings.TrimRight(chunk, " \t\r\n")
	if !strings.Contains(chunk, "\n") {
		return strings.TrimSpace(chunk)
	}
	return foldLines(chunk)
}

// foldLines joins the lines of a statement with "; " where the line break ends
// a statement and with a space where it does not, following the lexer's
// rule: a newline separates statements only outside ( ) and [ ], after a
// token that can end one, and not before `else`. Comments are dropped.
func foldLines(src string) string {
	var b strings.Builder
	var open []string // the brackets open at the end of the text so far
	lastEnds := false
	for _, line := range strings.Split(src, "\n") {
		toks := scanLine(line)
		if n := len(toks); n > 0 && toks[n-1].kind == tkComment {
			toks = toks[:n-1]
		}
		if len(toks) == 0 {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(separator(open, lastEnds, toks[0]))
		}
		b.WriteString(strings.TrimSpace(line[toks[0].start:toks[len(toks)-1].end]))
		for _, t := range toks {
			switch {
			case t.kind != tkPunct:
			case t.text == "(" || t.text == "[" || t.text == "{":
				open = append(open, t.text)
			case (t.text == ")" || t.text == "]" || t.text == "}") && len(open) > 0:
				open = open[:len(open)-1]
			}
		}
		lastEnds = canEndStmt(toks[len(toks)-1])
	}
	return b.String()
}

// separator is what replaces a line break before the token next.
func separator(open []string, lastEnds bool, next token) string {
	inParens := len(open) > 0 && open[len(open)-1] != "{"
	switch {
	case !lastEnds || inParens:
		return " "
	case next.kind == tkKeyword && next.text == "else", next.text == "}":
		return " "
	}
	return "; "
}

// canEndStmt reports whether a statement can end after t (lang's rule).
func canEndStmt(t token) bool {
	switch t.kind {
	case tkIdent, tkNumber, tkString, tkOpenString:
		return true
	case tkPunct:
		return t.text == ")" || t.text == "]" || t.text == "}"
	case tkKeyword:
		switch t.text {
		case "true", "false", "none", "break", "continue", "return":
			return true
		}
	}
	return false
}
