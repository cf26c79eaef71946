package main

import (
	"bytes"
	"fmt"
	"io"

	"github.com/mglang/mg/autograd"
	"github.com/mglang/mg/stdlib"
	"github.com/mglang/mg/stdlib/graphviz"
)

// dotCommand runs a script, then draws the graph of one of its Values.
func dotCommand(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("dot", stderr)
	out := fs.String("o", "", "write the graph to this file (.dot, .svg, .png, .pdf)")
	node := fs.String("node", "", "the name of the Value to draw")
	maxNodes := fs.Int("max-nodes", stdlib.DefaultMaxNodes, "draw at most this many Values (0: all)")
	files, err := parseFlags(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(files) != 1 {
		fmt.Fprintf(stderr, "mg dot: expected one script file, got %d arguments\n\n%s", len(files), usage)
		return exitUsage
	}
	if *maxNodes < 0 {
		fmt.Fprintf(stderr, "mg dot: --max-nodes must be 0 or more\n")
		return exitUsage
	}
	s, code := loadScript(files[0], stderr, stderr) // the script's own output must not mix with the DOT
	if s == nil {
		return code
	}
	if code := s.run(limits{}); code != exitOK {
		return code
	}
	name := *node
	if name == "" {
		var ok bool
		if name, ok = s.in.Globals().LastValue(); !ok {
			fmt.Fprintf(stderr, "mg dot: %s binds no Value at top level; name one with --node\n", s.name)
			return exitRuntime
		}
	}
	obj, ok := s.in.Globals().Get(name)
	v, isValue := obj.(*autograd.Value)
	if !ok || !isValue {
		fmt.Fprintf(stderr, "mg dot: %s has no top-level Value named %s\n", s.name, name)
		return exitRuntime
	}
	var b bytes.Buffer
	if err := autograd.WriteDOT(&b, v, autograd.DOTOptions{MaxNodes: *maxNodes}); err != nil {
		fmt.Fprintf(stderr, "mg dot: %v\n", err)
		return exitRuntime
	}
	if *out == "" {
		stdout.Write(b.Bytes())
		return exitOK
	}
	if err := graphviz.Render(b.Bytes(), *out); err != nil {
		fmt.Fprintf(stderr, "mg dot: %v\n", err)
		return exitRuntime
	}
	return exitOK
}
