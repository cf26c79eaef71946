package main

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/mglang/mg/cmd/mg/internal/jupyter"
	"github.com/mglang/mg/eval"
	"github.com/mglang/mg/lang"
	"github.com/mglang/mg/stdlib/display"
)

// executeRequest is the content of an execute_request.
type executeRequest struct {
	Code         string `json:"code"`
	Silent       bool   `json:"silent"`
	StoreHistory *bool  `json:"store_history"`
}

// cellError is a failed cell as Jupyter reports it.
type cellError struct {
	Ename     string   `json:"ename"`
	Evalue    string   `json:"evalue"`
	Traceback []string `json:"traceback"`
}

// execute runs a cell: its output goes out as stream messages, the value
// of a last expression as execute_result, a failure as error.
func (k *kernel) execute(r *jupyter.Request) {
	var req executeRequest
	if err := r.Decode(&req); err != nil {
		return // not an execute_request anyone could have meant
	}
	stored := !req.Silent && (req.StoreHistory == nil || *req.StoreHistory)
	var name string
	if stored {
		k.count++
		name = fmt.Sprintf("<cell %d>", k.count)
	} else {
		k.silent++
		name = fmt.Sprintf("<silent cell %d>", k.silent)
	}
	if !req.Silent {
		r.Publish("execute_input", map[string]any{"code": req.Code, "execution_count": k.count})
	}
	k.out.begin(r)
	result, cerr := k.runCell(req.Code, name)
	k.sess.out.Flush()
	// A cell ending in ; shows no result, as in IPython (draw_dot(L);).
	quiet := strings.HasSuffix(strings.TrimRight(req.Code, " \t\r\n"), ";")
	if cerr == nil && result != nil && !req.Silent && !quiet {
		data, note := mimeBundle(display.Of(k.sess.in.Thread(), result))
		if note != "" {
			k.out.stream("stderr").Write([]byte(note))
		}
		k.out.end()
		r.Publish("execute_result", map[string]any{"execution_count": k.count, "data": data, "metadata": map[string]any{}})
	}
	k.out.end()
	if cerr != nil {
		r.Publish("error", cerr)
		r.Reply("execute_reply", map[string]any{
			"status": "error", "execution_count": k.count,
			"ename": cerr.Ename, "evalue": cerr.Evalue, "traceback": cerr.Traceback,
		})
		return
	}
	r.Reply("execute_reply", map[string]any{
		"status": "ok", "execution_count": k.count,
		"user_expressions": map[string]any{}, "payload": []any{},
	})
}

// runCell parses code whole (a syntax error runs none of it) and runs its
// statements in the session; the value of a last expression statement is
// returned (nil if there is none, or it is none).
func (k *kernel) runCell(code, name string) (eval.Object, *cellError) {
	s := k.sess
	s.begin()
	defer s.end()
	if k.lim.timeout > 0 {
		stop := k.cancelAfter(k.lim.timeout)
		defer stop()
	}
	s.files[name] = code
	if isCommand(code) {
		return nil, k.runCommands(code, name)
	}
	file, err := lang.ParseFrom(name, code, 1)
	if err != nil {
		return nil, k.cellError(err)
	}
	var result eval.Object
	for i, st := range file.Stmts {
		var show func(eval.Object)
		if _, isExpr := st.(*lang.ExprStmt); isExpr && i == len(file.Stmts)-1 {
			show = func(v eval.Object) { result = v }
		}
		if err := s.run([]lang.Stmt{st}, show); err != nil {
			return nil, k.cellError(err)
		}
	}
	if _, none := result.(eval.NoneType); none || result == nil {
		return nil, nil
	}
	s.in.Globals().Set("_", result)
	return result, nil
}

// runCommands runs a cell of REPL commands (:help, :vars...), one a line,
// the cell named name. A command's error is the cell's, positioned in it
// (<cell 4>:1:6, its line and caret), as a statement's is.
func (k *kernel) runCommands(code, name string) *cellError {
	var failed error
	saved := k.sess.name
	k.sess.name = name
	k.sess.onFail = func(err error) {
		if failed == nil {
			failed = err
		}
	}
	defer func() { k.sess.name, k.sess.onFail = saved, nil }()
	for i, line := range strings.Split(code, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		if !isCommand(line) {
			return &cellError{Ename: "SyntaxError", Evalue: "a cell of commands (:help, :vars, ...) holds only commands, one a line",
				Traceback: []string{fmt.Sprintf("line %d: %s", i+1, line)}}
		}
		ok := k.sess.command(line, i+1)
		if k.sess.quit {
			// A notebook's kernel is stopped from the notebook, not from
			// a cell: say so rather than do nothing.
			k.sess.quit = false
			fmt.Fprintf(k.sess.stderr, "%s does not stop a notebook's kernel: use the notebook's Kernel menu (Shut Down or Restart)\n", strings.TrimSpace(line))
		}
		if !ok {
			if failed != nil {
				k.sess.name = saved // the cell's source, not the session's, holds the line
				return k.cellError(failed)
			}
			return &cellError{Ename: "CommandError", Evalue: strings.TrimSpace(line) + " failed", Traceback: []string{}}
		}
	}
	return nil
}

// cellError describes err as Jupyter shows it: the traceback holds mg's
// report, FILE:LINE:COL: message, the source line and a caret.
func (k *kernel) cellError(err error) *cellError {
	var buf bytes.Buffer
	report(&buf, err, k.sess.sourceOf(errPos(err)))
	ename, evalue := "RuntimeError", err.Error()
	var le *lang.Error
	var ee *eval.Error
	switch {
	case errors.As(err, &le):
		ename, evalue = "SyntaxError", le.Msg
	case errors.As(err, &ee) && ee.Interrupted:
		ename, evalue = "KeyboardInterrupt", ee.Msg
	case errors.As(err, &ee):
		evalue = ee.Msg
	}
	return &cellError{Ename: ename, Evalue: evalue, Traceback: strings.Split(strings.TrimRight(buf.String(), "\n"), "\n")}
}

// cancelAfter stops the running cell when d has passed (--timeout); the
// cancellation is repeated until the cell ends, as an interruption's is.
func (k *kernel) cancelAfter(d time.Duration) (stop func()) {
	done := make(chan struct{})
	msg := fmt.Sprintf("time limit exceeded: the cell ran longer than %s (--timeout)", d)
	go func() {
		select {
		case <-time.After(d):
		case <-done:
			return
		}
		for {
			k.sess.in.Thread().Cancel(msg)
			select {
			case <-time.After(10 * time.Millisecond):
			case <-done:
				return
			}
		}
	}()
	return func() { close(done) }
}
