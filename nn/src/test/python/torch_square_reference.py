#!/usr/bin/env python3
"""Writes the square-layer state dict that LinearLayoutTest loads into both of chainrule's model kinds.

Needs PyTorch only (the safetensors file is written by the few lines below, not the safetensors package).
From the repo root:
    python3 nn/src/test/python/torch_square_reference.py
writes, under nn/src/test/resources/pytorch/,
    square_f64.safetensors  state_dict() of Sequential(Linear(3, 3), Tanh(), Linear(3, 3)) in float64
    square_reference.json   the input x [4, 3], the output, and both weights as state_dict() holds them
                            ([out, in], row-major), so the test can check the layout, not only the output
A square layer is the case where a transposed load keeps every shape and silently changes the function.
"""
import json
import os
import struct

import torch

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "pytorch")


def save_safetensors(tensors, path):
    """The safetensors layout: 8-byte little-endian header length, JSON header, then the raw F64 data."""
    header, blobs, offset = {}, [], 0
    for name, t in tensors.items():
        data = t.detach().contiguous().double().numpy().astype("<f8").tobytes()
        header[name] = {"dtype": "F64", "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    header["__metadata__"] = {"format": "pt"}
    h = json.dumps(header, separators=(",", ":")).encode("utf-8")
    h += b" " * (-len(h) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


def main():
    torch.manual_seed(17)
    net = torch.nn.Sequential(torch.nn.Linear(3, 3), torch.nn.Tanh(), torch.nn.Linear(3, 3)).double()
    x = torch.randn(4, 3, dtype=torch.float64)
    with torch.no_grad():
        out = net(x)
    state = net.state_dict()
    save_safetensors(state, os.path.join(HERE, "square_f64.safetensors"))
    ref = {"x": x.flatten().tolist(), "out": out.flatten().tolist(),
           "0.weight": state["0.weight"].flatten().tolist(), "2.weight": state["2.weight"].flatten().tolist(),
           "torch": torch.__version__}
    with open(os.path.join(HERE, "square_reference.json"), "w") as f:
        json.dump(ref, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
