// Command mg runs mg programs: a REPL on a terminal, statements piped on
// standard input, or scripts (mg run FILE.mg).
package main

import (
	"os"
	"runtime/debug"
)

func main() {
	if os.Getenv("GOGC") == "" {
		// A graph is mostly live until its step ends: collecting half as
		// often cuts the collector's share of a training step (measured on
		// w2/w3) for a modest rise in peak memory. GOGC still overrides it.
		debug.SetGCPercent(200)
	}
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
