// Package lang owns mg's syntax: the tokens, the participle grammar, the
// syntax tree with positions, and syntax errors worded for a person. It
// knows nothing of evaluation.
//
// The pipeline: a hand-written lexer, equivalent to the participle lexer
// rules in lexer.go, feeds a filter (filter.go) that turns newlines into
// statement separators, classifies tokens and bounds nesting; participle
// parses statements (grammar.go, with the grammar in EBNF), a precedence
// climber parses expressions (climb.go, climb_seq.go; f-strings in
// fstring.go), and lowering (lower.go) builds the tree of ast.go. A syntax
// error on a line that looks like Python gets a hint of what mg writes
// instead (hint.go). Parse, ParseFrom, ParseExpr and Incomplete are the entry
// points; every error is an *Error.
//
// Choices a user notices, where the language contract is silent:
//
//   - A newline ends a statement unless it is inside ( ) or [ ], or follows
//     a token after which a statement cannot end (a binary operator, a
//     comma, `=` and `+=` and the like, `.`, `not`, `else`...). Inside { }
//     newlines count again, even in a function literal passed as an
//     argument. `;` also ends a statement; empty statements are ignored.
//   - `}` and `else` may be on different lines: a newline before `else` is
//     dropped, even across blank lines and comments.
//   - Comparisons do not chain: `a < b < c` is an error that says to write
//     `a < b and b < c` (Python chains them; reading it as (a < b) < c
//     would silently differ).
//   - `not` binds looser than comparisons (`not a == b` is not (a == b)) and
//     cannot follow a comparison or arithmetic operator without parentheses.
//   - `**` is right-associative and its right side is a unary expression:
//     `-x**2` is -(x**2), `2**-1` works.
//   - Keyword arguments follow positional ones and are not repeated;
//     parameters with a default come after those without.
//   - Integer literals are int64 (larger is an error); float literals are
//     correctly rounded; `5.` and `.5` are floats; `1e999` is an error.
//     Strings are quoted with " or ', take the escapes \" \' \\ \n \t
//     only and do not span lines; f"..." and f'...' are f-strings.
//   - The conditional `x if c else y` has the lowest precedence, as in
//     Python; a comprehension's iterable and conditions take none at their
//     top, so `[x for x in xs if c]` is not read as a conditional.
//   - Brackets, runs of prefix operators, `**` chains and `else if` chains
//     nest at most MaxNesting deep together; flat chains (`1+1+...`) have no
//     limit.
package lang
