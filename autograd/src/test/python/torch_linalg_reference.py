#!/usr/bin/env python3
"""Writes the PyTorch reference that TorchLinalgReferenceTest compares chainrule's Linalg with.

Run where PyTorch is installed (Debian: apt-get install python3-torch), from the repo root:
    /usr/bin/python3 autograd/src/test/python/torch_linalg_reference.py > autograd/src/test/resources/linalg/torch_reference.json
Fixed float64 inputs (seeded, well-conditioned; written into the JSON so the Java test reads the
same numbers). For each case: the outputs, and the gradient of each input of the loss
sum_i sum(W_i * output_i) with fixed random weights W_i (also in the JSON).

Eigenvectors and singular vectors are only defined up to sign, and LAPACK's QR up to the signs
of R's diagonal; chainrule fixes them (largest-magnitude entry of each eigenvector / left
singular vector positive, R's diagonal nonnegative), so the same normalization is applied here
before the loss, with constant signs (autograd passes through them).
"""
import json
import torch

torch.manual_seed(14)
D = torch.float64


def randn(*shape):
    return torch.randn(tuple(shape), dtype=D)


def well_conditioned(*shape):  # 3 I + noise
    n = shape[-1]
    return 3 * torch.eye(n, dtype=D) + 0.5 * randn(*shape)


def spd(*shape):  # X X^T + n I
    x = randn(*shape)
    return x @ x.mT + shape[-1] * torch.eye(shape[-1], dtype=D)


def spread(*shape):  # leading diagonal 2k, ..., 2 plus noise: distinct, nonzero singular values
    m, n = shape[-2], shape[-1]
    k = min(m, n)
    c = torch.zeros(m, n, dtype=D)
    for i in range(k):
        c[i, i] = 2 * (k - i)
    return c + 0.3 * randn(*shape)


def symmetric(*shape):
    a = spread(*shape)
    return 0.5 * (a + a.mT)


def flip_columns(v):
    """Signs making each column's largest-magnitude entry positive (first on ties), constant."""
    idx = v.abs().argmax(dim=-2, keepdim=True)
    return torch.sign(torch.gather(v, -2, idx)).detach()


def eigh(a):
    l, v = torch.linalg.eigh(a)
    return [l, v * flip_columns(v)]


def svd(a):
    u, s, vh = torch.linalg.svd(a, full_matrices=False)
    f = flip_columns(u)
    return [u * f, s, vh * f.mT]


def qr(a):
    q, r = torch.linalg.qr(a, mode="reduced")
    d = torch.sign(torch.diagonal(r, dim1=-2, dim2=-1)).detach()
    return [q * d.unsqueeze(-2), r * d.unsqueeze(-1)]


OPS = {
    "solve": lambda a, b: [torch.linalg.solve(a, b)],
    "inv": lambda a: [torch.linalg.inv(a)],
    "solveTriangularUpper": lambda a, b: [torch.linalg.solve_triangular(a, b, upper=True)],
    "solveTriangularLower": lambda a, b: [torch.linalg.solve_triangular(a, b, upper=False)],
    "choleskySolve": lambda b, l: [torch.cholesky_solve(b, l, upper=False)],
    "slogdet": lambda a: list(torch.linalg.slogdet(a)),
    "det": lambda a: [torch.linalg.det(a)],
    "logdet": lambda a: [torch.logdet(a)],
    "cholesky": lambda a: [torch.linalg.cholesky(a)],
    "diagonal": lambda a: [torch.diagonal(a, dim1=-2, dim2=-1)],
    "trace": lambda a: [torch.diagonal(a, dim1=-2, dim2=-1).sum(-1)],
    "eigh": eigh,
    "svd": svd,
    "qr": qr,
    "pinv": lambda a: [torch.linalg.pinv(a)],
    "matrixNormFro": lambda a: [torch.linalg.matrix_norm(a, "fro")],
    "matrixNormNuc": lambda a: [torch.linalg.matrix_norm(a, "nuc")],
}


def lower_factor(*shape):
    return torch.linalg.cholesky(spd(*shape))


def odd_det(*shape):  # well-conditioned with the first two rows swapped: negative determinants
    a = well_conditioned(*shape)
    return a[..., [1, 0] + list(range(2, shape[-1])), :]


