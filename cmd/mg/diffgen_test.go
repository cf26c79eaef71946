package main

import (
	"math/rand"
	"strings"
)

// The program generator of the differential test against CPython
// (diff_test.go): random programs in the common subset of mg and Python,
// each built once as a tree of statements and written in both syntaxes.

// gfeatures switches parts of the language in and out of the generated
// programs; a feature that mg does not have yet stays off, so that the
// test checks everything else, and is switched on when mg gains it.
type gfeatures struct {
	intsStayInts bool // `let i = 0` binds an int, not a Value
	resetInner   bool // backward zeroes inner grads: backward twice, replay
	constPerUse  bool // a number next to a Value is a fresh leaf per evaluation
	bigInts      bool // ints beyond 2**53 and CPython's exact int/float rules
	trigBig      bool // sin and cos of arguments beyond 2**20
	powOpName    bool // a float exponent is named **2.0, as f'**{other}'
	pyNumbers    bool // round(int, n) stays an int; abs(bool)
	constAccum   bool // a constant's box accumulates over backward calls, as a leaf
	exactDouble  bool // a leaf gets its fresh gradient added once: backward twice doubles exactly
	negZeroInt   bool // `-0` is the int 0 next to a Value too, not the float -0.0
}

// gstmt is a simple statement (mg, py) or a compound one (clauses).
type gstmt struct {
	mg, py  string
	clauses []gclause
	keep    bool // a loop counter's step: never deleted when shrinking
}

// gclause is one head and body of a compound statement: `if c`, `else`,
// `for x in xs`, `fn f(a)`.
type gclause struct {
	mgHead, pyHead string
	body           []*gstmt
}

// gprog is one generated program.
type gprog struct {
	id    int
	stmts []*gstmt
}

type vkind int

const (
	kInt   vkind = iota // an int
	kNum                // a number, int or float
	kFloat              // a float
	kVal                // a Value
	kList               // a non-empty list of numbers
	kVList              // a non-empty list of Values
)

type gvar struct {
	name string
	k    vkind
	ro   bool // a loop variable or counter: read, never assigned
}

type gfn struct {
	name   string
	params []vkind
	ret    vkind
}

// ex is an expression in both syntaxes, and its kind.
type ex struct {
	mg, py string
	k      vkind
}

func same(s string, k vkind) ex { return ex{s, s, k} }

type gen struct {
	r        *rand.Rand
	f        gfeatures
	scopes   [][]gvar
	fns      []gfn
	names    int
	loops    int  // loop depth, for break and continue
	rep      int  // >0 where a statement can run more than once
	inFn     bool // in a function body: return is allowed
	backs    int  // backward calls written
	multi    bool // some backward may run twice on one graph, or a grad was set by hand
	straight bool // the program has no loop and no function
	budget   int  // statements left to write
}

func genProgram(seed int64, id int, f gfeatures) *gprog {
	r := rand.New(rand.NewSource(seed*1_000_003 + int64(id)))
	g := &gen{r: r, f: f, scopes: [][]gvar{nil}, straight: r.Intn(4) == 0, budget: 6 + r.Intn(18)}
	p := &gprog{id: id}
	for g.budget > 0 {
		p.stmts = append(p.stmts, g.stmt(0)...)
	}
	p.stmts = append(p.stmts, g.finale()...)
	return p
}

func (g *gen) pct(n int) bool { return g.r.Intn(100) < n }

func (g *gen) fresh(prefix string) string {
	g.names++
	return prefix + itoa(g.names)
}

func (g *gen) declare(name string, k vkind, ro bool) {
	g.scopes[len(g.scopes)-1] = append(g.scopes[len(g.scopes)-1], gvar{name, k, ro})
}

