package plot

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	gonum "gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Size of the images WriteFile draws. A PNG is 96 pixels per inch, so
// 768×480 pixels.
const (
	imageWidth  = 8 * vg.Inch
	imageHeight = 5 * vg.Inch
)

// FileTypes lists the file name extensions WriteFile accepts.
var FileTypes = []string{".png", ".svg", ".pdf"}

// palette is matplotlib's default ("tab10") colour cycle.
var palette = []color.RGBA{
	{0x1f, 0x77, 0xb4, 0xff}, // blue
	{0xff, 0x7f, 0x0e, 0xff}, // orange
	{0x2c, 0xa0, 0x2c, 0xff}, // green
	{0xd6, 0x27, 0x28, 0xff}, // red
	{0x94, 0x67, 0xbd, 0xff}, // purple
	{0x8c, 0x56, 0x4b, 0xff}, // brown
	{0xe3, 0x77, 0xc2, 0xff}, // pink
	{0x7f, 0x7f, 0x7f, 0xff}, // grey
	{0xbc, 0xbd, 0x22, 0xff}, // olive
	{0x17, 0xbe, 0xcf, 0xff}, // cyan
}

// WriteFile writes a line chart of series (one or more lists of numbers) to
// path with gonum.org/v1/plot. The extension of path, in any case, chooses
// the format: ".png", ".svg" or ".pdf" (see FileTypes); any other is an
// error. The x axis is the step (the index in the list, from 0), labelled
// Options.XLabel or "step"; the y axis is the value, labelled Options.YLabel
// or "value". Options.Title is drawn above the chart, and Options.Labels,
// when given, become a legend. Each series has its own colour. The image is
// drawn in memory first, so a failure leaves no half-written file.
//
// Points that are not finite are left out (a gap in the line) and reported in
// warnings. It is an error to give no series, an empty series, a series with
// no finite point, or a number of labels other than the number of series.
func WriteFile(path string, series [][]float64, opt Options) (warnings []string, err error) {
	format, err := formatOf(path)
	if err != nil {
		return nil, err
	}
	p, err := prepare(series, opt.Labels, opt.LogY)
	if err != nil {
		return nil, err
	}
	defer func() {
		// gonum panics on some ranges it cannot lay out; never crash mg.
		if r := recover(); r != nil {
			warnings, err = nil, fmt.Errorf("could not draw %s: %v", path, r)
		}
	}()

	plt := gonum.New()
	plt.Title.Text = oneLine(opt.Title)
	plt.X.Label.Text = oneLine(orDefault(opt.XLabel, "step"))
	plt.Y.Label.Text = oneLine(orDefault(opt.YLabel, "value"))
	plt.X.Tick.Marker = stepTicks{}
	plt.Y.Tick.Marker = niceTicks{}
	plt.Y.Scale = linearScale{}
	if opt.LogY {
		plt.Y.Tick.Marker = logTicks{}
		plt.Y.Scale = gonum.LogScale{}
	}
	sans := func(f *font.Font, size vg.Length) {
		f.Variant = "Sans"
		f.Size = size
	}
	sans(&plt.Title.TextStyle.Font, 14)
	sans(&plt.X.Label.TextStyle.Font, 12)
	sans(&plt.Y.Label.TextStyle.Font, 12)
	sans(&plt.X.Tick.Label.Font, 10)
	sans(&plt.Y.Tick.Label.Font, 10)
	sans(&plt.Legend.TextStyle.Font, 11)
	plt.Title.Padding = vg.Points(8)
	grid := plotter.NewGrid()
	grid.Vertical.Color = color.Gray{0xdd}
	grid.Horizontal.Color = color.Gray{0xdd}
	plt.Add(grid)

	for i, s := range p.series {
		col := palette[i%len(palette)]
		line := draw.LineStyle{Color: col, Width: vg.Points(1.5)}
		for _, seg := range segments(s) {
			if len(seg) == 1 {
				// A point with gaps on both sides: draw it as a dot.
				plt.Add(&plotter.Scatter{XYs: seg, GlyphStyle: draw.GlyphStyle{
					Color: col, Radius: vg.Points(2), Shape: draw.CircleGlyph{},
				}})
				continue
			}
			plt.Add(&plotter.Line{XYs: seg, LineStyle: line})
		}
		if len(opt.Labels) > 0 {
			plt.Legend.Add(oneLine(opt.Labels[i]), &plotter.Line{LineStyle: line})
		}
	}
	if p.n == 1 {
		plt.X.Min, plt.X.Max = -0.5, 0.5
	} else {
		plt.X.Min, plt.X.Max = 0, float64(p.n-1)
	}
	plt.Legend.Top = legendOnTop(p)
	plt.Legend.XOffs = -vg.Points(6)
	if plt.Legend.Top {
		plt.Legend.YOffs = -vg.Points(6)
	} else {
		plt.Legend.YOffs = vg.Points(6)
	}

	w, err := plt.WriterTo(imageWidth, imageHeight, format)
	if err != nil {
		return nil, fmt.Errorf("could not draw %s: %v", path, err)
	}
	var buf bytes.Buffer
	if _, err := w.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("could not draw %s: %v", path, err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return nil, writeError(path, err)
	}
	return p.warnings, nil
}

