package lang

import "github.com/alecthomas/participle/v2/lexer"

// Lowering turns the participle structs of grammar.go into the syntax tree
// of ast.go. Expressions are already tree nodes (the climber builds them),
// and every check was made while parsing, so lowering cannot fail.

func lowerStmts(ns []*stmtNode) []Stmt {
	out := make([]Stmt, 0, len(ns))
	for _, n := range ns {
		out = append(out, lowerStmt(n))
	}
	return out
}

func lowerStmt(n *stmtNode) Stmt {
	switch {
	case n.Simple != nil:
		return n.Simple.S
	case n.Let != nil:
		h, xs := n.Let.Head, n.Let.Value.Xs
		s := &LetStmt{P: toPos(h.KW), Name: nameIdent(h.Pos, h.Name), Value: xs[0], Names: h.Names}
		if len(xs) > 1 {
			s.Values = xs
		}
		return s
	case n.If != nil:
		return lowerIf(n.If)
	case n.For != nil:
		f := n.For
		return &ForStmt{P: toPos(f.Vars.KW), Vars: f.Vars.Vars, Iter: f.Iter.X, Body: lowerBlock(f.Body)}
	case n.Return != nil:
		return &ReturnStmt{P: toPos(n.Return.KW.Pos), Value: n.Return.X}
	case n.Fn != nil:
		f := n.Fn
		return &FnStmt{P: toPos(f.Name.KW), Name: nameIdent(f.Name.Pos, f.Name.Name), Func: lowerFunc(f.Name.KW, &f.Func)}
	case n.While != nil:
		w := n.While
		return &WhileStmt{P: toPos(w.Cond.KW), Cond: w.Cond.X, Body: lowerBlock(w.Body)}
	case n.Break != nil:
		return &BreakStmt{P: toPos(n.Break.KW.Pos)}
	}
	return &ContinueStmt{P: toPos(n.Cont.KW.Pos)}
}

func lowerIf(n *ifNode) *IfStmt {
	s := &IfStmt{P: toPos(n.Cond.KW), Cond: n.Cond.X, Then: lowerBlock(n.Then)}
	switch e := n.Else; {
	case e == nil:
	case e.If != nil:
		s.Else = lowerIf(e.If)
	default:
		s.Else = lowerBlock(e.Block)
	}
	return s
}

// lowerFunc makes the function that starts with `fn` at fn.
func lowerFunc(fn lexer.Position, f *funcNode) *FuncLit {
	return &FuncLit{P: toPos(fn), Params: f.Params.Params, Body: lowerBlock(f.Body)}
}

func lowerBlock(b *blockNode) *Block {
	return &Block{P: toPos(b.Pos), Stmts: lowerStmts(b.Stmts), End: toPos(b.Close.Pos)}
}

func nameIdent(p lexer.Position, name string) *Ident { return &Ident{P: toPos(p), Name: name} }