// vars lists the visible variables of kind k (kNum includes kInt); with
// rw, only those that may be assigned.
func (g *gen) vars(k vkind, rw bool) []gvar {
	var out []gvar
	for _, s := range g.scopes {
		for _, v := range s {
			if (v.k == k || k == kNum && (v.k == kInt || v.k == kFloat)) && !(rw && v.ro) {
				out = append(out, v)
			}
		}
	}
	return out
}

func (g *gen) pickVar(k vkind, rw bool) (gvar, bool) {
	vs := g.vars(k, rw)
	if len(vs) == 0 {
		return gvar{}, false
	}
	return vs[g.r.Intn(len(vs))], true
}

func (g *gen) push() { g.scopes = append(g.scopes, nil) }
func (g *gen) pop()  { g.scopes = g.scopes[:len(g.scopes)-1] }

// block writes the body of a compound statement in a new scope.
func (g *gen) block(depth, n int) []*gstmt {
	g.push()
	defer g.pop()
	var out []*gstmt
	for i := 0; i < n && (i == 0 || g.budget > 0); i++ {
		out = append(out, g.stmt(depth)...)
	}
	return out
}

func simple(mg, py string) *gstmt { return &gstmt{mg: mg, py: py} }

// stmt writes one statement (sometimes a few that belong together).
func (g *gen) stmt(depth int) []*gstmt {
	g.budget--
	for {
		switch c := g.r.Intn(100); {
		case c < 14:
			return g.letNum()
		case c < 30:
			return g.letVal(depth)
		case c < 35:
			return g.letList()
		case c < 45:
			if s := g.assign(); s != nil {
				return []*gstmt{s}
			}
		case c < 58:
			return []*gstmt{g.print()}
		case c < 64:
			if depth < 3 {
				return []*gstmt{g.ifStmt(depth)}
			}
		case c < 71:
			if depth < 2 && !g.straight {
				return g.forStmt(depth)
			}
		case c < 74:
			if depth < 2 && !g.straight {
				return g.whileStmt(depth)
			}
		case c < 78:
			if depth == 0 && !g.straight {
				return []*gstmt{g.fnDef()}
			}
		case c < 90:
			if s := g.graphStmt(); s != nil {
				return s
			}
		case c < 93:
			if g.loops > 0 && g.pct(40) {
				kw := []string{"break", "continue"}[g.r.Intn(2)]
				c := g.cond(1)
				return []*gstmt{{clauses: []gclause{{mgHead: "if " + c.mg, pyHead: "if " + c.py,
					body: []*gstmt{simple(kw, kw)}}}}}
			}
		case c < 97:
			if s := g.listOp(); s != nil {
				return []*gstmt{s}
			}
		default:
			if g.inFn {
				e := g.num(2)
				return []*gstmt{simple("return "+e.mg, "return "+e.py)}
			}
		}
	}
}

func (g *gen) letNum() []*gstmt {
	e := g.num(3)
	name := g.fresh("n")
	if e.k == kInt && !g.f.intsStayInts {
		e = g.floatLit()
	}
	if e.k == kNum { // int or float, known when it runs: make it a float
		e = call1("float", e, kFloat)
	}
	k := kVal // a named float is a leaf Value
	if e.k == kInt {
		k = kInt
	}
	return g.bind(name, e, k)
}

// bind writes `let name = e`, declaring name as k.
func (g *gen) bind(name string, e ex, k vkind) []*gstmt {
	s := simple("let "+name+" = "+e.mg, name+" = B("+e.py+", "+quote(name)+")")
	g.declare(name, k, false)
	return []*gstmt{s}
}

func (g *gen) letVal(depth int) []*gstmt {
	name := g.fresh("v")
	if g.pct(20) {
		lit := g.floatLit()
		if g.pct(30) {
			lit = g.smallInt()
		}
		lab := g.fresh("w")
		e := ex{"Value(" + lit.mg + `, label="` + lab + `")`, "Value(" + lit.py + `, label="` + lab + `")`, kVal}
		return g.bind(name, e, kVal)
	}
	return g.bind(name, g.val(2+g.r.Intn(2)), kVal)
}

