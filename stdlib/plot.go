package stdlib

import (
	"fmt"

	"github.com/mglang/mg/autograd"
	"github.com/mglang/mg/eval"
	"github.com/mglang/mg/stdlib/display"
	"github.com/mglang/mg/stdlib/plot"
)

func plotBuiltin(th *eval.Thread, args []eval.Object, kw []eval.Kwarg) (eval.Object, error) {
	var xs *eval.List
	path, title, xlabel, ylabel, logy := "", "", "", "", false
	var labels eval.Object
	if err := eval.UnpackArgs("plot", args, kw, "xs", &xs, "path?", &path, "title?", &title, "labels?", &labels,
		"xlabel?", &xlabel, "ylabel?", &ylabel, "logy?", &logy); err != nil {
		return nil, err
	}
	series, err := toSeries(xs)
	if err != nil {
		return nil, err
	}
	opt := plot.Options{Title: title, XLabel: xlabel, YLabel: ylabel, LogY: logy}
	if labels != nil {
		items, err := eval.Items(labels)
		if err != nil {
			return nil, fmt.Errorf("plot(): labels must be a list of strings")
		}
		for _, it := range items {
			s, ok := it.(eval.String)
			if !ok {
				return nil, fmt.Errorf("plot(): labels must be a list of strings, not containing %s", eval.Article(it.Type()))
			}
			opt.Labels = append(opt.Labels, string(s))
		}
	}
	var warnings []string
	if path == "" {
		var chart string
		chart, warnings, err = plot.Terminal(series, opt)
		if err == nil {
			// A terminal gets the chart as text, a notebook as a picture.
			err = display.Show(th.Out, display.Chart{Series: series, Options: opt, Chart: chart})
		}
	} else {
		err = UseFile(th, "", path, func(p string) (err error) { warnings, err = plot.WriteFile(p, series, opt); return err })
	}
	for _, w := range warnings {
		fmt.Fprintln(th.Err, "plot(): "+w)
	}
	if err != nil {
		return nil, fmt.Errorf("plot(): %v", err)
	}
	return eval.None, nil
}

// toSeries reads a list of numbers, or a list of such lists.
func toSeries(xs *eval.List) ([][]float64, error) {
	nested := len(xs.Elems) > 0
	for _, e := range xs.Elems {
		if _, ok := e.(*eval.List); !ok {
			nested = false
		}
	}
	lists := []*eval.List{xs}
	if nested {
		lists = nil
		for _, e := range xs.Elems {
			lists = append(lists, e.(*eval.List))
		}
	}
	var out [][]float64
	for s, l := range lists {
		ys := make([]float64, len(l.Elems))
		for i, e := range l.Elems {
			switch v := e.(type) {
			case *autograd.Value:
				ys[i] = v.Data
			default:
				f, ok := eval.Number(e)
				if !ok {
					return nil, fmt.Errorf("plot(): item %d of series %d is %s, not a number", i, s+1, eval.Article(e.Type()))
				}
				ys[i] = f
			}
		}
		out = append(out, ys)
	}
	return out, nil
}
