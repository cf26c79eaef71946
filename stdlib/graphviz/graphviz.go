package graphviz

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// Timeout is how long Render and Draw let Graphviz's dot program, or the
// built-in renderer, draw a graph before giving up. Laying out a graph of a
// few thousand nodes takes seconds; much bigger graphs are better written as
// ".dot".
var Timeout = time.Minute

// ImageTypes lists the file name extensions Render draws with Graphviz, and
// TextTypes those it writes the DOT text to as is.
var (
	ImageTypes = []string{".svg", ".png", ".pdf"}
	TextTypes  = []string{".dot", ".gv"}
)

// ErrNotInstalled is matched (with errors.Is) by the error Render and Draw
// return when an image that the built-in renderer cannot draw (a PDF) is
// asked for and Graphviz's dot program is not on PATH.
var ErrNotInstalled = errors.New("graphviz's dot program is not installed")

// maxStderr bounds how much of dot's error output goes into an error.
const maxStderr = 2000

// Available tells whether Graphviz's dot program is on PATH. Without it,
// Render and Draw still draw SVG and PNG with the built-in renderer (see
// BuiltinDraws); PDF needs the program.
func Available() bool {
	_, err := exec.LookPath("dot")
	return err == nil
}

// Render writes the DOT text dot to path. The extension of path, in any
// case, says what to write: ".dot" or ".gv", the text as is; ".svg", ".png"
// or ".pdf", an image drawn as Draw does. The image is written only once it
// has been drawn, so a failure leaves no half-written file.
//
// When Graphviz's dot program is not on PATH, SVG and PNG are drawn by the
// built-in renderer. A PDF cannot be: Render then writes the DOT text to
// path with its extension replaced by ".dot" and returns an error, matching
// ErrNotInstalled, that says where that file is, how to install Graphviz
// and the command that draws it by hand. Any other extension is an error
// that lists the supported ones.
func Render(dot []byte, path string) error {
	return RenderContext(context.Background(), dot, path)
}

// RenderContext is Render stopped by ctx: when ctx is done, the dot
// program is killed (the built-in renderer, which cannot be stopped, is
// no longer waited for) and the error is context.Cause(ctx) itself, so
// that a program's time limit or interruption stops a drawing with its
// own error rather than after Timeout.
func RenderContext(ctx context.Context, dot []byte, path string) error {
	ext := strings.ToLower(filepath.Ext(path))
	switch ext {
	case ".dot", ".gv":
		return writeFile(path, dot)
	case ".svg", ".png", ".pdf":
	default:
		supported := "use a file name ending in .dot or .gv for the DOT text, or .svg, .png or .pdf for a picture"
		if ext == "" {
			return fmt.Errorf("dot: cannot tell what to write to %q, it has no extension: %s", path, supported)
		}
		return fmt.Errorf("dot: cannot write %q: %s files are not supported: %s", path, ext, supported)
	}
	out, err := draw(ctx, dot, ext[1:], path)
	if errors.Is(err, ErrNotInstalled) {
		return notInstalled(dot, path, ext)
	}
	if err != nil {
		return err
	}
	return writeFile(path, out)
}

// Draw draws the DOT text dot as an image of the given format ("svg",
// "png" or "pdf") and returns it. It runs Graphviz's dot program, found on
// PATH, with Timeout to finish and its error output part of any error; when
// the program is missing, the built-in renderer (Graphviz compiled to
// WebAssembly, loaded on first use) draws SVG and PNG, and any other format
// is an error matching ErrNotInstalled. Errors start with "dot: ".
func Draw(dot []byte, format string) ([]byte, error) {
	return DrawContext(context.Background(), dot, format)
}

// DrawContext is Draw stopped by ctx, as RenderContext is.
func DrawContext(ctx context.Context, dot []byte, format string) ([]byte, error) {
	return draw(ctx, dot, strings.ToLower(format), "the graph")
}

// SVG draws the DOT text dot as SVG, as Draw does.
func SVG(dot []byte) ([]byte, error) {
	return Draw(dot, "svg")
}

