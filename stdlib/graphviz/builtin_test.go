package graphviz

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// lecture is the DOT that `mg dot` writes for the lecture's first graph,
// L = (a*b + c) * f after L.backward().
const lecture = `digraph G {
  rankdir=LR;
  n0 [shape=record, label="{ a | data 2.0000 | grad 6.0000 }"];
  n1 [shape=record, label="{ b | data -3.0000 | grad -4.0000 }"];
  n2 [shape=record, label="{ e | data -6.0000 | grad -2.0000 }"];
  op2 [label="*"];
  op2 -> n2;
  n0 -> op2;
  n1 -> op2;
  n3 [shape=record, label="{ c | data 10.0000 | grad -2.0000 }"];
  n4 [shape=record, label="{ d | data 4.0000 | grad -2.0000 }"];
  op4 [label="+"];
  op4 -> n4;
  n2 -> op4;
  n3 -> op4;
  n5 [shape=record, label="{ f | data -2.0000 | grad 4.0000 }"];
  n6 [shape=record, label="{ L | data -8.0000 | grad 1.0000 }", penwidth=2];
  op6 [label="*"];
  op6 -> n6;
  n4 -> op6;
  n5 -> op6;
}
`

// lectureText is every text the drawing of lecture must show.
var lectureText = []string{
	"a", "b", "c", "d", "e", "f", "L", "*", "+",
	"data 2.0000", "grad 6.0000", "data -3.0000", "grad -4.0000",
	"data -6.0000", "grad -2.0000", "data 10.0000", "data 4.0000",
	"data -2.0000", "grad 4.0000", "data -8.0000", "grad 1.0000",
}

// The child modes of this test binary, for TestBuiltinLoadsLazily: started
// with childEnv set, it does what the mode says from TestMain and exits.
const childEnv = "MG_GRAPHVIZ_TEST_CHILD"

func TestMain(m *testing.M) {
	switch os.Getenv(childEnv) {
	case "":
		os.Exit(m.Run())
	case "idle":
		os.Exit(0)
	case "draw":
		if _, err := drawBuiltin(context.Background(), []byte(graph), "svg"); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(2)
}

func TestBuiltinSVG(t *testing.T) {
	noDot(t)
	path, data := renderFile(t, lecture, "L.svg")
	if !bytes.Contains(data, []byte("<svg")) {
		t.Fatalf("%s holds no <svg> element:\n%s", path, data)
	}
	text := xmlText(t, data)
	for _, want := range lectureText {
		if !containsLine(text, want) {
			t.Errorf("the SVG has no text %q; its text is %q", want, text)
		}
	}
	// The boxes and arrows are there too: 7 records, 3 op ellipses, 9 edges.
	if n := bytes.Count(data, []byte(`class="node"`)); n != 10 {
		t.Errorf("the SVG has %d nodes, want 10", n)
	}
	if n := bytes.Count(data, []byte(`class="edge"`)); n != 9 {
		t.Errorf("the SVG has %d edges, want 9", n)
	}
}

func TestBuiltinPNG(t *testing.T) {
	noDot(t)
	path, data := renderFile(t, lecture, "L.png")
	if !bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")) {
		t.Fatalf("%s does not start with the PNG signature: % x", path, data[:min(len(data), 8)])
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("decoding %s: %v", path, err)
	}
	b := img.Bounds()
	if b.Dx() < 600 || b.Dy() < 100 {
		t.Errorf("the PNG is %v, too small for seven records side by side", b)
	}
	// A record's top and bottom borders are long horizontal dark lines,
	// which text never makes: they show that shapes are stroked, not
	// painted over with the background colour.
	if run := longestDarkRun(img); run < 150 {
		t.Errorf("the longest horizontal dark line in the PNG is %d pixels; a record's border is over 150", run)
	}
}

func TestBuiltinBadDOT(t *testing.T) {
	noDot(t)
	path := filepath.Join(t.TempDir(), "g.svg")
	err := Render([]byte("digraph { a -> }"), path)
	if err == nil {
		t.Fatal("no error for DOT with a syntax error")
	}
	for _, want := range []string{"dot: ", "built in", "syntax error", "g.svg"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error does not say %q: %v", want, err)
		}
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a failed render left %s behind (stat: %v)", path, err)
	}
	// The renderer still works after an error.
	if _, err := SVG([]byte(graph)); err != nil {
		t.Errorf("drawing after a syntax error: %v", err)
	}
}

