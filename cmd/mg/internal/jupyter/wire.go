package jupyter

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// ProtocolVersion is the version of the messaging protocol spoken.
const ProtocolVersion = "5.3"

// delimiter separates the routing identities from the message proper.
var delimiter = []byte("<IDS|MSG>")

// Header is the header of a message (and the parent header of a reply).
type Header struct {
	MsgID    string `json:"msg_id"`
	Username string `json:"username"`
	Session  string `json:"session"`
	Date     string `json:"date"`
	MsgType  string `json:"msg_type"`
	Version  string `json:"version"`
}

// Message is one protocol message. Content is kept raw on receipt, since
// its shape depends on MsgType; it is marshalled from any value to send.
type Message struct {
	Identities [][]byte
	Header     Header
	Parent     Header
	Metadata   map[string]any
	Content    json.RawMessage
}

// Errors of Decode.
var (
	ErrNoDelimiter = errors.New("jupyter: no <IDS|MSG> delimiter")
	ErrShort       = errors.New("jupyter: fewer than five frames after the delimiter")
	ErrSignature   = errors.New("jupyter: bad signature")
)

// Signer computes and checks message signatures. An empty key disables
// signing, as Jupyter does.
type Signer struct{ key []byte }

// NewSigner makes a Signer for the connection file's key.
func NewSigner(key string) Signer { return Signer{key: []byte(key)} }

// sign is the hex HMAC-SHA256 of the four JSON parts, or "" without a key.
func (s Signer) sign(parts ...[]byte) []byte {
	if len(s.key) == 0 {
		return nil
	}
	mac := hmac.New(sha256.New, s.key)
	for _, p := range parts {
		mac.Write(p)
	}
	sum := mac.Sum(nil)
	out := make([]byte, hex.EncodedLen(len(sum)))
	hex.Encode(out, sum)
	return out
}

// Decode parses the frames of a received message and checks its
// signature. Any input gives a message or an error, never a panic: the
// frames come from the network.
func (s Signer) Decode(frames [][]byte) (*Message, error) {
	i := 0
	for i < len(frames) && !bytes.Equal(frames[i], delimiter) {
		i++
	}
	if i == len(frames) {
		return nil, ErrNoDelimiter
	}
	rest := frames[i+1:]
	if len(rest) < 5 {
		return nil, ErrShort
	}
	if len(s.key) > 0 && !hmac.Equal(rest[0], s.sign(rest[1], rest[2], rest[3], rest[4])) {
		return nil, ErrSignature
	}
	m := &Message{Identities: frames[:i]}
	if err := json.Unmarshal(rest[1], &m.Header); err != nil {
		return nil, fmt.Errorf("jupyter: header: %w", err)
	}
	if err := unmarshalOptional(rest[2], &m.Parent); err != nil {
		return nil, fmt.Errorf("jupyter: parent header: %w", err)
	}
	if err := unmarshalOptional(rest[3], &m.Metadata); err != nil {
		return nil, fmt.Errorf("jupyter: metadata: %w", err)
	}
	if !json.Valid(rest[4]) {
		return nil, errors.New("jupyter: content is not JSON")
	}
	m.Content = json.RawMessage(rest[4])
	if m.Header.MsgType == "" {
		return nil, errors.New("jupyter: header has no msg_type")
	}
	return m, nil
}

// unmarshalOptional decodes data into v; an empty part counts as {}.
func unmarshalOptional(data []byte, v any) error {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil
	}
	return json.Unmarshal(data, v)
}

// Encode gives the frames of m, signed.
func (s Signer) Encode(m *Message) ([][]byte, error) {
	header, err := json.Marshal(m.Header)
	if err != nil {
		return nil, err
	}
	parent := []byte("{}")
	if m.Parent.MsgID != "" {
		if parent, err = json.Marshal(m.Parent); err != nil {
			return nil, err
		}
	}
	meta := []byte("{}")
	if len(m.Metadata) > 0 {
		if meta, err = json.Marshal(m.Metadata); err != nil {
			return nil, err
		}
	}
	content := []byte(m.Content)
	if len(content) == 0 {
		content = []byte("{}")
	}
	frames := append([][]byte{}, m.Identities...)
	frames = append(frames, delimiter, s.sign(header, parent, meta, content), header, parent, meta, content)
	return frames, nil
}

// NewHeader makes the header of a new message of type msgType in session.
func NewHeader(msgType, session string) Header {
	return Header{
		MsgID:    newID(),
		Username: "mg",
		Session:  session,
		Date:     time.Now().UTC().Format(time.RFC3339Nano),
		MsgType:  msgType,
		Version:  ProtocolVersion,
	}
}

// newID is a random UUID (version 4) as text.
func newID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}
