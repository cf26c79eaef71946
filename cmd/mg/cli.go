package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mglang/mg/eval"
	"github.com/mglang/mg/lang"
	"github.com/mglang/mg/stdlib"
)

// version is the release, set with -ldflags "-X main.version=..." when built for one.
var version = "0.1.0"

// Exit statuses.
const (
	exitOK          = 0
	exitRuntime     = 1
	exitUsage       = 2
	exitInterrupted = 130
)

const usage = `mg — scalar reverse-mode autodiff, micrograd as a language

usage:
  mg [flags]              a REPL on a terminal; statements from standard input otherwise
  mg run [flags] FILE.mg  run a script (also: mg FILE.mg)
  mg dot [flags] FILE.mg  run a script and print the graph of a Value as DOT
  mg kernel ...           Jupyter: mg kernel install, then pick mg in a notebook
  mg --help | --version

flags of run (and of the REPL and piped input, for each statement; and of dot,
for the script it runs); 0 means no limit, the default:
  --max-steps N      stop after N loop turns and calls
  --max-nodes N      stop with an error when graph node N+1 is made
  --timeout D        stop after D, a duration with its unit (e.g. 30s, 2m, 1h30m)
  --max-memory SIZE  stop when the program holds more than SIZE: bytes, or with
                     K, M, G or T (powers of 1024; 512M, 512MB, 1.5G, 2GiB)
  --files DIR        read and write files only inside DIR

flags of dot, besides those of run:
  -o FILE           write FILE (.dot, .svg, .png, .pdf) instead of DOT on stdout
  --node NAME       the Value bound to NAME (default: the last top-level Value bound)
  --draw-nodes N    draw at most N Values (default 500; 0 draws everything)
`

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		return interactive(limits{}, stdin, stdout, stderr)
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return exitOK
	case "-version", "--version", "version":
		fmt.Fprintf(stdout, "mg %s\n", version)
		return exitOK
	case "run":
		return runCommand(args[1:], stdout, stderr)
	case "dot":
		return dotCommand(args[1:], stdout, stderr)
	case "kernel":
		return kernelCommand(args[1:], stdout, stderr)
	}
	if strings.HasPrefix(args[0], "-") {
		return flagsFirst(args, stdin, stdout, stderr)
	}
	if len(args) == 1 || isScriptName(args[0]) {
		// mg FILE.mg is mg run FILE.mg, flags and all, wherever they stand.
		return runCommand(args, stdout, stderr)
	}
	fmt.Fprintf(stderr, "mg: unknown command %q\n\n%s", args[0], usage)
	return exitUsage
}

// flagsFirst runs `mg FLAGS [FILE.mg]`: the limits of mg run for the
// REPL or piped input, or for a script.
func flagsFirst(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlags("", stderr)
	var lim limits
	lim.register(fs)
	files, err := parseFlags(fs, args)
	switch {
	case err != nil:
		return exitUsage
	case len(files) == 1:
		return runCommand(args, stdout, stderr)
	case len(files) > 1:
		fmt.Fprintf(stderr, "mg: expected at most one script file, got %d arguments\n\n%s", len(files), usage)
		return exitUsage
	}
	return interactive(lim, stdin, stdout, stderr)
}

// interactive is the REPL on a terminal, else statements read from stdin,
// each statement bounded by lim.
func interactive(lim limits, stdin io.Reader, stdout, stderr io.Writer) int {
	if f, ok := stdin.(*os.File); ok && isTerminal(f) {
		return runREPL(f, lim, stdout, stderr)
	}
	return runStdin(stdin, lim, stdout, stderr)
}

// isScriptName reports whether arg names a script rather than a command
// misspelt: it ends in .mg or is a file that exists.
func isScriptName(arg string) bool {
	if strings.HasSuffix(arg, ".mg") {
		return true
	}
	st, err := os.Stat(arg)
	return err == nil && st.Mode().IsRegular()
}

func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// limits are the flags that bound an untrusted program, the same for
// mg run, the REPL and piped input (mg [flags]) and the kernel: register
// adds them to a FlagSet, limits.go applies them to a run.
type limits struct {
	maxSteps, maxNodes int64
	timeout            time.Duration
	maxMemory          byteSize
	files              string
}

func (l *limits) register(fs *flag.FlagSet) {
	fs.Var(countFlag{&l.maxSteps}, "max-steps", "stop after N loop turns and calls (0: no limit)")
	fs.Var(countFlag{&l.maxNodes}, "max-nodes", "stop after N graph nodes are made (0: no limit)")
	fs.Var(durationFlag{&l.timeout}, "timeout", "stop after this long (0: no limit)")
	fs.Var(&l.maxMemory, "max-memory", "stop when the program holds more than SIZE of memory (512M, 2G)")
	fs.StringVar(&l.files, "files", "", "read and write files only inside this directory")
}

func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(strings.TrimSpace("mg "+name), flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage) }
	return fs
}

