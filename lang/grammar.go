package lang

import (
	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// The grammar, in EBNF. Sep is a statement separator: ";" or a newline
// that the filter (filter.go) kept: outside ( ) and [ ], after a token that
// can end a statement, and not before `else`.
//
//	File       = { Stmt } EOF .
//	Stmt       = ( Simple | Let | If | For | Return | Fn | While | "break" | "continue" )
//	             ( Sep | &"}" | &EOF ) .
//	Simple     = Expr [ ( "=" | "+=" | "-=" | "*=" | "/=" ) Expr ] .
//	Let        = "let" Ident { "," Ident } "=" Expr { "," Expr } .
//	If         = "if" Expr Block [ "else" ( If | Block ) ] .
//	For        = "for" Ident { "," Ident } "in" Expr Block .
//	Return     = "return" [ Expr ] .
//	Fn         = "fn" Ident Func .
//	While      = "while" Expr Block .
//	Func       = "(" [ Param { "," Param } [ "," ] ] ")" Block .
//	Param      = Ident [ "=" Expr ] .
//	Block      = "{" { Stmt } "}" .
//
//	Expr       = Or [ "if" Or "else" Expr ] .
//	Or         = And { "or" And } .
//	And        = Not { "and" Not } .
//	Not        = "not" Not | Comparison .
//	Comparison = Sum [ ( "==" | "!=" | "<" | "<=" | ">" | ">=" ) Sum ] .
//	Sum        = Term { ( "+" | "-" ) Term } .
//	Term       = Unary { ( "*" | "/" | "//" | "%" ) Unary } .
//	Unary      = ( "-" | "+" ) Unary | Power .
//	Power      = Postfix [ "**" Unary ] .
//	Postfix    = Primary { Args | "[" Expr "]" | Slice | "." Ident } .
//	Slice      = "[" [ Expr ] ":" [ Expr ] [ ":" [ Expr ] ] "]" .
//	Args       = "(" [ Arg { "," Arg } [ "," ] ] ")" .
//	Arg        = [ Ident "=" ] Expr .
//	Primary    = Ident | Int | Float | String | FString | "true" | "false" | "none"
//	           | "(" Expr ")" | List | "fn" Func .
//	List       = "[" [ Expr ( CompFor { CompFor } | { "," Expr } [ "," ] ) ] "]" .
//	CompFor    = "for" Ident { "," Ident } "in" Or { "if" Or } .
//
// Besides the grammar: keyword arguments come after positional ones and are
// not repeated; parameters with defaults come last and are not repeated;
// the target of an assignment is a name, a field or an index; comparisons
// do not chain (`a < b < c` is an error: Python would chain it, and reading
// it as (a < b) < c would silently differ). Nesting is bounded by
// MaxNesting.
//
// The statements are the participle structs below. The rest are Parseable
// types: expressions by precedence climbing (climb.go), which was measured
// twice as fast as one struct per precedence level and words its own
// errors; simple statements, parameter lists and the guards that make sure
// of the token a committed statement needs next (guard.go).

// fileNode is a whole source, or a chunk of top-level statements of it.
type fileNode struct {
	Stmts []*stmtNode `parser:"@@*"`
	End   fileEnd     `parser:"@@"`
}

// stmtNode is one statement. The keyword of each form stands outside its
// struct, so that trying a form that does not match costs no allocation;
// the most frequent forms come first. Each form ends with a guard that
// takes the separator after it, or sees the "}" or the end that ends it.
type stmtNode struct {
	Simple *simpleStmt `parser:"(  @@"`
	Let    *letNode    `parser:" | \"let\" @@"`
	If     *ifNode     `parser:" | \"if\" @@"`
	IfEnd  stmtEnd     `parser:"     @@"`
	For    *forNode    `parser:" | \"for\" @@"`
	Return *wordStmt   `parser:" | \"return\" @@"`
	Fn     *fnNode     `parser:" | \"fn\" @@"`
	While  *whileNode  `parser:" | \"while\" @@"`
	Break  *wordStmt   `parser:" | \"break\" @@"`
	Cont   *wordStmt   `parser:" | \"continue\" @@ )"`
}

type letNode struct {
	Head  letHead  `parser:"@@"`
	Value letValue `parser:"\"=\" @@"`
}

// ifNode has no stmtEnd of its own, as it is also the `if` of `else if`.
type ifNode struct {
	Cond cond[condOpen] `parser:"@@"`
	Then *blockNode     `parser:"@@"`
	Else *elseNode      `parser:"( \"else\" @@ )?"`
}

type elseNode struct {
	Check elseCheck  `parser:"@@"`
	If    *ifNode    `parser:"(  \"if\" @@"`
	Block *blockNode `parser:" | @@ )"`
}

type whileNode struct {
	Cond cond[condOpen] `parser:"@@"`
	Body *blockNode     `parser:"@@"`
	End  stmtEnd        `parser:"@@"`
}

type forNode struct {
	Vars forVars        `parser:"@@"`
	Iter cond[loopOpen] `parser:"\"in\" @@"`
	Body *blockNode     `parser:"@@"`
	End  stmtEnd        `parser:"@@"`
}

type fnNode struct {
	Name fnName   `parser:"@@"`
	Func funcNode `parser:"@@"`
	End  stmtEnd  `parser:"@@"`
}

// funcNode is the part of a function after `fn` or its name.
type funcNode struct {
	Params paramList  `parser:"@@"`
	Body   *blockNode `parser:"@@"`
}

// blockNode is a braced statement list. The guard before it has made sure
// of the "{".
//
// The lookahead for "}" saves trying every statement form at the end of
// each block.
type blockNode struct {
	Pos   lexer.Position
	Stmts []*stmtNode `parser:"\"{\" ( (?! \"}\" ) @@ )*"`
	Close blockClose  `parser:"@@"`
}

var (
	fileParser = participle.MustBuild[fileNode](participle.Lexer(tokenDef{}))
	funcParser = mustProduction[funcNode](fileParser)
)

func mustProduction[P any](g *participle.Parser[fileNode]) *participle.Parser[P] {
	p, err := participle.ParserForProduction[P](g)
	if err != nil {
		panic(err)
	}
	return p
}
