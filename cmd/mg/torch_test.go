package main

import (
	"bytes"
	"fmt"
	"math"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// The differential test against PyTorch: random formulas over every op,
// written once as an mg script and once for testdata/torch/formulas.py,
// must give the same root data and the same gradient of every leaf.
const (
	torchFormulas = 3000
	torchSeed     = 20240601
	torchRelTol   = 1e-10
	// torchAbsTol is the floor under which two numbers count as equal:
	// a gradient that is a sum of terms cancelling to near zero keeps
	// the terms' rounding errors (the terms are below 1e3).
	torchAbsTol = 1e-12
	torchScript = "../../testdata/torch/formulas.py"
)

// tnode is a leaf (op == "") or an op applied to earlier names or
// constants ("c:<float>").
type tnode struct {
	name string
	op   string
	args []string
	val  float64
}

type formula struct {
	id     int
	leaves []tnode
	nodes  []tnode
}

func (f *formula) root() string { return f.nodes[len(f.nodes)-1].name }

var (
	torchUnary  = []string{"neg", "relu", "tanh", "exp", "log", "sigmoid", "sin", "cos", "sqrt"}
	torchBinary = []string{"add", "sub", "mul", "div", "pow", "powk"}
	torchPowK   = []float64{2, 3, -1, 0.5, 1.5}
)

func isUnary(op string) bool {
	for _, u := range torchUnary {
		if u == op {
			return true
		}
	}
	return false
}

// torchApply computes op in plain float64 to keep the formula away from
// invalid and non-smooth points and from large values, where the two
// implementations could rightly differ; ok is false to pick another op.
func torchApply(op string, x, y float64) (r float64, ok bool) {
	switch op {
	case "add":
		r = x + y
	case "sub":
		r = x - y
	case "mul":
		r = x * y
	case "div":
		if math.Abs(y) < 0.2 {
			return 0, false
		}
		r = x / y
	case "neg":
		r = -x
	case "powk":
		if (y != math.Trunc(y) && x < 0.1) || (y < 0 && math.Abs(x) < 0.2) {
			return 0, false
		}
		r = math.Pow(x, y)
	case "pow":
		if x < 0.1 || math.Abs(y) > 3 {
			return 0, false
		}
		r = math.Pow(x, y)
	case "relu":
		if math.Abs(x) < 0.05 {
			return 0, false
		}
		r = math.Max(x, 0)
	case "tanh":
		if math.Abs(x) < 0.01 {
			return 0, false
		}
		r = math.Tanh(x)
	case "exp":
		if x > 5 {
			return 0, false
		}
		r = math.Exp(x)
	case "log":
		if x < 0.1 {
			return 0, false
		}
		r = math.Log(x)
	case "sigmoid":
		if math.Abs(x) > 30 {
			return 0, false
		}
		r = 1 / (1 + math.Exp(-x))
	case "sin":
		if math.Abs(x) > 10 {
			return 0, false
		}
		r = math.Sin(x)
	case "cos":
		if math.Abs(x) > 10 {
			return 0, false
		}
		r = math.Cos(x)
	case "sqrt":
		if x < 0.1 {
			return 0, false
		}
		r = math.Sqrt(x)
	}
	return r, !math.IsNaN(r) && math.Abs(r) < 1e3
}

func fmtNum(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// genFormula makes a formula of 1-4 leaves and 1-12 ops; operands are
// mostly the newest node, so that formulas are deep, and often reused
// nodes, so that gradients accumulate.
func genFormula(rng *rand.Rand, id int) formula {
	f := formula{id: id}
	var pool []tnode
	for i := 0; i <= rng.Intn(4); i++ {
		x := (rng.Float64()*2 - 1) * 3
		if rng.Intn(4) == 0 {
			x = math.Round(x*4) / 4 // exact halves and quarters too
		}
		l := tnode{name: string(rune('a' + i)), val: x}
		f.leaves = append(f.leaves, l)
		pool = append(pool, l)
	}
	pick := func() tnode {
		if len(f.nodes) > 0 && rng.Intn(10) < 6 {
			return f.nodes[len(f.nodes)-1]
		}
		return pool[rng.Intn(len(pool))]
	}
	want := 1 + rng.Intn(12)
	for tries := 0; len(f.nodes) < want && tries < 200; tries++ {
		ops := torchBinary
		if rng.Intn(5) < 3 {
			ops = torchUnary
		}
		op := ops[rng.Intn(len(ops))]
		x := pick()
		n := tnode{name: "t" + strconv.Itoa(len(f.nodes)+1), op: op, args: []string{x.name}}
		var y float64
		switch {
		case isUnary(op):
		case op == "powk":
			y = torchPowK[rng.Intn(len(torchPowK))]
			n.args = append(n.args, "c:"+fmtNum(y))
		case rng.Intn(4) == 0:
			y = math.Round((rng.Float64()*4-2)*100) / 100
			n.args = append(n.args, "c:"+fmtNum(y))
			if rng.Intn(3) == 0 && op != "pow" { // constant on the left
				n.args[0], n.args[1] = n.args[1], n.args[0]
				x.val, y = y, x.val
			}
		default:
			o := pool[rng.Intn(len(pool))]
			n.args = append(n.args, o.name)
			y = o.val
		}
		v, ok := torchApply(op, x.val, y)
		if !ok {
			continue
		}
		n.val = v
		f.nodes = append(f.nodes, n)
		pool = append(pool, n)
	}
	if len(f.nodes) == 0 { // every try was rejected: a plain sum
		n := tnode{name: "t1", op: "add", args: []string{"a", "a"}, val: 2 * f.leaves[0].val}
		f.nodes = append(f.nodes, n)
	}
	return f
}

// mgArg writes an operand in mg: a name, or a constant in parentheses.
func mgArg(a string) string {
	if c, ok := strings.CutPrefix(a, "c:"); ok {
		return "(" + c + ")"
	}
	return a
}

func (f *formula) mg(b *strings.Builder) {
	for _, l := range f.leaves {
		fmt.Fprintf(b, "let %s = Value(%s)\n", l.name, fmtNum(l.val)) // an integral leaf too
	}
	for _, n := range f.nodes {
		x := mgArg(n.args[0])
		var e string
		switch n.op {
		case "add", "sub", "mul", "div", "pow", "powk":
			sym := map[string]string{"add": "+", "sub": "-", "mul": "*", "div": "/", "pow": "**", "powk": "**"}[n.op]
			e = x + " " + sym + " " + mgArg(n.args[1])
		case "neg":
			e = "-" + x
		default:
			e = n.op + "(" + x + ")"
		}
		fmt.Fprintf(b, "let %s = %s\n", n.name, e)
	}
	fmt.Fprintf(b, "backward(%s)\nprint(%d, %s.data", f.root(), f.id, f.root())
	for _, l := range f.leaves {
		fmt.Fprintf(b, ", %s.grad", l.name)
	}
	b.WriteString(")\n")
}

func (f *formula) torch(b *strings.Builder) {
	fmt.Fprintf(b, "F %d\n", f.id)
	for _, l := range f.leaves {
		fmt.Fprintf(b, "L %s %s\n", l.name, fmtNum(l.val))
	}
	for _, n := range f.nodes {
		fmt.Fprintf(b, "N %s %s %s\n", n.name, n.op, strings.Join(n.args, " "))
	}
	fmt.Fprintf(b, "R %s\n", f.root())
}

// torchPython finds a Python that can import torch: Debian's, then the
// one on PATH.
func torchPython() (string, error) {
	var last error
	for _, py := range []string{"/usr/bin/python3", "python3"} {
		out, err := exec.Command(py, "-c", "import torch").CombinedOutput()
		if err == nil {
			return py, nil
		}
		last = fmt.Errorf("%s -c 'import torch': %v %s", py, err, bytes.TrimSpace(out))
	}
	return "", last
}

// needTorch returns a Python that imports torch, or skips the test (fails
// it under CI=true, where .ci/run installs python3-torch); with -short it
// skips: these tests are not short.
func needTorch(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("the PyTorch differential tests are not short")
	}
	py, err := torchPython()
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("PyTorch is required in CI (Debian's python3-torch): %v", err)
		}
		t.Skipf("PyTorch not installed, skipping (apt-get install python3-torch): %v", err)
	}
	return py
}

