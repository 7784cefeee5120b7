#!/usr/bin/env python3
"""Writes the PyTorch reference that TorchReductionReferenceTest compares chainrule's scans,
sorting and extra reductions with (prod, std, norm, cumsum, cumprod, logCumSumExp, argmax,
argmin, sort, topk, median).

Run where PyTorch is installed (Debian: apt-get install python3-torch), from the repo root:
    /usr/bin/python3 autograd/src/test/python/torch_reduction_reference.py > autograd/src/test/resources/reductions/torch_reference.json
Inputs are fixed float64 tensors (seeded, plus hand-made ones with zeros, ties, NaN and large
magnitudes), written into the JSON so the Java test reads the same numbers. For each case: the
outputs (values, and indices where the op returns them); for differentiable cases the gradient
of loss = sum_i sum(W_i * value_i) with fixed random weights W_i, and where "hvp" is present the
second-order product d/dx sum(grad * V) with fixed weights V (all in the JSON).

Where chainrule deliberately differs (see the Java test): topk among equal values (PyTorch's
choice of index is unspecified; chainrule takes the earliest first), so that case compares
values only ("valuesOnly"); logcumsumexp after a leading -inf (PyTorch's gradient is NaN there,
chainrule's 0) is not a case. NaN and infinities are written as JSON's NaN/Infinity tokens.
"""
import json
import math
import torch

torch.manual_seed(12)
D = torch.float64
NAN = float("nan")
INF = float("inf")


def randn(*shape):
    return torch.randn(tuple(shape), dtype=D)


def t(values, *shape):
    return torch.tensor(values, dtype=D).reshape(shape)


def dump(x):
    return {"shape": list(x.shape), "data": [float(v) for v in x.detach().reshape(-1).tolist()]}


def run(ops_fn, x, value_outputs, index_outputs=(), values_only=False, hvp=False):
    """value_outputs/index_outputs: which returned items are values (differentiable) or indices."""
    x = x.clone().requires_grad_(True)
    outs = ops_fn(x)
    if not isinstance(outs, (list, tuple)):
        outs = [outs]
    case = {"input": dump(x), "values": [dump(outs[i]) for i in value_outputs],
            "indices": [] if values_only else [dump(outs[i].to(D)) for i in index_outputs]}
    if values_only:
        case["valuesOnly"] = True
        return case
    weights = [randn(*outs[i].shape) for i in value_outputs]
    loss = sum(((w * outs[i]).sum() for w, i in zip(weights, value_outputs)), torch.zeros((), dtype=D))
    case["weights"] = [dump(w) for w in weights]
    case["loss"] = float(loss)
    g = None
    if loss.requires_grad:
        (g,) = torch.autograd.grad(loss, x, create_graph=hvp, allow_unused=True)
    if g is None:
        g = torch.zeros_like(x)
    case["grad"] = dump(g)
    if hvp and g.requires_grad:
        v = randn(*x.shape)
        (h,) = torch.autograd.grad((g * v).sum(), x, allow_unused=True)
        case["hvpWeights"] = dump(v)
        case["hvp"] = dump(torch.zeros_like(x) + (h if h is not None else 0))
    return case


cases = []


def add(name, op, params, fn, x, value_outputs=(0,), index_outputs=(), values_only=False, hvp=False):
    c = {"name": name, "op": op, "params": params}
    c.update(run(fn, x, list(value_outputs), list(index_outputs), values_only, hvp))
    cases.append(c)


zeros1 = t([1.5, 0.0, -2.0, 0.7, 0.0, 3.0, 1.1, -0.4, 0.0, 0.0, 2.0, 0.5], 3, 4)  # rows: one zero, two, two
zeros_first_last = t([0.0, 1.3, -0.8, 2.0, 0.9, -1.1, 0.6, 0.0], 2, 4)

# ---------------------------------------------------------------- prod
x = randn(3, 4)
add("prod axis 1", "prod", {"axes": [1], "keepDims": False}, lambda a: a.prod(1), x, hvp=True)
add("prod axis -2 keepDims", "prod", {"axes": [-2], "keepDims": True}, lambda a: a.prod(0, keepdim=True), x, hvp=True)
add("prod all", "prodAll", {}, lambda a: a.prod(), randn(2, 3), hvp=True)
add("prod with zeros axis 1", "prod", {"axes": [1], "keepDims": False}, lambda a: a.prod(1), zeros1, hvp=True)
add("prod with zeros axis 0", "prod", {"axes": [0], "keepDims": False}, lambda a: a.prod(0), zeros1, hvp=True)
add("prod all one zero", "prodAll", {}, lambda a: a.prod(), t([1.5, -2.0, 0.0, 0.7, 3.0, 1.1], 2, 3), hvp=True)
# PyTorch's prod() returns a constant zero gradient for two or more zeros, not differentiable again
# (the mixed second derivative of the two zeros is the product of the others): first order only
add("prod all two zeros", "prodAll", {}, lambda a: a.prod(), t([1.5, 0.0, 0.0, 0.7], 4))

