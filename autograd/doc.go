// Package autograd is mg's scalar reverse-mode automatic differentiation
// engine: micrograd's Value graph, without any of the language.
//
// It owns the graph node (Value) and its op codes, the Arena that hands out
// nodes in chunks, the constructors for every op with their numeric errors,
// the topological sort, Backward and its traced form that writes each
// chain-rule step (BackwardTrace), Forward, finite-difference checking
// (NumGrad, GradCheck), the DOT drawing of a graph, Python's repr of a float
// (FormatFloat) and correctly rounded exp, log, pow, sin and cos, so that
// results match CPython's digit for digit.
//
// Nothing here recurses: graphs of tens of millions of nodes, including
// chains that deep, are sorted, differentiated and drawn with explicit
// stacks. A graph is used by one goroutine at a time.
//
// The package imports only the standard library.
package autograd
