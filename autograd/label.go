package autograd

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Labels live outside the nodes: a string in every Value would be 16 of
// its bytes, and few nodes have a label, or share a few (the names of a
// program's variables). A node holds one byte: 0 for no label, an index in
// a table of up to 254 label strings, or labelOther for a label kept in a
// map by the node's address.
//
// The table only grows, so it is bounded: past 254 distinct labels, each
// further one goes to the map, whose entry is removed when the node's
// memory is freed (runtime.AddCleanup), so that a loop labelling nodes
// with ever new names (f"w{i}") does not keep anything alive or grow
// without bound.

const (
	labelTableSize = 255 // indexes 1..254 in the table
	labelOther     = 255 // the label is in labels.other
)

var labels struct {
	mu    sync.Mutex
	names atomic.Pointer[[labelTableSize]string] // copied on write: readers take no lock
	index map[string]uint8
	last  atomic.Pointer[labelEntry] // the label set last: a loop sets the same one again and again
	n     int                        // names in use, index 0 excepted
	other map[uintptr]otherLabel
	gen   uint64
}

type labelEntry struct {
	s  string
	id uint8
}

type otherLabel struct {
	s   string
	gen uint64 // tells this node's entry from a later node's at the same address
}

// Label returns the name the node is drawn with; "" for none.
func (v *Value) Label() string {
	switch v.label {
	case 0:
		return ""
	case labelOther:
		labels.mu.Lock()
		defer labels.mu.Unlock()
		return labels.other[addrOf(v)].s
	}
	return labels.names.Load()[v.label]
}

// SetLabel names the node (DOT draws it; "" removes the name).
func (v *Value) SetLabel(s string) {
	if v.label == labelOther {
		labels.mu.Lock()
		delete(labels.other, addrOf(v))
		labels.mu.Unlock()
	}
	if s == "" {
		v.label = 0
		return
	}
	if e := labels.last.Load(); e != nil && e.s == s {
		v.label = e.id
		return
	}
	labels.mu.Lock()
	defer labels.mu.Unlock()
	if id, ok := labels.index[s]; ok {
		v.label = id
		labels.last.Store(&labelEntry{s, id})
		return
	}
	if labels.n < labelTableSize-1 {
		labels.n++
		id := uint8(labels.n)
		var names [labelTableSize]string
		if old := labels.names.Load(); old != nil {
			names = *old
		}
		names[id] = s
		labels.names.Store(&names)
		if labels.index == nil {
			labels.index = make(map[string]uint8)
		}
		labels.index[s] = id
		labels.last.Store(&labelEntry{s, id})
		v.label = id
		return
	}
	if labels.other == nil {
		labels.other = make(map[uintptr]otherLabel)
	}
	labels.gen++
	labels.other[addrOf(v)] = otherLabel{s, labels.gen}
	v.label = labelOther
	runtime.AddCleanup(v, forgetLabel, otherKey{addrOf(v), labels.gen})
}

type otherKey struct {
	addr uintptr
	gen  uint64
}

// forgetLabel drops the map entry of a node whose memory was freed, unless
// a newer node at the same address has set its own since.
func forgetLabel(k otherKey) {
	labels.mu.Lock()
	defer labels.mu.Unlock()
	if e, ok := labels.other[k.addr]; ok && e.gen == k.gen {
		delete(labels.other, k.addr)
	}
}

// otherLabels is how many labels the map holds (for tests).
func otherLabels() int {
	labels.mu.Lock()
	defer labels.mu.Unlock()
	return len(labels.other)
}
