package display

import (
	"io"

	"github.com/mglang/mg/eval"
)

// Object is something that can be shown. Text is its plain form, the one
// a terminal shows; an Object may also implement SVGer or PNGer.
type Object interface {
	Text() string
}

// SVGer is an Object that can draw itself as SVG (an <svg> element with
// no XML header, ready to be put inside a page).
type SVGer interface {
	SVG() (string, error)
}

// PNGer is an Object that can draw itself as a PNG image.
type PNGer interface {
	PNG() ([]byte, error)
}

// Sink is an output that can show rich forms: a notebook's output area.
// Display shows obj in the richest form the sink supports, after the text
// written to the sink so far.
type Sink interface {
	io.Writer
	Display(obj Object) error
}

// Show shows obj on w: through Display when w is a Sink, else as its text
// followed by a newline, as print writes a string.
func Show(w io.Writer, obj Object) error {
	if s, ok := w.(Sink); ok {
		return s.Display(obj)
	}
	_, err := io.WriteString(w, obj.Text()+"\n")
	return err
}

// Text is an Object that is text only.
type Text string

// Text returns t.
func (t Text) Text() string { return string(t) }

// graphKey is the thread-local slot holding the DOT text dot(L) returned last.
const graphKey = "display.graph"

// NoteGraph records that dot was the DOT text of a graph, just returned by
// the dot builtin on th, so that Of shows that string as a picture. The
// language keeps dot's result a string (print, concatenation and file
// writing work as on any string); only a front end showing a result asks.
func NoteGraph(th *eval.Thread, dot eval.String) {
	th.SetLocal(graphKey, dot)
}

// Of is the Object that shows v, the value of an expression a front end
// displays (a notebook cell's last expression): the graph drawn for the
// string dot(L) returned last, v itself if it is an Object, else v's
// repr, as the REPL prints it (Value(data=..., grad=...) for a Value).
func Of(th *eval.Thread, v eval.Object) Object {
	if s, ok := v.(eval.String); ok && th != nil {
		if g, ok := th.Local(graphKey).(eval.String); ok && g == s {
			return Graph{DOT: string(s)}
		}
	}
	if o, ok := v.(Object); ok {
		return o
	}
	return Text(eval.Repr(v))
}
