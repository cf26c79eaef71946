// Package jupyter speaks the Jupyter messaging protocol (version 5.3) for
// a kernel: the wire format of a message (identities, the "<IDS|MSG>"
// delimiter, an HMAC-SHA256 signature and four JSON parts), the
// connection file Jupyter writes, and the five ZeroMQ sockets (shell,
// control, stdin, iopub and heartbeat) served with the pure-Go
// github.com/go-zeromq/zmq4, so that the kernel builds without cgo.
//
// The package knows nothing of the language: a Handler answers requests,
// and the Server does the transport, signing and the busy/idle status
// around each request.
package jupyter
