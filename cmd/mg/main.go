// Command mg runs mg programs: a REPL on a terminal, statements piped on
// standard input, or scripts (mg run FILE.mg).
package main

import "os"

func main() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }
