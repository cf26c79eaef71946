package autograd

import (
	"bytes"
	"flag"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// hostileLabels are labels that break DOT written naively.
var hostileLabels = []string{
	`"quoted"`, `{braces}`, `a|b`, `<port>`, `back\slash`, `\N \G \L \n`, "two\nlines", "crlf\r\nend",
	" lead and trail ", "multi   space", "tab\there", "ü space 日 本", "&amp; & entity", "ctl\x00\x1b\x7f",
	"bad\xffutf8", `-> ; ] [ = //`, `}"{|\`, " ",
}

func dotOf(t *testing.T, root *Value, opt DOTOptions) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteDOT(&b, root, opt); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func hostileGraph(t *testing.T) *Value {
	ar := NewArena()
	m := must(t)
	var root *Value
	for i, l := range hostileLabels {
		v := ar.Leaf(float64(i))
		v.SetLabel(l)
		if i%3 == 0 {
			v.SetParam(true)
		}
		if root == nil {
			root = v
		} else {
			root = m(ar.Add(root, v))
			root.SetLabel("sum " + l)
		}
	}
	root = m(ar.PowConstTyped(m(ar.Mul(root, ar.Leaf(0.5))), -1, true)) // an unlabeled leaf
	root.SetLabel("root")
	if err := Backward(root, nil); err != nil {
		t.Fatal(err)
	}
	return root
}

func opsGraph(t *testing.T) *Value {
	ar := NewArena()
	m := must(t)
	x, y := labelled(ar, "x", 0.5), labelled(ar, "y", 1.5)
	x.SetParam(true)
	z := m(ar.Add(m(ar.Mul(m(ar.Tanh(x)), m(ar.Exp(y)))), m(ar.Div(m(ar.Sigmoid(x)), y))))
	z = m(ar.Sub(z, m(ar.PowConstTyped(x, 3, true))))
	z = m(ar.Add(z, m(ar.Pow(y, x))))
	z = m(ar.Sub(z, m(ar.Log(m(ar.Mul(y, ar.Leaf(2)))))))
	z = m(ar.Add(z, m(ar.Add(m(ar.ReLU(x)), m(ar.ReLU(m(ar.Neg(x))))))))
	z = m(ar.Add(z, m(ar.Add(m(ar.Sin(x)), m(ar.Cos(m(ar.PowConst(y, 0.5))))))))
	z.SetLabel("z")
	if err := Backward(z, nil); err != nil {
		t.Fatal(err)
	}
	return z
}

func TestDOTGolden(t *testing.T) {
	L, _, _, _, _, _, _ := lectureL(t, NewArena())
	if err := Backward(L, nil); err != nil {
		t.Fatal(err)
	}
	chainRoot, _, _ := chain(NewArena(), 100)
	graphs := []struct {
		name string
		root *Value
		opt  DOTOptions
	}{
		{"lecture_L", L, DOTOptions{}},
		{"hostile_labels", hostileGraph(t), DOTOptions{}},
		{"all_ops", opsGraph(t), DOTOptions{}},
		{"max_nodes", chainRoot, DOTOptions{MaxNodes: 5}},
	}
	for _, g := range graphs {
		t.Run(g.name, func(t *testing.T) {
			got := dotOf(t, g.root, g.opt)
			if again := dotOf(t, g.root, g.opt); !bytes.Equal(got, again) {
				t.Error("two drawings differ")
			}
			path := filepath.Join("testdata", g.name+".dot")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("DOT differs from %s (go test -update to rewrite):\n%s", path, got)
			}
			checkWithGraphviz(t, got)
		})
	}
}

// TestDOTShape checks the lecture's graph the way the conformance suite's
// dotcheck.py does: records, op nodes, edges.
func TestDOTShape(t *testing.T) {
	L, _, _, _, _, _, _ := lectureL(t, NewArena())
	Backward(L, nil)
	text := string(dotOf(t, L, DOTOptions{}))
	if !strings.HasPrefix(text, "digraph") || !regexp.MustCompile(`rankdir\s*=\s*"?LR`).MatchString(text) {
		t.Error("not a digraph with rankdir=LR")
	}
	labels := regexp.MustCompile(`label\s*=\s*"((?:[^"\\]|\\.)*)"`).FindAllStringSubmatch(text, -1)
	rec := regexp.MustCompile(`^\s*\{\s*(.*?)\s*\|\s*data\s+(\S+)\s*\|\s*grad\s+(\S+)\s*\}\s*$`)
	var records, ops []string
	for _, l := range labels {
		if m := rec.FindStringSubmatch(l[1]); m != nil {
			records = append(records, strings.Join(m[1:], " "))
		} else {
			ops = append(ops, l[1])
		}
	}
	wantRec := "a 4.0000 -6.0000,b -3.0000 8.0000,d -12.0000 2.0000,c 8.0000 2.0000,e -4.0000 2.0000,f 2.0000 -4.0000,L -8.0000 1.0000"
	if got := strings.Join(records, ","); got != wantRec {
		t.Errorf("records %s\nwant    %s", got, wantRec)
	}
	if got := strings.Join(ops, ","); got != "*,+,*" {
		t.Errorf("ops %s", got)
	}
	if n := strings.Count(text, "->"); n != 9 {
		t.Errorf("%d edges, want 9", n)
	}
}

