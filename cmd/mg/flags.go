package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// errNegative is the error of a limit below 0: 0 means no limit, and a
// negative number is a typo that must not lift the bound silently.
var errNegative = errors.New("a limit is 0 (no limit) or more")

// countFlag is a limit counted in steps or nodes: a whole number, 0 for
// no limit.
type countFlag struct{ p *int64 }

func (c countFlag) Set(s string) error {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	switch {
	case err != nil:
		return errors.New("write a whole number, e.g. 100000")
	case n < 0:
		return errNegative
	}
	*c.p = n
	return nil
}

func (c countFlag) String() string {
	if c.p == nil {
		return "0"
	}
	return strconv.FormatInt(*c.p, 10)
}

// durationFlag is a time limit: a duration with its unit, 0 for none.
type durationFlag struct{ p *time.Duration }

func (d durationFlag) Set(s string) error {
	s = strings.TrimSpace(s)
	v, err := time.ParseDuration(s)
	switch {
	case s == "0":
		v = 0
	case err != nil:
		return errors.New("write a duration with a unit, e.g. 30s or 2m")
	case v < 0:
		return errNegative
	}
	*d.p = v
	return nil
}

func (d durationFlag) String() string {
	if d.p == nil {
		return "0s"
	}
	return d.p.String()
}

// invalidValue matches the flag package's error for a value its Set
// refused.
var invalidValue = regexp.MustCompile(`^invalid value (".*") for flag -([^:]+): (.*)$`)

// flagError rewrites an error of FlagSet.Parse for the person who typed
// args: the flag named as they typed it (--timeout, the form the help
// shows, rather than the flag package's -timeout) and what to write.
func flagError(err error, args []string) string {
	msg := err.Error()
	if m := invalidValue.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("invalid value %s for %s: %s", m[1], typedFlag(m[2], args), m[3])
	}
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		return fmt.Sprintf("unknown flag %s (mg --help lists the flags)", typedFlag(name, args))
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: -"); ok {
		return fmt.Sprintf("%s needs a value", typedFlag(name, args))
	}
	return msg
}

// typedFlag is flag name as args spell it (-name or --name), --name if
// none does.
func typedFlag(name string, args []string) string {
	for _, a := range args {
		if a == "--" {
			break
		}
		flagPart, _, _ := strings.Cut(a, "=")
		if strings.HasPrefix(flagPart, "-") && strings.TrimLeft(flagPart, "-") == name {
			return flagPart
		}
	}
	return "--" + name
}

// parseFlags parses flags wherever they stand among the arguments
// (mg dot FILE --node L as well as mg dot --node L FILE) and returns the
// others, in order. A flag that is wrong is reported on the FlagSet's
// output as one line, without the whole usage text, which would bury it;
// -h prints the FlagSet's usage.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	help, out := fs.Usage, fs.Output()
	fs.Usage = func() {}
	fs.SetOutput(io.Discard)
	defer func() { fs.Usage = help; fs.SetOutput(out) }()
	all := args
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				help()
			} else {
				fmt.Fprintf(out, "%s: %s\n", fs.Name(), flagError(err, all))
			}
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return rest, nil
		}
		rest = append(rest, args[0])
		args = args[1:]
	}
}
