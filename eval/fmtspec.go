package eval

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mglang/mg/autograd"
)

// spec is a parsed format spec of Python's mini-language:
// [[fill]align][sign][z][#][0][width][grouping][.precision][type].
type spec struct {
	fill     rune
	hasFill  bool
	align    byte // 0 when not given
	sign     byte // 0, '+', '-' or ' '
	z        bool // negative zero shown as zero
	alt      bool // '#'
	width    int
	group    byte // 0, ',' or '_'
	prec     int  // -1 when not given
	typ      byte // 0 when not given
	zeroFlag bool // the '0' before the width
}

func parseSpec(s string) (spec, bool) {
	sp := spec{fill: ' ', prec: -1}
	i := 0
	isAlign := func(c byte) bool { return c == '<' || c == '>' || c == '^' || c == '=' }
	if r, w := utf8.DecodeRuneInString(s); w > 0 && w < len(s) && isAlign(s[w]) {
		sp.fill, sp.hasFill, sp.align, i = r, true, s[w], w+1
	} else if len(s) > 0 && isAlign(s[0]) {
		sp.align, i = s[0], 1
	}
	if i < len(s) && (s[i] == '+' || s[i] == '-' || s[i] == ' ') {
		sp.sign, i = s[i], i+1
	}
	if i < len(s) && s[i] == 'z' {
		sp.z, i = true, i+1
	}
	if i < len(s) && s[i] == '#' {
		sp.alt, i = true, i+1
	}
	if i < len(s) && s[i] == '0' {
		sp.zeroFlag, i = true, i+1
	}
	sp.width, i = digits(s, i)
	if i < len(s) && (s[i] == ',' || s[i] == '_') {
		sp.group, i = s[i], i+1
	}
	if i < len(s) && s[i] == '.' {
		j := i + 1
		sp.prec, i = digits(s, j)
		if i == j {
			return sp, false
		}
	}
	if i < len(s) {
		sp.typ, i = s[i], i+1
	}
	if sp.zeroFlag && !sp.hasFill {
		sp.fill = '0'
	}
	return sp, i == len(s)
}

// digits reads a decimal number at i; 0 when there is none.
func digits(s string, i int) (int, int) {
	n := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' && n < 1e8 {
		n = n*10 + int(s[i]-'0')
		i++
	}
	return n, i
}

// Format formats o by a format spec, exactly as Python's format(o, spec)
// does for ints, floats, bools and strings. A Value is formatted only
// with an empty spec: Python's Value has no __format__, and the error says
// to format its data.
func Format(o Object, specText string) (string, error) {
	if specText == "" {
		return StrFits(o, "a format")
	}
	sp, ok := parseSpec(specText)
	kind := o.Type()
	if !ok {
		return "", fmt.Errorf("invalid format spec %q for %s", specText, article(kind))
	}
	if err := CheckLen("string", "format "+strconv.Quote(specText), int64(max(sp.width, sp.prec))); err != nil {
		return "", err // the length rule, before the padding or digits are made
	}
	switch x := o.(type) {
	case String:
		return sp.formatString(string(x))
	case Int:
		return sp.formatInt(int64(x), kind)
	case Bool:
		return sp.formatInt(map[Bool]int64{true: 1}[x], kind)
	case Float:
		return sp.formatFloat(float64(x), kind)
	case *autograd.Value:
		return "", fmt.Errorf("a Value has no format spec: format its data (x.data) with %q", specText)
	}
	return "", fmt.Errorf("cannot format %s with the spec %q", article(kind), specText)
}

func (sp spec) formatString(s string) (string, error) {
	switch {
	case sp.typ != 0 && sp.typ != 's':
		return "", fmt.Errorf("unknown format code '%c' for a string", sp.typ)
	case sp.sign != 0:
		return "", fmt.Errorf("sign not allowed in a string's format spec")
	case sp.alt:
		return "", fmt.Errorf("alternate form (#) not allowed in a string's format spec")
	case sp.align == '=':
		return "", fmt.Errorf("'=' alignment not allowed in a string's format spec")
	case sp.group != 0:
		return "", fmt.Errorf("cannot specify '%c' with 's'", sp.group)
	case sp.z:
		return "", fmt.Errorf("negative zero coercion (z) not allowed in a string's format spec")
	}
	if sp.prec >= 0 && utf8.RuneCountInString(s) > sp.prec {
		s = string([]rune(s)[:sp.prec])
	}
	return sp.pad("", s, '<'), nil
}

