package lang

// Node is any syntax tree node; Pos is where it starts (for a binary
// expression, the operator; for a call, the opening parenthesis).
type Node interface{ Pos() Pos }

// Stmt is a statement. The set is sealed: only this package makes them.
type Stmt interface {
	Node
	stmt()
}

// Expr is an expression. The set is sealed: only this package makes them.
type Expr interface {
	Node
	expr()
}

// File is a parsed source: a list of top-level statements.
type File struct {
	Name  string
	Stmts []Stmt
}

// Block is a braced statement list; it opens a scope.
type Block struct {
	P     Pos
	Stmts []Stmt
	End   Pos // the closing brace
}

// LetStmt is `let Name = Value`, or with several names
// `let a, b = Value` (Value's items unpacked) or `let a, b = x, y`.
type LetStmt struct {
	P     Pos // the `let` keyword
	Name  *Ident
	Value Expr
	// Names holds every name when there are several (Name is the first).
	Names []*Ident
	// Values holds the right side's expressions when it is a comma list
	// (Value is then the first).
	Values []Expr
}

// AssignStmt is `Target Op Value` with Op one of = += -= *= /=.
// Target is an *Ident, *FieldExpr or *IndexExpr.
type AssignStmt struct {
	P      Pos // the operator
	Op     string
	Target Expr
	Value  Expr
}

// ExprStmt is an expression used as a statement.
type ExprStmt struct {
	X Expr
}

// FnStmt is `fn Name(params) { body }`.
type FnStmt struct {
	P    Pos // the `fn` keyword
	Name *Ident
	Func *FuncLit
}

// ReturnStmt is `return` or `return Value` (Value nil when absent).
type ReturnStmt struct {
	P     Pos
	Value Expr
}

// IfStmt is `if Cond Then else Else`; Else is nil, a *Block or an *IfStmt.
type IfStmt struct {
	P    Pos
	Cond Expr
	Then *Block
	Else Stmt
}

// WhileStmt is `while Cond Body`.
type WhileStmt struct {
	P    Pos
	Cond Expr
	Body *Block
}

// ForStmt is `for Vars in Iter Body`; several Vars unpack each item.
type ForStmt struct {
	P    Pos
	Vars []*Ident
	Iter Expr
	Body *Block
}

// BreakStmt is `break`.
type BreakStmt struct{ P Pos }

// ContinueStmt is `continue`.
type ContinueStmt struct{ P Pos }

// Ident is a name.
type Ident struct {
	P    Pos
	Name string
}

// IntLit is an integer literal (int64).
type IntLit struct {
	P     Pos
	Value int64
}

// FloatLit is a floating-point literal.
type FloatLit struct {
	P     Pos
	Value float64
}

// StringLit is a string literal, escapes already decoded.
type StringLit struct {
	P     Pos
	Value string
}

// BoolLit is `true` or `false`.
type BoolLit struct {
	P     Pos
	Value bool
}

// NoneLit is `none`.
type NoneLit struct{ P Pos }

// ListLit is `[a, b, ...]`.
type ListLit struct {
	P     Pos
	Elems []Expr
}

// CompClause is one `for Vars in Iter if Cond...` part of a comprehension.
type CompClause struct {
	P     Pos // the `for` keyword
	Vars  []*Ident
	Iter  Expr
	Conds []Expr
}

// ListComp is `[Elem for ... in ... if ...]`, with one or more clauses.
// Gen marks Python's generator form `(Elem for ...)`, which mg evaluates
// eagerly, as the list.
type ListComp struct {
	P       Pos
	Elem    Expr
	Clauses []*CompClause
	Gen     bool
}

// UnaryExpr is `Op X` with Op one of - + not.
type UnaryExpr struct {
	P  Pos
	Op string
	X  Expr
}

// BinaryExpr is `X Op Y`; Op is one of
// or and == != < <= > >= + - * / // % **.
type BinaryExpr struct {
	P    Pos // the operator
	Op   string
	X, Y Expr
}

// CondExpr is `Then if Cond else Else`.
type CondExpr struct {
	P    Pos // the `if` keyword
	Then Expr
	Cond Expr
	Else Expr
}

// SliceExpr is `X[Lo:Hi:Step]`; each bound is nil when left out.
type SliceExpr struct {
	P            Pos // the opening bracket
	X            Expr
	Lo, Hi, Step Expr
}

// FStringExpr is an f-string: literal text and replacement fields.
type FStringExpr struct {
	P     Pos
	Parts []*FStringPart
}

