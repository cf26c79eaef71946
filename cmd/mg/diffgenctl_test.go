package main

import "strings"

// Control flow, functions and the graph statements of the differential
// test's generator.

func (g *gen) ifStmt(depth int) *gstmt {
	c := g.cond(2)
	s := &gstmt{clauses: []gclause{{mgHead: "if " + c.mg, pyHead: "if " + c.py, body: g.block(depth+1, 1+g.r.Intn(3))}}}
	for g.pct(30) {
		c := g.cond(2)
		s.clauses = append(s.clauses, gclause{mgHead: "else if " + c.mg, pyHead: "elif " + c.py, body: g.block(depth+1, 1+g.r.Intn(2))})
	}
	if g.pct(50) {
		s.clauses = append(s.clauses, gclause{mgHead: "else", pyHead: "else", body: g.block(depth+1, 1+g.r.Intn(2))})
	}
	return s
}

// loopBody writes a loop's body, declaring its variables first.
func (g *gen) loopBody(depth int, vars []gvar, pre []*gstmt) []*gstmt {
	g.push()
	defer g.pop()
	for _, v := range vars {
		g.declare(v.name, v.k, true)
	}
	g.loops++
	g.rep++
	defer func() { g.loops--; g.rep-- }()
	body := pre
	for i, n := 0, 1+g.r.Intn(4); i < n && (i == 0 || g.budget > 0); i++ {
		body = append(body, g.stmt(depth+1)...)
	}
	return body
}

func (g *gen) forStmt(depth int) []*gstmt {
	name := g.fresh("i")
	var iter ex
	k := kInt
	switch g.r.Intn(6) {
	case 0:
		iter = same("range("+itoa(g.r.Intn(5))+")", kList)
	case 1:
		a := g.r.Intn(7) - 3
		iter = same("range("+itoa(a)+", "+itoa(a+g.r.Intn(5))+")", kList)
	case 2:
		a := g.r.Intn(9) - 4
		step := []int{-2, -1, 2, 3}[g.r.Intn(4)]
		iter = same("range("+itoa(a)+", "+itoa(a+step*g.r.Intn(4))+", "+itoa(step)+")", kList)
	case 3:
		if v, ok := g.pickVar(kList, false); ok {
			iter, k = same(v.name, kList), kNum
			if g.pct(50) {
				iter = same("range(len("+v.name+"))", kList)
				k = kInt
			}
			break
		}
		fallthrough
	case 4:
		var ms, ps []string
		for i := 0; i < 1+g.r.Intn(4); i++ {
			e := g.numLeaf()
			ms, ps = append(ms, e.mg), append(ps, e.py)
		}
		iter, k = ex{"[" + strings.Join(ms, ", ") + "]", "[" + strings.Join(ps, ", ") + "]", kList}, kNum
	default:
		if v, ok := g.pickVar(kVList, false); ok {
			iter, k = same(v.name, kVList), kVal
			break
		}
		iter = same("range(3)", kList)
	}
	body := g.loopBody(depth, []gvar{{name: name, k: k}}, nil)
	return []*gstmt{{clauses: []gclause{{mgHead: "for " + name + " in " + iter.mg, pyHead: "for " + name + " in " + iter.py, body: body}}}}
}

// whileStmt counts with an int, or, while a named int would be a Value,
// with the first element of a list.
func (g *gen) whileStmt(depth int) []*gstmt {
	name := g.fresh("k")
	limit := itoa(1 + g.r.Intn(4))
	var decl, inc *gstmt
	cnt := name
	if g.f.intsStayInts {
		decl = simple("let "+name+" = 0", name+" = B(0, "+quote(name)+")")
		inc = simple(name+" += 1", name+" = B("+name+" + 1, "+quote(name)+")")
	} else {
		decl = simple("let "+name+" = [0]", name+" = [0]")
		cnt = name + "[0]"
		inc = simple(cnt+" = "+cnt+" + 1", cnt+" = "+cnt+" + 1")
	}
	inc.keep = true
	g.declare(name, kInt, true)
	if !g.f.intsStayInts {
		g.scopes[len(g.scopes)-1] = g.scopes[len(g.scopes)-1][:len(g.scopes[len(g.scopes)-1])-1]
	}
	body := g.loopBody(depth, nil, []*gstmt{inc})
	return []*gstmt{decl, {clauses: []gclause{{mgHead: "while " + cnt + " < " + limit, pyHead: "while " + cnt + " < " + limit, body: body}}}}
}

