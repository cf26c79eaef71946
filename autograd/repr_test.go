package autograd

import (
	"bufio"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestFormatFloatTable checks FormatFloat against testdata/repr.txt, a table
// of float.hex() -> repr(float) pairs produced by CPython 3.11 with
// testdata/gen_repr.py (see that script for how to regenerate it).
func TestFormatFloatTable(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "repr.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n, bad := 0, 0
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		hex, want, ok := strings.Cut(line, " ")
		if !ok {
			t.Fatalf("bad line %q", line)
		}
		x, err := strconv.ParseFloat(hex, 64)
		if err != nil {
			t.Fatalf("bad float %q: %v", hex, err)
		}
		n++
		if got := FormatFloat(x); got != want {
			bad++
			if bad <= 20 {
				t.Errorf("FormatFloat(%s) = %q, want %q", hex, got, want)
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if bad > 0 {
		t.Errorf("%d of %d values differ from CPython", bad, n)
	}
	if n < 2000 {
		t.Errorf("table has only %d values", n)
	}
}

// TestFormatFloatExamples spells out a few cases for readers.
func TestFormatFloatExamples(t *testing.T) {
	// Variables, so that 0.1+0.2 and 1/3 are computed in float64 rather than
	// folded exactly as untyped constants.
	a, b, one, three := 0.1, 0.2, 1.0, 3.0
	for _, c := range []struct {
		x    float64
		want string
	}{
		{0, "0.0"},
		{math.Copysign(0, -1), "-0.0"},
		{math.Inf(1), "inf"},
		{math.Inf(-1), "-inf"},
		{math.NaN(), "nan"},
		{a + b, "0.30000000000000004"},
		{one / three, "0.3333333333333333"},
		{1234567.0, "1234567.0"},
		{1e15, "1000000000000000.0"},
		{9999999999999998.0, "9999999999999998.0"},
		{1e16, "1e+16"},
		{123456789012345678.0, "1.2345678901234568e+17"},
		{0.0001, "0.0001"},
		{1e-05, "1e-05"},
		{5e-324, "5e-324"},
		{math.MaxFloat64, "1.7976931348623157e+308"},
		{-0.7312715117751976, "-0.7312715117751976"},
	} {
		if got := FormatFloat(c.x); got != c.want {
			t.Errorf("FormatFloat(%v) = %q, want %q", c.x, got, c.want)
		}
	}
}
