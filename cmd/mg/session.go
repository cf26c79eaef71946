package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mglang/mg/eval"
	"github.com/mglang/mg/lang"
	"github.com/mglang/mg/stdlib"
	"github.com/mglang/mg/stdlib/display"
)

// session runs statements one chunk at a time in one interpreter, as the
// REPL and piped standard input do, keeping the whole source for carets.
// A chunk that is a line starting with ':' is a REPL command (commands.go),
// so the commands work the same whether the input is a terminal or a pipe.
type session struct {
	name   string
	in     *eval.Interp
	out    *bufio.Writer
	stderr io.Writer
	src    strings.Builder
	lines  int

	// progOut is where programs write: out itself, or a line-flushing
	// wrapper of it on a terminal, so that print in a long loop shows up
	// as it happens.
	progOut io.Writer
	// tty is set for a terminal: an interruption then starts its report on
	// a new line, after the ^C the terminal echoed.
	tty bool
	// files holds the source of each script run with :load, so that an
	// error raised later inside one of its functions gets its caret.
	files map[string]string
	// quit is set by :quit; exec then ignores the rest of the input.
	quit bool
	// lim bounds each statement run (and :load); ceiling holds the limits
	// mg was started with, which :limits may tighten but not lift.
	lim, ceiling limits
	// cellTimeout is a kernel's --timeout, which bounds each cell as a
	// whole rather than each statement: :limits shows it and keeps under it.
	cellTimeout time.Duration
	// onFail, when set, receives the errors fail would report: a kernel
	// running a cell of commands makes them the cell's error.
	onFail func(error)
	// th is the interpreter's Thread, for interrupt (another goroutine).
	th atomic.Pointer[eval.Thread]
	// interrupted is set by interrupt: the statement running is being
	// cancelled and the rest of its chunk is skipped.
	interrupted atomic.Bool
	// mu orders interrupt against the start and end of exec: running and
	// gen say which chunk, if any, an interruption is for.
	mu      sync.Mutex
	running bool
	gen     uint64
}

// newSession makes a session named name (<stdin> or <repl>, the FILE of
// its error positions) that prints values to out and errors to stderr.
func newSession(out *bufio.Writer, stderr io.Writer, name string) *session {
	s := &session{name: name, out: out, stderr: stderr, progOut: out, files: map[string]string{}}
	s.reset()
	return s
}

// interactive makes the session the REPL's: program output flushed line by
// line, interruptions reported on a line of their own.
func (s *session) interactive() {
	s.progOut = lineFlusher{s.out}
	s.tty = true
	s.reset()
}

// reset starts over with a fresh interpreter (the REPL's :reset). The
// source seen so far is kept: lines go on counting from the start.
func (s *session) reset() {
	s.in = eval.New(stdlib.Library(), s.progOut)
	s.in.Thread().Err = s.stderr
	s.lim.apply(s.in.Thread()) // checked when the limits were set
	s.th.Store(s.in.Thread())
}

// setLimits bounds the statements the session runs from now on; the
// limits given first are its ceiling. The error says that --files is not
// a directory.
func (s *session) setLimits(lim limits, first bool) error {
	if err := lim.apply(s.in.Thread()); err != nil {
		s.lim.apply(s.in.Thread())
		return err
	}
	s.lim = lim
	if first {
		s.ceiling = lim
	}
	return nil
}

// addSource appends lines of input to the session's source, which error
// carets are taken from.
func (s *session) addSource(text string) {
	s.src.WriteString(text)
	s.lines += strings.Count(text, "\n")
}

// show prints a value as the REPL does and keeps it in _. The text is the
// one a notebook shows as text/plain: a value's repr, but the DOT itself
// for the string dot(L) just returned.
func (s *session) show(v eval.Object) {
	if _, none := v.(eval.NoneType); none || v == nil {
		return
	}
	s.in.Globals().Set("_", v)
	s.out.WriteString(display.Of(s.in.Thread(), v).Text())
	s.out.WriteByte('\n')
}

// exec parses chunk (whose first line is line number first) and runs its
// statements one by one, reporting errors; false if any failed. A chunk
// that starts with ':' is a command. After :quit, exec does nothing.
func (s *session) exec(chunk string, first int) bool {
	s.begin()
	defer s.end()
	if s.quit {
		return true
	}
	if isCommand(chunk) {
		return s.command(chunk, first)
	}
	file, err := lang.ParseFrom(s.name, chunk, first)
	if err != nil {
		s.fail(err)
		return false
	}
	ok := true
	for _, st := range file.Stmts {
		if err := s.run([]lang.Stmt{st}, s.show); err != nil {
			s.fail(err)
			ok = false
			if isInterrupt(err) {
				break
			}
		}
	}
	return ok
}

// run compiles stmts as one top-level chunk and runs it, unless an
// interruption came first. With show set, expression statements print.
func (s *session) run(stmts []lang.Stmt, show func(eval.Object)) error {
	prog, err := s.in.Compile(stmts, show)
	if err != nil {
		return err
	}
	if s.interrupted.Load() && len(stmts) > 0 {
		return &eval.Error{Pos: stmts[0].Pos(), Msg: "interrupted", Interrupted: true}
	}
	return s.lim.runUnder(s.in.Thread(), prog.Run)
}

// isInterrupt reports whether err stopped a statement cancelled by Ctrl-C.
func isInterrupt(err error) bool {
	var ee *eval.Error
	return errors.As(err, &ee) && ee.Interrupted
}

// begin marks the start of a chunk: interruptions from now on are its.
func (s *session) begin() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.running = true
	s.gen++
	s.interrupted.Store(false)
}

// end marks the end of a chunk: interruptions are ignored until the next.
func (s *session) end() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.running = false
}

// interrupt cancels the chunk exec is running (when called from another
// goroutine, such as a signal handler's) and makes it skip the rest of the
// chunk. With gen 0 it interrupts whatever chunk runs, otherwise only the
// chunk numbered gen; it returns the number of the chunk it interrupted,
// or 0 if none was running, so that a caller can repeat the cancellation
// of one chunk without touching the next.
func (s *session) interrupt(gen uint64) uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.running || gen != 0 && gen != s.gen {
		return 0
	}
	s.interrupted.Store(true)
	s.th.Load().Cancel("interrupted")
	return s.gen
}

// fail reports err with a caret under its position, taking the source
// line from the session or from the script run with :load it points into.
func (s *session) fail(err error) {
	if s.onFail != nil {
		s.onFail(err)
		return
	}
	s.out.Flush()
	if s.tty && isInterrupt(err) {
		fmt.Fprintln(s.stderr)
	}
	report(s.stderr, err, s.sourceOf(errPos(err)))
}

// sourceOf is the text that positions in the named file refer to.
func (s *session) sourceOf(pos lang.Pos) string {
	if src, ok := s.files[pos.File]; ok && pos.File != s.name {
		return src
	}
	return s.src.String()
}

// errPos is the source position an error carries, if any.
func errPos(err error) lang.Pos {
	var le *lang.Error
	var ee *eval.Error
	switch {
	case errors.As(err, &le):
		return le.Pos
	case errors.As(err, &ee):
		return ee.Pos
	}
	return lang.Pos{}
}

// lineFlusher flushes a buffered writer at the end of every write that
// holds a newline: line buffering, as a terminal's stdout has in C.
type lineFlusher struct{ w *bufio.Writer }

func (l lineFlusher) Write(p []byte) (int, error) {
	n, err := l.w.Write(p)
	if err == nil && bytes.IndexByte(p, '\n') >= 0 {
		err = l.w.Flush()
	}
	return n, err
}
