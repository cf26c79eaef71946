package lang

import (
	"strings"
	"testing"
)

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

// TestNegatedMinIntLiteral: -9223372036854775808 is the smallest int, as in
// Python, where the positive literal alone does not fit; a ** or a postfix
// after it binds to the too-large literal first, so those stay errors.
func TestNegatedMinIntLiteral(t *testing.T) {
	for _, src := range []string{"-9223372036854775808", "-9_223_372_036_854_775_808"} {
		x, err := ParseExpr("n", src)
		if n, ok := x.(*IntLit); err != nil || !ok || n.Value != -9223372036854775808 || n.P.Col != 1 {
			t.Errorf("%s = %#v, %v; want the int -9223372036854775808 at column 1", src, x, err)
		}
	}
	if x, err := ParseExpr("n", "2 ** -9223372036854775808"); err != nil || x.(*BinaryExpr).Y.(*IntLit).Value != -9223372036854775808 {
		t.Errorf("2 ** -9223372036854775808 = %#v, %v", x, err)
	}
	if x, err := ParseExpr("n", "--9223372036854775808"); err != nil || x.(*UnaryExpr).X.(*IntLit).Value != -9223372036854775808 {
		t.Errorf("--9223372036854775808 = %#v, %v", x, err)
	}
	for _, bad := range []string{"9223372036854775808", "-9223372036854775809", "+9223372036854775808", "-9223372036854775808 ** 2", "-9223372036854775808[0]", "1 - 9223372036854775808"} {
		if _, err := ParseExpr("n", bad); err == nil || !strings.Contains(err.Error(), "integer literal too large") {
			t.Errorf("%s: %v, want integer literal too large", bad, err)
		}
	}
}