// FStringPart is literal text (X nil) or a field {X!Conv:Spec}. Conv is
// 0, 'r' or 's'; Debug is the field's source with its "=" for `{x=}`,
// which shows the text before the value.
type FStringPart struct {
	Lit   string
	X     Expr
	Conv  byte
	Spec  string
	Debug string
}

// Kwarg is `Name=Value` in a call.
type Kwarg struct {
	P     Pos
	Name  string
	Value Expr
}

// CallExpr is `Fn(Args..., Kwargs...)`.
type CallExpr struct {
	P      Pos // the opening parenthesis
	Fn     Expr
	Args   []Expr
	Kwargs []*Kwarg
}

// IndexExpr is `X[Index]`.
type IndexExpr struct {
	P     Pos // the opening bracket
	X     Expr
	Index Expr
}

// FieldExpr is `X.Name` (a field, or a method when called).
type FieldExpr struct {
	P    Pos // the name after the dot
	X    Expr
	Name string
}

// Param is a function parameter, with an optional default value.
type Param struct {
	Name    *Ident
	Default Expr
}

// FuncLit is a function: `fn (params) { body }` (named by FnStmt).
type FuncLit struct {
	P      Pos
	Params []*Param
	Body   *Block
}

// Pos is where the first statement starts (line 1 of an empty file), so
// that a *File is a Node too.
func (f *File) Pos() Pos {
	if len(f.Stmts) > 0 {
		return f.Stmts[0].Pos()
	}
	return Pos{File: f.Name, Line: 1, Col: 1}
}

func (n *Block) Pos() Pos        { return n.P }
func (n *LetStmt) Pos() Pos      { return n.P }
func (n *AssignStmt) Pos() Pos   { return n.P }
func (n *ExprStmt) Pos() Pos     { return n.X.Pos() }
func (n *FnStmt) Pos() Pos       { return n.P }
func (n *ReturnStmt) Pos() Pos   { return n.P }
func (n *IfStmt) Pos() Pos       { return n.P }
func (n *WhileStmt) Pos() Pos    { return n.P }
func (n *ForStmt) Pos() Pos      { return n.P }
func (n *BreakStmt) Pos() Pos    { return n.P }
func (n *ContinueStmt) Pos() Pos { return n.P }
func (n *Ident) Pos() Pos        { return n.P }
func (n *IntLit) Pos() Pos       { return n.P }
func (n *FloatLit) Pos() Pos     { return n.P }
func (n *StringLit) Pos() Pos    { return n.P }
func (n *BoolLit) Pos() Pos      { return n.P }
func (n *NoneLit) Pos() Pos      { return n.P }
func (n *ListLit) Pos() Pos      { return n.P }
func (n *CompClause) Pos() Pos   { return n.P }
func (n *ListComp) Pos() Pos     { return n.P }
func (n *UnaryExpr) Pos() Pos    { return n.P }
func (n *BinaryExpr) Pos() Pos   { return n.P }
func (n *Kwarg) Pos() Pos        { return n.P }
func (n *CallExpr) Pos() Pos     { return n.P }
func (n *IndexExpr) Pos() Pos    { return n.P }
func (n *FieldExpr) Pos() Pos    { return n.P }
func (n *CondExpr) Pos() Pos     { return n.P }
func (n *SliceExpr) Pos() Pos    { return n.P }
func (n *FStringExpr) Pos() Pos  { return n.P }
func (n *FuncLit) Pos() Pos      { return n.P }

func (*Block) stmt()        {}
func (*LetStmt) stmt()      {}
func (*AssignStmt) stmt()   {}
func (*ExprStmt) stmt()     {}
func (*FnStmt) stmt()       {}
func (*ReturnStmt) stmt()   {}
func (*IfStmt) stmt()       {}
func (*WhileStmt) stmt()    {}
func (*ForStmt) stmt()      {}
func (*BreakStmt) stmt()    {}
func (*ContinueStmt) stmt() {}

func (*Ident) expr()       {}
func (*IntLit) expr()      {}
func (*FloatLit) expr()    {}
func (*StringLit) expr()   {}
func (*BoolLit) expr()     {}
func (*NoneLit) expr()     {}
func (*ListLit) expr()     {}
func (*ListComp) expr()    {}
func (*UnaryExpr) expr()   {}
func (*BinaryExpr) expr()  {}
func (*CallExpr) expr()    {}
func (*IndexExpr) expr()   {}
func (*FieldExpr) expr()   {}
func (*CondExpr) expr()    {}
func (*SliceExpr) expr()   {}
func (*FStringExpr) expr() {}
func (*FuncLit) expr()     {}
