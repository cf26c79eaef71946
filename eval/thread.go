package eval

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sync/atomic"
	"time"

	"github.com/mglang/mg/autograd"
	"github.com/mglang/mg/lang"
)

// MaxDepth is the deepest chain of calls before "maximum recursion depth
// exceeded", as in Python; it keeps the Go stack far from its limit.
const MaxDepth = 1000

// Error is a runtime error at a source position.
type Error struct {
	Pos lang.Pos
	Msg string
	// Interrupted is set when the error stops a cancelled run.
	Interrupted bool
	// Trace holds the positions of the calls that led to Pos, outermost first.
	Trace []lang.Pos
}

func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// Thread carries what one running program needs besides its code: where
// output goes, the node arena, the step budget and the cancel flag. One
// goroutine runs a Thread; Cancel may be called from any goroutine.
type Thread struct {
	Out io.Writer
	// Err receives warnings (not errors: those are returned).
	Err   io.Writer
	Arena *autograd.Arena
	// MaxSteps bounds loop iterations plus calls (0 = no bound).
	MaxSteps int64
	// MaxNodes bounds the graph nodes made (0 = no bound).
	MaxNodes int64

	steps  int64
	nodes0 int64
	depth  int
	loops  int // loops running (see turn)
	cancel atomic.Pointer[string]
	locals map[string]any
	trace  []lang.Pos
}

// NewThread makes a Thread that writes to out.
func NewThread(out io.Writer) *Thread {
	if out == nil {
		out = os.Stdout
	}
	return &Thread{Out: out, Err: os.Stderr, Arena: autograd.NewArena(), locals: map[string]any{}}
}

// Cancel asks the running program to stop with the error message reason
// (e.g. "interrupted"); it takes effect at the next loop turn, call, or
// every 65536 nodes of a backward pass.
func (th *Thread) Cancel(reason string) { th.cancel.Store(&reason) }

// Reset clears a cancellation and the step count so the Thread can run
// again: each statement of a REPL gets the whole step budget.
func (th *Thread) Reset() {
	th.cancel.Store(nil)
	th.depth, th.loops = 0, 0
	th.trace = th.trace[:0]
	th.steps = 0
}

// Check returns a non-nil error when the program must stop; builtins that
// work for long pass it to autograd.
func (th *Thread) Check() error {
	if r := th.cancel.Load(); r != nil {
		return &Error{Msg: *r, Interrupted: *r == "interrupted"}
	}
	if th.MaxNodes > 0 && th.nodeCount()-th.nodes0 > th.MaxNodes {
		return &Error{Msg: th.nodeLimitMsg()}
	}
	return nil
}

func (th *Thread) nodeLimitMsg() string {
	return fmt.Sprintf("node limit exceeded: the program made more than %d graph nodes (--max-nodes)", th.MaxNodes)
}

// startNodes starts the node budget of one run: MaxNodes more from now.
// The arena keeps it exactly: the op that makes node MaxNodes+1 fails
// where it stands, and a leaf (Value(x), a parameter), which cannot fail,
// cancels the run, which then stops at its next step.
func (th *Thread) startNodes() {
	th.nodes0 = th.nodeCount()
	if th.MaxNodes <= 0 {
		th.Arena.SetLimit(0, nil, nil)
		return
	}
	msg := th.nodeLimitMsg()
	th.Arena.SetLimit(th.MaxNodes, errors.New(msg), func() { th.cancel.Store(&msg) })
}

// step counts one unit of work and polls for cancellation.
func (th *Thread) step(pos lang.Pos) {
	th.steps++
	if th.MaxSteps > 0 && th.steps > th.MaxSteps {
		panic(&Error{Pos: pos, Msg: fmt.Sprintf("step limit exceeded: more than %d loop turns and calls (--max-steps)", th.MaxSteps)})
	}
	if th.steps&1023 == 0 || th.cancel.Load() != nil {
		if err := th.Check(); err != nil {
			e := err.(*Error)
			e.Pos = pos
			panic(e)
		}
	}
}

// turn begins a turn of a loop. The turns of the outermost loop running
// are taken for independent pieces of work (a training step, a sample
// evaluated), between which the arena may seal its generation of nodes:
// else a loop that never calls backward would keep alive all it made
// (see autograd.Arena.SealBetween). An inner loop's turns are parts of
// one piece.
func (th *Thread) turn(pos lang.Pos) {
	th.step(pos)
	if th.loops == 1 {
		th.Arena.SealBetween()
	}
}

// Context returns a context that is cancelled, with the error the program
// stops with as its cause, once th is cancelled (Ctrl-C, a time or memory
// limit, a kernel's interrupt): work done outside the evaluator, such as a
// drawing program, must stop then too. stop ends the watch; call it when
// that work is over.
func (th *Thread) Context() (ctx context.Context, stop func()) {
	ctx, cancel := context.WithCancelCause(context.Background())
	if r := th.cancel.Load(); r != nil { // already: the work never starts
		cancel(&Error{Msg: *r, Interrupted: *r == "interrupted"})
		return ctx, func() {}
	}
	done, exited := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(exited)
		tick := time.NewTicker(contextPoll)
		defer tick.Stop()
		for {
			if r := th.cancel.Load(); r != nil {
				cancel(&Error{Msg: *r, Interrupted: *r == "interrupted"})
				return
			}
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	return ctx, func() { close(done); <-exited; cancel(nil) }
}

// contextPoll is how often a Context looks at the cancel flag: well
// under the 100 ms in which Ctrl-C should be felt.
const contextPoll = 10 * time.Millisecond

// Local returns a value stored by a builtin library under key.
func (th *Thread) Local(key string) any { return th.locals[key] }

// SetLocal stores v under key for builtin libraries.
func (th *Thread) SetLocal(key string, v any) { th.locals[key] = v }

// fail stops the running statement with a runtime error at pos.
func fail(pos lang.Pos, format string, args ...any) {
	panic(&Error{Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

// failErr stops the running statement with err, positioned at pos unless
// it already carries a position.
func failErr(pos lang.Pos, err error) {
	if e, ok := err.(*Error); ok {
		if !e.Pos.IsValid() {
			e.Pos = pos
		}
		panic(e)
	}
	panic(&Error{Pos: pos, Msg: err.Error()})
}

// nodeCount is how many graph nodes the thread's arena has made.
func (th *Thread) nodeCount() int64 { return th.Arena.Count() }
