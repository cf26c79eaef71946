package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// childResult is what a run of mg in a process of its own did.
type childResult struct {
	code           int
	stdout, stderr string
	peakRSS        int64         // bytes, from the child's rusage
	cpu            time.Duration // user and system time, from its rusage
	wall           time.Duration
}

// runChild runs mg (this test binary, as mg: see TestMain) with args in
// dir, stdin as its standard input, and waits for it, killing it after
// limitsWait. It fails the test if mg shows a Go panic.
func runChild(t *testing.T, dir, stdin string, args ...string) childResult {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), asMG+"=1")
	cmd.Stdin = strings.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	timer := time.AfterFunc(limitsWait, func() { cmd.Process.Kill() })
	err = cmd.Wait()
	r := childResult{stdout: stdout.String(), stderr: stderr.String(), wall: time.Since(start)}
	if !timer.Stop() {
		t.Fatalf("mg %s: still running after %s, killed\nstderr:\n%s", strings.Join(args, " "), limitsWait, r.stderr)
	}
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		r.code = ee.ExitCode()
	case err != nil:
		t.Fatal(err)
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.peakRSS = ru.Maxrss * 1024 // kilobytes on Linux
		if runtime.GOOS == "darwin" {
			r.peakRSS = ru.Maxrss // bytes there
		}
	}
	r.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	checkNoPanic(t, "stdout", r.stdout)
	checkNoPanic(t, "stderr", r.stderr)
	return r
}

// asMG is the environment variable that makes the test binary run as mg
// itself, with the arguments after its name: tests that must run mg in a
// process of its own (a memory limit is the whole process's; a working
// directory too) start it that way, without building the binary.
const asMG = "MG_TEST_RUN_AS_MG"

func TestMain(m *testing.M) {
	if os.Getenv(asMG) == "1" {
		os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}
