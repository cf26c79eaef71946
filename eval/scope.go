package eval

import (
	"fmt"
	"sort"

	"github.com/mglang/mg/autograd"
	"github.com/mglang/mg/lang"
)

// frame holds the slots of one function call (or one top-level chunk).
// up is the frame the function was defined in: free names are found there.
type frame struct {
	slots []Object
	up    *frame
	ret   Object
}

// Globals are the names declared at top level; a slot holds nil until the
// name is bound, so a name can be referred to before its definition runs.
type Globals struct {
	index map[string]int
	names []string
	vals  []Object
	last  int // slot of the Value bound most recently, or -1
}

func newGlobals() *Globals { return &Globals{index: map[string]int{}, last: -1} }

// store binds slot i, remembering it when v is a Value.
func (g *Globals) store(i int, v Object) {
	g.vals[i] = v
	if _, ok := v.(*autograd.Value); ok {
		g.last = i
	}
}

// LastValue is the name of the global most recently bound to a Value.
func (g *Globals) LastValue() (string, bool) {
	if g.last < 0 {
		return "", false
	}
	return g.names[g.last], true
}

// slot returns the index of name, adding an unbound slot when it is new.
func (g *Globals) slot(name string) int {
	if i, ok := g.index[name]; ok {
		return i
	}
	g.index[name] = len(g.vals)
	g.names = append(g.names, name)
	g.vals = append(g.vals, nil)
	return len(g.vals) - 1
}

// Get returns the value bound to a global name.
func (g *Globals) Get(name string) (Object, bool) {
	i, ok := g.index[name]
	if !ok || g.vals[i] == nil {
		return nil, false
	}
	return g.vals[i], true
}

// Set binds a global name to v as it is (no binding rule).
func (g *Globals) Set(name string, v Object) { g.vals[g.slot(name)] = v }

// Names lists the bound global names in alphabetical order.
func (g *Globals) Names() []string {
	var out []string
	for i, n := range g.names {
		if g.vals[i] != nil {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

// funcScope is the compile-time view of one function (or top-level chunk):
// its block scopes, innermost last, mapping names to frame slots.
type funcScope struct {
	parent *funcScope
	blocks []map[string]int
	nslots int
	loops  int
	isFunc bool
}

func (fs *funcScope) push() { fs.blocks = append(fs.blocks, map[string]int{}) }
func (fs *funcScope) pop()  { fs.blocks = fs.blocks[:len(fs.blocks)-1] }

// declare gives name a slot in the innermost block (reusing the slot when
// the same block already declared it).
func (fs *funcScope) declare(name string) int {
	b := fs.blocks[len(fs.blocks)-1]
	if i, ok := b[name]; ok {
		return i
	}
	b[name] = fs.nslots
	fs.nslots++
	return fs.nslots - 1
}

func (fs *funcScope) lookup(name string) (int, bool) {
	for i := len(fs.blocks) - 1; i >= 0; i-- {
		if s, ok := fs.blocks[i][name]; ok {
			return s, true
		}
	}
	return 0, false
}

// topLevel reports whether a declaration here makes a global.
func (fs *funcScope) topLevel() bool { return fs.parent == nil && !fs.isFunc && len(fs.blocks) == 0 }

type refKind uint8

const (
	refLocal refKind = iota
	refFree
	refGlobal
	refBuiltin
)

// ref is where a name was resolved to at compile time.
type ref struct {
	kind  refKind
	depth int
	index int
	obj   Object
}

// resolve finds name: the current function's blocks, then enclosing
// functions', then the globals already declared, then the builtins; an
// unknown name becomes a global slot that is checked when it is read.
func (c *compiler) resolve(name string) ref {
	depth := 0
	for fs := c.fs; fs != nil; fs = fs.parent {
		if i, ok := fs.lookup(name); ok {
			if depth == 0 {
				return ref{kind: refLocal, index: i}
			}
			return ref{kind: refFree, depth: depth, index: i}
		}
		depth++
	}
	if i, ok := c.in.globals.index[name]; ok {
		return ref{kind: refGlobal, index: i}
	}
	if b, ok := c.in.lib.Builtins[name]; ok {
		return ref{kind: refBuiltin, obj: b}
	}
	return ref{kind: refGlobal, index: c.in.globals.slot(name)}
}

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
