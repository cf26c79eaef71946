package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// kernelName is the kernelspec's directory name, what Jupyter calls mg by.
const kernelName = "mg"

// specFlags are the flags of install and uninstall: where the kernelspec goes.
type specFlags struct {
	user   bool
	prefix string
}

func (f *specFlags) register(fs *flag.FlagSet) {
	fs.BoolVar(&f.user, "user", false, "in your Jupyter data directory (the default)")
	fs.StringVar(&f.prefix, "prefix", "", "in DIR/share/jupyter/kernels, for Jupyter run with JUPYTER_PATH=DIR/share/jupyter or installed in DIR")
}

// dir is the kernelspec directory the flags name.
func (f *specFlags) dir() (string, error) {
	if f.prefix != "" {
		abs, err := filepath.Abs(f.prefix)
		if err != nil {
			return "", err
		}
		return filepath.Join(abs, "share", "jupyter", "kernels", kernelName), nil
	}
	data, err := jupyterDataDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(data, "kernels", kernelName), nil
}

// jupyterDataDir is where Jupyter looks for a user's kernelspecs:
// $JUPYTER_DATA_DIR, else the platform's user data directory.
func jupyterDataDir() (string, error) {
	if d := os.Getenv("JUPYTER_DATA_DIR"); d != "" {
		return d, nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("cannot find your home directory (%v); use --prefix DIR", err)
	}
	switch runtime.GOOS {
	case "darwin":
		return filepath.Join(home, "Library", "Jupyter"), nil
	case "windows":
		if a := os.Getenv("APPDATA"); a != "" {
			return filepath.Join(a, "jupyter"), nil
		}
	}
	if x := os.Getenv("XDG_DATA_HOME"); x != "" {
		return filepath.Join(x, "jupyter"), nil
	}
	return filepath.Join(home, ".local", "share", "jupyter"), nil
}

// kernelInstall runs `mg kernel install`: the kernelspec starts this very
// binary, with the flags of run given here.
func kernelInstall(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("kernel install", stderr)
	fs.Usage = func() { fmt.Fprint(stderr, kernelUsage) }
	var where specFlags
	where.register(fs)
	var lim limits
	lim.register(fs)
	rest, err := parseFlags(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(rest) > 0 {
		fmt.Fprintf(stderr, "mg kernel install: unexpected argument %q\n\n%s", rest[0], kernelUsage)
		return exitUsage
	}
	exe, err := executable()
	if err != nil {
		fmt.Fprintf(stderr, "mg kernel install: cannot tell where this mg is: %v\n", err)
		return exitRuntime
	}
	if temporaryBuild(exe) {
		fmt.Fprintf(stderr, "mg kernel install: this mg (%s) was built by go run into a temporary directory that disappears when it exits, so Jupyter could not start it later.\nInstall mg first, then install the kernel with it:\n  go install ./cmd/mg\n  mg kernel install\n(go install puts mg in $(go env GOPATH)/bin; put that directory on your PATH.)\n", exe)
		return exitUsage
	}
	dir, err := where.dir()
	if err != nil {
		fmt.Fprintf(stderr, "mg kernel install: %v\n", err)
		return exitRuntime
	}
	argv := append([]string{exe, "kernel"}, setFlags(fs, "user", "prefix")...)
	argv = append(argv, "{connection_file}")
	if err := writeKernelSpec(dir, argv); err != nil {
		fmt.Fprintf(stderr, "mg kernel install: %v\n", err)
		return exitRuntime
	}
	fmt.Fprintf(stdout, "installed the mg kernel in %s\n(it runs %s; jupyter kernelspec list shows it)\n", dir, exe)
	return exitOK
}

// executable is the absolute path of the running binary, links resolved.
func executable() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	if r, err := filepath.EvalSymlinks(exe); err == nil {
		exe = r
	}
	return filepath.Abs(exe)
}

// temporaryBuild reports whether exe lies in a directory the go command
// made for one build (go run, go test): go-build* in the temporary
// directory, removed when the command ends.
func temporaryBuild(exe string) bool {
	for _, part := range strings.Split(filepath.ToSlash(exe), "/") {
		if strings.HasPrefix(part, "go-build") {
			return true
		}
	}
	return false
}

// setFlags lists the flags set on the command line, but those named in
// skip, as --name=value, so that the kernel gets the limits given here.
func setFlags(fs *flag.FlagSet, skip ...string) []string {
	var out []string
	fs.Visit(func(f *flag.Flag) {
		for _, s := range skip {
			if f.Name == s {
				return
			}
		}
		out = append(out, "--"+f.Name+"="+f.Value.String())
	})
	return out
}

// writeKernelSpec writes kernel.json and the logos into dir.
func writeKernelSpec(dir string, argv []string) error {
	spec := map[string]any{
		"argv":         argv,
		"display_name": "mg",
		"language":     "mg",
		// Jupyter then asks with an interrupt_request, which works on
		// every platform; a SIGINT interrupts a cell as well.
		"interrupt_mode": "message",
		"metadata":       map[string]any{},
	}
	data, err := json.MarshalIndent(spec, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "kernel.json"), append(data, '\n'), 0o644); err != nil {
		return err
	}
	for _, size := range []int{32, 64} {
		png, err := logoPNG(size)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("logo-%dx%d.png", size, size)), png, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// kernelUninstall runs `mg kernel uninstall`.
func kernelUninstall(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("kernel uninstall", stderr)
	fs.Usage = func() { fmt.Fprint(stderr, kernelUsage) }
	var where specFlags
	where.register(fs)
	rest, err := parseFlags(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(rest) > 0 {
		fmt.Fprintf(stderr, "mg kernel uninstall: unexpected argument %q\n\n%s", rest[0], kernelUsage)
		return exitUsage
	}
	dir, err := where.dir()
	if err != nil {
		fmt.Fprintf(stderr, "mg kernel uninstall: %v\n", err)
		return exitRuntime
	}
	if _, err := os.Stat(filepath.Join(dir, "kernel.json")); err != nil {
		fmt.Fprintf(stderr, "mg kernel uninstall: no mg kernel in %s\n", dir)
		return exitRuntime
	}
	if err := os.RemoveAll(dir); err != nil {
		fmt.Fprintf(stderr, "mg kernel uninstall: %v\n", err)
		return exitRuntime
	}
	fmt.Fprintf(stdout, "removed the mg kernel from %s\n", dir)
	return exitOK
}