// draw is Draw; what names the drawing in errors (a file name, or "the
// graph").
func draw(outer context.Context, dot []byte, format, what string) ([]byte, error) {
	prog, err := exec.LookPath("dot")
	if err != nil {
		if !BuiltinDraws(format) {
			return nil, fmt.Errorf("dot: drawing %s as %s needs Graphviz, whose dot program is not on PATH: %w", what, format, ErrNotInstalled)
		}
		out, err := drawBuiltin(outer, dot, format)
		if outer.Err() != nil {
			return nil, context.Cause(outer)
		}
		if errors.Is(err, errBuiltinTimeout) {
			return nil, fmt.Errorf("dot: Graphviz (built in) took longer than %v to draw %s (a graph of %d bytes of DOT) and was stopped; for a graph this big, write a .dot file instead", Timeout, what, len(dot))
		}
		if err != nil {
			return nil, fmt.Errorf("dot: Graphviz (built in, used because the dot program is not on PATH) failed to draw %s: %s", what, oneLine(err.Error()))
		}
		if len(out) == 0 {
			return nil, fmt.Errorf("dot: Graphviz (built in) drew nothing for %s; check that the DOT text is a graph", what)
		}
		return out, nil
	}
	ctx, cancel := context.WithTimeout(outer, Timeout)
	defer cancel()
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, prog, "-T"+format)
	cmd.Stdin = bytes.NewReader(dot)
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	cmd.WaitDelay = time.Second
	err = cmd.Run()
	if err != nil && outer.Err() != nil {
		return nil, context.Cause(outer) // the program's limit or interruption
	}
	if err != nil && errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return nil, fmt.Errorf("dot: Graphviz took longer than %v to draw %s (a graph of %d bytes of DOT) and was stopped; for a graph this big, write a .dot file instead", Timeout, what, len(dot))
	}
	if err != nil {
		return nil, fmt.Errorf("dot: Graphviz failed to draw %s (%v)%s", what, err, stderrText(stderr.Bytes()))
	}
	if stdout.Len() == 0 {
		return nil, fmt.Errorf("dot: Graphviz drew nothing for %s%s; check that the DOT text is a graph", what, stderrText(stderr.Bytes()))
	}
	return stdout.Bytes(), nil
}

// notInstalled writes the DOT text next to path, as a .dot file, and
// explains what to do.
func notInstalled(dot []byte, path, ext string) error {
	dotPath := strings.TrimSuffix(path, filepath.Ext(path)) + ".dot"
	install := "install Graphviz (Debian/Ubuntu: sudo apt-get install graphviz; macOS: brew install graphviz)"
	if err := os.WriteFile(dotPath, dot, 0o644); err != nil {
		return &notInstalledError{fmt.Sprintf(
			"dot: drawing %s needs Graphviz, whose dot program is not on PATH (without it, only .svg and .png files are drawn), and the DOT text could not be written instead: %s; %s",
			path, writeProblem(dotPath, err), install)}
	}
	return &notInstalledError{fmt.Sprintf(
		"dot: drawing %s needs Graphviz, whose dot program is not on PATH (without it, only .svg and .png files are drawn); the graph was written to %s instead; to draw it, %s and run: dot -T%s %s -o %s",
		path, dotPath, install, ext[1:], shellQuote(dotPath), shellQuote(path))}
}

// notInstalledError is the error of Render when dot is not on PATH.
type notInstalledError struct{ msg string }

func (e *notInstalledError) Error() string { return e.msg }
func (e *notInstalledError) Unwrap() error { return ErrNotInstalled }

// writeFile writes data to path, explaining a failure.
func writeFile(path string, data []byte) error {
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return fmt.Errorf("dot: %s", writeProblem(path, err))
	}
	return nil
}

// writeProblem explains err, the failure to write path.
func writeProblem(path string, err error) string {
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Sprintf("cannot write %s: the directory %s does not exist; create it first or choose another path", path, filepath.Dir(path))
	}
	return fmt.Sprintf("cannot write %s: %v", path, err)
}

// oneLine joins the lines of a message, bounded like dot's error output.
func oneLine(s string) string {
	return strings.TrimPrefix(stderrText([]byte(s)), ": ")
}

// stderrText formats dot's error output for an error message.
func stderrText(b []byte) string {
	s := strings.TrimSpace(string(b))
	if s == "" {
		return ""
	}
	if len(s) > maxStderr {
		s = strings.ToValidUTF8(s[:maxStderr], "") + "..."
	}
	return ": " + strings.ReplaceAll(s, "\n", "; ")
}

// shellQuote quotes s for a POSIX shell when it needs it.
func shellQuote(s string) string {
	safe := s != ""
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("_-./+,:@%=", r)) {
			safe = false
			break
		}
	}
	if safe {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
