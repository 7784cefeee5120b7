#!/usr/bin/env python3
"""Writes PyTorch's answers for the README's "Differences from PyTorch" rows on 0-d tensors,
squeeze, expand(-1), ties and retained gradients; PyTorchDifferencesTest pins chainrule's
answer beside each (equal where chainrule follows PyTorch, the recorded difference where not).

Run from the repo root where PyTorch is installed (Debian: apt-get install python3-torch):
    /usr/bin/python3 autograd/src/test/python/torch_differences_reference.py > autograd/src/test/resources/differences/torch_differences.json
"""
import json
import torch

D = torch.float64


def refused(f):
    try:
        f()
        return False
    except (RuntimeError, IndexError):
        return True


def grad_of(f, data):
    x = torch.tensor(data, dtype=D, requires_grad=True)
    f(x).backward()
    return x.grad.tolist()


s = torch.tensor(2.0, dtype=D)
out = {
    "zero_d": {
        "shape_of_scalar": list(torch.tensor(5.0, dtype=D).shape),
        "sum_axis_0": s.sum(0).item(),          # torch lets dim 0 / -1 name the "axis" of a 0-d tensor
        "sum_axis_minus_1": s.sum(-1).item(),
        "T_shape": list(s.T.shape),
        "matmul_refused": refused(lambda: torch.matmul(s, torch.ones(2, dtype=D))),
    },
    "squeeze_non_1_axis_shape": list(torch.ones(2, 3, dtype=D).squeeze(0).shape),
    "expand_minus_1_shape": list(torch.ones(3, 1, dtype=D).expand(-1, 4).shape),
    "expand_minus_1_new_leading_refused": refused(lambda: torch.ones(2, dtype=D).expand(-1, 2)),
    "ties": {
        "maximum": grad_of(lambda x: torch.maximum(x[0:1], x[1:2]).sum(), [3.0, 3.0]),
        "max_all": grad_of(lambda x: x.max(), [1.0, 3.0, 3.0]),
        "max_dim": grad_of(lambda x: x.max(0).values, [1.0, 3.0, 3.0]),
        "amax_dim": grad_of(lambda x: x.amax(0), [1.0, 3.0, 3.0]),
        "argmax": torch.tensor([1.0, 3.0, 3.0], dtype=D).argmax().item(),
        "sort_indices": torch.tensor([3.0, 1.0, 3.0], dtype=D).sort(stable=True).indices.tolist(),
    },
}
x = torch.tensor([1.0, 2.0], dtype=D, requires_grad=True)
y = x * 2
y.retain_grad()
loss = (y * y).sum()
loss.backward(retain_graph=True)
first = y.grad.tolist()
loss.backward()
out["retained"] = {"after_one_pass": first, "after_two_passes": y.grad.tolist()}


class Doubles(torch.autograd.Function):  # a custom backward returning a gradient of a broadcast shape
    @staticmethod
    def forward(ctx, a):
        return a * 2

    @staticmethod
    def backward(ctx, g):
        return torch.ones(2, 3, dtype=D)


a = torch.ones(3, dtype=D, requires_grad=True)
Doubles.apply(a).sum().backward()
out["custom_backward_broadcast_grad"] = a.grad.tolist()
print(json.dumps(out, indent=1))