// formatOf returns gonum's format name for path's extension.
func formatOf(path string) (string, error) {
	ext := strings.ToLower(filepath.Ext(path))
	for _, t := range FileTypes {
		if ext == t {
			return ext[1:], nil
		}
	}
	supported := "use a file name ending in .png, .svg or .pdf, or give no file name to draw the chart in the terminal"
	if ext == "" {
		return "", fmt.Errorf("cannot tell what kind of image %q should be, it has no extension: %s", path, supported)
	}
	return "", fmt.Errorf("cannot write %q: %s files are not supported: %s", path, ext, supported)
}

// writeError explains a failure to write path.
func writeError(path string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("cannot write %s: the directory %s does not exist; create it first or choose another path", path, filepath.Dir(path))
	}
	return fmt.Errorf("cannot write %s: %v", path, err)
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// segments splits a series into its runs of finite points, as x, y pairs
// with x the index in the series.
func segments(s []float64) []plotter.XYs {
	var segs []plotter.XYs
	var cur plotter.XYs
	for i, v := range s {
		if math.IsNaN(v) {
			if len(cur) > 0 {
				segs = append(segs, cur)
				cur = nil
			}
			continue
		}
		cur = append(cur, plotter.XY{X: float64(i), Y: v})
	}
	if len(cur) > 0 {
		segs = append(segs, cur)
	}
	return segs
}

// legendOnTop tells whether the legend (in the right-hand corner) goes at
// the top: yes unless the right part of the chart is mostly in its top
// half, as for a rising accuracy curve; a falling loss curve leaves the top
// right corner free.
func legendOnTop(p *prepared) bool {
	if p.hi == p.lo {
		return true
	}
	from := int(math.Ceil(0.6 * float64(p.n-1)))
	var sum float64
	var count int
	for _, s := range p.series {
		for i := from; i < len(s); i++ {
			if !math.IsNaN(s[i]) {
				sum += linearScale{}.Normalize(p.lo, p.hi, s[i])
				count++
			}
		}
	}
	return count == 0 || sum/float64(count) < 0.5
}

// stepTicks marks the x axis like gonum's default ticks, but labels only
// whole steps.
type stepTicks struct{}

// Ticks implements gonum's plot.Ticker.
func (stepTicks) Ticks(min, max float64) []gonum.Tick {
	ticks := gonum.DefaultTicks{}.Ticks(min, max)
	for i, t := range ticks {
		if t.Label == "" {
			continue
		}
		if t.Value != math.Trunc(t.Value) {
			ticks[i].Label = ""
			continue
		}
		ticks[i].Label = strconv.FormatFloat(t.Value, 'f', -1, 64)
	}
	return ticks
}

// valueTicks marks an axis with gonum's default ticks, except when the
// range is too wide for a float64 (from near -1.8e308 to near +1.8e308),
// where gonum's tick search does not finish: then five evenly spaced
// ticks. niceTicks falls back on it for such a range.
type valueTicks struct{}

// Ticks implements gonum's plot.Ticker.
func (valueTicks) Ticks(min, max float64) []gonum.Tick {
	if r := max - min; !math.IsInf(r, 0) {
		return gonum.DefaultTicks{}.Ticks(min, max)
	}
	ticks := make([]gonum.Tick, 5)
	for i := range ticks {
		v := min + float64(i)*(max/4-min/4)
		ticks[i] = gonum.Tick{Value: v, Label: strconv.FormatFloat(v, 'g', 3, 64)}
	}
	return ticks
}

// linearScale is gonum's linear axis scale, made safe for a range too wide
// for a float64.
type linearScale struct{}

// Normalize implements gonum's plot.Normalizer.
func (linearScale) Normalize(min, max, x float64) float64 {
	if r := max - min; !math.IsInf(r, 0) {
		return (x - min) / r
	}
	return (x/2 - min/2) / (max/2 - min/2)
}
