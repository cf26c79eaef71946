package stdlib

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/mglang/mg/autograd"
	"github.com/mglang/mg/eval"
)

// Neuron is the lecture's neuron: weights uniform(-1, 1), bias 0, and
// b + w0*x0 + w1*x1 + ... then ReLU when nonlin.
type Neuron struct {
	W      *eval.List
	B      *autograd.Value
	Nonlin bool
}

// Layer is a list of neurons fed the same inputs.
type Layer struct{ Neurons *eval.List }

// MLP is a stack of layers, the last one linear.
type MLP struct{ Layers *eval.List }

// newNeuron makes a neuron whose parameters are labelled where they live:
// prefix (such as "L1.N3.", for the fourth neuron of the second layer of
// an MLP, counted from 0 as n.layers[1].neurons[3] reaches it) then w0,
// w1, ... and b, so that graphs, gradcheck and table name them.
func newNeuron(th *eval.Thread, nin int64, nonlin bool, prefix string) *Neuron {
	r := rng(th)
	w := make([]eval.Object, nin)
	for i := range w {
		p := th.Arena.Leaf(r.Uniform(-1, 1))
		p.SetParam(true)
		p.SetLabel(prefix + "w" + strconv.Itoa(i))
		w[i] = p
	}
	b := th.Arena.Leaf(0)
	b.SetParam(true)
	b.SetLabel(prefix + "b")
	return &Neuron{W: eval.NewList(w), B: b, Nonlin: nonlin}
}

func newLayer(th *eval.Thread, nin, nout int64, nonlin bool, prefix string) (*Layer, error) {
	ns := make([]eval.Object, nout)
	for i := range ns {
		// A large layer is made between two steps of the program: let
		// --max-nodes, --timeout and Ctrl-C stop it.
		if err := th.Check(); err != nil {
			return nil, err
		}
		ns[i] = newNeuron(th, nin, nonlin, prefix+"N"+strconv.Itoa(i)+".")
	}
	return &Layer{Neurons: eval.NewList(ns)}, nil
}

// maxParams bounds the parameters one Layer or MLP call makes (64 bytes
// each): 4,194,304 of them take 256 MiB.
const maxParams = eval.MaxLen

// checkParams returns an error when layers of these sizes (sizes[0] the
// inputs) would have more than maxParams parameters.
func checkParams(fname string, sizes []int64) error {
	var total int64
	for i := 1; i < len(sizes); i++ {
		total += (sizes[i-1] + 1) * sizes[i] // sizes are at most 1<<20: no overflow
		if total > maxParams {
			return fmt.Errorf("%s(): too many parameters: more than %d", fname, maxParams)
		}
	}
	return nil
}

func checkSize(fname, what string, n int64) error {
	if n < 1 || n > 1<<20 {
		return fmt.Errorf("%s(): %s must be between 1 and %d, not %d", fname, what, 1<<20, n)
	}
	return nil
}

func neuronBuiltin(th *eval.Thread, args []eval.Object, kw []eval.Kwarg) (eval.Object, error) {
	var nin int64
	nonlin := true
	if err := eval.UnpackArgs("Neuron", args, kw, "nin", &nin, "nonlin?", &nonlin); err != nil {
		return nil, err
	}
	if err := checkSize("Neuron", "nin", nin); err != nil {
		return nil, err
	}
	return newNeuron(th, nin, nonlin, ""), nil
}

func layerBuiltin(th *eval.Thread, args []eval.Object, kw []eval.Kwarg) (eval.Object, error) {
	var nin, nout int64
	nonlin := true
	if err := eval.UnpackArgs("Layer", args, kw, "nin", &nin, "nout", &nout, "nonlin?", &nonlin); err != nil {
		return nil, err
	}
	if err := checkSize("Layer", "nin", nin); err != nil {
		return nil, err
	}
	if err := checkSize("Layer", "nout", nout); err != nil {
		return nil, err
	}
	if err := checkParams("Layer", []int64{nin, nout}); err != nil {
		return nil, err
	}
	return newLayer(th, nin, nout, nonlin, "")
}

