package jupyter

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/go-zeromq/zmq4"
)

// Handler answers the requests a Server receives. Shell requests are
// handled one at a time, in order; control requests (interrupt,
// shutdown) on another goroutine, at once, even while a shell request
// runs. Handle returns true when the kernel is to stop (after a
// shutdown_request).
type Handler interface {
	Handle(r *Request) (stop bool)
}

// Server owns the kernel's sockets.
type Server struct {
	ci      ConnectionInfo
	signer  Signer
	session string
	log     io.Writer

	shell, control, stdin, iopub, hb zmq4.Socket
	// sendMu keeps the frames of concurrent sends from interleaving.
	sendMu sync.Mutex
}

// NewServer listens on the sockets ci names. Problems with messages (bad
// signatures, malformed frames) are written to log and otherwise ignored.
func NewServer(ctx context.Context, ci ConnectionInfo, log io.Writer) (*Server, error) {
	s := &Server{ci: ci, signer: NewSigner(ci.Key), session: newID(), log: log}
	s.shell = zmq4.NewRouter(ctx)
	s.control = zmq4.NewRouter(ctx)
	s.stdin = zmq4.NewRouter(ctx)
	s.iopub = zmq4.NewPub(ctx)
	s.hb = zmq4.NewRep(ctx)
	for _, l := range []struct {
		sock zmq4.Socket
		port int
		name string
	}{{s.shell, ci.ShellPort, "shell"}, {s.control, ci.ControlPort, "control"}, {s.stdin, ci.StdinPort, "stdin"},
		{s.iopub, ci.IOPubPort, "iopub"}, {s.hb, ci.HBPort, "heartbeat"}} {
		if err := l.sock.Listen(ci.endpoint(l.port)); err != nil {
			s.Close()
			return nil, fmt.Errorf("cannot listen for the %s channel: %v", l.name, err)
		}
	}
	return s, nil
}

// Close closes every socket.
func (s *Server) Close() {
	for _, sock := range []zmq4.Socket{s.shell, s.control, s.stdin, s.iopub, s.hb} {
		if sock != nil {
			sock.Close()
		}
	}
}

// Serve handles requests until a handler asks to stop or ctx ends.
func (s *Server) Serve(ctx context.Context, h Handler) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go s.heartbeat(ctx)
	shellQ := make(chan *Message, 64)
	go s.receive(ctx, s.shell, shellQ)
	controlQ := make(chan *Message, 16)
	go s.receive(ctx, s.control, controlQ)
	go func() {
		for {
			select {
			case m := <-controlQ:
				if s.handle(h, s.control, m) {
					cancel()
				}
			case <-ctx.Done():
				return
			}
		}
	}()
	for {
		select {
		case m := <-shellQ:
			if s.handle(h, s.shell, m) {
				return
			}
		case <-ctx.Done():
			return
		}
	}
}

// receive reads messages from sock, checks them and queues the good ones.
func (s *Server) receive(ctx context.Context, sock zmq4.Socket, q chan<- *Message) {
	for {
		raw, err := sock.Recv()
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			time.Sleep(10 * time.Millisecond) // not a busy loop if the socket breaks
			continue
		}
		m, err := s.signer.Decode(raw.Frames)
		if err != nil {
			fmt.Fprintf(s.log, "mg kernel: ignored a message: %v\n", err)
			continue
		}
		select {
		case q <- m:
		case <-ctx.Done():
			return
		}
	}
}

// heartbeat echoes every ping, so that the client knows the kernel lives.
func (s *Server) heartbeat(ctx context.Context) {
	for ctx.Err() == nil {
		msg, err := s.hb.Recv()
		if err != nil {
			time.Sleep(10 * time.Millisecond)
			continue
		}
		_ = s.hb.Send(msg)
	}
}

// handle runs one request between a busy and an idle status.
func (s *Server) handle(h Handler, sock zmq4.Socket, m *Message) bool {
	channel := "shell"
	if sock == s.control {
		channel = "control"
	}
	r := NewRequest(m, s.session, channel,
		func(reply *Message) error { return s.send(sock, reply) },
		func(pub *Message) error { return s.send(s.iopub, pub) })
	_ = r.Publish("status", map[string]string{"execution_state": "busy"})
	defer r.Publish("status", map[string]string{"execution_state": "idle"})
	return s.safely(h, r)
}

