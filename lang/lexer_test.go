package lang

import (
	"fmt"
	"strings"
	"testing"

	"github.com/alecthomas/participle/v2/lexer"
)

// lexSamples are inputs for the lexer tests, beside the parse tables.
var lexSamples = []string{
	"", "x", "  x  ", "\t#c\n#d", "a.b", ".5 5. 5.5 1e3 1E-3 1.e5 .5e+2", "1e 1e+ 2x 0x10 1_000 7.relu",
	"** // == != <= >= += -= *= /= - + * / % < > = ( ) { } [ ] , . ;",
	"**= //= !== ! : @ $ ? ^ & | ~ ` '", `"" "a" "a\"b" "\\" "\q" "é"`, "\"abc", "\"abc\\", "\"abc\\\n\"", "\"a\nb\"",
	`'a' 'a\'b' 'say "hi"' f"x{1}" f'y' F"z" fx f 'f' f"`, "'abc", "f'abc\n", `f"{a['k']:>5}"`, "xs[1:2] a if b else c",
	"é x ü", "\xff\xfe x", "a\r\nb", "\x00", "#é\nx", "x#y\n#\n", "let fn return if else for in while break continue and or not true false none",
}

// rulesLex lexes src with the participle rules, which rawLexer must match.
func rulesLex(src string) []lexer.Token {
	lx, _ := rawRules.LexString("t.mg", src)
	var out []lexer.Token
	for {
		t, err := lx.Next()
		if err != nil {
			panic(err)
		}
		out = append(out, t)
		if t.EOF() {
			return out
		}
	}
}

func handLex(src string) []lexer.Token {
	var l rawLexer
	l.init("t.mg", src, 1)
	var out []lexer.Token
	for {
		t := l.next()
		out = append(out, t)
		if t.EOF() {
			return out
		}
	}
}

// sameTokens reports how the two lexers differ on src, or "".
func sameTokens(src string) string {
	a, b := rulesLex(src), handLex(src)
	for i := 0; i < len(a) || i < len(b); i++ {
		if i >= len(a) || i >= len(b) {
			return fmt.Sprintf("token counts %d (rules) and %d (hand)", len(a), len(b))
		}
		if a[i].EOF() && b[i].EOF() {
			return "" // positions of EOF after a comment may differ; filter sets them
		}
		if a[i].Type != b[i].Type || a[i].Value != b[i].Value || a[i].Pos != b[i].Pos {
			return fmt.Sprintf("token %d: rules %#v, hand %#v", i, a[i], b[i])
		}
	}
	return ""
}

func TestRawLexerMatchesRules(t *testing.T) {
	var srcs []string
	srcs = append(srcs, lexSamples...)
	for _, tt := range parseTests {
		srcs = append(srcs, tt.src)
	}
	for _, tt := range errorTests {
		srcs = append(srcs, tt.src)
	}
	srcs = append(srcs, genScript(200))
	for _, src := range srcs {
		if d := sameTokens(src); d != "" {
			t.Errorf("%q: %s", src, d)
		}
	}
}

func TestFilter(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		{"a\nb", "a ; b ;"},
		{"a\n\n\nb\n", "a ; b ;"},
		{"a\n", "a ;"},
		{"a", "a ;"},
		{"a +\nb", "a + b ;"},
		{"f(a,\nb)", "f ( a , b ) ;"},
		{"[a\n]", "[ a ] ;"},
		{"{\na\n}", "{ a ; } ;"},
		{"if x {\n}\nelse {\n}", "if x { } else { } ;"},
		{"if x {\n}\n# c\n\nelse {}", "if x { } else { } ;"},
		{"f(fn () {\na\nb\n})", "f ( fn ( ) { a ; b ; } ) ;"},
		{"a;;b", "a ; b ;"},
		{";a", "a ;"},
		{"{;a}", "{ a } ;"},
		{"return\nx", "return ; x ;"},
		{"x = not\ny", "x = not y ;"},
		{"x.\ny", "x . y ;"},
		{"(\n", "("},
	} {
		f := newFilter("t.mg", tt.src, 1)
		var got []string
		for t, _ := f.Next(); !t.EOF(); t, _ = f.Next() {
			if t.Type == tSep {
				got = append(got, ";")
			} else {
				got = append(got, t.Value)
			}
		}
		if s := strings.Join(got, " "); s != tt.want {
			t.Errorf("filter(%q) = %q, want %q", tt.src, s, tt.want)
		}
	}
}

func TestNumbers(t *testing.T) {
	for _, tt := range []struct {
		src string
		v   float64
	}{
		{"0.1", 0.1}, {"6.8813735870195432", 6.8813735870195432}, {"1e-5", 1e-5},
		{"1e16", 1e16}, {"2.2250738585072014e-308", 2.2250738585072014e-308},
		{"1e-400", 0}, {"0.30000000000000004", 0.30000000000000004},
		{"123456789012345678901234567890.0", 123456789012345678901234567890.0},
	} {
		x, err := ParseExpr("n", tt.src)
		if err != nil {
			t.Errorf("%s: %v", tt.src, err)
			continue
		}
		if f, ok := x.(*FloatLit); !ok || f.Value != tt.v {
			t.Errorf("%s = %#v, want %v", tt.src, x, tt.v)
		}
	}
	x, err := ParseExpr("n", "007")
	if i, ok := x.(*IntLit); err != nil || !ok || i.Value != 7 {
		t.Errorf("007 = %#v, %v", x, err)
	}
}
