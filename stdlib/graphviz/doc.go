// Package graphviz writes the DOT text of mg's dot builtin to a file,
// rendering it to an image with Graphviz's dot program when the file name
// asks for one.
//
// A ".dot" or ".gv" file gets the DOT text as is. A ".svg", ".png" or ".pdf"
// file is drawn by running dot, found on PATH, with a time limit. When dot
// is not installed, Render does not fail silently: it writes the DOT text
// next to the requested file, with the extension ".dot", and returns an
// error (matching ErrNotInstalled) that says how to install Graphviz and
// the command that draws that file by hand.
package graphviz
