package plot

import (
	"math"
	"os"
	"strconv"
	"unicode/utf8"
)

// TerminalColumns is the width of the terminal the chart is drawn for
// when standard output is one: the COLUMNS environment variable, else the
// terminal's own width. It is 0 off a terminal (a file, a pipe, a
// notebook), where the default width keeps the output the same everywhere.
var TerminalColumns = func() int {
	cols := ttyColumns(os.Stdout)
	if cols <= 0 {
		return 0
	}
	if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n > 0 {
		return n
	}
	return cols
}

// fitWidth is the plot area's width when none is given: the terminal's
// width less the y axis labels (as format writes them), or DefaultWidth
// off a terminal.
func fitWidth(p *prepared, format func(float64) string) int {
	cols := TerminalColumns()
	if cols <= 0 {
		return DefaultWidth
	}
	label := max(utf8.RuneCountInString(format(p.lo)), utf8.RuneCountInString(format(p.hi)), 2)
	// The labels, the space and axis asciigraph puts after them, and one
	// column spare so that a line of exactly the terminal's width does not
	// wrap.
	return min(max(cols-label-4, 10), 500)
}

// toLog10 puts the prepared series on a log scale: each value becomes its
// base-10 logarithm (prepare has checked that they are positive).
func (p *prepared) toLog10() {
	for _, s := range p.series {
		for i, v := range s {
			if !math.IsNaN(v) {
				s[i] = math.Log10(v)
			}
		}
	}
	p.lo, p.hi = math.Log10(p.lo), math.Log10(p.hi)
}

// powerFormatter labels a log axis: the value whose base-10 logarithm is
// t, to three digits.
func powerFormatter(t float64) string {
	return strconv.FormatFloat(math.Pow(10, t), 'g', 3, 64)
}
