package eval

import (
	"strings"

	"github.com/mglang/mg/autograd"
)

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
