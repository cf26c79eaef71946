package autograd

import (
	"errors"
	"math"
	"runtime"
	"testing"
	"unsafe"
	"weak"
)

// TestValueIs40Bytes: the size of a node is most of the cost of a graph.
func TestValueIs40Bytes(t *testing.T) {
	if s := unsafe.Sizeof(Value{}); s != 40 {
		t.Errorf("sizeof(Value) = %d, want 40", s)
	}
}

func leaf(x float64) *Value { return (*Arena)(nil).Leaf(x) }

func must(t *testing.T) func(*Value, error) *Value {
	return func(v *Value, err error) *Value {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

// TestOpData checks every op's Data, its DOT name and its operands.
func TestOpData(t *testing.T) {
	ar := NewArena()
	x, y := ar.Leaf(1.5), ar.Leaf(-0.5)
	m := must(t)
	cases := []struct {
		v      *Value
		op     Op
		name   string
		want   float64
		binary bool
	}{
		{m(ar.Add(x, y)), OpAdd, "+", 1.0, true},
		{m(ar.Sub(x, y)), OpSub, "-", 2.0, true},
		{m(ar.Mul(x, y)), OpMul, "*", -0.75, true},
		{m(ar.Div(x, y)), OpDiv, "/", -3.0, true},
		{m(ar.Neg(x)), OpNeg, "neg", -1.5, false},
		{m(ar.PowConstTyped(x, 2, true)), OpPowConst, "**2", 2.25, false},
		{m(ar.PowConst(x, 2)), OpPowConst, "**2.0", 2.25, false},
		{m(ar.PowConstTyped(x, -1, true)), OpPowConst, "**-1", 1 / 1.5, false},
		{m(ar.PowConst(x, 0.5)), OpPowConst, "**0.5", math.Sqrt(1.5), false},
		{m(ar.PowConstTyped(y, 3, true)), OpPowConst, "**3", -0.125, false},
		{m(ar.Pow(x, y)), OpPow, "**", 0.816496580927726, true},
		{m(ar.ReLU(x)), OpReLU, "ReLU", 1.5, false},
		{m(ar.ReLU(y)), OpReLU, "ReLU", 0, false},
		{m(ar.Tanh(x)), OpTanh, "tanh", 0.9051482536448664, false},
		{m(ar.Exp(x)), OpExp, "exp", 4.4816890703380645, false},
		{m(ar.Log(x)), OpLog, "log", 0.4054651081081644, false},
		{m(ar.Sigmoid(x)), OpSigmoid, "sigmoid", 0.8175744761936437, false},
		{m(ar.Sin(x)), OpSin, "sin", 0.9974949866040544, false},
		{m(ar.Cos(x)), OpCos, "cos", 0.0707372016677029, false},
	}
	for _, c := range cases {
		if c.v.Data != c.want || c.v.Op() != c.op || c.v.OpName() != c.name || c.v.IsLeaf() || c.v.Grad != 0 {
			t.Errorf("%s: data %v op %v name %q, want %v %v %q", c.name, c.v.Data, c.v.Op(), c.v.OpName(), c.want, c.op, c.name)
		}
		a, b := c.v.Operands()
		if a == nil || (b != nil) != c.binary || c.op.Arity() != map[bool]int{true: 2, false: 1}[c.binary] {
			t.Errorf("%s: operands %p %p", c.name, a, b)
		}
	}
	if r := m(ar.ReLU(ar.Leaf(-0.0))); math.Signbit(r.Data) {
		t.Errorf("relu(-0.0) = %v, want 0.0", r.Data)
	}
	if r := m(ar.ReLU(ar.Leaf(-3))); r.Data != 0 || math.Signbit(r.Data) {
		t.Errorf("relu(-3) = %v", r.Data)
	}
	if p := m(ar.PowConst(x, 2.5)); p.Exponent() != 2.5 || p.OpName() != "**2.5" {
		t.Errorf("exponent %v name %q", p.Exponent(), p.OpName())
	}
	if OpLeaf.String() != "" || OpPow.String() != "**" || Op(200).String() != "op?" {
		t.Error("Op.String")
	}
}

func TestTanhLikeLecture(t *testing.T) {
	// The lecture's formula, and ±1 without overflow for large |x|.
	for _, x := range []float64{0.8813735870195432, -2, 0, 19.9, 20, 21, 400, -400, 1e300} {
		got := tanhData(x)
		var want float64
		if math.Abs(x) > 20 {
			want = math.Copysign(1, x)
		} else {
			e := crExp(2 * x)
			want = (e - 1) / (e + 1)
		}
		if got != want || math.Abs(got-math.Tanh(x)) > 1e-15 {
			t.Errorf("tanh(%v) = %v, want %v", x, got, want)
		}
	}
	if tanhData(0.8813735870195432) != 0.7071067811865476 {
		t.Errorf("lecture's tanh(n) = %v", tanhData(0.8813735870195432))
	}
}

func TestValueString(t *testing.T) {
	v := leaf(2)
	v.Grad = -0.1
	if s := v.String(); s != "Value(data=2.0, grad=-0.1)" {
		t.Errorf("String() = %q", s)
	}
	if v.Type() != "Value" || !v.IsLeaf() || v.Op() != OpLeaf || v.OpName() != "" {
		t.Error("leaf accessors")
	}
	if v.IsParam() {
		t.Error("new leaf is a parameter")
	}
	v.SetParam(true)
	if !v.IsParam() {
		t.Error("SetParam(true)")
	}
	v.SetParam(false)
	if v.IsParam() {
		t.Error("SetParam(false)")
	}
	if s := leaf(1e-5).String(); s != "Value(data=1e-05, grad=0.0)" {
		t.Errorf("String() = %q", s)
	}
}

// TestPowNameKeepsExponentForm: micrograd names a constant power
// f"**{other}", so an int exponent is written as an int and a float one as
// Python's repr of the float, sign of zero included.
func TestPowNameKeepsExponentForm(t *testing.T) {
	ar := NewArena()
	x := ar.Leaf(1)
	ints := map[float64]string{2: "**2", -1: "**-1", 3: "**3", 0: "**0", 100: "**100", 1e16: "**10000000000000000"}
	floats := map[float64]string{2: "**2.0", -1: "**-1.0", 0.5: "**0.5", 0: "**0.0", math.Copysign(0, -1): "**-0.0",
		-0.5: "**-0.5", 1e20: "**1e+20", 1e16: "**1e+16", 1.5: "**1.5", 100: "**100.0"}
	for k, want := range ints {
		v, err := ar.PowConstTyped(x, k, true)
		if err != nil || v.OpName() != want || v.Exponent() != k {
			t.Errorf("int %v: %q %v, want %q", k, v.OpName(), err, want)
		}
	}
	for k, want := range floats {
		v, err := ar.PowConstTyped(x, k, false)
		if err != nil || v.OpName() != want || v.Exponent() != k {
			t.Errorf("float %v: %q %v, want %q", k, v.OpName(), err, want)
		}
	}
}

// TestOpErrors checks each numeric error and its message.
func TestOpErrors(t *testing.T) {
	ar := NewArena()
	l := ar.Leaf
	cases := []struct {
		name string
		f    func() (*Value, error)
		op   string
		msg  string
	}{
		{"div0", func() (*Value, error) { return ar.Div(l(1), l(0)) }, "/", "division by zero in /: 1.0 / 0.0"},
		{"div-0", func() (*Value, error) { return ar.Div(l(0), l(math.Copysign(0, -1))) }, "/", "division by zero in /: 0.0 / -0.0"},
		{"divinf", func() (*Value, error) { return ar.Div(l(1e300), l(1e-300)) }, "/", "result is not finite in /: 1e+300 / 1e-300"},
		{"log0", func() (*Value, error) { return ar.Log(l(0)) }, "log", "log of a non-positive number: log(0.0)"},
		{"logneg", func() (*Value, error) { return ar.Log(l(-2)) }, "log", "log of a non-positive number: log(-2.0)"},
		{"exp", func() (*Value, error) { return ar.Exp(l(1000)) }, "exp", "result is not finite in exp: exp(1000.0)"},
		{"negpow", func() (*Value, error) { return ar.PowConst(l(-8), 0.5) }, "**", "non-integral power of a negative number in **: -8.0 ** 0.5"},
		{"negpowv", func() (*Value, error) { return ar.Pow(l(-8), l(1.0/3)) }, "**", "non-integral power of a negative number in **: -8.0 ** 0.3333333333333333"},
		{"zeroneg", func() (*Value, error) { return ar.PowConst(l(0), -1) }, "**", "zero to a negative power in **: 0.0 ** -1.0"},
		{"zeronegv", func() (*Value, error) { return ar.Pow(l(0), l(-0.5)) }, "**", "zero to a negative power in **: 0.0 ** -0.5"},
		{"powinf", func() (*Value, error) { return ar.PowConst(l(10), 400) }, "**", "result is not finite in **: 10.0 ** 400.0"},
		{"add", func() (*Value, error) { return ar.Add(l(1e308), l(1e308)) }, "+", "result is not finite in +: 1e+308 + 1e+308"},
		{"sub", func() (*Value, error) { return ar.Sub(l(-1e308), l(1e308)) }, "-", "result is not finite in -: -1e+308 - 1e+308"},
		{"mul", func() (*Value, error) { return ar.Mul(l(1e200), l(1e200)) }, "*", "result is not finite in *: 1e+200 * 1e+200"},
		{"neg", func() (*Value, error) { return ar.Neg(l(math.Inf(1))) }, "neg", "result is not finite in neg: neg(inf)"},
		{"relu", func() (*Value, error) { return ar.ReLU(l(math.NaN())) }, "ReLU", "result is not finite in relu: relu(nan)"},
		{"tanh", func() (*Value, error) { return ar.Tanh(l(math.NaN())) }, "tanh", "result is not finite in tanh: tanh(nan)"},
		{"sin", func() (*Value, error) { return ar.Sin(l(math.Inf(1))) }, "sin", "result is not finite in sin: sin(inf)"},
		{"cos", func() (*Value, error) { return ar.Cos(l(math.Inf(-1))) }, "cos", "result is not finite in cos: cos(-inf)"},
		{"lognan", func() (*Value, error) { return ar.Log(l(math.NaN())) }, "log", "result is not finite in log: log(nan)"},
		{"sigmoid", func() (*Value, error) { return ar.Sigmoid(l(math.NaN())) }, "sigmoid", "result is not finite in sigmoid: sigmoid(nan)"},
	}
	for _, c := range cases {
		v, err := c.f()
		var ne *NumError
		if v != nil || !errors.As(err, &ne) || ne.Op != c.op || ne.Msg != c.msg || err.Error() != c.msg {
			t.Errorf("%s: got %v, %v; want error %q (op %q)", c.name, v, err, c.msg, c.op)
		}
	}
	// Finite results that go through infinities inside: no error.
	if v, err := ar.Sigmoid(l(-1000)); err != nil || v.Data != 0 {
		t.Errorf("sigmoid(-1000) = %v, %v", v, err)
	}
	if v, err := ar.Exp(l(-1000)); err != nil || v.Data != 0 {
		t.Errorf("exp(-1000) = %v, %v", v, err)
	}
	if v, err := ar.PowConst(l(-2), 3); err != nil || v.Data != -8 {
		t.Errorf("(-2)**3 = %v, %v", v, err)
	}
	if v, err := ar.PowConst(l(0), 0); err != nil || v.Data != 1 {
		t.Errorf("0**0 = %v, %v", v, err)
	}
}

func TestArenaChunks(t *testing.T) {
	ar := NewArena()
	seen := map[*Value]bool{}
	for i := range 3*arenaChunk + 5 {
		v := ar.Leaf(float64(i))
		if seen[v] || v.Data != float64(i) || v.Grad != 0 || v.Label() != "" || !v.IsLeaf() {
			t.Fatalf("leaf %d reused or not fresh", i)
		}
		seen[v] = true
	}
	var zero Arena // the zero Arena works too
	if v := zero.Leaf(3); v.Data != 3 {
		t.Error("zero Arena")
	}
}

// TestArenaLeavesDoNotPinGraphs: a leaf made after a graph (a parameter
// made in the REPL after some big computation) must not keep the graph
// alive, as it would if it shared a chunk with the graph's op nodes.
func TestArenaLeavesDoNotPinGraphs(t *testing.T) {
	ar := NewArena()
	x := ar.Leaf(1)
	root := x
	for range 3 * opChunkLen {
		root, _ = ar.Add(root, x)
	}
	gone := weak.Make(root)
	root = nil
	w := ar.Leaf(2) // long-lived, made after the graph
	y, one := ar.Leaf(3), ar.Leaf(1)
	ar.Seal()                  // as Backward does: the next op nodes go to chunks of their own
	for range 2 * opChunkLen { // more op nodes, so the graph's chunk is no longer the Arena's current one
		y, _ = ar.Mul(y, one)
	}
	runtime.GC()
	runtime.GC()
	if gone.Value() != nil {
		t.Error("the graph is still alive")
	}
	runtime.KeepAlive(w)
	runtime.KeepAlive(y)
}

// TestExponentConstantsAreBounded: x**k keeps one constant per distinct
// exponent for reuse, at most maxExponents of them, and each power still
// uses its own exponent beyond that.
func TestExponentConstantsAreBounded(t *testing.T) {
	ar := NewArena()
	x := ar.Leaf(1.5)
	for k := range 3 * maxExponents {
		v, err := ar.PowConstTyped(x, float64(k), true)
		if err != nil || v.Exponent() != float64(k) || v.Data != crPow(1.5, float64(k)) {
			t.Fatalf("x**%d: %v %v", k, v, err)
		}
		if _, b := v.Operands(); b != nil {
			t.Fatalf("x**%d: the exponent shows as an operand", k)
		}
	}
	if n := len(ar.exponents); n != maxExponents {
		t.Errorf("%d exponents kept, want %d", n, maxExponents)
	}
	a, _ := ar.PowConstTyped(x, 2, true)
	b, _ := ar.PowConstTyped(x, 2, false)
	if a.OpName() != "**2" || b.OpName() != "**2.0" || a.b == b.b {
		t.Errorf("the int 2 and the float 2.0 share a constant: %q %q", a.OpName(), b.OpName())
	}
}
