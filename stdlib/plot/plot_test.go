package plot

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"image/png"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata with the current output")

// golden compares got with testdata/name.golden, or rewrites that file
// with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("the chart differs from %s (run go test -update if the change is intended)\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}

// lossCurve is a made-up training loss: falling, with a wobble.
func lossCurve(n int) []float64 {
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = 2.5*math.Exp(-float64(i)/8) + 0.1*math.Sin(float64(i)) + 0.2
	}
	return xs
}

// accuracyCurve is a made-up accuracy: rising towards 1.
func accuracyCurve(n int) []float64 {
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = 1 - math.Exp(-float64(i)/10)
	}
	return xs
}

func TestTerminalGolden(t *testing.T) {
	chart, warnings, err := Terminal([][]float64{lossCurve(40)}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) != 0 {
		t.Errorf("warnings for finite data: %q", warnings)
	}
	golden(t, "loss", chart)
}

func TestTerminalShortSeriesGolden(t *testing.T) {
	// Three points: each step gets a column of its own, 34 apart.
	chart, _, err := Terminal([][]float64{{3, 1, 2}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "short", chart)
}

func TestTerminalSeveralSeriesGolden(t *testing.T) {
	opt := Options{
		Title:  "training",
		Labels: []string{"loss", "accuracy"},
		XLabel: "step",
		YLabel: "value",
	}
	chart, warnings, err := Terminal([][]float64{lossCurve(61), accuracyCurve(61)}, opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) != 0 {
		t.Errorf("warnings for finite data: %q", warnings)
	}
	golden(t, "several", chart)

	lines := strings.Split(strings.TrimSuffix(chart, "\n"), "\n")
	if strings.TrimSpace(lines[0]) != "training" {
		t.Errorf("the first line is %q, want the title", lines[0])
	}
	if lines[1] != "value" {
		t.Errorf("the second line is %q, want the y label", lines[1])
	}
	legend := lines[len(lines)-1]
	for _, want := range []string{"─── loss", "═══ accuracy"} {
		if !strings.Contains(legend, want) {
			t.Errorf("the legend %q has no %q", legend, want)
		}
	}
	if strings.TrimSpace(lines[len(lines)-3]) != "step" {
		t.Errorf("the x label is not under the x axis: %q", lines[len(lines)-3])
	}
	// Each series is drawn with its own characters.
	if !strings.Contains(chart, "╰") || !strings.Contains(chart, "╔") {
		t.Errorf("the two series are not drawn differently:\n%s", chart)
	}
}

func TestTerminalLegendForManySeries(t *testing.T) {
	var series [][]float64
	var labels []string
	for i := range 7 {
		series = append(series, []float64{float64(i), float64(i + 1), float64(i)})
		labels = append(labels, string(rune('a'+i)))
	}
	chart, _, err := Terminal(series, Options{Labels: labels})
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(chart, "\n"), "\n")
	legend := lines[len(lines)-1]
	for _, want := range []string{"─── a", "═══ b", "••• c", "+++ d", "ooo e", "*** f", "─── g"} {
		if !strings.Contains(legend, want) {
			t.Errorf("the legend %q has no %q", legend, want)
		}
	}
}

func TestTerminalNaN(t *testing.T) {
	xs := lossCurve(40)
	xs[17] = math.NaN()
	xs[18] = math.Inf(1)
	xs[30] = math.Inf(-1)
	ys := accuracyCurve(40)
	ys[0] = math.NaN()
	chart, warnings, err := Terminal([][]float64{xs, ys}, Options{Labels: []string{"loss", "acc"}})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`left out 3 points that are not finite (series 1 "loss", first at index 17)`,
		`left out 1 point that is not finite (series 2 "acc", first at index 0)`,
	}
	if strings.Join(warnings, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(warnings, "\n"), strings.Join(want, "\n"))
	}
	if strings.Contains(chart, "NaN") || strings.Contains(chart, "Inf") {
		t.Errorf("the chart shows a non-finite number:\n%s", chart)
	}
	golden(t, "nan", chart)

	// Without labels, a series is named by its number only.
	_, warnings, err = Terminal([][]float64{{1, math.NaN(), 2}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) != 1 || warnings[0] != "left out 1 point that is not finite (first at index 1)" {
		t.Errorf("warnings = %q", warnings)
	}
}