func (sp spec) formatInt(n int64, kind string) (string, error) {
	switch sp.typ {
	case 'e', 'E', 'f', 'F', 'g', 'G', '%':
		return sp.formatFloat(float64(n), kind)
	case 0, 'd', 'n', 'b', 'o', 'x', 'X', 'c':
	default:
		return "", fmt.Errorf("unknown format code '%c' for %s", sp.typ, article(kind))
	}
	if sp.prec >= 0 {
		return "", fmt.Errorf("precision not allowed in an integer's format spec")
	}
	if sp.z {
		return "", fmt.Errorf("negative zero coercion (z) not allowed in an integer's format spec")
	}
	if sp.typ == 'c' {
		if sp.sign != 0 || sp.alt || sp.group != 0 {
			return "", fmt.Errorf("sign, # and grouping not allowed with 'c'")
		}
		if n < 0 || n > 0x10ffff {
			return "", fmt.Errorf("%%c arg not in range(0x110000)")
		}
		return sp.pad("", string(rune(n)), '>'), nil
	}
	u := uint64(n)
	neg := n < 0
	if neg {
		u = -u
	}
	base, prefix, every := 10, "", 3
	switch sp.typ {
	case 'b':
		base, prefix, every = 2, "0b", 4
	case 'o':
		base, prefix, every = 8, "0o", 4
	case 'x', 'X':
		base, prefix, every = 16, "0x", 4
	}
	if sp.group == ',' && base != 10 || sp.group != 0 && sp.typ == 'n' {
		return "", fmt.Errorf("cannot specify '%c' with '%c'", sp.group, sp.typ)
	}
	ds := strconv.FormatUint(u, base)
	if sp.typ == 'X' {
		ds, prefix = strings.ToUpper(ds), "0X"
	}
	if !sp.alt {
		prefix = ""
	}
	return sp.number(sp.signOf(neg)+prefix, ds, "", every), nil
}

func (sp spec) signOf(neg bool) string {
	switch {
	case neg:
		return "-"
	case sp.sign == '+':
		return "+"
	case sp.sign == ' ':
		return " "
	}
	return ""
}

func (sp spec) formatFloat(f float64, kind string) (string, error) {
	if sp.typ == 'n' && sp.group != 0 {
		return "", fmt.Errorf("cannot specify '%c' with 'n'", sp.group)
	}
	prec := sp.prec
	var body string
	switch sp.typ {
	case 'f', 'F', '%':
		if prec < 0 {
			prec = 6
		}
		x := f
		if sp.typ == '%' {
			x = f * 100
		}
		body = strconv.FormatFloat(math.Abs(x), 'f', prec, 64)
		if sp.alt && prec == 0 {
			body += "."
		}
	case 'e', 'E':
		if prec < 0 {
			prec = 6
		}
		body = strconv.FormatFloat(math.Abs(f), 'e', prec, 64)
		if sp.alt && prec == 0 {
			body = strings.Replace(body, "e", ".e", 1)
		}
	case 'g', 'G', 'n':
		if prec < 0 {
			prec = 6
		}
		body = general(math.Abs(f), max(prec, 1), sp.alt, false)
	case 0:
		if prec < 0 {
			body = autograd.FormatFloat(math.Abs(f))
			if sp.alt && !strings.Contains(body, ".") {
				m, e, hasE := strings.Cut(body, "e")
				if body = m + "."; hasE {
					body += "e" + e
				}
			}
		} else {
			body = general(math.Abs(f), max(prec, 1), sp.alt, true)
		}
	default:
		return "", fmt.Errorf("unknown format code '%c' for %s", sp.typ, article(kind))
	}
	switch {
	case math.IsInf(f, 0):
		body = "inf"
	case math.IsNaN(f):
		body = "nan"
	}
	if sp.typ == 'E' || sp.typ == 'F' || sp.typ == 'G' {
		body = strings.ToUpper(body)
	}
	if sp.typ == '%' {
		body += "%"
	}
	neg := math.Signbit(f) && !math.IsNaN(f)
	if neg && sp.z && isZeroText(body) {
		neg = false
	}
	// Grouping applies to the digits before the point or exponent; inf
	// and nan have none.
	end := strings.IndexAny(body, ".eE%")
	if end < 0 {
		end = len(body)
	}
	if math.IsInf(f, 0) || math.IsNaN(f) {
		end, sp.group = strings.IndexAny(body, "%"), 0
		if end < 0 {
			end = len(body)
		}
	}
	return sp.number(sp.signOf(neg), body[:end], body[end:], 3), nil
}

