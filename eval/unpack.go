package eval

import (
	"fmt"
	"strings"

	"github.com/mglang/mg/autograd"
)

// UnpackArgs binds the arguments of a call to a builtin named fname.
// pairs alternate a parameter name and a pointer to store it in; a name
// ending in "?" is optional. Pointers may be *Object, *float64 (an int or
// float), *int64 (an int, or a float or Value with an integral value),
// *string, *bool, **autograd.Value, **List.
func UnpackArgs(fname string, args []Object, kwargs []Kwarg, pairs ...any) error {
	n := len(pairs) / 2
	names := make([]string, n)
	required := 0
	for i := 0; i < n; i++ {
		names[i] = pairs[2*i].(string)
		if !strings.HasSuffix(names[i], "?") {
			required = i + 1
		} else {
			names[i] = strings.TrimSuffix(names[i], "?")
		}
	}
	if len(args) > n {
		if n == 0 {
			return fmt.Errorf("%s() takes no arguments but %s", fname, Given(len(args)))
		}
		if required == n {
			return fmt.Errorf("%s() takes %s but %s", fname, describeParams(names), Given(len(args)))
		}
		return fmt.Errorf("%s() takes at most %s (%s) but %s", fname, plural(n, "argument"), strings.Join(names, ", "), Given(len(args)))
	}
	set := make([]bool, n)
	for i, a := range args {
		if err := store(fname, names[i], a, pairs[2*i+1]); err != nil {
			return err
		}
		set[i] = true
	}
	for _, kw := range kwargs {
		i := indexOf(names, kw.Name)
		if i < 0 {
			return fmt.Errorf("%s() got an unexpected keyword argument %s (it takes %s)", fname, kw.Name, strings.Join(names, ", "))
		}
		if set[i] {
			return fmt.Errorf("%s() got two values for argument %s", fname, kw.Name)
		}
		if err := store(fname, kw.Name, kw.Value, pairs[2*i+1]); err != nil {
			return err
		}
		set[i] = true
	}
	for i := 0; i < required; i++ {
		if !set[i] && !strings.HasSuffix(pairs[2*i].(string), "?") {
			return fmt.Errorf("%s() missing argument %s (it takes %s)", fname, names[i], strings.Join(names, ", "))
		}
	}
	return nil
}

func store(fname, pname string, v Object, ptr any) error {
	bad := func(want string) error {
		return fmt.Errorf("%s(): %s must be %s, not %s", fname, pname, want, article(v.Type()))
	}
	switch p := ptr.(type) {
	case *Object:
		*p = v
	case *float64:
		f, ok := toFloat(v)
		if !ok {
			return bad("a number")
		}
		*p = f
	case *int64:
		i, err := ToIndex(v)
		if err != nil {
			return fmt.Errorf("%s(): %s: %v", fname, pname, err)
		}
		*p = i
	case *string:
		s, ok := v.(String)
		if !ok {
			return bad("a string")
		}
		*p = string(s)
	case *bool:
		b, ok := v.(Bool)
		if !ok {
			return bad("true or false")
		}
		*p = bool(b)
	case **autograd.Value:
		x, ok := v.(*autograd.Value)
		if !ok {
			return fmt.Errorf("%s(): %s must be a Value, not %s%s", fname, pname, article(v.Type()), MakeValueHint(v))
		}
		*p = x
	case **List:
		x, ok := v.(*List)
		if !ok {
			return bad("a list")
		}
		*p = x
	default:
		panic(fmt.Sprintf("UnpackArgs: unsupported pointer %T", ptr))
	}
	return nil
}

// Items returns the items of a list, range or string as a slice (a list's
// own backing slice: do not modify it).
func Items(o Object) ([]Object, error) {
	switch x := o.(type) {
	case *List:
		return x.Elems, nil
	case *Range:
		n := x.Len()
		if n > MaxLen {
			return nil, fmt.Errorf("range too long to list: %d items, the limit is %d", n, MaxLen)
		}
		out := make([]Object, n)
		for i := range out {
			out[i] = Int(x.At(int64(i)))
		}
		return out, nil
	case String:
		var out []Object
		for _, r := range string(x) {
			out = append(out, String(r))
		}
		return out, nil
	}
	return nil, fmt.Errorf("%s is not iterable", article(o.Type()))
}

// Number converts an int or float to float64 (not a Value).
func Number(o Object) (float64, bool) { return toFloat(o) }

// Article prefixes a type name with a or an, for messages.
func Article(t string) string { return article(t) }

// MakeValueHint is, for a number met where a Value is needed, a hint that
// says how to make one (a named int stays an int); "" for anything else.
func MakeValueHint(o Object) string {
	if _, ok := o.(Bool); ok {
		return "" // "an int is a plain number" would puzzle whoever wrote true
	}
	switch boolToInt(o).(type) {
	case Int:
		return fmt.Sprintf(": an int is a plain number; make a Value with %s.0 or Value(%s)", boolToInt(o), boolToInt(o))
	case Float:
		return fmt.Sprintf(": a float outside a Value is a plain number; make a Value with Value(%s)", o)
	}
	return ""
}

// Given words how many arguments a call had: "1 was given", "2 were given".
func Given(n int) string {
	if n == 1 {
		return "1 was given"
	}
	return fmt.Sprintf("%d were given", n)
}

// plural is "1 argument" or "n arguments".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
