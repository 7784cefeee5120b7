#!/usr/bin/python3
"""PyTorch CPU performance anchors. Prints one JSON object per line (per measurement).

The reference that `chainrule bench --compare` divides by (the benchmark extracts this script
from its jar; this copy in the repository is the one that runs).

Run with Debian's interpreter (sees python3-torch):
    /usr/bin/python3 torch_reference.py                      # everything, threads 1 and 2
    /usr/bin/python3 torch_reference.py --sections matmul --threads 1
BLAS selection (Debian's libtorch links libblas.so.3 via alternatives); to force one:
    LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/blas             ... (netlib reference BLAS)
    LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-pthread ... (OpenBLAS, if installed)
OpenBLAS picks its kernels for the CPU it detects; an older OpenBLAS that does not know the CPU
falls back to slow generic kernels, and OPENBLAS_CORETYPE=Haswell|Zen|SkylakeX|Cooperlake
overrides the choice. The env line names the core OpenBLAS chose ("openblas_core").
"""
import argparse
import ctypes
import json
import os
import re
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

DTYPES = {"f64": torch.float64, "f32": torch.float32}


def loaded_blas():
    """Resolved paths of BLAS/LAPACK shared objects mapped into this process."""
    libs = set()
    with open("/proc/self/maps") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 6 and ("blas" in parts[5] or "lapack" in parts[5]):
                libs.add(parts[5])
    return sorted(libs)


def set_threads(n):
    """torch intra-op threads; also OpenBLAS's own pool if the loaded libblas is OpenBLAS
    (torch.set_num_threads does not reach a pthread OpenBLAS)."""
    torch.set_num_threads(n)
    blas_threads = None
    for path in loaded_blas():
        if "libopenblas" in path:
            lib = ctypes.CDLL(path)  # already mapped: returns the loaded object
            lib.openblas_set_num_threads(ctypes.c_int(n))
            blas_threads = lib.openblas_get_num_threads()
    return blas_threads


def openblas_core():
    """The core type the loaded OpenBLAS chose (openblas_get_corename), or None."""
    for path in loaded_blas():
        if "libopenblas" in path:
            lib = ctypes.CDLL(path)
            lib.openblas_get_corename.restype = ctypes.c_char_p
            return lib.openblas_get_corename().decode()
    return None


def emit(rec, args):
    rec["tag"] = args.tag
    print(json.dumps(rec), flush=True)


def time_batch(fn, min_time):
    """Run fn repeatedly until >= min_time seconds; return seconds per call."""
    k = 1
    while True:
        t0 = time.perf_counter()
        for _ in range(k):
            fn()
        dt = time.perf_counter() - t0
        if dt >= min_time:
            return dt / k
        k = max(k * 2, int(k * min_time / max(dt, 1e-9) * 1.1) + 1)


def bench_matmul(args, threads, blas_threads):
    for dname in args.dtypes:
        dt = DTYPES[dname]
        for n in args.sizes:
            g = torch.Generator().manual_seed(1234 + n)
            a = torch.randn(n, n, generator=g, dtype=torch.float64).to(dt)
            b = torch.randn(n, n, generator=g, dtype=torch.float64).to(dt)
            c = torch.empty(n, n, dtype=dt)
            fn = lambda: torch.mm(a, b, out=c)
            time_batch(fn, args.warmup_time)  # warm-up
            per = [time_batch(fn, args.min_time) for _ in range(args.repeats)]
            flops = 2.0 * n ** 3
            gf = sorted(flops / t / 1e9 for t in per)
            emit({"bench": "matmul", "dtype": dname, "n": n, "threads": threads,
                  "blas_threads": blas_threads,
                  "gflops_median": round(statistics.median(gf), 3),
                  "gflops_min": round(gf[0], 3), "gflops_max": round(gf[-1], 3),
                  "ms_median": round(statistics.median(per) * 1e3, 4),
                  "repeats": args.repeats}, args)


