package graphviz

import (
	"bytes"
	"encoding/xml"
	"errors"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// graph is a small graph shaped like the DOT that mg's dot builtin writes:
// record nodes for Values, plain nodes for ops.
const graph = `digraph {
  rankdir=LR;
  n0 [shape=record, label="{ a | data 4.0000 | grad -6.0000 }"];
  n1 [shape=record, label="{ b | data -2.0000 | grad 12.0000 }"];
  n2 [shape=record, label="{ c | data -8.0000 | grad 3.0000 }"];
  n2op [label="*"];
  n0 -> n2op;
  n1 -> n2op;
  n2op -> n2;
}
`

// needDot skips a test that draws with the real Graphviz when it is absent.
func needDot(t *testing.T) {
	t.Helper()
	if !Available() {
		t.Skip("Graphviz's dot program is not on PATH: skipping the test that draws with it " +
			"(install it with `apt-get install -y graphviz` or `brew install graphviz` to run it)")
	}
}

func TestRenderSVG(t *testing.T) {
	needDot(t)
	_, data := renderFile(t, graph, "g.svg")
	text := xmlText(t, data)
	for _, want := range []string{"a", "data 4.0000", "grad -6.0000", "data -2.0000", "grad 12.0000", "*"} {
		if !containsLine(text, want) {
			t.Errorf("the SVG has no text %q; its text is %q", want, text)
		}
	}
}

func TestRenderPNG(t *testing.T) {
	needDot(t)
	path := filepath.Join(t.TempDir(), "g.PNG") // the extension in any case
	if err := Render([]byte(graph), path); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")) {
		t.Fatalf("%s does not start with the PNG signature: % x", path, data[:min(len(data), 8)])
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("decoding %s: %v", path, err)
	}
	if b := img.Bounds(); b.Dx() < 100 || b.Dy() < 50 {
		t.Errorf("the PNG is %v, too small for three record nodes side by side", b)
	}
}

func TestRenderPDF(t *testing.T) {
	needDot(t)
	path, data := renderFile(t, graph, "g.pdf")
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Errorf("%s does not start with %%PDF-: %q", path, data[:min(len(data), 8)])
	}
}

func TestRenderBadDOTWithRealDot(t *testing.T) {
	needDot(t)
	path := filepath.Join(t.TempDir(), "g.svg")
	err := Render([]byte("digraph { a -> }"), path)
	if err == nil {
		t.Fatal("no error for DOT with a syntax error")
	}
	if !strings.Contains(err.Error(), "syntax error") {
		t.Errorf("the error does not carry Graphviz's message: %v", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a failed render left %s behind (stat: %v)", path, err)
	}
}

func TestRenderDOTVerbatim(t *testing.T) {
	// Writing DOT text needs no Graphviz: run with an empty PATH.
	t.Setenv("PATH", t.TempDir())
	dir := t.TempDir()
	weird := []byte("digraph { n0 [label=\"é \\\" {x}\"]; }\n\x00 not even DOT")
	for _, name := range []string{"g.dot", "g.gv", "G.DOT"} {
		path := filepath.Join(dir, name)
		if err := Render(weird, path); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, weird) {
			t.Errorf("%s holds %q, want the DOT text as is, %q", name, got, weird)
		}
	}
}

func TestRenderUnsupportedExtension(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"g.jpg", "g.txt", "graph"} {
		path := filepath.Join(dir, name)
		err := Render([]byte(graph), path)
		if err == nil {
			t.Fatalf("%s: no error", name)
		}
		msg := err.Error()
		for _, ext := range append(append([]string{}, TextTypes...), ImageTypes...) {
			if !strings.Contains(msg, ext) {
				t.Errorf("%s: the error does not list %s: %v", name, ext, msg)
			}
		}
		if !strings.HasPrefix(msg, "dot: ") {
			t.Errorf("%s: the error does not start with \"dot: \": %v", name, msg)
		}
		if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s was written", name)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Errorf("files were written for unsupported extensions: %v", entries)
	}
}

func TestRenderPDFWithoutGraphviz(t *testing.T) {
	noDot(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "g.pdf")
	dotPath := filepath.Join(dir, "g.dot")
	err := Render([]byte(graph), path)
	if err == nil {
		t.Fatal("no error for a PDF without Graphviz: never a silent no-op")
	}
	if !errors.Is(err, ErrNotInstalled) {
		t.Errorf("the error does not match ErrNotInstalled: %v", err)
	}
	got, rerr := os.ReadFile(dotPath)
	if rerr != nil {
		t.Fatalf("the DOT text was not written to %s: %v", dotPath, rerr)
	}
	if string(got) != graph {
		t.Errorf("%s holds %q, want the DOT text as is", dotPath, got)
	}
	if _, serr := os.Stat(path); !errors.Is(serr, os.ErrNotExist) {
		t.Errorf("%s was written without Graphviz", path)
	}
	msg := err.Error()
	for _, want := range []string{
		"Graphviz",
		"only .svg and .png files are drawn",
		"sudo apt-get install graphviz",
		"brew install graphviz",
		dotPath,
		"dot -Tpdf " + dotPath + " -o " + path,
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("the error does not say %q:\n%s", want, msg)
		}
	}
}

