package display

import (
	"github.com/mglang/mg/stdlib/plot"
)

// Chart is a line chart: its text form is the chart drawn with
// characters, its picture the SVG a chart file would hold.
type Chart struct {
	Series  [][]float64
	Options plot.Options
	// Chart is the text form, already drawn.
	Chart string
}

// Text returns the chart drawn with characters.
func (c Chart) Text() string { return c.Chart }

// SVG draws the chart as plot(xs, "chart.svg") would.
func (c Chart) SVG() (string, error) {
	data, err := renderTemp(nil, "chart.svg", func(_ []byte, path string) error {
		_, err := plot.WriteFile(path, c.Series, c.Options)
		return err
	})
	if err != nil {
		return "", err
	}
	return FitSVG(string(data)), nil
}
