package main

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the .out golden files")

// runGolden checks the cases in dir, in the conformance suite's format:
// NAME.mg run as a script or NAME.stdin piped in, NAME.out the exact
// stdout, NAME.err the exit status on its first line then substrings of
// stderr (without it, exit 0 is expected).
func runGolden(t *testing.T, dir string) {
	srcs, _ := filepath.Glob(filepath.Join(dir, "*.mg"))
	stdins, _ := filepath.Glob(filepath.Join(dir, "*.stdin"))
	if len(srcs)+len(stdins) == 0 {
		t.Fatalf("no cases in %s", dir)
	}
	for _, src := range append(srcs, stdins...) {
		name := strings.TrimSuffix(src, filepath.Ext(src))
		t.Run(filepath.Base(name), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			var code int
			if strings.HasSuffix(src, ".stdin") {
				in, err := os.Open(src)
				if err != nil {
					t.Fatal(err)
				}
				defer in.Close()
				code = run(nil, in, &stdout, &stderr)
			} else {
				code = run([]string{"run", src}, strings.NewReader(""), &stdout, &stderr)
			}
			checkExit(t, name, code, stderr.String())
			if strings.Contains(stderr.String(), "panic:") || strings.Contains(stderr.String(), "goroutine ") {
				t.Errorf("stderr shows a Go panic:\n%s", stderr.String())
			}
			if *update && !strings.Contains(src, "conformance") {
				if err := os.WriteFile(name+".out", stdout.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(name + ".out")
			if err != nil {
				if os.IsNotExist(err) {
					return
				}
				t.Fatal(err)
			}
			if got := stdout.String(); got != string(want) {
				t.Errorf("stdout differs\n--- got\n%s--- want\n%s", got, want)
			}
		})
	}
}

func checkExit(t *testing.T, name string, code int, stderr string) {
	t.Helper()
	spec, err := os.ReadFile(name + ".err")
	if os.IsNotExist(err) {
		if code != 0 {
			t.Fatalf("exit %d, want 0; stderr:\n%s", code, stderr)
		}
		return
	}
	lines := strings.Split(strings.TrimRight(string(spec), "\n"), "\n")
	want, err := strconv.Atoi(strings.TrimPrefix(lines[0], "exit "))
	if err != nil {
		t.Fatalf("%s.err: bad first line %q", name, lines[0])
	}
	if code != want {
		t.Errorf("exit %d, want %d; stderr:\n%s", code, want, stderr)
	}
	for _, l := range lines[1:] {
		if !strings.Contains(stderr, l) {
			t.Errorf("stderr lacks %q; stderr:\n%s", l, stderr)
		}
	}
}

func TestGolden(t *testing.T) { runGolden(t, "testdata") }

// TestConformance runs the shared acceptance suite against a freshly built
// binary whenever the suite is present beside the repository.
func TestConformance(t *testing.T) {
	suite, err := filepath.Abs("../../../shared/conformance/run")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(suite); err != nil {
		t.Skipf("no conformance suite at %s", suite)
	}
	bin := filepath.Join(t.TempDir(), "mg")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command("bash", suite, bin).CombinedOutput()
	text := string(out)
	t.Logf("%s", text)
	if err != nil || !strings.Contains(text, " passed, 0 failed") {
		t.Fatalf("conformance suite failed (%v):\n%s", err, text)
	}
}
