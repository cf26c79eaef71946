package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Writing the generated programs in both syntaxes, running batches of them
// in mg and in CPython, and reading back each program's output.

// render writes p's statements in mg (4-space blocks) or Python.
func render(stmts []*gstmt, mg bool, indent string, b *strings.Builder) {
	for _, s := range stmts {
		if s.clauses == nil {
			if mg {
				b.WriteString(indent + s.mg + "\n")
			} else {
				b.WriteString(indent + s.py + "\n")
			}
			continue
		}
		for i, c := range s.clauses {
			switch {
			case !mg:
				b.WriteString(indent + c.pyHead + ":\n")
			case i == 0:
				b.WriteString(indent + c.mgHead + " {\n")
			default:
				b.WriteString(indent + "} " + c.mgHead + " {\n")
			}
			render(c.body, mg, indent+"    ", b)
			if !mg && len(c.body) == 0 {
				b.WriteString(indent + "    pass\n")
			}
		}
		if mg {
			b.WriteString(indent + "}\n")
		}
	}
}

func (p *gprog) mgSource() string {
	var b strings.Builder
	render(p.stmts, true, "", &b)
	return b.String()
}

func (p *gprog) pySource() string {
	var b strings.Builder
	render(p.stmts, false, "", &b)
	return b.String()
}

// outcome is what one program printed, and the error that stopped it.
type outcome struct {
	lines []string
	err   string
}

// runPython runs the programs in one CPython process.
func runPython(ctx context.Context, py, dir string, f gfeatures, progs []*gprog) (map[int]*outcome, int, error) {
	var b strings.Builder
	for _, p := range progs {
		fmt.Fprintf(&b, "#P %d\n%s", p.id, p.pySource())
	}
	path := filepath.Join(dir, "batch.py.txt")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		return nil, 0, err
	}
	b01 := map[bool]string{false: "0", true: "1"}
	t0 := time.Now()
	defer func() { pyTime += time.Since(t0) }()
	cmd := exec.CommandContext(ctx, py, "../../testdata/diff/run.py", path,
		"ints="+b01[f.intsStayInts], "reset="+b01[f.resetInner], "fresh="+b01[f.exactDouble])
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, 0, fmt.Errorf("%s run.py: %v\n%s", py, err, stderr.String())
	}
	text, count, _ := strings.Cut(string(out), "#MISROUNDED ")
	misrounded, _ := strconv.Atoi(strings.TrimSpace(count))
	res := splitOutput(text)
	for _, o := range res {
		if n := len(o.lines); n > 0 && strings.HasPrefix(o.lines[n-1], "#E ") {
			o.err = o.lines[n-1][3:]
			o.lines = o.lines[:n-1]
		}
	}
	return res, misrounded, nil
}

// splitOutput cuts a batch's output at the "#P <id>" lines.
func splitOutput(out string) map[int]*outcome {
	res := map[int]*outcome{}
	var cur *outcome
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if rest, ok := strings.CutPrefix(line, "#P "); ok {
			if id, err := strconv.Atoi(rest); err == nil {
				cur = &outcome{}
				res[id] = cur
				continue
			}
		}
		if cur != nil {
			cur.lines = append(cur.lines, line)
		}
	}
	return res
}

const mgBatch = 30

// mgTime and pyTime add up the time spent in each language.
var mgTime, pyTime time.Duration

var mgErrLine = regexp.MustCompile(`^[^:]*:(\d+):\d+: `)

