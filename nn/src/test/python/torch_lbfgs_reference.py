#!/usr/bin/env python3
"""Writes the PyTorch reference that LBFGSTorchReferenceTest compares chainrule's LBFGS with.

Run once where PyTorch is installed (Debian: apt-get install python3-torch), from the repo root:
    /usr/bin/python3 nn/src/test/python/torch_lbfgs_reference.py > nn/src/test/resources/optim/torch_lbfgs_reference.json
For each configuration torch.optim.LBFGS runs a few step(closure) calls on one problem; the JSON keeps
every point the closure was evaluated at (parameters, loss), what each step returned, the parameters after
each step, and the counters func_evals and n_iter. Everything is float64. The problems:
  rosenbrock  f(x, y) = (1 - x)^2 + 100 (y - x^2)^2 from (-1.5, 2), one parameter of 2 numbers
  logistic    mean(log(1 + exp(z)) - t z) + 0.001 |w|^2, z = X (w * s) + b, s = (1, 6), 12 points, w (2) and b (1) two parameters
  lsq         |A x - c|^2 / 2, A 6x3, x one parameter of 3 numbers
"""
import json
import torch

torch.set_default_dtype(torch.float64)

X = torch.tensor([[0.5, 1.2], [-1.0, 0.3], [1.5, -0.7], [0.2, 0.9], [-0.8, -1.1], [1.1, 0.4],
                  [-0.3, 1.6], [0.9, -1.4], [-1.7, 0.2], [0.4, 0.1], [1.3, 1.0], [-0.6, -0.5]])
T = torch.tensor([1, 0, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1], dtype=torch.float64)
A = torch.tensor([[1.0, 2.0, 0.5], [0.3, -1.0, 2.0], [2.0, 0.1, -0.4], [-1.2, 0.7, 1.1], [0.5, 0.5, 0.5],
                  [1.5, -2.0, 0.3]])
S = torch.tensor([1.0, 6.0])  # an ill-conditioned second feature, so L-BFGS needs 20+ iterations
C = torch.tensor([1.0, -0.5, 2.0, 0.3, 1.2, -1.0])


def rosenbrock(p):
    x, y = p[0][0], p[0][1]
    return (1 - x) ** 2 + 100 * (y - x * x) ** 2


def logistic(p):
    w, b = p
    z = X @ (w * S) + b
    return (torch.log(1 + torch.exp(z)) - T * z).mean() + 0.001 * (w * w).sum()


def lsq(p):
    r = A @ p[0] - C
    return 0.5 * (r * r).sum()


PROBLEMS = {
    "rosenbrock": (rosenbrock, [[-1.5, 2.0]]),
    "logistic": (logistic, [[2.0, -1.0], [1.0]]),
    "lsq": (lsq, [[0.0, 0.0, 0.0]]),
}

# name: (problem, number of step calls, LBFGS options)
CONFIGS = {
    "rosenbrock_none_h3": ("rosenbrock", 3, dict(lr=0.5, max_iter=10, history_size=3)),
    "rosenbrock_wolfe_h3": ("rosenbrock", 3, dict(max_iter=12, history_size=3, line_search_fn="strong_wolfe")),
    "rosenbrock_wolfe_default": ("rosenbrock", 1, dict(max_iter=40, tolerance_grad=1e-12, tolerance_change=1e-14,
                                                       line_search_fn="strong_wolfe")),
    "logistic_none_h2": ("logistic", 2, dict(lr=0.5, max_iter=15, history_size=2, tolerance_grad=1e-14,
                                             tolerance_change=1e-16)),
    "logistic_wolfe_h2": ("logistic", 3, dict(max_iter=10, history_size=2, tolerance_grad=1e-14,
                                              tolerance_change=1e-16, line_search_fn="strong_wolfe")),
    "lsq_wolfe_h2": ("lsq", 2, dict(max_iter=10, max_eval=14, history_size=2, line_search_fn="strong_wolfe")),
    # PyTorch does not pass tolerance_change on to the line search, which keeps its own 1e-9
    "rosenbrock_wolfe_coarse": ("rosenbrock", 1, dict(max_iter=30, tolerance_change=1e-3, line_search_fn="strong_wolfe")),
    "lsq_none_h5": ("lsq", 2, dict(lr=0.3, max_iter=15, history_size=5)),
}


def run(problem, steps, options):
    f, init = PROBLEMS[problem]
    params = [torch.nn.Parameter(torch.tensor(v)) for v in init]
    opt = torch.optim.LBFGS(params, **options)
    evals = []

    def closure():
        opt.zero_grad()
        loss = f(params)
        loss.backward()
        evals.append({"x": [v for p in params for v in p.detach().tolist()], "loss": loss.item()})
        return loss

    returned, after = [], []
    for _ in range(steps):
        returned.append(float(opt.step(closure)))
        after.append([v for p in params for v in p.detach().tolist()])
    state = opt.state[params[0]]
    return {"problem": problem, "steps": steps, "options": options, "evals": evals, "returned": returned,
            "after": after, "func_evals": state["func_evals"], "n_iter": state["n_iter"]}


if __name__ == "__main__":
    print(json.dumps({"torch": torch.__version__,
                      "configs": {k: run(*v) for k, v in CONFIGS.items()}}, indent=None))
