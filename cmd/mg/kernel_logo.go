package main

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
)

// Colours of the logo.
var (
	logoBack = color.NRGBA{0x1e, 0x29, 0x3b, 0xff}
	logoEdge = color.NRGBA{0x94, 0xa3, 0xb8, 0xff}
	logoLeaf = color.NRGBA{0x38, 0xbd, 0xf8, 0xff}
	logoRoot = color.NRGBA{0xf9, 0x73, 0x16, 0xff}
)

// logoPNG draws mg's logo, size pixels square: a small computation graph,
// two leaves feeding a root, on a dark rounded square.
func logoPNG(size int) ([]byte, error) {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	s := float64(size)
	leafA, leafB, root := [2]float64{0.27 * s, 0.28 * s}, [2]float64{0.27 * s, 0.72 * s}, [2]float64{0.73 * s, 0.5 * s}
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			p := [2]float64{float64(x) + 0.5, float64(y) + 0.5}
			c := color.NRGBA{}
			if inRoundedSquare(p, s, 0.2*s) {
				c = logoBack
			}
			if nearSegment(p, leafA, root, 0.045*s) || nearSegment(p, leafB, root, 0.045*s) {
				c = logoEdge
			}
			switch {
			case dist(p, root) < 0.17*s:
				c = logoRoot
			case dist(p, leafA) < 0.13*s, dist(p, leafB) < 0.13*s:
				c = logoLeaf
			}
			img.SetNRGBA(x, y, c)
		}
	}
	var b bytes.Buffer
	err := png.Encode(&b, img)
	return b.Bytes(), err
}

// inRoundedSquare reports whether p is inside the square [0,s]² with
// corners rounded to radius r.
func inRoundedSquare(p [2]float64, s, r float64) bool {
	cx := math.Min(math.Max(p[0], r), s-r)
	cy := math.Min(math.Max(p[1], r), s-r)
	return dist(p, [2]float64{cx, cy}) <= r
}

// nearSegment reports whether p is within w of the segment a-b.
func nearSegment(p, a, b [2]float64, w float64) bool {
	dx, dy := b[0]-a[0], b[1]-a[1]
	t := ((p[0]-a[0])*dx + (p[1]-a[1])*dy) / (dx*dx + dy*dy)
	t = math.Min(math.Max(t, 0), 1)
	return dist(p, [2]float64{a[0] + t*dx, a[1] + t*dy}) <= w
}

func dist(p, q [2]float64) float64 { return math.Hypot(p[0]-q[0], p[1]-q[1]) }
