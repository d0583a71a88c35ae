"""Batch reports: ``orglib report`` eight times, one process after another, vs one ``orglib report --batch``.

Both sides are whole ``orglib`` processes started here, on the same 8 reports of 8 different
templates (default report parameters), alternating in one run; each side runs ``--repeat``
times and the medians are compared. Printed per report: the split into process (interpreter,
imports, nbconvert set-up outside the render), kernel start, imports inside the kernel, cells
and export, from ``--timings``. For the batch, "process" is the batch process's own start-up
shared by all reports, divided by their number, and a pooled kernel's start-up and imports
happen while earlier reports run (only the wait shows as kernel start).

Run: ``.venv/bin/python benchmarks/bench_batch.py [--repeat 3] [--no-fork-side]``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ORGS = ("duocai-asis", "meinian-5dept", "four-posts", "six-functions", "centralized-sme",
        "beigang-hospital", "jucao-ops-center", "channel-groundpush")
SPLIT = ("kernel start", "imports", "cells", "export", "total")


def _orglib() -> list[str]:
    exe = Path(sys.executable).with_name("orglib")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "orglib"]


def _run(cmd: list[str]) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.exit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    return proc


def _split(line: str) -> dict[str, float]:
    return {k: float(v) for k, v in re.findall(r"([a-z ]+?) (\d+\.\d+|nan) s", line)}


def one_by_one(out: Path) -> tuple[float, list[dict[str, float]]]:
    """Wall seconds of 8 ``orglib report`` processes in a row, and each one's split."""
    rows = []
    t = time.perf_counter()
    for org in ORGS:
        t0 = time.perf_counter()
        proc = _run([*_orglib(), "report", org, "--lang", "en", "--out", str(out), "--timings"])
        wall = time.perf_counter() - t0
        line = [ln for ln in proc.stderr.splitlines() if ln.startswith("kernel start")][-1]
        split = {k.strip(): v for k, v in _split(line).items()}
        split["process"] = wall - split["total"]
        split["wall"] = wall
        rows.append(split)
    return time.perf_counter() - t, rows


_NO_FORK = ("import sys; from orglib.reporting import _batch; _batch.run_batch.__kwdefaults__['fork'] = False; "
            "from orglib.cli._main import main; sys.exit(main(sys.argv[1:]))")


def batch(out: Path, csv: Path, fork: bool = True) -> tuple[float, list[dict[str, float]], float]:
    """Wall seconds of one ``orglib report --batch`` process, each report's split, and its
    start-up (wall outside run_batch). ``fork=False``: every kernel a new interpreter."""
    cmd = _orglib() if fork else [sys.executable, "-c", _NO_FORK]
    t = time.perf_counter()
    proc = _run([*cmd, "report", "--batch", str(csv), "--out", str(out), "--timings", "--lang", "en"])
    wall = time.perf_counter() - t
    lines = proc.stderr.splitlines()
    rows = [{k.strip(): v for k, v in _split(ln.split(": ", 1)[1]).items()}
            for ln in lines if ln.startswith("row ")]
    inner = float(re.search(r"in (\d+\.\d+) s", [ln for ln in lines if ln.startswith("batch:")][-1]).group(1))
    return wall, rows, wall - inner


def _median_split(runs: list[list[dict[str, float]]]) -> dict[str, float]:
    keys = [*SPLIT, "process"]
    return {k: statistics.median(r.get(k, float("nan")) for rows in runs for r in rows) for k in keys
            if any(k in r for rows in runs for r in rows)}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-fork-side", action="store_true",
                    help="also time the batch with kernels launched as new interpreters (no fork server)")
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="orglib-bench-batch-"))
    csv = tmp / "params.csv"
    csv.write_text("org,lang,name\n" + "".join(f"{o},en,{o}\n" for o in ORGS), encoding="utf-8")
    seq_t, bat_t, seq_rows, bat_rows, bat_start, nof_t = [], [], [], [], [], []
    try:
        for i in range(args.repeat):
            s, rows = one_by_one(tmp / f"seq{i}")
            seq_t.append(s)
            seq_rows.append(rows)
            b, brows, start = batch(tmp / f"bat{i}", csv)
            bat_t.append(b)
            bat_rows.append(brows)
            bat_start.append(start)
            extra = ""
            if args.no_fork_side:
                nf, _, _ = batch(tmp / f"nof{i}", csv, fork=False)
                nof_t.append(nf)
                extra = f", batch without fork server {nf:.1f} s ({s / nf:.2f}x)"
            print(f"  run {i + 1}: one by one {s:.1f} s, batch {b:.1f} s, {s / b:.2f}x{extra}", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    s, b = statistics.median(seq_t), statistics.median(bat_t)
    n = len(ORGS)
    print(f"{n} reports of {n} templates, {os.cpu_count()} CPUs, median of {args.repeat} "
          f"(one by one {min(seq_t):.1f}-{max(seq_t):.1f} s, batch {min(bat_t):.1f}-{max(bat_t):.1f} s):")
    print(f"  one `orglib report` after another {s:.1f} s, `orglib report --batch` {b:.1f} s: "
          f"speed-up {s / b:.2f}x (goal 3x)")
    if nof_t:
        nf = statistics.median(nof_t)
        print(f"  batch with kernels launched as new interpreters (no fork server) {nf:.1f} s: {s / nf:.2f}x")
    sq, bt = _median_split(seq_rows), _median_split(bat_rows)
    bt["process"] = statistics.median(bat_start) / n
    print("  per report (median), seconds:   process  kernel start  imports  cells  export  total")
    for label, sp in (("one by one", sq), ("batch (overlapped)", bt)):
        print(f"    {label:27} {sp.get('process', float('nan')):7.2f} {sp['kernel start']:13.2f} "
              f"{sp['imports']:8.2f} {sp['cells']:6.2f} {sp['export']:7.2f} {sp['total']:6.2f}")
    print(f"  wall per report: one by one {s / n:.2f} s, batch {b / n:.2f} s")


if __name__ == "__main__":
    main()
