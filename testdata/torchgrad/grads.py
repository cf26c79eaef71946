#!/usr/bin/env python3
"""Derivatives of mg's random formulas in PyTorch (float64), for the
differential test of grad and hessian in cmd/mg/torch_grad_test.go.

Reads the formulas file named on the command line:

    F <id> <third>             a new formula; third is 1 for third derivatives
    L <name> <float>           a leaf (requires grad)
    N <name> <op> <arg>...     an op of earlier names or constants c:<float>
    R <name>                   the root

and prints, for each formula, the lines
    <id> g <dR/dx for each leaf x>
    <id> s <d2R/dx dy for each pair, row by row>
    <id> t <d3R/dx dy dz for each triple>      (when third is 1)
every float as Python's repr. A derivative that does not depend on the
leaves (torch gives None) is 0.0.
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


def grads(y, leaves):
    """dy/dx for each leaf as tensors that can be differentiated again."""
    zero = [torch.zeros(()) for _ in leaves]
    if not isinstance(y, torch.Tensor) or not y.requires_grad:
        return zero
    gs = torch.autograd.grad(y, leaves, create_graph=True, allow_unused=True)
    return [z if g is None else g for g, z in zip(gs, zero)]


def line(fid, kind, xs):
    return fid + " " + kind + " " + " ".join(repr(float(x)) for x in xs)


def run(lines):
    out = []
    fid, third, env, leaves = None, False, {}, []

    def arg(s):
        if s.startswith("c:"):
            return float(s[2:])
        return env[s]

    for text in lines:
        f = text.split()
        if not f:
            continue
        kind = f[0]
        if kind == "F":
            fid, third, env, leaves = f[1], f[2] == "1", {}, []
        elif kind == "L":
            t = torch.tensor(float(f[2]), requires_grad=True)
            env[f[1]] = t
            leaves.append(t)
        elif kind == "N":
            name, op, args = f[1], f[2], [arg(a) for a in f[3:]]
            if op in UNARY:
                env[name] = UNARY[op](args[0])
            else:
                a, b = args
                if not isinstance(a, torch.Tensor):
                    a = torch.tensor(a)
                env[name] = BINARY[op](a, b)
        elif kind == "R":
            g = grads(env[f[1]], leaves)
            out.append(line(fid, "g", g))
            s = [grads(gi, leaves) for gi in g]
            out.append(line(fid, "s", [x for row in s for x in row]))
            if third:
                t = [grads(sij, leaves) for row in s for sij in row]
                out.append(line(fid, "t", [x for row in t for x in row]))
        else:
            raise SystemExit("grads.py: bad line: " + text)
    return out


def main():
    with open(sys.argv[1]) as fh:
        print("\n".join(run(fh.read().splitlines())))


if __name__ == "__main__":
    main()
