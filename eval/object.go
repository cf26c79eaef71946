package eval

import (
	"strconv"

	"github.com/mglang/mg/autograd"
)

// Object is any mg value. *autograd.Value is an Object as it is.
type Object interface {
	Type() string
	String() string
}

// Int is an int64 used for counting, indices and integer arithmetic.
type Int int64

// Float is a float64 that is not part of any graph.
type Float float64

// Bool is true or false.
type Bool bool

// String is an immutable text.
type String string

// NoneType is the type of None.
type NoneType struct{}

// None is the result of a statement or a function without return.
var None = NoneType{}

// List is a mutable sequence.
type List struct{ Elems []Object }

// Range is a lazy arithmetic progression, as Python's range.
type Range struct{ Start, Stop, Step int64 }

// Kwarg is a keyword argument of a call.
type Kwarg struct {
	Name  string
	Value Object
}

// Callable is an Object that can be called.
type Callable interface {
	Object
	Call(th *Thread, args []Object, kwargs []Kwarg) (Object, error)
}

// HasAttrs is an Object with named fields or methods.
type HasAttrs interface {
	Object
	Attr(th *Thread, name string) (Object, error)
	AttrNames() []string
}

// Builtin is a function written in Go.
type Builtin struct {
	Name string
	Doc  string
	Fn   func(th *Thread, args []Object, kwargs []Kwarg) (Object, error)
}

// BoundMethod is a builtin with its receiver as the first argument.
type BoundMethod struct {
	Recv Object
	Fn   *Builtin
}

func (Int) Type() string          { return "int" }
func (Float) Type() string        { return "float" }
func (Bool) Type() string         { return "bool" }
func (String) Type() string       { return "string" }
func (NoneType) Type() string     { return "none" }
func (*List) Type() string        { return "list" }
func (*Range) Type() string       { return "range" }
func (*Builtin) Type() string     { return "builtin" }
func (*BoundMethod) Type() string { return "method" }

func (i Int) String() string   { return strconv.FormatInt(int64(i), 10) }
func (f Float) String() string { return autograd.FormatFloat(float64(f)) }
func (b Bool) String() string {
	if b {
		return "true"
	}
	return "false"
}
func (s String) String() string { return string(s) }
func (NoneType) String() string { return "none" }
func (l *List) String() string  { return Repr(l) }
func (r *Range) String() string {
	if r.Step == 1 {
		return "range(" + strconv.FormatInt(r.Start, 10) + ", " + strconv.FormatInt(r.Stop, 10) + ")"
	}
	return "range(" + strconv.FormatInt(r.Start, 10) + ", " + strconv.FormatInt(r.Stop, 10) + ", " + strconv.FormatInt(r.Step, 10) + ")"
}
func (b *Builtin) String() string     { return "<builtin " + b.Name + ">" }
func (m *BoundMethod) String() string { return "<method " + m.Fn.Name + " of " + m.Recv.Type() + ">" }

// Call calls the builtin.
func (b *Builtin) Call(th *Thread, args []Object, kwargs []Kwarg) (Object, error) {
	return b.Fn(th, args, kwargs)
}

// Call calls the method with its receiver first.
func (m *BoundMethod) Call(th *Thread, args []Object, kwargs []Kwarg) (Object, error) {
	all := make([]Object, 0, len(args)+1)
	all = append(all, m.Recv)
	all = append(all, args...)
	return m.Fn.Fn(th, all, kwargs)
}

// Len is the number of items in the range.
func (r *Range) Len() int64 {
	switch {
	case r.Step > 0 && r.Start < r.Stop:
		return (r.Stop - r.Start + r.Step - 1) / r.Step
	case r.Step < 0 && r.Start > r.Stop:
		return (r.Start - r.Stop - r.Step - 1) / -r.Step
	}
	return 0
}

// At is the i-th item of the range (0 <= i < Len()).
func (r *Range) At(i int64) int64 { return r.Start + i*r.Step }

// NewList makes a list that owns elems.
func NewList(elems []Object) *List { return &List{Elems: elems} }
