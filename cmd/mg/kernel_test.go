package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mglang/mg/cmd/mg/internal/jupyter"
)

func TestTemporaryBuild(t *testing.T) {
	for path, want := range map[string]bool{
		"/tmp/go-build1234/b001/exe/mg":  true,
		"/tmp/go-build99/b001/mg.test":   true,
		"/home/me/go/bin/mg":             false,
		"/usr/local/bin/mg":              false,
		"/home/me/go-builder/bin/mg":     true, // cautious: any go-build* directory
		"C:/Users/me/go/bin/mg.exe":      false,
		"/tmp/TestKernelProtocol/001/mg": false,
	} {
		if got := temporaryBuild(path); got != want {
			t.Errorf("temporaryBuild(%q) = %v", path, got)
		}
	}
}

// The test binary itself lives in a go-build directory: install must
// refuse to point a kernelspec at it, and say what to do.
func TestInstallRefusesTemporaryBinary(t *testing.T) {
	exe, err := executable()
	if err != nil || !temporaryBuild(exe) {
		t.Skipf("the test binary %s is not in a go-build directory", exe)
	}
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	code := run([]string{"kernel", "install", "--prefix", dir}, nil, &stdout, &stderr)
	if code != exitUsage || !strings.Contains(stderr.String(), "go install ./cmd/mg") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "share")); err == nil {
		t.Error("a kernelspec was written anyway")
	}
}

func TestKernelSpecAndUninstall(t *testing.T) {
	prefix := t.TempDir()
	where := specFlags{prefix: prefix}
	dir, err := where.dir()
	if err != nil {
		t.Fatal(err)
	}
	fs := newFlags("kernel install", os.Stderr)
	var lim limits
	lim.register(fs)
	where.register(fs)
	if _, err := parseFlags(fs, []string{"--prefix", prefix, "--max-steps", "1000", "--timeout", "30s"}); err != nil {
		t.Fatal(err)
	}
	argv := append([]string{"/opt/mg", "kernel"}, setFlags(fs, "user", "prefix")...)
	if err := writeKernelSpec(dir, append(argv, "{connection_file}")); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "kernel.json"))
	if err != nil {
		t.Fatal(err)
	}
	var spec struct {
		Argv     []string `json:"argv"`
		Language string   `json:"language"`
	}
	if err := json.Unmarshal(data, &spec); err != nil {
		t.Fatal(err)
	}
	want := []string{"/opt/mg", "kernel", "--max-steps=1000", "--timeout=30s", "{connection_file}"}
	if strings.Join(spec.Argv, " ") != strings.Join(want, " ") || spec.Language != "mg" {
		t.Errorf("kernel.json: %s", data)
	}
	for _, size := range []int{32, 64} {
		f, err := os.Open(filepath.Join(dir, fmt.Sprintf("logo-%dx%d.png", size, size)))
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil || img.Bounds().Dx() != size || img.Bounds().Dy() != size {
			t.Errorf("logo %d: %v %v", size, err, img.Bounds())
		}
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"kernel", "uninstall", "--prefix", prefix}, nil, &stdout, &stderr); code != exitOK {
		t.Fatalf("uninstall: exit %d: %s", code, stderr.String())
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("%s still exists after uninstall", dir)
	}
	stderr.Reset()
	if code := run([]string{"kernel", "uninstall", "--prefix", prefix}, nil, &stdout, &stderr); code == exitOK || !strings.Contains(stderr.String(), "no mg kernel") {
		t.Errorf("a second uninstall: exit %d: %s", code, stderr.String())
	}
}

// recorded collects the messages a request publishes.
func recorded() (*jupyter.Request, *[]*jupyter.Message) {
	var sent []*jupyter.Message
	record := func(m *jupyter.Message) error { sent = append(sent, m); return nil }
	m := &jupyter.Message{Header: jupyter.NewHeader("execute_request", "t"), Content: []byte("{}")}
	return jupyter.NewRequest(m, "t", "shell", record, record), &sent
}

// streams lists the stream messages as name:text.
func streams(sent []*jupyter.Message) []string {
	var out []string
	for _, m := range sent {
		var c struct{ Name, Text string }
		if m.Header.MsgType == "stream" && json.Unmarshal(m.Content, &c) == nil {
			out = append(out, c.Name+":"+c.Text)
		}
	}
	return out
}

func TestOutputsKeepOrderAndCharacters(t *testing.T) {
	r, sent := recorded()
	o := newOutputs()
	o.begin(r)
	out, errw := o.stream("stdout"), o.stream("stderr")
	out.Write([]byte("a"))
	out.Write([]byte("b\n"))
	errw.Write([]byte("warning\n"))
	out.Write([]byte("c\xc3")) // the first byte of é
	o.flush()
	out.Write([]byte("\xa9\n"))
	o.end()
	got := strings.Join(streams(*sent), "|")
	if want := "stdout:ab\n|stderr:warning\n|stdout:c|stdout:é\n"; got != want {
		t.Errorf("streams %q, want %q", got, want)
	}
}

func TestOutputsFlushBigWrites(t *testing.T) {
	r, sent := recorded()
	o := newOutputs()
	o.begin(r)
	line := strings.Repeat("x", 99) + "\n"
	for i := 0; i < 1000; i++ { // 100 KB
		o.stream("stdout").Write([]byte(line))
	}
	if len(*sent) == 0 {
		t.Error("64 KiB waited for the end of the cell")
	}
	o.end()
	var got strings.Builder
	for _, s := range streams(*sent) {
		got.WriteString(strings.TrimPrefix(s, "stdout:"))
	}
	if got.String() != strings.Repeat(line, 1000) {
		t.Errorf("%d of 1000 lines delivered", strings.Count(got.String(), line))
	}
}
