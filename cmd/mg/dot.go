package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/mglang/mg/autograd"
	"github.com/mglang/mg/eval"
	"github.com/mglang/mg/stdlib"
	"github.com/mglang/mg/stdlib/graphviz"
)

// dotCommand runs a script, then draws the graph of one of its Values.
// The script may be anyone's: it runs under the limits of mg run, which
// bound the drawing too (a Graphviz run past --timeout is killed). The
// drawing's own cap is --draw-nodes, so that --max-nodes means what it
// means for mg run.
func dotCommand(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("dot", stderr)
	out := fs.String("o", "", "write the graph to this file (.dot, .svg, .png, .pdf)")
	node := fs.String("node", "", "the name of the Value to draw")
	drawNodes := fs.Int("draw-nodes", stdlib.DefaultMaxNodes, "draw at most this many Values (0: all)")
	var lim limits
	lim.register(fs)
	files, err := parseFlags(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(files) != 1 {
		fmt.Fprintf(stderr, "mg dot: expected one script file, got %d arguments\n\n%s", len(files), usage)
		return exitUsage
	}
	if *drawNodes < 0 {
		fmt.Fprintf(stderr, "mg dot: --draw-nodes must be 0 (everything) or more\n")
		return exitUsage
	}
	s, code := loadScript(files[0], stderr, stderr) // the script's own output must not mix with the DOT
	if s == nil {
		return code
	}
	// A failure to find or draw the Value is reported by draw itself,
	// with its status; an error it returns is the run's (a limit).
	status := exitOK
	draw := func(th *eval.Thread) error {
		v, code := s.dotValue(*node, stderr)
		if v == nil {
			status = code
			return nil
		}
		var b bytes.Buffer
		if err := autograd.WriteDOT(&b, v, autograd.DOTOptions{MaxNodes: *drawNodes}); err != nil {
			fmt.Fprintf(stderr, "mg dot: %v\n", err)
			status = exitRuntime
			return nil
		}
		if *out == "" {
			stdout.Write(b.Bytes())
			return nil
		}
		ctx, stop := th.Context()
		defer stop()
		if err := graphviz.RenderContext(ctx, b.Bytes(), *out); err != nil {
			if e, stopped := err.(*eval.Error); stopped {
				return &eval.Error{Msg: e.Msg + ", while drawing " + *out, Interrupted: e.Interrupted}
			}
			// The graphviz package's errors start "dot: ", which is
			// this command's name already.
			fmt.Fprintf(stderr, "mg dot: %s\n", strings.TrimPrefix(err.Error(), "dot: "))
			status = exitRuntime
		}
		return nil
	}
	if code := s.runThen(lim, draw); code != exitOK {
		return code
	}
	return status
}

// dotValue is the top-level Value named name, or the last one bound when
// name is empty; nil, with the error reported and the exit status, when
// there is none.
func (s *script) dotValue(name string, stderr io.Writer) (*autograd.Value, int) {
	if name == "" {
		var ok bool
		if name, ok = s.in.Globals().LastValue(); !ok {
			fmt.Fprintf(stderr, "mg dot: %s binds no Value at top level; name one with --node\n", s.name)
			return nil, exitRuntime
		}
	}
	obj, ok := s.in.Globals().Get(name)
	v, isValue := obj.(*autograd.Value)
	if !ok || !isValue {
		fmt.Fprintf(stderr, "mg dot: %s has no top-level Value named %s\n", s.name, name)
		return nil, exitRuntime
	}
	return v, exitOK
}
