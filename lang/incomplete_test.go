package lang

import (
	"strings"
	"testing"
)

// A block is read to its closing brace even when a line of it is wrong,
// so that it can be dropped whole.
func TestWholeReadsABlockWithAnErrorToItsEnd(t *testing.T) {
	tests := []struct {
		src   string
		whole bool
	}{
		{"fn step(x) {\n", false},
		{"fn step(x) {\n  retrun x\n", false},
		{"fn step(x) {\n  retrun x\n  cnt = cnt + 100\n", false},
		{"fn step(x) {\n  retrun x\n  cnt = cnt + 100\n}\n", true},
		{"let xs = [1,\n", false},
		{"let xs = [1,\n2]\n", true},
		{"1 +\n", false},
		{"1 +\n  2\n", true},
		{"let c = [1,\n2 +* 3]\n", true},
		{"}\n", true},            // a stray closer: reported at once
		{"print(\"{\")\n", true}, // a brace in a string
		{"print(1) # {\n", true}, // a brace in a comment
		{"f(]\n", true},          // a ( alone ends at the error
		{"oops oops\n", true},    // an error before the end
		{"if x {\n  y z\n} else {\n", false},
	}
	for _, tt := range tests {
		if got := Whole(tt.src); got != tt.whole {
			t.Errorf("Whole(%q) = %v, want %v", tt.src, got, tt.whole)
		}
	}
}

func TestWholeIsTrueForInputNestedTooDeeply(t *testing.T) {
	src := ""
	for i := 0; i < MaxNesting+10; i++ {
		src += "("
	}
	if !Whole(src + "\n") {
		t.Errorf("Whole of %d open brackets is false: the nesting error would never be reported", MaxNesting+10)
	}
}

func TestElseMayFollowAnIfWithoutElse(t *testing.T) {
	tests := []struct {
		src  string
		want bool
	}{
		{"if a {\n  print(1)\n}\n", true},
		{"if a { b } else if c { d }\n", true},
		{"if a { b } else { d }\n", false},
		{"if a { b } else if c { d } else { e }\n", false},
		{"let a = 1; if a { b }\n", true},
		{"fn f() {\n  if a { b }\n}\n", false},
		{"while a { b }\n", false},
		{"print(1)\n", false},
		{"if a { b }; print(1)\n", false},
		{"if a { retrun x }\n", true},            // broken if: its else goes with it
		{"fn step(x) {\n  retrun x\n}\n", false}, // broken, but no if at top
		{"let s = \"}\"\n", false},
	}
	for _, tt := range tests {
		if got := ElseMayFollow(tt.src); got != tt.want {
			t.Errorf("ElseMayFollow(%q) = %v, want %v", tt.src, got, tt.want)
		}
	}
}

func TestStartsWithElse(t *testing.T) {
	for line, want := range map[string]bool{
		"else {\n": true, "  else if x {\n": true, "else{": true, "else": true,
		"elsewhere = 1\n": false, "x = else\n": false, "# else\n": false, "\n": false,
	} {
		if got := StartsWithElse(line); got != want {
			t.Errorf("StartsWithElse(%q) = %v, want %v", line, got, want)
		}
	}
}

func TestBlank(t *testing.T) {
	for line, want := range map[string]bool{
		"\n": true, "   \t\n": true, "# note\n": true, "  # note\n": true, "": true,
		"x\n": false, "  else\n": false,
	} {
		if got := Blank(line); got != want {
			t.Errorf("Blank(%q) = %v, want %v", line, got, want)
		}
	}
}

// Brackets, fed line by line, agrees with Whole's count of the whole text.
func TestBracketsLineByLineAgreeWithWhole(t *testing.T) {
	srcs := []string{
		"fn step(x) {\n  retrun x\n  cnt = cnt + 100\n}\n",
		"let xs = [1,\n2, (3,\n4)]\n",
		"print(\"{\")\nf(]\n)\n",
		"if x {\n  y z\n} else {\n  # }\n  s = \"}\"\n}\n",
		"{\n(\n]\n)\n}\n",
		"fn f() {\n  print(\"ab\n  g(1)\n}\n",
	}
	for _, src := range srcs {
		var b Brackets
		text := ""
		for _, line := range strings.SplitAfter(src, "\n") {
			if line == "" {
				continue
			}
			b.Add(line)
			text += line
			if got, want := b.Open(), braceOpen(text) && !cutByString(text); got != want {
				t.Errorf("after %q: Brackets.Open() = %v, the whole text's count says %v", text, got, want)
			}
		}
	}
	var deep Brackets
	deep.Add(strings.Repeat("(", MaxNesting+1) + "\n")
	if deep.Open() {
		t.Errorf("Open() is true past MaxNesting: the nesting error would never be reported")
	}
}

// A string cannot span lines: a line that leaves one open ends the
// statement, whatever brackets are open, so that its error is reported at
// once and the lines after it run, rather than every later line joining a
// statement that can never be whole.
func TestUnterminatedStringEndsTheStatementAtItsLine(t *testing.T) {
	tests := []struct {
		src   string
		whole bool
	}{
		{"print(\"abc\n", true},
		{"print('abc\n", true},
		{"print(\"abc\nprint(1)\n", true},
		{"fn f() {\n  print(\"ab\n", true},
		{"let xs = [1,\n\"two\n", true},
		{"print(\"a\\\n", true},     // a backslash before the newline
		{"print(\"abc\",\n", false}, // closed: the ( is still open
		{"print(\"abc", false},      // at the very end more input could close it
	}
	for _, tt := range tests {
		if got := Whole(tt.src); got != tt.whole {
			t.Errorf("Whole(%q) = %v, want %v", tt.src, got, tt.whole)
		}
		var b Brackets
		for _, line := range strings.SplitAfter(tt.src, "\n") {
			b.Add(line)
		}
		if more := b.Open() || Incomplete(tt.src); more == tt.whole && strings.HasSuffix(tt.src, "\n") {
			t.Errorf("Brackets of %q: Open() || Incomplete = %v, want %v", tt.src, more, !tt.whole)
		}
	}
}

// A ( or [ left open by a line with a syntax error ends the statement at
// the error: only a brace, a block that must not run from its middle, is
// read to its end.
func TestOpenParenWithAnErrorEndsAtTheError(t *testing.T) {
	tests := []struct {
		src   string
		whole bool
	}{
		{"let xs = [1, 2\n", false},             // more lines may close it
		{"let xs = [1, 2\nprint(2)\n", true},    // print is an error: the [ cannot be closed now
		{"f(1,\n  2 +* 3,\n", true},             // the error is before the end
		{"fn f() {\n  g(1,\n  h x\n", false},    // inside a block: read to its }
		{"fn f() {\n  g(1,\n  h x\n}\n", false}, // the ( is still open inside the block
	}
	for _, tt := range tests {
		if got := Whole(tt.src); got != tt.whole {
			t.Errorf("Whole(%q) = %v, want %v", tt.src, got, tt.whole)
		}
	}
}