# ---------------------------------------------------------------- std
x = randn(3, 5)
add("std default (unbiased) all", "stdAll", {}, lambda a: a.std(), x, hvp=True)
add("std axis 1 unbiased", "std", {"axes": [1], "keepDims": False, "correction": 1}, lambda a: a.std(1), x, hvp=True)
add("std axis 0 population keepDims", "std", {"axes": [0], "keepDims": True, "correction": 0},
    lambda a: a.std(0, unbiased=False, keepdim=True), x, hvp=True)
add("std axes 0,1", "std", {"axes": [0, 1], "keepDims": False, "correction": 1}, lambda a: a.std((0, 1)), x)

# ---------------------------------------------------------------- norm
x = randn(3, 4)
for p in [1.0, 2.0, 3.0, 0.5, INF, -INF, 0.0]:
    smooth = p not in (INF, -INF, 0.0)
    add("norm p=%s axis 1" % p, "norm", {"p": p, "axes": [1], "keepDims": False},
        lambda a, p=p: torch.linalg.vector_norm(a, ord=p, dim=1), x, hvp=smooth)
    add("norm p=%s all" % p, "normAll", {"p": p}, lambda a, p=p: torch.linalg.vector_norm(a, ord=p), x)
add("norm p=2 at the zero vector", "norm", {"p": 2.0, "axes": [1], "keepDims": True},
    lambda a: torch.linalg.vector_norm(a, ord=2, dim=1, keepdim=True), t([0, 0, 0, 1, -2, 2], 2, 3))
add("norm p=3 at the zero vector", "norm", {"p": 3.0, "axes": [1], "keepDims": False},
    lambda a: torch.linalg.vector_norm(a, ord=3, dim=1), t([0, 0, 0, 1, -2, 2], 2, 3))
add("norm p=1 with zeros", "norm", {"p": 1.0, "axes": [0], "keepDims": False},
    lambda a: torch.linalg.vector_norm(a, ord=1, dim=0), zeros1)
add("norm p=inf with ties", "norm", {"p": INF, "axes": [1], "keepDims": False},
    lambda a: torch.linalg.vector_norm(a, ord=INF, dim=1), t([1, -3, 3, 2, 0.5, 0.5], 2, 3))
add("norm p=2 axes 0,2", "norm", {"p": 2.0, "axes": [0, 2], "keepDims": False},
    lambda a: torch.linalg.vector_norm(a, ord=2, dim=(0, 2)), randn(2, 3, 2), hvp=True)

# ---------------------------------------------------------------- scans
x = randn(3, 4)
add("cumsum axis 1", "cumsum", {"axis": 1}, lambda a: a.cumsum(1), x)
add("cumsum axis -2", "cumsum", {"axis": -2}, lambda a: a.cumsum(0), x)
add("cumprod axis 1", "cumprod", {"axis": 1}, lambda a: a.cumprod(1), x, hvp=True)
add("cumprod axis 0", "cumprod", {"axis": 0}, lambda a: a.cumprod(0), randn(3, 2, 2), hvp=True)
add("cumprod with zeros axis 1", "cumprod", {"axis": 1}, lambda a: a.cumprod(1), zeros1, hvp=True)
add("cumprod with zeros axis 0", "cumprod", {"axis": 0}, lambda a: a.cumprod(0), zeros1, hvp=True)
add("cumprod zeros first and last", "cumprod", {"axis": -1}, lambda a: a.cumprod(-1), zeros_first_last, hvp=True)
add("logcumsumexp axis 1", "logCumSumExp", {"axis": 1}, lambda a: torch.logcumsumexp(a, 1), x, hvp=True)
add("logcumsumexp large magnitudes", "logCumSumExp", {"axis": 0},
    lambda a: torch.logcumsumexp(a, 0), t([1000, -1000, 999, 1001, -1000, 0, 3, -999], 4, 2), hvp=True)

