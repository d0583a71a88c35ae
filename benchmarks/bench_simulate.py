"""Benchmark: 10,000 runs x 60 months of a ~500-person department, on three tree shapes.

For each shape (a seed template scaled up, random spans 1–12, a deep chain-heavy org)
it prints the vectorized time inside :func:`orglib.simulate` (median of ``--repeat``
runs, wall and CPU), the per-run Python loop (``runs=1`` per call) measured on
``--loop-runs`` runs and scaled to the full count, and their ratio; then one whole
``orglib simulate`` process on the random org. The machine is shared: read the ratio and
the spread (min–max) rather than the absolute seconds.

Run: ``.venv/bin/python benchmarks/bench_simulate.py [--runs 10000] [--months 60]``.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import _sim_golden as shapes  # noqa: E402  (the tree generators the golden test uses)

from orglib._core.model import Org  # noqa: E402
from orglib.sim import simulate, start_state  # noqa: E402


def template_500() -> Org:
    """jucao-ops-center (20 people) with every leaf post's headcount × 25: ~500 people."""
    return shapes.template_org("jucao-ops-center", scale=25)


SHAPES = {
    "template x25 (jucao-ops-center)": template_500,
    "random spans 1-12": lambda: shapes.random_org(500, seed=0, p_mgr=0.2),
    "random spans 1-12 (b)": lambda: shapes.random_org(500, seed=2, p_mgr=0.6),
    "deep chains (10 x 30 layers)": lambda: shapes.chain_org(functions=10, depth=30, team=17),
}


def timed(fn, repeat: int) -> tuple[list[float], list[float]]:
    wall, cpu = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return wall, cpu


def spread(xs: list[float]) -> str:
    return f"{statistics.median(xs):.2f} s (min {min(xs):.2f}, max {max(xs):.2f})"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=10_000)
    ap.add_argument("--months", type=int, default=60)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--loop-runs", type=int, default=100)
    a = ap.parse_args()
    kw = {"months": a.months, "growth": 0.01, "attrition": 0.015, "lead_time": 2}
    print(f"{a.runs:,} runs x {a.months} months; cpu cores: {os.cpu_count()}; "
          f"load average {os.getloadavg()[0]:.1f}")
    for name, make in SHAPES.items():
        org = make()
        st = start_state(org)
        simulate(org, runs=50, seed=0, **kw)  # warm-up
        wall, cpu = timed(lambda org=org: simulate(org, runs=a.runs, seed=1, **kw), a.repeat)
        t0 = time.perf_counter()
        for i in range(a.loop_runs):
            simulate(org, runs=1, seed=i, **kw)
        loop = (time.perf_counter() - t0) * a.runs / a.loop_runs
        vec = statistics.median(wall)
        print(f"\n{name}: {org.headcount_total:.0f} people, {len(org.positions)} posts, "
              f"{len(st.functions)} functions, {st.m.shape[1]} levels")
        print(f"  vectorized simulate(): wall {spread(wall)}; cpu {spread(cpu)}")
        print(f"  per-run Python loop: {a.loop_runs} runs measured, scaled to {a.runs:,}: {loop:.1f} s "
              f"-> vectorized is {loop / vec:.0f}x faster")
    # one whole process on the random org (import, load, simulate, print JSON), and a process
    # that only imports what `orglib simulate` imports: the difference is load + simulate + output
    org = SHAPES["random spans 1-12"]()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "random500.csv"
        org.positions[["id", "title", "reports_to", "headcount"]].to_csv(path, index=False)
        exe = [sys.executable, "-m", "orglib", "simulate", str(path), "--runs", str(a.runs),
               "--months", str(a.months), "--growth", "0.01", "--json"]
        imports = [sys.executable, "-c", "import orglib.cli, orglib.io, orglib.sim"]
        whole, only = [process(exe, tmp) for _ in range(a.repeat)], [process(imports, tmp) for _ in range(a.repeat)]
    print(f"\nwhole `orglib simulate` process (random spans 1-12, --json), {a.repeat} runs, load average "
          f"{os.getloadavg()[0]:.1f}:\n  wall {spread([w for w, _ in whole])}; cpu {spread([c for _, c in whole])}"
          f"\n  of which importing orglib.cli/io/sim (a process doing only that): wall "
          f"{spread([w for w, _ in only])}; cpu {spread([c for _, c in only])}")


def process(cmd: list[str], cwd: str) -> tuple[float, float]:
    """(wall s, CPU s: user + system) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, cwd=cwd)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)

if __name__ == "__main__":
    main()