def make_mlp(sizes):
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(nn.Linear(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2:
            layers.append(nn.ReLU())
    return nn.Sequential(*layers)


MLP_CONFIGS = {"small": ([64, 128, 64, 10], 64), "mnist": ([784, 512, 256, 10], 128)}


def bench_mlp(args, threads, blas_threads):
    for cfg in args.mlps:
        sizes, batch = MLP_CONFIGS[cfg]
        for dname in args.dtypes:
            dt = DTYPES[dname]
            torch.manual_seed(0)
            model = make_mlp(sizes).to(dt)
            opt = torch.optim.Adam(model.parameters(), lr=1e-3)
            g = torch.Generator().manual_seed(42)
            nb = 16  # pool of pre-generated random batches, cycled
            xs = [torch.randn(batch, sizes[0], generator=g, dtype=torch.float64).to(dt) for _ in range(nb)]
            ys = [torch.randint(0, sizes[-1], (batch,), generator=g) for _ in range(nb)]

            def step(i):
                out = model(xs[i % nb])
                loss = F.cross_entropy(out, ys[i % nb])
                loss.backward()
                opt.step()
                opt.zero_grad()  # torch 1.13 default: set_to_none=False
                return loss

            t0 = time.perf_counter()
            for i in range(args.mlp_warmup):
                step(i)
            steps = args.mlp_steps
            if args.mlp_min_time > 0:  # adapt step count so one repeat lasts ~mlp_min_time s (slow BLAS)
                est = (time.perf_counter() - t0) / max(args.mlp_warmup, 1)
                steps = max(5, min(args.mlp_steps, int(args.mlp_min_time / max(est, 1e-9)) + 1))
            per_step = []
            for r in range(args.mlp_repeats):
                t0 = time.perf_counter()
                for i in range(steps):
                    loss = step(i)
                per_step.append((time.perf_counter() - t0) / steps)
            sps = sorted(batch / t for t in per_step)
            emit({"bench": "mlp", "arch": "-".join(map(str, sizes)), "batch": batch,
                  "dtype": dname, "threads": threads, "blas_threads": blas_threads,
                  "samples_per_s_median": round(statistics.median(sps), 1),
                  "samples_per_s_min": round(sps[0], 1), "samples_per_s_max": round(sps[-1], 1),
                  "ms_per_step_median": round(statistics.median(per_step) * 1e3, 4),
                  "steps": steps, "warmup": args.mlp_warmup,
                  "repeats": args.mlp_repeats, "final_loss": round(float(loss), 4)}, args)


def chain(x, n_ops):
    # op i: mul by 1.0001, add 0.0001, tanh -- cycled; exactly n_ops recorded ops
    for i in range(n_ops):
        r = i % 3
        if r == 0:
            x = x * 1.0001
        elif r == 1:
            x = x + 0.0001
        else:
            x = torch.tanh(x)
    return x


def bench_overhead(args, threads, blas_threads):
    n = args.chain_ops
    fwd, bwd, tot, nograd = [], [], [], []
    for r in range(args.warmup_chains + args.chain_repeats):
        x0 = torch.full((1,), 0.5, dtype=torch.float64, requires_grad=True)
        t0 = time.perf_counter()
        y = chain(x0, n)
        t1 = time.perf_counter()
        y.sum().backward()
        t2 = time.perf_counter()
        with torch.no_grad():
            t3 = time.perf_counter()
            chain(x0.detach(), n)
            t4 = time.perf_counter()
        if r >= args.warmup_chains:
            fwd.append(t1 - t0); bwd.append(t2 - t1); tot.append(t2 - t0); nograd.append(t4 - t3)
    med = statistics.median
    emit({"bench": "overhead_chain", "ops": n, "dtype": "f64", "numel": 1, "threads": threads,
          "fwd_ms": round(med(fwd) * 1e3, 3), "bwd_ms": round(med(bwd) * 1e3, 3),
          "total_ms": round(med(tot) * 1e3, 3),
          "ns_per_op_fwd": round(med(fwd) / n * 1e9, 1),
          "ns_per_op_bwd": round(med(bwd) / n * 1e9, 1),
          "ns_per_op_total": round(med(tot) / n * 1e9, 1),
          "ns_per_op_nograd_fwd": round(med(nograd) / n * 1e9, 1),
          "total_ms_min": round(min(tot) * 1e3, 3), "total_ms_max": round(max(tot) * 1e3, 3),
          "repeats": args.chain_repeats, "grad": float(x0.grad)}, args)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sections", nargs="+", default=["matmul", "mlp", "overhead"],
                   choices=["matmul", "mlp", "overhead"])
    p.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    p.add_argument("--dtypes", nargs="+", default=["f64", "f32"], choices=list(DTYPES))
    p.add_argument("--sizes", type=int, nargs="+", default=[64, 128, 256, 512, 1024])
    p.add_argument("--repeats", type=int, default=7, help="matmul timing repeats (median taken)")
    p.add_argument("--min-time", type=float, default=0.3, help="seconds per matmul timing batch")
    p.add_argument("--warmup-time", type=float, default=0.5)
    p.add_argument("--mlps", nargs="+", default=["small", "mnist"], choices=list(MLP_CONFIGS))
    p.add_argument("--mlp-steps", type=int, default=200)
    p.add_argument("--mlp-warmup", type=int, default=20)
    p.add_argument("--mlp-repeats", type=int, default=3)
    p.add_argument("--mlp-min-time", type=float, default=0.0,
                   help="if >0, steps per repeat chosen so a repeat lasts about this many seconds")
    p.add_argument("--chain-ops", type=int, default=10000)
    p.add_argument("--chain-repeats", type=int, default=7)
    p.add_argument("--warmup-chains", type=int, default=2)
    p.add_argument("--tag", default="")
    args = p.parse_args()

    torch.zeros(4, 4) @ torch.zeros(4, 4)  # make sure BLAS is mapped
    emit({"bench": "env", "torch": torch.__version__, "python": sys.version.split()[0],
          "default_num_threads": torch.get_num_threads(), "blas_libs": loaded_blas(),
          "blas_info": re.findall(r"BLAS_INFO=(\w+)", torch.__config__.show()),
          "openblas_core": openblas_core(), "OPENBLAS_CORETYPE": os.environ.get("OPENBLAS_CORETYPE")}, args)
    for t in args.threads:
        bt = set_threads(t)
        assert torch.get_num_threads() == t
        if "matmul" in args.sections:
            bench_matmul(args, t, bt)
        if "mlp" in args.sections:
            bench_mlp(args, t, bt)
        if "overhead" in args.sections:
            bench_overhead(args, t, bt)


if __name__ == "__main__":
    main()
