package main

import (
	"strings"
	"testing"
)

// Limits mg was started with are a ceiling: :limits may tighten them, and
// a piped script cannot lift them.
func TestLimitsCommandCannotLiftTheCommandLine(t *testing.T) {
	in := ":limits --max-steps 0\n:limits --max-steps 2000\n:limits --timeout 1m\n:limits --max-nodes 0\n" +
		":limits --max-memory 1G\n:limits --max-steps 500\nfn spin() { while true { } }\nspin()\n:limits\n"
	r := runChild(t, ".", in, "--max-steps", "1000", "--timeout", "30s", "--max-nodes", "100000", "--max-memory", "512M")
	for _, w := range []string{
		"<stdin>:1:9: :limits: cannot lift --max-steps above 1000, the limit mg was started with",
		"<stdin>:2:9: :limits: cannot lift --max-steps above 1000, the limit mg was started with",
		"<stdin>:3:9: :limits: cannot lift --timeout above 30s, the limit mg was started with",
		"<stdin>:4:9: :limits: cannot lift --max-nodes above 100000, the limit mg was started with",
		"<stdin>:5:9: :limits: cannot lift --max-memory above 512M, the limit mg was started with",
		"step limit exceeded: more than 500 loop turns and calls (--max-steps)",
	} {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("stderr lacks %q:\n%s", w, r.stderr)
		}
	}
	want := "--max-steps 500\n--max-nodes 100000\n--timeout 30s\n--max-memory 512M\n--files none (any file)\n"
	if r.stdout != want || r.code != exitRuntime {
		t.Errorf("exit %d, stdout %q, want 1 and %q", r.code, r.stdout, want)
	}
}

// mg FLAGS FILE runs the script as mg run FLAGS FILE does.
func TestFlagsBeforeAScript(t *testing.T) {
	dir := t.TempDir()
	script := writeScript(t, dir, "spin.mg", "print(\"start\")\nwhile true {\n}\n")
	r := runChild(t, dir, "", "--max-steps", "10", script)
	if r.code != exitRuntime || r.stdout != "start\n" || !strings.Contains(r.stderr, "spin.mg:2:1: step limit exceeded: more than 10 loop turns and calls (--max-steps)") {
		t.Errorf("exit %d, stdout %q, stderr:\n%s", r.code, r.stdout, r.stderr)
	}
}

func TestByteSize(t *testing.T) {
	good := map[string]int64{
		"512M": 512 << 20, "2G": 2 << 30, "2g": 2 << 30, "1.5G": 3 << 29, "64MB": 64 << 20,
		"64MiB": 64 << 20, "100K": 100 << 10, "1T": 1 << 40, "4096": 4096,
	}
	for s, want := range good {
		var b byteSize
		if err := b.Set(s); err != nil || int64(b) != want {
			t.Errorf("Set(%q) = %d, %v; want %d", s, int64(b), err, want)
		}
	}
	for _, s := range []string{"", "lots", "-1G", "12X", "M", "1e30G", "NaN"} {
		var b byteSize
		if err := b.Set(s); err == nil {
			t.Errorf("Set(%q) = %d, want an error", s, int64(b))
		}
	}
	for b, want := range map[byteSize]string{512 << 20: "512M", 2 << 30: "2G", 1536 << 20: "1536M", 1000: "1000"} {
		if got := b.String(); got != want {
			t.Errorf("String(%d) = %q, want %q", int64(b), got, want)
		}
	}
}
