package stdlib

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/mglang/mg/autograd"
	"github.com/mglang/mg/eval"
)

func numgradBuiltin(th *eval.Thread, args []eval.Object, kw []eval.Kwarg) (eval.Object, error) {
	var x *autograd.Value
	h := 1e-6
	l, err := root("numgrad", args, kw, "x", &x, "h?", &h)
	if err != nil {
		return nil, err
	}
	if !(h > 0) || math.IsInf(h, 1) {
		return nil, fmt.Errorf("numgrad(): h must be positive, not %s", autograd.FormatFloat(h))
	}
	if !x.IsLeaf() {
		return nil, fmt.Errorf("numgrad(): x must be a leaf (a Value made from a number), not the result of %s", x.OpName())
	}
	if !inGraph(l, x) {
		return nil, fmt.Errorf("numgrad(): %s is not in L's graph: L does not depend on it", leafName(x))
	}
	g, err := numgrad(th, "numgrad", l, x, h)
	return eval.Float(g), err
}

// numgrad is autograd.NumGrad with an error that says when the step h
// took x out of some op's domain (log of x-h <= 0, say).
func numgrad(th *eval.Thread, fname string, l, x *autograd.Value, h float64) (float64, error) {
	g, err := autograd.NumGrad(l, x, h, th.Check)
	var ne *autograd.NumError
	if errors.As(err, &ne) {
		return 0, fmt.Errorf("%s(): the step h = %s moved %s out of an op's domain (%v); try a smaller h",
			fname, autograd.FormatFloat(h), leafName(x), ne)
	}
	return g, err
}

func inGraph(l, x *autograd.Value) bool {
	for _, v := range autograd.Leaves(l) {
		if v == x {
			return true
		}
	}
	return false
}

func leafName(x *autograd.Value) string {
	if x.Label() != "" {
		return x.Label()
	}
	return "unlabeled " + autograd.FormatFloat(x.Data)
}

// isConstant reports a leaf that gradcheck does not check: a number
// written next to a Value, or sum()'s starting 0, is nothing a user can
// change. (Leaves leaves constants out already; this states the rule.)
func isConstant(v *autograd.Value) bool { return v.IsConst() }

// checkRow is one comparison of gradcheck: an analytic derivative against
// the central difference.
type checkRow struct {
	name          string
	grad, numgrad float64
	err           float64 // relative error
	ok            bool
	// of, size and step describe the central difference: the function
	// ("L" or "grad(L, x)"), its size |f| and the step taken. blurred is
	// set when rounding f alone can move numgrad by about the disagreement.
	of         string
	size, step float64
	blurred    bool
}

// gradcheckOpts are gradcheck's keyword arguments.
type gradcheckOpts struct {
	wrt                eval.Object
	atol, rtol, h      float64
	verbose            bool
	order              int64
	leaves             []*autograd.Value
	worst              float64
	rows               []checkRow
	failed             int
	analyticName, what string
}

func gradcheckBuiltin(th *eval.Thread, args []eval.Object, kw []eval.Kwarg) (eval.Object, error) {
	o := gradcheckOpts{atol: 1e-5, rtol: 1e-5, h: 1e-6, order: 1}
	l, err := root("gradcheck", args, kw, "wrt?", &o.wrt, "atol?", &o.atol, "rtol?", &o.rtol,
		"verbose?", &o.verbose, "h?", &o.h, "order?", &o.order)
	if err != nil {
		return nil, err
	}
	if err := o.setup(l); err != nil {
		return nil, err
	}
	for _, x := range o.leaves {
		// Each numgrad is three forward sweeps, each often shorter than
		// the stretch after which a sweep polls: poll once per leaf.
		if err := th.Check(); err != nil {
			return nil, err
		}
		step := o.step(x)
		n, err := numgrad(th, "gradcheck", l, x, step)
		if err != nil {
			return nil, err
		}
		o.compare(checkRow{name: leafName(x), grad: x.Grad, numgrad: n, of: "L", size: math.Abs(l.Data), step: step})
	}
	if o.order == 2 {
		if err := o.secondOrder(th, l); err != nil {
			return nil, err
		}
	}
	o.report(th)
	return eval.Bool(o.failed == 0), nil
}

func (o *gradcheckOpts) setup(l *autograd.Value) error {
	for _, t := range []struct {
		name string
		x    float64
	}{{"atol", o.atol}, {"rtol", o.rtol}} {
		if !(t.x >= 0) || math.IsInf(t.x, 1) {
			return fmt.Errorf("gradcheck(): %s must be a number >= 0, not %s", t.name, autograd.FormatFloat(t.x))
		}
	}
	if !(o.h > 0) || math.IsInf(o.h, 1) {
		return fmt.Errorf("gradcheck(): h must be positive, not %s", autograd.FormatFloat(o.h))
	}
	if o.order != 1 && o.order != 2 {
		return fmt.Errorf("gradcheck(): order must be 1 or 2, not %d", o.order)
	}
	if l.Grad == 0 {
		// Backward sets L.grad to 1: a 0 there means it has not run on L.
		return errors.New("gradcheck(): no gradients yet: run backward(L) first")
	}
	if o.wrt == nil {
		for _, v := range autograd.Leaves(l) {
			if !isConstant(v) {
				o.leaves = append(o.leaves, v)
			}
		}
		return nil
	}
	xs, err := valuesOf("gradcheck", "wrt", o.wrt)
	if err != nil {
		return err
	}
	for _, x := range xs {
		switch {
		case !x.IsLeaf():
			return fmt.Errorf("gradcheck(): wrt must be leaves, but %s is the result of %s", leafName(x), x.OpName())
		case !inGraph(l, x):
			return fmt.Errorf("gradcheck(): %s is not in L's graph: L does not depend on it", leafName(x))
		}
	}
	o.leaves = xs
	return nil
}

