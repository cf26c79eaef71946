package plot

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Options controls how a chart is drawn. The zero value is a chart with no
// title, no legend, the default axis labels and the default terminal size.
type Options struct {
	// Title is drawn above the chart; empty means no title.
	Title string
	// Labels names the series, one label per series, in a legend. Empty
	// (nil) means no legend; any other count than the number of series is
	// an error.
	Labels []string
	// XLabel and YLabel name the axes. WriteFile uses "step" and "value"
	// when they are empty; Terminal draws them only when they are set.
	XLabel, YLabel string
	// Width and Height are the size of a terminal chart's plot area: the
	// most columns it takes (from the y axis on) and its rows. Zero or less
	// means DefaultWidth and DefaultHeight. WriteFile ignores them: images
	// are always 8 by 5 inches (768×480 pixels for a PNG).
	Width, Height int
	// LogY draws the y axis on a log scale: every finite value must then
	// be positive.
	LogY bool
}

// prepared is series after validation: every point that is not finite is
// replaced by NaN, so that both renderers draw it as a gap.
type prepared struct {
	series   [][]float64
	n        int     // length of the longest series
	lo, hi   float64 // smallest and largest finite value over all series
	warnings []string
}

// prepare validates series and labels and collects the warnings about
// points that are not finite.
func prepare(series [][]float64, labels []string, logy bool) (*prepared, error) {
	if len(series) == 0 {
		return nil, fmt.Errorf("nothing to plot: give a list of numbers, such as plot([3, 1, 2])")
	}
	if len(labels) > 0 && len(labels) != len(series) {
		return nil, fmt.Errorf("%d %s for %d series: give one label per series, or none",
			len(labels), plural(len(labels), "label", "labels"), len(series))
	}
	p := &prepared{
		series: make([][]float64, len(series)),
		lo:     math.Inf(1),
		hi:     math.Inf(-1),
	}
	for i, s := range series {
		name := seriesName(i, len(series), labels)
		if len(s) == 0 {
			return nil, fmt.Errorf("%s is empty: give it at least one number", name)
		}
		clean := make([]float64, len(s))
		bad, first := 0, -1
		for j, v := range s {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				clean[j] = math.NaN()
				if bad == 0 {
					first = j
				}
				bad++
				continue
			}
			if logy && v <= 0 {
				return nil, fmt.Errorf("a log scale (logy=true) needs positive numbers: %s has %s at index %d",
					name, strconv.FormatFloat(v, 'g', -1, 64), j)
			}
			clean[j] = v
			p.lo = math.Min(p.lo, v)
			p.hi = math.Max(p.hi, v)
		}
		if bad == len(s) {
			if len(s) == 1 {
				return nil, fmt.Errorf("nothing to draw in %s: its only point is not finite (nan or inf); check the computation that produced it", name)
			}
			return nil, fmt.Errorf("nothing to draw in %s: all %d of its points are not finite (nan or inf); check the computation that produced them", name, len(s))
		}
		if bad > 0 {
			where := name + ", "
			if name == "the list" {
				where = ""
			}
			p.warnings = append(p.warnings, fmt.Sprintf("left out %d %s not finite (%sfirst at index %d)",
				bad, plural(bad, "point that is", "points that are"), where, first))
		}
		p.series[i] = clean
		p.n = max(p.n, len(s))
	}
	return p, nil
}

// seriesName names series i (counted from 0) of n in messages: "series 1",
// or `series 1 "loss"` when it has a label; "the list" when it is the only
// one.
func seriesName(i, n int, labels []string) string {
	name := fmt.Sprintf("series %d", i+1)
	if n == 1 {
		name = "the list"
	}
	if i < len(labels) && labels[i] != "" {
		return fmt.Sprintf("%s %q", name, labels[i])
	}
	return name
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// oneLine replaces line breaks and other control characters by spaces, so
// that a title or label cannot break a chart's layout.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s)
}
