#!/usr/bin/env python3
"""Writes the PyTorch float32 reference that Float32OptimizerReferenceTest compares chainrule's optimizers with.

Run once where PyTorch is installed (Debian: apt-get install python3-torch), from the repo root:
    /usr/bin/python3 nn/src/test/python/torch_optim_f32_reference.py > nn/src/test/resources/optim/torch_f32_reference.json
The problems of torch_optim_reference.py and torch_lbfgs_reference.py, with float32 parameters: PyTorch keeps the
optimizer state in float32 and computes the update in float32 (chainrule keeps float64 state and rounds the
parameter once per step), so the trajectories agree to float32's precision, not bit for bit.
  quadratic  f(θ) = Σ ½·a_i·(θ_i − c_i)², gradient a·(θ − c) computed in float32 and written into p.grad, 100 steps
  lsq        |A x − c|² / 2, A 6x3, with torch.optim.LBFGS (step(closure) twice)
"""
import json
import torch

A = torch.tensor([1.0, 4.0, 0.25], dtype=torch.float32)
C = torch.tensor([1.0, -2.0, 0.5], dtype=torch.float32)
THETA0 = [0.3, 0.7, -1.2]
STEPS = 100

CONFIGS = {
    "sgd_plain": (torch.optim.SGD, dict(lr=0.1)),
    "sgd_momentum": (torch.optim.SGD, dict(lr=0.05, momentum=0.9)),
    "sgd_wd_nesterov": (torch.optim.SGD, dict(lr=0.03, momentum=0.7, nesterov=True, weight_decay=0.1)),
    "rmsprop_default": (torch.optim.RMSprop, dict()),
    "rmsprop_all": (torch.optim.RMSprop, dict(lr=0.005, alpha=0.95, eps=1e-6, weight_decay=0.05, momentum=0.5,
                                              centered=True)),
    "adam_default": (torch.optim.Adam, dict()),
    "adam_all": (torch.optim.Adam, dict(lr=0.05, eps=1e-3, weight_decay=0.2, amsgrad=True)),
    "adamw_default": (torch.optim.AdamW, dict(lr=0.02)),
    "adamw_all": (torch.optim.AdamW, dict(lr=0.03, weight_decay=0.5, amsgrad=True, betas=(0.85, 0.995))),
}

LSQ_A = torch.tensor([[1.0, 2.0, 0.5], [0.3, -1.0, 2.0], [2.0, 0.1, -0.4], [-1.2, 0.7, 1.1], [0.5, 0.5, 0.5],
                      [1.5, -2.0, 0.3]], dtype=torch.float32)
LSQ_C = torch.tensor([1.0, -0.5, 2.0, 0.3, 1.2, -1.0], dtype=torch.float32)
LBFGS_CONFIGS = {
    "lsq_wolfe_h2": dict(max_iter=10, max_eval=14, history_size=2, line_search_fn="strong_wolfe"),
    "lsq_none_h5": dict(lr=0.3, max_iter=15, history_size=5),
}


def trajectory(cls, kwargs):
    p = torch.nn.Parameter(torch.tensor(THETA0, dtype=torch.float32))
    opt = cls([p], **kwargs)
    out = []
    for _ in range(STEPS):
        opt.zero_grad()
        with torch.no_grad():
            p.grad = A * (p.detach() - C)
        opt.step()
        assert p.dtype == torch.float32
        out.append(p.detach().tolist())
    return out


def lbfgs(options):
    p = torch.nn.Parameter(torch.zeros(3, dtype=torch.float32))
    opt = torch.optim.LBFGS([p], **options)

    def closure():
        opt.zero_grad()
        r = LSQ_A @ p - LSQ_C
        loss = 0.5 * (r * r).sum()
        loss.backward()
        return loss

    after = []
    for _ in range(2):
        opt.step(closure)
        after.append(p.detach().tolist())
    return {"options": options, "after": after}


if __name__ == "__main__":
    print(json.dumps({
        "torch": torch.__version__,
        "theta0": THETA0, "a": A.tolist(), "c": C.tolist(),
        "trajectories": {k: trajectory(cls, kw) for k, (cls, kw) in CONFIGS.items()},
        "lsq_a": LSQ_A.tolist(), "lsq_c": LSQ_C.tolist(),
        "lbfgs": {k: lbfgs(o) for k, o in LBFGS_CONFIGS.items()},
    }, indent=None))
