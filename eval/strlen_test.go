package eval_test

import (
	"strings"
	"testing"
)

// The text of a long list: str(), f-strings and format() make a value a
// program computes with, so past the length rule they stop with its error
// (naming what made it) instead of returning a shortened string; print
// may cut what it shows, and says so with "...".
func TestStrOfLongListIsLengthRuleError(t *testing.T) {
	const long = "let xs = [1234567] * 600000\n"
	for src, where := range map[string]string{
		long + "let s = str(xs)\n":          "string too long in str(): more than 4194304 bytes",
		long + "let s = f\"{xs}\"\n":        "string too long in an f-string: more than 4194304 bytes",
		long + "let s = f\"{xs!r}\"\n":      "string too long in an f-string",
		long + "let s = f\"{[xs, 1]!s}\"\n": "string too long in an f-string",
		long + "let s = format(xs)\n":       "string too long in format(): more than 4194304 bytes",
	} {
		wantError(t, src, where)
	}
}

func TestStrOfListAtTheRuleIsWhole(t *testing.T) {
	// 466,033 items of "1234567, ", ", 12345" and the brackets: 4,194,304
	// bytes, exactly the rule (as CPython counts them); one digit more is past it.
	src := "let xs = [1234567] * 466033 + [12345]\nlet s = str(xs)\nprint(len(s), s[-10:], len(f\"{xs}\"))\n"
	wantOutput(t, src, "4194304 67, 12345] 4194304\n")
	wantError(t, "let xs = [1234567] * 466033 + [123456]\nlet s = str(xs)\n", "string too long in str()")
}

func TestPrintOfLongListIsCut(t *testing.T) {
	got, err, _ := runProg(t, "print([1234567] * 600000)\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) > 4194304+1 || !strings.HasSuffix(got, ", ...\n") {
		t.Errorf("print shows %d bytes ending %q, want at most 4194304 ending in \", ...\"", len(got), got[len(got)-20:])
	}
}
