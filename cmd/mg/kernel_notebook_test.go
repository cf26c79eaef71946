package main

import (
	"encoding/json"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// lectureNotebook is the lecture as a notebook, stored with its outputs.
const lectureNotebook = "../../examples/lecture.ipynb"

// notebook is the part of an .ipynb file the comparison reads.
type notebook struct {
	Cells []struct {
		CellType string          `json:"cell_type"`
		Source   json.RawMessage `json:"source"`
		Outputs  []nbOutput      `json:"outputs"`
	} `json:"cells"`
}

// nbOutput is one output of a code cell.
type nbOutput struct {
	OutputType string                     `json:"output_type"`
	Name       string                     `json:"name"`
	Text       json.RawMessage            `json:"text"`
	Data       map[string]json.RawMessage `json:"data"`
	Ename      string                     `json:"ename"`
	Evalue     string                     `json:"evalue"`
}

// multiline reads a notebook string, stored as one string or a list of lines.
func multiline(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var lines []string
	_ = json.Unmarshal(raw, &lines)
	return strings.Join(lines, "")
}

func readNotebook(t *testing.T, path string) notebook {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var nb notebook
	if err := json.Unmarshal(data, &nb); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return nb
}

// recordLabel finds the data and grad of each box in DOT text.
var recordLabel = regexp.MustCompile(`\| (data [^ |]+) \| (grad [^ |]+) \}`)

// TestLectureNotebook runs examples/lecture.ipynb with jupyter nbconvert on
// the mg kernel and compares every output with the one stored: text
// exactly, pictures by their presence and, for graphs, by the data and
// grad written in every box. Graphs are drawn by Graphviz's dot program
// or, without it, by the built-in renderer: both must write the boxes.
func TestLectureNotebook(t *testing.T) {
	if testing.Short() {
		t.Skip("runs Jupyter (about 15 s)")
	}
	needPython(t, "jupyter_client", "nbclient", "nbconvert")
	env := installKernel(t)
	dir := t.TempDir()
	cmd := exec.Command(debianPython, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
		"--ExecutePreprocessor.timeout=60", "--output-dir", dir, "--output", "ran.ipynb", lectureNotebook)
	cmd.Env = env
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("jupyter nbconvert --execute: %v\n%s", err, out)
	}
	stored := readNotebook(t, lectureNotebook)
	ran := readNotebook(t, filepath.Join(dir, "ran.ipynb"))
	if len(stored.Cells) != len(ran.Cells) {
		t.Fatalf("%d cells stored, %d ran", len(stored.Cells), len(ran.Cells))
	}
	graphs, charts := 0, 0
	for i, sc := range stored.Cells {
		rc := ran.Cells[i]
		if sc.CellType != "code" {
			continue
		}
		where := "cell " + strings.SplitN(multiline(sc.Source), "\n", 2)[0]
		if len(sc.Outputs) != len(rc.Outputs) {
			t.Errorf("%s: %d outputs stored, %d now", where, len(sc.Outputs), len(rc.Outputs))
			continue
		}
		for j, so := range sc.Outputs {
			g, c := compareOutput(t, where, so, rc.Outputs[j])
			graphs += g
			charts += c
		}
	}
	// The stored notebook must show what GitHub is to display.
	if graphs < 3 || charts < 1 {
		t.Errorf("the notebook shows %d graphs and %d charts; want at least 3 and 1", graphs, charts)
	}
}

// compareOutput compares one stored output with the same output of the
// run; it counts the graphs and charts shown.
func compareOutput(t *testing.T, where string, so, ro nbOutput) (graphs, charts int) {
	t.Helper()
	if so.OutputType != ro.OutputType || so.Name != ro.Name {
		t.Errorf("%s: stored %s %s, now %s %s", where, so.OutputType, so.Name, ro.OutputType, ro.Name)
		return
	}
	switch so.OutputType {
	case "stream":
		if a, b := multiline(so.Text), multiline(ro.Text); a != b {
			t.Errorf("%s: stored output\n%s\nnow\n%s", where, a, b)
		}
	case "error":
		if so.Ename != ro.Ename || so.Evalue != ro.Evalue {
			t.Errorf("%s: stored error %s: %s, now %s: %s", where, so.Ename, so.Evalue, ro.Ename, ro.Evalue)
		}
	case "execute_result", "display_data":
		text := multiline(so.Data["text/plain"])
		if now := multiline(ro.Data["text/plain"]); text != now {
			t.Errorf("%s: stored text/plain\n%s\nnow\n%s", where, text, now)
		}
		if len(so.Data) != len(ro.Data) {
			t.Errorf("%s: stored %d forms, now %d", where, len(so.Data), len(ro.Data))
		}
		if _, ok := so.Data["image/svg+xml"]; !ok {
			return
		}
		for _, svg := range []string{multiline(so.Data["image/svg+xml"]), multiline(ro.Data["image/svg+xml"])} {
			if !strings.HasPrefix(svg, "<svg") {
				t.Errorf("%s: the SVG does not start with <svg: %.80q", where, svg)
			}
			shown := html.UnescapeString(svg)
			for _, m := range recordLabel.FindAllStringSubmatch(text, -1) {
				if !strings.Contains(shown, ">"+m[1]+"<") || !strings.Contains(shown, ">"+m[2]+"<") {
					t.Errorf("%s: the picture lacks the box's %q or %q", where, m[1], m[2])
				}
			}
		}
		if strings.HasPrefix(text, "digraph") {
			return 1, 0
		}
		return 0, 1
	}
	return 0, 0
}
