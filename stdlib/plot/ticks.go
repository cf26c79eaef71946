package plot

import (
	"math"
	"strconv"

	gonum "gonum.org/v1/plot"
)

// niceTicks marks an axis at round numbers: multiples of 1, 2 or 5 times
// a power of ten, about five of them, each labelled with the shortest
// decimal that names it (0.3, not 0.30000000000000004; 2.5e-09), with
// unlabelled ticks between them.
type niceTicks struct{}

// Ticks implements gonum's plot.Ticker.
func (niceTicks) Ticks(lo, hi float64) []gonum.Tick {
	if !(hi > lo) || math.IsInf(hi-lo, 0) {
		return valueTicks{}.Ticks(lo, hi)
	}
	m, e := niceStep((hi - lo) / 4)
	var ticks []gonum.Tick
	var first int64
	for {
		ticks = ticks[:0]
		first = int64(math.Ceil(lo / (float64(m) * math.Pow10(e))))
		for k := first; ; k++ {
			v, label := tickAt(k*m, e)
			if v > hi*(1+1e-12)+1e-300 || len(ticks) > 40 {
				break
			}
			ticks = append(ticks, gonum.Tick{Value: v, Label: label})
		}
		if len(ticks) >= 3 {
			break
		}
		m, e = smallerStep(m, e) // too few labels: the next rounder step down
	}
	// Unlabelled ticks between: steps of 0.2, 0.5 and 1 for 1, 2 and 5.
	parts := map[int64]int64{1: 5, 2: 4, 5: 5}[m]
	var out []gonum.Tick
	for i, t := range ticks {
		out = append(out, t)
		if i == len(ticks)-1 {
			break
		}
		for j := int64(1); j < parts; j++ {
			v, _ := tickAt(((first+int64(i))*parts+j)*m, e)
			out = append(out, gonum.Tick{Value: v / float64(parts)})
		}
	}
	return out
}

// niceStep returns the round step m×10^e (m is 1, 2 or 5) nearest above
// raw.
func niceStep(raw float64) (int64, int) {
	e := int(math.Floor(math.Log10(raw)))
	f := raw / math.Pow10(e)
	switch {
	case f <= 1:
		return 1, e
	case f <= 2:
		return 2, e
	case f <= 5:
		return 5, e
	}
	return 1, e + 1
}

// smallerStep is the round step below m×10^e: 5 to 2 to 1 to 0.5.
func smallerStep(m int64, e int) (int64, int) {
	switch m {
	case 5:
		return 2, e
	case 2:
		return 1, e
	}
	return 5, e - 1
}

// tickAt is the number n×10^e, read from its decimal text so that it is
// the float nearest the round number, and its shortest label.
func tickAt(n int64, e int) (float64, string) {
	v, _ := strconv.ParseFloat(strconv.FormatInt(n, 10)+"e"+strconv.Itoa(e), 64)
	if v == 0 {
		return 0, "0"
	}
	a := math.Abs(v)
	if a >= 1e-4 && a < 1e6 {
		return v, strconv.FormatFloat(v, 'f', -1, 64)
	}
	return v, strconv.FormatFloat(v, 'g', -1, 64)
}

// logTicks marks a log axis at the powers of ten in its range, labelled
// 0.01, 0.1, 1, 10, ... (1e-05 beyond), with unlabelled ticks at 2..9
// times each; a range within one decade gets niceTicks instead.
type logTicks struct{}

// Ticks implements gonum's plot.Ticker.
func (logTicks) Ticks(lo, hi float64) []gonum.Tick {
	a, b := int(math.Ceil(math.Log10(lo))), int(math.Floor(math.Log10(hi)))
	if b < a || b-a > 300 {
		return niceTicks{}.Ticks(lo, hi)
	}
	var ticks []gonum.Tick
	for e := a - 1; e <= b; e++ {
		for k := int64(1); k <= 9; k++ {
			v, label := tickAt(k, e)
			if v < lo || v > hi {
				continue
			}
			if k != 1 {
				label = ""
			}
			ticks = append(ticks, gonum.Tick{Value: v, Label: label})
		}
	}
	return ticks
}
