#!/usr/bin/env python3
"""Writes the PyTorch reference that TorchLayoutReferenceTest compares chainrule's layout ops and einsum with.

Run where PyTorch is installed (Debian: apt-get install python3-torch), from the repo root:
    /usr/bin/python3 autograd/src/test/python/torch_layout_reference.py > autograd/src/test/resources/layout/torch_reference.json
Fixed float64 inputs (seeded; written into the JSON so the Java test reads the same numbers). For each
case: the op and its arguments (named as chainrule's methods), the outputs, and the gradient of each
input of the loss sum_i sum(W_i * output_i) with fixed random weights W_i (also in the JSON).

PyTorch refuses negative slice steps; those cases index with the list Python's own slicing keeps,
list(range(n))[start:end:step], which is what chainrule's slice(axis, start, end, step) follows.
"""
import json
import torch
import torch.nn.functional as F

torch.manual_seed(12)
D = torch.float64


def randn(*shape):
    return torch.randn(tuple(shape), dtype=D)


def pad(x, widths, value):  # np.pad's per-axis pairs as F.pad's flat list, last axis first
    flat = [w for pair in reversed(widths) for w in pair]
    return F.pad(x, flat, value=value)


def python_slice(x, axis, start, end, step):
    kept = list(range(x.shape[axis]))[start:end:step]
    return torch.index_select(x, axis, torch.tensor(kept, dtype=torch.long))


OPS = {
    "flip": lambda a, x: [torch.flip(x, a["axes"])],
    "roll": lambda a, x: [torch.roll(x, a["shift"], a["axis"])],
    "pad": lambda a, x: [pad(x, a["widths"], a["value"])],
    "repeat": lambda a, x: [x.repeat(*a["reps"])],
    "repeatInterleave": lambda a, x: [torch.repeat_interleave(x, a["repeats"], a["axis"])],
    "rollFlat": lambda a, x: [torch.roll(x, a["shift"])],
    "repeatInterleaveFlat": lambda a, x: [torch.repeat_interleave(x, a["repeats"])],
    "repeatInterleaveCounts": lambda a, x: [torch.repeat_interleave(x, torch.tensor(a["counts"]), a["axis"])],
    "split": lambda a, x: list(torch.split(x, a["size"], a["axis"])),
    "chunk": lambda a, x: list(torch.chunk(x, a["n"], a["axis"])),
    "tril": lambda a, x: [torch.tril(x, a["k"])],
    "triu": lambda a, x: [torch.triu(x, a["k"])],
    "diagonal": lambda a, x: [torch.diagonal(x, dim1=-2, dim2=-1)],
    "trace": lambda a, x: [torch.trace(x)],
    "maskedFill": lambda a, x: [x.masked_fill(torch.tensor(a["mask"]["data"]).reshape(a["mask"]["shape"]).bool(), a["value"])],
    "slice": lambda a, x: [python_slice(x, a["axis"], a["start"], a["end"], a["step"])],
    "einsum": lambda a, *xs: [torch.einsum(a["spec"], *xs)],
}

MASK = {"shape": [3], "data": [1.0, 0.0, 1.0]}

