package main

import (
	"os"
	"testing"
)

// asMG is the environment variable that makes the test binary run as mg
// itself, with the arguments after its name: tests that must run mg in a
// process of its own (a memory limit is the whole process's; a working
// directory too) start it that way, without building the binary.
const asMG = "MG_TEST_RUN_AS_MG"

func TestMain(m *testing.M) {
	if os.Getenv(asMG) == "1" {
		os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}
