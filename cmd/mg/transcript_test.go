package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/mglang/mg/lang"
)

// Transcripts (testdata/repl/*.txt) are REPL sessions as a user sees them:
//
//	# what the transcript shows; "# exit N" gives the expected status
//	mg> let xs = [1,
//	... 2]
//	mg> xs
//	[1, 2]
//
// Lines after "mg> " and "... " are typed; every other line after the
// header is output (stdout and stderr as they interleave). The inputs are
// piped into mg one line at a time and the transcript is rendered again
// from what mg printed after each line, the prompts chosen by the REPL's
// own rule (needsMore); the test passes when the rendering is the file.
// $TMP in a typed line is a fresh temporary directory. With -update, the
// files are rewritten from the run.
func TestTranscripts(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "repl", "*.txt"))
	if len(files) == 0 {
		t.Fatal("no transcripts in testdata/repl")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txt"), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			tr := parseTranscript(string(data))
			got := tr.play(t)
			if *update {
				if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if got != string(data) {
				t.Errorf("transcript differs\n--- got\n%s--- want\n%s", got, data)
			}
		})
	}
}

// transcript is a parsed transcript file: its header comments, its typed
// lines and the exit status it expects.
type transcript struct {
	header []string
	inputs []string
	exit   int
}

func parseTranscript(text string) *transcript {
	tr := &transcript{}
	inHeader := true
	for _, l := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		if inHeader && strings.HasPrefix(l, "#") {
			tr.header = append(tr.header, l)
			if n, ok := strings.CutPrefix(l, "# exit "); ok {
				tr.exit, _ = strconv.Atoi(n)
			}
			continue
		}
		inHeader = false
		if in, ok := typed(l); ok {
			tr.inputs = append(tr.inputs, in)
		}
	}
	return tr
}

// typed returns the input of a prompt line.
func typed(l string) (string, bool) {
	for _, p := range []string{promptFirst, promptMore} {
		if in, ok := strings.CutPrefix(l, p); ok {
			return in, true
		}
		if l == strings.TrimSpace(p) {
			return "", true
		}
	}
	return "", false
}

// play pipes the inputs into mg and renders the session.
func (tr *transcript) play(t *testing.T) string {
	tmp := t.TempDir()
	var out bytes.Buffer
	feed := &lineFeeder{out: &out}
	for _, in := range tr.inputs {
		feed.lines = append(feed.lines, strings.ReplaceAll(in, "$TMP", tmp)+"\n")
	}
	code := run(nil, feed, &out, &out)

	var b strings.Builder
	header := tr.header
	if code != tr.exit && !*update {
		t.Errorf("exit %d, want %d", code, tr.exit)
	}
	if *update {
		header = nil
		for _, h := range tr.header {
			if !strings.HasPrefix(h, "# exit ") {
				header = append(header, h)
			}
		}
		if code != 0 {
			header = append(header, fmt.Sprintf("# exit %d", code))
		}
	}
	for _, h := range header {
		b.WriteString(h + "\n")
	}
	var chunk strings.Builder
	for i, in := range tr.inputs {
		prompt := promptFirst
		if chunk.Len() > 0 {
			prompt = promptMore
		}
		chunk.WriteString(in + "\n")
		if c := chunk.String(); !needsMore(c) && !(lang.ElseMayFollow(c) && elseNext(tr.inputs[i+1:])) {
			chunk.Reset()
		}
		b.WriteString(strings.TrimRight(prompt+in, " ") + "\n")
		// Line i is handed out at Read i and its output is done by Read
		// i+1; what the end of input runs goes with the last line.
		// After :quit no more lines are read: the rest shows no output.
		if i >= len(feed.marks) {
			continue
		}
		end := out.Len()
		if i+1 < len(feed.marks) && i < len(tr.inputs)-1 {
			end = feed.marks[i+1]
		}
		b.WriteString(strings.ReplaceAll(out.String()[feed.marks[i]:end], tmp, "$TMP"))
	}
	return b.String()
}

// elseNext reports whether the first of inputs with a token starts with
// else: piped input then joins it to the if before (pipeReader).
func elseNext(inputs []string) bool {
	for _, in := range inputs {
		if !lang.Blank(in) {
			return lang.StartsWithElse(in)
		}
	}
	return false
}

// lineFeeder is standard input that hands out one line per Read and notes
// how much output there was each time mg asked for more.
type lineFeeder struct {
	lines []string
	out   *bytes.Buffer
	marks []int // marks[k]: output length when line k was asked for
}

func (f *lineFeeder) Read(p []byte) (int, error) {
	f.marks = append(f.marks, f.out.Len())
	if len(f.lines) == 0 {
		return 0, io.EOF
	}
	n := copy(p, f.lines[0])
	f.lines[0] = f.lines[0][n:]
	if f.lines[0] == "" {
		f.lines = f.lines[1:]
	}
	return n, nil
}