func TestRenderWithoutGraphvizQuotesPaths(t *testing.T) {
	noDot(t)
	dir := filepath.Join(t.TempDir(), "my graphs")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	err := Render([]byte(graph), filepath.Join(dir, "it's.pdf"))
	if err == nil {
		t.Fatal("no error")
	}
	want := "dot -Tpdf '" + filepath.Join(dir, `it'\''s.dot`) + "' -o '" + filepath.Join(dir, `it'\''s.pdf`) + "'"
	if !strings.Contains(err.Error(), want) {
		t.Errorf("the command is not quoted for a shell: want %s in\n%v", want, err)
	}
}

func TestRenderWithoutGraphvizMissingDirectory(t *testing.T) {
	noDot(t)
	path := filepath.Join(t.TempDir(), "no", "such", "g.pdf")
	err := Render([]byte(graph), path)
	if err == nil || !errors.Is(err, ErrNotInstalled) || !strings.Contains(err.Error(), "install Graphviz") {
		t.Fatalf("want an error that says Graphviz is needed, got %v", err)
	}
	if !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("the error does not say the directory is missing: %v", err)
	}
}

func TestRenderMissingDirectory(t *testing.T) {
	for _, name := range []string{"g.dot", "g.svg"} { // g.svg: drawn, by dot or the built-in renderer, then not written
		err := Render([]byte(graph), filepath.Join(t.TempDir(), "no", name))
		if err == nil || !strings.Contains(err.Error(), "does not exist") {
			t.Fatalf("%s: want an error that says the directory does not exist, got %v", name, err)
		}
	}
}

// noDot empties PATH, so that Graphviz's dot program cannot be found.
func noDot(t *testing.T) {
	t.Helper()
	t.Setenv("PATH", t.TempDir()) // an empty directory: no dot anywhere
	if Available() {
		t.Fatal("Available() is true with an empty PATH")
	}
}

// fakeDot puts a shell script named dot, with the given body, first on PATH.
func fakeDot(t *testing.T, body string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("the fake dot program is a shell script")
	}
	dir := t.TempDir()
	script := "#!/bin/sh\nPATH=/usr/bin:/bin:$PATH\n" + body + "\n"
	if err := os.WriteFile(filepath.Join(dir, "dot"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
}

func TestRenderPassesFormatAndStdin(t *testing.T) {
	fakeDot(t, `printf '%s|' "$@"; cat`)
	path := filepath.Join(t.TempDir(), "g.svg")
	if err := Render([]byte("digraph {}"), path); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	if string(got) != "-Tsvg|digraph {}" {
		t.Errorf("dot got %q, want the arguments -Tsvg and the DOT text on stdin", got)
	}
}

func TestRenderDotFails(t *testing.T) {
	fakeDot(t, `echo "Error: <stdin>: syntax error in line 1 near '}'" >&2; exit 1`)
	path := filepath.Join(t.TempDir(), "g.png")
	err := Render([]byte(graph), path)
	if err == nil {
		t.Fatal("no error when dot fails")
	}
	if !strings.Contains(err.Error(), "syntax error in line 1") || !strings.Contains(err.Error(), "exit status 1") {
		t.Errorf("the error does not include dot's stderr and status: %v", err)
	}
	if _, serr := os.Stat(path); !errors.Is(serr, os.ErrNotExist) {
		t.Errorf("a failed render left %s behind", path)
	}
}

func TestRenderDotPrintsNothing(t *testing.T) {
	fakeDot(t, `cat >/dev/null`)
	err := Render([]byte(""), filepath.Join(t.TempDir(), "g.svg"))
	if err == nil || !strings.Contains(err.Error(), "drew nothing") {
		t.Errorf("want an error for empty output, got %v", err)
	}
}

func TestRenderTimeout(t *testing.T) {
	fakeDot(t, `exec sleep 30`)
	old := Timeout
	Timeout = 200 * time.Millisecond
	t.Cleanup(func() { Timeout = old })
	start := time.Now()
	err := Render([]byte(graph), filepath.Join(t.TempDir(), "g.svg"))
	if err == nil || !strings.Contains(err.Error(), "longer than 200ms") {
		t.Errorf("want a time-out error, got %v", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Render took %v to give up after a 200ms time-out", d)
	}
}

func TestShellQuote(t *testing.T) {
	for in, want := range map[string]string{
		"g.svg":          "g.svg",
		"/tmp/a-b_c.dot": "/tmp/a-b_c.dot",
		"my g.svg":       "'my g.svg'",
		"it's":           `'it'\''s'`,
		"$x":             "'$x'",
		"":               "''",
	} {
		if got := shellQuote(in); got != want {
			t.Errorf("shellQuote(%q) = %s, want %s", in, got, want)
		}
	}
}

// xmlText parses data as XML and returns its character data, one line per
// text node (so that the test fails if the SVG is not well-formed).
func xmlText(t *testing.T, data []byte) string {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	dec.Entity = xml.HTMLEntity
	var b strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the SVG is not well-formed XML: %v", err)
		}
		if cd, ok := tok.(xml.CharData); ok {
			if s := strings.TrimSpace(string(cd)); s != "" {
				b.WriteString(s)
				b.WriteByte('\n')
			}
		}
	}
	return b.String()
}

func containsLine(text, line string) bool {
	for _, l := range strings.Split(text, "\n") {
		if l == line {
			return true
		}
	}
	return false
}

// renderFile renders src with Render into a file named name in a fresh
// directory and returns its path and what was written there.
func renderFile(t *testing.T, src, name string) (string, []byte) {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := Render([]byte(src), path); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return path, data
}
