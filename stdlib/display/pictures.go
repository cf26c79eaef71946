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

// SVG draws the graph with the graphviz package (Graphviz's dot program,
// else its built-in renderer: as dot(L, "g.svg") does), without the XML
// header and scaled to fit the width of the page it is shown in.
func (g Graph) SVG() (string, error) {
	data, err := graphviz.SVG([]byte(g.DOT))
	if err != nil {
		return "", err
	}
	return FitSVG(string(data)), nil
}

// renderTemp has draw write a file named name in a fresh temporary
// directory, and returns what it wrote. The file API of plot is reused as
// it is, so that a chart shown in a notebook is the one a file would hold.
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
// and lets a picture wider than the page shrink to its width, keeping its
// proportions (max-width with height auto; a viewBox is added when there
// is none). Its natural width and height stay, so that a viewer showing
// it as an image gets its size.
func FitSVG(svg string) string {
	if loc := svgStart.FindStringIndex(svg); loc != nil {
		svg = svg[loc[0]:]
	}
	tag := svgTag.FindString(svg)
	if tag == "" || strings.Contains(tag, " style=") {
		return svg
	}
	extra := ` style="max-width: 100%; height: auto"`
	if !strings.Contains(tag, "viewBox=") {
		size := map[string]string{}
		for _, a := range sizeAttr.FindAllStringSubmatch(tag, -1) {
			size[a[1]] = a[2]
		}
		if size["width"] == "" || size["height"] == "" {
			return svg
		}
		extra = fmt.Sprintf(` viewBox="0 0 %s %s"`, size["width"], size["height"]) + extra
	}
	end := len(tag) - 1
	if strings.HasSuffix(tag, "/>") {
		return strings.Replace(svg, tag, tag[:end-1]+extra+tag[end-1:], 1)
	}
	return strings.Replace(svg, tag, tag[:end]+extra+tag[end:]+wrapperStyle, 1)
}

// wrapperStyle lets the box the classic notebook wraps an SVG in shrink
// with it: that box takes the picture's natural width and height, so
// without it a wide graph is cut at the output area's right edge.
const wrapperStyle = `<style>.output_svg > div { max-width: 100%; height: auto !important; }</style>`

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
