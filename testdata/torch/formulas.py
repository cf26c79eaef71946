#!/usr/bin/env python3
"""Evaluate mg's random formulas in PyTorch (float64) for the differential
test cmd/mg/torch_test.go.

Reads the formulas file named on the command line (or standard input):

    F <id>                     a new formula
    L <name> <float>           a leaf with data (requires grad)
    N <name> <op> <arg>...     a node: op applied to earlier names or constants
    R <name>                   the root: backward() from it, then print
    R2 <name>                  the root: backward(retain_graph=True) and
                               backward() again (the leaves accumulate), then print

Constants are written as c:<float>. Ops: add sub mul div neg powk (exponent a
constant) pow relu tanh exp log sigmoid sin cos sqrt.

For each formula prints one line: <id> <root data> <grad of each leaf, in
the order of the L lines>, every float as Python's repr.
"""
import sys

import torch

torch.set_default_dtype(torch.float64)

UNARY = {
    "neg": lambda a: -a,
    "relu": torch.relu,
    "tanh": torch.tanh,
    "exp": torch.exp,
    "log": torch.log,
    "sigmoid": torch.sigmoid,
    "sin": torch.sin,
    "cos": torch.cos,
    "sqrt": torch.sqrt,
}

BINARY = {
    "add": lambda a, b: a + b,
    "sub": lambda a, b: a - b,
    "mul": lambda a, b: a * b,
    "div": lambda a, b: a / b,
    "pow": lambda a, b: a ** b,
    "powk": lambda a, k: a ** k,
}


def run(lines):
    out = []
    fid, env, leaves = None, {}, []

    def arg(s):
        if s.startswith("c:"):
            return float(s[2:])
        return env[s]

    for line in lines:
        f = line.split()
        if not f:
            continue
        kind = f[0]
        if kind == "F":
            fid, env, leaves = f[1], {}, []
        elif kind == "L":
            t = torch.tensor(float(f[2]), dtype=torch.float64, requires_grad=True)
            env[f[1]] = t
            leaves.append(t)
        elif kind == "N":
            name, op, args = f[1], f[2], [arg(a) for a in f[3:]]
            if op in UNARY:
                env[name] = UNARY[op](args[0])
            else:
                env[name] = BINARY[op](args[0], args[1])
        elif kind in ("R", "R2"):
            root = env[f[1]]
            if kind == "R2":
                root.backward(retain_graph=True)
            root.backward()
            vals = [root.item()] + [0.0 if t.grad is None else t.grad.item() for t in leaves]
            out.append(fid + " " + " ".join(repr(v) for v in vals))
        else:
            raise SystemExit("formulas.py: bad line: " + line)
    return out


def main():
    src = open(sys.argv[1]) if len(sys.argv) > 1 else sys.stdin
    with src:
        lines = src.read().splitlines()
    print("\n".join(run(lines)))


if __name__ == "__main__":
    main()
