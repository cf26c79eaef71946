package main

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/mglang/mg/cmd/mg/internal/jupyter"
)

// FuzzKernelMessage sends the kernel arbitrary requests, through the
// decoder and the handlers: whatever the type and content, the kernel
// answers or ignores, and never panics; what it sends is JSON.
func FuzzKernelMessage(f *testing.F) {
	f.Chdir(f.TempDir()) // programs may write files
	for _, seed := range [][2]string{
		{"execute_request", `{"code":"let a = 2.0\nprint(a)\na*a"}`},
		{"execute_request", `{"code":"let a = 2.0\nlet L = a*a\ndraw_dot(L)"}`},
		{"execute_request", `{"code":"plot([1, 2, 4])"}`},
		{"execute_request", `{"code":":help tanh\n:vars"}`},
		{"execute_request", `{"code":"fn f(x) { return f(x) }\nf(1)"}`},
		{"execute_request", `{"code":"let = ","silent":true}`},
		{"execute_request", `{"code":5}`},
		{"execute_request", `[]`},
		{"complete_request", `{"code":"let abc = 1\nab","cursor_pos":13}`},
		{"complete_request", `{"code":"é.\"x","cursor_pos":-7}`},
		{"complete_request", `{"code":":lo","cursor_pos":3}`},
		{"inspect_request", `{"code":"tanh","cursor_pos":99}`},
		{"inspect_request", `{"code":"9x","cursor_pos":1}`},
		{"is_complete_request", `{"code":"fn f() {"}`},
		{"is_complete_request", `{"code":null}`},
		{"kernel_info_request", `{}`},
		{"comm_info_request", `null`},
		{"history_request", `"x"`},
		{"shutdown_request", `{"restart":true}`},
		{"interrupt_request", `{}`},
		{"no_such_request", `{}`},
	} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, msgType, content string) {
		header, _ := json.Marshal(jupyter.NewHeader(msgType, "fuzz"))
		frames := [][]byte{[]byte("<IDS|MSG>"), nil, header, []byte("{}"), []byte("{}"), []byte(content)}
		m, err := jupyter.NewSigner("").Decode(frames)
		if err != nil {
			return
		}
		k := newKernel(limits{maxSteps: 20000, maxNodes: 20000, timeout: 2 * time.Second})
		defer k.close()
		var sent []*jupyter.Message
		record := func(m *jupyter.Message) error { sent = append(sent, m); return nil }
		k.Handle(jupyter.NewRequest(m, "fuzz", "shell", record, record))
		k.out.end()
		for _, s := range sent {
			if !json.Valid(s.Content) {
				t.Fatalf("%s sent invalid JSON: %s", s.Header.MsgType, s.Content)
			}
			if strings.Contains(string(s.Content), "internal error") {
				t.Fatalf("%s reports an internal error: %s", s.Header.MsgType, s.Content)
			}
		}
	})
}
