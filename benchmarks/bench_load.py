"""Load and validate a generated HR CSV of up to 1,000,000 people.

Prints, for each size: file size, time to load+validate with orglib, and (as the
obvious approach) a row-by-row csv.DictReader + dict-walk validation on the same
file, with the ratio. Goal: 1M people under 5 s on a 2-core machine.

    python benchmarks/bench_load.py [--sizes 10000 100000 1000000]
"""

from __future__ import annotations

import argparse
import csv
import tempfile
import time
from pathlib import Path

import numpy as np

import orglib


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


def naive_load_validate(path: Path) -> int:
    """The obvious approach: csv.DictReader, dicts, then walk every chain to the top."""
    with open(path, encoding="gb18030", newline="") as fh:
        rows = list(csv.DictReader(fh))
    boss = {}
    problems = 0
    for r in rows:
        if r["工号"] in boss:
            problems += 1
        boss[r["工号"]] = r["上级工号"]
    for pid in boss:
        seen = set()
        cur = pid
        while boss.get(cur):
            if cur in seen:
                problems += 1
                break
            seen.add(cur)
            cur = boss[cur]
    return problems


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--naive-max", type=int, default=100_000,
                    help="largest size the naive approach is timed at (it is slow)")
    args = ap.parse_args()
    print(f"{'people':>10} {'MB':>6} {'orglib s':>9} {'naive s':>9} {'ratio':>7}")
    with tempfile.TemporaryDirectory() as d:
        for n in args.sizes:
            p = Path(d) / f"hr_{n}.csv"
            generate_hr_csv(p, n)
            t0 = time.perf_counter()
            org = orglib.load(p)
            t_org = time.perf_counter() - t0
            assert len(org.positions) == n and org.headcount_total == n
            if n <= args.naive_max:
                t0 = time.perf_counter()
                naive_load_validate(p)
                t_naive = time.perf_counter() - t0
                ratio = f"{t_naive / t_org:6.1f}x"
                naive = f"{t_naive:9.2f}"
            else:
                naive, ratio = f"{'-':>9}", f"{'-':>7}"
            print(f"{n:>10,} {p.stat().st_size / 1e6:6.1f} {t_org:9.2f} {naive} {ratio}", flush=True)


if __name__ == "__main__":
    main()
