"""Load and validate a generated HR CSV of up to 1,000,000 people (GB18030, Chinese aliases).

Each side runs in its own fresh process (so peak memory is its own), on the same file:

* orglib: ``orglib.load(path)`` (column aliases, encoding detection, managers, every check);
* pandas: ``pandas.read_csv(encoding="gb18030", dtype=str)`` + a Python dict walk doing the
  same checks (empty and duplicate ids, unknown managers, one top, cycles).

Printed per size: file size, both times, the ratio and both peak RSS. Then managers given
by title, spelled differently (issue 12 item 10): 2,000 / 8,000 / 100,000 rows.
Goal (issue 14 goal 5): 1M rows <= 2 s and >= 3x the pandas side. The machine's load is printed
first: on a shared 2-core machine the absolute figures move with it, the ratio much less.

    python benchmarks/bench_load.py [--sizes 100000 1000000] [--titles 2000 8000 100000]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np


def generate_hr_csv(path: Path, n: int, seed: int = 0) -> None:
    """One row per person: 工号, 姓名, 岗位, 部门, 上级工号, 入职日期 (GB18030, like Chinese Excel)."""
    rng = np.random.default_rng(seed)
    # a random tree: each person reports to someone earlier, spans ~ 6
    parents = np.empty(n, dtype=np.int64)
    parents[0] = -1
    if n > 1:
        idx = np.arange(1, n)
        parents[1:] = (idx - 1) // 6 + rng.integers(0, 2, n - 1) * 0
    ids = np.char.add("E", np.char.zfill(np.arange(n).astype(str), 7))
    mgr = np.where(parents >= 0, ids[np.maximum(parents, 0)], "")
    titles = np.array(["市场总监", "区域经理", "主管", "专员", "策划员"])[np.minimum(np.arange(n) % 5, 4)]
    units = np.array(["市场部", "推广部", "策划部", "调研部"])[rng.integers(0, 4, n)]
    lines = ["工号,姓名,岗位,部门,上级工号,入职日期"]
    lines += [f"{i},员工{k},{t},{u},{m},2020-01-01" for k, (i, t, u, m) in
              enumerate(zip(ids.tolist(), titles.tolist(), units.tolist(), mgr.tolist(), strict=True))]
    path.write_bytes(("\n".join(lines) + "\n").encode("gb18030"))


def pandas_load_validate(path: Path) -> int:
    """pandas.read_csv, then a Python dict walk doing orglib's structural checks."""
    import pandas as pd

    df = pd.read_csv(path, encoding="gb18030", dtype=str, keep_default_na=False)
    boss: dict[str, str] = {}
    problems = 0
    for pid, mgr in zip(df["工号"].tolist(), df["上级工号"].tolist(), strict=True):
        if not pid:
            problems += 1
        elif pid in boss:
            problems += 1
        boss[pid] = mgr
    roots = 0
    state: dict[str, int] = {}  # 1 = on the current chain, 2 = known to reach the top
    for pid, mgr in boss.items():
        if not mgr:
            roots += 1
        elif mgr not in boss:
            problems += 1
        chain = []
        cur = pid
        while cur and cur in boss and state.get(cur) is None:
            state[cur] = 1
            chain.append(cur)
            cur = boss[cur]
        if cur and state.get(cur) == 1:
            problems += 1  # a cycle
        for c in chain:
            state[c] = 2
    return problems + (roots != 1)


def generate_title_csv(path: Path, n: int, seed: int = 0) -> None:
    """岗位, 上级 with the manager written by title with a stray space (市场7部 经理)."""
    rng = np.random.default_rng(seed)
    parents = [-1] + [int(rng.integers(0, k)) for k in range(1, n)]
    lines = ["岗位,上级,姓名"] + [f"市场{k}部经理,{'' if p < 0 else f'市场{p}部 经理'},p{k}"
                                 for k, p in enumerate(parents)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _child(side: str, path: str) -> None:
    import pandas  # noqa: F401  (both sides start with their libraries imported)

    import orglib

    t0 = time.perf_counter()
    if side == "orglib":
        org = orglib.load(path)
        n = len(org.positions)
    else:
        n = pandas_load_validate(Path(path))
    dt = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": dt, "peak_mb": peak, "n": n}))


def run(side: str, path: Path, repeat: int) -> dict:
    best = None
    for _ in range(repeat):
        out = subprocess.run([sys.executable, __file__, "--child", side, str(path)], capture_output=True,
                             text=True, check=True).stdout
        res = json.loads(out.strip().splitlines()[-1])
        if best is None or res["seconds"] < best["seconds"]:
            best = res
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--titles", type=int, nargs="+", default=[2_000, 8_000, 100_000])
    ap.add_argument("--repeat", type=int, default=3, help="runs per side; the best is printed")
    ap.add_argument("--child", nargs=2, metavar=("SIDE", "PATH"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        _child(*args.child)
        return
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; best of {args.repeat}")
    print(f"{'people':>10} {'MB':>6} {'orglib s':>9} {'pandas s':>9} {'ratio':>7} {'orglib MB':>10} "
          f"{'pandas MB':>10}")
    with tempfile.TemporaryDirectory() as d:
        for n in args.sizes:
            p = Path(d) / f"hr_{n}.csv"
            generate_hr_csv(p, n)
            a = run("orglib", p, args.repeat)
            b = run("pandas", p, args.repeat)
            assert a["n"] == n
            print(f"{n:>10,} {p.stat().st_size / 1e6:6.1f} {a['seconds']:9.2f} {b['seconds']:9.2f} "
                  f"{b['seconds'] / a['seconds']:6.1f}x {a['peak_mb']:10.0f} {b['peak_mb']:10.0f}", flush=True)
        print(f"\n{'rows by title':>14} {'orglib s':>9}")
        for n in args.titles:
            p = Path(d) / f"titles_{n}.csv"
            generate_title_csv(p, n)
            a = run("orglib", p, 1)
            print(f"{n:>14,} {a['seconds']:9.2f}", flush=True)


if __name__ == "__main__":
    main()
