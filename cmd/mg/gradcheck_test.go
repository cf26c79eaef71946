package main

import (
	"os/exec"
	"strings"
	"testing"
)

// big*big*big at big = 1e6 is about 1e18, whose ulp is 128: a step of
// 1e-6 cannot resolve it (numgrad is off by 2e-5 relative), so gradcheck
// steps a leaf by h*max(1, |x|) and finds the exact gradient right, at
// both orders. numgrad itself keeps its absolute step h. The numbers are
// CPython's central differences with the two steps.
func TestGradcheckStepScalesWithALargeLeaf(t *testing.T) {
	const src = "let big = 1e6\nlet B = big * big * big\nB.backward()\n"
	wantOutput(t, src+"print(gradcheck(B), gradcheck(B, order=2))\n", "true true\n")

	py := python(t)
	oracle, err := exec.Command(py, "-c", `x = 1e6
for h in (1e-6 * max(1, abs(x)), 1e-6):
    print(repr(((x+h)*(x+h)*(x+h) - (x-h)*(x-h)*(x-h)) / (2*h)))`).Output()
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Fields(string(oracle)) // relative step, then absolute
	_, out, _ := runMG(t, src+"print(gradcheck(B, atol=0, rtol=0))\nprint(numgrad(B, big))\n")
	if !strings.Contains(out, "  big: grad 3000000000000.0, numgrad "+want[0]+"\n") ||
		!strings.HasSuffix(out, "false\n"+want[1]+"\n") {
		t.Errorf("got\n%swant gradcheck's numgrad %s and numgrad's %s (CPython)", out, want[0], want[1])
	}
	// For |x| <= 1 the step is h itself: the leaf at 0.5 is stepped by 1e-6.
	_, out, _ = runMG(t, "let a = 0.5\nlet L = a*a*a\nL.backward()\na.grad = 0.0\nprint(gradcheck(L))\nprint(numgrad(L, a))\n")
	lines := strings.Split(out, "\n")
	if len(lines) < 3 || lines[1] != "  a: grad 0.0, numgrad "+lines[len(lines)-2] {
		t.Errorf("for a leaf at 0.5, gradcheck's numgrad is not numgrad(L, a):\n%s", out)
	}
}

// When L is so large that rounding it moves numgrad by about the
// disagreement, gradcheck still says the leaf disagrees (nothing checked
// it) but says why numgrad cannot be trusted there; a real mistake at an
// ordinary size gets no such note.
func TestGradcheckSaysWhenRoundingBlursNumgrad(t *testing.T) {
	_, out, _ := runMG(t, "let C = 1e18\nlet x = 1.0\nlet L = C + x\nL.backward()\nprint(gradcheck(L))\n")
	want := "gradcheck: 1 leaf disagrees with numgrad (2 leaves checked; worst relative error 1)\n" +
		"  x: grad 1.0, numgrad 0.0\n" +
		"  x: numgrad may be inaccurate: |L| is 1e+18, so rounding alone can move it by about 2.2e+08 at the step 1e-06; try a larger h\n" +
		"false\n"
	if out != want {
		t.Errorf("got\n%swant\n%s", out, want)
	}
	_, out, _ = runMG(t, "let a = 2.0\nlet L = a*a\nL.backward()\na.grad = 3.9\nprint(gradcheck(L))\n")
	if !strings.Contains(out, "1 leaf disagrees") || strings.Contains(out, "inaccurate") {
		t.Errorf("a wrong gradient of a small L:\n%s", out)
	}
}

// One second-order check failing is "1 derivative disagrees".
func TestGradcheckOneDerivativeDisagrees(t *testing.T) {
	_, out, _ := runMG(t, "let a = 2.0\nlet L = a*a\nL.backward()\na.grad = 1.0\nprint(gradcheck(L, order=2))\n")
	if !strings.HasPrefix(out, "gradcheck: 1 derivative disagrees with numgrad (2 derivatives checked;") {
		t.Errorf("got\n%s", out)
	}
	_, out, _ = runMG(t, "let a = 2.0\nlet b = 3.0\nlet L = a*b\nL.backward()\na.grad = 1.0\nb.grad = 1.0\nprint(gradcheck(L, order=2))\n")
	if !strings.HasPrefix(out, "gradcheck: 2 derivatives disagree with numgrad (6 derivatives checked;") {
		t.Errorf("got\n%s", out)
	}
}
