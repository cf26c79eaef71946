package stdlib

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/mglang/mg/eval"
)

// The file-access policy: every builtin or command that reads or writes a
// file named by a program (read_csv, dot(L, path), plot(xs, path), the
// REPL's :load and :dot) passes the path through UseFile. Without a policy
// the path is used as given, as Python would; with `--files DIR` it must
// lead inside DIR once resolved.

// filesKey is the Thread-local key of the policy.
const filesKey = "stdlib.files"

// fileRoot is a directory that file access is confined to.
type fileRoot struct {
	dir  string // as given, for messages
	real string // absolute, symlinks resolved
}

// ConfineFiles confines the files th's program reads and writes to dir:
// a path is resolved (made absolute against the working directory, `..`
// and symlinks followed) and must then lie inside dir, else the access is
// refused with an error naming the path and --files. An empty dir lifts
// the confinement. It is an error for dir not to be a directory.
func ConfineFiles(th *eval.Thread, dir string) error {
	if dir == "" {
		th.SetLocal(filesKey, nil)
		return nil
	}
	abs, err := filepath.Abs(dir)
	if err == nil {
		abs, err = filepath.EvalSymlinks(abs)
	}
	if err != nil {
		return fmt.Errorf("--files %s: %v", dir, unwrapPath(err))
	}
	if st, err := os.Stat(abs); err != nil || !st.IsDir() {
		return fmt.Errorf("--files %s: not a directory", dir)
	}
	th.SetLocal(filesKey, &fileRoot{dir: dir, real: abs})
	return nil
}

// FilesRoot is the directory th's file access is confined to, as given to
// ConfineFiles, or "" when there is none.
func FilesRoot(th *eval.Thread) string {
	if r, ok := th.Local(filesKey).(*fileRoot); ok {
		return r.dir
	}
	return ""
}

// UseFile calls use with the path the program may touch for path: path
// itself without a confinement, else path resolved, once it is known to
// lie inside the directory. A refusal is an error naming path and the
// flag, prefixed with who ("read_csv()") when who is not empty; use's own
// error is returned as it is.
//
// The program waits for use as for a loop: a time limit, a memory limit or
// Ctrl-C stops the wait with its error (see untilCancelled), since opening
// a FIFO, or writing one, blocks where no poll point is reached.
func UseFile(th *eval.Thread, who, path string, use func(resolved string) error) error {
	r, _ := th.Local(filesKey).(*fileRoot)
	if r == nil {
		return untilCancelled(th, func() error { return use(path) })
	}
	resolved, err := r.resolve(path)
	if err != nil {
		if who != "" {
			err = fmt.Errorf("%s: %w", who, err)
		}
		return err
	}
	return untilCancelled(th, func() error { return use(resolved) })
}

// untilCancelled runs fn on a goroutine of its own and returns its error,
// or, should th be cancelled first, the cancellation's: the program goes
// on (to stop) and fn finishes, or stays blocked, on its own. A panic in
// fn is an error, as the evaluator makes one of a panic of its own.
func untilCancelled(th *eval.Thread, fn func() error) error {
	ctx, stop := th.Context()
	defer stop()
	if ctx.Err() != nil {
		return context.Cause(ctx)
	}
	done := make(chan error, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- fmt.Errorf("internal error: %v", r)
			}
		}()
		done <- fn()
	}()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}

// closeOnCancel closes f once th is cancelled, until stop is called: a
// read blocked on a pipe or a terminal then returns, so that a time limit
// or Ctrl-C stops a program reading one.
func closeOnCancel(th *eval.Thread, f *os.File) (stop func()) {
	ctx, stopCtx := th.Context()
	done := make(chan struct{})
	go func() {
		select {
		case <-ctx.Done():
			f.Close()
		case <-done:
		}
	}()
	return func() { close(done); stopCtx() }
}

// InsideDir reports whether dir, resolved, lies inside root, resolved.
func InsideDir(dir, root string) bool {
	abs, err := filepath.Abs(root)
	if err == nil {
		abs, err = filepath.EvalSymlinks(abs)
	}
	if err != nil {
		return false
	}
	_, err = (&fileRoot{dir: root, real: abs}).resolve(dir)
	return err == nil
}

// ReadFile reads the file at path under th's policy.
func ReadFile(th *eval.Thread, who, path string) ([]byte, error) {
	var data []byte
	err := UseFile(th, who, path, func(p string) (err error) {
		data, err = os.ReadFile(p)
		return err
	})
	return data, err
}

// resolve makes path absolute, follows every symlink of its longest
// existing prefix (the rest, not existing yet, has none) and checks that
// the result lies inside the root.
func (r *fileRoot) resolve(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", r.refuse(path)
	}
	real, err := evalExisting(abs)
	if errors.Is(err, errDangling) {
		return "", r.refuse(path)
	}
	if err != nil {
		return "", fmt.Errorf("%s: %v", path, unwrapPath(err))
	}
	rel, err := filepath.Rel(r.real, real)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return "", r.refuse(path)
	}
	return real, nil
}

// refuse is the error for a path that leads out of the root.
func (r *fileRoot) refuse(path string) error {
	return fmt.Errorf("%s is outside %s, the only directory this program may use (--files %s)", path, r.dir, r.dir)
}

// errDangling is evalExisting's error for a symlink whose target does
// not exist: writing through it would create the target, wherever it is.
var errDangling = errors.New("a symlink to a missing file")

// evalExisting resolves the symlinks of the longest prefix of abs that
// exists and appends the rest as it is.
func evalExisting(abs string) (string, error) {
	rest := ""
	p := abs
	for {
		real, err := filepath.EvalSymlinks(p)
		if err == nil {
			return filepath.Join(real, rest), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		if _, err := os.Lstat(p); err == nil {
			return "", errDangling
		}
		parent := filepath.Dir(p)
		if parent == p {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(p), rest)
		p = parent
	}
}

// unwrapPath drops the "op path:" of an *fs.PathError, whose path the
// message already names.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
