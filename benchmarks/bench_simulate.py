"""Benchmark: 10,000 runs x 60 months of a ~500-person department, vectorized.

Prints the vectorized time, and the ratio against the obvious approach (one Python
loop per run over the same model, ``runs=1`` per call) measured on fewer runs and
scaled linearly. Run: ``.venv/bin/python benchmarks/bench_simulate.py [runs] [months]``.
"""

from __future__ import annotations

import os
import sys
import time

from orglib._core.model import Org
from orglib.sim import simulate


def department(functions: int = 5, teams: int = 14, team: int = 6) -> Org:
    """506 people: a head, five functions (head, two managers, 14 teams of a lead and six ICs)."""
    rows = [{"id": "H", "title": "市场总监", "headcount": 1}]
    for f in range(functions):
        rows.append({"id": f"F{f}", "title": f"职能{f}经理", "unit": f"u{f}", "reports_to": "H", "headcount": 1})
        for j in range(2):
            rows.append({"id": f"F{f}M{j}", "title": "经理", "unit": f"u{f}", "reports_to": f"F{f}", "headcount": 1})
        for t in range(teams):
            rows.append({"id": f"F{f}T{t}", "title": "主管", "unit": f"u{f}", "reports_to": f"F{f}M{t % 2}",
                         "headcount": 1})
            rows.append({"id": f"F{f}E{t}", "title": "专员", "unit": f"u{f}", "reports_to": f"F{f}T{t}",
                         "headcount": team})
    return Org.from_records(rows)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    months = int(sys.argv[2]) if len(sys.argv) > 2 else 60
    org = department()
    kw = {"months": months, "growth": 0.01, "attrition": 0.015, "lead_time": 2}
    simulate(org, runs=50, seed=0, **kw)  # warm-up (imports, caches)
    t0 = time.perf_counter()
    res = simulate(org, runs=runs, seed=1, **kw)
    vec = time.perf_counter() - t0
    loop_runs = 200
    t0 = time.perf_counter()
    for i in range(loop_runs):
        simulate(org, runs=1, seed=i, **kw)
    loop = (time.perf_counter() - t0) * runs / loop_runs
    hc = res.band("headcount")
    print(f"department: {org.headcount_total:.0f} people, {len(org.positions)} posts; cpu cores: {os.cpu_count()}")
    print(f"vectorized: {runs:,} runs x {months} months in {vec:.2f} s "
          f"({runs * months / vec / 1e6:.2f} M run-months/s)")
    print(f"per-run Python loop: {loop_runs} runs measured, scaled to {runs:,}: {loop:.1f} s")
    print(f"speed-up: {loop / vec:.0f}x")
    print(f"headcount at month {months}: p10 {hc.iloc[-1]['p10']:.0f}, p50 {hc.iloc[-1]['p50']:.0f}, "
          f"p90 {hc.iloc[-1]['p90']:.0f}")


if __name__ == "__main__":
    main()
