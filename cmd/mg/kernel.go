package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"github.com/mglang/mg/cmd/mg/internal/jupyter"
)

const kernelUsage = `usage:
  mg kernel [flags of run] CONNECTION_FILE   serve Jupyter (Jupyter starts this itself)
  mg kernel install [--user | --prefix DIR] [flags of run]
                                             write the kernelspec, so that Jupyter offers mg
  mg kernel uninstall [--user | --prefix DIR]
                                             remove it
`

// kernelCommand runs `mg kernel ...`.
func kernelCommand(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "install":
			return kernelInstall(args[1:], stdout, stderr)
		case "uninstall":
			return kernelUninstall(args[1:], stdout, stderr)
		case "-h", "-help", "--help", "help":
			fmt.Fprint(stdout, kernelUsage)
			return exitOK
		}
	}
	fs := newFlags("kernel", stderr)
	fs.Usage = func() { fmt.Fprint(stderr, kernelUsage) }
	var lim limits
	lim.register(fs)
	files, err := parseFlags(fs, args)
	if err != nil {
		return exitUsage
	}
	if err := lim.check(); err != nil {
		fmt.Fprintf(stderr, "mg kernel: %v\n", err)
		return exitUsage
	}
	if len(files) != 1 {
		fmt.Fprintf(stderr, "mg kernel: expected the connection file Jupyter gives, got %d arguments\n\n%s", len(files), kernelUsage)
		return exitUsage
	}
	ci, err := jupyter.ReadConnectionFile(files[0])
	if err != nil {
		fmt.Fprintf(stderr, "mg kernel: %v\n", err)
		return exitUsage
	}
	return serveKernel(ci, lim, stderr)
}

// serveKernel runs a kernel on the sockets ci names until it is shut down.
func serveKernel(ci jupyter.ConnectionInfo, lim limits, stderr io.Writer) int {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	srv, err := jupyter.NewServer(ctx, ci, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "mg kernel: %v\n", err)
		return exitRuntime
	}
	defer srv.Close()
	k := newKernel(lim)
	defer k.close()
	// Jupyter interrupts a kernel with SIGINT unless told to send an
	// interrupt_request; both cancel the running cell.
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt)
	defer signal.Stop(sig)
	go func() {
		for {
			select {
			case <-sig:
				k.interrupt()
			case <-ctx.Done():
				return
			}
		}
	}()
	srv.Serve(ctx, k)
	return exitOK
}

// kernel is mg behind the Jupyter protocol: one session, whose names last
// from cell to cell, with its output sent as stream messages.
type kernel struct {
	sess   *session
	out    *outputs
	lim    limits
	count  int // execution_count: cells run with store_history
	silent int // cells run without, for their names

	stop chan struct{}
}

// newKernel makes a kernel whose programs write to its outputs.
func newKernel(lim limits) *kernel {
	out := newOutputs()
	k := &kernel{out: out, lim: lim, stop: make(chan struct{})}
	s := newSession(bufio.NewWriterSize(out.stream("stdout"), outputChunk), out.stream("stderr"), "<kernel>")
	// Programs write straight to the outputs, which batch their text and
	// are a display.Sink, so that plot shows a picture.
	s.progOut = out.stream("stdout")
	s.reset()
	k.sess = s
	k.applyLimits()
	go out.flushEvery(flushInterval, k.stop)
	return k
}

// applyLimits gives the session the limits of the command line; runCell
// times the whole cell itself.
func (k *kernel) applyLimits() {
	lim := k.lim
	lim.timeout = 0
	k.sess.setLimits(lim, true) // --files was checked by kernelCommand
	k.sess.cellTimeout = k.lim.timeout
}

// close stops the flushing of outputs.
func (k *kernel) close() { close(k.stop) }

// interrupt cancels the running cell, if any. The cancellation is
// repeated every 10 ms until the cell ends, since each statement of the
// cell starts with a cleared cancel flag.
func (k *kernel) interrupt() {
	go func() {
		for gen := k.sess.interrupt(0); gen != 0; gen = k.sess.interrupt(gen) {
			time.Sleep(10 * time.Millisecond)
		}
	}()
}

// Handle answers one request (jupyter.Handler). The control channel is
// served while a cell runs, so there only what touches no session state
// is answered: kernel_info, interrupt and shutdown.
func (k *kernel) Handle(r *jupyter.Request) bool {
	if r.Channel == "control" {
		switch r.Type() {
		case "kernel_info_request", "interrupt_request", "shutdown_request":
		default:
			return false
		}
	}
	switch r.Type() {
	case "kernel_info_request":
		r.Reply("kernel_info_reply", kernelInfo())
	case "execute_request":
		k.execute(r)
	case "complete_request":
		k.complete(r)
	case "inspect_request":
		k.inspect(r)
	case "is_complete_request":
		k.isComplete(r)
	case "interrupt_request":
		k.interrupt()
		r.Reply("interrupt_reply", map[string]string{"status": "ok"})
	case "shutdown_request":
		var c struct {
			Restart bool `json:"restart"`
		}
		_ = r.Decode(&c)
		k.interrupt()
		r.Reply("shutdown_reply", map[string]any{"status": "ok", "restart": c.Restart})
		return true
	case "comm_info_request":
		r.Reply("comm_info_reply", map[string]any{"status": "ok", "comms": map[string]any{}})
	case "history_request":
		r.Reply("history_reply", map[string]any{"status": "ok", "history": []any{}})
	}
	return false
}

// kernelInfo is the content of kernel_info_reply.
func kernelInfo() map[string]any {
	return map[string]any{
		"status":                 "ok",
		"protocol_version":       jupyter.ProtocolVersion,
		"implementation":         "mg",
		"implementation_version": version,
		"language_info": map[string]any{
			"name":           "mg",
			"version":        version,
			"mimetype":       "text/x-mg",
			"file_extension": ".mg",
			// mg's comments, strings, numbers and most keywords are
			// Python's, so Python's highlighting reads well.
			"pygments_lexer":  "python",
			"codemirror_mode": "python",
		},
		"banner":     fmt.Sprintf("mg %s: micrograd as a language. :help for help.", version),
		"help_links": []any{},
	}
}