// runMg runs the programs in as few mg processes as it can: a runtime error
// stops a process, so the next one starts after the program that failed.
// It returns each program's outcome and how many processes ran.
func runMg(ctx context.Context, bin, dir string, progs []*gprog) (map[int]*outcome, int, error) {
	res := map[int]*outcome{}
	procs := 0
	// A process reads its whole batch before it runs, and a runtime
	// error makes the next process read the rest again: batches of a
	// few dozen programs keep both costs small.
	for len(progs) > mgBatch {
		r, n, err := runMg(ctx, bin, dir, progs[:mgBatch])
		if err != nil {
			return nil, procs, err
		}
		for id, o := range r {
			res[id] = o
		}
		procs += n
		progs = progs[mgBatch:]
	}
	for len(progs) > 0 {
		var b strings.Builder
		starts := make([]int, len(progs)) // first line of each program
		line := 1
		for i, p := range progs {
			starts[i] = line
			src := p.mgSource()
			fmt.Fprintf(&b, "print(\"#P %d\")\nif true {\n%s}\n", p.id, src)
			line += 3 + strings.Count(src, "\n")
		}
		path := filepath.Join(dir, "batch.mg")
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			return nil, procs, err
		}
		t0 := time.Now()
		cmd := exec.CommandContext(ctx, bin, "run", "--timeout", "60s", path)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		mgTime += time.Since(t0)
		procs++
		for id, o := range splitOutput(stdout.String()) {
			res[id] = o
		}
		if err == nil {
			return res, procs, nil
		}
		if ctx.Err() != nil {
			return nil, procs, ctx.Err()
		}
		msg := strings.SplitN(strings.TrimSpace(stderr.String()), "\n", 2)[0]
		m := mgErrLine.FindStringSubmatch(msg)
		if m == nil {
			return nil, procs, fmt.Errorf("mg: %v: %s", err, stderr.String())
		}
		errLine, _ := strconv.Atoi(m[1])
		i := sort.Search(len(progs), func(i int) bool { return starts[i] > errLine }) - 1
		if i < 0 {
			return nil, procs, fmt.Errorf("mg: error before the first program: %s", msg)
		}
		o := res[progs[i].id]
		if o == nil { // a syntax error: nothing ran
			o = &outcome{}
			res[progs[i].id] = o
			msg = "syntax error: " + msg
		}
		o.err = msg
		// Programs before the failing one that printed nothing ran no
		// marker only when the error is a syntax error: run them again.
		var rest []*gprog
		for j, p := range progs {
			if j > i || (j < i && res[p.id] == nil) {
				rest = append(rest, p)
			}
		}
		progs = rest
	}
	return res, procs, nil
}

// deviation is an mg error where CPython goes on by design: ints beyond
// 64 bits, floats that overflow to inf, complex powers.
var deviation = regexp.MustCompile(`integer overflow|result is not finite|non-integral power|does not fit`)

// verdict compares one program's outcomes: "" when they agree, "deviation"
// for a documented one, else a description of the difference.
func verdict(m, p *outcome) string {
	if m == nil || p == nil {
		return "no output"
	}
	if strings.HasPrefix(m.err, "syntax error") {
		return "mg: " + m.err
	}
	if m.err != "" && deviation.MatchString(m.err) {
		if len(p.lines) >= len(m.lines) && slicesEqual(p.lines[:len(m.lines)], m.lines) {
			return "deviation"
		}
	}
	if (m.err == "") != (p.err == "") {
		return fmt.Sprintf("mg error %q, Python error %q", m.err, p.err)
	}
	if !slicesEqual(m.lines, p.lines) {
		return "different output"
	}
	return ""
}

func slicesEqual(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// normalizeDot replaces each DOT graph in mg's output by its records and
// op names, sorted, as testdata/diff/mgvalue.py's DOT prints them.
func normalizeDot(o *outcome) {
	var out, recs, ops []string
	in, big, after := false, false, false
	rec := regexp.MustCompile(`shape=record, label="(\{.*\})"`)
	op := regexp.MustCompile(`^\s*op\d+ \[label="(.*)"\];`)
	for _, l := range o.lines {
		switch {
		case l == "digraph G {":
			in, recs, ops, big = true, nil, nil, false
		case after && l == "":
			// print(dot(L)) ends the text's last newline with its own
			after = false
		case in && l == "}":
			in, after = false, true
			sort.Strings(recs)
			sort.Strings(ops)
			if big {
				out = append(out, "DOT too big")
				continue
			}
			out = append(out, fmt.Sprintf("DOT %d records, %d ops", len(recs), len(ops)))
			for _, r := range recs {
				out = append(out, "  record "+r)
			}
			for _, r := range ops {
				out = append(out, "  op "+r)
			}
		case in:
			if m := rec.FindStringSubmatch(l); m != nil {
				recs = append(recs, m[1])
			} else if m := op.FindStringSubmatch(l); m != nil {
				ops = append(ops, m[1])
			} else if strings.Contains(l, "more nodes") {
				big = true
			}
		default:
			after = false
			out = append(out, l)
		}
	}
	o.lines = out
}

// diffLines shows two outputs side by side where they differ.
func diffLines(m, p *outcome) string {
	var b strings.Builder
	n := max(len(m.lines), len(p.lines))
	for i := 0; i < n; i++ {
		a, c := "<no line>", "<no line>"
		if i < len(m.lines) {
			a = m.lines[i]
		}
		if i < len(p.lines) {
			c = p.lines[i]
		}
		if a == c {
			fmt.Fprintf(&b, "    %s\n", a)
		} else {
			fmt.Fprintf(&b, "  mg: %s\n  py: %s\n", a, c)
		}
	}
	if m.err != "" || p.err != "" {
		fmt.Fprintf(&b, "  mg error: %s\n  py error: %s\n", m.err, p.err)
	}
	return b.String()
}

// withTimeout is the context of one differential run.
func withTimeout(d time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), d)
}
