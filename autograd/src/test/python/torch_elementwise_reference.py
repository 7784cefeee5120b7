#!/usr/bin/env python3
"""Writes the PyTorch reference that TorchElementwiseReferenceTest compares the op registry with.

Run where PyTorch is installed (Debian: apt-get install python3-torch), from the repo root:
    /usr/bin/python3 autograd/src/test/python/torch_elementwise_reference.py > autograd/src/test/resources/elementwise/torch_reference.json
For each elementwise op (named as chainrule's method), with its parameters: float64 points
(random ones in the op's domain plus the edges where conventions matter: kinks, bounds, halves
for round, large magnitudes), and torch's value, first derivative and second derivative at
each (second derivatives of piecewise-constant-derivative ops are 0, as autograd gives them).
Binary ops give both partials. Non-finite numbers are written as the strings "nan", "inf", "-inf".
"""
import json
import zlib
import math
import torch
import torch.nn.functional as F

D = torch.float64


def rand(lo, hi, n=6):
    # seeded by the interval, not by the position in the list, so adding an op changes no other op's points
    g = torch.Generator().manual_seed(zlib.crc32(repr((lo, hi)).encode()))
    return (lo + (hi - lo) * torch.rand(n, dtype=D, generator=g)).tolist()


# chainrule name, params, torch function, sample points
UNARY = [
    ("exp", [], torch.exp, rand(-3, 3) + [0.0, -700.0, 700.0]),
    ("log", [], torch.log, rand(0.1, 5) + [1.0, 1e-300, 1e300]),
    ("log1p", [], torch.log1p, rand(-0.9, 5) + [1e-12, -1e-12, 0.0]),
    ("expm1", [], torch.expm1, rand(-3, 3) + [1e-12, -1e-12, 0.0]),
    ("log2", [], torch.log2, rand(0.1, 5) + [1.0, 8.0, 1e-10]),
    ("log10", [], torch.log10, rand(0.1, 5) + [1.0, 100.0, 1e-10]),
    ("exp2", [], torch.exp2, rand(-3, 3) + [0.0, 10.0, -10.0]),
    ("sqrt", [], torch.sqrt, rand(0.1, 5) + [4.0, 1e-10]),
    ("rsqrt", [], torch.rsqrt, rand(0.1, 5) + [4.0, 1e-10]),
    ("square", [], torch.square, rand(-3, 3) + [0.0]),
    ("reciprocal", [], torch.reciprocal, rand(-3, 3) + [1e-5, -2.0]),
    ("sin", [], torch.sin, rand(-3, 3) + [0.0, 100.0]),
    ("cos", [], torch.cos, rand(-3, 3) + [0.0, 100.0]),
    ("tan", [], torch.tan, rand(-1.4, 1.4) + [0.0]),
    ("asin", [], torch.asin, rand(-0.95, 0.95) + [0.0, 1e-10]),
    ("acos", [], torch.acos, rand(-0.95, 0.95) + [0.0]),
    ("atan", [], torch.atan, rand(-3, 3) + [0.0, 1e10]),
    ("sinh", [], torch.sinh, rand(-3, 3) + [0.0, 1e-10, 20.0]),
    ("cosh", [], torch.cosh, rand(-3, 3) + [0.0, 20.0]),
    ("tanh", [], torch.tanh, rand(-3, 3) + [0.0, 20.0, -20.0]),
    ("asinh", [], torch.asinh, rand(-3, 3) + [0.0, 1e-10, -1e-10, 1e10, -1e10]),
    ("acosh", [], torch.acosh, rand(1.05, 5) + [1.0 + 1e-10, 1e10]),
    ("atanh", [], torch.atanh, rand(-0.95, 0.95) + [0.0, 1e-10, -0.999999]),
    ("erf", [], torch.erf, rand(-3, 3) + [0.0, 1e-10, 0.46875, 0.5, 4.0, 5.5, -6.0]),
    ("erfc", [], torch.erfc, rand(-3, 3) + [0.0, 0.46875, 4.0, 5.5, 10.0, 26.0, -6.0]),
    ("gelu", [], F.gelu, rand(-4, 4) + [0.0, -3.0, 6.0]),
    ("geluTanh", [], lambda x: F.gelu(x, approximate="tanh"), rand(-4, 4) + [0.0, -3.0, 6.0]),
    ("sigmoid", [], torch.sigmoid, rand(-4, 4) + [0.0, 40.0, -40.0]),
    ("logSigmoid", [], F.logsigmoid, rand(-4, 4) + [0.0, 40.0, -40.0]),
    ("logit", [], torch.logit, rand(0.05, 0.95) + [0.5, 1e-10]),
    ("silu", [], F.silu, rand(-4, 4) + [0.0, 40.0, -40.0]),
    ("softplus", [1.0, 20.0], lambda x: F.softplus(x, 1.0, 20.0), rand(-4, 4) + [0.0, 20.0, 25.0, -30.0]),
    ("softplus", [2.0, 4.0], lambda x: F.softplus(x, 2.0, 4.0), rand(-4, 4) + [0.0, 2.0, 3.0, -30.0]),
    ("softplus", [0.5, 1.5], lambda x: F.softplus(x, 0.5, 1.5), rand(-4, 4) + [3.0, 4.0]),
    ("mish", [], F.mish, rand(-4, 4) + [0.0, 30.0, -30.0]),
    ("softsign", [], F.softsign, rand(-4, 4) + [0.0, 100.0]),
    ("elu", [1.0], lambda x: F.elu(x, 1.0), rand(-3, 3) + [0.0, -30.0]),
    ("elu", [0.5], lambda x: F.elu(x, 0.5), rand(-3, 3) + [0.0, -30.0]),
    ("celu", [1.0], lambda x: F.celu(x, 1.0), rand(-3, 3) + [0.0, -30.0]),
    ("celu", [0.5], lambda x: F.celu(x, 0.5), rand(-3, 3) + [0.0]),
    ("celu", [2.0], lambda x: F.celu(x, 2.0), rand(-3, 3) + [0.0]),
    ("selu", [], F.selu, rand(-3, 3) + [0.0, -30.0]),
    ("abs", [], torch.abs, rand(-3, 3) + [0.0]),
    ("relu", [], torch.relu, rand(-3, 3) + [0.0]),
    ("leakyRelu", [0.01], lambda x: F.leaky_relu(x, 0.01), rand(-3, 3) + [0.0]),
    ("leakyRelu", [0.3], lambda x: F.leaky_relu(x, 0.3), rand(-3, 3) + [0.0]),
    ("relu6", [], F.relu6, rand(-2, 8) + [0.0, 6.0, 3.0]),
    ("hardtanh", [-1.0, 1.0], lambda x: F.hardtanh(x, -1.0, 1.0), rand(-3, 3) + [-1.0, 1.0]),
    ("hardtanh", [-0.5, 2.0], lambda x: F.hardtanh(x, -0.5, 2.0), rand(-3, 3) + [-0.5, 2.0]),
    ("clamp", [-1.0, 1.0], lambda x: torch.clamp(x, -1.0, 1.0), rand(-3, 3) + [-1.0, 1.0]),
    ("hardsigmoid", [], F.hardsigmoid, rand(-5, 5) + [-3.0, 3.0, 0.0]),
    ("hardswish", [], F.hardswish, rand(-5, 5) + [-3.0, 3.0, 0.0]),
    ("step", [], lambda x: (x >= 0).to(D) + 0 * x, rand(-3, 3) + [0.0]),
    ("sign", [], torch.sign, rand(-3, 3) + [0.0]),
    ("floor", [], torch.floor, rand(-3, 3) + [-2.0, 2.5, -2.5]),
    ("ceil", [], torch.ceil, rand(-3, 3) + [-2.0, 2.5, -2.5]),
    ("round", [], torch.round, rand(-3, 3) + [0.5, 1.5, 2.5, -0.5, -1.5, -2.5]),
    ("trunc", [], torch.trunc, rand(-3, 3) + [-2.5, 2.5, -0.5]),
]

