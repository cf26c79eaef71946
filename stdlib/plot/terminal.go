package plot

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/guptarohit/asciigraph"
)

// Default size of a terminal chart's plot area, used when Options.Width or
// Options.Height is zero or less. The y axis labels come on top of the width.
const (
	DefaultWidth  = 70
	DefaultHeight = 15
)

// seriesChars tells the series of a terminal chart apart without colour:
// the first is drawn with light box-drawing lines, the second with double
// lines, the next ones with plain characters. They repeat after the last.
var seriesChars = []asciigraph.CharSet{
	asciigraph.DefaultCharSet,
	{
		Horizontal:   "═",
		VerticalLine: "║",
		ArcDownRight: "╔",
		ArcDownLeft:  "╗",
		ArcUpRight:   "╚",
		ArcUpLeft:    "╝",
		EndCap:       "═",
		StartCap:     "═",
	},
	asciigraph.CreateCharSet("•"),
	asciigraph.CreateCharSet("+"),
	asciigraph.CreateCharSet("o"),
	asciigraph.CreateCharSet("*"),
}

// Terminal draws series (one or more lists of numbers) as a line chart for a
// terminal, with asciigraph. The plot area is at most Options.Width columns
// wide (default 70; a series longer than that is squeezed to fit, a shorter
// one stretched by a whole number of columns per step) and Options.Height
// rows high (default 15), with the y axis labels on its left. The x axis
// shows the step numbers, counted from 0. With several series, each is
// drawn with its own characters (light lines, double lines, dots, ...) and
// Options.Labels, when given, become a legend under the chart. The chart is
// plain text with no colour escapes; every line of it, the last included,
// ends in a newline.
//
// Points that are not finite are left out (a gap in the line) and reported in
// warnings. It is an error to give no series, an empty series, a series with
// no finite point, or a number of labels other than the number of series.
func Terminal(series [][]float64, opt Options) (chart string, warnings []string, err error) {
	p, err := prepare(series, opt.Labels, opt.LogY)
	if err != nil {
		return "", nil, err
	}
	if opt.LogY {
		p.toLog10()
	}
	height := opt.Height
	if height <= 0 {
		height = DefaultHeight
	}
	height = max(height, 2)
	format := yFormatter(p.lo, p.hi, height-1)
	if opt.LogY {
		format = powerFormatter
	}
	width := opt.Width
	if width <= 0 {
		width = fitWidth(p, format)
	}
	width = plotWidth(p.n, max(width, 2))

	// asciigraph works in the units of the data and overflows on numbers
	// near the ends of float64's range, so it is given every value as a
	// fraction of the way from the smallest (0) to the largest (1); the
	// y axis labels turn the fractions back into values.
	lo, hi := p.lo, p.hi
	unit, value := fractions(p.series, lo, hi)

	chars := make([]asciigraph.CharSet, len(p.series))
	for i := range chars {
		chars[i] = seriesChars[i%len(seriesChars)]
	}
	opts := []asciigraph.Option{
		asciigraph.Height(height - 1), // height-1 steps between the rows
		asciigraph.SeriesChars(chars...),
		asciigraph.YAxisValueFormatter(func(t float64) string {
			// At least two characters, or asciigraph leaves no space
			// between the label and the axis.
			return fmt.Sprintf("%2s", format(value(t)))
		}),
		asciigraph.XAxisRange(0, float64(p.n-1)),
		asciigraph.XAxisTickCount(xTickCount(p.n, width)),
		asciigraph.XAxisValueFormatter(func(v float64) string {
			return strconv.FormatFloat(math.Round(v), 'f', -1, 64)
		}),
		asciigraph.LineEnding("\n"),
	}
	if width > 1 {
		opts = append(opts, asciigraph.Width(width))
	}
	if p.n > width {
		for i := range unit {
			unit[i] = squeeze(unit[i], width)
		}
	}
	body, err := plotMany(unit, opts...)
	if err != nil {
		return "", nil, err
	}
	leftPad := plotColumn(body)
	body = alignXAxis(body, leftPad)

	var b strings.Builder
	centred := func(s string) {
		s = oneLine(s)
		indent := leftPad - 1 + (width-utf8.RuneCountInString(s))/2
		b.WriteString(strings.Repeat(" ", max(indent, 0)))
		b.WriteString(s)
		b.WriteByte('\n')
	}
	if opt.Title != "" {
		centred(opt.Title)
	}
	if opt.YLabel != "" {
		b.WriteString(oneLine(opt.YLabel))
		b.WriteByte('\n')
	}
	b.WriteString(body)
	b.WriteByte('\n')
	if opt.XLabel != "" {
		centred(opt.XLabel)
	}
	if len(opt.Labels) > 0 {
		items := make([]string, len(opt.Labels))
		for i, label := range opt.Labels {
			items[i] = strings.Repeat(chars[i].Horizontal, 3) + " " + oneLine(label)
		}
		b.WriteByte('\n')
		centred(strings.Join(items, "   "))
	}
	return b.String(), p.warnings, nil
}

// plotWidth returns how many columns a chart of n steps takes when it may
// take up to most: n squeezed into most when n > most; otherwise the widest
// (n-1)*k+1 <= most, so that every step falls on a column of its own, k
// columns from the previous one, with straight lines between.
func plotWidth(n, most int) int {
	if n > most {
		return most
	}
	if n == 1 {
		return 1
	}
	return (most-1)/(n-1)*(n-1) + 1
}

// plotColumn returns the column where the data starts in an asciigraph
// chart: one right of the y axis on its first line.
func plotColumn(body string) int {
	first, _, _ := strings.Cut(body, "\n")
	col := 0
	for _, r := range first {
		col++
		if r == '┤' || r == '┼' {
			return col
		}
	}
	return 0
}

