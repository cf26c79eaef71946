package stdlib

import (
	"fmt"
	"io"
	"strings"

	"github.com/mglang/mg/eval"
)

func printBuiltin(th *eval.Thread, args []eval.Object, kw []eval.Kwarg) (eval.Object, error) {
	sep, end := " ", "\n"
	if err := eval.UnpackArgs("print", nil, kw, "sep?", &sep, "end?", &end); err != nil {
		return nil, err
	}
	var b strings.Builder
	for i, a := range args {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(eval.Str(a))
	}
	b.WriteString(end)
	_, err := io.WriteString(th.Out, b.String())
	return eval.None, err
}

func lenBuiltin(th *eval.Thread, args []eval.Object, kw []eval.Kwarg) (eval.Object, error) {
	var x eval.Object
	if err := eval.UnpackArgs("len", args, kw, "x", &x); err != nil {
		return nil, err
	}
	switch v := x.(type) {
	case *eval.List:
		return eval.Int(len(v.Elems)), nil
	case eval.String:
		return eval.Int(len([]rune(string(v)))), nil
	case *eval.Range:
		return eval.Int(v.Len()), nil
	}
	return nil, fmt.Errorf("len() of %s: it has no length", eval.Article(x.Type()))
}

func rangeBuiltin(th *eval.Thread, args []eval.Object, kw []eval.Kwarg) (eval.Object, error) {
	var a, b, step int64 = 0, 0, 1
	var err error
	switch len(args) {
	case 1:
		err = eval.UnpackArgs("range", args, kw, "stop", &b)
	case 2, 3:
		err = eval.UnpackArgs("range", args, kw, "start", &a, "stop", &b, "step?", &step)
	default:
		err = fmt.Errorf("range() takes 1 to 3 arguments (start, stop, step) but %s", eval.Given(len(args)))
	}
	if err != nil {
		return nil, err
	}
	if step == 0 {
		return nil, fmt.Errorf("range() step must not be zero")
	}
	return &eval.Range{Start: a, Stop: b, Step: step}, nil
}

func sumBuiltin(th *eval.Thread, args []eval.Object, kw []eval.Kwarg) (eval.Object, error) {
	var xs eval.Object
	var acc eval.Object = eval.Int(0)
	if err := eval.UnpackArgs("sum", args, kw, "xs", &xs, "start?", &acc); err != nil {
		return nil, err
	}
	items, err := eval.Items(xs)
	if err != nil {
		return nil, fmt.Errorf("sum(): %v", err)
	}
	for i, x := range items {
		if i&1023 == 1023 {
			if err := th.Check(); err != nil {
				return nil, err
			}
		}
		acc, err = eval.Binary(th, "+", acc, x)
		if err != nil {
			return nil, fmt.Errorf("sum(): %v", err)
		}
	}
	return acc, nil
}

func zipBuiltin(th *eval.Thread, args []eval.Object, kw []eval.Kwarg) (eval.Object, error) {
	if len(kw) > 0 {
		return nil, fmt.Errorf("zip() takes no keyword arguments")
	}
	cols := make([][]eval.Object, len(args))
	n := -1
	for i, a := range args {
		items, err := eval.Items(a)
		if err != nil {
			return nil, fmt.Errorf("zip(): argument %d: %v", i+1, err)
		}
		cols[i] = items
		if n < 0 || len(items) < n {
			n = len(items)
		}
	}
	out := make([]eval.Object, max(n, 0))
	for r := range out {
		row := make([]eval.Object, len(cols))
		for c := range cols {
			row[c] = cols[c][r]
		}
		out[r] = eval.NewList(row)
	}
	return eval.NewList(out), nil
}

func enumerateBuiltin(th *eval.Thread, args []eval.Object, kw []eval.Kwarg) (eval.Object, error) {
	var xs eval.Object
	var start int64
	if err := eval.UnpackArgs("enumerate", args, kw, "xs", &xs, "start?", &start); err != nil {
		return nil, err
	}
	items, err := eval.Items(xs)
	if err != nil {
		return nil, fmt.Errorf("enumerate(): %v", err)
	}
	out := make([]eval.Object, len(items))
	for i, x := range items {
		out[i] = eval.NewList([]eval.Object{eval.Int(start + int64(i)), x})
	}
	return eval.NewList(out), nil
}

