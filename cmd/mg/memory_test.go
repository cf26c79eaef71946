package main

import (
	"strings"
	"testing"
	"time"
)

// memoryLimit is the --max-memory of the bomb tests, and bombLimitCPU how
// much processor time a bomb may take before a limit stops it. CPU time,
// not wall time, is what is bounded: on a loaded machine a process waits
// for a processor for far longer than it runs.
const (
	memoryLimit  = 256 << 20
	bombLimitCPU = 10 * time.Second
)

// TestMemoryBombsStop runs programs that grow without end under
// --max-memory 256M: each stops with an error that names a limit and the
// position reached (exit 1) within 10 s of processor time, and the
// process's peak resident memory stays under twice the limit. The first
// three are stopped by the length rule before they reach the memory
// limit, the others (whose every list and string is short) by the memory
// limit itself.
func TestMemoryBombsStop(t *testing.T) {
	if testing.Short() {
		t.Skip("each bomb fills 256 MB")
	}
	dir := t.TempDir()
	tests := []struct {
		name, src string
		want      string // in stderr
	}{
		{"comprehension", "let xs = [i for i in range(300000000)]\n",
			"comprehension.mg:1:10: list too long in a comprehension: 4194305 items would be made, the limit is 4194304"},
		{"append_self", "let xs = []\nwhile true {\n  xs.append(xs)\n}\n",
			"append_self.mg:3:12: list too long in append(): 4194305 items would be made, the limit is 4194304"},
		{"string_doubling", "let s = \"x\"\nwhile true {\n  s = s + s\n}\n",
			"string_doubling.mg:3:9: string too long in +: 8388608 bytes would be made, the limit is 4194304"},
		{"list_of_lists", "let xs = []\nwhile true {\n  xs.append([i for i in range(1000000)])\n}\n",
			"memory limit exceeded: the program held more than 256M of memory (--max-memory)"},
		{"list_of_strings", "let parts = []\nwhile true {\n  parts.append(\"x\" * 4000000)\n}\n",
			"list_of_strings.mg:2:1: memory limit exceeded: the program held more than 256M of memory (--max-memory)"},
		{"string_concatenation", "let s = \"x\" * 4000000\nlet parts = []\nwhile true {\n  parts.append(s + \"!\")\n}\n",
			"string_concatenation.mg:3:1: memory limit exceeded: the program held more than 256M of memory (--max-memory)"},
		{"graph", "let L = Value(1.0)\nwhile true {\n  L = L * 1.0\n}\n",
			"graph.mg:2:1: memory limit exceeded: the program held more than 256M of memory (--max-memory)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			script := writeScript(t, dir, tt.name+".mg", tt.src)
			r := runChild(t, dir, "", "run", "--max-memory", "256M", script)
			t.Logf("%s: exit %d after %v of processor time (%v wall), peak RSS %d MB",
				tt.name, r.code, r.cpu.Round(time.Millisecond), r.wall.Round(time.Millisecond), r.peakRSS>>20)
			if r.code != exitRuntime {
				t.Errorf("exit %d, want %d; stderr:\n%s", r.code, exitRuntime, r.stderr)
			}
			if !strings.Contains(r.stderr, tt.want) {
				t.Errorf("stderr lacks %q:\n%s", tt.want, r.stderr)
			}
			if strings.Count(r.stderr, "\n") < 3 {
				t.Errorf("stderr lacks the source line and caret:\n%s", r.stderr)
			}
			if r.cpu > bombLimitCPU {
				t.Errorf("stopped after %v of processor time, want at most %v", r.cpu, bombLimitCPU)
			}
			if r.peakRSS == 0 || r.peakRSS >= 2*memoryLimit {
				t.Errorf("peak RSS %d MB, want under %d MB (twice the limit)", r.peakRSS>>20, 2*memoryLimit>>20)
			}
		})
	}
}
