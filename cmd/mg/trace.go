package main

import (
	"errors"
	"strings"

	"github.com/mglang/mg/eval"
	"github.com/mglang/mg/lang"
)

// evalArg evaluates the expression argument of a command (:dot, :trace)
// in the session. The expression is padded to its column so that
// positions in errors are those of the line as typed.
func (s *session) evalArg(c cmdLine, expr string, fail failFunc) (eval.Object, bool) {
	cmd := c.name
	f, err := lang.ParseFrom(s.name, strings.Repeat(" ", c.argCol-1)+expr, c.line)
	if err != nil {
		s.fail(err)
		return nil, false
	}
	if len(f.Stmts) != 1 {
		return nil, fail(c.argCol, "%s needs one expression, as in %s L", cmd, cmd)
	}
	if _, ok := f.Stmts[0].(*lang.ExprStmt); !ok {
		return nil, fail(c.argCol, "%s needs an expression, not a statement", cmd)
	}
	var v eval.Object = eval.None
	if err := s.run(f.Stmts, func(o eval.Object) { v = o }); err != nil {
		s.fail(err)
		return nil, false
	}
	return v, true
}

// trace runs `:trace EXPR`: backward(EXPR, trace=true), which prints each
// step of the chain rule.
func (s *session) trace(c cmdLine, fail failFunc) bool {
	if c.arg == "" {
		return fail(c.argCol, ":trace needs an expression: :trace L")
	}
	v, ok := s.evalArg(c, c.arg, fail)
	if !ok {
		return false
	}
	b, ok := s.in.Library().Builtins["backward"].(*eval.Builtin)
	if !ok {
		return fail(c.col, "no backward builtin in this library")
	}
	s.out.Flush()
	th := s.in.Thread()
	_, err := b.Call(th, []eval.Object{v}, []eval.Kwarg{{Name: "trace", Value: eval.Bool(true)}})
	if err != nil {
		var ee *eval.Error
		if errors.As(err, &ee) && ee.Pos.IsValid() {
			s.fail(err)
			return false
		}
		return fail(c.argCol, "%s", strings.TrimPrefix(err.Error(), ": "))
	}
	return true
}