func TestTerminalSize(t *testing.T) {
	for _, c := range []struct{ n, width, height, wantWidth, wantRows int }{
		{40, 0, 0, 40, 15},     // 40 steps fit in 70 columns: one each
		{200, 0, 0, 70, 15},    // squeezed into 70
		{3, 0, 0, 69, 15},      // stretched: 34 columns a step
		{200, 30, 5, 30, 5},    // as asked
		{10, 100, 20, 100, 20}, // 11 columns a step
		{1, 0, 0, 1, 15},       // one step, one column
	} {
		xs := make([]float64, c.n)
		for i := range xs {
			xs[i] = float64(i % 7)
		}
		chart, _, err := Terminal([][]float64{xs}, Options{Width: c.width, Height: c.height})
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSuffix(chart, "\n"), "\n")
		rows := lines[:len(lines)-2] // then the x axis and its numbers
		if c.n == 1 {
			rows = lines[:1] // one value: one row
			c.wantRows = 1
		}
		if len(rows) != c.wantRows {
			t.Errorf("n=%d width=%d height=%d: %d rows, want %d:\n%s", c.n, c.width, c.height, len(rows), c.wantRows, chart)
		}
		axis := lines[len(lines)-2]
		cols := utf8.RuneCountInString(axis) - (plotColumn(chart) - 1) // from the y axis
		if cols != c.wantWidth {
			t.Errorf("n=%d width=%d height=%d: %d columns, want %d:\n%s", c.n, c.width, c.height, cols, c.wantWidth, chart)
		}
	}
}

func TestTerminalPlainText(t *testing.T) {
	chart, _, err := Terminal([][]float64{lossCurve(10), accuracyCurve(10)}, Options{Labels: []string{"a", "b"}, Title: "t\nwith a line break"})
	if err != nil {
		t.Fatal(err)
	}
	if strings.ContainsRune(chart, '\x1b') {
		t.Errorf("the chart has escape sequences: %q", chart)
	}
	if !strings.HasSuffix(chart, "\n") || strings.HasSuffix(chart, "\n\n") {
		t.Errorf("the chart does not end in exactly one newline: %q", chart)
	}
	if !strings.Contains(chart, "t with a line break\n") {
		t.Errorf("a line break in the title was not replaced by a space:\n%s", chart)
	}
}

func TestTerminalExtremeValues(t *testing.T) {
	for _, xs := range [][]float64{
		{5, 5, 5},
		{-0.0, 0},
		{1e300, -1.7e308, 1.7e308, 0},
		{5e-324, 1e-323, 0},
		{1e-7, 2e-7, 1.5e-7},
		{1e15, 1e15 + 1, 1e15 + 0.5},
		{math.MaxFloat64, math.Inf(1), -math.MaxFloat64},
	} {
		done := make(chan struct{})
		go func() {
			defer close(done)
			chart, _, err := Terminal([][]float64{xs}, Options{})
			if err != nil {
				t.Errorf("%v: %v", xs, err)
			}
			if strings.Contains(chart, "NaN") || strings.Contains(chart, "Inf") || strings.Contains(chart, "-0.0 ") {
				t.Errorf("%v: a bad y label:\n%s", xs, chart)
			}
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("%v: Terminal did not finish", xs)
		}
	}
}

func TestTerminalLabels(t *testing.T) {
	chart, _, err := Terminal([][]float64{{0, 0.5, 1}}, Options{Height: 3})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{" 1.00 ┤", " 0.50 ┤", " 0.00 ┼"} {
		if !strings.Contains(chart, want) {
			t.Errorf("no y label %q in\n%s", want, chart)
		}
	}
	// The x axis numbers steps 0, 1 and 2: 0 under the y axis (where the
	// first point is drawn), the others under a tick 34 columns apart.
	lines := strings.Split(strings.TrimSuffix(chart, "\n"), "\n")
	axis, numbers := []rune(lines[len(lines)-2]), []rune(lines[len(lines)-1])
	y := strings.IndexRune(lines[0], '┤')
	y = utf8.RuneCountInString(lines[0][:y])
	want := map[int]rune{y: '└', y + 34: '┬', y + 68: '┬'}
	for col, r := range axis {
		if w, ok := want[col]; ok && r != w || !ok && r != ' ' && r != '─' {
			t.Errorf("the x axis has %q at column %d:\n%s", r, col, chart)
		}
	}
	if len(axis) != y+69 {
		t.Errorf("the x axis is %d columns long, want %d:\n%s", len(axis), y+69, chart)
	}
	if string(numbers) != strings.Repeat(" ", y)+"0"+strings.Repeat(" ", 33)+"1"+strings.Repeat(" ", 33)+"2" {
		t.Errorf("the steps are not numbered 0, 1, 2 under the ticks:\n%s", chart)
	}
}

