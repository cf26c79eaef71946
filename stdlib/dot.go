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
	if err := UseFile(th, "dot()", path, func(p string) error { return graphviz.Render(b.Bytes(), p) }); err != nil {
		return nil, err // already worded as dot: ...
	}
	return eval.None, nil
}