// general is Python's 'g' format at precision p: fixed or exponent form by
// the exponent, trailing zeros dropped unless alt. dot0 is the format of
// an empty type with a precision: a ".0" kept on an integral fixed form,
// and the exponent form from an exponent of p-1 on.
func general(f float64, p int, alt, dot0 bool) string {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return "inf"
	}
	e := strconv.FormatFloat(f, 'e', p-1, 64)
	exp, _ := strconv.Atoi(e[strings.IndexByte(e, 'e')+1:])
	// An empty type switches to the exponent form one digit sooner.
	limit := p
	if dot0 {
		limit = p - 1
	}
	var s string
	if -4 <= exp && exp < limit {
		s = strconv.FormatFloat(f, 'f', p-1-exp, 64)
	} else {
		s = e
	}
	if alt {
		if !strings.Contains(s, ".") {
			if i := strings.IndexByte(s, 'e'); i >= 0 {
				s = s[:i] + "." + s[i:]
			} else {
				s += "."
			}
		}
		return s
	}
	mant, ex, _ := strings.Cut(s, "e")
	if strings.Contains(mant, ".") {
		mant = strings.TrimRight(strings.TrimRight(mant, "0"), ".")
	}
	if ex != "" {
		return mant + "e" + ex
	}
	if dot0 && !strings.Contains(mant, ".") {
		mant += ".0"
	}
	return mant
}

func isZeroText(s string) bool {
	return strings.Trim(s, "0.eE+-%") == "" && strings.ContainsRune(s, '0')
}

// number lays out sign and prefix, digits (grouped every n when asked)
// and the rest, padded to the width; zero padding with '=' goes between
// the sign and the digits and is grouped as they are.
func (sp spec) number(lead, ds, rest string, every int) string {
	if sp.align == 0 && sp.zeroFlag {
		sp.align = '='
	}
	if sp.align == '=' && sp.fill == '0' && sp.group != 0 {
		need := sp.width - utf8.RuneCountInString(lead+rest)
		for len(group(ds, sp.group, every)) < need {
			ds = "0" + ds
		}
		return lead + group(ds, sp.group, every) + rest
	}
	if sp.group != 0 {
		ds = group(ds, sp.group, every)
	}
	if sp.align == '=' {
		n := sp.width - utf8.RuneCountInString(lead+ds+rest)
		return lead + strings.Repeat(string(sp.fill), max(n, 0)) + ds + rest
	}
	return sp.pad("", lead+ds+rest, '>')
}

// group puts sep between groups of n digits from the right.
func group(ds string, sep byte, n int) string {
	if len(ds) <= n {
		return ds
	}
	var b strings.Builder
	first := len(ds) % n
	if first == 0 {
		first = n
	}
	b.WriteString(ds[:first])
	for i := first; i < len(ds); i += n {
		b.WriteByte(sep)
		b.WriteString(ds[i : i+n])
	}
	return b.String()
}

// pad aligns s in the width, by def when no alignment is given.
func (sp spec) pad(lead, s string, def byte) string {
	s = lead + s
	n := sp.width - utf8.RuneCountInString(s)
	if n <= 0 {
		return s
	}
	fill := string(sp.fill)
	align := sp.align
	if align == 0 {
		align = def
	}
	switch align {
	case '<':
		return s + strings.Repeat(fill, n)
	case '^':
		return strings.Repeat(fill, n/2) + s + strings.Repeat(fill, n-n/2)
	}
	return strings.Repeat(fill, n) + s
}