func mlpBuiltin(th *eval.Thread, args []eval.Object, kw []eval.Kwarg) (eval.Object, error) {
	var nin int64
	var nouts *eval.List
	if err := eval.UnpackArgs("MLP", args, kw, "nin", &nin, "nouts", &nouts); err != nil {
		return nil, err
	}
	sizes := []int64{nin}
	for _, o := range nouts.Elems {
		n, err := eval.ToIndex(o)
		if err != nil {
			return nil, fmt.Errorf("MLP(): nouts: %v", err)
		}
		sizes = append(sizes, n)
	}
	for _, n := range sizes {
		if err := checkSize("MLP", "every size", n); err != nil {
			return nil, err
		}
	}
	if len(sizes) < 2 {
		return nil, fmt.Errorf("MLP(): nouts must list at least one layer size")
	}
	if err := checkParams("MLP", sizes); err != nil {
		return nil, err
	}
	layers := make([]eval.Object, len(sizes)-1)
	for i := range layers {
		l, err := newLayer(th, sizes[i], sizes[i+1], i != len(layers)-1, "L"+strconv.Itoa(i)+".")
		if err != nil {
			return nil, err
		}
		layers[i] = l
	}
	return &MLP{Layers: eval.NewList(layers)}, nil
}

func (*Neuron) Type() string { return "Neuron" }
func (*Layer) Type() string  { return "Layer" }
func (*MLP) Type() string    { return "MLP" }

func (n *Neuron) String() string {
	kind := "Linear"
	if n.Nonlin {
		kind = "ReLU"
	}
	return fmt.Sprintf("%sNeuron(%d)", kind, len(n.W.Elems))
}

func (l *Layer) String() string { return "Layer of [" + joinStrings(l.Neurons.Elems) + "]" }
func (m *MLP) String() string   { return "MLP of [" + joinStrings(m.Layers.Elems) + "]" }

func joinStrings(xs []eval.Object) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = x.String()
	}
	return strings.Join(parts, ", ")
}

// Parameters are the weights then the bias.
func (n *Neuron) Parameters() []*autograd.Value {
	ps := make([]*autograd.Value, 0, len(n.W.Elems)+1)
	for _, w := range n.W.Elems {
		if v, ok := w.(*autograd.Value); ok {
			ps = append(ps, v)
		}
	}
	return append(ps, n.B)
}

// Parameters are every neuron's, in order.
func (l *Layer) Parameters() []*autograd.Value { return collect(l.Neurons.Elems) }

// Parameters are every layer's, in order.
func (m *MLP) Parameters() []*autograd.Value { return collect(m.Layers.Elems) }

func collect(mods []eval.Object) []*autograd.Value {
	var ps []*autograd.Value
	for _, m := range mods {
		if p, ok := m.(Parameterized); ok {
			ps = append(ps, p.Parameters()...)
		}
	}
	return ps
}

var moduleMethods = map[string]builtinFn{
	"parameters": func(th *eval.Thread, args []eval.Object, kw []eval.Kwarg) (eval.Object, error) {
		ps := args[0].(Parameterized).Parameters()
		out := make([]eval.Object, len(ps))
		for i, p := range ps {
			out[i] = p
		}
		return eval.NewList(out), eval.UnpackArgs("parameters", args[1:], kw)
	},
	"zero_grad": func(th *eval.Thread, args []eval.Object, kw []eval.Kwarg) (eval.Object, error) {
		for _, p := range args[0].(Parameterized).Parameters() {
			p.Grad = 0
		}
		return eval.None, eval.UnpackArgs("zero_grad", args[1:], kw)
	},
}

func moduleAttr(recv eval.Object, name string, fields map[string]eval.Object) (eval.Object, error) {
	if f, ok := fields[name]; ok {
		return f, nil
	}
	if m, ok := moduleMethods[name]; ok {
		return &eval.BoundMethod{Recv: recv, Fn: &eval.Builtin{Name: name, Fn: m}}, nil
	}
	// Not found: the evaluator says so, with a near name or the list.
	return nil, nil
}

// Attr gives the fields w, b, nonlin and the module methods.
func (n *Neuron) Attr(_ *eval.Thread, name string) (eval.Object, error) {
	return moduleAttr(n, name, map[string]eval.Object{"w": n.W, "b": n.B, "nonlin": eval.Bool(n.Nonlin)})
}

// Attr gives the field neurons and the module methods.
func (l *Layer) Attr(_ *eval.Thread, name string) (eval.Object, error) {
	return moduleAttr(l, name, map[string]eval.Object{"neurons": l.Neurons})
}

