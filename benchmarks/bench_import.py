"""Benchmark: start-up cost of ``import orglib`` and ``orglib --help`` (goal: under 0.5 s each).

Each command runs ``--repeat`` times as a fresh process with ``python -X importtime``;
printed: the median wall time, the median CPU time of the process (user + system, less
disturbed by other work on a shared machine), the cumulative import time of the top
module as ``-X importtime`` reports it, and the same for ``python -c pass`` and
``import pandas`` (the floor orglib stands on), then the biggest imports of each orglib
command (the modules ``-X importtime`` lists directly under the command's top module,
median cumulative ms) and whether numpy/pandas were loaded at all. Run:
``.venv/bin/python benchmarks/bench_import.py [--repeat 7]``.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import time

COMMANDS = {
    "python -c pass": ["-c", "pass"],
    "import pandas": ["-c", "import pandas"],
    "import orglib": ["-c", "import orglib"],
    "orglib --help": ["-m", "orglib", "--help"],
}
_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \| (\s*)(\S+)$")


def run_once(args: list[str]) -> tuple[float, float, float, dict[str, float]]:
    """(wall s, cpu s, cumulative import s of the top-level module, {module: cumulative s}
    of the imports directly under it and of the other top-level imports) of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-X", "importtime", *args], capture_output=True, text=True,
                          check=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    top = 0
    parts: dict[str, float] = {}
    for line in proc.stderr.splitlines():
        m = _LINE.match(line)
        if not m:
            continue
        cum, depth, name = int(m.group(2)), len(m.group(3)) // 2, m.group(4)
        if name in ("orglib", "pandas"):
            top = max(top, cum)
        if depth <= 1 and name not in ("orglib", "pandas"):  # lines are printed children first
            parts[name] = parts.get(name, 0) + cum / 1e6
    return wall, cpu, top / 1e6, parts


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--top", type=int, default=6, help="biggest imports listed per command")
    a = ap.parse_args()
    print(f"{a.repeat} fresh processes each; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'command':<16} {'wall (median, min-max)':>26} {'cpu (median)':>13} {'-X importtime':>14}")
    breakdown = {}
    for name, args in COMMANDS.items():
        runs = [run_once(args) for _ in range(a.repeat)]
        wall = [r[0] for r in runs]
        cpu = statistics.median(r[1] for r in runs)
        imp = statistics.median(r[2] for r in runs)
        verdict = "" if name.startswith(("python", "import pandas")) else \
            ("  ok (< 0.5 s)" if statistics.median(wall) < 0.5 else "  over 0.5 s wall")
        print(f"{name:<16} {statistics.median(wall):>9.2f} s ({min(wall):.2f}-{max(wall):.2f}) "
              f"{cpu:>11.2f} s {imp:>12.2f} s{verdict}")
        if "orglib" in name:
            mods = {m for r in runs for m in r[3]}
            breakdown[name] = sorted(((statistics.median(r[3].get(m, 0.0) for r in runs), m) for m in mods),
                                     reverse=True)
    for name, items in breakdown.items():
        loaded = {m for _, m in items}
        heavy = [m for m in ("numpy", "pandas", "networkx", "matplotlib", "yaml") if m in loaded]
        print(f"\n{name}: biggest imports (median cumulative ms; "
              f"{'loads ' + ', '.join(heavy) if heavy else 'no numpy/pandas/networkx/matplotlib/yaml'})")
        for sec, m in items[: a.top]:
            print(f"  {sec * 1000:8.1f} ms  {m}")


if __name__ == "__main__":
    main()
