package main

import (
	"bytes"
	"strings"
	"testing"
)

// A negative limit is a usage error naming the flag as typed, never a
// silent "no limit"; a value that is not one says what to write, in one
// line, without the whole usage text.
func TestLimitFlagsRefuseNegativeAndSayWhatToWrite(t *testing.T) {
	dir := t.TempDir()
	loop := writeScript(t, dir, "loop.mg", "let i = 0\nwhile i < 100000 { i += 1 }\nprint(i)\n")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"run", "--max-steps", "-1", loop}, `mg run: invalid value "-1" for --max-steps: a limit is 0 (no limit) or more`},
		{[]string{"run", "--max-nodes=-3", loop}, `mg run: invalid value "-3" for --max-nodes: a limit is 0 (no limit) or more`},
		{[]string{"run", "--timeout", "-1s", loop}, `mg run: invalid value "-1s" for --timeout: a limit is 0 (no limit) or more`},
		{[]string{"run", "--max-memory", "-5M", loop}, `mg run: invalid value "-5M" for --max-memory: a limit is 0 (no limit) or more`},
		{[]string{"run", "--timeout", "5", loop}, `mg run: invalid value "5" for --timeout: write a duration with a unit, e.g. 30s or 2m`},
		{[]string{"run", "-timeout", "5", loop}, `mg run: invalid value "5" for -timeout: write a duration with a unit, e.g. 30s or 2m`},
		{[]string{"--max-steps", "-1"}, `mg: invalid value "-1" for --max-steps: a limit is 0 (no limit) or more`},
		{[]string{"run", loop, "--max-stpes", "5"}, `mg run: unknown flag --max-stpes (mg --help lists the flags)`},
	}
	for _, tt := range tests {
		code, stdout, stderr := runArgs(tt.args...)
		if code != exitUsage || stdout != "" || stderr != tt.want+"\n" {
			t.Errorf("mg %s: exit %d, stdout %q, stderr\n%s\nwant exit 2 and\n%s", strings.Join(tt.args, " "), code, stdout, stderr, tt.want)
		}
	}
	// 0 means no limit, as the help says.
	for _, f := range []string{"--max-steps", "--max-nodes", "--timeout", "--max-memory"} {
		if code, stdout, stderr := runArgs("run", f, "0", loop); code != exitOK || stdout != "100000\n" {
			t.Errorf("%s 0: exit %d, %q %s", f, code, stdout, stderr)
		}
	}
	if !strings.Contains(usage, "0 means no limit") || !strings.Contains(usage, "512MB") {
		t.Errorf("the usage does not say what 0 means or which sizes it takes:\n%s", usage)
	}
}

// Sizes take K, M, G, T (powers of 1024), a fraction, and an optional B.
func TestByteSizeForms(t *testing.T) {
	for s, want := range map[string]int64{"512M": 512 << 20, "512MB": 512 << 20, "1.5G": 3 << 29, "2gib": 2 << 30, "1024": 1024, "0": 0} {
		var b byteSize
		if err := b.Set(s); err != nil || int64(b) != want {
			t.Errorf("Set(%q) = %d, %v; want %d", s, b, err, want)
		}
	}
	var b byteSize
	if err := b.Set("-1G"); err != errNegative {
		t.Errorf("Set(-1G): %v, want the negative-limit error", err)
	}
}

// mg FILE.mg is mg run FILE.mg: it takes the same flags, before or after
// the file.
func TestScriptNameTakesRunFlags(t *testing.T) {
	dir := t.TempDir()
	loop := writeScript(t, dir, "loop.mg", "let i = 0\nwhile i < 100000 { i += 1 }\nprint(i)\n")
	for _, args := range [][]string{{loop, "--max-steps", "5"}, {"--max-steps", "5", loop}, {"run", loop, "--max-steps", "5"}} {
		code, _, stderr := runArgs(args...)
		if code != exitRuntime || !strings.Contains(stderr, "loop.mg:2:1: step limit exceeded: more than 5 loop turns and calls") {
			t.Errorf("mg %s: exit %d:\n%s", strings.Join(args, " "), code, stderr)
		}
	}
	if code, _, stderr := runArgs("rnu", loop); code != exitUsage || !strings.HasPrefix(stderr, `mg: unknown command "rnu"`) {
		t.Errorf("a misspelt command: exit %d:\n%s", code, stderr)
	}
}

// :limits cannot lift a command-line limit with a negative value: it is
// a usage error, and the limit stays.
func TestLimitsCommandRefusesNegative(t *testing.T) {
	src := ":limits --max-steps -1\n:limits --timeout -1s\n:limits --max-nodes -5\n:limits\nlet i = 0\nwhile i < 5000 { i += 1 }\n"
	var stdout, stderr bytes.Buffer
	code := run([]string{"--max-steps", "1000", "--timeout", "1m", "--max-nodes", "100"}, strings.NewReader(src), &stdout, &stderr)
	if code != exitRuntime {
		t.Errorf("exit %d", code)
	}
	for _, w := range []string{
		`<stdin>:1:9: :limits: invalid value "-1" for --max-steps: a limit is 0 (no limit) or more`,
		`<stdin>:2:9: :limits: invalid value "-1s" for --timeout: a limit is 0 (no limit) or more`,
		`<stdin>:3:9: :limits: invalid value "-5" for --max-nodes: a limit is 0 (no limit) or more`,
		"<stdin>:6:1: step limit exceeded: more than 1000 loop turns and calls",
	} {
		if !strings.Contains(stderr.String(), w) {
			t.Errorf("stderr lacks %q:\n%s", w, stderr.String())
		}
	}
	if want := "--max-steps 1000\n--max-nodes 100\n--timeout 1m0s\n"; !strings.HasPrefix(stdout.String(), want) {
		t.Errorf(":limits shows\n%s\nwant it to start\n%s", stdout.String(), want)
	}
}
