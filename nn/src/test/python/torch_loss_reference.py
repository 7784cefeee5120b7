#!/usr/bin/env python3
"""Writes the PyTorch reference that TorchLossReferenceTest compares chainrule's losses with.

Run once where PyTorch is installed (Debian: apt-get install python3-torch), from the repo root:
    /usr/bin/python3 nn/src/test/python/torch_loss_reference.py > nn/src/test/resources/loss/torch_reference.json
Fixed float64 inputs; for each loss and reduction the value and the gradient in the first input.
"""
import json
import torch
import torch.nn.functional as F

X = [[0.3, -1.2, 2.0, 0.5], [1.5, 0.1, -0.7, -2.2], [-0.4, 0.9, 0.0, 1.1]]
Y = [2, 0, 3]
T = [[0.2, 0.0, 1.0, 0.7], [1.0, 0.5, 0.3, 0.0], [0.9, 0.1, 0.0, 1.0]]
P = [[0.1, 0.8, 0.45, 0.99], [0.6, 0.02, 0.3, 0.5], [0.7, 0.2, 0.9, 0.35]]
PM = [[1, -1, 1, -1], [-1, -1, 1, 1], [1, 1, -1, 1]]


def t(v):
    return torch.tensor(v, dtype=torch.float64, requires_grad=True)


def run(fn, first):
    x = t(first)
    out = fn(x)
    out.backward()
    return {"value": out.item(), "grad": x.grad.flatten().tolist()}


cases = {}
for red in ("mean", "sum"):
    y = torch.tensor(Y)
    tt = torch.tensor(T, dtype=torch.float64)
    pm = torch.tensor(PM, dtype=torch.float64)
    cases["mse_" + red] = run(lambda x: F.mse_loss(x, tt, reduction=red), X)
    cases["bce_" + red] = run(lambda x: F.binary_cross_entropy(x, tt, reduction=red), P)
    cases["bce_logits_" + red] = run(lambda x: F.binary_cross_entropy_with_logits(x, tt, reduction=red), X)
    cases["cross_entropy_" + red] = run(lambda x: F.cross_entropy(x, y, reduction=red), X)
    cases["nll_" + red] = run(lambda x: F.nll_loss(x, y, reduction=red), X)
    cases["multi_margin_" + red] = run(lambda x: F.multi_margin_loss(x, y, reduction=red), X)
    # binary hinge has no torch function; written out as micrograd's max(0, 1 - y*s)
    cases["hinge_" + red] = run(lambda x: getattr(torch.relu(1 - pm * x), red)(), X)

print(json.dumps({"torch": torch.__version__, "x": X, "y": Y, "t": T, "p": P, "pm": PM, "cases": cases}))
