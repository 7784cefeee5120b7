#!/usr/bin/env python3
"""Before/after benchmark figures from one run: chainrule at another commit against this checkout.

    python3 examples/bench-ab.py OLD_COMMIT [--rounds 5] [--sections overhead moons chain] [--java-opt=-D...]

Builds OLD_COMMIT's command-line jar in a temporary git worktree (mvn package, tests skipped), then
runs `bench --threads 1` with the old and the new jar in alternation, `--rounds` times each, so load
that comes and goes hits both alike. Prints each figure's minimum and median for both and the
ratio new/old (below 1: the new build is faster for times, slower for rates). Build this checkout
first (`mvn -q -DskipTests package`). Figures that the old bench does not report are skipped.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
NEW_JAR = os.path.join(HERE, "target", "chainrule.jar")

# bench record -> the figure compared and whether larger is better
FIGURES = {
    "overhead_chain": ("ns_per_op_total", False),
    "overhead_chain_value": ("ns_per_op_total", False),
    "moons_step": ("us_per_step_median", False),
    "value_chain": ("total_ms", False),
    "mlp": ("samples_per_s_median", True),
    "matmul": ("gflops_median", True),
}


def build_old(commit, workdir):
    subprocess.run(["git", "-C", ROOT, "worktree", "add", "-q", "--detach", workdir, commit], check=True)
    subprocess.run(["mvn", "-q", "-B", "-DskipTests", "package"], cwd=workdir, check=True,
                   stdout=subprocess.DEVNULL)
    return os.path.join(workdir, "examples", "target", "chainrule.jar")


def run(jar, sections, java_opts):
    cmd = ["java", *java_opts, "-cp", jar, "dev.chainrule.examples.bench.Bench", "--threads", "1",
           "--sections", *sections]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    figures = {}
    for line in out.splitlines():
        if not line.startswith("{"):
            continue
        rec = json.loads(line)
        kind = rec.get("bench")
        if kind not in FIGURES:
            continue
        field, _ = FIGURES[kind]
        if field not in rec:
            continue
        label = kind + "".join(f" {k}={rec[k]}" for k in ("engine", "dtype", "n", "arch", "batch") if k in rec)
        figures[label] = rec[field]
    return figures


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("old")
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--sections", nargs="+", default=["overhead", "moons", "chain"])
    p.add_argument("--java-opt", action="append", default=[], help="a JVM option for both runs; write it with =, e.g. --java-opt=-Dchainrule.matmul=native-blas")
    a = p.parse_args()
    if not os.path.exists(NEW_JAR):
        sys.exit(f"bench-ab: {NEW_JAR} is missing; build this checkout first: mvn -q -DskipTests package")
    workdir = tempfile.mkdtemp(prefix="chainrule-ab-")
    os.rmdir(workdir)
    try:
        old_jar = build_old(a.old, workdir)
        runs = {"old": [], "new": []}
        for r in range(a.rounds):
            for who, jar in (("old", old_jar), ("new", NEW_JAR)):
                runs[who].append(run(jar, a.sections, a.java_opt))
                print(f"round {r + 1}/{a.rounds} {who} done", file=sys.stderr)
    finally:
        subprocess.run(["git", "-C", ROOT, "worktree", "remove", "--force", workdir], check=False)
    print(f"{'figure':52s} {'old min':>10s} {'old med':>10s} {'new min':>10s} {'new med':>10s} {'new/old (min)':>14s}")
    for label in runs["new"][0]:
        old = [f[label] for f in runs["old"] if label in f]
        new = [f[label] for f in runs["new"] if label in f]
        if not old:
            continue
        field_better_high = FIGURES[label.split()[0]][1]
        best_old = max(old) if field_better_high else min(old)
        best_new = max(new) if field_better_high else min(new)
        print(f"{label:52s} {best_old:10.4g} {statistics.median(old):10.4g} {best_new:10.4g} "
              f"{statistics.median(new):10.4g} {best_new / best_old:14.3f}")


if __name__ == "__main__":
    main()
