package stdlib

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mglang/mg/autograd"
	"github.com/mglang/mg/eval"
)

// MaxTableRows is how many rows table prints; the rest are counted.
const MaxTableRows = 1000

func tableBuiltin(th *eval.Thread, args []eval.Object, kw []eval.Kwarg) (eval.Object, error) {
	var x eval.Object
	if err := eval.UnpackArgs("table", args, kw, "x", &x); err != nil {
		return nil, err
	}
	vs, names, err := tableRows(x)
	if err != nil {
		return nil, err
	}
	_, err = io.WriteString(th.Out, Table(vs, names))
	return eval.None, err
}

// tableRows gathers the Values of a Value, a (nested) list of Values or a
// module, with the name of each that has no label: its place in the list.
func tableRows(x eval.Object) ([]*autograd.Value, []string, error) {
	var vs []*autograd.Value
	var names []string
	switch v := x.(type) {
	case *autograd.Value:
		return []*autograd.Value{v}, []string{""}, nil
	case Parameterized:
		ps := v.Parameters()
		return ps, make([]string, len(ps)), nil
	case *eval.List:
		var walk func(l *eval.List, path string, depth int) error
		walk = func(l *eval.List, path string, depth int) error {
			if depth > 32 {
				return fmt.Errorf("table(): the list is nested too deeply")
			}
			for i, e := range l.Elems {
				at := path + "[" + strconv.Itoa(i) + "]"
				switch e := e.(type) {
				case *autograd.Value:
					vs, names = append(vs, e), append(names, at)
				case *eval.List:
					if err := walk(e, at, depth+1); err != nil {
						return err
					}
				default:
					return fmt.Errorf("table() takes Values: item %s is %s", at, eval.Article(e.Type()))
				}
			}
			return nil
		}
		if err := walk(v, "", 0); err != nil {
			return nil, nil, err
		}
		return vs, names, nil
	}
	return nil, nil, fmt.Errorf("table() takes a Value, a list of Values or a module, not %s", eval.Article(x.Type()))
}

// Table lays out label, data and grad of each Value in aligned columns,
// numbers as Python's repr, right-aligned. A Value without a label is
// named by names[i] when given, else by its op.
func Table(vs []*autograd.Value, names []string) string {
	rows := [][3]string{{"label", "data", "grad"}}
	for i, v := range vs {
		if i == MaxTableRows {
			break
		}
		label := v.Label()
		if label == "" && i < len(names) {
			label = names[i]
		}
		if label == "" {
			label = "[" + v.OpName() + "]"
			if v.IsLeaf() {
				label = "[leaf]"
			}
		}
		rows = append(rows, [3]string{label, autograd.FormatFloat(v.Data), autograd.FormatFloat(v.Grad)})
	}
	var w [3]int
	for _, r := range rows {
		for j, c := range r {
			w[j] = max(w[j], utf8.RuneCountInString(c))
		}
	}
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(r[0] + strings.Repeat(" ", w[0]-utf8.RuneCountInString(r[0])))
		for j := 1; j < 3; j++ {
			b.WriteString("  " + strings.Repeat(" ", w[j]-len(r[j])) + r[j])
		}
		b.WriteByte('\n')
	}
	if n := len(vs) - MaxTableRows; n > 0 {
		fmt.Fprintf(&b, "... and %d more\n", n)
	}
	return b.String()
}
