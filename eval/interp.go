package eval

import (
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"github.com/mglang/mg/lang"
)

// Library is what the language starts with: builtin names, and methods by
// the Type() of their receiver ("Value", "list", ...).
type Library struct {
	Builtins map[string]Object
	Methods  map[string]map[string]*Builtin
}

// Interp is one session: its globals, its Thread, its library.
type Interp struct {
	th      *Thread
	lib     *Library
	globals *Globals
	ended   map[string]endedDecl // names whose block has ended, for undefinedMsg
}

// New makes an interpreter that writes program output to out.
func New(lib *Library, out io.Writer) *Interp {
	return &Interp{th: NewThread(out), lib: lib, globals: newGlobals()}
}

// Thread is the interpreter's thread (to cancel it, or set its limits).
func (in *Interp) Thread() *Thread { return in.th }

// Globals are the interpreter's top-level names.
func (in *Interp) Globals() *Globals { return in.globals }

// Library is what the interpreter was made with.
func (in *Interp) Library() *Library { return in.lib }

// Program is compiled code ready to run in its interpreter.
type Program struct {
	in   *Interp
	body stmtFn
	nsl  int
	pos  lang.Pos
}

// Compile resolves and compiles statements as one top-level chunk. The
// error, if any, is a *lang.Error (a static error such as break outside a
// loop). With show set, each top-level expression statement passes its
// value to show.
func (in *Interp) Compile(stmts []lang.Stmt, show func(Object)) (prog *Program, err error) {
	defer func() {
		if r := recover(); r != nil {
			e, ok := r.(*lang.Error)
			if !ok {
				panic(r)
			}
			err = e
		}
	}()
	for _, s := range stmts {
		switch s := s.(type) {
		case *lang.LetStmt:
			in.globals.slot(s.Name.Name)
		case *lang.FnStmt:
			in.globals.slot(s.Name.Name)
		}
	}
	c := &compiler{in: in, th: in.th, fs: &funcScope{}, show: show}
	body := c.stmts(stmts)
	p := &Program{in: in, body: body, nsl: c.fs.nslots}
	if len(stmts) > 0 {
		p.pos = stmts[0].Pos()
	}
	return p, nil
}

// Run executes the program. A runtime error is an *Error; a Go panic inside
// becomes an *Error saying "internal error" at the program's position.
func (p *Program) Run() (err error) {
	th := p.in.th
	th.Reset()
	th.startNodes()
	defer func() {
		if r := recover(); r != nil {
			switch e := r.(type) {
			case *Error:
				if e.Trace == nil && len(th.trace) > 0 {
					e.Trace = append([]lang.Pos(nil), th.trace...)
				}
				err = e
			default:
				err = &Error{Pos: p.pos, Msg: fmt.Sprintf("internal error: %v\n%s", r, firstFrames(debug.Stack()))}
			}
			th.depth, th.trace, th.loops = 0, th.trace[:0], 0
		}
	}()
	p.body(&frame{slots: make([]Object, p.nsl)})
	return nil
}

// firstFrames keeps a few lines of a Go stack for an internal error report.
func firstFrames(stack []byte) string {
	lines := strings.Split(string(stack), "\n")
	var keep []string
	for _, l := range lines {
		if strings.Contains(l, "github.com/mglang/mg/") && !strings.HasPrefix(l, "\t") {
			keep = append(keep, "  in "+strings.TrimSpace(l))
		}
		if len(keep) == 4 {
			break
		}
	}
	return "please report this; it was raised" + "\n" + strings.Join(keep, "\n")
}

// undefinedMsg words an undefined name, suggesting a close known name.
func (in *Interp) undefinedMsg(name string) string {
	switch name {
	case "True", "False", "None":
		return fmt.Sprintf("undefined: %s (mg writes it %s)", name, strings.ToLower(name))
	}
	if h := in.endedHint(name); h != "" {
		return "undefined: " + name + " (" + h + ")"
	}
	if h := nameHint(name); h != "" {
		return "undefined: " + name + " (" + h + ")"
	}
	best, bestD := "", 3
	consider := func(cand string) {
		if cand == name || cand == "_" {
			return
		}
		if d := editDistance(name, cand); d < bestD && alike(name, cand, d) {
			best, bestD = cand, d
		}
	}
	for _, n := range in.globals.Names() {
		consider(n)
	}
	for n := range in.lib.Builtins {
		consider(n)
	}
	if best != "" {
		return fmt.Sprintf("undefined: %s (did you mean %s?)", name, best)
	}
	return "undefined: " + name
}

func editDistance(a, b string) int {
	// Optimal string alignment: Levenshtein plus the swap of two adjacent
	// letters, the commonest typo (gard for grad).
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}
