package lang

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParse checks that any input gives a File or an *Error at a real
// position, worded for a person, never a panic; that Incomplete agrees
// with the error; and that the hand-written lexer matches the rules.
func FuzzParse(f *testing.F) {
	for _, tt := range parseTests {
		f.Add(tt.src)
	}
	for _, tt := range errorTests {
		f.Add(tt.src)
	}
	for _, s := range lexSamples {
		f.Add(s)
	}
	more, _ := filepath.Glob("testdata/*.mg")
	for _, path := range append(conformance("*.mg"), more...) {
		if src, err := os.ReadFile(path); err == nil {
			f.Add(string(src))
		}
	}
	f.Fuzz(func(t *testing.T, src string) {
		file, err := Parse("f.mg", src)
		if err != nil {
			e, ok := err.(*Error)
			if !ok {
				t.Fatalf("error %T %v, want *Error", err, err)
			}
			if e.Pos.Line < 1 || e.Pos.Col < 1 || e.Pos.File != "f.mg" {
				t.Fatalf("error at %v: %s", e.Pos, e.Msg)
			}
			if e.Pos.Line > strings.Count(src, "\n")+1 {
				t.Fatalf("error at %v, past the last line: %s", e.Pos, e.Msg)
			}
			if e.Msg == "" || e.Msg == "syntax error" {
				t.Fatalf("unworded error at %v: %q", e.Pos, e.Msg)
			}
			checkWording(t, src, e.Msg)
			if Incomplete(src) != errors.Is(err, ErrIncomplete) {
				t.Fatalf("Incomplete disagrees with %v", err)
			}
		} else {
			if file == nil {
				t.Fatal("no file and no error")
			}
			_ = Dump(file)
			if Incomplete(src) {
				t.Fatal("Incomplete true for input that parses")
			}
		}
		if d := sameTokens(src); d != "" {
			t.Fatalf("lexers differ: %s", d)
		}
		if x, err := ParseExpr("f.mg", src); err == nil {
			_ = Dump(x)
		} else if e, ok := err.(*Error); !ok || e.Pos.Line < 1 || e.Pos.Col < 1 {
			t.Fatalf("ParseExpr error %#v", err)
		}
	})
}
