"""Report size: the 11-person duocai-asis report against a 100,000-person HR file, in one run.

Both are whole ``orglib.report`` renders with every section and the default
parameters (HTML; ``--pdf``/``--pptx``/``--xlsx`` add those files to both sides).
Prints each side's seconds (median of ``--repeat`` runs), its stages (kernel
start-up, cells, HTML export, PDF) and the ratio; issue 14's goal is ≤ 4×.

Run: ``.venv/bin/python benchmarks/bench_report.py [--size 100000] [--repeat 3] [--pdf]``
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from orglib.designs import breadth_first_parents  # noqa: E402
from orglib.reporting import render  # noqa: E402

UNITS = ["品牌部", "市场研究部", "渠道部", "促销部", "公关部", "数字营销部", "客户服务部", "产品部"]


def hr_csv(n: int, path: Path, seed: int = 0) -> Path:
    """An HR export of ``n`` people: 工号, 姓名-free titles, 上级工号, 部门; spans 3–12."""
    parent = breadth_first_parents(n, seed=seed)
    depth = np.zeros(n, dtype=np.int64)
    for i in range(1, n):
        depth[i] = depth[parent[i]] + 1
    top_unit = np.zeros(n, dtype=np.int64)
    for i in range(1, n):
        top_unit[i] = (i - 1) % len(UNITS) if parent[i] == 0 else top_unit[parent[i]]
    titles = np.array(["市场总监", "部门经理", "主管", "组长", "专员", "专员", "专员", "专员"] + ["专员"] * 40)
    lines = ["工号,岗位,上级工号,部门,编制"]
    for i in range(n):
        boss = "" if parent[i] < 0 else f"E{parent[i]:06d}"
        unit = "市场部" if i == 0 else UNITS[top_unit[i]]
        lines.append(f"E{i:06d},{titles[depth[i]]},{boss},{unit},1")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def one(org: str, out: Path, name: str, **kw) -> tuple[float, dict]:
    t = time.perf_counter()
    res = render(org, lang="en", out_dir=out, name=name, **kw)
    return time.perf_counter() - t, res.timings


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--pdf", action="store_true")
    ap.add_argument("--pptx", action="store_true")
    ap.add_argument("--xlsx", action="store_true")
    args = ap.parse_args()
    kw = {"pdf": args.pdf, "pptx": args.pptx, "xlsx": args.xlsx}
    with tempfile.TemporaryDirectory() as d:
        work = Path(d)
        big = hr_csv(args.size, work / f"hr{args.size}.csv")
        small_t, big_t = [], []
        stages: dict[str, dict] = {}
        for _ in range(args.repeat):
            s, st_s = one("duocai-asis", work, "small", **kw)
            b, st_b = one(str(big), work, "big", **kw)
            small_t.append(s)
            big_t.append(b)
            stages = {"small": st_s, "big": st_b}
        ms, mb = statistics.median(small_t), statistics.median(big_t)
        print(f"11-person duocai-asis report: {ms:6.1f} s  (runs: {', '.join(f'{x:.1f}' for x in small_t)})")
        print(f"{args.size:,}-person HR file report: {mb:6.1f} s  (runs: {', '.join(f'{x:.1f}' for x in big_t)})")
        print(f"ratio: {mb / ms:.2f}x  (goal <= 4x)")
        for side, st in stages.items():
            parts = ", ".join(f"{k} {v:.1f}" for k, v in st.items() if isinstance(v, float))
            print(f"  {side} stages (last run, s): {parts}")
        sizes = {p.name: p.stat().st_size for p in work.iterdir() if p.name.startswith("big.")}
        print("  big files: " + ", ".join(f"{k} {v / 1e6:.1f} MB" for k, v in sorted(sizes.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
