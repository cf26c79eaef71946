package lang

import "fmt"

// Pos is a source position: file name, 1-based line, and 1-based column
// counted in characters (runes), so that a caret lines up under it.
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats p as FILE:LINE:COL.
func (p Pos) String() string { return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col) }

// IsValid reports whether p names a line.
func (p Pos) IsValid() bool { return p.Line > 0 }
