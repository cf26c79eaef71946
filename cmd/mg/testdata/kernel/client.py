"""Drives the mg kernel through jupyter_client and prints one JSON line of
results per check, for kernel_protocol_test.go to judge. Run with Debian's
/usr/bin/python3; the kernelspec named mg must be on JUPYTER_PATH."""

import json
import os
import signal
import sys
import time

from jupyter_client.manager import start_new_kernel

TIMEOUT = 20


def emit(name, **kw):
    kw["check"] = name
    print(json.dumps(kw), flush=True)


def run(kc, code, timeout=TIMEOUT):
    """Execute code; return the reply content and the iopub messages."""
    msg_id = kc.execute(code)
    out = collect(kc, msg_id, timeout)
    reply = kc.get_shell_msg(timeout=timeout)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=timeout)
    return reply["content"], out


def collect(kc, msg_id, timeout):
    """The iopub messages of one request, up to its idle status."""
    msgs = []
    deadline = time.time() + timeout
    while time.time() < deadline:
        m = kc.get_iopub_msg(timeout=timeout)
        if m["parent_header"].get("msg_id") != msg_id:
            continue
        if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
            return msgs
        msgs.append({"type": m["msg_type"], "content": m["content"]})
    raise TimeoutError("no idle status")


def text_of(msgs, stream="stdout"):
    return "".join(m["content"]["text"] for m in msgs
                   if m["type"] == "stream" and m["content"]["name"] == stream)


def request(kc, name, **content):
    """Send a shell request by name and return its reply content."""
    msg = kc.session.msg(name + "_request", content)
    kc.shell_channel.send(msg)
    while True:
        reply = kc.get_shell_msg(timeout=TIMEOUT)
        if reply["parent_header"].get("msg_id") == msg["header"]["msg_id"]:
            return reply["content"]


def interrupted_loop(km, kc, how):
    """Run while true {} and interrupt it by how; the time from the
    interruption to the reply, in seconds, and the reply."""
    msg_id = kc.execute("let spin = 0\nwhile true {\n  spin = spin + 1\n}\n")
    # Wait until the cell runs (busy) before interrupting.
    while True:
        m = kc.get_iopub_msg(timeout=TIMEOUT)
        if m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "execute_input":
            break
    time.sleep(0.3)
    start = time.time()
    if how == "message":
        km.interrupt_kernel()  # interrupt_mode message: an interrupt_request
    else:
        os.kill(km.provisioner.process.pid, signal.SIGINT)
    while True:
        reply = kc.get_shell_msg(timeout=TIMEOUT)
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    return time.time() - start, reply["content"]


def main():
    km, kc = start_new_kernel(kernel_name="mg", startup_timeout=TIMEOUT)
    try:
        info = request(kc, "kernel_info")
        emit("kernel_info", language=info["language_info"]["name"],
             ext=info["language_info"]["file_extension"], protocol=info["protocol_version"])

        content, msgs = run(kc, "let a = 2.0\nlet b = -3.0\nlet d = a*b\nd.backward()\nprint(\"hi\", a.grad)\nd")
        results = [m["content"]["data"] for m in msgs if m["type"] == "execute_result"]
        emit("execute", status=content["status"], count=content["execution_count"],
             stdout=text_of(msgs), results=results)

        c = request(kc, "complete", code="tan", cursor_pos=3)
        emit("complete_tan", matches=c["matches"], start=c["cursor_start"], end=c["cursor_end"])
        c = request(kc, "complete", code="let x = 1\na.gr", cursor_pos=14)
        emit("complete_attr", matches=c["matches"], start=c["cursor_start"], end=c["cursor_end"])

        i = request(kc, "inspect", code="tanh(a)", cursor_pos=2, detail_level=0)
        emit("inspect", found=i["found"], text=i["data"].get("text/plain", ""))

        states = {code: request(kc, "is_complete", code=code)["status"]
                  for code in ["let q = (1 +", "fn f(x) {", "let q = 1", "let = 3"]}
        emit("is_complete", states=states)

        for how in ["message", "signal"]:
            took, reply = interrupted_loop(km, kc, how)
            content, msgs = run(kc, "print(a.data, d.data, spin > 0)")
            emit("interrupt_" + how, seconds=took, status=reply["status"], ename=reply.get("ename"),
                 after=text_of(msgs), after_status=content["status"])

        content, msgs = run(kc, "for i in range(20000) {\n  print(i)\n}\n", timeout=60)
        lines = text_of(msgs).split("\n")
        emit("many_lines", status=content["status"], lines=len(lines) - 1,
             in_order=lines[:-1] == [str(i) for i in range(20000)],
             messages=sum(1 for m in msgs if m["type"] == "stream"))

        content, msgs = run(kc, "print(\"never\")\nlet z = (1 +* 2)\n")
        errs = [m["content"] for m in msgs if m["type"] == "error"]
        emit("syntax_error", status=content["status"], ename=content.get("ename"),
             traceback=content.get("traceback"), published=errs[0]["traceback"] if errs else None,
             stdout=text_of(msgs))

        content, msgs = run(kc, "let one = 1.0\nprint(\"before\")\nlet zero = one / 0.0\n")
        emit("runtime_error", status=content["status"], ename=content.get("ename"),
             traceback=content.get("traceback"), stdout=text_of(msgs))

        # A message signed with the wrong key, and frames that are no
        # message at all: the kernel must ignore both and go on.
        sock = kc.shell_channel.socket
        sock.send_multipart([b"<IDS|MSG>", b"0" * 64, b'{"msg_id":"x","msg_type":"execute_request"}',
                             b"{}", b"{}", b'{"code":"print(\\"forged\\")"}'])
        sock.send_multipart([b"garbage"])
        sock.send_multipart([b"<IDS|MSG>", b"", b"{not json", b"", b"", b""])
        content, msgs = run(kc, "print(\"still here\", a.data)")
        emit("bad_messages", status=content["status"], stdout=text_of(msgs), alive=kc.is_alive())

        # The heartbeat echoes what it is sent.
        import zmq
        ctx = zmq.Context.instance()
        hb = ctx.socket(zmq.REQ)
        hb.setsockopt(zmq.LINGER, 0)
        hb.connect("%s://%s:%d" % (km.transport, km.ip, km.hb_port))
        hb.send(b"ping 42")
        echoed = hb.recv() if hb.poll(5000) else b""
        hb.close()
        emit("heartbeat", echoed=echoed.decode())

        c = request(kc, "comm_info")
        emit("comm_info", comms=c.get("comms"), status=c.get("status"))

        km.restart_kernel(now=False)
        kc.wait_for_ready(timeout=TIMEOUT)
        content, msgs = run(kc, "print(\"fresh\")\na")
        emit("restart", status=content["status"], stdout=text_of(msgs), ename=content.get("ename"))

        start = time.time()
        km.shutdown_kernel(now=False)
        # A kernel that does not leave by itself is killed after 5 s.
        emit("shutdown", seconds=time.time() - start, alive=km.is_alive())
    finally:
        if km.is_alive():
            km.shutdown_kernel(now=True)


if __name__ == "__main__":
    sys.exit(main())
