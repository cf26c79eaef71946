package plot

import (
	"math"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestNiceTicks: the labelled ticks of a file's y axis are round numbers
// (1, 2 or 5 times a power of ten, evenly spaced), labelled with their
// shortest decimal, inside the range, three to eleven of them.
func TestNiceTicks(t *testing.T) {
	for _, r := range [][2]float64{{0, 1}, {0.0023, 0.0081}, {0.1, 0.7}, {1.3, 2.9}, {-3.7, 12.2},
		{0.31, 0.33}, {1e-9, 3e-9}, {100, 1234}, {0.9, 1.05}, {-1e6, 1e6}, {2.5e10, 2.6e10}, {-0.3, -0.1}} {
		var labels []string
		var values []float64
		for _, tk := range (niceTicks{}).Ticks(r[0], r[1]) {
			if tk.Value < r[0]-1e-12*math.Abs(r[0]) || tk.Value > r[1]+1e-12*math.Abs(r[1]) {
				t.Errorf("%v: tick %v outside the range", r, tk.Value)
			}
			if tk.Label == "" {
				continue
			}
			labels = append(labels, tk.Label)
			values = append(values, tk.Value)
			v, err := strconv.ParseFloat(tk.Label, 64)
			if err != nil || v != tk.Value {
				t.Errorf("%v: label %q is not the tick's value %v", r, tk.Label, tk.Value)
			}
			mant, _, _ := strings.Cut(strings.TrimLeft(tk.Label, "-"), "e")
			if digits := strings.Trim(strings.ReplaceAll(mant, ".", ""), "0"); len(digits) > 4 {
				t.Errorf("%v: label %q is not a round number", r, tk.Label)
			}
		}
		if len(labels) < 3 || len(labels) > 11 {
			t.Errorf("%v: %d labels %q", r, len(labels), labels)
			continue
		}
		step := values[1] - values[0]
		m, _ := niceStep(step * 0.999999)
		if m != 1 && m != 2 && m != 5 {
			t.Errorf("%v: step %v is not 1, 2 or 5 times a power of ten", r, step)
		}
		for i := 2; i < len(values); i++ {
			if d := values[i] - values[i-1]; math.Abs(d-step) > 1e-9*math.Abs(step) {
				t.Errorf("%v: uneven steps %q", r, labels)
			}
		}
	}
	_, got := tickAt(3, -1)
	if got != "0.3" {
		t.Errorf("3e-1 labelled %q, want 0.3", got)
	}
}

func TestLogTicks(t *testing.T) {
	var labels []string
	for _, tk := range (logTicks{}).Ticks(0.003, 20) {
		if tk.Label != "" {
			labels = append(labels, tk.Label)
		}
	}
	if strings.Join(labels, " ") != "0.01 0.1 1 10" {
		t.Errorf("log ticks of [0.003, 20] labelled %q", labels)
	}
}

func TestLogY(t *testing.T) {
	loss := []float64{100, 10, 1, 0.1, 0.01}
	chart, _, err := Terminal([][]float64{loss}, Options{LogY: true, Width: 20, Height: 5})
	if err != nil {
		t.Fatal(err)
	}
	// On a log scale a tenfold fall at each step is a straight line: the
	// axis reads 100 at the top and 0.01 at the bottom, 1 in the middle.
	lines := strings.Split(chart, "\n")
	if !strings.HasPrefix(strings.TrimSpace(lines[0]), "100") || !strings.HasPrefix(strings.TrimSpace(lines[2]), "1 ") ||
		!strings.HasPrefix(strings.TrimSpace(lines[4]), "0.01") {
		t.Errorf("log chart:\n%s", chart)
	}
	_, _, err = Terminal([][]float64{{1, 0, 2}}, Options{LogY: true})
	if err == nil || err.Error() != "a log scale (logy=true) needs positive numbers: the list has 0 at index 1" {
		t.Errorf("error %v", err)
	}
	if _, err := WriteFile(t.TempDir()+"/log.svg", [][]float64{loss}, Options{LogY: true}); err != nil {
		t.Errorf("WriteFile with LogY: %v", err)
	}
}

// TestFitsTerminal: without a width, the chart takes the terminal's
// columns, labels included, less one.
func TestFitsTerminal(t *testing.T) {
	defer func(f func() int) { TerminalColumns = f }(TerminalColumns)
	for _, cols := range []int{40, 80, 132} {
		TerminalColumns = func() int { return cols }
		xs := make([]float64, 300)
		for i := range xs {
			xs[i] = math.Sin(float64(i) / 20)
		}
		chart, _, err := Terminal([][]float64{xs}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		widest := 0
		for _, l := range strings.Split(chart, "\n") {
			widest = max(widest, utf8.RuneCountInString(l))
		}
		if widest >= cols || widest < cols-4 {
			t.Errorf("%d columns: the chart is %d wide", cols, widest)
		}
	}
	TerminalColumns = func() int { return 0 }
	chart, _, _ := Terminal([][]float64{{1, 2, 3}}, Options{})
	if !strings.Contains(chart, "2") {
		t.Errorf("chart off a terminal:\n%s", chart)
	}
}

func TestEmptyList(t *testing.T) {
	_, _, err := Terminal([][]float64{{}}, Options{})
	if err == nil || !strings.HasPrefix(err.Error(), "the list is empty") {
		t.Errorf("error %v, want one saying the list is empty", err)
	}
}
