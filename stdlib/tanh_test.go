package stdlib_test

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// tanh of a number and of a Value is the lecture's (e**2x - 1)/(e**2x + 1),
// digit for digit what CPython computes with that formula, including near
// 0 where it differs from math.tanh (docs/language.md §12 gives these
// numbers): 9.999999707180684e-10 at 1e-9, 0.0 at 1e-20 and at -0.0.
func TestTanhIsTheLectureFormulaNearZero(t *testing.T) {
	const py = "/usr/bin/python3"
	if _, err := os.Stat(py); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is required in CI: %v", py, err)
		}
		t.Skipf("%s not installed", py)
	}
	xs := "1e-20, -0.0, 1e-9, -1e-9, 1e-8, 1e-5, 0.001, 0.5, 0.8813735870195432, -3.0, 19.5"
	oracle, err := exec.Command(py, "-c", `import math
for x in [`+xs+`]:
    e = math.exp(2*x)
    print(repr((e - 1) / (e + 1)), repr(math.tanh(x)))`).Output()
	if err != nil {
		t.Fatal(err)
	}
	out, err := run(t, "for x in ["+xs+"] { print(tanh(x), tanh(Value(x)).data) }\n")
	if err != nil {
		t.Fatal(err)
	}
	got, want := strings.Split(out, "\n"), strings.Split(string(oracle), "\n")
	for i := range want {
		if want[i] == "" {
			continue
		}
		lecture, mathTanh, _ := strings.Cut(want[i], " ")
		if i >= len(got) {
			t.Fatalf("mg printed %d lines, want %d:\n%s", len(got), len(want), out)
		}
		if got[i] != lecture+" "+lecture {
			t.Errorf("x #%d: mg %q, want the lecture formula's %s (math.tanh: %s)", i, got[i], lecture, mathTanh)
		}
	}
	if !strings.HasPrefix(out, "0.0 0.0\n0.0 0.0\n9.999999707180684e-10 9.999999707180684e-10\n") {
		t.Errorf("the documented values changed:\n%s", out)
	}
}