func TestDrawWithoutGraphviz(t *testing.T) {
	noDot(t)
	svg, err := SVG([]byte(graph))
	if err != nil {
		t.Fatal(err)
	}
	text := xmlText(t, svg)
	for _, want := range []string{"data 4.0000", "grad -6.0000", "data -8.0000", "grad 3.0000"} {
		if !containsLine(text, want) {
			t.Errorf("SVG() has no text %q; its text is %q", want, text)
		}
	}
	pngData, err := Draw([]byte(graph), "PNG")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(pngData, []byte("\x89PNG\r\n\x1a\n")) {
		t.Errorf("Draw(..., \"PNG\") is not a PNG: % x", pngData[:min(len(pngData), 8)])
	}
	_, err = Draw([]byte(graph), "pdf")
	if !errors.Is(err, ErrNotInstalled) || !strings.HasPrefix(err.Error(), "dot: ") {
		t.Errorf("Draw(..., \"pdf\") without dot: want a dot: error matching ErrNotInstalled, got %v", err)
	}
	if !BuiltinDraws("svg") || !BuiltinDraws("PNG") || BuiltinDraws("pdf") {
		t.Error("BuiltinDraws does not match BuiltinFormats (svg and png, not pdf)")
	}
}

func TestBuiltinConcurrent(t *testing.T) {
	noDot(t)
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			svg, err := SVG([]byte(lecture))
			if err == nil && !bytes.Contains(svg, []byte("grad 1.0000")) {
				err = errors.New("the SVG lacks the text grad 1.0000")
			}
			errs[i] = err
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("drawing %d of %d at once: %v", i+1, len(errs), err)
		}
	}
}

func TestBuiltinTimeout(t *testing.T) {
	noDot(t)
	old := Timeout
	Timeout = time.Nanosecond
	t.Cleanup(func() {
		Timeout = old
		builtinMu.Lock() // let the abandoned drawing finish before other tests draw
		builtinMu.Unlock()
	})
	err := Render([]byte(lecture), filepath.Join(t.TempDir(), "g.svg"))
	if err == nil || !strings.Contains(err.Error(), "longer than 1ns") {
		t.Errorf("want a time-out error, got %v", err)
	}
}

// TestBuiltinLoadsLazily checks that a program that links the built-in
// renderer but draws nothing never loads it: the compiled module's cache
// directory appears only once something is drawn.
func TestBuiltinLoadsLazily(t *testing.T) {
	cacheHome := t.TempDir()
	run := func(mode string) {
		t.Helper()
		cmd := exec.Command(os.Args[0])
		cmd.Env = append(os.Environ(), childEnv+"="+mode, "XDG_CACHE_HOME="+cacheHome, "HOME="+cacheHome)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("the %s child: %v\n%s", mode, err, out)
		}
	}
	cache := filepath.Join(cacheHome, "go-graphviz")
	run("idle")
	if _, err := os.Stat(cache); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a program that drew nothing loaded the built-in renderer: %s exists (stat: %v)", cache, err)
	}
	if testing.Short() {
		return // the rest compiles the module afresh: seconds
	}
	run("draw")
	if entries, err := os.ReadDir(cache); err != nil || len(entries) == 0 {
		t.Fatalf("drawing did not load the built-in renderer through its cache in %s: %v, %d entries", cache, err, len(entries))
	}
}

// BenchmarkBuiltinSVG measures a drawing of the lecture's graph by the
// built-in renderer once it is loaded.
func BenchmarkBuiltinSVG(b *testing.B) {
	b.ReportAllocs()
	if _, err := drawBuiltin(context.Background(), []byte(lecture), "svg"); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := drawBuiltin(context.Background(), []byte(lecture), "svg"); err != nil {
			b.Fatal(err)
		}
	}
}

// longestDarkRun is the length of the longest horizontal run of dark
// pixels in img.
func longestDarkRun(img image.Image) int {
	b := img.Bounds()
	best := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		run := 0
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := img.At(x, y).RGBA()
			if a > 0x8000 && r < 0x6000 && g < 0x6000 && bl < 0x6000 {
				run++
				best = max(best, run)
			} else {
				run = 0
			}
		}
	}
	return best
}