func (g *gen) letList() []*gstmt {
	name := g.fresh("xs")
	n := 1 + g.r.Intn(4)
	var ms, ps []string
	k := kList
	if g.pct(40) && len(g.vars(kVal, false)) > 0 {
		k = kVList
	}
	if k == kList && g.pct(35) {
		e := g.comprehension()
		s := simple("let "+name+" = "+e.mg, name+" = "+e.py)
		g.declare(name, kList, false)
		return []*gstmt{s}
	}
	for i := 0; i < n; i++ {
		var e ex
		if k == kList {
			e = g.num(1)
		} else {
			e = g.val(1)
		}
		ms, ps = append(ms, e.mg), append(ps, e.py)
	}
	s := simple("let "+name+" = ["+strings.Join(ms, ", ")+"]", name+" = ["+strings.Join(ps, ", ")+"]")
	g.declare(name, k, false)
	return []*gstmt{s}
}

// assign rebinds a variable, sets a field or an element, or uses a
// compound assignment.
func (g *gen) assign() *gstmt {
	switch g.r.Intn(5) {
	case 0, 1:
		if v, ok := g.pickVar(kInt, true); ok && g.f.intsStayInts {
			e := g.intE(2)
			op := []string{"=", "+=", "-=", "*="}[g.r.Intn(4)]
			if op == "=" {
				return simple(v.name+" = "+e.mg, v.name+" = RB("+v.name+", "+e.py+", "+quote(v.name)+")")
			}
			return simple(v.name+" "+op+" "+e.mg, v.name+" = B("+v.name+" "+op[:1]+" ("+e.py+"), "+quote(v.name)+")")
		}
	case 2:
		if v, ok := g.pickVar(kVal, true); ok {
			var e ex
			if g.pct(50) {
				e = g.val(2)
			} else {
				e = g.floatLit()
			}
			op := []string{"=", "+=", "-=", "*=", "/="}[g.r.Intn(5)]
			if op == "=" {
				return simple(v.name+" = "+e.mg, v.name+" = RB("+v.name+", "+e.py+", "+quote(v.name)+")")
			}
			return simple(v.name+" "+op+" "+e.mg, v.name+" = B("+v.name+" "+op[:1]+" ("+e.py+"), "+quote(v.name)+")")
		}
	case 3:
		if v, ok := g.pickVar(kVal, false); ok {
			field := []string{"data", "data", "grad"}[g.r.Intn(3)]
			g.multi = true // the grad may be set, or data from a grad
			switch g.r.Intn(3) {
			case 0:
				return simple(v.name+"."+field+" -= 0.01 * "+v.name+".grad", v.name+"."+field+" -= 0.01 * "+v.name+".grad")
			case 1:
				e := g.num(2)
				return simple(v.name+"."+field+" = "+e.mg, v.name+"."+field+" = "+e.py)
			default:
				lab := g.fresh("lab")
				return simple(v.name+`.label = "`+lab+`"`, v.name+`.label = "`+lab+`"`)
			}
		}
	default:
		if v, ok := g.pickVar(kList, false); ok {
			e := g.num(2)
			idx := []string{"0", "-1"}[g.r.Intn(2)]
			return simple(v.name+"["+idx+"] = "+e.mg, v.name+"["+idx+"] = "+e.py)
		}
	}
	return nil
}

func (g *gen) listOp() *gstmt {
	if v, ok := g.pickVar(kList, false); ok && g.rep == 0 {
		e := g.num(1)
		if g.pct(50) {
			return simple(v.name+".append("+e.mg+")", v.name+".append("+e.py+")")
		}
		return simple("append("+v.name+", "+e.mg+")", v.name+".append("+e.py+")")
	}
	return nil
}

func quote(s string) string { return `"` + s + `"` }

func itoa(n int) string {
	if n < 0 {
		return "-" + itoa(-n)
	}
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
