package main

import (
	"flag"
	"fmt"
	"math"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/mglang/mg/eval"
	"github.com/mglang/mg/stdlib"
)

// byteSize is an amount of memory given on the command line: a number of
// bytes with an optional K, M, G or T (powers of 1024), as in 512M or 2G.
type byteSize int64

// sizeUnits are the suffixes of byteSize, largest first.
var sizeUnits = []struct {
	suffix string
	bytes  int64
}{{"T", 1 << 40}, {"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}}

// Set parses s: digits, perhaps with a fraction, then an optional unit
// (K, M, G, T, with or without a B or iB after it, in any case).
func (b *byteSize) Set(s string) error {
	t := strings.ToUpper(strings.TrimSpace(s))
	t = strings.TrimSuffix(strings.TrimSuffix(t, "B"), "I")
	mult := int64(1)
	for _, u := range sizeUnits {
		if rest, ok := strings.CutSuffix(t, u.suffix); ok {
			t, mult = rest, u.bytes
			break
		}
	}
	f, err := strconv.ParseFloat(t, 64)
	if err == nil && f < 0 {
		return errNegative
	}
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) || f*float64(mult) >= math.MaxInt64 {
		return fmt.Errorf("not a size: write a number of bytes with K, M or G, as in 512M or 2G")
	}
	*b = byteSize(f * float64(mult))
	return nil
}

// String writes the size with the largest unit that divides it.
func (b byteSize) String() string {
	for _, u := range sizeUnits {
		if b != 0 && int64(b)%u.bytes == 0 {
			return strconv.FormatInt(int64(b)/u.bytes, 10) + u.suffix
		}
	}
	return strconv.FormatInt(int64(b), 10)
}

// apply sets on th the limits that it keeps itself: steps, nodes and the
// directory files are confined to. An error says that --files is not a
// directory.
func (l *limits) apply(th *eval.Thread) error {
	th.MaxSteps, th.MaxNodes = l.maxSteps, l.maxNodes
	return stdlib.ConfineFiles(th, l.files)
}

// check reports a limit that cannot be applied: a --files that is not a
// directory.
func (l *limits) check() error {
	return stdlib.ConfineFiles(eval.NewThread(nil), l.files)
}

// guard starts the limits that watch a run from outside, the timeout and
// the memory limit, for one run of th (a script, or one statement of a
// REPL); stop ends them. The memory limit is also given to Go's collector
// (debug.SetMemoryLimit), which then works harder as the heap nears it.
func (l *limits) guard(th *eval.Thread) (stop func()) {
	var stops []func()
	if l.timeout > 0 {
		// The timer's function may already be running when stop is
		// called: the lock makes stop wait for it, and it then does
		// nothing, so that no cancellation reaches the next run of th.
		var mu sync.Mutex
		stopped := false
		t := time.AfterFunc(l.timeout, func() {
			mu.Lock()
			defer mu.Unlock()
			if !stopped {
				th.Cancel(fmt.Sprintf("time limit exceeded: the program ran longer than %s (--timeout)", l.timeout))
			}
		})
		stops = append(stops, func() {
			t.Stop()
			mu.Lock()
			stopped = true
			mu.Unlock()
		})
	}
	switch {
	case l.maxMemory > 0:
		// The collector's limit is a quarter above: it then collects
		// often enough that no garbage reaches the limit, without
		// thrashing on live data just under it (WatchMemory).
		debug.SetMemoryLimit(int64(l.maxMemory) + int64(l.maxMemory)/4)
		memoryLimitSet = true
		reason := fmt.Sprintf("memory limit exceeded: the program held more than %s of memory (--max-memory)", l.maxMemory)
		stops = append(stops, th.WatchMemory(int64(l.maxMemory), reason))
	case memoryLimitSet: // lifted by :limits
		debug.SetMemoryLimit(math.MaxInt64)
		memoryLimitSet = false
	}
	return func() {
		for _, s := range stops {
			s()
		}
	}
}

// runUnder runs run, one Program.Run of th, under the limits, as the REPL
// and piped input do for each statement (and a notebook kernel should for
// each cell): guarded by the timeout and the memory limit; after an error
// the arena is sealed, since its newest chunk holds the last nodes the
// statement made and through them its whole graph, and after a limit the
// garbage is collected and its memory given back, so that the session
// goes on from where it was.
func (l *limits) runUnder(th *eval.Thread, run func() error) error {
	stop := l.guard(th)
	err := run()
	stop()
	if err != nil {
		th.Arena.Seal()
		if isLimitError(err) {
			releaseMemory()
		}
	}
	return err
}

// memoryLimitSet records that guard gave the collector a limit, which
// is otherwise left as the environment (GOMEMLIMIT) set it.
var memoryLimitSet bool

// isLimitError reports whether err is a limit stopping a run (steps,
// nodes, time, memory, or the length of a list or string): what it made is
// garbage, to be collected at once.
func isLimitError(err error) bool {
	msg := err.Error()
	for _, s := range []string{"limit exceeded:", " too long in ", "too long to list"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// releaseMemory collects the garbage a stopped run left and returns the
// freed memory to the system, so that a session's footprint comes back
// down after a limit stops one of its statements.
func releaseMemory() { debug.FreeOSMemory() }

// describe lists the limits as flags, one a line, for :limits; cell is
// the kernel's time limit on a whole cell (0 outside a kernel).
func (l *limits) describe(cell time.Duration) string {
	orNone := func(set bool, v string) string {
		if set {
			return v
		}
		return "none"
	}
	files := l.files
	if files == "" {
		files = "none (any file)"
	}
	return fmt.Sprintf("--max-steps %s\n--max-nodes %s\n--timeout %s\n--max-memory %s\n--files %s\n",
		orNone(l.maxSteps > 0, strconv.FormatInt(l.maxSteps, 10)),
		orNone(l.maxNodes > 0, strconv.FormatInt(l.maxNodes, 10)),
		timeoutText(l.timeout, cell),
		orNone(l.maxMemory > 0, l.maxMemory.String()),
		files)
}

// timeoutText shows the time limits of a statement and of a cell.
func timeoutText(stmt, cell time.Duration) string {
	switch {
	case cell > 0 && stmt > 0:
		return fmt.Sprintf("%s for each statement, %s for each cell", stmt, cell)
	case cell > 0:
		return fmt.Sprintf("%s for each cell", cell)
	case stmt > 0:
		return stmt.String()
	}
	return "none"
}

// limitsCommand runs `:limits [FLAGS]`: without flags it lists the limits
// of the session; with some (the flags of mg run, as in :limits
// --max-memory 256M --timeout 10s) it sets them for the statements that
// follow. Limits mg was started with may be tightened, never lifted, so
// that a piped script cannot undo its grader's flags.
func (s *session) limitsCommand(c cmdLine, fail failFunc) bool {
	if strings.TrimSpace(c.arg) == "" {
		s.out.WriteString(s.lim.describe(s.cellTimeout))
		return true
	}
	var msg strings.Builder
	fs := flag.NewFlagSet(":limits", flag.ContinueOnError)
	fs.SetOutput(&msg)
	fs.Usage = func() {}
	var lim limits
	lim.register(fs) // which sets every limit to its default, so:
	lim = s.lim      // the flags not given keep their values
	args := strings.Fields(c.arg)
	if err := fs.Parse(args); err != nil {
		return fail(c.argCol, ":limits: %s; it takes the flags of mg run: --max-steps N --max-nodes N --timeout D --max-memory SIZE --files DIR", flagError(err, args))
	}
	if fs.NArg() > 0 {
		return fail(c.argCol, ":limits takes flags, not %q", fs.Arg(0))
	}
	if err := s.ceiling.allows(lim); err != nil {
		return fail(c.argCol, ":limits: %v", err)
	}
	if s.cellTimeout > 0 && lim.timeout > s.cellTimeout {
		return fail(c.argCol, ":limits: cannot lift --timeout above %s, the limit of each cell the kernel was started with", s.cellTimeout)
	}
	if err := s.setLimits(lim, false); err != nil {
		return fail(c.argCol, ":limits: %v", err)
	}
	return true
}

// allows reports, as an error, a limit of lim that is looser than the
// ceiling l: a number over it (or none where l has one), or a --files
// directory that is not inside l's.
func (l *limits) allows(lim limits) error {
	looser := func(ceil, v int64) bool { return ceil > 0 && (v == 0 || v > ceil) }
	switch {
	case looser(l.maxSteps, lim.maxSteps):
		return fmt.Errorf("cannot lift --max-steps above %d, the limit mg was started with", l.maxSteps)
	case looser(l.maxNodes, lim.maxNodes):
		return fmt.Errorf("cannot lift --max-nodes above %d, the limit mg was started with", l.maxNodes)
	case looser(int64(l.timeout), int64(lim.timeout)):
		return fmt.Errorf("cannot lift --timeout above %s, the limit mg was started with", l.timeout)
	case looser(int64(l.maxMemory), int64(lim.maxMemory)):
		return fmt.Errorf("cannot lift --max-memory above %s, the limit mg was started with", l.maxMemory)
	case l.files != "" && (lim.files == "" || !stdlib.InsideDir(lim.files, l.files)):
		return fmt.Errorf("cannot use files outside %s, the directory mg was started with (--files)", l.files)
	}
	return nil
}
