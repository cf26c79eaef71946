package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
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
	if where.user && where.prefix != "" {
		fmt.Fprintf(stderr, "mg kernel install: --user and --prefix name two places; give one\n\n%s", kernelUsage)
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
	fmt.Fprintf(stdout, "installed the mg kernel in %s\n(it runs %s)\n", dir, exe)
	if where.prefix != "" {
		fmt.Fprintf(stdout, "Jupyter finds it when installed in %s, or with JUPYTER_PATH=%s\n", where.prefix, filepath.Dir(filepath.Dir(dir)))
	} else {
		fmt.Fprintln(stdout, "jupyter kernelspec list shows it; pick mg in a notebook")
	}
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

// Colours of the logo.
var (
	logoBack = color.NRGBA{0x1e, 0x29, 0x3b, 0xff}
	logoEdge = color.NRGBA{0x94, 0xa3, 0xb8, 0xff}
	logoLeaf = color.NRGBA{0x38, 0xbd, 0xf8, 0xff}
	logoRoot = color.NRGBA{0xf9, 0x73, 0x16, 0xff}
)

// logoPNG draws mg's logo, size pixels square: a small computation graph,
// two leaves feeding a root, on a dark rounded square.
func logoPNG(size int) ([]byte, error) {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	s := float64(size)
	leafA, leafB, root := [2]float64{0.27 * s, 0.28 * s}, [2]float64{0.27 * s, 0.72 * s}, [2]float64{0.73 * s, 0.5 * s}
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			p := [2]float64{float64(x) + 0.5, float64(y) + 0.5}
			c := color.NRGBA{}
			if inRoundedSquare(p, s, 0.2*s) {
				c = logoBack
			}
			if nearSegment(p, leafA, root, 0.045*s) || nearSegment(p, leafB, root, 0.045*s) {
				c = logoEdge
			}
			switch {
			case dist(p, root) < 0.17*s:
				c = logoRoot
			case dist(p, leafA) < 0.13*s, dist(p, leafB) < 0.13*s:
				c = logoLeaf
			}
			img.SetNRGBA(x, y, c)
		}
	}
	var b bytes.Buffer
	err := png.Encode(&b, img)
	return b.Bytes(), err
}

// inRoundedSquare reports whether p is inside the square [0,s]² with
// corners rounded to radius r.
func inRoundedSquare(p [2]float64, s, r float64) bool {
	cx := math.Min(math.Max(p[0], r), s-r)
	cy := math.Min(math.Max(p[1], r), s-r)
	return dist(p, [2]float64{cx, cy}) <= r
}

// nearSegment reports whether p is within w of the segment a-b.
func nearSegment(p, a, b [2]float64, w float64) bool {
	dx, dy := b[0]-a[0], b[1]-a[1]
	t := ((p[0]-a[0])*dx + (p[1]-a[1])*dy) / (dx*dx + dy*dy)
	t = math.Min(math.Max(t, 0), 1)
	return dist(p, [2]float64{a[0] + t*dx, a[1] + t*dy}) <= w
}

func dist(p, q [2]float64) float64 { return math.Hypot(p[0]-q[0], p[1]-q[1]) }