func runCommand(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("run", stderr)
	var lim limits
	lim.register(fs)
	files, err := parseFlags(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(files) != 1 {
		fmt.Fprintf(stderr, "mg run: expected one script file, got %d arguments\n\n%s", len(files), usage)
		return exitUsage
	}
	s, code := loadScript(files[0], stdout, stderr)
	if s == nil {
		return code
	}
	return s.run(lim)
}

// script is a parsed and compiled file, ready to run.
type script struct {
	name, src string
	in        *eval.Interp
	prog      *eval.Program
	out       *bufio.Writer
	stderr    io.Writer
}

func loadScript(path string, stdout, stderr io.Writer) (*script, int) {
	data, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintf(stderr, "mg: cannot read %s: %v\n", path, errors.Unwrap(err))
		return nil, exitUsage
	}
	src := string(data)
	file, err := lang.Parse(path, src)
	if err != nil {
		report(stderr, err, src)
		return nil, exitUsage
	}
	out := bufio.NewWriterSize(stdout, 64*1024)
	in := eval.New(stdlib.Library(), out)
	in.Thread().Err = stderr
	prog, err := in.Compile(file.Stmts, nil)
	if err != nil {
		report(stderr, err, src)
		return nil, exitUsage
	}
	return &script{name: path, src: src, in: in, prog: prog, out: out, stderr: stderr}, exitOK
}

// run executes the script under the limits, with Ctrl-C cancelling it.
func (s *script) run(lim limits) int { return s.runThen(lim, nil) }

// runThen runs the script, then, if it succeeded and then is not nil,
// then (mg dot's drawing), both under the limits and Ctrl-C.
func (s *script) runThen(lim limits, then func(th *eval.Thread) error) int {
	th := s.in.Thread()
	if err := lim.apply(th); err != nil {
		fmt.Fprintf(s.stderr, "mg: %v\n", err)
		return exitUsage
	}
	stop := cancelOnInterrupt(th)
	defer stop()
	defer lim.guard(th)()
	err := s.prog.Run()
	s.out.Flush()
	if err == nil && then != nil {
		err = then(th)
	}
	if err != nil {
		report(s.stderr, err, s.src)
		var e *eval.Error
		if errors.As(err, &e) && e.Interrupted {
			return exitInterrupted
		}
		return exitRuntime
	}
	return exitOK
}

// cancelOnInterrupt turns SIGINT into a cancellation of th until stop is called.
func cancelOnInterrupt(th *eval.Thread) (stop func()) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt)
	done := make(chan struct{})
	go func() {
		select {
		case <-ch:
			th.Cancel("interrupted")
		case <-done:
		}
	}()
	return func() { signal.Stop(ch); close(done) }
}

// report writes err as FILE:LINE:COL: message, the source line and a caret.
func report(w io.Writer, err error, src string) {
	var pos lang.Pos
	msg := err.Error()
	var le *lang.Error
	var ee *eval.Error
	switch {
	case errors.As(err, &le):
		pos, msg = le.Pos, le.Msg
	case errors.As(err, &ee):
		pos, msg = ee.Pos, ee.Msg
	}
	if !pos.IsValid() {
		fmt.Fprintf(w, "mg: %s\n", msg)
		return
	}
	fmt.Fprintf(w, "%s: %s\n%s", pos, msg, lang.Caret(src, pos))
	if ee != nil {
		writeTrace(w, ee.Trace)
	}
}

// writeTrace lists the calls that led to an error, innermost first; a
// call repeated in a row (deep recursion) is shown once with its count.
func writeTrace(w io.Writer, trace []lang.Pos) {
	lines := 0
	for i := len(trace) - 1; i >= 0; {
		j := i
		for j > 0 && trace[j-1] == trace[i] {
			j--
		}
		if lines == 20 {
			fmt.Fprintf(w, "  ... and %d calls before\n", i+1)
			return
		}
		fmt.Fprintf(w, "  called from %s\n", trace[i])
		if n := i - j; n > 0 {
			fmt.Fprintf(w, "  ... the same call %d more times\n", n)
		}
		lines++
		i = j - 1
	}
}

// runStdin reads statements from a pipe, running each as it is whole
// and printing the value of each expression statement.
func runStdin(stdin io.Reader, lim limits, stdout, stderr io.Writer) int {
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	sess := newSession(out, stderr, "<stdin>")
	if err := sess.setLimits(lim, true); err != nil {
		fmt.Fprintf(stderr, "mg: %v\n", err)
		return exitUsage
	}
	status := exitOK
	in := &pipeReader{r: bufio.NewReader(stdin), sess: sess}
	var running sync.Mutex // held while a statement runs and its output is flushed
	interrupted, stop := interruptPiped(sess, &running)
	defer stop()
	for !sess.quit {
		chunk, first, ok := in.statement()
		if !ok {
			break
		}
		running.Lock()
		if !sess.exec(chunk, first) {
			status = exitRuntime
		}
		out.Flush()
		running.Unlock()
		if interrupted.Load() {
			return exitInterrupted
		}
	}
	return status
}

// interruptPiped makes SIGINT stop piped input as it stops mg run: the
// statement running reports "interrupted" at its position and mg exits
// with status 130 (interrupted is then set); while mg waits for input it
// exits at once. Without the handler, SIGINT would kill mg silently, or
// be ignored when mg was started in the background.
func interruptPiped(sess *session, running *sync.Mutex) (interrupted *atomic.Bool, stop func()) {
	interrupted = new(atomic.Bool)
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt)
	done := make(chan struct{})
	go func() {
		select {
		case <-ch:
		case <-done:
			return
		}
		interrupted.Store(true)
		gen := sess.interrupt(0)
		if gen == 0 {
			running.Lock() // output of a statement just run is flushed
			os.Exit(exitInterrupted)
		}
		// Repeated until the statement ends, as each statement of a
		// chunk starts with a cleared cancel flag.
		for ; gen != 0; gen = sess.interrupt(gen) {
			select {
			case <-time.After(10 * time.Millisecond):
			case <-done:
				return
			}
		}
	}()
	return interrupted, func() { signal.Stop(ch); close(done) }
}