CASES = [
    ("flip two axes", "flip", {"axes": [0, 2]}, [randn(2, 3, 4)]),
    ("flip negative axis", "flip", {"axes": [-1]}, [randn(3, 2)]),
    ("roll forward", "roll", {"shift": 2, "axis": 1}, [randn(2, 5)]),
    ("roll backward past the length", "roll", {"shift": -7, "axis": 0}, [randn(3, 2)]),
    ("pad", "pad", {"widths": [[1, 2], [0, 3]], "value": 1.5}, [randn(2, 3)]),
    ("pad 3-d", "pad", {"widths": [[0, 1], [2, 0], [1, 1]], "value": 0.0}, [randn(2, 2, 2)]),
    ("repeat with a new axis", "repeat", {"reps": [2, 1, 3]}, [randn(2, 3)]),
    ("repeatInterleave", "repeatInterleave", {"repeats": 2, "axis": 1}, [randn(2, 3)]),
    ("repeatInterleave negative axis", "repeatInterleave", {"repeats": 3, "axis": -2}, [randn(2, 2)]),
    ("roll without an axis", "rollFlat", {"shift": 4}, [randn(2, 3)]),
    ("roll without an axis, negative", "rollFlat", {"shift": -8}, [randn(3, 1, 2)]),
    ("repeatInterleave 1-D", "repeatInterleave", {"repeats": 2, "axis": 0}, [randn(3)]),
    ("repeatInterleave flattens", "repeatInterleaveFlat", {"repeats": 3}, [randn(2, 2)]),
    ("repeatInterleave per-element counts", "repeatInterleaveCounts", {"counts": [2, 0, 3], "axis": 1}, [randn(2, 3)]),
    ("repeatInterleave per-element counts, negative axis", "repeatInterleaveCounts", {"counts": [1, 4], "axis": -3},
     [randn(2, 2, 2)]),
    ("split", "split", {"size": 2, "axis": 0}, [randn(5, 2)]),
    ("split last axis", "split", {"size": 3, "axis": -1}, [randn(2, 7)]),
    ("chunk fewer than asked", "chunk", {"n": 4, "axis": 0}, [randn(5, 2)]),
    ("chunk", "chunk", {"n": 3, "axis": 1}, [randn(2, 6)]),
    ("tril below batched", "tril", {"k": -1}, [randn(2, 3, 4)]),
    ("tril above", "tril", {"k": 1}, [randn(4, 3)]),
    ("triu above", "triu", {"k": 1}, [randn(3, 4)]),
    ("triu below batched", "triu", {"k": -2}, [randn(2, 4, 3)]),
    ("diagonal batched", "diagonal", {}, [randn(2, 3, 3)]),
    ("trace", "trace", {}, [randn(3, 3)]),
    ("maskedFill broadcast", "maskedFill", {"mask": MASK, "value": -2.0}, [randn(2, 3)]),
    ("slice step 2", "slice", {"axis": 0, "start": 1, "end": 6, "step": 2}, [randn(6, 2)]),
    ("slice step 3 negative bounds", "slice", {"axis": 1, "start": -7, "end": -1, "step": 3}, [randn(2, 7)]),
    ("slice reversed", "slice", {"axis": 0, "start": 2147483647, "end": -2147483648, "step": -1}, [randn(4, 2)]),
    ("slice step -2", "slice", {"axis": -1, "start": -2, "end": 0, "step": -2}, [randn(2, 6)]),
    ("einsum matmul", "einsum", {"spec": "ij,jk->ik"}, [randn(3, 4), randn(4, 2)]),
    ("einsum batched matmul", "einsum", {"spec": "bij,bjk->bik"}, [randn(2, 3, 4), randn(2, 4, 5)]),
    ("einsum diagonal", "einsum", {"spec": "ii->i"}, [randn(4, 4)]),
    ("einsum trace", "einsum", {"spec": "ii"}, [randn(4, 4)]),
    ("einsum outer", "einsum", {"spec": "i,j->ij"}, [randn(3), randn(4)]),
    ("einsum broadcast matmul", "einsum", {"spec": "...ij,...jk"}, [randn(2, 1, 2, 3), randn(3, 3, 2)]),
    ("einsum A times B transposed", "einsum", {"spec": "bij,kj->bik"}, [randn(2, 3, 4), randn(5, 4)]),
    ("einsum implicit transpose", "einsum", {"spec": "ba"}, [randn(2, 3)]),
    ("einsum uppercase first", "einsum", {"spec": "aB"}, [randn(2, 3)]),
    ("einsum chain of three", "einsum", {"spec": "abc,cd,de->abe"}, [randn(2, 3, 4), randn(4, 3), randn(3, 2)]),
    ("einsum diagonal of a 3-d", "einsum", {"spec": "iij->j"}, [randn(3, 3, 2)]),
    ("einsum sum all", "einsum", {"spec": "ij->"}, [randn(3, 4)]),
    ("einsum dot and scale", "einsum", {"spec": "i,i,->"}, [randn(4), randn(4), randn()]),
    ("einsum batch kept, summed elsewhere", "einsum", {"spec": "bi,bi->b"}, [randn(3, 4), randn(3, 4)]),
    ("einsum ellipsis summed", "einsum", {"spec": "...ij->ji"}, [randn(2, 3, 4)]),
]


def enc(t):
    t = t.detach()
    return {"shape": list(t.shape), "data": t.flatten().tolist()}


cases = []
for name, op, args, inputs in CASES:
    xs = [x.clone().requires_grad_(True) for x in inputs]
    outs = OPS[op](args, *xs)
    weights = [randn(*o.shape) for o in outs]
    loss = sum((w * o).sum() for w, o in zip(weights, outs))
    loss.backward()
    cases.append({"name": name, "op": op, "args": args, "inputs": [enc(x) for x in xs],
                  "outputs": [enc(o) for o in outs], "weights": [enc(w) for w in weights], "loss": loss.item(),
                  "grads": [enc(x.grad) for x in xs]})

print(json.dumps({"torch": torch.__version__, "cases": cases}))
