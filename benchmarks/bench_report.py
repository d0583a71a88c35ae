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

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
# the same HR export the large-report tests read (one generator: tests/_client_like.py)
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from _client_like import hr_export_csv  # noqa: E402

from orglib.reporting import render  # noqa: E402


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
        big = hr_export_csv(work / f"hr{args.size}.csv", args.size)
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
