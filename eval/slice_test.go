package eval

import (
	"encoding/json"
	"math"
	"math/rand"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/mglang/mg/lang"
)

// TestSliceMatchesCPython compares the items of thousands of random slices
// xs[lo:hi:step] (bounds left out, negative, beyond the ends, huge) with
// what CPython's slices take.
func TestSliceMatchesCPython(t *testing.T) {
	const py = "/usr/bin/python3"
	if _, err := os.Stat(py); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is required in CI: %v", py, err)
		}
		t.Skipf("%s not installed", py)
	}
	r := rand.New(rand.NewSource(1))
	bound := func() *int64 {
		var v int64
		switch r.Intn(6) {
		case 0:
			return nil
		case 1:
			v = math.MaxInt64 - int64(r.Intn(2))
		case 2:
			v = math.MinInt64 + int64(r.Intn(2))
		default:
			v = int64(r.Intn(17) - 8)
		}
		return &v
	}
	type tc struct {
		N            int
		Lo, Hi, Step *int64
	}
	var cases []tc
	for i := 0; i < 5000; i++ {
		c := tc{N: r.Intn(7), Lo: bound(), Hi: bound(), Step: bound()}
		if c.Step != nil && *c.Step == 0 {
			c.Step = nil
		}
		cases = append(cases, c)
	}
	in, _ := json.Marshal(cases)
	cmd := exec.Command(py, "-c", `
import json, sys
print(json.dumps([list(range(c["N"]))[c["Lo"]:c["Hi"]:c["Step"]] for c in json.load(sys.stdin)]))`)
	cmd.Stdin = strings.NewReader(string(in))
	raw, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	var want [][]int
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatal(err)
	}
	obj := func(b *int64) Object {
		if b == nil {
			return None
		}
		return Int(*b)
	}
	for i, c := range cases {
		start, step, n := sliceIndices(c.N, obj(c.Lo), obj(c.Hi), obj(c.Step), lang.Pos{})
		got := make([]int, n)
		for k := range got {
			got[k] = start + k*step
		}
		if len(got) != len(want[i]) || !equalInts(got, want[i]) {
			t.Errorf("range(%d)[%v:%v:%v] = %v, Python %v", c.N, deref(c.Lo), deref(c.Hi), deref(c.Step), got, want[i])
		}
	}
}

func equalInts(a, b []int) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func deref(p *int64) any {
	if p == nil {
		return "_"
	}
	return *p
}
