package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The browser test: the classic notebook server (Debian's jupyter-notebook)
// on 127.0.0.1, driven by headless Chromium, runs examples/lecture.ipynb
// with mg's kernel and checks that the graphs appear inline, as a person
// opening the notebook would see them.
//
// Set MG_NOTEBOOK_SCREENSHOT to a file name to keep the screenshot there
// (docs/notebook.png is made so); it is always written to the test's
// temporary directory too.

// browserNotebook is the notebook the browser test runs.
var browserNotebook = filepath.Join("..", "..", "examples", "lecture.ipynb")

// browserTimeout bounds the whole browser test; each wait inside it has its
// own, shorter bound.
const browserTimeout = 150 * time.Second

// boxText matches the data and grad lines of a Value's box in a drawing.
var boxText = regexp.MustCompile(`(data|grad) -?[0-9]+\.[0-9]{4}`)

// needBrowserTools returns the paths of the notebook server and Chromium,
// skipping the test when one is missing (failing under CI, whose .ci/run
// installs them).
func needBrowserTools(t *testing.T) (notebook, chromium string) {
	t.Helper()
	missing := func(what, install string) {
		t.Helper()
		msg := what + " is not installed (" + install + ")"
		if os.Getenv("CI") != "" {
			t.Fatal(msg + "; .ci/run installs it")
		}
		t.Skip(msg)
	}
	notebook, err := exec.LookPath("jupyter-notebook")
	if err != nil {
		missing("the classic notebook server, jupyter-notebook,", "apt-get install jupyter-notebook")
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if chromium, err = exec.LookPath(name); err == nil {
			break
		}
	}
	if chromium == "" {
		missing("Chromium", "apt-get install chromium")
	}
	return notebook, chromium
}

func TestNotebookInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a notebook server and a browser")
	}
	notebookBin, chromium := needBrowserTools(t)
	work := t.TempDir()
	nbDir := filepath.Join(work, "notebooks")
	if err := os.MkdirAll(nbDir, 0o755); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(browserNotebook)
	if errors.Is(err, os.ErrNotExist) {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is missing", browserNotebook)
		}
		t.Skipf("%s is missing: nothing to run in the browser", browserNotebook)
	}
	if err != nil {
		t.Fatal(err)
	}
	env := installKernel(t) // a fresh mg's kernelspec, and Jupyter's directories, all temporary
	// The kernel draws without Graphviz's dot program, with the built-in
	// renderer, as on a machine where Graphviz is not installed (the
	// notebook test of the kernel draws with the program when it is there).
	env = append(env, "IPYTHONDIR="+filepath.Join(work, "ipython"), "JUPYTER_NO_CONFIG=1",
		"PATH="+pathWithout(t, filepath.Join(work, "path"), "dot"))
	want := storedBoxTexts(t, src)
	if err := os.WriteFile(filepath.Join(nbDir, "lecture.ipynb"), src, 0o644); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), browserTimeout)
	defer cancel()
	base, token := startNotebookServer(t, ctx, notebookBin, work, env, nbDir)

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.NoSandbox, // tests run as root in CI
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("proxy-server", "direct://"),
		chromedp.Flag("proxy-bypass-list", "*"),
		chromedp.UserDataDir(filepath.Join(work, "chromium")),
		chromedp.WindowSize(1280, 1000),
	)
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	defer acancel()
	bctx, bcancel := chromedp.NewContext(actx)
	defer bcancel()

	// The first Run starts the browser, whose life is bctx's: no timeout
	// of its own. Each later step gets a bounded context.
	if err := chromedp.Run(bctx); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	step := func(what string, limit time.Duration, actions ...chromedp.Action) {
		t.Helper()
		sctx, scancel := context.WithTimeout(bctx, limit)
		defer scancel()
		if err := chromedp.Run(sctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	step("opening the notebook", 60*time.Second,
		chromedp.Navigate(base+"/notebooks/lecture.ipynb?token="+token),
		chromedp.Poll(`typeof Jupyter !== "undefined" && Jupyter.notebook && Jupyter.notebook._fully_loaded &&
			Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected()`, nil, chromedp.WithPollingTimeout(55*time.Second)),
	)
	var kernelName string
	step("reading the kernel's name", 5*time.Second,
		chromedp.Evaluate(`Jupyter.notebook.kernel.name`, &kernelName))
	if kernelName != "mg" {
		t.Errorf("the notebook runs the kernel %q, want mg", kernelName)
	}
	// The stored outputs go first, so that every graph checked below is
	// one this kernel drew in this browser.
	var left int
	step("clearing the stored outputs", 10*time.Second,
		chromedp.Evaluate(`Jupyter.notebook.clear_all_output(); document.querySelectorAll(".output_area").length`, &left))
	if left != 0 {
		t.Fatalf("%d output areas are left after clearing the notebook's outputs", left)
	}
	var started bool
	step("running every cell", 60*time.Second,
		chromedp.Evaluate(`Jupyter.notebook.execute_all_cells(); true`, &started),
		chromedp.Poll(`(() => {
			const cells = Jupyter.notebook.get_cells().filter(c => c.cell_type === "code" && c.get_text().trim() !== "");
			const done = cells.every(c => typeof c.input_prompt_number === "number");
			const idle = document.querySelector("#kernel_indicator_icon.kernel_idle_icon") !== null;
			return done && idle;
		})()`, nil, chromedp.WithPollingTimeout(55*time.Second)),
	)

	var page struct {
		Errors []string `json:"errors"`
		SVGs   []string `json:"svgs"`
		Cells  int      `json:"cells"`
		// Unfit lists the graphs wider than their output area (cut off
		// at its edge, or needing a scroll bar), and Tiny those drawn
		// less than 100 pixels wide: each as "cell N: W px in P px".
		Unfit []string `json:"unfit"`
		Tiny  []string `json:"tiny"`
	}
	step("reading the outputs", 10*time.Second, chromedp.Evaluate(`(() => ({
		errors: Array.from(document.querySelectorAll(".output_area .output_error")).map(e => e.textContent),
		svgs: Array.from(document.querySelectorAll(".output_area .output_subarea svg")).map(s => s.textContent),
		cells: document.querySelectorAll(".cell.code_cell").length,
		...(() => {
			const cells = Array.from(document.querySelectorAll(".cell.code_cell"));
			const unfit = [], tiny = [];
			for (const svg of document.querySelectorAll(".output_area .output_subarea svg")) {
				if (!/data -?[0-9]/.test(svg.textContent)) continue;
				const area = svg.closest(".output_subarea");
				const w = svg.getBoundingClientRect().width, inner = area.clientWidth;
				const where = "cell " + (cells.indexOf(svg.closest(".cell")) + 1) + ": " + Math.round(w) + " px in " + inner + " px";
				if (w > inner + 1 || area.scrollWidth > area.clientWidth + 1) unfit.push(where);
				if (w < 100) tiny.push(where);
			}
			return {unfit, tiny};
		})(),
	}))()`, &page))
	if len(page.Errors) > 0 {
		t.Errorf("cells ended in errors in the browser:\n%s", strings.Join(page.Errors, "\n---\n"))
	}
	var shown []string
	for _, s := range page.SVGs {
		shown = append(shown, boxText.FindAllString(s, -1)...)
	}
	if len(shown) == 0 {
		t.Fatalf("no graph drawn inline: %d code cells, %d <svg> in output areas, none holding a box's data/grad text", page.Cells, len(page.SVGs))
	}
	if len(page.Unfit) > 0 {
		t.Errorf("graphs do not fit the width of their output area, so part of them is cut off: %s", strings.Join(page.Unfit, "; "))
	}
	if len(page.Tiny) > 0 {
		t.Errorf("graphs are drawn too small to read: %s", strings.Join(page.Tiny, "; "))
	}
	for _, w := range want {
		if !hasString(shown, w) {
			t.Errorf("the graphs in the browser lack the text %q, which the stored notebook's graphs have", w)
		}
	}

	// The screenshot: the first cell whose graph shows gradients (or else
	// the first graph), at the top of the window.
	var png []byte
	var scrolled bool
	step("taking a screenshot", 15*time.Second,
		chromedp.Evaluate(`(() => {
			const graphs = Array.from(document.querySelectorAll(".output_area .output_subarea svg")).filter(s => /data -?[0-9]/.test(s.textContent));
			const svg = graphs.find(s => /grad -?[0-9]*[1-9]/.test(s.textContent)) || graphs[0];
			svg.closest(".cell").scrollIntoView({block: "start"});
			return true;
		})()`, &scrolled),
		chromedp.Sleep(300*time.Millisecond), // let the scroll settle before the capture
		chromedp.CaptureScreenshot(&png),
	)
	shot := filepath.Join(work, "notebook.png")
	if keep := os.Getenv("MG_NOTEBOOK_SCREENSHOT"); keep != "" {
		shot = keep
	}
	if err := os.WriteFile(shot, png, 0o644); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(png), "\x89PNG\r\n\x1a\n") {
		t.Errorf("the screenshot is not a PNG")
	}
	t.Logf("screenshot: %s (%d bytes); %d graph texts shown", shot, len(png), len(shown))
}

