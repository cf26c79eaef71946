package main

import (
	"encoding/base64"
	"errors"
	"fmt"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/mglang/mg/cmd/mg/internal/jupyter"
	"github.com/mglang/mg/stdlib/display"
	"github.com/mglang/mg/stdlib/graphviz"
)

// Batching of output, as ipykernel does: text is sent at most every
// flushInterval, or as soon as outputChunk bytes wait, so that a loop
// printing thousands of lines makes a few hundred messages, not one per
// line, and every line arrives, in order.
const (
	flushInterval = 50 * time.Millisecond
	outputChunk   = 64 * 1024
)

// outputs gathers what a cell writes to stdout and stderr and sends it as
// stream messages on iopub, in the order it was written, with the
// execute request as parent.
type outputs struct {
	mu   sync.Mutex
	req  *jupyter.Request // the running cell's request; nil between cells
	name string           // the stream buf holds text of
	buf  []byte
}

func newOutputs() *outputs { return &outputs{} }

// stream is the writer of one named stream (stdout or stderr).
func (o *outputs) stream(name string) *streamWriter { return &streamWriter{o, name} }

// begin directs output to the cell of request r.
func (o *outputs) begin(r *jupyter.Request) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.req = r
}

// end sends what is left of the cell's output.
func (o *outputs) end() {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.flushLocked(true)
	o.req = nil
}

// write appends text of stream name, sending what another stream had
// waiting first, so that the order of writes is kept.
func (o *outputs) write(name string, p []byte) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if name != o.name {
		o.flushLocked(true)
		o.name = name
	}
	o.buf = append(o.buf, p...)
	if len(o.buf) >= outputChunk {
		o.flushLocked(false)
	}
}

// flush sends the waiting text (called by the timer).
func (o *outputs) flush() {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.flushLocked(false)
}

// flushEvery flushes every interval until stop is closed.
func (o *outputs) flushEvery(interval time.Duration, stop <-chan struct{}) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			o.flush()
		case <-stop:
			return
		}
	}
}

// flushLocked sends the buffer as one stream message. Unless all is set,
// the bytes of a character cut in two by a write wait for the rest, since
// a message's text must be valid UTF-8.
func (o *outputs) flushLocked(all bool) {
	if len(o.buf) == 0 {
		return
	}
	n := len(o.buf)
	if !all {
		n = completeUTF8(o.buf)
	}
	if n == 0 {
		return
	}
	if o.req != nil {
		_ = o.req.Publish("stream", map[string]string{"name": o.name, "text": string(o.buf[:n])})
	}
	o.buf = append(o.buf[:0], o.buf[n:]...)
}

// completeUTF8 is the length of the longest prefix of b that does not end
// inside a character (an incomplete sequence of at most 3 bytes at the end
// waits).
func completeUTF8(b []byte) int {
	for back := 1; back <= 3 && back <= len(b); back++ {
		c := b[len(b)-back]
		if c < 0x80 {
			return len(b)
		}
		if utf8.RuneStart(c) {
			if !utf8.FullRune(b[len(b)-back:]) {
				return len(b) - back
			}
			return len(b)
		}
	}
	return len(b)
}

// display sends obj as display_data, after the text written before it.
func (o *outputs) display(obj display.Object) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.flushLocked(true)
	if o.req == nil {
		return nil
	}
	data, note := mimeBundle(obj)
	if note != "" {
		_ = o.req.Publish("stream", map[string]string{"name": "stderr", "text": note})
	}
	return o.req.Publish("display_data", map[string]any{"data": data, "metadata": map[string]any{}})
}

// streamWriter is one stream of outputs, an io.Writer for programs. It
// is a display.Sink: what a program shows (plot) is sent as a picture.
type streamWriter struct {
	o    *outputs
	name string
}

func (w *streamWriter) Write(p []byte) (int, error) {
	w.o.write(w.name, p)
	return len(p), nil
}

// Display implements display.Sink.
func (w *streamWriter) Display(obj display.Object) error { return w.o.display(obj) }

// mimeBundle is obj in every form it offers, keyed by MIME type. A picture
// that cannot be drawn is left out, and note says why.
func mimeBundle(obj display.Object) (data map[string]any, note string) {
	data = map[string]any{"text/plain": obj.Text()}
	if s, ok := obj.(display.SVGer); ok {
		if svg, err := s.SVG(); err == nil {
			data["image/svg+xml"] = svg
		} else {
			note = noPicture(err)
		}
	}
	if p, ok := obj.(display.PNGer); ok {
		if png, err := p.PNG(); err == nil {
			data["image/png"] = base64.StdEncoding.EncodeToString(png)
		}
	}
	return data, note
}

// noPicture explains why a picture is missing.
func noPicture(err error) string {
	if errors.Is(err, graphviz.ErrNotInstalled) {
		return "no picture: Graphviz's dot program is not installed (Debian/Ubuntu: sudo apt-get install graphviz; macOS: brew install graphviz)\n"
	}
	return fmt.Sprintf("no picture: %v\n", err)
}
