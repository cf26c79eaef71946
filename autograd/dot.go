package autograd

import (
	"bufio"
	"io"
	"math"
	"strconv"
	"unicode/utf8"
)

// DOTOptions controls WriteDOT.
type DOTOptions struct {
	// MaxNodes bounds how many Values are drawn (0 = all): the ones nearest
	// the root, in breadth-first order from it. The rest are summarised as
	// one plain node, "… 64,981 more nodes", with an edge to every drawn op
	// node that lost an operand.
	MaxNodes int
}

// Look of the drawing.
const (
	paramFill    = `"#cfe8ff"` // module parameters
	constColor   = `"gray55"`  // unlabeled constant leaves
	constFont    = `"gray40"`
	rootPenWidth = "2"
)

// WriteDOT writes root's graph in Graphviz's DOT language, as micrograd's
// draw_dot draws it: a digraph with rankdir=LR, one record node per Value
// labelled "{ LABEL | data %.4f | grad %.4f }", one node per op labelled
// with Value.OpName, an edge from the op to its Value and one from each
// operand to the op. Parameters are filled, the root has a bold border and
// unlabeled leaves are grey. A constant (Value.IsConst) is drawn once per
// use, with the gradient micrograd's fresh leaf would hold (ConstGrad). Ids follow Topo order, so the same graph
// gives the same bytes; labels are escaped so that any text is valid DOT.
func WriteDOT(w io.Writer, root *Value, opt DOTOptions) error {
	nodes := Topo(root)
	var drawn map[*Value]bool // nil: all
	more := 0
	if opt.MaxNodes > 0 && opt.MaxNodes < len(nodes) {
		drawn = nearest(root, opt.MaxNodes)
		more = len(nodes) - len(drawn)
	}
	size := len(nodes)
	if drawn != nil {
		size = len(drawn)
	}
	ids := make(map[*Value]int, size)
	for _, v := range nodes {
		if drawn == nil || drawn[v] {
			ids[v] = len(ids)
		}
	}
	nextID := len(ids) // constants' boxes are numbered after the nodes
	d := dotWriter{w: bufio.NewWriterSize(w, 64<<10)}
	d.str("digraph G {\n  rankdir=LR;\n")
	if more > 0 {
		d.str(`  more [shape=plaintext, label="… ` + thousands(more) + " more nodes\"];\n")
	}
	for _, v := range nodes {
		id, ok := ids[v]
		if !ok {
			continue
		}
		d.value(v, id, v == root)
		if v.op == OpLeaf {
			continue
		}
		d.str("  op").int(id).str(` [label="`).escape(v.OpName()).str("\"];\n")
		d.str("  op").int(id).str(" -> n").int(id).str(";\n")
		lost := false
		x0, x1 := v.Operands()
		for _, x := range [2]*Value{x0, x1} {
			if x == nil {
				continue
			}
			if x.IsConst() {
				// One box per use, as micrograd's fresh Value(c) would be.
				d.constBox(x.Data, ConstGrad(v, x), nextID)
				d.str("  n").int(nextID).str(" -> op").int(id).str(";\n")
				nextID++
				continue
			}
			if xid, ok := ids[x]; ok {
				d.str("  n").int(xid).str(" -> op").int(id).str(";\n")
			} else {
				lost = true
			}
		}
		if lost {
			d.str("  more -> op").int(id).str(";\n")
		}
	}
	d.str("}\n")
	return d.w.Flush()
}

// nearest returns the first n Values of a breadth-first walk from root
// (operand a before b).
func nearest(root *Value, n int) map[*Value]bool {
	e := newEpoch()
	root.see(e)
	q := []*Value{root}
	for i := 0; i < len(q) && len(q) < n; i++ {
		a, b := q[i].operands()
		for _, x := range [2]*Value{a, b} {
			if x != nil && !x.seen(e) && !x.IsConst() && len(q) < n {
				x.see(e)
				q = append(q, x)
			}
		}
	}
	m := make(map[*Value]bool, len(q))
	for _, v := range q {
		m[v] = true
	}
	return m
}

