package jupyter

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"
)

// signed builds the frames of a message of type msgType signed with key.
func signed(t testing.TB, key, msgType, content string) [][]byte {
	t.Helper()
	m := &Message{
		Identities: [][]byte{[]byte("client-id")},
		Header:     NewHeader(msgType, "s1"),
		Content:    json.RawMessage(content),
	}
	frames, err := NewSigner(key).Encode(m)
	if err != nil {
		t.Fatal(err)
	}
	return frames
}

func TestRoundTrip(t *testing.T) {
	frames := signed(t, "secret", "execute_request", `{"code":"1+1"}`)
	m, err := NewSigner("secret").Decode(frames)
	if err != nil {
		t.Fatal(err)
	}
	if m.Header.MsgType != "execute_request" || string(m.Content) != `{"code":"1+1"}` {
		t.Errorf("decoded %+v with content %s", m.Header, m.Content)
	}
	if len(m.Identities) != 1 || string(m.Identities[0]) != "client-id" {
		t.Errorf("identities %q", m.Identities)
	}
	// The signature is the hex HMAC-SHA256 of the four parts, as Jupyter computes it.
	if want := NewSigner("secret").sign(frames[3], frames[4], frames[5], frames[6]); !bytes.Equal(frames[2], want) || len(want) != 64 {
		t.Errorf("signature %q, want %q", frames[2], want)
	}
}

func TestRejects(t *testing.T) {
	good := signed(t, "secret", "kernel_info_request", `{}`)
	tampered := append([][]byte{}, good...)
	tampered[6] = []byte(`{"code":"evil"}`)
	for _, c := range []struct {
		name   string
		frames [][]byte
		want   error
	}{
		{"wrong key", signed(t, "other", "kernel_info_request", `{}`), ErrSignature},
		{"unsigned", signed(t, "", "kernel_info_request", `{}`), ErrSignature},
		{"tampered content", tampered, ErrSignature},
		{"no delimiter", [][]byte{[]byte("x"), []byte("y")}, ErrNoDelimiter},
		{"short", good[:5], ErrShort},
		{"nothing", nil, ErrNoDelimiter},
	} {
		if _, err := NewSigner("secret").Decode(c.frames); !errors.Is(err, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, err, c.want)
		}
	}
	// Without a key nothing is signed and nothing checked, but the parts
	// must still be JSON with a message type.
	for _, content := range []string{`{`, `{"msg_type":""}`} {
		frames := [][]byte{delimiter, nil, []byte(content), []byte("{}"), []byte("{}"), []byte("{}")}
		if _, err := NewSigner("").Decode(frames); err == nil {
			t.Errorf("header %s was accepted", content)
		}
	}
}

// FuzzDecode feeds the decoder arbitrary frames: it must return a message
// or an error, never panic, and what it accepts re-encodes and decodes to
// the same header and content.
func FuzzDecode(f *testing.F) {
	good := signed(f, "k", "execute_request", `{"code":"print(1)"}`)
	f.Add(bytes.Join(good, []byte{0}), "k")
	f.Add(bytes.Join(good, []byte{0}), "")
	f.Add([]byte("<IDS|MSG>\x00\x00{\"msg_type\":\"x\"}\x00\x00\x00{}"), "")
	f.Add([]byte("<IDS|MSG>\x00\x00{\"msg_type\":1}\x00null\x00[]\x00\"s\""), "")
	f.Add([]byte("a\x00b\x00<IDS|MSG>"), "k")
	f.Fuzz(func(t *testing.T, data []byte, key string) {
		frames := bytes.Split(data, []byte{0})
		s := NewSigner(key)
		m, err := s.Decode(frames)
		if err != nil {
			return
		}
		again, err := s.Encode(m)
		if err != nil {
			t.Fatalf("cannot re-encode an accepted message: %v", err)
		}
		m2, err := s.Decode(again)
		if err != nil {
			t.Fatalf("re-encoded message rejected: %v", err)
		}
		if m2.Header != m.Header || !bytes.Equal(compact(m2.Content), compact(m.Content)) {
			t.Fatalf("round trip changed %+v %s into %+v %s", m.Header, m.Content, m2.Header, m2.Content)
		}
	})
}

func compact(b []byte) []byte {
	var out bytes.Buffer
	_ = json.Compact(&out, b)
	return out.Bytes()
}

// panicky is a Handler that panics.
type panicky struct{}

func (panicky) Handle(*Request) bool { panic("boom") }

func TestHandlerPanicIsContained(t *testing.T) {
	var log bytes.Buffer
	s := &Server{log: &log}
	m := &Message{Header: NewHeader("execute_request", "s")}
	if stop := s.safely(panicky{}, NewRequest(m, "s", "shell", nil, nil)); stop {
		t.Error("a panicking handler stopped the kernel")
	}
	if !bytes.Contains(log.Bytes(), []byte("internal error answering execute_request: boom")) {
		t.Errorf("log: %q", log.String())
	}
}