// alignXAxis moves the x axis and its numbers of an asciigraph chart one
// column left. asciigraph draws the first point on the y axis and the line
// from point i-1 to point i in the i-th column right of it, but puts the
// tick of point i one column further right; moved, the tick of point 0 is
// the corner under the y axis and each other tick is under the column where
// the line reaches its point.
func alignXAxis(body string, leftPad int) string {
	lines := strings.Split(body, "\n")
	if len(lines) < 3 || leftPad < 1 {
		return body
	}
	axis := []rune(lines[len(lines)-2])
	if len(axis) <= leftPad || axis[leftPad-1] != '└' {
		return body
	}
	axis = append(axis[:leftPad-1], axis[leftPad:]...)
	axis[leftPad-1] = '└'
	lines[len(lines)-2] = string(axis)
	lines[len(lines)-1] = strings.TrimPrefix(lines[len(lines)-1], " ")
	return strings.Join(lines, "\n")
}

// xTickCount chooses how many step numbers to write under a chart of n steps
// drawn in width columns. asciigraph puts the ticks at evenly spaced columns
// and the step numbers are rounded to whole steps, so the count is chosen to
// make the ticks fall on whole steps when that matters.
func xTickCount(n, width int) int {
	span := n - 1
	if span == 0 {
		return 1
	}
	for _, d := range []int{4, 5, 3, 6, 2} {
		if span%d == 0 {
			return d + 1
		}
	}
	// Rounding a tick to a whole step moves it at most half a step, which
	// is (width-1)/span/2 columns: fine below one column.
	if float64(width-1)/float64(span)/2 < 1 {
		return 5
	}
	return 2
}

// yFormatter returns the y axis label format for values from lo to hi drawn
// in height rows: enough decimals to tell neighbouring rows apart, and an
// exponent for very large or very small numbers.
func yFormatter(lo, hi float64, height int) func(float64) string {
	interval := hi - lo
	maxAbs := math.Max(math.Abs(lo), math.Abs(hi))
	if interval == 0 {
		return func(v float64) string { return noNegZero(strconv.FormatFloat(v, 'g', -1, 64)) }
	}
	step := interval / float64(max(height, 1))
	if math.IsInf(interval, 0) || step < 1e-300 {
		return func(v float64) string { return noNegZero(strconv.FormatFloat(v, 'g', 4, 64)) }
	}
	e := int(math.Floor(math.Log10(step)))
	decimals := 1 - e
	if maxAbs >= 1e9 || decimals > 6 {
		digits := int(math.Floor(math.Log10(maxAbs))) - e + 2
		digits = min(max(digits, 2), 17)
		return func(v float64) string { return noNegZero(strconv.FormatFloat(v, 'g', digits, 64)) }
	}
	decimals = max(decimals, 0)
	return func(v float64) string { return noNegZero(strconv.FormatFloat(v, 'f', decimals, 64)) }
}

// noNegZero turns "-0.00" (a tiny negative rounded away) into "0.00".
func noNegZero(s string) string {
	if strings.HasPrefix(s, "-") && strings.Trim(s[1:], "0.") == "" {
		return s[1:]
	}
	return s
}

// fractions returns series with each value v replaced by the fraction
// (v-lo)/(hi-lo), and the function that turns a fraction back into a value.
// It keeps all the precision of the differences between values, and does
// not overflow when hi-lo is too big for a float64.
func fractions(series [][]float64, lo, hi float64) (unit [][]float64, value func(float64) float64) {
	interval := hi - lo
	toUnit := func(v float64) float64 { return (v - lo) / interval }
	value = func(t float64) float64 { return lo + t*interval }
	switch {
	case interval == 0:
		toUnit = func(float64) float64 { return 0 }
		value = func(float64) float64 { return lo }
	case math.IsInf(interval, 0):
		toUnit = func(v float64) float64 { return (v/2 - lo/2) / (hi/2 - lo/2) }
		value = func(t float64) float64 { return 2 * (lo/2 + t*(hi/2-lo/2)) }
	}
	unit = make([][]float64, len(series))
	for i, s := range series {
		unit[i] = make([]float64, len(s))
		for j, v := range s {
			if math.IsNaN(v) {
				unit[i][j] = math.NaN()
			} else {
				unit[i][j] = toUnit(v)
			}
		}
	}
	return unit, value
}

// plotMany calls asciigraph.PlotMany, turning a panic into an error.
func plotMany(series [][]float64, opts ...asciigraph.Option) (chart string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("could not draw the chart: %v", r)
		}
	}()
	return asciigraph.PlotMany(series, opts...), nil
}

// squeeze shrinks xs to w points, one per column, keeping peaks: each
// column shows the point of its share of xs that lies farthest from the
// point shown before it (interpolating instead would flatten a one-step
// spike, and the chart's axis would not reach the data's extremes).
// NaN marks a gap and is kept only where a column has nothing else.
func squeeze(xs []float64, w int) []float64 {
	out := make([]float64, w)
	out[0] = xs[0] // the first column is the first point; the rest share the rest
	prev, rest := xs[0], xs[1:]
	for c := 1; c < w; c++ {
		lo, hi := (c-1)*len(rest)/(w-1), c*len(rest)/(w-1)
		xs := rest
		best := math.NaN()
		for _, x := range xs[lo:max(hi, lo+1)] {
			switch {
			case math.IsNaN(x):
			case math.IsNaN(best):
				best = x
			case !math.IsNaN(prev) && math.Abs(x-prev) > math.Abs(best-prev):
				best = x
			}
		}
		out[c] = best
		if !math.IsNaN(best) {
			prev = best
		}
	}
	return out
}
