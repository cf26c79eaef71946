// Package plot draws line charts of lists of numbers for mg's plot builtin.
//
// Terminal draws a chart as text (box-drawing characters, no colour escapes)
// for printing in a terminal; WriteFile writes a PNG, SVG or PDF image.
// Both take one or more series, each a list of numbers indexed by step: the
// x axis is the index in the list (0, 1, 2, ...) and the y axis its value.
//
// Neither function fails on NaN or infinite values: such points are left out
// of the chart (drawn as a gap in the line) and reported in the returned
// warnings, for example
//
//	plot: left out 3 points that are not finite (series 1, first at index 17)
//
// A series with no finite point, an empty series list and a number of labels
// that does not match the number of series are errors. Error and warning
// texts are lowercase, say what to do, and leave it to the caller to say
// where they come from (the builtin adds "plot(): ").
package plot
