"""Batch rendering: N reports one by one vs on a 2-worker Dask LocalCluster.

Prints total seconds of each, the speed-up, and the mean per-report split into kernel
start-up (papermill start until the first cell runs) and cell execution.

Run: ``.venv/bin/python benchmarks/bench_batch.py [N]`` (default 20).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from orglib.reporting._batch import jobs_from, run_batch  # noqa: E402


def main(n: int = 20) -> None:
    jobs = jobs_from([{"org": "duocai-asis", "to_be": ["duocai-tobe"], "lang": "zh" if i % 2 else "en",
                       "name": f"r{i}", "params": {"seed": i, "runs": 100}} for i in range(n)])
    with tempfile.TemporaryDirectory() as d:
        t = time.perf_counter()
        seq = run_batch(jobs, Path(d) / "seq", workers=0, progress=False)
        t_seq = time.perf_counter() - t
        t = time.perf_counter()
        par = run_batch(jobs, Path(d) / "par", workers=2, progress=False)
        t_par = time.perf_counter() - t
    assert seq["ok"].all() and par["ok"].all(), (seq["error"].tolist(), par["error"].tolist())
    print(f"{n} reports: sequential {t_seq:.1f} s, 2 workers {t_par:.1f} s, speed-up {t_seq / t_par:.2f}x")
    for label, tab in (("sequential", seq), ("2 workers", par)):
        print(f"  {label:10}: per report start-up {tab['startup'].mean():.2f} s, "
              f"execution {tab['execute'].mean():.2f} s, total {tab['seconds'].mean():.2f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