// step is the central difference's step for leaf x: h, scaled by |x| when
// |x| > 1. An absolute step cannot resolve a function of a large x: at
// x = 1e6, x*x*x is about 1e18, whose ulp is 128, so a step of 1e-6 gives
// a numgrad off by 2e-5 relative while a step of 1 is exact to 1e-13.
func (o *gradcheckOpts) step(x *autograd.Value) float64 {
	return o.h * math.Max(1, math.Abs(x.Data))
}

// roundingBlur is how many times the rounding error of a central
// difference, eps*|f|/step, a disagreement may be and still be put down to
// rounding: each of f(x+h) and f(x-h) may be off by a few ulps of |f|.
const roundingBlur = 16

// compare records one check: r.grad against r.numgrad agree when
// |a - n| <= max(atol, rtol * max(|a|, |n|)).
func (o *gradcheckOpts) compare(r checkRow) {
	diff, scale := math.Abs(r.grad-r.numgrad), math.Max(math.Abs(r.grad), math.Abs(r.numgrad))
	if scale > 0 {
		r.err = diff / scale
	}
	r.ok = diff <= math.Max(o.atol, o.rtol*scale)
	if !r.ok {
		o.failed++
		r.blurred = diff <= roundingBlur*0x1p-52*r.size/r.step
	}
	if r.err > o.worst || r.err != r.err {
		o.worst = r.err
	}
	o.rows = append(o.rows, r)
}

// secondOrder compares every second derivative grad(grad(L, x), y) with
// the central difference of grad(L, x) in y.
func (o *gradcheckOpts) secondOrder(th *eval.Thread, l *autograd.Value) error {
	// n*n derivatives are checked and listed: the length rule counts them
	// as hessian's matrix, before any is computed.
	if n := int64(len(o.leaves)); n > eval.MaxLen/max(n, 1) {
		return fmt.Errorf("gradcheck: order=2 over %d leaves checks %d second derivatives, more than the %d items one operation may make", n, n*n, int64(eval.MaxLen))
	}
	gs, err := autograd.Grad(th.Arena, l, o.leaves, th.Check)
	if err != nil {
		return err
	}
	for i, g := range gs {
		hs, err := autograd.Grad(th.Arena, g, o.leaves, th.Check)
		if err != nil {
			return err
		}
		for j, y := range o.leaves {
			// Each derivative is a small sweep or two of its own, far
			// shorter than the stretch after which a sweep polls.
			if err := th.Check(); err != nil {
				return err
			}
			n, step := 0.0, o.step(y)
			if inGraph(g, y) {
				if n, err = numgrad(th, "gradcheck", g, y, step); err != nil {
					return err
				}
			}
			o.compare(checkRow{name: leafName(o.leaves[i]) + ", " + leafName(y), grad: hs[j].Data, numgrad: n,
				of: "grad(L, " + leafName(o.leaves[i]) + ")", size: math.Abs(g.Data), step: step})
		}
	}
	return nil
}

func (o *gradcheckOpts) report(th *eval.Thread) {
	if o.failed == 0 && !o.verbose {
		return
	}
	var b strings.Builder
	n := len(o.rows)
	checks := plural(n, "derivative")
	if o.order == 1 {
		checks = plural(n, "leaf")
	}
	failed, verb := plural(o.failed, "derivative"), "disagree"
	if o.order == 1 {
		failed = plural(o.failed, "leaf")
	}
	if o.failed == 1 {
		verb = "disagrees"
	}
	if o.failed == 0 {
		fmt.Fprintf(&b, "gradcheck: %s checked, all agree with numgrad; worst relative error %s\n", checks, fmtErr(o.worst))
	} else {
		fmt.Fprintf(&b, "gradcheck: %s %s with numgrad (%s checked; worst relative error %s)\n", failed, verb, checks, fmtErr(o.worst))
	}
	if o.verbose {
		writeCheckTable(&b, o.rows)
	} else {
		for _, r := range o.rows {
			if !r.ok {
				fmt.Fprintf(&b, "  %s: grad %s, numgrad %s\n", r.name, autograd.FormatFloat(r.grad), autograd.FormatFloat(r.numgrad))
			}
		}
	}
	for _, r := range o.rows {
		if r.blurred {
			fmt.Fprintf(&b, "  %s: numgrad may be inaccurate: |%s| is %s, so rounding alone can move it by about %s at the step %s; try a larger h\n",
				r.name, r.of, fmtErr(r.size), fmtErr(0x1p-52*r.size/r.step), fmtErr(r.step))
		}
	}
	fmt.Fprint(th.Out, b.String())
}

// writeCheckTable writes every row in aligned columns; the ones that
// disagree are marked.
func writeCheckTable(b *strings.Builder, rows []checkRow) {
	cells := [][]string{{"leaf", "grad", "numgrad", "error", ""}}
	for _, r := range rows {
		mark := ""
		if !r.ok {
			mark = "disagrees"
		}
		cells = append(cells, []string{r.name, autograd.FormatFloat(r.grad), autograd.FormatFloat(r.numgrad), fmtErr(r.err), mark})
	}
	width := make([]int, 5)
	for _, row := range cells {
		for i, c := range row {
			width[i] = max(width[i], len([]rune(c)))
		}
	}
	for _, row := range cells {
		line := " "
		for i, c := range row {
			line += " " + c + strings.Repeat(" ", width[i]-len([]rune(c))) + " "
		}
		b.WriteString(strings.TrimRight(line, " ") + "\n")
	}
}

func fmtErr(x float64) string { return fmt.Sprintf("%.2g", x) }

// plural writes "1 leaf", "2 leaves", "3 derivatives".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if noun == "leaf" {
		return fmt.Sprintf("%d leaves", n)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
