package autograd

import (
	"errors"
	"testing"
)

// SetLimit(n): n Values are made, the op that would make the n+1'th
// fails with the given error, and so does every op after it; a leaf past
// the limit is made but reported through onLimit.
func TestArenaLimitIsExact(t *testing.T) {
	ar := NewArena()
	ar.Leaf(1) // made before the limit: not counted
	limit := errors.New("over")
	calls := 0
	ar.SetLimit(3, limit, func() { calls++ })
	a := ar.Leaf(2)
	b, err := ar.Add(a, a)
	if err != nil {
		t.Fatalf("node 2 of 3: %v", err)
	}
	if _, err := ar.Mul(b, a); err != nil {
		t.Fatalf("node 3 of 3: %v", err)
	}
	if calls != 0 {
		t.Errorf("onLimit called %d times within the limit", calls)
	}
	for i := 0; i < 2; i++ {
		if v, err := ar.Mul(b, a); err != limit || v != nil {
			t.Errorf("node %d of 3: %v, %v; want the limit's error", 4+i, v, err)
		}
	}
	if ar.Leaf(5) == nil || calls != 3 {
		t.Errorf("a leaf past the limit: onLimit called %d times, want 3", calls)
	}
	ar.SetLimit(0, nil, nil)
	if _, err := ar.Mul(b, a); err != nil {
		t.Errorf("after SetLimit(0): %v", err)
	}
}
