package eval

import (
	"fmt"
	"math"
	"strings"

	"github.com/mglang/mg/autograd"
)

// Binary applies a binary arithmetic operator (+ - * / // % **) with
// Python's rules between numbers; if either side is a Value the result is a
// new graph node and a number operand becomes an unlabeled constant leaf.
func Binary(th *Thread, op string, x, y Object) (Object, error) {
	x, y = boolToInt(x), boolToInt(y) // as Python: true + 1 == 2
	if _, ok := x.(Int); ok && op == "*" {
		switch y.(type) {
		case *List, String:
			x, y = y, x // 3 * [0] as [0] * 3
		}
	}
	xv, xok := x.(*autograd.Value)
	yv, yok := y.(*autograd.Value)
	if xok || yok {
		return valueBinary(th, op, x, y, xv, yv)
	}
	switch x := x.(type) {
	case Int:
		switch y := y.(type) {
		case Int:
			return intBinary(op, x, y)
		case Float:
			return floatBinary(op, float64(x), float64(y))
		}
	case Float:
		switch y := y.(type) {
		case Int:
			return floatBinary(op, float64(x), float64(y))
		case Float:
			return floatBinary(op, float64(x), float64(y))
		}
	case String:
		switch y := y.(type) {
		case String:
			if op == "+" {
				if err := checkLen("string", op, int64(len(x)), 1, int64(len(y))); err != nil {
					return nil, err
				}
				return x + y, nil
			}
		case Int:
			if op == "*" {
				n := max(0, int64(y))
				if err := checkLen("string", op, int64(len(x)), n, 0); err != nil {
					return nil, err
				}
				return String(strings.Repeat(string(x), int(n))), nil
			}
		}
	case *List:
		switch y := y.(type) {
		case *List:
			if op == "+" {
				if err := checkLen("list", op, int64(len(x.Elems)), 1, int64(len(y.Elems))); err != nil {
					return nil, err
				}
				elems := make([]Object, 0, len(x.Elems)+len(y.Elems))
				return NewList(append(append(elems, x.Elems...), y.Elems...)), nil
			}
		case Int:
			if op == "*" {
				n := max(0, int64(y))
				if err := checkLen("list", op, int64(len(x.Elems)), n, 0); err != nil {
					return nil, err
				}
				elems := make([]Object, 0, int64(len(x.Elems))*n)
				for i := int64(0); i < n && len(x.Elems) > 0; i++ {
					elems = append(elems, x.Elems...)
				}
				return NewList(elems), nil
			}
		}
	}
	return nil, fmt.Errorf("unsupported operand types for %s: %s and %s", op, x.Type(), y.Type())
}

// MaxLen is the longest list or string (in bytes) that one operation may
// build: a bound on the memory a single step can take, so that a step
// budget also bounds a program's memory.
const MaxLen = 1 << 22

// CheckLen returns an error when n more items would make a list or
// string longer than MaxLen; what names the thing ("list", "string") and
// where the call that makes it ("extend()", "+").
func CheckLen(what, where string, n int64) error {
	if n > MaxLen {
		return fmt.Errorf("%s too long in %s: %d %s would be made, the limit is %d", what, where, n, lenUnit(what), MaxLen)
	}
	return nil
}

func lenUnit(what string) string {
	if what == "string" {
		return "bytes"
	}
	return "items"
}

// checkLen checks the length a*k + b of the result of op without overflow.
func checkLen(what, op string, a, k, b int64) error {
	if a > 0 && k > (MaxLen-b)/a+1 {
		return fmt.Errorf("%s too long in %s: more than %d %s would be made", what, op, int64(MaxLen), lenUnit(what))
	}
	return CheckLen(what, op, a*k+b)
}

func valueBinary(th *Thread, op string, x, y Object, xv, yv *autograd.Value) (Object, error) {
	ar := th.Arena
	if op == "**" && yv == nil {
		k, ok := toFloat(y)
		if !ok {
			return nil, fmt.Errorf("unsupported operand types for **: %s and %s", x.Type(), y.Type())
		}
		return ar.PowConstTyped(xv, k, y.Type() == "int")
	}
	if op == "%" || op == "//" {
		return nil, fmt.Errorf("%s takes numbers, not Values: use .data (%s %s %s)", op, x.Type(), op, y.Type())
	}
	if xv == nil {
		f, ok := toFloat(x)
		if !ok {
			return nil, fmt.Errorf("unsupported operand types for %s: %s and Value", op, x.Type())
		}
		xv = ar.Const(f) // a fresh Value(c) per use, as a literal (LANGUAGE.md §2)
	}
	if yv == nil {
		f, ok := toFloat(y)
		if !ok {
			return nil, fmt.Errorf("unsupported operand types for %s: Value and %s", op, y.Type())
		}
		yv = ar.Const(f)
	}
	var v *autograd.Value
	var err error
	switch op {
	case "+":
		v, err = ar.Add(xv, yv)
	case "-":
		v, err = ar.Sub(xv, yv)
	case "*":
		v, err = ar.Mul(xv, yv)
	case "/":
		v, err = ar.Div(xv, yv)
	case "**":
		v, err = ar.Pow(xv, yv)
	default:
		return nil, fmt.Errorf("unknown operator %s", op)
	}
	if err != nil {
		return nil, err
	}
	return v, nil
}