// startNotebookServer starts the classic notebook server on a free port of
// 127.0.0.1, in the environment env, serving nbDir, with a random token; its
// log goes to work. It returns the server's base URL and the token. The
// server, and the kernels it started, are stopped when the test ends.
func startNotebookServer(t *testing.T, ctx context.Context, bin, work string, env []string, nbDir string) (base, token string) {
	t.Helper()
	port := freePort(t)
	tok := make([]byte, 16)
	rand.Read(tok)
	token = hex.EncodeToString(tok)
	cmd := exec.Command(bin, "--no-browser", "--allow-root",
		"--ip=127.0.0.1", fmt.Sprintf("--port=%d", port), "--port-retries=0",
		"--NotebookApp.token="+token, "--notebook-dir="+nbDir)
	cmd.Env = env
	logFile, err := os.Create(filepath.Join(work, "notebook.log"))
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM) // the server and its kernels
		select {
		case <-exited:
		case <-time.After(5 * time.Second):
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-exited
		}
		logFile.Close()
		if t.Failed() {
			log, _ := os.ReadFile(logFile.Name())
			t.Logf("notebook server log:\n%s", log)
		}
	})
	base = fmt.Sprintf("http://127.0.0.1:%d", port)
	deadline := time.Now().Add(30 * time.Second)
	client := &http.Client{Timeout: 2 * time.Second}
	for {
		select {
		case <-exited:
			log, _ := os.ReadFile(logFile.Name())
			t.Fatalf("the notebook server exited at start:\n%s", log)
		case <-ctx.Done():
			t.Fatal(ctx.Err())
		default:
		}
		resp, err := client.Get(base + "/api/kernelspecs?token=" + token)
		if err == nil {
			var specs struct {
				Kernelspecs map[string]any `json:"kernelspecs"`
			}
			err = json.NewDecoder(resp.Body).Decode(&specs)
			resp.Body.Close()
			if err == nil {
				if _, ok := specs.Kernelspecs["mg"]; !ok {
					t.Fatalf("the notebook server does not list the mg kernel; it has %v", keys(specs.Kernelspecs))
				}
				break
			}
		}
		if time.Now().After(deadline) {
			log, _ := os.ReadFile(logFile.Name())
			t.Fatalf("the notebook server did not answer on %s within 30s (%v):\n%s", base, err, log)
		}
		time.Sleep(200 * time.Millisecond)
	}
	return base, token
}

