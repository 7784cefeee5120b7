#!/usr/bin/env python3
"""Writes the PyTorch reference that TorchNanReferenceTest compares chainrule's NaN handling with.

Run once where PyTorch is installed (Debian: apt-get install python3-torch), from the repo root:
    /usr/bin/python3 nn/src/test/python/torch_nan_reference.py > nn/src/test/resources/nan/torch_reference.json
Fixed float64 inputs holding NaN, both zeros and ties; for each op the value and the gradient of
sum(op(...) * W) in every input. NaN is written as the JSON extension NaN (Jackson reads it with
ALLOW_NON_NUMERIC_NUMBERS).
"""
import json
import torch
import torch.nn.functional as F

NAN = float("nan")
X = [NAN, -1.5, -0.0, 0.0, 0.5, 2.0]
Y = [1.0, NAN, 0.0, -0.0, 0.5, NAN]
W = [1.0, 1.25, 1.5, 1.75, 2.0, 2.25]
M = [[NAN, 1.0, NAN], [2.0, -1.0, 2.0], [0.5, 0.5, -3.0]]
# one NaN per slice and no ties: torch.max(dim) sends a tie's gradient to one index, chainrule
# splits it (torch.amax's rule); torch.amax gives a NaN slice NaN gradients, chainrule gives the
# NaN elements the gradient, as torch.max() and torch.max(dim) do
MD = [[NAN, 1.0, 3.0], [2.0, -1.0, 0.5], [0.5, NAN, -3.0]]
AX = [[NAN, 1.0], [-0.0, -0.0], [0.5, -2.0]]
AW = [[1.0, 2.0, -1.0], [3.0, 4.0, 0.5]]
AB = [-0.0, -1.0, NAN]


def t(v):
    return torch.tensor(v, dtype=torch.float64, requires_grad=True)


def run(fn, *inputs, weights=None):
    ts = [t(v) for v in inputs]
    out = fn(*ts)
    w = torch.ones_like(out) if weights is None else torch.tensor(weights, dtype=torch.float64).reshape(out.shape)
    (out * w).sum().backward()
    return {"value": out.flatten().tolist(), "grads": [x.grad.flatten().tolist() for x in ts]}


cases = {
    "relu": run(torch.relu, X, weights=W),
    "leaky_relu": run(lambda x: F.leaky_relu(x, 0.1), X, weights=W),
    "clamp": run(lambda x: torch.clamp(x, -0.5, 0.5), X, weights=W),
    "maximum": run(torch.maximum, X, Y, weights=W),
    "minimum": run(torch.minimum, X, Y, weights=W),
    # torch.max() / min() over everything and max(dim) give a NaN's gradient to the NaN elements
    "max_all": run(lambda m: m.max(), M),
    "min_all": run(lambda m: m.min(), M),
    "max_dim1": run(lambda m: m.max(1).values, MD),
    "min_dim0": run(lambda m: m.min(0).values, MD),
    "affine_relu": run(lambda x, w, b: torch.relu(x @ w + b), AX, AW, AB),
}

print(json.dumps({"torch": torch.__version__, "x": X, "y": Y, "w": W, "m": M, "md": MD,
                  "ax": AX, "aw": AW, "ab": AB, "cases": cases}))
