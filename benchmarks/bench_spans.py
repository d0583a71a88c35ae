"""Benchmark: spans & layers with orglib (numpy) vs the straightforward networkx computation.

Generates HR-export-like orgs (one row per person, rows shuffled, spans drawn between
3 and 10), runs :func:`orglib.spans_layers` and :func:`orglib.analysis._spans.spans_layers_networkx`
on each, checks that the per-post figures are equal and prints a table.

``orglib (cold)`` includes building the parent array from the id / reports_to text
columns (:meth:`Org.parent_index`, cached on the Org); ``orglib`` is the metric on an
Org whose parent array exists. ``networkx`` includes building the reporting graph.

Usage::

    python benchmarks/bench_spans.py --sizes 10000 100000 1000000
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from orglib._core.model import Org  # noqa: E402
from orglib.analysis._spans import spans_layers, spans_layers_networkx  # noqa: E402


def generate_parent(n: int, span: tuple[int, int] = (3, 10), seed: int = 0) -> np.ndarray:
    """A random tree of ``n`` rows as a parent array (row 0 is the top), rows in BFS order."""
    rng = np.random.default_rng(seed)
    parent = [np.array([-1])]
    level = np.array([0])
    total = 1
    while total < n:
        k = rng.integers(span[0], span[1] + 1, size=len(level))
        kids_parent = np.repeat(level, k)[: n - total]
        parent.append(kids_parent)
        level = np.arange(total, total + len(kids_parent))
        total += len(kids_parent)
    return np.concatenate(parent)


def generate_org(n: int, span: tuple[int, int] = (3, 10), seed: int = 0) -> Org:
    """An HR-export-like Org of ``n`` people (headcount 1 each), rows shuffled."""
    rng = np.random.default_rng(seed)
    parent = generate_parent(n, span, seed)
    perm = rng.permutation(n)           # new row of old row i is inv[i]
    inv = np.empty(n, dtype=np.int64)
    inv[perm] = np.arange(n)
    ids = np.array([f"E{i:07d}" for i in range(n)], dtype=object)
    old_parent = parent[perm]
    reports_to = np.where(old_parent >= 0, ids[inv[np.maximum(old_parent, 0)]], "")
    df = pd.DataFrame({
        "id": ids[inv[perm]], "title": "员工", "reports_to": reports_to.astype(object),
        "headcount": np.ones(n),
    })
    return Org(df)


def run(sizes: list[int], repeat: int = 3, seed: int = 0) -> pd.DataFrame:
    rows = []
    for n in sizes:
        org = generate_org(n, seed=seed)
        t0 = time.perf_counter()
        res = spans_layers(org)          # cold: builds the parent array too
        cold = time.perf_counter() - t0
        warm = min(_timed(lambda o=org: spans_layers(o)) for _ in range(repeat))
        t0 = time.perf_counter()
        ref = spans_layers_networkx(Org(org.positions))
        nx_time = time.perf_counter() - t0
        ok = _equal(res.posts, ref)
        rows.append({"size": n, "layers": res.summary["layers"], "orglib_cold_s": cold,
                     "orglib_s": warm, "networkx_s": nx_time, "ratio": nx_time / warm,
                     "ratio_cold": nx_time / cold, "equal": ok})
        print(f"  {n:>9,}: orglib {warm:.3f} s (cold {cold:.3f} s), networkx {nx_time:.2f} s, "
              f"ratio {nx_time / warm:.0f}x, equal={ok}", file=sys.stderr, flush=True)
    return pd.DataFrame(rows)


def _timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def _equal(posts: pd.DataFrame, ref: pd.DataFrame) -> bool:
    return bool(
        (posts["id"].to_numpy() == ref["id"].to_numpy()).all()
        and np.array_equal(posts["layer"].to_numpy(), ref["layer"].to_numpy())
        and np.array_equal(posts["direct_reports"].to_numpy(), ref["direct_reports"].to_numpy())
        and np.allclose(posts["span"].to_numpy(), ref["span"].to_numpy(), equal_nan=True)
        and np.allclose(posts["people_below"].to_numpy(), ref["people_below"].to_numpy())
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    table = run(args.sizes, args.repeat, args.seed)
    with pd.option_context("display.float_format", "{:.3f}".format, "display.width", 120):
        print(table.to_string(index=False))
    return 0 if table["equal"].all() else 1


if __name__ == "__main__":
    sys.exit(main())
