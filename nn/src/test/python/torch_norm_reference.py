#!/usr/bin/env python3
"""Writes the PyTorch reference that TorchNormReferenceTest compares BatchNorm1d and LayerNorm with.

Run once where PyTorch is installed (Debian: apt-get install python3-torch), from the repo root:
    /usr/bin/python3 nn/src/test/python/torch_norm_reference.py > nn/src/test/resources/norm/torch_reference.json
Fixed float64 inputs. BatchNorm1d: three training steps (output, gradients of x, weight and bias
for the loss sum(out * C), running statistics after the step), then one eval step. LayerNorm:
output and gradients on a 2-d and a 3-d input.
"""
import json
import torch

torch.set_default_dtype(torch.float64)
g = torch.Generator().manual_seed(15)


def rand(*shape, scale=1.0, shift=0.0):
    return (torch.randn(*shape, generator=g) * scale + shift)


def flat(t):
    return t.detach().flatten().tolist()


def step(module, x, c):
    x = x.clone().requires_grad_(True)
    for p in module.parameters():
        p.grad = None
    out = module(x)
    (out * c).sum().backward()
    return x, out


bn = torch.nn.BatchNorm1d(3, eps=1e-5, momentum=0.1, affine=True)
with torch.no_grad():
    bn.weight.copy_(torch.tensor([1.5, -0.5, 0.8]))
    bn.bias.copy_(torch.tensor([0.1, 0.2, -0.3]))
init = {"weight": flat(bn.weight), "bias": flat(bn.bias)}
steps = []
for i, training in enumerate([True, True, True, False]):
    bn.train(training)
    x = rand(5, 3, scale=2.0, shift=1.0)
    c = rand(5, 3)
    xg, out = step(bn, x, c)
    steps.append({
        "training": training, "x": flat(x), "c": flat(c), "out": flat(out), "grad_x": flat(xg.grad),
        "grad_weight": flat(bn.weight.grad), "grad_bias": flat(bn.bias.grad),
        "running_mean": flat(bn.running_mean), "running_var": flat(bn.running_var),
    })

layer_norm = []
for shape in ([4, 5], [2, 3, 5]):
    ln = torch.nn.LayerNorm(5, eps=1e-5)
    with torch.no_grad():
        ln.weight.copy_(rand(5))
        ln.bias.copy_(rand(5))
    x = rand(*shape, scale=3.0)
    c = rand(*shape)
    xg, out = step(ln, x, c)
    layer_norm.append({
        "shape": shape, "weight": flat(ln.weight), "bias": flat(ln.bias), "x": flat(x), "c": flat(c),
        "out": flat(out), "grad_x": flat(xg.grad), "grad_weight": flat(ln.weight.grad),
        "grad_bias": flat(ln.bias.grad),
    })

print(json.dumps({"torch": torch.__version__, "batch_norm": {"features": 3, "init": init, "steps": steps},
                  "layer_norm": layer_norm}, indent=1))
