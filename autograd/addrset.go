package autograd

// addrSet is a set of addresses (not 0), by open addressing: what a
// generation keeps is looked up at each use of an operand from elsewhere,
// a parameter at every weight it multiplies.
type addrSet struct {
	slots []uintptr // a power of two of them, 0 where empty
	n     int
	shift uint // 64 less log2(len(slots))
}

// add inserts a and reports whether it was not there yet.
func (s *addrSet) add(a uintptr) bool {
	if 2*(s.n+1) > len(s.slots) {
		s.grow()
	}
	mask := uintptr(len(s.slots) - 1)
	for i := s.slot(a); ; i = (i + 1) & mask {
		switch s.slots[i] {
		case a:
			return false
		case 0:
			s.slots[i] = a
			s.n++
			return true
		}
	}
}

// slot is where a's search starts: Fibonacci hashing of its 8-byte word.
func (s *addrSet) slot(a uintptr) uintptr {
	return uintptr((uint64(a>>3) * 0x9E3779B97F4A7C15) >> s.shift)
}

// grow doubles the table (64 slots at first) and inserts everything again.
func (s *addrSet) grow() {
	old := s.slots
	n := max(2*len(old), 64)
	s.slots, s.n = make([]uintptr, n), 0
	s.shift = 64
	for k := n; k > 1; k >>= 1 {
		s.shift--
	}
	for _, a := range old {
		if a != 0 {
			s.add(a)
		}
	}
}