func TestErrors(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		name   string
		series [][]float64
		labels []string
		want   string
	}{
		{"no series", nil, nil, "nothing to plot: give a list of numbers"},
		{"empty series", [][]float64{{1}, {}}, nil, "series 2 is empty: give it at least one number"},
		{"all nan", [][]float64{{math.NaN(), math.Inf(1), math.Inf(-1)}}, nil,
			"nothing to draw in the list: all 3 of its points are not finite (nan or inf)"},
		{"one nan", [][]float64{{1}, {math.NaN()}}, []string{"a", "b"},
			`nothing to draw in series 2 "b": its only point is not finite (nan or inf)`},
		{"too many labels", [][]float64{{1, 2}}, []string{"a", "b"}, "2 labels for 1 series: give one label per series, or none"},
		{"too few labels", [][]float64{{1, 2}, {3}}, []string{"a"}, "1 label for 2 series: give one label per series, or none"},
	} {
		_, _, err := Terminal(c.series, Options{Labels: c.labels})
		check := func(kind string, err error) {
			if err == nil {
				t.Errorf("%s, %s: no error", c.name, kind)
				return
			}
			if !strings.HasPrefix(err.Error(), c.want) {
				t.Errorf("%s, %s: error %q, want it to start with %q", c.name, kind, err, c.want)
			}
		}
		check("Terminal", err)
		path := filepath.Join(dir, "e.png")
		_, err = WriteFile(path, c.series, Options{Labels: c.labels})
		check("WriteFile", err)
		if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s: WriteFile wrote %s after an error", c.name, path)
		}
	}
}

func TestWritePNG(t *testing.T) {
	path := filepath.Join(t.TempDir(), "loss.png")
	warnings, err := WriteFile(path, [][]float64{lossCurve(100)}, Options{Title: "loss"})
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) != 0 {
		t.Errorf("warnings for finite data: %q", warnings)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")) {
		t.Fatalf("%s does not start with the PNG signature: % x", path, data[:min(8, len(data))])
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("decoding %s: %v", path, err)
	}
	if b := img.Bounds(); b.Dx() != 768 || b.Dy() != 480 {
		t.Errorf("the PNG is %dx%d, want 768x480", b.Dx(), b.Dy())
	}
	// Something is drawn in the series colour (matplotlib's blue).
	blue := false
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y && !blue; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r>>8 == 0x1f && g>>8 == 0x77 && bl>>8 == 0xb4 {
				blue = true
				break
			}
		}
	}
	if !blue {
		t.Error("no pixel of the series colour in the PNG")
	}
}

func TestWriteSVG(t *testing.T) {
	path := filepath.Join(t.TempDir(), "train.svg")
	opt := Options{Title: "training <run 1> & more", Labels: []string{"loss", "accuracy"}}
	if _, err := WriteFile(path, [][]float64{lossCurve(50), accuracyCurve(50)}, opt); err != nil {
		t.Fatal(err)
	}
	text := svgText(t, path)
	for _, want := range []string{"training <run 1> & more", "loss", "accuracy", "step", "value"} {
		if !strings.Contains(text, want) {
			t.Errorf("the SVG has no text %q; its text is %q", want, text)
		}
	}
	data, _ := os.ReadFile(path)
	for _, colour := range []string{"#1F77B4", "#FF7F0E"} { // blue, orange
		if !bytes.Contains(data, []byte(colour)) {
			t.Errorf("the SVG does not use the colour %s: the series are not told apart", colour)
		}
	}
}

func TestWriteSVGAxisLabels(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.SVG") // the extension in any case
	opt := Options{XLabel: "epoch", YLabel: "mean loss"}
	if _, err := WriteFile(path, [][]float64{{3, 2, 1.5}}, opt); err != nil {
		t.Fatal(err)
	}
	text := svgText(t, path)
	for _, want := range []string{"epoch", "mean loss"} {
		if !strings.Contains(text, want) {
			t.Errorf("the SVG has no text %q; its text is %q", want, text)
		}
	}
	for _, unwanted := range []string{"step", "value"} {
		if strings.Contains(text, unwanted) {
			t.Errorf("the SVG has the default label %q though another was given", unwanted)
		}
	}
}

func TestWritePDF(t *testing.T) {
	path := filepath.Join(t.TempDir(), "loss.pdf")
	if _, err := WriteFile(path, [][]float64{lossCurve(20)}, Options{}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Errorf("%s does not start with %%PDF-", path)
	}
}