func intBinary(op string, x, y Int) (Object, error) {
	switch op {
	case "+":
		r := x + y
		if (r > x) != (y > 0) {
			return nil, overflow(op, x, y)
		}
		return r, nil
	case "-":
		r := x - y
		if (r < x) != (y > 0) {
			return nil, overflow(op, x, y)
		}
		return r, nil
	case "*":
		if x == 0 || y == 0 {
			return Int(0), nil
		}
		r := x * y
		if r/y != x || (x == -1 && y == math.MinInt64) || (y == -1 && x == math.MinInt64) {
			return nil, overflow(op, x, y)
		}
		return r, nil
	case "/":
		return intTrueDiv(x, y)
	case "//", "%":
		if y == 0 {
			return nil, fmt.Errorf("division by zero in %s: %d %s 0", op, x, op)
		}
		if x == math.MinInt64 && y == -1 {
			return nil, overflow(op, x, y)
		}
		q, r := x/y, x%y
		if r != 0 && (r < 0) != (y < 0) {
			q--
			r += y
		}
		if op == "//" {
			return q, nil
		}
		return r, nil
	case "**":
		if y < 0 {
			return floatBinary(op, float64(x), float64(y))
		}
		return intPow(x, y)
	}
	return nil, fmt.Errorf("unknown operator %s", op)
}

func intPow(x, y Int) (Object, error) {
	result, base, e := Int(1), x, y
	for e > 0 {
		if e&1 == 1 {
			r, err := intBinary("*", result, base)
			if err != nil {
				return nil, overflow("**", x, y)
			}
			result = r.(Int)
		}
		e >>= 1
		if e > 0 {
			b, err := intBinary("*", base, base)
			if err != nil {
				return nil, overflow("**", x, y)
			}
			base = b.(Int)
		}
	}
	return result, nil
}

func overflow(op string, x, y Int) error {
	return fmt.Errorf("integer overflow in %s: %d %s %d does not fit in 64 bits", op, x, op, y)
}

func floatBinary(op string, x, y float64) (Object, error) {
	var r float64
	switch op {
	case "+":
		r = x + y
	case "-":
		r = x - y
	case "*":
		r = x * y
	case "/":
		if y == 0 {
			return nil, fmt.Errorf("division by zero in /: %s / %s", fmtF(x), fmtF(y))
		}
		r = x / y
	case "//", "%":
		if y == 0 {
			return nil, fmt.Errorf("division by zero in %s: %s %s %s", op, fmtF(x), op, fmtF(y))
		}
		mod := math.Mod(x, y)
		div := (x - mod) / y
		if mod != 0 && (y < 0) != (mod < 0) {
			mod += y
			div -= 1
		}
		if op == "%" {
			if mod == 0 {
				mod = math.Copysign(0, y)
			}
			r = mod
		} else {
			r = math.Floor(div)
			if div-r > 0.5 {
				r++
			}
			if div == 0 {
				r = math.Copysign(0, x/y)
			}
		}
	case "**":
		if x == 0 && y < 0 {
			return nil, fmt.Errorf("division by zero in **: 0.0 cannot be raised to a negative power (%s)", fmtF(y))
		}
		if x < 0 && y != math.Trunc(y) {
			return nil, fmt.Errorf("non-integral power of a negative number in **: %s ** %s", fmtF(x), fmtF(y))
		}
		r = autograd.Pow(x, y)
	default:
		return nil, fmt.Errorf("unknown operator %s", op)
	}
	if (math.IsInf(r, 0) || math.IsNaN(r)) && !math.IsInf(x, 0) && !math.IsInf(y, 0) && !math.IsNaN(x) && !math.IsNaN(y) {
		return nil, fmt.Errorf("result is not finite in %s: %s %s %s", op, fmtF(x), op, fmtF(y))
	}
	return Float(r), nil
}

func fmtF(f float64) string { return autograd.FormatFloat(f) }

// Unary applies - or + to a number or a Value.
func Unary(th *Thread, op string, x Object) (Object, error) {
	switch x := boolToInt(x).(type) {
	case Int:
		if op == "+" {
			return x, nil
		}
		if x == math.MinInt64 {
			return nil, fmt.Errorf("integer overflow in -: -(%d) does not fit in 64 bits", x)
		}
		return -x, nil
	case Float:
		if op == "+" {
			return x, nil
		}
		return -x, nil
	case *autograd.Value:
		if op == "+" {
			return x, nil
		}
		return th.Arena.Neg(x)
	}
	return nil, fmt.Errorf("bad operand type for unary %s: %s", op, x.Type())
}

// Truth is Python's truth value of o (a Value is true when its data is not 0).
func Truth(o Object) bool {
	switch o := o.(type) {
	case Bool:
		return bool(o)
	case Int:
		return o != 0
	case Float:
		return o != 0
	case *autograd.Value:
		return o.Data != 0
	case String:
		return o != ""
	case *List:
		return len(o.Elems) > 0
	case *Range:
		return o.Len() > 0
	case NoneType:
		return false
	}
	return true
}

// number gives the numeric value of an int, float or Value (its data).
func number(o Object) (float64, bool) {
	if v, ok := o.(*autograd.Value); ok {
		return v.Data, true
	}
	return toFloat(o)
}

// boolToInt turns true and false into 1 and 0, as Python's bool is an
// int in arithmetic; anything else is returned as it is.
func boolToInt(o Object) Object {
	if b, ok := o.(Bool); ok {
		if b {
			return Int(1)
		}
		return Int(0)
	}
	return o
}

// toFloat converts an int, a bool (0 or 1) or a float; not a Value.
func toFloat(o Object) (float64, bool) {
	switch o := o.(type) {
	case Bool:
		return float64(boolToInt(o).(Int)), true
	case Int:
		return float64(o), true
	case Float:
		return float64(o), true
	}
	return 0, false
}