// safely runs the handler, turning a panic into a line on the log: a
// kernel that a request could crash would lose the user's session.
func (s *Server) safely(h Handler, r *Request) (stop bool) {
	defer func() {
		if p := recover(); p != nil {
			fmt.Fprintf(s.log, "mg kernel: internal error answering %s: %v\n", r.Type(), p)
			stop = false
		}
	}()
	return h.Handle(r)
}

// send signs and sends m on sock.
func (s *Server) send(sock zmq4.Socket, m *Message) error {
	frames, err := s.signer.Encode(m)
	if err != nil {
		return err
	}
	s.sendMu.Lock()
	defer s.sendMu.Unlock()
	return sock.Send(zmq4.NewMsgFrom(frames...))
}

// Request is one received request, with the means to answer it.
type Request struct {
	Msg *Message
	// Channel is where the request came: "shell" or "control".
	Channel string
	session string
	reply   func(*Message) error
	publish func(*Message) error
}

// NewRequest makes a Request for m, received in the kernel session
// session on channel, whose replies go to reply and whose iopub messages go to
// publish. A Server makes them; tests make their own.
func NewRequest(m *Message, session, channel string, reply, publish func(*Message) error) *Request {
	return &Request{Msg: m, Channel: channel, session: session, reply: reply, publish: publish}
}

// Type is the request's msg_type.
func (r *Request) Type() string { return r.Msg.Header.MsgType }

// Decode unmarshals the request's content into v.
func (r *Request) Decode(v any) error { return json.Unmarshal(r.Msg.Content, v) }

// Reply answers on the channel the request came from, with msgType
// (such as execute_reply) and content marshalled as JSON.
func (r *Request) Reply(msgType string, content any) error {
	return r.reply(r.message(msgType, content, r.Msg.Identities))
}

// Publish sends a message on iopub whose parent is the request, so that
// the client that sent the request shows it (stream, display_data...).
func (r *Request) Publish(msgType string, content any) error {
	return r.publish(r.message(msgType, content, [][]byte{[]byte("kernel." + r.session + "." + msgType)}))
}

// message builds a message in reply to the request.
func (r *Request) message(msgType string, content any, ids [][]byte) *Message {
	data, err := json.Marshal(content)
	if err != nil {
		data = []byte("{}")
	}
	return &Message{
		Identities: ids,
		Header:     NewHeader(msgType, r.session),
		Parent:     r.Msg.Header,
		Content:    data,
	}
}

// ConnectionInfo is the content of the connection file Jupyter writes
// before it starts a kernel: where to listen and the signing key.
type ConnectionInfo struct {
	Transport       string `json:"transport"`
	IP              string `json:"ip"`
	ShellPort       int    `json:"shell_port"`
	ControlPort     int    `json:"control_port"`
	StdinPort       int    `json:"stdin_port"`
	IOPubPort       int    `json:"iopub_port"`
	HBPort          int    `json:"hb_port"`
	Key             string `json:"key"`
	SignatureScheme string `json:"signature_scheme"`
}

// ReadConnectionFile reads and checks a connection file.
func ReadConnectionFile(path string) (ConnectionInfo, error) {
	var ci ConnectionInfo
	data, err := os.ReadFile(path)
	if err != nil {
		return ci, err
	}
	if err := json.Unmarshal(data, &ci); err != nil {
		return ci, fmt.Errorf("%s is not a Jupyter connection file: %v", path, err)
	}
	if ci.Transport == "" {
		ci.Transport = "tcp"
	}
	if ci.IP == "" {
		ci.IP = "127.0.0.1"
	}
	switch ci.SignatureScheme {
	case "", "hmac-sha256":
	default:
		return ci, fmt.Errorf("%s asks for the signature scheme %q; only hmac-sha256 is supported", path, ci.SignatureScheme)
	}
	switch ci.Transport {
	case "tcp", "ipc":
	default:
		return ci, fmt.Errorf("%s asks for the transport %q; tcp and ipc are supported", path, ci.Transport)
	}
	return ci, nil
}

// endpoint is the ZeroMQ address of one of the sockets.
func (ci ConnectionInfo) endpoint(port int) string {
	if ci.Transport == "ipc" {
		// Jupyter names ipc sockets IP-PORT.
		return fmt.Sprintf("ipc://%s-%d", ci.IP, port)
	}
	return fmt.Sprintf("tcp://%s:%d", ci.IP, port)
}
