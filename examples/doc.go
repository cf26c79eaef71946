// Package examples holds mg's example programs: the micrograd lecture as
// scripts, each with the output it must print (NAME.out beside NAME.mg).
// The test in this package builds mg and runs every one of them; run
// `go test ./examples -update` to rewrite the .out files, then read the diff.
package examples