// pathWithout returns $PATH with the program name hidden: each directory
// that holds name is replaced by a directory under dir holding links to
// everything else it has.
func pathWithout(t *testing.T, dir, name string) string {
	t.Helper()
	var out []string
	for i, d := range filepath.SplitList(os.Getenv("PATH")) {
		if _, err := os.Stat(filepath.Join(d, name)); err != nil {
			out = append(out, d)
			continue
		}
		shadow := filepath.Join(dir, fmt.Sprint(i))
		if err := os.MkdirAll(shadow, 0o755); err != nil {
			t.Fatal(err)
		}
		entries, err := os.ReadDir(d)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if e.Name() != name {
				os.Symlink(filepath.Join(d, e.Name()), filepath.Join(shadow, e.Name()))
			}
		}
		out = append(out, shadow)
	}
	return strings.Join(out, string(os.PathListSeparator))
}

// freePort asks the kernel for a free TCP port on 127.0.0.1.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// storedBoxTexts returns the data/grad texts of the graphs stored in the
// notebook nb (its image/svg+xml outputs): what the browser must show.
func storedBoxTexts(t *testing.T, nb []byte) []string {
	t.Helper()
	var doc struct {
		Cells []struct {
			Outputs []struct {
				Data map[string]json.RawMessage `json:"data"`
			} `json:"outputs"`
		} `json:"cells"`
	}
	if err := json.Unmarshal(nb, &doc); err != nil {
		t.Fatalf("%s: %v", browserNotebook, err)
	}
	var texts []string
	for _, c := range doc.Cells {
		for _, o := range c.Outputs {
			raw, ok := o.Data["image/svg+xml"]
			if !ok {
				continue
			}
			var s string
			var lines []string
			if json.Unmarshal(raw, &s) != nil {
				if err := json.Unmarshal(raw, &lines); err != nil {
					t.Fatalf("%s: an image/svg+xml output is neither a string nor a list of lines: %v", browserNotebook, err)
				}
				s = strings.Join(lines, "")
			}
			s = strings.ReplaceAll(s, "&#45;", "-")
			for _, m := range boxText.FindAllString(s, -1) {
				if !hasString(texts, m) {
					texts = append(texts, m)
				}
			}
		}
	}
	if len(texts) == 0 {
		t.Fatalf("%s stores no graph (no image/svg+xml output with a box's data/grad text)", browserNotebook)
	}
	return texts
}

func hasString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func keys(m map[string]any) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}
