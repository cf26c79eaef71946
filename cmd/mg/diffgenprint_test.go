package main

import (
	"fmt"
	"strings"
)

// What the differential test's generated programs print, and the list
// comprehensions they build.

func (g *gen) print() *gstmt {
	n := 1 + g.r.Intn(3)
	var ms, ps []string
	for i := 0; i < n; i++ {
		e := g.printable()
		ms, ps = append(ms, e.mg), append(ps, e.py)
	}
	return simple("print("+strings.Join(ms, ", ")+")", "P("+strings.Join(ps, ", ")+")")
}

func (g *gen) printable() ex {
	switch c := g.r.Intn(100); {
	case c < 40:
		return g.num(3)
	case c < 55:
		if v, ok := g.pickVar(kVal, false); ok {
			field := []string{"", ".data", ".grad", ".op", ".label"}[g.r.Intn(5)]
			return same(v.name+field, kNum)
		}
	case c < 65:
		return g.val(2)
	case c < 75:
		if v, ok := g.pickVar(kList, false); ok {
			return same(v.name, kList)
		}
		if v, ok := g.pickVar(kVList, false); ok {
			return same(v.name, kVList)
		}
	case c < 84:
		return g.cond(2)
	case c < 92:
		return g.fstring()
	case c < 96:
		if v, ok := g.pickVar(kList, false); ok {
			sl := []string{"[1:3]", "[::-1]", "[-2:]", "[:1]", "[::2]", "[1:]", "[:-1]"}[g.r.Intn(7)]
			return same(v.name+sl, kList)
		}
	}
	return g.num(2)
}

// fstring formats one or two numbers with Python's format specs.
func (g *gen) fstring() ex {
	var mg, py strings.Builder
	mg.WriteString(`f"`)
	py.WriteString(`f"`)
	for i := 0; i < 1+g.r.Intn(2); i++ {
		e := g.num(2)
		specs := []string{":.4f", ":.2e", ":g", ":.3g", "", "!r", ":10.3f", ":+.2f", ":.0f", ":.2%", ":,.2f",
			":e", ":.10g", ":.17g", ":<8.2f", ":^9.1f", ":>10.4e", ":012.4f"}
		if e.k == kInt {
			specs = append(specs, ":d", ":5d", ":+d", ":,d", ":x", ":o", ":b", ":08d")
		}
		spec := specs[g.r.Intn(len(specs))]
		fmt.Fprintf(&mg, "x%d={%s%s} ", i, e.mg, spec)
		fmt.Fprintf(&py, "x%d={%s%s} ", i, e.py, spec)
	}
	mg.WriteString(`|"`)
	py.WriteString(`|"`)
	return ex{mg.String(), py.String(), kNum}
}

// comprehension is a list comprehension that is never empty: over a
// range, a list, or two lists zipped, filtered only by a test that the
// first item passes too.
func (g *gen) comprehension() ex {
	g.push()
	defer g.pop()
	x, y := g.fresh("c"), g.fresh("c")
	var src ex
	names := x
	a, okA := g.pickVar(kList, false)
	b, okB := g.pickVar(kList, false)
	switch {
	case okA && okB && g.pct(40):
		src, names = same("zip("+a.name+", "+b.name+")", kList), x+", "+y
		g.declare(x, kNum, true)
		g.declare(y, kNum, true)
	case okA && g.pct(40):
		src = same("enumerate("+a.name+")", kList)
		names = x + ", " + y
		g.declare(x, kInt, true)
		g.declare(y, kNum, true)
	case okA && g.pct(50):
		src = same(a.name, kList)
		g.declare(x, kNum, true)
	default:
		src = same("range(1, "+itoa(2+g.r.Intn(5))+")", kList)
		g.declare(x, kInt, true)
	}
	e := g.num(2)
	cond, pcond := "", ""
	if g.pct(25) {
		c := g.cond(1)
		cond, pcond = " if ("+x+" == "+x+" or "+c.mg+")", " if ("+x+" == "+x+" or "+c.py+")"
	}
	return ex{"[" + e.mg + " for " + names + " in " + src.mg + cond + "]", "[" + e.py + " for " + names + " in " + src.py + pcond + "]", kList}
}
