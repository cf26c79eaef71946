package main

import (
	"bytes"
	"encoding/xml"
	"html"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const lectureL = `let a = 4.0
let b = -3.0
let c = 8.0
let d = a*b
let e = d + c
let f = 2.0
let L = e*f
L.backward()
`

func writeDotScript(t *testing.T, src string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "g.mg")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func needGraphviz(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("dot"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("Graphviz's dot is not installed; .ci/run installs it")
		}
		t.Skip("Graphviz's dot is not installed (apt-get install graphviz)")
	}
}

// mg dot prints the graph of the last Value bound, or of --node, with
// flags before or after the file.
func TestDotCLI(t *testing.T) {
	script := writeDotScript(t, lectureL+"let unrelated = 1.0\n")
	for _, args := range [][]string{
		{"dot", "--node", "L", script},
		{"dot", script, "--node", "L"},
	} {
		var out, errs bytes.Buffer
		if code := run(args, strings.NewReader(""), &out, &errs); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errs.String())
		}
		for _, want := range []string{"rankdir=LR", "{ L | data -8.0000 | grad 1.0000 }", "{ a | data 4.0000 | grad -6.0000 }"} {
			if !strings.Contains(out.String(), want) {
				t.Errorf("%v: DOT lacks %q:\n%s", args, want, out.String())
			}
		}
	}
	var out, errs bytes.Buffer
	run([]string{"dot", script}, strings.NewReader(""), &out, &errs)
	if !strings.Contains(out.String(), "{ unrelated | data 1.0000") || strings.Contains(out.String(), "{ L |") {
		t.Errorf("without --node, want the last Value bound (unrelated):\n%s", out.String())
	}
	out.Reset()
	errs.Reset()
	if code := run([]string{"dot", "--node", "nope", script}, strings.NewReader(""), &out, &errs); code != 1 || !strings.Contains(errs.String(), "no top-level Value named nope") {
		t.Errorf("unknown node: exit %d, stderr %q", code, errs.String())
	}
}

// The lecture's L graph rendered to SVG and PNG, through the dot builtin
// and through mg dot -o.
func TestRenderLecture(t *testing.T) {
	needGraphviz(t)
	dir := t.TempDir()
	svg, png := filepath.Join(dir, "L.svg"), filepath.Join(dir, "L.png")
	script := writeDotScript(t, lectureL+"dot(L, \""+svg+"\")\n")
	var errs bytes.Buffer
	if code := run([]string{"run", script}, strings.NewReader(""), io.Discard, &errs); code != 0 {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	if code := run([]string{"dot", "-o", png, script}, strings.NewReader(""), io.Discard, &errs); code != 0 {
		t.Fatalf("mg dot -o: exit %d: %s", code, errs.String())
	}
	data, err := os.ReadFile(svg)
	if err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(data, new(struct{})); err != nil {
		t.Errorf("SVG does not parse as XML: %v", err)
	}
	text := html.UnescapeString(string(data)) // Graphviz writes - as &#45;
	for _, label := range []string{"a", "b", "c", "d", "e", "f", "L", "data 4.0000", "grad -6.0000", "data -8.0000", "grad 1.0000", "data 2.0000", "grad -4.0000"} {
		if !strings.Contains(text, ">"+label+"<") {
			t.Errorf("SVG lacks the text %q", label)
		}
	}
	pic, err := os.ReadFile(png)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(pic, []byte("\x89PNG\r\n\x1a\n")) || len(pic) < 2000 {
		t.Errorf("PNG: signature %q, %d bytes", pic[:min(8, len(pic))], len(pic))
	}
}

// One step of the moons workload is a 65,481-node graph: drawn with the
// default cap it renders in seconds and says how much was left out.
func TestRenderW2Step(t *testing.T) {
	needGraphviz(t)
	if testing.Short() {
		t.Skip("renders a 500-node graph")
	}
	src, err := os.ReadFile(filepath.Join("..", "..", "testdata", "bench", "w2.mg"))
	if err != nil {
		t.Fatal(err)
	}
	svg := filepath.Join(t.TempDir(), "w2.svg")
	one := strings.Replace(string(src), "range(20)", "range(1)", 1) + "dot(total, \"" + svg + "\")\n"
	var errs bytes.Buffer
	if code := run([]string{"run", writeDotScript(t, one)}, strings.NewReader(""), io.Discard, &errs); code != 0 {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	data, err := os.ReadFile(svg)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte("more nodes")) {
		t.Errorf("SVG of a capped graph has no summary node")
	}
	if n := bytes.Count(data, []byte("class=\"node\"")); n < 500 || n > 1200 {
		t.Errorf("%d nodes drawn, want the 500 Values nearest the root and their ops", n)
	}
}

// Without Graphviz's dot program, SVG and PNG are drawn by the built-in
// renderer, through the dot builtin and through mg dot -o alike.
func TestRenderLectureWithoutGraphviz(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	dir := t.TempDir()
	svg, png := filepath.Join(dir, "L.svg"), filepath.Join(dir, "L.png")
	script := writeDotScript(t, lectureL+"dot(L, \""+svg+"\")\n")
	var errs bytes.Buffer
	if code := run([]string{"run", script}, strings.NewReader(""), io.Discard, &errs); code != 0 {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	if code := run([]string{"dot", "-o", png, script}, strings.NewReader(""), io.Discard, &errs); code != 0 {
		t.Fatalf("mg dot -o: exit %d: %s", code, errs.String())
	}
	data, err := os.ReadFile(svg)
	if err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(data, new(struct{})); err != nil {
		t.Errorf("SVG does not parse as XML: %v", err)
	}
	text := html.UnescapeString(string(data))
	for _, label := range []string{"a", "b", "c", "d", "e", "f", "L", "*", "+", "data 4.0000", "grad -6.0000", "data -3.0000", "grad 8.0000",
		"data 8.0000", "grad 2.0000", "data -12.0000", "data -4.0000", "data 2.0000", "grad -4.0000", "data -8.0000", "grad 1.0000"} {
		if !strings.Contains(text, ">"+label+"<") {
			t.Errorf("SVG lacks the text %q", label)
		}
	}
	pic, err := os.ReadFile(png)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(pic, []byte("\x89PNG\r\n\x1a\n")) || len(pic) < 2000 {
		t.Errorf("PNG: signature %q, %d bytes", pic[:min(8, len(pic))], len(pic))
	}
}

// Without Graphviz's dot program, asking for a PDF (which the built-in
// renderer cannot draw) writes the .dot beside it and fails with a message
// that says how to install Graphviz.
func TestRenderWithoutGraphviz(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	dir := t.TempDir()
	pdf := filepath.Join(dir, "g.pdf")
	script := writeDotScript(t, lectureL+"dot(L, \""+pdf+"\")\n")
	var errs bytes.Buffer
	code := run([]string{"run", script}, strings.NewReader(""), io.Discard, &errs)
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr: %s", code, errs.String())
	}
	for _, want := range []string{"g.mg:9:4:", "apt-get install graphviz", "g.dot", "dot -Tpdf", "only .svg and .png"} {
		if !strings.Contains(errs.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs.String())
		}
	}
	if data, err := os.ReadFile(filepath.Join(dir, "g.dot")); err != nil || !bytes.Contains(data, []byte("digraph")) {
		t.Errorf("fallback .dot file: %v %q", err, data)
	}
}
