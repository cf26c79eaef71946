package autograd

import (
	"fmt"
	"runtime"
	"testing"
	"time"
)

// TestLabelsRoundTrip: labels set, read back, replaced and removed, on
// leaves and op nodes, table labels and overflow ones alike.
func TestLabelsRoundTrip(t *testing.T) {
	ar := NewArena()
	x := ar.Leaf(1)
	y, _ := ar.Add(x, x)
	for _, s := range []string{"x", "loss", "x", "with space", "日本", ""} {
		x.SetLabel(s)
		y.SetLabel(s + "!")
		if x.Label() != s || y.Label() != s+"!" {
			t.Errorf("set %q: read %q and %q", s, x.Label(), y.Label())
		}
	}
	if ar.Leaf(2).Label() != "" {
		t.Error("a new leaf has a label")
	}
}

// TestManyLabelsStayBounded: a loop labelling nodes with ever new names
// fills the table, then the overflow map; once the nodes are garbage the
// map forgets them, so it does not grow without bound.
func TestManyLabelsStayBounded(t *testing.T) {
	keep := make([]*Value, 0, 1000)
	for i := range 1000 {
		v := NewArena().Leaf(float64(i))
		v.SetLabel(fmt.Sprintf("manylabels%d", i))
		keep = append(keep, v)
	}
	for i, v := range keep {
		if want := fmt.Sprintf("manylabels%d", i); v.Label() != want {
			t.Fatalf("label %q, want %q", v.Label(), want)
		}
	}
	if otherLabels() == 0 {
		t.Fatal("1000 distinct labels all fit the table: the test tests nothing")
	}
	keep = nil
	deadline := time.Now().Add(5 * time.Second)
	for otherLabels() > 0 && time.Now().Before(deadline) {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	if n := otherLabels(); n > 0 {
		t.Errorf("%d labels of freed nodes are still kept", n)
	}
}
