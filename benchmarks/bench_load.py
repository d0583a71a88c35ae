"""Load and validate a generated HR CSV of up to 1,000,000 people (GB18030, Chinese aliases).

Each side runs in its own fresh process (so peak memory is its own), on the same file:

* orglib: ``orglib.load(path)`` (column aliases, encoding detection, managers, every check);
* pandas: ``pandas.read_csv(encoding=..., dtype=str)`` + a Python dict walk doing the
  same checks (empty and duplicate ids, unknown managers, one top, cycles); also with
  ``dtype=object`` (pandas 3 stores ``dtype=str`` through pyarrow when it is installed,
  which is slower to walk): the ratio is taken against the faster of the two.

Shapes: ``gb18030`` (Chinese aliases, like Chinese Excel), ``utf8`` (orglib's own columns,
UTF-8 with BOM), ``wide`` (the GB18030 file with 24 more columns, 30 in all) and
``problems`` (GB18030 with 1 % of rows wrong: unknown managers, repeated ids, self reports,
numbers as text). Printed per shape and size: file size, the medians of both times, the ratio
and both peak RSS. Then managers given by title, spelled differently (issue 12 item 10):
2,000 / 8,000 / 100,000 rows.
Goal (issue 14 goal 5): 1M rows <= 2 s and >= 3x the pandas side. The machine's load is printed
first: on a shared 2-core machine the absolute figures move with it, the ratio much less.

    python benchmarks/bench_load.py [--sizes 100000 1000000] [--shapes gb18030 utf8 wide problems]
                                    [--titles 2000 8000 100000] [--repeat 3]
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


def generate_hr_csv(path: Path, n: int, seed: int = 0, shape: str = "gb18030") -> None:
    """One row per person: 工号, 姓名, 岗位, 部门, 上级工号, 入职日期 (GB18030, like Chinese Excel).

    ``shape`` ``utf8``: orglib's columns (id, title, unit, reports_to, headcount, cost), UTF-8
    with BOM; ``wide``: 24 more columns; ``problems``: 1 % of the rows wrong.
    """
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
    if shape == "utf8":
        cost = rng.integers(60, 400, n) * 1000
        lines = ["id,title,unit,reports_to,headcount,cost"]
        lines += [f"{i},{t},{u},{m},1,{c}" for i, t, u, m, c in
                  zip(ids.tolist(), titles.tolist(), units.tolist(), mgr.tolist(), cost.tolist(), strict=True)]
        path.write_bytes(b"\xef\xbb\xbf" + ("\n".join(lines) + "\n").encode("utf-8"))
        return
    ids_l, mgr_l = ids.tolist(), mgr.tolist()
    head = "工号,姓名,岗位,部门,上级工号,入职日期"
    extra = [""] * n
    if shape == "problems":
        head += ",定员,年薪"
        hc = ["1"] * n
        pay = [str(v) for v in (rng.integers(60, 400, n) * 1000).tolist()]
        bad = rng.choice(np.arange(1, n), size=max(1, n // 100), replace=False)
        for j, k in enumerate(bad.tolist()):
            kind = j % 5
            if kind == 0:
                mgr_l[k] = f"X{k}"  # unknown manager
            elif kind == 1:
                ids_l[k] = ids_l[k - 1]  # repeated id
            elif kind == 2:
                mgr_l[k] = ids_l[k]  # reports to itself
            elif kind == 3:
                hc[k] = "2人"  # a number as text
            else:
                pay[k] = '"¥1,200"'
        extra = [f",{h},{c}" for h, c in zip(hc, pay, strict=True)]
    elif shape == "wide":
        head += "," + ",".join(f"字段{k}" for k in range(24))
        cells = [",".join(f"v{(k * 7 + j) % 97}" for j in range(24)) for k in range(97)]
        extra = ["," + cells[k % 97] for k in range(n)]
    lines = [head]
    lines += [f"{i},员工{k},{t},{u},{m},2020-01-01{x}" for k, (i, t, u, m, x) in
              enumerate(zip(ids_l, titles.tolist(), units.tolist(), mgr_l, extra, strict=True))]
    path.write_bytes(("\n".join(lines) + "\n").encode("gb18030"))


SHAPES = {"gb18030": ("gb18030", "工号", "上级工号"), "utf8": ("utf-8-sig", "id", "reports_to"),
          "wide": ("gb18030", "工号", "上级工号"), "problems": ("gb18030", "工号", "上级工号")}
"""shape -> (encoding, id column, manager column) for the pandas side."""


def pandas_load_validate(path: Path, shape: str = "gb18030", dtype: object = str) -> int:
    """pandas.read_csv, then a Python dict walk doing orglib's structural checks."""
    import pandas as pd

    encoding, id_col, mgr_col = SHAPES[shape]
    df = pd.read_csv(path, encoding=encoding, dtype=dtype, keep_default_na=False)
    boss: dict[str, str] = {}
    problems = 0
    for pid, mgr in zip(df[id_col].tolist(), df[mgr_col].tolist(), strict=True):
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


