#!/usr/bin/env python3
"""Writes the PyTorch reference that TorchLerpReferenceTest compares chainrule's lerp with, bit for bit.

Run where PyTorch is installed (Debian: apt-get install python3-torch), from the repo root:
    /usr/bin/python3 autograd/src/test/python/torch_lerp_reference.py > autograd/src/test/resources/lerp/torch_reference.json
Fixed float64 inputs (seeded; written into the JSON). Each case: start, end and weight (a tensor, or a
number for torch.lerp's Scalar overload), the output, and the gradients of start, end (and a tensor weight)
for the loss sum(W * output) with fixed random W. Weights cover both sides of the kernel's 0.5 split,
negative weights with |weight| >= 0.5 among them (PyTorch 1.13's CPU kernel tests weight < 0.5, not
|weight| < 0.5), and 0 and 1 exactly.
"""
import json
import torch

torch.manual_seed(1213)
D = torch.float64


def randn(*shape):
    return torch.randn(tuple(shape), dtype=D)


def uniform(lo, hi, *shape):
    return torch.rand(tuple(shape), dtype=D) * (hi - lo) + lo


CASES = [
    ("tensor weights across the split", randn(64), randn(64) * 3, uniform(-1.5, 2.5, 64)),
    ("broadcast start row, weight column", randn(3), randn(2, 3), uniform(-1, 2, 2, 1)),
    ("broadcast all three", randn(4, 1, 3), randn(1, 2, 1), uniform(-1, 2, 2, 3)),
    ("weight at 0, 0.5, 1 and negatives", randn(6), randn(6),
     torch.tensor([0.0, 0.5, 1.0, -0.5, -0.7, 0.49999999999999994], dtype=D)),
    ("0-d weight", randn(2, 2), randn(2, 2), torch.tensor(0.8, dtype=D)),
    ("large magnitudes", randn(16) * 1e8, randn(16) * 1e-3, uniform(-1, 2, 16)),
]
SCALAR_WEIGHTS = [0.0, 0.3, 0.5, 0.7, 1.0, -0.2, -0.7, 1.5, -3.0]


def enc(t):
    t = t.detach()
    return {"shape": list(t.shape), "data": t.flatten().tolist()}


cases = []
for name, s, e, w in CASES:
    s, e, w = (x.clone().requires_grad_(True) for x in (s, e, w))
    out = torch.lerp(s, e, w)
    weights = randn(*out.shape)
    (weights * out).sum().backward()
    cases.append({"name": name, "start": enc(s), "end": enc(e), "weight": enc(w), "output": enc(out),
                  "weights": enc(weights), "grads": [enc(s.grad), enc(e.grad), enc(w.grad)]})
for w in SCALAR_WEIGHTS:
    s, e = randn(3, 4).requires_grad_(True), (randn(3, 4) * 2).requires_grad_(True)
    out = torch.lerp(s, e, w)
    weights = randn(*out.shape)
    (weights * out).sum().backward()
    cases.append({"name": "scalar weight %r" % w, "start": enc(s), "end": enc(e), "weight": w, "output": enc(out),
                  "weights": enc(weights), "grads": [enc(s.grad), enc(e.grad)]})

print(json.dumps({"torch": torch.__version__, "cases": cases}))
