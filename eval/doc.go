// Package eval runs mg programs: it owns the objects of the language, the
// resolution of names to slots, the compilation of the syntax tree into Go
// closures, Python's numeric rules, the binding rule that turns named floats
// into graph leaves, runtime errors with positions, and the Thread that
// carries the output, the step budget and cancellation.
package eval
