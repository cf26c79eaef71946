package stdlib

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/mglang/mg/eval"
)

// A program waiting on a file that never comes (a FIFO no one writes, a
// pipe kept open and empty) stops when it is cancelled (a time limit,
// Ctrl-C), with the cancellation's error: opening and reading block where
// no poll point is reached.
func TestBlockedFileAccessStopsWithTheProgram(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("FIFOs and /proc/self/fd as on Linux")
	}
	dir := t.TempDir()
	fifo := filepath.Join(dir, "ff.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	const why = "time limit exceeded: the program ran longer than 1s (--timeout)"
	a := eval.NewThread(io.Discard).Arena.Leaf(1)
	for name, call := range map[string]func(th *eval.Thread) error{
		"read_csv of a FIFO (open blocks)": func(th *eval.Thread) error {
			_, err := readCSVBuiltin(th, []eval.Object{eval.String(fifo)}, nil)
			return err
		},
		"read_csv of an empty pipe (read blocks)": func(th *eval.Thread) error {
			_, err := readCSVBuiltin(th, []eval.Object{eval.String(fmt.Sprintf("/proc/self/fd/%d", r.Fd()))}, nil)
			return err
		},
		"dot() to a FIFO (open blocks)": func(th *eval.Thread) error {
			_, err := dotBuiltin(th, []eval.Object{a, eval.String(filepath.Join(dir, "ff.dot"))}, nil)
			return err
		},
	} {
		if name == "dot() to a FIFO (open blocks)" {
			if err := syscall.Mkfifo(filepath.Join(dir, "ff.dot"), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		th := eval.NewThread(io.Discard)
		go func() {
			time.Sleep(50 * time.Millisecond)
			th.Cancel(why)
		}()
		done := make(chan error, 1)
		go func() { done <- call(th) }()
		select {
		case err := <-done:
			var e *eval.Error
			if !errors.As(err, &e) || e.Msg != why {
				t.Errorf("%s: %v, want %q", name, err, why)
			}
		case <-time.After(20 * time.Second):
			t.Fatalf("%s: still blocked 20 s after the cancellation", name)
		}
	}
}

// A line past read_csv's bound is named by its number, not by the Go
// reader's "token too long".
func TestReadCSVLineTooLongSaysWhichLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "long.csv")
	if err := os.WriteFile(path, append([]byte("1,2\n"), make([]byte, maxCSVLine+1)...), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := readCSVBuiltin(eval.NewThread(io.Discard), []eval.Object{eval.String(path)}, nil)
	if want := path + ": line 2 is longer than 16 MiB"; err == nil || err.Error() != "read_csv(): "+want {
		t.Errorf("read_csv of a 16 MiB line: %v, want %s", err, want)
	}
}
