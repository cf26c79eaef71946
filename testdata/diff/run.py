"""Run the Python side of the differential test cmd/mg/diff_test.go.

Reads a batch file named on the command line (then the rules of mg that are
switched off or on: "ints=0", "reset=0", "fresh=1"): programs separated by lines
"#P <id>", each the body of one Python function that uses the names of
mgvalue.py. For each program prints "#P <id>", then what the program prints,
then "#E <exception name>" if it stopped with an exception.
"""
import os
import signal
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.setrecursionlimit(5000)

import mgbuiltins  # noqa: E402
import mgvalue  # noqa: E402


class TimeLimit(Exception):
    """A program ran too long: ints that mg stops at 64 bits grew without
    bound (x = x * x in a loop)."""


def _alarm(signum, frame):
    raise TimeLimit("over the time limit")


def programs(text):
    pid, lines = None, []
    for line in text.split("\n"):
        if line.startswith("#P "):
            if pid is not None:
                yield pid, "\n".join(lines)
            pid, lines = line[3:], []
        else:
            lines.append(line)
    if pid is not None:
        yield pid, "\n".join(lines)


def main():
    for arg in sys.argv[2:]:
        name, _, v = arg.partition("=")
        setattr(mgvalue, {"ints": "INTS_STAY_INTS", "reset": "RESET_INNER", "fresh": "FRESH_LEAVES"}[name], v == "1")
    with open(sys.argv[1]) as f:
        text = f.read()
    names = {k: getattr(m, k) for m in (mgvalue, mgbuiltins) for k in dir(m) if not k.startswith("__")}
    for pid, src in programs(text):
        print("#P " + pid)
        env = dict(names)
        signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, 5.0)
        try:
            exec(compile(src, "<program %s>" % pid, "exec"), env)
            signal.setitimer(signal.ITIMER_REAL, 0)
        except Exception as e:  # every exception is a runtime error in mg too
            signal.setitimer(signal.ITIMER_REAL, 0)
            sys.stdout.flush()
            print("#E " + type(e).__name__ + ": " + str(e).replace("\n", " ")[:200])
        sys.stdout.flush()
    print("#MISROUNDED %d" % mgvalue.MISROUNDED[0])


if __name__ == "__main__":
    main()
