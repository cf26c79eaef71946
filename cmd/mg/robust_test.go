package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// robustDir holds the robustness corpus: bad programs (syntax, runtime,
// numeric and resource errors) with their expected exit status and
// message lines, in the conformance suite's format.
const robustDir = "../../testdata/robust"

// TestRobust runs each NAME.mg of the corpus as `mg run [ARGS] NAME.mg`,
// ARGS taken from a first line "# args: ...", and checks NAME.err (exit
// status, then lines stderr must contain), NAME.out (exact stdout) when
// present, and that nothing shows a Go panic.
func TestRobust(t *testing.T) {
	srcs, _ := filepath.Glob(filepath.Join(robustDir, "*.mg"))
	if len(srcs) < 40 {
		t.Fatalf("%d programs in %s, want at least 40", len(srcs), robustDir)
	}
	for _, src := range srcs {
		name := strings.TrimSuffix(src, ".mg")
		t.Run(filepath.Base(name), func(t *testing.T) {
			t.Parallel()
			text, err := os.ReadFile(src)
			if err != nil {
				t.Fatal(err)
			}
			args := append([]string{"run"}, scriptArgs(string(text))...)
			code, stdout, stderr := runRobust(t, append(args, src))
			checkExit(t, name, code, stderr)
			checkNoPanic(t, "stdout", stdout)
			checkNoPanic(t, "stderr", stderr)
			if want, err := os.ReadFile(name + ".out"); err == nil {
				if got := stdout; got != string(want) {
					t.Errorf("stdout differs\n--- got\n%s--- want\n%s", got, want)
				}
			} else if !os.IsNotExist(err) {
				t.Fatal(err)
			}
		})
	}
}

// runRobust runs mg with args: in this process, or in one of its own when
// the args set a memory limit, which is the whole process's.
func runRobust(t *testing.T, args []string) (int, string, string) {
	for _, a := range args {
		if strings.HasPrefix(a, "--max-memory") {
			dir, _ := os.Getwd()
			r := runChild(t, dir, "", args...)
			return r.code, r.stdout, r.stderr
		}
	}
	var stdout, stderr bytes.Buffer
	code := run(args, strings.NewReader(""), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// scriptArgs reads the flags of `mg run` from a first line "# args: ...".
func scriptArgs(src string) []string {
	first, _, _ := strings.Cut(src, "\n")
	if rest, ok := strings.CutPrefix(first, "# args:"); ok {
		return strings.Fields(rest)
	}
	return nil
}

func checkNoPanic(t *testing.T, what, text string) {
	t.Helper()
	if strings.Contains(text, "panic:") || strings.Contains(text, "goroutine ") || strings.Contains(text, "internal error") {
		t.Errorf("%s shows a Go panic or an internal error:\n%s", what, text)
	}
}