// fnDef defines a function of numbers and Values; it sees its parameters
// and the functions defined before it, nothing else.
func (g *gen) fnDef() *gstmt {
	f := gfn{name: g.fresh("f")}
	for i := 0; i < 1+g.r.Intn(3); i++ {
		f.params = append(f.params, []vkind{kNum, kVal, kVal}[g.r.Intn(3)])
	}
	f.ret = []vkind{kNum, kVal}[g.r.Intn(2)]
	saved := g.scopes
	g.scopes = [][]gvar{nil}
	var ps []string
	for i, k := range f.params {
		p := "p" + itoa(i)
		ps = append(ps, p)
		g.declare(p, k, false)
	}
	g.inFn, g.rep = true, g.rep+1
	var body []*gstmt
	for i, n := 0, 1+g.r.Intn(4); i < n; i++ {
		body = append(body, g.stmt(1)...)
	}
	var r ex
	if f.ret == kVal {
		r = g.val(2)
	} else {
		r = g.num(2)
	}
	body = append(body, simple("return "+r.mg, "return "+r.py))
	g.inFn, g.rep = false, g.rep-1
	g.scopes = saved
	g.fns = append(g.fns, f)
	head := f.name + "(" + strings.Join(ps, ", ") + ")"
	return &gstmt{clauses: []gclause{{mgHead: "fn " + head, pyHead: "def " + head, body: body}}}
}

// call calls a defined function that returns k, or gives ok false.
func (g *gen) call(k vkind, d int) (ex, bool) {
	var fs []gfn
	for _, f := range g.fns {
		if f.ret == k {
			fs = append(fs, f)
		}
	}
	if len(fs) == 0 || g.inFn {
		return ex{}, false
	}
	f := fs[g.r.Intn(len(fs))]
	var ms, ps []string
	for _, pk := range f.params {
		var a ex
		if pk == kVal {
			a = g.val(d - 1)
		} else {
			a = g.num(d - 1)
		}
		ms, ps = append(ms, a.mg), append(ps, a.py)
	}
	return ex{f.name + "(" + strings.Join(ms, ", ") + ")", f.name + "(" + strings.Join(ps, ", ") + ")", k}, true
}

// graphStmt is backward, backward twice, a replay with forward,
// zero_grad, or the boxes of dot.
func (g *gen) graphStmt() []*gstmt {
	v, ok := g.pickVar(kVal, false)
	if !ok {
		return nil
	}
	L := v.name
	onceOnly := !g.f.resetInner && (g.backs > 0 || g.rep > 0)
	switch c := g.r.Intn(100); {
	case c < 35:
		if onceOnly {
			return nil
		}
		g.backs++
		g.multi = g.multi || g.backs > 1 || g.rep > 0
		s := []*gstmt{g.backward(L)}
		if g.f.resetInner && g.pct(25) {
			s = append(s, g.backward(L))
			g.multi = true
		}
		return append(s, g.printGrads(L))
	case c < 50:
		if !g.f.resetInner {
			return nil
		}
		// replay: new leaf data, forward, zero the Values, backward again
		w, _ := g.pickVar(kVal, false)
		e := g.floatLit()
		vals := g.vars(kVal, false)
		var names []string
		for _, x := range vals {
			names = append(names, x.name)
		}
		zl := "[" + strings.Join(names, ", ") + "]"
		g.backs++
		g.multi = true
		return []*gstmt{
			simple(w.name+".data = "+e.mg, w.name+".data = "+e.py),
			simple("forward("+L+")", "forward("+L+")"),
			simple("zero_grad("+zl+")", "zero_grad("+zl+")"),
			g.backward(L),
			simple("print("+L+".data, "+L+")", "P("+L+".data, "+L+")"),
			g.printGrads(L),
		}
	case c < 65:
		if g.pct(50) {
			vals := g.vars(kVal, false)
			var names []string
			for _, x := range vals {
				names = append(names, x.name)
			}
			zl := "[" + strings.Join(names, ", ") + "]"
			g.multi = true
			return []*gstmt{simple("zero_grad("+zl+")", "zero_grad("+zl+")")}
		}
		g.multi = true
		return []*gstmt{simple(L+".zero_grad()", L+".zero_grad()")}
	case c < 75:
		return []*gstmt{simple("forward("+L+")", "forward("+L+")"), simple("print("+L+".data)", "P("+L+".data)")}
	default:
		if !g.f.constPerUse && (!g.straight || g.rep > 0) || !g.f.constAccum && (g.multi || g.rep > 0) {
			return nil
		}
		return []*gstmt{simple("print(dot("+L+"))", "DOT("+L+")")}
	}
}

func (g *gen) backward(L string) *gstmt {
	if g.pct(50) {
		return simple(L+".backward()", L+".backward()")
	}
	return simple("backward("+L+")", "backward("+L+")")
}

// printGrads prints the grad of some Values in scope.
func (g *gen) printGrads(L string) *gstmt {
	args := []string{L + ".grad"}
	vals := g.vars(kVal, false)
	for i := 0; i < 3 && len(vals) > 0; i++ {
		args = append(args, vals[g.r.Intn(len(vals))].name+".grad")
	}
	return simple("print("+strings.Join(args, ", ")+")", "P("+strings.Join(args, ", ")+")")
}

// finale prints every Value and int in scope at the end, so that what a
// program computed is seen even when it printed little.
func (g *gen) finale() []*gstmt {
	var args []string
	for _, v := range g.scopes[0] {
		if v.k == kVal || v.k == kInt || v.k == kList {
			args = append(args, v.name)
		}
	}
	var out []*gstmt
	for len(args) > 0 {
		n := min(len(args), 4)
		j := strings.Join(args[:n], ", ")
		out = append(out, simple("print("+j+")", "P("+j+")"))
		args = args[n:]
	}
	return out
}
