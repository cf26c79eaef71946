package stdlib

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"

	"github.com/mglang/mg/autograd"
	"github.com/mglang/mg/eval"
)

// The number builtins abs, int, float and round, with CPython's rules:
// ints are exact, round works on the exact binary value of a float and
// rounds halves to even, and int() and float() read the strings Python's do.

func absBuiltin(th *eval.Thread, args []eval.Object, kw []eval.Kwarg) (eval.Object, error) {
	var x eval.Object
	if err := eval.UnpackArgs("abs", args, kw, "x", &x); err != nil {
		return nil, err
	}
	switch v := boolInt(x).(type) {
	case eval.Int:
		if v == math.MinInt64 {
			return nil, fmt.Errorf("integer overflow in abs(): abs(%d) does not fit in 64 bits", v)
		}
		if v < 0 {
			return -v, nil
		}
		return v, nil
	case eval.Float:
		return eval.Float(math.Abs(float64(v))), nil
	case *autograd.Value:
		return nil, fmt.Errorf("abs() takes a number; for a Value use abs(x.data), or relu(x) + relu(-x) to keep it in the graph")
	}
	return nil, fmt.Errorf("abs() takes a number, not %s", eval.Article(x.Type()))
}

// boolInt turns a bool into the int 0 or 1, as Python's bool is an int.
func boolInt(x eval.Object) eval.Object {
	if b, ok := x.(eval.Bool); ok {
		if b {
			return eval.Int(1)
		}
		return eval.Int(0)
	}
	return x
}

func intBuiltin(th *eval.Thread, args []eval.Object, kw []eval.Kwarg) (eval.Object, error) {
	var x eval.Object
	if err := eval.UnpackArgs("int", args, kw, "x", &x); err != nil {
		return nil, err
	}
	var f float64
	switch v := boolInt(x).(type) {
	case eval.Int:
		return v, nil
	case eval.String:
		return parseInt(string(v))
	case eval.Float:
		f = float64(v)
	case *autograd.Value:
		f = v.Data
	default:
		return nil, fmt.Errorf("int() takes a number or a string, not %s", eval.Article(x.Type()))
	}
	if math.IsNaN(f) || math.IsInf(f, 0) || f >= 0x1p63 || f < -0x1p63 {
		return nil, fmt.Errorf("int(): %s does not fit in an int (64 bits)", autograd.FormatFloat(f))
	}
	return eval.Int(int64(f)), nil // int64() truncates toward zero, as int()
}

// trimSpace strips what Python's int() and float() strip.
func trimSpace(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r >= 0x1c && r <= 0x1f })
}

// digitsOK reports whether s is a run of decimal digits in which single
// underscores may separate two digits, as Python's numeric strings allow.
func digitsOK(s string) bool {
	if s == "" || s[0] == '_' || s[len(s)-1] == '_' || strings.Contains(s, "__") {
		return false
	}
	for i := 0; i < len(s); i++ {
		if (s[i] < '0' || s[i] > '9') && s[i] != '_' {
			return false
		}
	}
	return true
}

// parseInt is int(s) in base 10: spaces around, a sign, digits with
// single underscores between them.
func parseInt(s string) (eval.Object, error) {
	t := trimSpace(s)
	body := strings.TrimLeft(t, "+-")
	if len(t)-len(body) > 1 || !digitsOK(body) {
		return nil, fmt.Errorf("int(): not an integer: %s", eval.Quote(s))
	}
	i, err := strconv.ParseInt(strings.ReplaceAll(t, "_", ""), 10, 64)
	if err != nil {
		return nil, fmt.Errorf("int(): %s does not fit in an int (64 bits)", eval.Quote(s))
	}
	return eval.Int(i), nil
}

func floatBuiltin(th *eval.Thread, args []eval.Object, kw []eval.Kwarg) (eval.Object, error) {
	var x eval.Object
	if err := eval.UnpackArgs("float", args, kw, "x", &x); err != nil {
		return nil, err
	}
	switch v := x.(type) {
	case *autograd.Value:
		return eval.Float(v.Data), nil
	case eval.String:
		return parseFloat(string(v))
	}
	f, ok := eval.Number(x)
	if !ok {
		return nil, fmt.Errorf("float() takes a number or a string, not %s", eval.Article(x.Type()))
	}
	return eval.Float(f), nil
}

// parseFloat is Python's float(s): spaces around, a sign, then inf,
// infinity or nan in any case, or a decimal number whose digit runs may
// hold single underscores between digits; no hexadecimal. A number beyond
// the float range is inf (or 0.0), as in Python.
func parseFloat(s string) (eval.Object, error) {
	t := trimSpace(s)
	body := t
	if body != "" && (body[0] == '+' || body[0] == '-') {
		body = body[1:]
	}
	switch strings.ToLower(body) {
	case "inf", "infinity":
		if t[0] == '-' {
			return eval.Float(math.Inf(-1)), nil
		}
		return eval.Float(math.Inf(1)), nil
	case "nan":
		return eval.Float(math.NaN()), nil
	}
	if !decimalOK(body) {
		return nil, fmt.Errorf("float(): not a number: %s", eval.Quote(s))
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(t, "_", ""), 64)
	if err != nil && !strings.Contains(err.Error(), "range") {
		return nil, fmt.Errorf("float(): not a number: %s", eval.Quote(s))
	}
	return eval.Float(f), nil
}

// decimalOK reports whether s (no sign) is digits[.digits][e[sign]digits]
// with at least one digit before or after the point.
func decimalOK(s string) bool {
	mant, exp, hasExp := strings.Cut(strings.ToLower(s), "e")
	if hasExp {
		exp = strings.TrimPrefix(strings.TrimPrefix(exp, "+"), "-")
		if !digitsOK(exp) || strings.ContainsAny(exp, "+-") {
			return false
		}
	}
	whole, frac, hasPoint := strings.Cut(mant, ".")
	if !hasPoint {
		return digitsOK(whole)
	}
	return (whole != "" || frac != "") && (whole == "" || digitsOK(whole)) && (frac == "" || digitsOK(frac))
}