// TestDOTLabelsShown renders the hostile labels with Graphviz and checks
// that the SVG shows each label's text.
func TestDOTLabelsShown(t *testing.T) {
	if _, err := exec.LookPath("dot"); err != nil {
		t.Skip("graphviz's dot is not installed: labels not rendered")
	}
	svg := runDot(t, dotOf(t, hostileGraph(t), DOTOptions{}))
	shown := map[string]bool{}
	for _, m := range regexp.MustCompile(`<text[^>]*>([^<]*)</text>`).FindAllStringSubmatch(string(svg), -1) {
		shown[strings.ReplaceAll(html.UnescapeString(m[1]), "\u00a0", " ")] = true
	}
	for _, l := range hostileLabels {
		l = strings.ReplaceAll(l, "\r\n", "\n")
		l = strings.Map(func(r rune) rune {
			switch {
			case r == '\t':
				return ' '
			case r < ' ' && r != '\n':
				return r + 0x2400
			case r == 0x7f:
				return 0x2421
			}
			return r
		}, strings.ToValidUTF8(l, "\uFFFD"))
		for _, line := range strings.Split(l, "\n") {
			if !shown[line] {
				t.Errorf("label line %q not shown by graphviz", line)
			}
		}
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 7: "7", 999: "999", 1000: "1,000", 64981: "64,981", 1234567: "1,234,567"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q", n, got)
		}
	}
}

func checkWithGraphviz(t *testing.T, dot []byte) {
	t.Helper()
	if _, err := exec.LookPath("dot"); err != nil {
		t.Skip("graphviz's dot is not installed: DOT not checked by it")
	}
	runDot(t, dot)
}

func runDot(t *testing.T, dot []byte) []byte {
	t.Helper()
	cmd := exec.Command("dot", "-Tsvg")
	cmd.Stdin = bytes.NewReader(dot)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil || errb.Len() > 0 {
		t.Fatalf("dot -Tsvg: %v\n%s", err, errb.String())
	}
	return out.Bytes()
}

// FuzzDOTLabel: whatever the label, the record stays one well-formed DOT
// string of the form dotcheck.py reads, on one line.
func FuzzDOTLabel(f *testing.F) {
	for _, l := range hostileLabels {
		f.Add(l)
	}
	rec := regexp.MustCompile(`^  n0 \[shape=record, label="\{ ((?:[^"\\{}|<>\n]|\\.)*) \| data 1\.0000 \| grad 0\.0000 \}"(?:, [a-z]+=(?:"[^"]*"|\w+))*\];$`)
	f.Fuzz(func(t *testing.T, label string) {
		v := leaf(1)
		v.SetLabel(label)
		var b bytes.Buffer
		if err := WriteDOT(&b, v, DOTOptions{}); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(b.String(), "\n")
		if len(lines) != 5 || !rec.MatchString(lines[2]) {
			t.Fatalf("label %q gave\n%s", label, b.String())
		}
	})
}
