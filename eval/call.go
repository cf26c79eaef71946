package eval

import (
	"fmt"
	"strings"

	"github.com/mglang/mg/autograd"
	"github.com/mglang/mg/lang"
)

// funcCode is the compiled body of a function, shared by its closures.
type funcCode struct {
	name     string
	params   []string
	defaults []exprFn // nil where a parameter has no default
	nslots   int
	body     stmtFn
	pos      lang.Pos
}

// Function is a user function with the frame it was defined in.
type Function struct {
	code     *funcCode
	env      *frame
	defaults []Object
	th       *Thread
}

func (*Function) Type() string     { return "function" }
func (f *Function) String() string { return "<fn " + f.code.name + ">" }

// Name is the function's name.
func (f *Function) Name() string { return f.code.name }

// Params are the function's parameter names.
func (f *Function) Params() []string { return f.code.params }

// Call runs the function from Go (a builtin calling back into mg).
func (f *Function) Call(th *Thread, args []Object, kwargs []Kwarg) (result Object, err error) {
	depth, trace, loops := th.depth, len(th.trace), th.loops
	defer func() {
		if r := recover(); r != nil {
			e, ok := r.(*Error)
			if !ok {
				panic(r)
			}
			if e.Trace == nil {
				e.Trace = append([]lang.Pos(nil), th.trace...)
			}
			th.depth, th.trace, th.loops = depth, th.trace[:trace], loops
			err = e
		}
	}()
	return callFunction(th, f, args, kwargs, f.code.pos), nil
}

func (c *compiler) funcLit(fl *lang.FuncLit, name string) exprFn {
	code := &funcCode{name: name, pos: fl.P}
	defaults := make([]exprFn, len(fl.Params))
	hasDefaults := false
	for i, p := range fl.Params {
		code.params = append(code.params, p.Name.Name)
		if p.Default != nil {
			defaults[i] = c.expr(p.Default)
			hasDefaults = true
		}
	}
	fs := &funcScope{parent: c.fs, isFunc: true}
	fs.push()
	for _, p := range fl.Params {
		fs.declare(p.Name.Name)
	}
	saved := c.fs
	c.fs = fs
	code.body = c.stmts(fl.Body.Stmts)
	c.fs = saved
	code.nslots = fs.nslots
	th := c.th
	return func(fr *frame) Object {
		f := &Function{code: code, env: fr, th: th}
		if hasDefaults {
			f.defaults = make([]Object, len(defaults))
			for i, d := range defaults {
				if d != nil {
					f.defaults[i] = d(fr)
				}
			}
		}
		return f
	}
}

// callFunction binds arguments to a new frame and runs the body.
func callFunction(th *Thread, f *Function, args []Object, kwargs []Kwarg, pos lang.Pos) Object {
	code := f.code
	if len(args) > len(code.params) {
		fail(pos, "%s() takes %s but %s", code.name, describeParams(code.params), Given(len(args)))
	}
	fr := &frame{slots: make([]Object, code.nslots), up: f.env}
	copy(fr.slots, args)
	for _, kw := range kwargs {
		i := indexOf(code.params, kw.Name)
		switch {
		case i < 0:
			fail(pos, "%s() got an unexpected keyword argument %s (it takes %s)", code.name, kw.Name, describeParams(code.params))
		case fr.slots[i] != nil:
			fail(pos, "%s() got two values for argument %s", code.name, kw.Name)
		}
		fr.slots[i] = kw.Value
	}
	for i := len(args); i < len(code.params); i++ {
		if fr.slots[i] != nil {
			continue
		}
		if f.defaults == nil || f.defaults[i] == nil {
			fail(pos, "%s() missing argument %s (it takes %s)", code.name, code.params[i], describeParams(code.params))
		}
		fr.slots[i] = f.defaults[i]
	}
	th.depth++
	if th.depth > MaxDepth {
		fail(pos, "maximum recursion depth exceeded (%d calls deep, in %s)", MaxDepth, code.name)
	}
	th.step(pos)
	th.trace = append(th.trace, pos)
	r := code.body(fr)
	th.trace = th.trace[:len(th.trace)-1]
	th.depth--
	if r == ctrlReturn {
		return fr.ret
	}
	return None
}

