#!/usr/bin/env python3
"""Writes the PyTorch reference that TorchLossOptionsReferenceTest compares chainrule's loss options with.

Run once where PyTorch is installed (Debian: apt-get install python3-torch), from the repo root:
    /usr/bin/python3 nn/src/test/python/torch_loss_options_reference.py > nn/src/test/resources/loss/torch_options_reference.json
Every case is self-describing: the loss, its input (shape and row-major data), its labels or
target, the options (weight, pos_weight, ignore_index, label_smoothing, reduction), a fixed seed
of the output's shape, the value and the gradient of sum(loss * seed) in the input. NaN is written
as the JSON extension NaN (Jackson reads it with ALLOW_NON_NUMERIC_NUMBERS).
"""
import json
import torch
import torch.nn.functional as F

D = torch.float64

X = [[0.3, -1.2, 2.0, 0.5], [1.5, 0.1, -0.7, -2.2], [-0.4, 0.9, 0.0, 1.1]]
LOGP = torch.log_softmax(torch.tensor(X, dtype=D), 1).tolist()
W = [0.5, 2.0, 1.0, 1.5]
Q = [[0.1, 0.2, 0.3, 0.4], [0.7, 0.0, 0.3, 0.0], [0.25, 0.25, 0.25, 0.25]]
T = [[0.2, 0.0, 1.0, 0.7], [1.0, 0.5, 0.3, 0.0], [0.9, 0.1, 0.0, 1.0]]
P = [[0.1, 0.8, 0.45, 0.99], [0.6, 0.02, 0.3, 0.5], [0.7, 0.2, 0.9, 0.35]]
PM = [[1, -1, 1, -1], [-1, -1, 1, 1], [1, 1, -1, 1]]
BW = [[1.0, 0.5, 2.0, 0.0], [1.5, 1.0, 0.25, 3.0], [0.75, 2.0, 1.0, 0.5]]
PW = [3.0, 0.5, 1.0, 2.0]
# (N, C, d1, d2) = (2, 3, 2, 2) logits, labels (2, 2, 2)
X4 = torch.linspace(-2.0, 2.5, 24, dtype=D).sin().mul(3).reshape(2, 3, 2, 2).tolist()
Y4 = [[[0, 2], [1, -100]], [[2, 2], [0, 1]]]
W3 = [1.5, 0.5, 2.0]
Q4 = torch.linspace(0.1, 1.0, 24, dtype=D).cos().reshape(2, 3, 2, 2).softmax(1).tolist()


def flat(v):
    return torch.tensor(v, dtype=D).flatten().tolist()


def shape(v):
    return list(torch.tensor(v, dtype=D).shape)


def seed_for(out):
    n = out.numel()
    return torch.linspace(-1.0, 1.5, n, dtype=D).reshape(out.shape) if n > 1 else torch.ones_like(out)


cases = {}


def case(name, loss, x, fn, labels=None, target=None, **opts):
    xt = torch.tensor(x, dtype=D, requires_grad=True)
    out = fn(xt)
    seed = seed_for(out)
    (out * seed).sum().backward()
    c = {"loss": loss, "input": {"shape": shape(x), "data": flat(x)}}
    if labels is not None:
        c["labels"] = torch.tensor(labels).flatten().tolist()
    if target is not None:
        c["target"] = {"shape": shape(target), "data": flat(target)}
    for k, v in opts.items():
        if v is not None:
            c[k] = {"shape": shape(v), "data": flat(v)} if k in ("weight", "pos_weight") else v
    c["seed"] = seed.flatten().tolist()
    c["value"] = {"shape": list(out.shape), "data": out.detach().flatten().tolist()}
    c["grad"] = xt.grad.flatten().tolist()
    cases[name] = c


def tens(v):
    return None if v is None else torch.tensor(v, dtype=D)


