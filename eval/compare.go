package eval

import (
	"fmt"
	"math"
	"math/big"

	"github.com/mglang/mg/autograd"
)

// Ints are exact and floats are not: as in CPython, an int and a float
// compare by their exact values (9007199254740993 != 9007199254740992.0,
// although the int rounds to that float), and int / int is the exact
// quotient rounded once.

// intTrueDiv is x / y for ints: the exact quotient correctly rounded, as
// CPython's int true division.
func intTrueDiv(x, y Int) (Object, error) {
	if y == 0 {
		return nil, fmt.Errorf("division by zero in /: %d / 0", x)
	}
	const exact = 1 << 53 // both convert to float64 exactly: one rounding
	if -exact <= x && x <= exact && -exact <= y && y <= exact {
		return Float(float64(x) / float64(y)), nil
	}
	f, _ := new(big.Rat).SetFrac(big.NewInt(int64(x)), big.NewInt(int64(y))).Float64()
	return Float(f), nil
}

// cmpIntFloat compares the int i with the float f by their exact values:
// -1, 0 or 1, and false when f is NaN (unordered).
func cmpIntFloat(i int64, f float64) (int, bool) {
	switch {
	case math.IsNaN(f):
		return 0, false
	case f >= 0x1p63:
		return -1, true
	case f < -0x1p63:
		return 1, true
	}
	t := math.Trunc(f) // -2^63 <= t < 2^63: exact as an int64
	switch ti := int64(t); {
	case i < ti:
		return -1, true
	case i > ti:
		return 1, true
	case f > t:
		return -1, true
	case f < t:
		return 1, true
	}
	return 0, true
}

// numKind sorts a number for comparison: an int (a bool counts as one) or
// a float (a Value by its data).
func numKind(o Object) (i int64, f float64, isInt, ok bool) {
	switch x := o.(type) {
	case Int:
		return int64(x), 0, true, true
	case Bool:
		return int64(boolToInt(x).(Int)), 0, true, true
	case Float:
		return 0, float64(x), false, true
	case *autograd.Value:
		return 0, x.Data, false, true
	}
	return 0, 0, false, false
}

// cmpNumbers compares two numbers or Values exactly: -1, 0 or 1; ordered
// is false when a NaN is involved, ok false when one is not a number.
func cmpNumbers(x, y Object) (c int, ordered, ok bool) {
	xi, xf, xInt, ok1 := numKind(x)
	yi, yf, yInt, ok2 := numKind(y)
	if !ok1 || !ok2 {
		return 0, false, false
	}
	switch {
	case xInt && yInt:
		return cmp3(xi, yi), true, true
	case xInt:
		c, ordered = cmpIntFloat(xi, yf)
		return c, ordered, true
	case yInt:
		c, ordered = cmpIntFloat(yi, xf)
		return -c, ordered, true
	case math.IsNaN(xf) || math.IsNaN(yf):
		return 0, false, true
	}
	return cmp3(xf, yf), true, true
}

func cmp3[T int64 | float64 | String](x, y T) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

// Compare applies a comparison operator; numbers and Values compare by
// value (a Value by its data, an int and a float exactly), strings by
// their text.
func Compare(op string, x, y Object) (bool, error) {
	if op == "==" || op == "!=" {
		eq, err := Equal(x, y, 0)
		return eq == (op == "=="), err
	}
	if c, ordered, ok := cmpNumbers(x, y); ok {
		return ordered && holds(op, c), nil
	}
	if xs, ok := x.(String); ok {
		if ys, ok := y.(String); ok {
			return holds(op, cmp3(xs, ys)), nil
		}
	}
	return false, fmt.Errorf("cannot compare %s %s %s", x.Type(), op, y.Type())
}

// holds says whether op is true of two operands that compare as c.
func holds(op string, c int) bool {
	switch op {
	case "<":
		return c < 0
	case "<=":
		return c <= 0
	case ">":
		return c > 0
	case ">=":
		return c >= 0
	}
	return false
}

// Equal is == between any two objects: numbers and Values by value, lists
// item by item, everything else by identity or text. A comparison deeper
// than 1000 lists, or of more than 4*MaxLen items in all, is an error.
func Equal(x, y Object, depth int) (bool, error) {
	work := int64(4 * MaxLen)
	return equal(x, y, depth, &work)
}

func equal(x, y Object, depth int, work *int64) (bool, error) {
	if depth > 1000 {
		return false, fmt.Errorf("maximum recursion depth exceeded in comparison")
	}
	if *work--; *work < 0 {
		return false, fmt.Errorf("comparison too large: more than %d items compared", 4*MaxLen)
	}
	if _, _, _, ok := numKind(x); ok {
		c, ordered, ok := cmpNumbers(x, y)
		return ok && ordered && c == 0, nil
	}
	switch x := x.(type) {
	case String:
		ys, ok := y.(String)
		return ok && x == ys, nil
	case NoneType:
		_, ok := y.(NoneType)
		return ok, nil
	case *List:
		yl, ok := y.(*List)
		if !ok || len(x.Elems) != len(yl.Elems) {
			return false, nil
		}
		if x == yl {
			return true, nil
		}
		for i := range x.Elems {
			eq, err := equal(x.Elems[i], yl.Elems[i], depth+1, work)
			if err != nil || !eq {
				return false, err
			}
		}
		return true, nil
	case *Range:
		yr, ok := y.(*Range)
		return ok && x.Len() == yr.Len() && (x.Len() == 0 || x.Start == yr.Start && (x.Len() == 1 || x.Step == yr.Step)), nil
	}
	return x == y, nil
}
