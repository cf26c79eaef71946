package stdlib

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/mglang/mg/autograd"
	"github.com/mglang/mg/eval"
	"github.com/mglang/mg/stdlib/display"
	"github.com/mglang/mg/stdlib/graphviz"
)

// DefaultMaxNodes is how many Values a graph drawing shows unless told.
const DefaultMaxNodes = 500

func dotBuiltin(th *eval.Thread, args []eval.Object, kw []eval.Kwarg) (eval.Object, error) {
	path := ""
	maxNodes := int64(DefaultMaxNodes)
	l, err := root("dot", args, kw, "path?", &path, "max_nodes?", &maxNodes)
	if err != nil {
		return nil, err
	}
	if maxNodes < 0 {
		return nil, fmt.Errorf("dot(): max_nodes must be 0 (everything) or more, not %d", maxNodes)
	}
	var b bytes.Buffer
	if err := autograd.WriteDOT(&b, l, autograd.DOTOptions{MaxNodes: int(maxNodes)}); err != nil {
		return nil, err
	}
	if path == "" {
		text := eval.String(b.String())
		// A notebook shows this string, when it ends a cell, as the picture.
		display.NoteGraph(th, text)
		return text, nil
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".dot", ".gv", ".svg", ".png", ".pdf":
	default:
		return nil, fmt.Errorf("dot(): cannot write %q: the file name must end in .dot, .gv, .svg, .png or .pdf", path)
	}
	// The drawing stops with the program: a time limit, a memory limit
	// or Ctrl-C kills the dot program rather than waiting for it.
	ctx, stop := th.Context()
	defer stop()
	if err := UseFile(th, "dot()", path, func(p string) error { return graphviz.RenderContext(ctx, b.Bytes(), p) }); err != nil {
		return nil, builtinError(err)
	}
	return eval.None, nil
}

// builtinError words an error of the graphviz package (which starts
// "dot: ", as mg dot prints it) as the other errors of dot() are; the
// program's own stop (a limit, an interruption) is returned as it is.
func builtinError(err error) error {
	if _, ok := err.(*eval.Error); ok {
		return err
	}
	if rest, ok := strings.CutPrefix(err.Error(), "dot: "); ok {
		return &renamedError{msg: "dot(): " + rest, err: err}
	}
	return err
}

// renamedError is err with another message, still matching what err
// matches (graphviz.ErrNotInstalled).
type renamedError struct {
	msg string
	err error
}

func (e *renamedError) Error() string { return e.msg }
func (e *renamedError) Unwrap() error { return e.err }