def ce(name, x, y, weight=None, ignore_index=None, label_smoothing=0.0, reduction="mean"):
    kw = {} if ignore_index is None else {"ignore_index": ignore_index}
    case(name, "cross_entropy", x,
         lambda v: F.cross_entropy(v, torch.tensor(y), weight=tens(weight), reduction=reduction,
                                   label_smoothing=label_smoothing, **kw),
         labels=y, weight=weight, ignore_index=ignore_index, label_smoothing=label_smoothing, reduction=reduction)


def ce_probs(name, x, q, weight=None, label_smoothing=0.0, reduction="mean"):
    case(name, "cross_entropy_probs", x,
         lambda v: F.cross_entropy(v, torch.tensor(q, dtype=D), weight=tens(weight), reduction=reduction,
                                   label_smoothing=label_smoothing),
         target=q, weight=weight, label_smoothing=label_smoothing, reduction=reduction)


def nll(name, x, y, weight=None, ignore_index=None, reduction="mean"):
    kw = {} if ignore_index is None else {"ignore_index": ignore_index}
    case(name, "nll", x,
         lambda v: F.nll_loss(v, torch.tensor(y), weight=tens(weight), reduction=reduction, **kw),
         labels=y, weight=weight, ignore_index=ignore_index, reduction=reduction)


def bce_logits(name, x, t, weight=None, pos_weight=None, reduction="mean"):
    case(name, "bce_logits", x,
         lambda v: F.binary_cross_entropy_with_logits(v, torch.tensor(t, dtype=D), weight=tens(weight),
                                                      pos_weight=tens(pos_weight), reduction=reduction),
         target=t, weight=weight, pos_weight=pos_weight, reduction=reduction)


def bce(name, p, t, weight=None, reduction="mean"):
    case(name, "bce", p,
         lambda v: F.binary_cross_entropy(v, torch.tensor(t, dtype=D), weight=tens(weight), reduction=reduction),
         target=t, weight=weight, reduction=reduction)


for red in ("none", "mean", "sum"):
    ce("ce_" + red, X, [2, 0, 3], reduction=red)
    ce("ce_weight_" + red, X, [2, 0, 3], weight=W, reduction=red)
    ce("ce_ignore_default_" + red, X, [2, -100, 3], reduction=red)
    ce("ce_ignore_1_" + red, X, [1, 0, 1], ignore_index=1, reduction=red)
    ce("ce_weight_ignore_" + red, X, [2, -100, 1], weight=W, reduction=red)
    ce("ce_smooth_" + red, X, [2, 0, 3], label_smoothing=0.1, reduction=red)
    ce("ce_smooth_weight_ignore_" + red, X, [2, 0, -1], weight=W, ignore_index=-1, label_smoothing=0.3,
       reduction=red)
    ce("ce_smooth_full_" + red, X, [2, 0, 3], weight=W, label_smoothing=1.0, reduction=red)
    ce_probs("ce_probs_" + red, X, Q, reduction=red)
    ce_probs("ce_probs_weight_smooth_" + red, X, Q, weight=W, label_smoothing=0.2, reduction=red)
    ce("ce_nd_" + red, X4, Y4, reduction=red)
    ce("ce_nd_weight_smooth_" + red, X4, Y4, weight=W3, label_smoothing=0.25, reduction=red)
    ce_probs("ce_nd_probs_weight_" + red, X4, Q4, weight=W3, label_smoothing=0.1, reduction=red)
    nll("nll_" + red, LOGP, [2, 0, 3], reduction=red)
    nll("nll_weight_ignore_" + red, LOGP, [2, -100, 1], weight=W, reduction=red)
    nll("nll_ignore_3_" + red, LOGP, [3, 0, 3], weight=W, ignore_index=3, reduction=red)
    nll("nll_nd_weight_" + red, X4, Y4, weight=W3, reduction=red)
    bce_logits("bce_logits_" + red, X, T, reduction=red)
    bce_logits("bce_logits_weight_" + red, X, T, weight=BW, reduction=red)
    bce_logits("bce_logits_weight_row_" + red, X, T, weight=W, reduction=red)
    bce_logits("bce_logits_pos_weight_" + red, X, T, pos_weight=PW, reduction=red)
    bce_logits("bce_logits_weight_pos_weight_" + red, X, T, weight=BW, pos_weight=PW, reduction=red)
    bce("bce_" + red, P, T, reduction=red)
    bce("bce_weight_" + red, P, T, weight=W, reduction=red)
    case("mse_" + red, "mse", X, lambda v: F.mse_loss(v, torch.tensor(T, dtype=D), reduction=red),
         target=T, reduction=red)
    case("multi_margin_" + red, "multi_margin", X,
         lambda v: F.multi_margin_loss(v, torch.tensor([2, 0, 3]), reduction=red), labels=[2, 0, 3], reduction=red)
    # binary hinge has no torch function; written out as micrograd's max(0, 1 - y*s)
    hinge = {"none": lambda a: a, "mean": torch.mean, "sum": torch.sum}[red]
    case("hinge_" + red, "hinge", X, lambda v: hinge(torch.relu(1 - torch.tensor(PM, dtype=D) * v)),
         target=PM, reduction=red)



