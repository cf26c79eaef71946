package main

import (
	"bytes"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// firstBinding matches a line that binds a name: NAME = ...
var firstBinding = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_]*) = `)

// addLet is the only change the lecture's Python needs to be mg: `let`
// before the first binding of each name.
func addLet(py string) string {
	seen := map[string]bool{}
	lines := strings.Split(py, "\n")
	for i, l := range lines {
		if m := firstBinding.FindStringSubmatch(l); m != nil && !seen[m[1]] {
			seen[m[1]] = true
			lines[i] = "let " + l
		}
	}
	return strings.Join(lines, "\n")
}

// TestLectureValueSection types the lecture's Value section into mg with
// only `let` added and compares what it prints with python3 running the
// text as written, with the lecture's Value class.
func TestLectureValueSection(t *testing.T) {
	lecture, err := os.ReadFile(filepath.Join("testdata", "habits", "lecture_value.py"))
	if err != nil {
		t.Fatal(err)
	}
	prelude, err := os.ReadFile(filepath.Join("testdata", "habits", "value.py"))
	if err != nil {
		t.Fatal(err)
	}
	src := addLet(string(lecture))
	if strings.ReplaceAll(src, "let ", "") != strings.ReplaceAll(string(lecture), "let ", "") {
		t.Fatal("the mg text differs from the lecture's by more than let")
	}
	if n := strings.Count(src, "let ") - strings.Count(string(lecture), "let "); n < 10 {
		t.Fatalf("only %d lets added: the transformation found too few bindings", n)
	}
	var stdout, stderr bytes.Buffer
	if code := run(nil, strings.NewReader(src), &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr.String())
	}
	want, err := exec.Command(python(t), "-c", string(prelude)+string(lecture)).Output()
	if err != nil {
		t.Fatalf("python3: %v", err)
	}
	if stdout.String() != string(want) {
		t.Errorf("mg and the lecture's Python differ\n--- mg\n%s--- python3\n%s", stdout.String(), want)
	}
}

// TestLectureExpSection types in the lecture's tanh made of exp, - and /.
// mg's - and / are one op each, where the lecture's Value rounds twice
// (a + (-b), a * b**-1), so the numbers are compared to 4 units in the
// last place rather than to the bit.
func TestLectureExpSection(t *testing.T) {
	lecture, err := os.ReadFile(filepath.Join("testdata", "habits", "lecture_exp.py"))
	if err != nil {
		t.Fatal(err)
	}
	prelude, err := os.ReadFile(filepath.Join("testdata", "habits", "value.py"))
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := run(nil, strings.NewReader(addLet(string(lecture))), &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr.String())
	}
	want, err := exec.Command(python(t), "-c", string(prelude)+string(lecture)).Output()
	if err != nil {
		t.Fatalf("python3: %v", err)
	}
	got, exp := strings.Fields(stdout.String()), strings.Fields(string(want))
	if len(got) != len(exp) || len(got) != 5 {
		t.Fatalf("mg printed %q, python3 %q", got, exp)
	}
	for i := range got {
		g, err1 := strconv.ParseFloat(got[i], 64)
		w, err2 := strconv.ParseFloat(exp[i], 64)
		if err1 != nil || err2 != nil || math.Abs(g-w) > 4*ulp(w) {
			t.Errorf("number %d: mg %s, python3 %s", i, got[i], exp[i])
		}
	}
}

func ulp(x float64) float64 {
	if x == 0 {
		return math.SmallestNonzeroFloat64
	}
	return math.Abs(math.Nextafter(x, math.Inf(1)) - x)
}
