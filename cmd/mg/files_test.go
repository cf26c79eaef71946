package main

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// filesBox makes the layout of the --files tests in a temporary directory:
//
//	box/          the directory mg is confined to, and its working directory
//	  in.csv      a CSV file to read
//	  lib.mg      a script to :load
//	  sub/        a directory to write into
//	  link.csv    -> ../outside/secret.csv      (a symlink leading out)
//	  link.mg     -> ../outside/secret.mg
//	  out.dot, out.svg, out.png  -> ../outside/... (dangling symlinks leading out)
//	  away/       -> ../outside                  (a directory symlink leading out)
//	outside/      files the program must not touch
//	  secret.csv, secret.mg
//
// It returns the two directories.
func filesBox(t *testing.T) (box, outside string) {
	t.Helper()
	root := t.TempDir()
	box, outside = filepath.Join(root, "box"), filepath.Join(root, "outside")
	for _, d := range []string{box, outside, filepath.Join(box, "sub")} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write := func(path, text string) {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(box, "in.csv"), "x,y\n1,2\n3,4\n")
	write(filepath.Join(box, "lib.mg"), "let loaded = \"yes\"\n")
	write(filepath.Join(outside, "secret.csv"), "7,8\n")
	write(filepath.Join(outside, "secret.mg"), "let stolen = 1\n")
	links := map[string]string{
		"link.csv": "../outside/secret.csv", "link.mg": "../outside/secret.mg",
		"out.dot": "../outside/planted.dot", "out.svg": "../outside/planted.svg", "out.png": "../outside/planted.png",
		"away": "../outside",
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(box, name)); err != nil {
			t.Skipf("no symlinks here: %v", err)
		}
	}
	return box, outside
}

// listFiles lists the files under dir, relative to it.
func listFiles(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && path != dir {
			rel, _ := filepath.Rel(dir, path)
			names = append(names, rel)
		}
		return nil
	})
	sort.Strings(names)
	return names
}

// Inside the directory, reads and writes work as without the flag.
func TestFilesInsideWork(t *testing.T) {
	box, _ := filesBox(t)
	src := "let rows = read_csv(\"in.csv\")\nprint(rows)\nprint(len(read_csv(\"sub/../in.csv\")))\n" +
		"let a = Value(2.0)\nlet L = a * a\ndot(L, \"g.dot\")\ndot(L, \"sub/g.dot\")\n" +
		"plot([1, 2, 3], \"sub/p.png\")\nprint(\"done\")\n"
	script := writeScript(t, box, "ok.mg", src)
	r := runChild(t, box, "", "run", "--files", ".", script)
	if r.code != 0 || r.stdout != "[[1, 2], [3, 4]]\n2\ndone\n" {
		t.Fatalf("exit %d, stdout %q; stderr:\n%s", r.code, r.stdout, r.stderr)
	}
	for _, f := range []string{"g.dot", "sub/g.dot", "sub/p.png"} {
		if st, err := os.Stat(filepath.Join(box, f)); err != nil || st.Size() == 0 {
			t.Errorf("%s was not written: %v", f, err)
		}
	}
	// The REPL's :load, with the flag given to mg itself.
	r = runChild(t, box, ":load lib.mg\nloaded\n", "--files", box)
	if r.code != 0 || r.stdout != "\"yes\"\n" {
		t.Errorf(":load inside: exit %d, stdout %q; stderr:\n%s", r.code, r.stdout, r.stderr)
	}
}

