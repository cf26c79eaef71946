package graphviz

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	gv "github.com/goccy/go-graphviz"
)

// BuiltinFormats lists the image types the built-in renderer draws when
// Graphviz's dot program is missing. PDF is not among them: Graphviz's
// WebAssembly build has no PDF back end.
var BuiltinFormats = []string{"svg", "png"}

// builtinMu serialises the built-in renderer: it is one WebAssembly
// instance, with one memory, that must not run two layouts at once.
var builtinMu sync.Mutex

// errBuiltinTimeout is returned by drawBuiltin when a layout outlives Timeout.
var errBuiltinTimeout = errors.New("the built-in renderer timed out")

// BuiltinDraws tells whether the built-in renderer can draw format ("svg",
// "png", ...), that is whether a file of that type is drawn even without
// Graphviz's dot program.
func BuiltinDraws(format string) bool {
	for _, f := range BuiltinFormats {
		if strings.EqualFold(f, format) {
			return true
		}
	}
	return false
}

// drawBuiltin draws the DOT text dot as format ("svg" or "png") with
// Graphviz compiled to WebAssembly and run in this process by wazero. The
// module is compiled and instantiated on the first call only (about a second
// the first time on a machine, tens of milliseconds once its compiled code
// is cached), so that programs that never draw pay nothing.
//
// The layout runs in its own goroutine: it cannot be interrupted, so when
// it outlives Timeout, or ctx is done, the caller gets an error and the goroutine finishes
// on its own, holding the renderer until then.
func drawBuiltin(ctx context.Context, dot []byte, format string) ([]byte, error) {
	if !BuiltinDraws(format) {
		return nil, fmt.Errorf("the built-in renderer cannot draw %s", format)
	}
	type result struct {
		out []byte
		err error
	}
	done := make(chan result, 1)
	timer := time.NewTimer(Timeout)
	defer timer.Stop()
	go func() {
		builtinMu.Lock()
		defer builtinMu.Unlock()
		out, err := drawBuiltinLocked(dot, format)
		done <- result{out, err}
	}()
	select {
	case r := <-done:
		return r.out, r.err
	case <-timer.C:
		return nil, errBuiltinTimeout
	case <-ctx.Done(): // the caller's limit: stop waiting, as for Timeout
		return nil, context.Cause(ctx)
	}
}

// drawBuiltinLocked does the work of drawBuiltin with builtinMu held. A
// panic inside the bindings (they panic on some internal errors) becomes an
// error: a bad drawing must never crash the interpreter.
func drawBuiltinLocked(dot []byte, format string) (out []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("the built-in renderer failed: %v", r)
		}
	}()
	ctx := context.Background()
	g, err := gv.New(ctx)
	if err != nil {
		return nil, err
	}
	defer g.Close()
	graph, err := gv.ParseBytes(dot)
	if err != nil {
		return nil, err
	}
	if graph == nil {
		return nil, errors.New("the DOT text holds no graph")
	}
	defer graph.Close()
	var buf bytes.Buffer
	if err := g.Render(ctx, graph, gv.Format(format), &buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
