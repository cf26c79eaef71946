package eval

import (
	"fmt"

	"github.com/mglang/mg/lang"
)

// Names declared inside a block end with it (a Python habit expects them
// to live on). The compiler remembers every block's declarations when the
// block ends, so that reading one of them later is told why it is
// undefined, instead of being offered an unrelated near name.

// endedDecl is a name whose block has ended: where it was declared, the
// kind of block, and whether it was the block's loop variable.
type endedDecl struct {
	pos     lang.Pos
	kind    string
	loopVar bool
}

// openBlock collects the declarations of one block being compiled.
type openBlock struct {
	fs    *funcScope
	kind  string
	decls map[string]endedDecl
}

// beginBlock starts collecting the declarations of a block of kind (for,
// while, if, else, comprehension).
func (c *compiler) beginBlock(kind string) {
	c.open = append(c.open, openBlock{fs: c.fs, kind: kind})
}

// endBlock files the block's declarations as ended.
func (c *compiler) endBlock() {
	top := c.open[len(c.open)-1]
	c.open = c.open[:len(c.open)-1]
	for n, d := range top.decls {
		if c.in.ended == nil {
			c.in.ended = map[string]endedDecl{}
		}
		c.in.ended[n] = d
	}
}

// noteDecl records id as declared in the innermost open block of the
// function being compiled (a function's own names are not a block's).
func (c *compiler) noteDecl(id *lang.Ident, loopVar bool) {
	if len(c.open) == 0 {
		return
	}
	top := &c.open[len(c.open)-1]
	if top.fs != c.fs {
		return
	}
	if top.decls == nil {
		top.decls = map[string]endedDecl{}
	}
	if _, ok := top.decls[id.Name]; !ok {
		top.decls[id.Name] = endedDecl{pos: id.P, kind: top.kind, loopVar: loopVar}
	}
}

// endedHint is why name, read where it is undefined, is: it was declared
// in a block that has ended; or "".
func (in *Interp) endedHint(name string) string {
	d, ok := in.ended[name]
	if !ok {
		return ""
	}
	at := fmt.Sprintf("%d:%d", d.pos.Line, d.pos.Col)
	switch {
	case d.loopVar && d.kind == "comprehension":
		return fmt.Sprintf("%s exists only inside its comprehension at %s", name, at)
	case d.loopVar:
		return fmt.Sprintf("%s exists only inside its %s loop at %s: to keep a value after the loop, declare a name before it with let and assign it inside", name, d.kind, at)
	}
	return fmt.Sprintf("%s was declared inside the %s block at %s and ended with it: declare it before the block with let and assign it inside", name, d.kind, at)
}