BINARY = [
    ("atan2", torch.atan2, rand(-3, 3) + [0.0, 1.0, -1.0], rand(-3, 3) + [1.0, 0.0, -1.0]),
    ("maximum", torch.maximum, rand(-3, 3) + [1.0, 2.0, -1.0], rand(-3, 3) + [1.0, -2.0, -1.0]),
    ("minimum", torch.minimum, rand(-3, 3) + [1.0, 2.0, -1.0], rand(-3, 3) + [1.0, -2.0, -1.0]),
]


def num(v):
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v


def nums(t):
    return [num(v) for v in t.detach().clone().tolist()]


def unary_case(name, params, f, points):
    x = torch.tensor(points, dtype=D, requires_grad=True)
    y = f(x)
    (dy,) = torch.autograd.grad(y.sum(), x, create_graph=True)
    d2y = None
    if dy.requires_grad:
        try:
            (d2y,) = torch.autograd.grad(dy.sum(), x, allow_unused=True)
        except RuntimeError:  # hardsigmoid: torch has no double backward; its derivative is piecewise constant
            d2y = None
    d2y = torch.zeros_like(x) if d2y is None else d2y
    return {"op": name, "params": params, "x": points, "y": nums(y.detach()), "dy": nums(dy.detach()),
            "d2y": nums(d2y)}


def binary_case(name, f, pa, pb):
    a = torch.tensor(pa, dtype=D, requires_grad=True)
    b = torch.tensor(pb, dtype=D, requires_grad=True)
    y = f(a, b)
    da, db = torch.autograd.grad(y.sum(), (a, b))
    return {"op": name, "a": pa, "b": pb, "y": nums(y.detach()), "da": nums(da), "db": nums(db)}


out = {"torch": torch.__version__,
       "unary": [unary_case(*c) for c in UNARY],
       "binary": [binary_case(*c) for c in BINARY]}
print(json.dumps(out, indent=1))