type dotWriter struct {
	w   *bufio.Writer
	buf []byte
}

func (d *dotWriter) str(s string) *dotWriter { d.w.WriteString(s); return d }

func (d *dotWriter) int(i int) *dotWriter {
	d.buf = strconv.AppendInt(d.buf[:0], int64(i), 10)
	d.w.Write(d.buf)
	return d
}

// num writes x as Go's %.4f, except inf, -inf and nan as Python writes them.
func (d *dotWriter) num(x float64) *dotWriter {
	switch {
	case math.IsNaN(x):
		return d.str("nan")
	case math.IsInf(x, 0):
		if x < 0 {
			return d.str("-inf")
		}
		return d.str("inf")
	}
	d.buf = strconv.AppendFloat(d.buf[:0], x, 'f', 4, 64)
	d.w.Write(d.buf)
	return d
}

func (d *dotWriter) value(v *Value, id int, isRoot bool) {
	d.str("  n").int(id).str(` [shape=record, label="{ `)
	d.recordText(v.Label())
	d.str(" | data ").num(v.Data).str(" | grad ").num(v.Grad).str(` }"`)
	switch {
	case v.IsParam():
		d.str(", style=filled, fillcolor=" + paramFill)
	case v.op == OpLeaf && v.Label() == "":
		d.str(", color=" + constColor + ", fontcolor=" + constFont)
	}
	if isRoot {
		d.str(", penwidth=" + rootPenWidth)
	}
	d.str("];\n")
}

// constBox draws one use of a constant: an unlabeled grey leaf.
func (d *dotWriter) constBox(data, grad float64, id int) {
	d.str("  n").int(id).str(` [shape=record, label="{  | data `).num(data).str(" | grad ").num(grad)
	d.str(` }", color=` + constColor + ", fontcolor=" + constFont + "];\n")
}

// escape writes s inside a DOT quoted string (for the op names).
func (d *dotWriter) escape(s string) *dotWriter {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '"' || c == '\\' {
			d.w.WriteByte('\\')
		}
		d.w.WriteByte(s[i])
	}
	return d
}

// recordText writes a label as one field of a record label, so that
// Graphviz shows exactly the text: the record syntax { } | < > and the
// string's " \ are escaped, & is written as &amp; (Graphviz reads
// entities), a newline becomes \n, other control characters their Unicode
// pictures (␀, ␛, ...), invalid UTF-8 U+FFFD, and every space that
// Graphviz's record parser would drop (leading, trailing, repeated, after
// a non-ASCII letter) a no-break space.
func (d *dotWriter) recordText(s string) {
	prev := rune(-1) // what was written before, -1 at the start
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == '\r' && i < len(s) && s[i] == '\n':
			continue // \r\n is one newline
		case r == '\n' || r == '\r':
			d.str(`\n`)
			prev = '\n'
			continue
		case r == ' ' || r == '\t':
			next, _ := utf8.DecodeRuneInString(s[i:])
			if prev > ' ' && prev < utf8.RuneSelf && i < len(s) && next != ' ' && next != '\t' && next != '\n' && next != '\r' {
				d.w.WriteByte(' ')
				prev = ' '
			} else {
				d.w.WriteRune('\u00a0')
				prev = '\u00a0'
			}
			continue
		}
		switch r {
		case '{', '}', '|', '<', '>', '"', '\\':
			d.w.WriteByte('\\')
			d.w.WriteRune(r)
		case '&':
			d.str("&amp;")
		default:
			switch {
			case r < ' ':
				r += 0x2400 // ␀ .. ␟
			case r == 0x7f:
				r = 0x2421 // ␡
			}
			d.w.WriteRune(r) // utf8.RuneError for invalid bytes
		}
		prev = r
	}
}

// thousands writes n with commas between groups of three digits.
func thousands(n int) string {
	s := strconv.Itoa(n)
	out := make([]byte, 0, len(s)+len(s)/3)
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	return string(out)
}