def multi_margin(name, x, y, p=1, margin=1.0, weight=None, reduction="mean"):
    case(name, "multi_margin", x,
         lambda v: F.multi_margin_loss(v, torch.tensor(y), p=p, margin=margin, weight=tens(weight), reduction=reduction),
         labels=y, p=p, margin=margin, weight=weight, reduction=reduction)


# MultiMarginLoss's options, and unbatched (C,) inputs with a 0-d target
for red in ("none", "mean", "sum"):
    multi_margin("multi_margin_p2_" + red, X, [2, 0, 3], p=2, reduction=red)
    multi_margin("multi_margin_margin_" + red, X, [2, 0, 3], margin=0.4, reduction=red)
    multi_margin("multi_margin_p2_margin_weight_" + red, X, [2, 0, 3], p=2, margin=2.5, weight=W, reduction=red)
    multi_margin("multi_margin_weight_" + red, X, [1, 1, 3], weight=W, reduction=red)
    multi_margin("multi_margin_unbatched_" + red, X[1], 2, p=2, margin=0.8, weight=W, reduction=red)
    ce("ce_unbatched_" + red, X[0], 2, reduction=red)
    ce("ce_unbatched_weight_smooth_" + red, X[0], 1, weight=W, label_smoothing=0.2, reduction=red)
    ce_probs("ce_unbatched_probs_weight_" + red, X[2], Q[0], weight=W, label_smoothing=0.1, reduction=red)
    nll("nll_unbatched_weight_" + red, LOGP[1], 3, weight=W, reduction=red)
# an unbatched ignored target: NaN under the mean, 0 under none and sum
ce("ce_unbatched_ignored_sum", X[0], -100, reduction="sum")
ce("ce_unbatched_ignored_none", X[0], -100, reduction="none")

# every target ignored: NaN under the mean (0/0), with a zero gradient, as torch 1.13
ce("ce_all_ignored_mean", X, [-100, -100, -100])
ce("ce_all_ignored_smooth_mean", X, [-100, -100, -100], weight=W, label_smoothing=0.2)
nll("nll_all_ignored_mean", LOGP, [-100, -100, -100])
nll("nll_all_ignored_sum", LOGP, [-100, -100, -100], reduction="sum")
# probabilities at 0 and 1: each log is floored at -100 (the value; see README for the gradient)
cases["bce_saturated_sum"] = {
    "loss": "bce", "input": {"shape": [4], "data": [0.0, 1.0, 0.0, 1.0]},
    "target": {"shape": [4], "data": [1.0, 0.0, 0.0, 1.0]}, "reduction": "sum",
    "value": {"shape": [], "data": [F.binary_cross_entropy(torch.tensor([0.0, 1.0, 0.0, 1.0], dtype=D),
                                                           torch.tensor([1.0, 0.0, 0.0, 1.0], dtype=D),
                                                           reduction="sum").item()]}}

print(json.dumps({"torch": torch.__version__, "cases": cases}))