func TestWriteFileNaN(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nan.svg")
	xs := lossCurve(30)
	xs[5], xs[6], xs[20] = math.NaN(), math.Inf(1), math.NaN()
	warnings, err := WriteFile(path, [][]float64{xs}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := "left out 3 points that are not finite (first at index 5)"
	if len(warnings) != 1 || warnings[0] != want {
		t.Errorf("warnings = %q, want [%q]", warnings, want)
	}
	svgText(t, path) // well-formed
	// A single point between two gaps is still drawn (as a dot).
	ys := []float64{math.NaN(), 1, math.NaN(), 2, 3}
	if _, err := WriteFile(path, [][]float64{ys}, Options{}); err != nil {
		t.Fatal(err)
	}
}

func TestWriteFileExtremeValues(t *testing.T) {
	dir := t.TempDir()
	for i, xs := range [][]float64{
		{5},
		{5, 5, 5},
		{1e300, -1.7e308, 1.7e308, 0},
		{5e-324, 1e-323, 0},
		{1e15, 1e15 + 1},
	} {
		done := make(chan struct{})
		go func() {
			defer close(done)
			if _, err := WriteFile(filepath.Join(dir, "x.png"), [][]float64{xs}, Options{}); err != nil {
				t.Errorf("case %d %v: %v", i, xs, err)
			}
		}()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Fatalf("case %d %v: WriteFile did not finish", i, xs)
		}
	}
}

func TestWriteFileUnsupported(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"loss.jpg", "loss.txt", "loss"} {
		_, err := WriteFile(filepath.Join(dir, name), [][]float64{{1, 2}}, Options{})
		if err == nil {
			t.Fatalf("%s: no error", name)
		}
		for _, ext := range FileTypes {
			if !strings.Contains(err.Error(), ext) {
				t.Errorf("%s: the error does not list %s: %v", name, ext, err)
			}
		}
		if strings.HasPrefix(err.Error(), "plot") {
			t.Errorf("%s: the error does not start with \"\": %v", name, err)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("files were written: %v", entries)
	}
}

func TestWriteFileMissingDirectory(t *testing.T) {
	_, err := WriteFile(filepath.Join(t.TempDir(), "no", "loss.png"), [][]float64{{1, 2}}, Options{})
	if err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("want an error that says the directory does not exist, got %v", err)
	}
}

func TestLegendPlacement(t *testing.T) {
	falling, _ := prepare([][]float64{lossCurve(50)}, nil, false)
	rising, _ := prepare([][]float64{accuracyCurve(50)}, nil, false)
	if !legendOnTop(falling) {
		t.Error("a falling curve puts the legend at the bottom, over its end")
	}
	if legendOnTop(rising) {
		t.Error("a rising curve puts the legend at the top, over its end")
	}
}

// svgText parses the SVG file at path as XML and returns its character
// data, one text node a line.
func svgText(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	var b strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s is not well-formed XML: %v", path, err)
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

func TestYFormatter(t *testing.T) {
	for _, c := range []struct {
		lo, hi float64
		rows   int
		in     float64
		want   string
	}{
		{0, 3, 14, 1.5, "1.50"},
		{0, 300, 14, 150, "150"},
		{0.001, 0.002, 14, 0.0015, "0.001500"},
		{1e-7, 2e-7, 14, 1.5e-7, "1.5e-07"},
		{0, 3, 14, -1e-17, "0.00"}, // never "-0.00"
		{5, 5, 14, 5, "5"},
		{1e15, 1e15 + 1, 5, 1e15 + 0.25, "1000000000000000.2"},
		{-1.7e308, 1.7e308, 14, 1.7e308, "1.7e+308"},
		{0, 1e-323, 14, 1e-323, "9.881e-324"},
	} {
		if got := yFormatter(c.lo, c.hi, c.rows)(c.in); got != c.want {
			t.Errorf("yFormatter(%g, %g, %d)(%g) = %s, want %s", c.lo, c.hi, c.rows, c.in, got, c.want)
		}
	}
}

// A one-step spike in a series longer than the chart is wide still shows:
// the axis reaches it and so does the line.
func TestTerminalKeepsPeaks(t *testing.T) {
	ys := []float64{0.9, 1.72, 0.74}
	for len(ys) < 100 {
		ys = append(ys, 0.5)
	}
	chart, _, err := Terminal([][]float64{ys}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	first, _, _ := strings.Cut(chart, "\n")
	if !strings.Contains(first, "1.72") {
		t.Errorf("top of the axis is %q, want the peak 1.72:\n%s", first, chart)
	}
	if got := squeeze([]float64{0, 5, 0, 0, 0, 0, 0}, 3); got[0] != 0 || got[1] != 5 || got[2] != 0 {
		t.Errorf("squeeze([0 5 0 0 0 0 0], 3) = %v, want [0 5 0]", got)
	}
}