CASES = [
    ("solve", "solve", [well_conditioned(3, 3), randn(3, 2)]),
    ("solve batched", "solve", [well_conditioned(2, 3, 3), randn(2, 3, 2)]),
    ("inv", "inv", [well_conditioned(4, 4)]),
    ("inv batched", "inv", [well_conditioned(2, 3, 3)]),
    ("solveTriangular upper", "solveTriangularUpper", [well_conditioned(3, 3), randn(3, 2)]),
    ("solveTriangular lower batched", "solveTriangularLower", [well_conditioned(2, 3, 3), randn(2, 3, 2)]),
    ("choleskySolve", "choleskySolve", [randn(3, 2), lower_factor(3, 3)]),
    ("choleskySolve batched", "choleskySolve", [randn(2, 3, 2), lower_factor(2, 3, 3)]),
    ("slogdet", "slogdet", [odd_det(3, 3)]),
    ("det batched", "det", [torch.stack([well_conditioned(3, 3), odd_det(3, 3)])]),
    ("logdet batched", "logdet", [spd(2, 3, 3)]),
    ("cholesky", "cholesky", [spd(4, 4)]),
    ("cholesky batched", "cholesky", [spd(2, 3, 3)]),
    ("diagonal batched", "diagonal", [randn(2, 3, 3)]),
    ("trace", "trace", [randn(3, 3)]),
    ("eigh", "eigh", [symmetric(4, 4)]),
    ("eigh batched", "eigh", [symmetric(2, 3, 3)]),
    ("svd tall", "svd", [spread(4, 3)]),
    ("svd wide", "svd", [spread(3, 5)]),
    ("svd batched", "svd", [spread(2, 3, 3)]),
    ("qr tall", "qr", [spread(4, 3)]),
    ("qr wide", "qr", [spread(3, 4)]),
    ("qr batched", "qr", [spread(2, 3, 3)]),
    ("pinv tall", "pinv", [spread(4, 3)]),
    ("pinv wide batched", "pinv", [spread(2, 2, 3)]),
    ("matrixNorm fro batched", "matrixNormFro", [randn(2, 3, 4)]),
    ("matrixNorm nuc", "matrixNormNuc", [spread(4, 3)]),
    ("matrixNorm nuc batched", "matrixNormNuc", [spread(2, 3, 3)]),
]


def enc(t):
    t = t.detach()
    return {"shape": list(t.shape), "data": t.flatten().tolist()}


cases = []
for name, op, inputs in CASES:
    xs = [x.clone().requires_grad_(True) for x in inputs]
    outs = OPS[op](*xs)
    weights = [randn(*o.shape) for o in outs]
    loss = sum((w * o).sum() for w, o in zip(weights, outs) if o.requires_grad)
    loss.backward()
    cases.append({"name": name, "op": op, "inputs": [enc(x) for x in xs], "outputs": [enc(o) for o in outs],
                  "weights": [enc(w) for w in weights], "loss": loss.item(), "grads": [enc(x.grad) for x in xs]})



def grad_of(fn, x):
    x = x.clone().requires_grad_(True)
    fn(x).backward()
    return x.grad


def text(t):  # NaN is not JSON: numbers as their Python repr
    return [repr(v) for v in t.detach().flatten().tolist()]


# Where chainrule deliberately differs (README "Differences from PyTorch"): torch's behaviour, recorded
W3 = torch.arange(1.0, 10.0, dtype=D).reshape(3, 3)
REPEATED = torch.diag(torch.tensor([1.0, 1.0, 3.0], dtype=D))


def projector(a):  # onto the eigenspace of the repeated eigenvalue: independent of the basis chosen
    v = torch.linalg.eigh(a)[1][:, :2]
    return ((v @ v.T) * W3).sum()


differences = {
    "logdet of a negative determinant": text(torch.logdet(torch.tensor([[0.0, 1], [1, 0]], dtype=D))),
    "eigh basis-invariant loss at a repeated eigenvalue, gradient": text(grad_of(projector, REPEATED)),
    "eigh basis-dependent loss at a repeated eigenvalue, gradient":
        text(grad_of(lambda a: (torch.linalg.eigh(a)[1] * W3).sum(), torch.eye(3, dtype=D))),
    "eigh of a non-symmetric matrix [[2, 1], [0, 2]], eigenvalues":
        text(torch.linalg.eigh(torch.tensor([[2.0, 1], [0, 2]], dtype=D))[0]),
    "det of a singular matrix [[1, 2], [2, 4]], gradient":
        text(grad_of(torch.linalg.det, torch.tensor([[1.0, 2], [2, 4]], dtype=D))),
}

print(json.dumps({"torch": torch.__version__, "cases": cases, "differences": differences}))
