#!/usr/bin/env python3
"""Writes the PyTorch reference that TorchReferenceTest compares chainrule's optimizers with.

Run once where PyTorch is installed (Debian: apt-get install python3-torch), from the repo root:
    /usr/bin/python3 nn/src/test/python/torch_optim_reference.py > nn/src/test/resources/optim/torch_reference.json
The problem is the quadratic of OptimizerTrajectoryTest: f(θ) = Σ ½·a_i·(θ_i − c_i)², whose gradient
a·(θ − c) is written into p.grad before each of 100 steps. Everything is float64.
"""
import json
import math
import torch

A = torch.tensor([1.0, 4.0, 0.25], dtype=torch.float64)
C = torch.tensor([1.0, -2.0, 0.5], dtype=torch.float64)
THETA0 = [0.3, 0.7, -1.2]
STEPS = 100

CONFIGS = {
    "sgd_plain": (torch.optim.SGD, dict(lr=0.1)),
    "sgd_momentum": (torch.optim.SGD, dict(lr=0.05, momentum=0.9)),
    "sgd_dampening": (torch.optim.SGD, dict(lr=0.05, momentum=0.8, dampening=0.3)),
    "sgd_nesterov": (torch.optim.SGD, dict(lr=0.05, momentum=0.9, nesterov=True)),
    "sgd_wd_nesterov": (torch.optim.SGD, dict(lr=0.03, momentum=0.7, nesterov=True, weight_decay=0.1)),
    "rmsprop_default": (torch.optim.RMSprop, dict()),
    "rmsprop_centered": (torch.optim.RMSprop, dict(lr=0.01, alpha=0.9, centered=True)),
    "rmsprop_momentum": (torch.optim.RMSprop, dict(lr=0.005, momentum=0.9)),
    "rmsprop_all": (torch.optim.RMSprop, dict(lr=0.005, alpha=0.95, eps=1e-6, weight_decay=0.05, momentum=0.5,
                                              centered=True)),
    "adam_default": (torch.optim.Adam, dict()),
    "adam_betas": (torch.optim.Adam, dict(lr=0.05, betas=(0.8, 0.99))),
    "adam_wd": (torch.optim.Adam, dict(lr=0.02, weight_decay=0.1)),
    "adam_amsgrad": (torch.optim.Adam, dict(lr=0.05, amsgrad=True)),
    "adam_all": (torch.optim.Adam, dict(lr=0.05, eps=1e-3, weight_decay=0.2, amsgrad=True)),
    "adamw_default": (torch.optim.AdamW, dict(lr=0.02)),
    "adamw_all": (torch.optim.AdamW, dict(lr=0.03, weight_decay=0.5, amsgrad=True, betas=(0.85, 0.995))),
}


def trajectory(cls, kwargs):
    p = torch.nn.Parameter(torch.tensor(THETA0, dtype=torch.float64))
    opt = cls([p], **kwargs)
    out = []
    for _ in range(STEPS):
        opt.zero_grad()
        with torch.no_grad():
            p.grad = A * (p.detach() - C)
        opt.step()
        out.append(p.detach().tolist())
    return out


def schedules():
    def run(make, epochs=12):
        p = torch.nn.Parameter(torch.zeros(1, dtype=torch.float64))
        opt = torch.optim.SGD([p], lr=0.1)
        s = make(opt)
        lrs = []
        for _ in range(epochs):
            opt.step()
            s.step()
            lrs.append(opt.param_groups[0]["lr"])
        return lrs
    return {
        "step_3_0.5": run(lambda o: torch.optim.lr_scheduler.StepLR(o, 3, 0.5)),
        "exponential_0.9": run(lambda o: torch.optim.lr_scheduler.ExponentialLR(o, 0.9)),
        "cosine_10_0.001": run(lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, 10, 0.001), epochs=10),
    }


def clipping():
    cases = {}
    for name, norm in (("2", 2.0), ("1", 1.0), ("3", 3.0), ("inf", math.inf)):
        a = torch.nn.Parameter(torch.zeros(3, dtype=torch.float64))
        b = torch.nn.Parameter(torch.zeros(2, dtype=torch.float64))
        a.grad = torch.tensor([1.5, -2.0, 0.5], dtype=torch.float64)
        b.grad = torch.tensor([3.0, -0.25], dtype=torch.float64)
        total = torch.nn.utils.clip_grad_norm_([a, b], max_norm=1.0, norm_type=norm)
        cases[name] = {"total": float(total), "grads": a.grad.tolist() + b.grad.tolist()}
    return cases


if __name__ == "__main__":
    print(json.dumps({
        "torch": torch.__version__,
        "theta0": THETA0, "a": A.tolist(), "c": C.tolist(),
        "trajectories": {k: trajectory(cls, kw) for k, (cls, kw) in CONFIGS.items()},
        "schedules": schedules(),
        "clipping": clipping(),
    }, indent=None))
