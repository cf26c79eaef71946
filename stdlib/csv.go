package stdlib

import (
	"bufio"
	"errors"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/mglang/mg/eval"
)

// maxCSVLine is the longest line read_csv reads.
const maxCSVLine = 16 << 20

// readCSVBuiltin reads rows of numbers; a first row that is not all numbers
// is a header and is skipped. Cells that are integers become ints.
func readCSVBuiltin(th *eval.Thread, args []eval.Object, kw []eval.Kwarg) (eval.Object, error) {
	var path string
	if err := eval.UnpackArgs("read_csv", args, kw, "path", &path); err != nil {
		return nil, err
	}
	var f *os.File
	err := UseFile(th, "read_csv()", path, func(p string) (err error) {
		if f, err = os.Open(p); err != nil {
			err = fmt.Errorf("read_csv(): %v", err)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	defer f.Close()
	defer closeOnCancel(th, f)() // a pipe's read blocks past any poll
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), maxCSVLine)
	rows := []eval.Object{}
	line := 0
	for sc.Scan() {
		line++
		if line%1024 == 0 {
			// A long read stops for a time or memory limit, or Ctrl-C,
			// as a loop does.
			if err := th.Check(); err != nil {
				return nil, err
			}
		}
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" {
			continue
		}
		if err := eval.CheckLen("list", "read_csv()", int64(strings.Count(text, ","))+1); err != nil {
			return nil, err
		}
		cells := strings.Split(text, ",")
		row := make([]eval.Object, len(cells))
		col := 1
		for i, c := range cells {
			v, ok := parseCell(strings.TrimSpace(c))
			if !ok {
				if line == 1 && len(rows) == 0 {
					row = nil
					break
				}
				return nil, fmt.Errorf("read_csv(): %s:%d:%d: not a number: %q", path, line, col, strings.TrimSpace(c))
			}
			row[i] = v
			col += len([]rune(c)) + 1
		}
		if row != nil {
			if err := eval.CheckLen("list", "read_csv()", int64(len(rows))+1); err != nil {
				return nil, err
			}
			rows = append(rows, eval.NewList(row))
		}
	}
	if err := sc.Err(); err != nil {
		if err := th.Check(); err != nil {
			return nil, err // the read was stopped by a limit or Ctrl-C
		}
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, fmt.Errorf("read_csv(): %s: line %d is longer than %d MiB", path, line+1, maxCSVLine>>20)
		}
		return nil, fmt.Errorf("read_csv(): %s: %v", path, err)
	}
	return eval.NewList(rows), nil
}

func parseCell(s string) (eval.Object, bool) {
	if i, err := strconv.ParseInt(s, 10, 64); err == nil {
		return eval.Int(i), true
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return nil, false // nan and inf would bring in what arithmetic forbids
	}
	return eval.Float(f), true
}