def _child(side: str, path: str, shape: str) -> None:
    import pandas  # noqa: F401  (both sides start with their libraries imported)

    import orglib

    t0 = time.perf_counter()
    if side == "orglib":
        org = orglib.load(path, validate=False)  # every check runs; problems are on org.problems
        n = len(org.positions)
    else:
        n = pandas_load_validate(Path(path), shape, str if side == "pandas" else object)
    dt = time.perf_counter() - t0
    # VmHWM, not ru_maxrss: Linux hands a child its parent's ru_maxrss (here the generator's)
    status = Path("/proc/self/status")
    hwm = [ln for ln in status.read_text().splitlines() if ln.startswith("VmHWM")] if status.exists() else []
    peak = int(hwm[0].split()[1]) / 1024 if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": dt, "peak_mb": peak, "n": n}))


def run(side: str, path: Path, repeat: int, shape: str = "gb18030") -> dict:
    """Median time (and its run's peak RSS) of ``repeat`` fresh processes."""
    runs = []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, __file__, "--child", side, str(path), shape],
                             capture_output=True, text=True, check=True).stdout
        runs.append(json.loads(out.strip().splitlines()[-1]))
    runs.sort(key=lambda r: r["seconds"])
    return runs[len(runs) // 2]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--shapes", nargs="+", default=list(SHAPES), choices=list(SHAPES))
    ap.add_argument("--titles", type=int, nargs="+", default=[2_000, 8_000, 100_000])
    ap.add_argument("--repeat", type=int, default=3, help="runs per side; the median is printed")
    ap.add_argument("--child", nargs=3, metavar=("SIDE", "PATH", "SHAPE"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        _child(*args.child)
        return
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; median of {args.repeat}")
    print(f"{'shape':>9} {'people':>10} {'MB':>6} {'orglib s':>9} {'pd str s':>9} {'pd obj s':>9} "
          f"{'ratio':>7} {'orglib MB':>10} {'pandas MB':>10}")
    with tempfile.TemporaryDirectory() as d:
        for shape in args.shapes:
            for n in args.sizes:
                p = Path(d) / f"hr_{shape}_{n}.csv"
                generate_hr_csv(p, n, shape=shape)
                a = run("orglib", p, args.repeat, shape)
                b = run("pandas", p, args.repeat, shape)
                c = run("pandas-object", p, args.repeat, shape)
                best = min(b, c, key=lambda r: r["seconds"])
                assert a["n"] <= n
                print(f"{shape:>9} {n:>10,} {p.stat().st_size / 1e6:6.1f} {a['seconds']:9.2f} {b['seconds']:9.2f} "
                      f"{c['seconds']:9.2f} {best['seconds'] / a['seconds']:6.1f}x {a['peak_mb']:10.0f} "
                      f"{best['peak_mb']:10.0f}", flush=True)
            p.unlink()
        print(f"\n{'rows by title':>14} {'orglib s':>9}")
        for n in args.titles:
            p = Path(d) / f"titles_{n}.csv"
            generate_title_csv(p, n)
            a = run("orglib", p, 1)
            print(f"{n:>14,} {a['seconds']:9.2f}", flush=True)


if __name__ == "__main__":
    main()
