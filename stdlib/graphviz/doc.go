// Package graphviz writes the DOT text of mg's dot builtin to a file, or
// draws it to an image, with Graphviz.
//
// A ".dot" or ".gv" file gets the DOT text as is. A ".svg", ".png" or ".pdf"
// file is drawn by running Graphviz's dot program, found on PATH, with a
// time limit. When dot is not installed, SVG and PNG are still drawn, by a
// built-in renderer: Graphviz compiled to WebAssembly and run in-process by
// wazero (github.com/goccy/go-graphviz), which is loaded the first time a
// drawing needs it, so that programs that draw nothing start as fast as
// without it. A PDF needs the program: Render then writes the DOT text next
// to the requested file, with the extension ".dot", and returns an error
// (matching ErrNotInstalled) that says how to install Graphviz and the
// command that draws that file by hand.
//
// Draw and SVG return the drawing instead of writing it, for displays such
// as a notebook's. docs/rendering.md has the measured cost of the built-in
// renderer.
package graphviz