func describeParams(params []string) string {
	switch len(params) {
	case 0:
		return "no arguments"
	case 1:
		return "1 argument (" + params[0] + ")"
	}
	return fmt.Sprintf("%d arguments (%s)", len(params), strings.Join(params, ", "))
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

func (c *compiler) call(e *lang.CallExpr) exprFn {
	args := c.exprs(e.Args)
	kwNames := make([]string, len(e.Kwargs))
	kwVals := make([]exprFn, len(e.Kwargs))
	for i, kw := range e.Kwargs {
		kwNames[i], kwVals[i] = kw.Name, c.expr(kw.Value)
	}
	th, pos, in := c.th, e.P, c.in
	evalArgs := func(fr *frame, prefix Object) ([]Object, []Kwarg) {
		n := len(args)
		if prefix != nil {
			n++
		}
		av := make([]Object, 0, n)
		if prefix != nil {
			av = append(av, prefix)
		}
		for _, a := range args {
			av = append(av, a(fr))
		}
		var kv []Kwarg
		if len(kwVals) > 0 {
			kv = make([]Kwarg, len(kwVals))
			for i, k := range kwVals {
				kv[i] = Kwarg{kwNames[i], k(fr)}
			}
		}
		return av, kv
	}
	if fe, ok := e.Fn.(*lang.FieldExpr); ok {
		// A method call: no bound method object is made.
		recv, name, npos := c.expr(fe.X), fe.Name, fe.P
		recvText := "x"
		if id, ok := fe.X.(*lang.Ident); ok {
			recvText = id.Name
		}
		fieldCall := len(args) == 0 && len(kwVals) == 0 && isValueField(name)
		callText := name + "(" + argsText(e) + ")"
		return func(fr *frame) Object {
			r := recv(fr)
			if b, ok := r.(*Builtin); ok && in.lib.Builtins[name] != nil {
				// random.uniform(-1, 1): the function is a builtin of its own.
				fail(npos, "%s is a builtin function, not a module: mg has no modules; write %s", b.Name, callText)
			}
			if _, ok := r.(*autograd.Value); ok && fieldCall {
				// x.grad() is a Python habit: the field, not grad(L, x).
				fail(pos, "%s is a field of a Value, not a method: write %s.%s, without ()", name, recvText, name)
			}
			if m := in.method(r, name); m != nil {
				av, kv := evalArgs(fr, r)
				return callObject(th, m, av, kv, pos)
			}
			fn := getAttr(in, r, name, npos)
			if _, ok := r.(*autograd.Value); ok && !isCallable(fn) {
				fail(pos, "%s is a field of a Value, not a method: write %s.%s, without ()", name, recvText, name)
			}
			av, kv := evalArgs(fr, nil)
			return callObject(th, fn, av, kv, pos)
		}
	}
	fn := c.expr(e.Fn)
	return func(fr *frame) Object {
		f := fn(fr)
		av, kv := evalArgs(fr, nil)
		return callObject(th, f, av, kv, pos)
	}
}

// callObject calls fn, turning a returned error into a positioned one.
func callObject(th *Thread, fn Object, args []Object, kwargs []Kwarg, pos lang.Pos) Object {
	switch f := fn.(type) {
	case *Function:
		return callFunction(th, f, args, kwargs, pos)
	case Callable:
		th.depth++
		if th.depth > MaxDepth {
			fail(pos, "maximum recursion depth exceeded")
		}
		r, err := f.Call(th, args, kwargs)
		th.depth--
		if err != nil {
			failErr(pos, err)
		}
		if r == nil {
			return None
		}
		return r
	}
	fail(pos, "cannot call %s: it is not a function", article(fn.Type()))
	return nil
}
