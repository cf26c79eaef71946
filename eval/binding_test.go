package eval_test

import (
	"strings"
	"testing"

	"github.com/mglang/mg/eval"
	"github.com/mglang/mg/lang"
	"github.com/mglang/mg/stdlib"
)

// runProg runs src as a script and returns what it printed, the error that
// stopped it (nil if none) and how many graph nodes it made.
func runProg(t *testing.T, src string) (string, error, int64) {
	t.Helper()
	file, err := lang.Parse("t.mg", src)
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, src)
	}
	var out strings.Builder
	in := eval.New(stdlib.Library(), &out)
	prog, err := in.Compile(file.Stmts, nil)
	if err != nil {
		t.Fatalf("compile: %v\n%s", err, src)
	}
	err = prog.Run()
	return out.String(), err, in.Thread().Arena.Count()
}

// wantOutput runs src and checks that it printed want and stopped without error.
func wantOutput(t *testing.T, src, want string) {
	t.Helper()
	got, err, _ := runProg(t, src)
	if err != nil {
		t.Fatalf("%s\nerror: %v", src, err)
	}
	if got != want {
		t.Errorf("%s\ngot  %q\nwant %q", src, got, want)
	}
}

// wantError runs src and checks that it stopped with an error containing each of parts.
func wantError(t *testing.T, src string, parts ...string) {
	t.Helper()
	_, err, _ := runProg(t, src)
	if err == nil {
		t.Fatalf("%s\nno error, want one containing %q", src, parts)
	}
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("%s\nerror %q lacks %q", src, err, p)
		}
	}
}

func TestNamedIntStaysInt(t *testing.T) {
	wantOutput(t, "let i = 0\nlet n = 3\nwhile i < 5 { i += 1 }\nprint(i, i % 2, type(i), type(n), n // 2)\n", "5 1 int int 1\n")
	wantOutput(t, "let i = 0\ni = 7\nprint(type(i), i)\n", "int 7\n")
	wantOutput(t, "let b = true\nprint(type(b))\n", "bool\n")
}

func TestNamedFloatIsLabelledLeaf(t *testing.T) {
	wantOutput(t, "let x = 3.0\nprint(type(x), x.label, x)\nx = 3.5\nprint(type(x), x.label, x.data)\n",
		"Value x Value(data=3.0, grad=0.0)\nValue x 3.5\n")
	wantOutput(t, "let v = Value(3)\nprint(type(v), v, v.label)\n", "Value Value(data=3.0, grad=0.0) v\n")
}

func TestCounterLoopBuildsNoGraph(t *testing.T) {
	n := "3000000"
	if testing.Short() {
		n = "100000"
	}
	got, err, nodes := runProg(t, "let i = 0\nwhile i < "+n+" { i += 1 }\nprint(i)\n")
	if err != nil || got != n+"\n" {
		t.Fatalf("got %q, %v", got, err)
	}
	if nodes != 0 {
		t.Errorf("a counting loop of %s turns made %d graph nodes, want 0", n, nodes)
	}
}

func TestNamedIntExponentIsConstantPower(t *testing.T) {
	// x ** n with n an int: one **3 node, whose backward works for a
	// negative base (a Value exponent would need log(x)).
	wantOutput(t, "let x = -2.0\nlet n = 3\nlet y = x ** n\ny.backward()\nprint(y, x.grad, y.op, type(n))\n",
		"Value(data=-8.0, grad=1.0) 12.0 **3 int\n")
}

func TestIntWhereValueNeededSaysHowToMakeOne(t *testing.T) {
	wantError(t, "let n = 3\nprint(n.grad)\n", "an int has no field or method grad", "3.0", "Value(3)")
	wantError(t, "let n = 3\nn.backward()\n", "3.0", "Value(3)")
	wantError(t, "backward(3)\n", "must be a Value, not an int", "3.0", "Value(3)")
	wantError(t, "let n = -2\nbackward(n)\n", "-2.0", "Value(-2)")
	wantError(t, "print(2.5.grad)\n", "a float has no field or method grad", "Value(2.5)")
	wantError(t, "let n = 3\nn.grad = 0.0\n", "cannot set field grad of an int", "3.0", "Value(3)")
	wantError(t, "let n = 3\nprint(numgrad(n, n))\n", "must be a Value, not an int", "Value(3)")
	// Other fields of a number keep the ordinary message.
	wantError(t, "let n = 3\nprint(n.foo)\n", "an int has no field or method foo")
}

func TestIntegralFloatOrValueCountsAsInt(t *testing.T) {
	wantOutput(t, "let n = 3.0\nprint(range(n), [1, 2, 3][n - 1.0], [0] * 2, len(range(Value(2))))\n", "range(0, 3) 3 [0, 0] 2\n")
	wantError(t, "print(range(2.5))\n", "expected an integer", "2.5")
}

func TestIntOverflowIsError(t *testing.T) {
	wantError(t, "let i = 9223372036854775807\ni += 1\n", "integer overflow")
	wantError(t, "print(3 ** 40)\n", "integer overflow")
	wantError(t, "print(-9223372036854775807 - 2)\n", "integer overflow")
}

func TestNegatedIntZeroNextToValueIsPlusZero(t *testing.T) {
	// Python: -0 is the int 0, so micrograd's Value(-0) holds +0.0; only
	// the float -0.0 keeps its sign.
	wantOutput(t, "let a = 5.0\nprint(a * -0, a * -(0), a * -(-0), a * -0.0)\n",
		"Value(data=0.0, grad=0.0) Value(data=0.0, grad=0.0) Value(data=0.0, grad=0.0) Value(data=-0.0, grad=0.0)\n")
}
