package display

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/mglang/mg/stdlib/graphviz"
	"github.com/mglang/mg/stdlib/plot"
)

// Graph is a graph as DOT text: its text form is the DOT, its picture
// what Graphviz draws of it.
type Graph struct {
	DOT string
}

// Text returns the DOT text.
func (g Graph) Text() string { return g.DOT }

// SVG draws the graph with the graphviz package (the same path as
// dot(L, "g.svg")), without the XML header and scaled to fit the width of
// the page it is shown in.
func (g Graph) SVG() (string, error) {
	data, err := renderTemp([]byte(g.DOT), "graph.svg", graphviz.Render)
	if err != nil {
		return "", err
	}
	return FitSVG(string(data)), nil
}

// renderTemp has draw write a file named name in a fresh temporary
// directory, and returns what it wrote. The file APIs of graphviz and
// plot are reused as they are, so that a picture shown in a notebook is
// the one a file would hold.
func renderTemp(src []byte, name string, draw func([]byte, string) error) ([]byte, error) {
	dir, err := os.MkdirTemp("", "mg-display-")
	if err != nil {
		return nil, fmt.Errorf("display: %v", err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, name)
	if err := draw(src, path); err != nil {
		return nil, err
	}
	return os.ReadFile(path)
}

// Patterns of FitSVG.
var (
	svgStart = regexp.MustCompile(`<svg\b`)
	svgTag   = regexp.MustCompile(`<svg\b[^>]*>`)
	sizeAttr = regexp.MustCompile(`\s(width|height)="([0-9.]+)(pt|px)?"`)
)

// FitSVG drops what comes before the <svg> element (the XML declaration,
// the doctype, comments), so that the SVG can be put inside an HTML page,
// and lets the picture shrink to the width of the page: the width and
// height become a maximum width, the viewBox keeps the proportions.
func FitSVG(svg string) string {
	if loc := svgStart.FindStringIndex(svg); loc != nil {
		svg = svg[loc[0]:]
	}
	tag := svgTag.FindString(svg)
	if tag == "" || strings.Contains(tag, "max-width") {
		return svg
	}
	width := ""
	if m := sizeAttr.FindAllStringSubmatch(tag, -1); m != nil {
		for _, a := range m {
			if a[1] == "width" {
				width = a[2] + orPx(a[3])
			}
		}
	}
	if width == "" {
		return svg
	}
	newTag := sizeAttr.ReplaceAllString(tag, "")
	newTag = strings.TrimSuffix(newTag, ">")
	newTag = strings.TrimSuffix(newTag, "/")
	newTag += fmt.Sprintf(` width="100%%" style="max-width: %s; height: auto"`, width) + ">"
	return strings.Replace(svg, tag, newTag, 1)
}

// orPx is unit, or px when the size has none.
func orPx(unit string) string {
	if unit == "" {
		return "px"
	}
	return unit
}

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
