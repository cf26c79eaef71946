package stdlib

import (
	"math"
	"sort"

	"github.com/mglang/mg/eval"
)

// Library returns a fresh table of every builtin and method.
func Library() *eval.Library {
	lib := &eval.Library{Builtins: map[string]eval.Object{}, Methods: map[string]map[string]*eval.Builtin{}}
	add := func(name, doc string, fn func(th *eval.Thread, args []eval.Object, kw []eval.Kwarg) (eval.Object, error)) *eval.Builtin {
		b := &eval.Builtin{Name: name, Doc: doc, Fn: fn}
		lib.Builtins[name] = b
		return b
	}
	method := func(typ string, b *eval.Builtin) {
		if lib.Methods[typ] == nil {
			lib.Methods[typ] = map[string]*eval.Builtin{}
		}
		lib.Methods[typ][b.Name] = b
	}
	for _, f := range mathFuncs {
		method("Value", add(f.name, f.doc, f.builtin()))
	}
	add("Value", "Value(x, label=\"\"): a new leaf of the graph", valueBuiltin)
	for _, b := range []*eval.Builtin{
		add("backward", "backward(L, trace=false): fill in grad on every node L depends on; trace=true prints each chain-rule step", withTrace(backwardBuiltin)),
		add("zero_grad", "zero_grad(x): grad = 0 on a Value, a list of them, or a module's parameters", zeroGradBuiltin),
		add("forward", "forward(L): recompute data of every node from the leaves", forwardBuiltin),
		add("numgrad", "numgrad(L, x, h=1e-6): central difference of L with respect to leaf x", numgradBuiltin),
		add("gradcheck", "gradcheck(L, wrt=, atol=1e-5, rtol=1e-5, verbose=false, order=1): true if every leaf's grad agrees with numgrad", gradcheckBuiltin),
		add("dot", "dot(L) / dot(L, \"g.svg\", max_nodes=500): the graph as DOT text, or written/rendered to a file", dotBuiltin),
		add("draw_dot", "draw_dot(L, ...): the same as dot, under the lecture's name", dotBuiltin),
	} {
		method("Value", b)
	}
	add("grad", "grad(L, x) / grad(L, [x, y]): dL/dx as a Value whose graph computes it (differentiable again)", gradBuiltin)
	add("hessian", "hessian(L, xs): second derivatives as a list of lists of floats", hessianBuiltin)
	add("print", "print(a, b, ..., sep=\" \", end=\"\\n\"): write the arguments", printBuiltin)
	add("len", "len(xs): number of items", lenBuiltin)
	add("range", "range(n) / range(a, b) / range(a, b, step)", rangeBuiltin)
	add("sum", "sum(xs, start=0): start + xs[0] + xs[1] + ...", sumBuiltin)
	add("zip", "zip(xs, ys, ...): list of [x, y, ...] rows, as long as the shortest", zipBuiltin)
	add("enumerate", "enumerate(xs, start=0): list of [i, x]", enumerateBuiltin)
	add("min", "min(xs) / min(a, b, ...)", minMax("min", -1))
	add("max", "max(xs) / max(a, b, ...)", minMax("max", 1))
	add("abs", "abs(x): absolute value of a number", absBuiltin)
	add("str", "str(x): x as text, as print shows it", strBuiltin)
	add("int", "int(x): truncate a number (or parse a string) to an int", intBuiltin)
	add("float", "float(x): a number (or a Value's data, or a string) as a float", floatBuiltin)
	add("list", "list(xs): a new list of the items of xs", listBuiltin)
	add("round", "round(x, n=0): Python's round (half to even)", numberArg("round", roundBuiltin))
	add("type", "type(x): the name of x's kind", typeBuiltin)
	add("seed", "seed(n): seed the random numbers as Python's random.seed(n)", seedBuiltin)
	add("random", "random(): a float in [0, 1), as Python's random.random()", randomBuiltin)
	add("uniform", "uniform(a, b): a + (b-a)*random()", uniformBuiltin)
	add("gauss", "gauss(mu=0, sigma=1): Python's random.gauss", gaussBuiltin)
	add("Neuron", "Neuron(nin, nonlin=true): the lecture's neuron", neuronBuiltin)
	add("Layer", "Layer(nin, nout, nonlin=true): a layer of neurons", layerBuiltin)
	add("MLP", "MLP(nin, [nouts]): a multi-layer perceptron; the last layer is linear", mlpBuiltin)
	add("plot", "plot(xs) / plot(xs, \"loss.png\", title=, labels=, xlabel=, ylabel=, logy=false): a line chart", plotBuiltin)
	add("table", "table(x): label, data and grad of a Value, a list of Values or a module's parameters, in columns", tableBuiltin)
	add("format", "format(x, spec=\"\"): x as text by Python's format spec, as format(loss, \".4f\")", formatBuiltin)
	add("read_csv", "read_csv(path): the rows of a CSV file as lists of numbers (a header row is skipped)", readCSVBuiltin)
	lib.Builtins["pi"] = eval.Float(math.Pi)
	lib.Builtins["e"] = eval.Float(math.E)
	for _, b := range []*eval.Builtin{
		add("append", "append(xs, v) / xs.append(v): add v at the end of xs", appendBuiltin),
		{Name: "pop", Doc: "xs.pop(i=-1): remove and return an item", Fn: popBuiltin},
		{Name: "extend", Doc: "xs.extend(ys): append every item of ys", Fn: extendBuiltin},
	} {
		method("list", b)
	}
	return lib
}

// Names lists the builtin names of lib in alphabetical order.
func Names(lib *eval.Library) []string {
	var out []string
	for n := range lib.Builtins {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