// `../x`, an absolute path and a symlink leading out are refused, for each
// of read_csv, dot, plot and :load, with an error naming the path and the
// flag; nothing appears outside the directory.
func TestFilesOutsideRefused(t *testing.T) {
	box, outside := filesBox(t)
	before := listFiles(t, outside)
	abs := func(name string) string { return filepath.Join(outside, name) }
	a := "let a = Value(2.0)\n"
	tests := []struct {
		name, stmt, path string
	}{
		{"read_csv_parent", `read_csv("../outside/secret.csv")`, "../outside/secret.csv"},
		{"read_csv_absolute", `read_csv("` + abs("secret.csv") + `")`, abs("secret.csv")},
		{"read_csv_symlink", `read_csv("link.csv")`, "link.csv"},
		{"read_csv_symlinked_dir", `read_csv("away/secret.csv")`, "away/secret.csv"},
		{"dot_parent", a + `dot(a, "../outside/new.dot")`, "../outside/new.dot"},
		{"dot_absolute", a + `dot(a, "` + abs("new.svg") + `")`, abs("new.svg")},
		{"dot_symlink", a + `dot(a, "out.dot")`, "out.dot"},
		{"dot_symlink_svg", a + `dot(a, "out.svg")`, "out.svg"},
		{"dot_symlinked_dir", a + `dot(a, "away/new.dot")`, "away/new.dot"},
		{"plot_parent", `plot([1, 2], "../outside/new.png")`, "../outside/new.png"},
		{"plot_absolute", `plot([1, 2], "` + abs("new.png") + `")`, abs("new.png")},
		{"plot_symlink", `plot([1, 2], "out.png")`, "out.png"},
		{"plot_symlinked_dir", `plot([1, 2], "away/new.png")`, "away/new.png"},
		{"load_parent", ":load ../outside/secret.mg", "../outside/secret.mg"},
		{"load_absolute", ":load " + abs("secret.mg"), abs("secret.mg")},
		{"load_symlink", ":load link.mg", "link.mg"},
		{"load_symlinked_dir", ":load away/secret.mg", "away/secret.mg"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			want := tt.path + " is outside ., the only directory this program may use (--files .)"
			// Piped into mg, so that :load is a command; the statement
			// after shows that nothing of the refused file came in.
			r := runChild(t, box, tt.stmt+"\nprint(\"next\")\n", "--files", ".")
			if r.code != exitRuntime {
				t.Errorf("exit %d, want %d", r.code, exitRuntime)
			}
			if !strings.Contains(r.stderr, want) {
				t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
			}
			if r.stdout != "next\n" {
				t.Errorf("stdout %q, want %q", r.stdout, "next\n")
			}
			if !strings.HasPrefix(tt.name, "load") {
				// The same statement in a script run with mg run.
				script := writeScript(t, t.TempDir(), "s.mg", tt.stmt+"\n")
				r := runChild(t, box, "", "run", "--files", ".", script)
				if r.code != exitRuntime || !strings.Contains(r.stderr, want) {
					t.Errorf("mg run: exit %d, stderr lacks %q:\n%s", r.code, want, r.stderr)
				}
			}
		})
	}
	t.Cleanup(func() {
		if after := listFiles(t, outside); strings.Join(after, " ") != strings.Join(before, " ") {
			t.Errorf("files outside the directory changed: %v, then %v", before, after)
		}
		for _, name := range []string{"new.dot", "new.svg", "new.png", "planted.dot", "planted.svg", "planted.png"} {
			if _, err := os.Lstat(filepath.Join(outside, name)); err == nil {
				t.Errorf("%s was created outside the directory", name)
			}
		}
	})
}

// Without the flag, access is as it was: a path outside the working
// directory is read and written.
func TestFilesUnconfinedWithoutTheFlag(t *testing.T) {
	box, outside := filesBox(t)
	src := "print(read_csv(\"../outside/secret.csv\"))\nlet a = Value(2.0)\ndot(a, \"../outside/new.dot\")\n"
	r := runChild(t, box, src)
	if r.code != 0 || r.stdout != "[[7, 8]]\n" {
		t.Fatalf("exit %d, stdout %q; stderr:\n%s", r.code, r.stdout, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(outside, "new.dot")); err != nil {
		t.Errorf("dot did not write outside the working directory without --files: %v", err)
	}
}

// --files must name a directory; :limits may narrow it but not lift it.
func TestFilesFlagChecked(t *testing.T) {
	box, _ := filesBox(t)
	r := runChild(t, box, "", "--files", "nosuch")
	if r.code != exitUsage || !strings.Contains(r.stderr, "--files nosuch: no such file or directory") {
		t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
	r = runChild(t, box, "", "--files", "in.csv")
	if r.code != exitUsage || !strings.Contains(r.stderr, "--files in.csv: not a directory") {
		t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
	in := ":limits --files ..\n:limits --files=\nprint(read_csv(\"link.csv\"))\n:limits --files sub\nread_csv(\"in.csv\")\n"
	r = runChild(t, box, in, "--files", ".")
	for _, w := range []string{
		"<stdin>:1:9: :limits: cannot use files outside ., the directory mg was started with (--files)",
		"<stdin>:2:9: :limits: cannot use files outside ., the directory mg was started with (--files)",
		"<stdin>:3:15: read_csv(): link.csv is outside .",
		"<stdin>:5:9: read_csv(): in.csv is outside sub, the only directory this program may use (--files sub)",
	} {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("stderr lacks %q:\n%s", w, r.stderr)
		}
	}
}

// The kernel, given --files, confines every cell's file access the same.
func TestKernelConfinesFiles(t *testing.T) {
	box, outside := filesBox(t)
	k := newKernel(limits{files: box})
	defer k.close()
	if _, cerr := k.runCell(`read_csv("`+filepath.Join(box, "in.csv")+`")`, "cell1"); cerr != nil {
		t.Fatalf("a read inside failed: %+v", cerr)
	}
	for _, path := range []string{filepath.Join(outside, "secret.csv"), filepath.Join(box, "link.csv"), filepath.Join(box, "away", "secret.csv")} {
		_, cerr := k.runCell(`read_csv("`+path+`")`, "cell2")
		want := "read_csv(): " + path + " is outside " + box + ", the only directory this program may use (--files " + box + ")"
		if cerr == nil || cerr.Evalue != want {
			t.Errorf("read_csv(%q): got %+v, want the error %q", path, cerr, want)
		}
	}
}
