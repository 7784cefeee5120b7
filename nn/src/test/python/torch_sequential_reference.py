#!/usr/bin/env python3
"""Writes the PyTorch state dicts and outputs that PyTorchCheckpointTest loads and compares with.

Needs PyTorch and the safetensors package. From the repo root:
    python3 nn/src/test/python/torch_sequential_reference.py
writes, under nn/src/test/resources/pytorch/,
    sequential_f64.safetensors  state_dict() of Sequential(Linear(3, 5), Tanh(), Linear(5, 4), Tanh(), Linear(4, 2))
                                in float64, saved with safetensors.torch.save_file
    sequential_f32.safetensors  the same model after .float()
    reference.json              the input x [6, 3] and both models' outputs (the float32 one evaluated in
                                float64 on its rounded weights, so Java can match it to 1e-12 too)
Then
    python3 nn/src/test/python/torch_sequential_reference.py --check nn/target/pytorch/roundtrip.safetensors
loads the file PyTorchCheckpointTest saved with Checkpoint.savePyTorch into a fresh torch.nn.Sequential
with load_state_dict(safetensors.torch.load_file(...)) and checks its output equals the float64 reference.
"""
import json
import os
import sys

import torch
from safetensors.torch import load_file, save_file

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "pytorch")


def model():
    return torch.nn.Sequential(torch.nn.Linear(3, 5), torch.nn.Tanh(), torch.nn.Linear(5, 4), torch.nn.Tanh(),
                               torch.nn.Linear(4, 2)).double()


def main():
    torch.manual_seed(16)
    net = model()
    x = torch.randn(6, 3, dtype=torch.float64)
    with torch.no_grad():
        out64 = net(x)
        net32 = model()
        net32.load_state_dict({k: v.float().double() for k, v in net.state_dict().items()})
        out32 = net32(x)
    save_file({k: v.contiguous() for k, v in net.state_dict().items()}, os.path.join(HERE, "sequential_f64.safetensors"))
    save_file({k: v.float().contiguous() for k, v in net.state_dict().items()},
              os.path.join(HERE, "sequential_f32.safetensors"))
    ref = {"x": x.flatten().tolist(), "out_f64": out64.flatten().tolist(), "out_f32": out32.flatten().tolist(),
           "torch": torch.__version__}
    with open(os.path.join(HERE, "reference.json"), "w") as f:
        json.dump(ref, f, indent=1)
        f.write("\n")


def check(path):
    with open(os.path.join(HERE, "reference.json")) as f:
        ref = json.load(f)
    net = model()
    net.load_state_dict(load_file(path))  # strict: every name and shape must match
    x = torch.tensor(ref["x"], dtype=torch.float64).reshape(6, 3)
    with torch.no_grad():
        diff = (net(x).flatten() - torch.tensor(ref["out_f64"], dtype=torch.float64)).abs().max().item()
    print("load_state_dict accepted %s; largest output difference %.3g" % (path, diff))
    sys.exit(0 if diff <= 1e-12 else 1)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        check(sys.argv[2])
    else:
        main()
