package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// debianPython is the Python that Debian's jupyter packages work with (a
// python3 found first on PATH may lack them).
const debianPython = "/usr/bin/python3"

// needPython skips the test unless Debian's python can import modules;
// under CI (CI=true) it fails instead, since .ci/run installs them.
func needPython(t *testing.T, modules ...string) {
	t.Helper()
	args := []string{"-c", "import " + strings.Join(modules, ", ")}
	if out, err := exec.Command(debianPython, args...).CombinedOutput(); err != nil {
		msg := "needs " + debianPython + " with " + strings.Join(modules, ", ") +
			" (apt-get install jupyter-nbconvert python3-nbclient jupyter-client): " + strings.TrimSpace(string(out))
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
}

// installKernel builds mg and installs its kernelspec under a temporary
// prefix; it returns the environment that makes Jupyter find it (and
// nothing of the user's own Jupyter setup).
func installKernel(t *testing.T) []string {
	t.Helper()
	dir := t.TempDir()
	bin := filepath.Join(dir, "mg")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	prefix := filepath.Join(dir, "prefix")
	if out, err := exec.Command(bin, "kernel", "install", "--prefix", prefix).CombinedOutput(); err != nil {
		t.Fatalf("mg kernel install: %v\n%s", err, out)
	}
	spec, err := os.ReadFile(filepath.Join(prefix, "share", "jupyter", "kernels", "mg", "kernel.json"))
	if err != nil {
		t.Fatal(err)
	}
	var ks struct {
		Argv     []string `json:"argv"`
		Language string   `json:"language"`
	}
	if err := json.Unmarshal(spec, &ks); err != nil || len(ks.Argv) == 0 || ks.Argv[0] != bin || ks.Language != "mg" {
		t.Fatalf("kernel.json does not start %s: %s (%v)", bin, spec, err)
	}
	home := filepath.Join(dir, "home")
	return append(os.Environ(),
		"JUPYTER_PATH="+filepath.Join(prefix, "share", "jupyter"),
		"JUPYTER_DATA_DIR="+filepath.Join(home, "data"),
		"JUPYTER_CONFIG_DIR="+filepath.Join(home, "config"),
		"JUPYTER_RUNTIME_DIR="+filepath.Join(home, "runtime"),
		"PYDEVD_DISABLE_FILE_VALIDATION=1",
	)
}

// check is one line of the client script's report.
type check map[string]any

func (c check) str(k string) string  { s, _ := c[k].(string); return s }
func (c check) num(k string) float64 { f, _ := c[k].(float64); return f }
func (c check) flag(k string) bool   { b, _ := c[k].(bool); return b }
func (c check) strs(k string) []string {
	var out []string
	list, _ := c[k].([]any)
	for _, x := range list {
		s, _ := x.(string)
		out = append(out, s)
	}
	return out
}

// TestKernelProtocol drives the kernel with jupyter_client
// (testdata/kernel/client.py) and checks each answer.
func TestKernelProtocol(t *testing.T) {
	needPython(t, "jupyter_client")
	env := installKernel(t)
	cmd := exec.Command(debianPython, filepath.Join("testdata", "kernel", "client.py"))
	cmd.Env = env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	checks := map[string]check{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var c check
		if json.Unmarshal(sc.Bytes(), &c) == nil {
			checks[c.str("check")] = c
		}
	}
	if err != nil {
		t.Fatalf("client.py: %v\n%s\n%s", err, out, stderr.String())
	}
	get := func(name string) check {
		c, ok := checks[name]
		if !ok {
			t.Fatalf("client.py reported no %s check:\n%s\n%s", name, out, stderr.String())
		}
		return c
	}

	if c := get("kernel_info"); c.str("language") != "mg" || c.str("ext") != ".mg" || c.str("protocol") != "5.3" {
		t.Errorf("kernel_info: %v", c)
	}
	c := get("execute")
	results, _ := json.Marshal(c["results"])
	if c.str("status") != "ok" || c.num("count") != 1 || c.str("stdout") != "hi -3.0\n" ||
		string(results) != `[{"text/plain":"Value(data=-6.0, grad=1.0)"}]` {
		t.Errorf("execute: %v", c)
	}
	if c := get("complete_tan"); !contains(c.strs("matches"), "tanh") || c.num("start") != 0 || c.num("end") != 3 {
		t.Errorf("completing tan: %v", c)
	}
	c = get("complete_attr")
	if !contains(c.strs("matches"), "grad") || c.num("start") != 12 || c.num("end") != 14 {
		t.Errorf("completing a.gr: %v", c)
	}
	for _, m := range c.strs("matches") {
		if !strings.HasPrefix(m, "gr") {
			t.Errorf("completing a.gr offers %q", m)
		}
	}
	if c := get("inspect"); !c.flag("found") || !strings.Contains(c.str("text"), "tanh(x)") {
		t.Errorf("inspect: %v", c)
	}
	states, _ := json.Marshal(get("is_complete")["states"])
	if want := `{"fn f(x) {":"incomplete","let = 3":"invalid","let q = (1 +":"incomplete","let q = 1":"complete"}`; string(states) != want {
		t.Errorf("is_complete: %s, want %s", states, want)
	}
	for _, how := range []string{"interrupt_message", "interrupt_signal"} {
		c := get(how)
		if c.str("status") != "error" || c.str("ename") != "KeyboardInterrupt" {
			t.Errorf("%s: the loop ended with %v", how, c)
		}
		// The acceptance bound for an interruption, interrupt sent to reply received.
		if c.num("seconds") >= 0.1 {
			t.Errorf("%s: took %.3f s to stop the loop", how, c.num("seconds"))
		}
		if c.str("after") != "2.0 -6.0 true\n" || c.str("after_status") != "ok" {
			t.Errorf("%s: names not kept: %v", how, c)
		}
	}
	c = get("many_lines")
	if c.str("status") != "ok" || c.num("lines") != 20000 || !c.flag("in_order") {
		t.Errorf("20,000 lines: %v", c)
	}
	if n := c.num("messages"); n < 1 || n > 2000 {
		t.Errorf("20,000 lines came in %v stream messages: not batched", n)
	}
	c = get("syntax_error")
	if tb := c.strs("traceback"); c.str("ename") != "SyntaxError" || len(tb) < 3 ||
		!strings.HasPrefix(tb[0], "<cell 7>:2:13: ") || tb[1] != "let z = (1 +* 2)" || tb[2] != "            ^" {
		t.Errorf("syntax error: %v", c)
	}
	if c.str("stdout") != "" {
		t.Errorf("a cell with a syntax error ran: %q", c.str("stdout"))
	}
	c = get("runtime_error")
	if tb := c.strs("traceback"); c.str("ename") != "RuntimeError" || len(tb) < 3 ||
		!strings.HasPrefix(tb[0], "<cell 8>:3:16: division by zero") || tb[2] != "               ^" || c.str("stdout") != "before\n" {
		t.Errorf("runtime error: %v", c)
	}
	if c := get("bad_messages"); c.str("status") != "ok" || c.str("stdout") != "still here 2.0\n" || !c.flag("alive") {
		t.Errorf("after bad messages: %v", c)
	}
	if !strings.Contains(stderr.String(), "bad signature") {
		t.Errorf("the wrongly signed message was not noticed:\n%s", stderr.String())
	}
	if c := get("heartbeat"); c.str("echoed") != "ping 42" {
		t.Errorf("heartbeat: %v", c)
	}
	if c := get("comm_info"); c.str("status") != "ok" || len(c["comms"].(map[string]any)) != 0 {
		t.Errorf("comm_info: %v", c)
	}
	if c := get("restart"); c.str("stdout") != "fresh\n" || c.str("ename") != "RuntimeError" {
		t.Errorf("after a restart, a cell printed %q and a name of before gave %q", c.str("stdout"), c.str("ename"))
	}
	// jupyter_client kills a kernel that has not left 5 s after shutdown_request.
	if c := get("shutdown"); c.flag("alive") || c.num("seconds") >= 4 {
		t.Errorf("shutdown: %v", c)
	}
}
