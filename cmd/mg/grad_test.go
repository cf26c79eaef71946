package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runMG runs src as a script and returns its exit status, stdout and stderr.
func runMG(t *testing.T, src string) (int, string, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "t.mg")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	code := run([]string{"run", path}, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func wantOutput(t *testing.T, src, want string) {
	t.Helper()
	code, out, errs := runMG(t, src)
	if code != 0 || out != want {
		t.Errorf("exit %d, stderr %q\n--- got\n%s--- want\n%s", code, errs, out, want)
	}
}

func wantError(t *testing.T, src string, wants ...string) {
	t.Helper()
	code, out, errs := runMG(t, src)
	if code == 0 {
		t.Fatalf("exit 0, want an error; stdout:\n%s", out)
	}
	for _, w := range wants {
		if !strings.Contains(errs, w) {
			t.Errorf("stderr lacks %q:\n%s", w, errs)
		}
	}
}

// TestGradcheckChecksNoConstants: the numbers 2 and 3 next to Values and
// sum's starting 0 are constants: only the leaves a user made are checked.
func TestGradcheckChecksNoConstants(t *testing.T) {
	wantOutput(t, `let a = Value(2.0, label="a")
let b = Value(3.0, label="b")
let L = a*2 + 3*b + a*b
a.grad = 2 + b.data
b.grad = 3 + a.data
L.grad = 1.0
print(gradcheck(L))
let ps = [Value(float(i) / 4, label="p" + str(i)) for i in range(20)]
let S = sum([p*p for p in ps])
backward(S)
print(gradcheck(S))
`, "true\ntrue\n")
	// p19 = 4.75 is stepped by 4.75e-6 (h*|x|); CPython's central
	// difference of the same sum with that step is 9.499999999948878.
	code, out, _ := runMG(t, `let ps = [Value(float(i) / 4, label="p" + str(i)) for i in range(20)]
let S = sum([p*p for p in ps])
backward(S)
gradcheck(S, verbose=true)
`)
	if code != 0 || !strings.HasPrefix(out, "gradcheck: 20 leaves checked, all agree with numgrad; worst relative error ") ||
		strings.Count(out, "\n") != 22 || !strings.Contains(out, "\n  p19   9.5   9.499999999948878 ") {
		t.Errorf("exit %d, verbose gradcheck:\n%s", code, out)
	}
}

// TestGradcheckMessages: one disagreeing leaf is "1 leaf"; the count and
// the worst relative error are given; wrt limits what is checked.
func TestGradcheckMessages(t *testing.T) {
	code, out, _ := runMG(t, `let a = Value(2.0, label="a")
let b = Value(-1.0, label="b")
let L = a*b
backward(L)
a.grad = 0.0
print(gradcheck(L))
print(gradcheck(L, wrt=[b]))
print(gradcheck(L, wrt=a, atol=1.5))
`)
	lines := strings.Split(out, "\n")
	if code != 0 || len(lines) != 6 ||
		lines[0] != "gradcheck: 1 leaf disagrees with numgrad (2 leaves checked; worst relative error 1)" ||
		!strings.HasPrefix(lines[1], "  a: grad 0.0, numgrad -") || strings.Join(lines[2:], " ") != "false true true " {
		t.Errorf("exit %d:\n%s", code, out)
	}
}

func TestGradcheckBeforeBackward(t *testing.T) {
	wantError(t, "let a = Value(2.0)\nlet L = a*a\nprint(gradcheck(L))\n",
		"t.mg:3:16: gradcheck(): no gradients yet: run backward(L) first")
}

// TestGradcheckSecondOrder: order=2 also compares every grad(grad(L, x), y)
// with numgrad of grad(L, x); with no tolerance at all the central
// difference's own error is reported.
func TestGradcheckSecondOrder(t *testing.T) {
	src := `let x = Value(0.7, label="x")
let y = Value(-0.4, label="y")
let L = tanh(x*y) + x**3 * exp(y)
backward(L)
`
	wantOutput(t, src+"print(gradcheck(L, order=2))\n", "true\n")
	code, out, _ := runMG(t, src+"print(gradcheck(L, order=2, atol=0, rtol=0))\n")
	if code != 0 || !strings.HasPrefix(out, "gradcheck: ") || !strings.Contains(out, "(6 derivatives checked;") ||
		!strings.Contains(out, "  x, y: grad ") || !strings.HasSuffix(out, "false\n") {
		t.Errorf("exit %d:\n%s", code, out)
	}
}

func TestNumgradErrors(t *testing.T) {
	wantError(t, "let a = Value(2.0)\nprint(numgrad(a*a, Value(1.0)))\n",
		"numgrad(): unlabeled 1.0 is not in L's graph: L does not depend on it")
	wantError(t, "let x = Value(1e-7, label=\"x\")\nprint(numgrad(log(x), x))\n",
		"numgrad(): the step h = 1e-06 moved x out of an op's domain (log of a non-positive number: log(",
		"try a smaller h")
}

// TestGradBuiltin: grad of one Value is a Value, of a list a list, of a
// module its parameters'; labels name the adjoints; .grad is untouched;
// grad(grad(...)) is the second derivative; forward recomputes a
// gradient graph at new leaf data to the bit of a new grad.
func TestGradBuiltin(t *testing.T) {
	wantOutput(t, `let x = Value(0.5, label="x")
let t = tanh(x)
t.label = "t"
let d = grad(t, x)
print(d.label, d.data == 1 - t.data**2, x.grad, t.grad)
print(type(grad(t, [x])), len(grad(t, [x, x])))
print(grad(d, x).data == -2 * t.data * d.data)
x.data = -1.25
forward(d)
print(d.data == grad(tanh(x), x).data)
let m = MLP(2, [3, 1])
let out = m([1.0, -2.0])
print(len(grad(out, m)) == len(m.parameters()))
`, "dt/dx true 0.0 0.0\nlist 2\ntrue\ntrue\ntrue\n")
}

// TestHessianSymmetric: f = x**2 * y + sin(y) has H = [[2y, 2x], [2x, -sin y]],
// filled symmetrically from the upper triangle.
func TestHessianSymmetric(t *testing.T) {
	wantOutput(t, `let x = Value(1.5)
let y = Value(0.5)
let H = hessian(x**2 * y + sin(y), [x, y])
print(H[0][0], H[0][1] == H[1][0], H[0][1], H[1][1] == -sin(0.5))
`, "1.0 true 3.0 true\n")
}

// TestGradReplaysReLU: relu's derivative is a step node, so forward turns
// it on when the relu's input becomes positive; prune=true leaves out what
// is below a relu that is off, and its replay keeps that part out.
func TestGradReplaysReLU(t *testing.T) {
	wantOutput(t, `let x = Value(-1.0, label="x")
let L = relu(x) * 3 + x
let d = grad(L, x)
let p = grad(L, x, prune=true)
print(d.data, p.data)
x.data = 2.0
forward(d)
forward(p)
print(d.data, p.data, grad(L, x).data)
`, "1.0 1.0\n4.0 1.0 4.0\n")
}