// Attr gives the field layers and the module methods.
func (m *MLP) Attr(_ *eval.Thread, name string) (eval.Object, error) {
	return moduleAttr(m, name, map[string]eval.Object{"layers": m.Layers})
}

// AttrNames lists the fields and methods, for completion.
func (n *Neuron) AttrNames() []string { return []string{"b", "nonlin", "parameters", "w", "zero_grad"} }

// AttrNames lists the fields and methods, for completion.
func (l *Layer) AttrNames() []string { return []string{"neurons", "parameters", "zero_grad"} }

// AttrNames lists the fields and methods, for completion.
func (m *MLP) AttrNames() []string { return []string{"layers", "parameters", "zero_grad"} }

// Call computes the neuron's output for inputs x (numbers or Values).
func (n *Neuron) Call(th *eval.Thread, args []eval.Object, kw []eval.Kwarg) (eval.Object, error) {
	var x eval.Object
	if err := eval.UnpackArgs("Neuron", args, kw, "x", &x); err != nil {
		return nil, err
	}
	xs, err := eval.Items(x)
	if err != nil {
		return nil, fmt.Errorf("a neuron takes a list of inputs: %v", err)
	}
	return n.forward(th, xs)
}

func (n *Neuron) forward(th *eval.Thread, xs []eval.Object) (eval.Object, error) {
	if len(xs) != len(n.W.Elems) {
		return nil, fmt.Errorf("%s takes %d inputs, got %d", n, len(n.W.Elems), len(xs))
	}
	ar := th.Arena
	act := n.B
	for i, w := range n.W.Elems {
		wv, ok := w.(*autograd.Value)
		if !ok {
			return nil, fmt.Errorf("weight %d of %s is %s, not a Value", i, n, eval.Article(w.Type()))
		}
		var xv *autograd.Value
		switch xi := xs[i].(type) {
		case *autograd.Value:
			xv = xi
		default:
			f, ok := eval.Number(xi)
			if !ok {
				return nil, fmt.Errorf("input %d of %s is %s, not a number or a Value", i, n, eval.Article(xi.Type()))
			}
			xv = ar.Const(f) // a fresh Value(x) per use, as micrograd's w*x makes
		}
		p, err := ar.Mul(wv, xv)
		if err != nil {
			return nil, err
		}
		if act, err = ar.Add(act, p); err != nil {
			return nil, err
		}
	}
	if n.Nonlin {
		return ar.ReLU(act)
	}
	return act, nil
}

// Call computes every neuron's output: one Value, or a list of them.
func (l *Layer) Call(th *eval.Thread, args []eval.Object, kw []eval.Kwarg) (eval.Object, error) {
	var x eval.Object
	if err := eval.UnpackArgs("Layer", args, kw, "x", &x); err != nil {
		return nil, err
	}
	xs, err := eval.Items(x)
	if err != nil {
		return nil, fmt.Errorf("a layer takes a list of inputs: %v", err)
	}
	return l.forward(th, xs)
}

func (l *Layer) forward(th *eval.Thread, xs []eval.Object) (eval.Object, error) {
	out := make([]eval.Object, len(l.Neurons.Elems))
	for i, m := range l.Neurons.Elems {
		n, ok := m.(*Neuron)
		if !ok {
			return nil, fmt.Errorf("item %d of the layer is %s, not a Neuron", i, eval.Article(m.Type()))
		}
		v, err := n.forward(th, xs)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	if len(out) == 1 {
		return out[0], nil
	}
	return eval.NewList(out), nil
}

// Call feeds x through every layer.
func (m *MLP) Call(th *eval.Thread, args []eval.Object, kw []eval.Kwarg) (eval.Object, error) {
	var x eval.Object
	if err := eval.UnpackArgs("MLP", args, kw, "x", &x); err != nil {
		return nil, err
	}
	for i, o := range m.Layers.Elems {
		l, ok := o.(*Layer)
		if !ok {
			return nil, fmt.Errorf("item %d of the MLP's layers is %s, not a Layer", i, eval.Article(o.Type()))
		}
		xs, err := eval.Items(x)
		if err != nil {
			if _, one := x.(*autograd.Value); !one {
				return nil, fmt.Errorf("an MLP takes a list of inputs: %v", err)
			}
			xs = []eval.Object{x}
		}
		if x, err = l.forward(th, xs); err != nil {
			return nil, err
		}
	}
	return x, nil
}
