package lang

import "testing"

// TestNumberLiteralUnderscores checks Python's underscores in number
// literals: single ones between digits (1_000, 1_0.5, 1e1_0), nothing else,
// and that both lexers agree on where such a literal ends.
func TestNumberLiteralUnderscores(t *testing.T) {
	for _, src := range []string{"1_000", "1_0.5", "1_000e1_0", "1__0", "1_", "1_.5", "1._5", "1e_5", ".5_5", "1_0.5_5e-1_2 x"} {
		if d := sameTokens(src); d != "" {
			t.Errorf("%q: %s", src, d)
		}
	}
	for _, tt := range []struct {
		src string
		v   float64
	}{{"1_0.5", 10.5}, {"1_000e1_0", 1e13}, {".5_5", 0.55}, {"1_0.2_5e-1_0", 10.25e-10}} {
		x, err := ParseExpr("n", tt.src)
		if f, ok := x.(*FloatLit); err != nil || !ok || f.Value != tt.v {
			t.Errorf("%s = %#v, %v; want %v", tt.src, x, err, tt.v)
		}
	}
	if x, err := ParseExpr("n", "1_000_000"); err != nil || x.(*IntLit).Value != 1000000 {
		t.Errorf("1_000_000 = %#v, %v", x, err)
	}
	for _, bad := range []string{"1__0", "1_", "1_.5", "1._5", "1e_5", "1_e5"} {
		if _, err := ParseExpr("n", bad); err == nil {
			t.Errorf("%s: no error, want invalid number (as Python)", bad)
		}
	}
}