# ---------------------------------------------------------------- argmax / argmin (indices only)
ties_nan = t([3, 1, 3, NAN, 2, NAN, 0, 0, -1, 4, 4, 4], 3, 4)
for op in ["argmax", "argmin"]:
    f = getattr(torch, op)
    add(op + " ties axis 1", op, {"axis": 1, "keepDims": False}, lambda a, f=f: [f(a, 1)],
        t([3, 1, 3, 2, 2, 5, 5, 0, -1, -1, 4, -1], 3, 4), value_outputs=(), index_outputs=(0,))
    add(op + " ties and NaN axis 1", op, {"axis": 1, "keepDims": True}, lambda a, f=f: [f(a, 1, keepdim=True)],
        ties_nan, value_outputs=(), index_outputs=(0,))
    add(op + " ties and NaN axis 0", op, {"axis": 0, "keepDims": False}, lambda a, f=f: [f(a, 0)],
        ties_nan, value_outputs=(), index_outputs=(0,))
    add(op + " all", op + "All", {}, lambda a, f=f: [f(a)], t([2, 5, 1, 5, 1, 0], 2, 3),
        value_outputs=(), index_outputs=(0,))

# ---------------------------------------------------------------- sort (stable), topk
sort_x = t([3, 1, 2, 1, 3, 0, -0.0, 2, 5, 5, 5, 1], 3, 4)
for desc in [False, True]:
    add("sort ties axis 1 descending=%s" % desc, "sort", {"axis": 1, "descending": desc},
        lambda a, d=desc: list(torch.sort(a, stable=True, dim=1, descending=d)), sort_x, (0,), (1,), hvp=True)
    add("sort ties axis 0 descending=%s" % desc, "sort", {"axis": 0, "descending": desc},
        lambda a, d=desc: list(torch.sort(a, stable=True, dim=0, descending=d)), sort_x, (0,), (1,))
    add("sort NaN axis 1 descending=%s" % desc, "sort", {"axis": -1, "descending": desc},
        lambda a, d=desc: list(torch.sort(a, stable=True, dim=-1, descending=d)), ties_nan, (0,), (1,))
x = randn(3, 5)
add("topk 2 axis 1", "topk", {"k": 2, "axis": 1}, lambda a: list(torch.topk(a, 2, 1)), x, (0,), (1,), hvp=True)
add("topk 3 axis 0", "topk", {"k": 3, "axis": 0}, lambda a: list(torch.topk(a, 3, 0)), x, (0,), (1,))
add("topk 0", "topk", {"k": 0, "axis": 1}, lambda a: list(torch.topk(a, 0, 1)), x, (0,), (1,))
add("topk NaN first", "topk", {"k": 3, "axis": 1}, lambda a: list(torch.topk(a, 3, 1)),
    t([1, NAN, 2, 0, 5, 3], 2, 3), (0,), (1,))
add("topk ties (values only)", "topk", {"k": 3, "axis": 1}, lambda a: list(torch.topk(a, 3, 1)),
    sort_x, (0,), (1,), values_only=True)

# ---------------------------------------------------------------- median
x = randn(3, 5)
add("median axis 1 odd", "median", {"axis": 1, "keepDims": False}, lambda a: list(torch.median(a, 1)), x, (0,), (1,))
add("median axis 0 even (lower)", "median", {"axis": 0, "keepDims": True},
    lambda a: list(torch.median(a, 0, keepdim=True)), randn(4, 3), (0,), (1,))
add("median NaN axis 1", "median", {"axis": 1, "keepDims": False}, lambda a: list(torch.median(a, 1)),
    t([1, NAN, 2, NAN, 0, 5, 3, 4], 2, 4), (0,), (1,))
# among equal values PyTorch returns the position a stable sort puts at (n-1)/2 here, as chainrule does
add("median ties axis 1", "median", {"axis": 1, "keepDims": False}, lambda a: list(torch.median(a, 1)), sort_x, (0,), (1,))
add("median ties axis 0", "median", {"axis": 0, "keepDims": False}, lambda a: list(torch.median(a, 0)),
    t([2, 1, 2, 1, 2, 1, 1, 1, 2, 2, 0, 0], 4, 3), (0,), (1,))
add("median all odd", "medianAll", {}, lambda a: a.median(), randn(3, 3))
add("median all ties share the gradient", "medianAll", {}, lambda a: a.median(), t([2, 1, 2, 1, 2, 1], 2, 3))
add("median all NaN", "medianAll", {}, lambda a: a.median(), t([2, NAN, 1, NAN], 4))

# ---------------------------------------------------------------- deliberate differences: what torch says
differences = {}
differences["topk ties axis 1, indices"] = [float(v) for v in torch.topk(sort_x, 3, 1).indices.reshape(-1).tolist()]
lead = t([-INF, -INF, 1.0, 2.0], 4).requires_grad_(True)
torch.logcumsumexp(lead, 0).sum().backward()
differences["logcumsumexp of [-inf, -inf, 1, 2], gradient"] = [float(v) for v in lead.grad.tolist()]

print(json.dumps({"torch": torch.__version__, "cases": cases, "differences": differences}))
