// Package autograd is mg's scalar reverse-mode automatic differentiation
// engine: micrograd's Value graph, without any of the language.
//
// It owns the graph node (Value) and its op codes, the Arena that hands out
// nodes in chunks, the constructors for every op with their numeric errors,
// the order of a sweep (the reverse of the order of creation, found by
// walking the Arena's chunks: walk.go, blocks.go; micrograd's depth-first
// order for drawing: topo.go), Backward and its traced form that writes each
// chain-rule step (BackwardTrace), Forward, finite-difference checking
// (NumGrad, GradCheck), the DOT drawing of a graph, Python's repr of a float
// (FormatFloat) and correctly rounded exp, log, pow, sin and cos, so that
// results match CPython's digit for digit.
//
// Nothing here recurses: graphs of tens of millions of nodes, including
// chains that deep, are ordered, differentiated and drawn with loops and
// explicit stacks. A graph is used by one goroutine at a time.
//
// The package imports only the standard library.
package autograd