// runPair runs mgSrc with mg (in process) and torchSrc with script under
// py, from files in a temporary directory, and returns what each printed.
// If mg fails, explain (if not nil) is given what it printed and says more.
func runPair(t *testing.T, py, script, mgSrc, torchSrc string, explain func(mgOut string) string) (mgOut, pyOut string) {
	t.Helper()
	dir := t.TempDir()
	mgPath, torchPath := filepath.Join(dir, "formulas.mg"), filepath.Join(dir, "formulas.txt")
	if err := os.WriteFile(mgPath, []byte(mgSrc), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(torchPath, []byte(torchSrc), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errs bytes.Buffer
	if code := run([]string{"run", mgPath}, strings.NewReader(""), &out, &errs); code != 0 {
		more := ""
		if explain != nil {
			more = explain(out.String())
		}
		t.Fatalf("mg exited %d:\n%s%s", code, errs.String(), more)
	}
	cmd := exec.Command(py, script, torchPath)
	var pyErr bytes.Buffer
	cmd.Stderr = &pyErr
	pyBytes, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", py, script, err, pyErr.String())
	}
	return out.String(), string(pyBytes)
}

func TestTorchDifferential(t *testing.T) {
	py := needTorch(t)
	rng := rand.New(rand.NewSource(torchSeed))
	formulas := make([]formula, torchFormulas)
	var mgSrc, torchSrc strings.Builder
	opCount := map[string]int{}
	nodes := 0
	var cases []tcase
	replayRng := rand.New(rand.NewSource(torchSeed + 1))
	for i := range formulas {
		f := genFormula(rng, i)
		formulas[i] = f
		f.mg(&mgSrc)
		f.torch(&torchSrc)
		cases = append(cases, tcase{id: i, f: f})
		cases = append(cases, torchExtra(replayRng, f, &mgSrc, &torchSrc)...)
		for _, n := range f.nodes {
			opCount[n.op]++
		}
		nodes += len(f.nodes)
	}
	mgOut, pyOut := runPair(t, py, torchScript, mgSrc.String(), torchSrc.String(), nil)
	got, want := parseResults(t, "mg", mgOut), parseResults(t, "torch", pyOut)
	if len(got) != len(cases) || len(want) != len(cases) {
		t.Fatalf("results for %d cases from mg and %d from torch, want %d", len(got), len(want), len(cases))
	}
	bad, worst := 0, 0.0
	kinds := map[string]int{}
	for _, c := range cases {
		kinds[c.kind]++
		g, w := got[c.id], want[c.id]
		if len(g) != len(w) {
			t.Fatalf("case %d: %d numbers from mg, %d from torch", c.id, len(g), len(w))
		}
		for j := range g {
			diff := math.Abs(g[j] - w[j])
			scale := math.Max(math.Abs(g[j]), math.Abs(w[j]))
			if scale > torchAbsTol/torchRelTol {
				worst = math.Max(worst, diff/scale)
			}
			if diff <= torchAbsTol+torchRelTol*scale {
				continue
			}
			if bad++; bad <= 10 {
				what := "data"
				if j > 0 {
					what = c.f.leaves[j-1].name + ".grad"
				}
				var src strings.Builder
				formulas[c.f.id].mg(&src)
				t.Errorf("formula %d %s: %s is %s in mg, %s in torch (rel diff %.3g)\n%s",
					c.f.id, c.kind, what, fmtNum(g[j]), fmtNum(w[j]), diff/scale, src.String())
			}
		}
	}
	notDoubled := checkDoubled(t, cases, got)
	t.Logf("%d cases: %d formulas, %d backward twice (%d grads not exactly doubled), %d replayed with forward",
		len(cases), kinds[""], kinds["twice"], notDoubled, kinds["replay"])
	if kinds["twice"] < len(formulas)/4 || kinds["replay"] < len(formulas)/4 {
		t.Errorf("too few twice (%d) or replay (%d) cases", kinds["twice"], kinds["replay"])
	}
	var ops []string
	for op, n := range opCount {
		ops = append(ops, fmt.Sprintf("%s:%d", op, n))
	}
	sort.Strings(ops)
	t.Logf("%d formulas, %d op nodes (%d kinds: %s); %d mismatches; worst relative difference %.3g",
		len(formulas), nodes, len(opCount), strings.Join(ops, " "), bad, worst)
	if len(opCount) != len(torchUnary)+len(torchBinary) {
		t.Errorf("only %d of %d ops were generated", len(opCount), len(torchUnary)+len(torchBinary))
	}
}

// parseResults reads lines "<id> <float>..." into a map by id.
func parseResults(t *testing.T, who, out string) map[int][]float64 {
	t.Helper()
	res := map[int][]float64{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			t.Fatalf("%s: bad line %q", who, line)
		}
		id, err := strconv.Atoi(f[0])
		if err != nil {
			t.Fatalf("%s: bad line %q", who, line)
		}
		for _, s := range f[1:] {
			x, err := strconv.ParseFloat(s, 64)
			if err != nil {
				t.Fatalf("%s: bad number in %q", who, line)
			}
			res[id] = append(res[id], x)
		}
	}
	return res
}
