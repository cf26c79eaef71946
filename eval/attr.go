package eval

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/mglang/mg/autograd"
	"github.com/mglang/mg/lang"
)

// ValueFields are the fields of a Value, readable with x.name.
var ValueFields = []string{"data", "grad", "label", "op"}

// method finds a builtin method of obj's type, or nil.
func (in *Interp) method(obj Object, name string) *Builtin {
	if ms := in.lib.Methods[obj.Type()]; ms != nil {
		return ms[name]
	}
	return nil
}

// AttrNames lists the fields and methods of obj, for completion.
func (in *Interp) AttrNames(obj Object) []string {
	var names []string
	if _, ok := obj.(*autograd.Value); ok {
		names = append(names, ValueFields...)
	}
	if h, ok := obj.(HasAttrs); ok {
		names = append(names, h.AttrNames()...)
	}
	for n := range in.lib.Methods[obj.Type()] {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func getAttr(in *Interp, obj Object, name string, pos lang.Pos) Object {
	if v, ok := obj.(*autograd.Value); ok {
		switch name {
		case "data":
			return Float(v.Data)
		case "grad":
			return Float(v.Grad)
		case "label":
			return String(v.Label())
		case "op":
			return String(v.OpName())
		}
	}
	if m := in.method(obj, name); m != nil {
		return &BoundMethod{Recv: obj, Fn: m}
	}
	if h, ok := obj.(HasAttrs); ok {
		r, err := h.Attr(in.th, name)
		if err != nil {
			failErr(pos, err)
		}
		if r != nil {
			return r
		}
	}
	if b, ok := obj.(*Builtin); ok {
		fail(pos, "%s is a builtin function, not a module: mg has no modules; call %s(...) itself", b.Name, b.Name)
	}
	if hint := MakeValueHint(obj); hint != "" && (in.lib.Methods["Value"][name] != nil || indexOf(ValueFields, name) >= 0) {
		fail(pos, "%s has no field or method %s%s", article(obj.Type()), name, hint)
	}
	fail(pos, "%s has no field or method %s%s", article(obj.Type()), name, in.attrHint(obj, name))
	return nil
}

// suggest returns " (did you mean NAME?)" for the candidate closest to a
// mistyped name, or "" when none is close.
func suggest(name string, candidates []string) string {
	best, bestD := "", 3
	for _, c := range candidates {
		if d := editDistance(name, c); c != name && d < bestD && alike(name, c, d) {
			best, bestD = c, d
		}
	}
	if best == "" {
		return ""
	}
	return " (did you mean " + best + "?)"
}

func article(t string) string {
	switch t[0] {
	case 'a', 'e', 'i', 'o', 'u', 'M': // an MLP
		return "an " + t
	}
	return "a " + t
}

func setAttr(obj Object, name string, v Object, pos lang.Pos) {
	x, ok := obj.(*autograd.Value)
	if !ok {
		fail(pos, "cannot set field %s of %s%s", name, article(obj.Type()), MakeValueHint(obj))
	}
	switch name {
	case "data", "grad":
		f, ok := number(v)
		if !ok {
			fail(pos, "%s must be a number, not %s", name, article(v.Type()))
		}
		if name == "data" {
			x.Data = f
		} else {
			x.Grad = f
		}
	case "label":
		s, ok := v.(String)
		if !ok {
			fail(pos, "label must be a string, not %s", article(v.Type()))
		}
		x.SetLabel(string(s))
	case "op":
		fail(pos, "op is read-only")
	default:
		fail(pos, "a Value has no field %s (fields: data, grad, label, op)", name)
	}
}

// ToIndex converts an int, or a float or Value with an integral value, to
// an int64, as Python's operator.index would for a count.
func ToIndex(o Object) (int64, error) {
	switch x := boolToInt(o).(type) {
	case Int:
		return int64(x), nil
	case Float, *autograd.Value:
		f, _ := number(x)
		if f != math.Trunc(f) || math.Abs(f) > 1<<53 {
			return 0, fmt.Errorf("expected an integer, got %s with value %s", article(o.Type()), autograd.FormatFloat(f))
		}
		return int64(f), nil
	}
	return 0, fmt.Errorf("expected an integer, got %s", article(o.Type()))
}

func listIndex(n int, o Object, pos lang.Pos) int {
	i, err := ToIndex(o)
	if err != nil {
		failErr(pos, err)
	}
	if i < 0 {
		i += int64(n)
	}
	if i < 0 || i >= int64(n) {
		fail(pos, "index out of range: %s with length %d", o.String(), n)
	}
	return int(i)
}

func index(obj, i Object, pos lang.Pos) Object {
	switch x := obj.(type) {
	case *List:
		return x.Elems[listIndex(len(x.Elems), i, pos)]
	case *Range:
		return Int(x.At(int64(listIndex(int(min(x.Len(), math.MaxInt32)), i, pos))))
	case String:
		r := []rune(string(x))
		return String(r[listIndex(len(r), i, pos)])
	}
	fail(pos, "cannot index %s", article(obj.Type()))
	return nil
}

func setIndex(obj, i, v Object, pos lang.Pos) {
	l, ok := obj.(*List)
	if !ok {
		fail(pos, "cannot assign to an element of %s", article(obj.Type()))
	}
	l.Elems[listIndex(len(l.Elems), i, pos)] = v
}

// The words added to "x has no field or method NAME": what the lecture's
// private fields are in mg, a near name, or the list of what x has.

// lectureFields are the lecture's Value internals, which mg does not
// expose: the graph is read with dot, :trace, and backward's trace.
var lectureFields = map[string]string{
	"_prev":     "mg does not expose a Value's operands: x.op is its operation; dot(x) draws the graph and :trace x prints every node",
	"prev":      "mg does not expose a Value's operands: x.op is its operation; dot(x) draws the graph and :trace x prints every node",
	"_children": "mg does not expose a Value's operands: x.op is its operation; dot(x) draws the graph and :trace x prints every node",
	"children":  "mg does not expose a Value's operands: x.op is its operation; dot(x) draws the graph and :trace x prints every node",
	"operands":  "mg does not expose a Value's operands: x.op is its operation; dot(x) draws the graph and :trace x prints every node",
	"_op":       "mg writes x.op",
	"_backward": "mg has no node-by-node _backward(): backward(L, trace=true) or :trace L prints each node's chain-rule step",
}

// moduleHints answer a name that belongs to another kind of module.
var moduleHints = map[string]string{
	"MLP.neurons": "an MLP has layers; its layers have neurons: m.layers[0].neurons",
	"MLP.w":       "an MLP has layers; each layer has neurons, each with w and b: m.layers[0].neurons[0].w",
	"MLP.b":       "an MLP has layers; each layer has neurons, each with w and b: m.layers[0].neurons[0].b",
	"Layer.w":     "a Layer has neurons, each with w and b: l.neurons[0].w",
	"Layer.b":     "a Layer has neurons, each with w and b: l.neurons[0].b",
}

// attrHint is the text after "has no field or method name", with its
// leading space, or "".
func (in *Interp) attrHint(obj Object, name string) string {
	if _, ok := obj.(*autograd.Value); ok {
		if h := lectureFields[name]; h != "" {
			return " (" + h + ")"
		}
	}
	if h := moduleHints[obj.Type()+"."+name]; h != "" {
		return " (" + h + ")"
	}
	names := in.AttrNames(obj)
	if s := suggest(name, names); s != "" {
		return s
	}
	if _, ok := obj.(HasAttrs); ok && len(names) > 0 {
		return " (it has " + strings.Join(names, ", ") + ")"
	}
	return ""
}
