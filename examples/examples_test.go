package examples

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/mglang/mg/stdlib"
)

var update = flag.Bool("update", false, "rewrite each example's .out from what mg prints")

// root is the repository's root, relative to this package's directory. The
// examples run from there, as the README runs them, so that their data
// paths (examples/data/...) resolve.
const root = ".."

// TestExamples builds mg and runs every examples/*.mg with `mg run`: each
// must exit 0, write nothing to stderr, and print exactly its .out file.
// With -update it rewrites the .out files instead (review them by diff).
func TestExamples(t *testing.T) {
	scripts, err := filepath.Glob("*.mg")
	if err != nil {
		t.Fatal(err)
	}
	if len(scripts) == 0 {
		t.Fatal("no examples/*.mg found")
	}
	checkNoStrayOuts(t, scripts)
	mg := buildMG(t)
	for _, script := range scripts {
		name := strings.TrimSuffix(script, ".mg")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			stdout, stderr, err := runScript(mg, script)
			if err != nil {
				t.Fatalf("mg run examples/%s: %v\nstderr:\n%s", script, err, stderr)
			}
			if len(stderr) > 0 {
				t.Errorf("mg run examples/%s wrote to stderr:\n%s", script, stderr)
			}
			golden := name + ".out"
			if *update {
				if err := os.WriteFile(golden, stdout, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./examples -update to write it)", err)
			}
			if !bytes.Equal(stdout, want) {
				t.Errorf("mg run examples/%s: output differs from %s\n%s", script, golden, firstDiff(string(want), string(stdout)))
			}
		})
	}
}

// buildMG compiles ./cmd/mg into a temporary directory.
func buildMG(t *testing.T) string {
	t.Helper()
	goTool, err := goCommand()
	if err != nil {
		t.Skipf("cannot build mg: %v", err)
	}
	exe := filepath.Join(t.TempDir(), "mg")
	if runtime.GOOS == "windows" {
		exe += ".exe"
	}
	cmd := exec.Command(goTool, "build", "-o", exe, "./cmd/mg")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/mg: %v\n%s", err, out)
	}
	return exe
}

// goCommand finds the go tool that runs this test.
func goCommand() (string, error) {
	name := "go"
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	for _, dir := range []string{os.Getenv("GOROOT"), runtime.GOROOT()} {
		if dir == "" {
			continue
		}
		p := filepath.Join(dir, "bin", name)
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return exec.LookPath("go")
}

// runScript runs `mg run examples/SCRIPT` from the repository's root.
func runScript(mg, script string) (stdout, stderr []byte, err error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, mg, "run", "examples/"+script)
	cmd.Dir = root
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err = cmd.Run()
	return out.Bytes(), errOut.Bytes(), err
}

// checkNoStrayOuts fails on a .out file whose script is gone.
func checkNoStrayOuts(t *testing.T, scripts []string) {
	t.Helper()
	outs, _ := filepath.Glob("*.out")
	have := map[string]bool{}
	for _, s := range scripts {
		have[strings.TrimSuffix(s, ".mg")] = true
	}
	for _, o := range outs {
		if !have[strings.TrimSuffix(o, ".out")] {
			t.Errorf("%s has no script %s", o, strings.TrimSuffix(o, ".out")+".mg")
		}
	}
}

// firstDiff describes where got first departs from want, with a few lines
// of context.
func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	i := 0
	for i < len(w) && i < len(g) && w[i] == g[i] {
		i++
	}
	var b strings.Builder
	fmt.Fprintf(&b, "first difference at line %d:\n", i+1)
	for j := max(0, i-2); j < i; j++ {
		fmt.Fprintf(&b, "    %s\n", w[j])
	}
	for j := i; j < min(len(w), i+3); j++ {
		fmt.Fprintf(&b, "  - %s\n", w[j])
	}
	for j := i; j < min(len(g), i+3); j++ {
		fmt.Fprintf(&b, "  + %s\n", g[j])
	}
	return b.String()
}

// TestLanguageDocCoversBuiltins keeps docs/language.md in step with the
// code: every builtin and method that mg has must be documented there.
func TestLanguageDocCoversBuiltins(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join(root, "docs", "language.md"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(doc)
	lib := stdlib.Library()
	var missing []string
	for _, name := range stdlib.Names(lib) {
		if !strings.Contains(text, "`"+name) {
			missing = append(missing, name)
		}
	}
	for typ, methods := range lib.Methods {
		for name := range methods {
			if !strings.Contains(text, "."+name+"(") {
				missing = append(missing, typ+"."+name)
			}
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("docs/language.md does not document: %s", strings.Join(missing, ", "))
	}
}