func minMax(name string, sign int) builtinFn {
	return func(th *eval.Thread, args []eval.Object, kw []eval.Kwarg) (eval.Object, error) {
		if len(kw) > 0 {
			return nil, fmt.Errorf("%s() takes no keyword arguments", name)
		}
		items := args
		if len(args) == 1 {
			var err error
			if items, err = eval.Items(args[0]); err != nil {
				return nil, fmt.Errorf("%s(): %v", name, err)
			}
		}
		if len(items) == 0 {
			return nil, fmt.Errorf("%s() of an empty list", name)
		}
		best := items[0]
		for _, x := range items[1:] {
			op := "<"
			if sign > 0 {
				op = ">"
			}
			better, err := eval.Compare(op, x, best)
			if err != nil {
				return nil, fmt.Errorf("%s(): %v", name, err)
			}
			if better {
				best = x
			}
		}
		return best, nil
	}
}

func strBuiltin(th *eval.Thread, args []eval.Object, kw []eval.Kwarg) (eval.Object, error) {
	var x eval.Object
	if err := eval.UnpackArgs("str", args, kw, "x", &x); err != nil {
		return nil, err
	}
	s, err := eval.StrFits(x, "str()")
	if err != nil {
		return nil, err
	}
	return eval.String(s), nil
}

func listBuiltin(th *eval.Thread, args []eval.Object, kw []eval.Kwarg) (eval.Object, error) {
	var x eval.Object
	if err := eval.UnpackArgs("list", args, kw, "xs?", &x); err != nil {
		return nil, err
	}
	if x == nil {
		return eval.NewList([]eval.Object{}), nil
	}
	items, err := eval.Items(x)
	if err != nil {
		return nil, fmt.Errorf("list(): %v", err)
	}
	return eval.NewList(append([]eval.Object{}, items...)), nil
}

func typeBuiltin(th *eval.Thread, args []eval.Object, kw []eval.Kwarg) (eval.Object, error) {
	var x eval.Object
	if err := eval.UnpackArgs("type", args, kw, "x", &x); err != nil {
		return nil, err
	}
	return eval.String(x.Type()), nil
}

func appendBuiltin(th *eval.Thread, args []eval.Object, kw []eval.Kwarg) (eval.Object, error) {
	var l *eval.List
	var v eval.Object
	if err := eval.UnpackArgs("append", args, kw, "xs", &l, "v", &v); err != nil {
		return nil, err
	}
	if err := eval.CheckLen("list", "append()", int64(len(l.Elems))+1); err != nil {
		return nil, err
	}
	l.Elems = append(l.Elems, v)
	return eval.None, nil
}

func popBuiltin(th *eval.Thread, args []eval.Object, kw []eval.Kwarg) (eval.Object, error) {
	var l *eval.List
	i := int64(-1)
	if err := eval.UnpackArgs("pop", args, kw, "xs", &l, "i?", &i); err != nil {
		return nil, err
	}
	n := int64(len(l.Elems))
	if i < 0 {
		i += n
	}
	if i < 0 || i >= n {
		if n == 0 {
			return nil, fmt.Errorf("pop() from an empty list")
		}
		return nil, fmt.Errorf("pop(): index out of range with length %d", n)
	}
	v := l.Elems[i]
	l.Elems = append(l.Elems[:i], l.Elems[i+1:]...)
	return v, nil
}

func extendBuiltin(th *eval.Thread, args []eval.Object, kw []eval.Kwarg) (eval.Object, error) {
	var l *eval.List
	var ys eval.Object
	if err := eval.UnpackArgs("extend", args, kw, "xs", &l, "ys", &ys); err != nil {
		return nil, err
	}
	items, err := eval.Items(ys)
	if err != nil {
		return nil, fmt.Errorf("extend(): %v", err)
	}
	if err := eval.CheckLen("list", "extend()", int64(len(l.Elems))+int64(len(items))); err != nil {
		return nil, err
	}
	l.Elems = append(l.Elems, items...)
	return eval.None, nil
}
