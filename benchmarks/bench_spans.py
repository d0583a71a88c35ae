"""Benchmark: spans & layers with orglib (numpy) vs the straightforward networkx computation.

Generates HR-export-like orgs (one row per person, rows shuffled, text ids) in three
shapes (spans 3-10 breadth first; spans 3-12 in 9 layers; 100 layers deep), runs :func:`orglib.spans_layers` and :func:`orglib.analysis._spans.spans_layers_networkx`
on each, checks that the per-post figures are equal and prints a table.

``orglib (cold)`` includes building the parent array from the id / reports_to text
columns (:meth:`Org.parent_index`, cached on the Org); ``orglib`` is the metric on an
Org whose parent array exists. ``networkx`` includes building the reporting graph.

Usage::

    python benchmarks/bench_spans.py --sizes 100000 1000000 [--shapes "100 layers deep"]
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


def generate_parent_layers(n: int, span: tuple[int, int] = (3, 12), layers: int = 9,
                           seed: int = 0) -> np.ndarray:
    """``n`` rows in exactly ``layers`` layers; each manager's span drawn from ``span``.

    Only a share of each layer manages (the rest are individual contributors), chosen so
    the org reaches ``n`` people at the last layer.
    """
    rng = np.random.default_rng(seed)
    mean = (span[0] + span[1]) / 2
    growth = (n ** (1 / (layers - 1)))
    share = min(1.0, growth / mean)
    parent = [np.array([-1])]
    level = np.array([0])
    total = 1
    for _ in range(layers - 1):
        if total >= n:
            break
        mgr = level[rng.random(len(level)) < share] if len(level) > 1 else level
        k = rng.integers(span[0], span[1] + 1, size=len(mgr))
        kids_parent = np.repeat(mgr, k)[: n - total]
        parent.append(kids_parent)
        level = np.arange(total, total + len(kids_parent))
        total += len(kids_parent)
    if total < n:  # top up the last layer
        parent.append(rng.choice(level, n - total))
    return np.concatenate(parent)


def generate_parent_deep(n: int, layers: int = 100, seed: int = 0) -> np.ndarray:
    """``n`` rows in ``layers`` layers of equal width; each row's manager drawn at random
    from the layer above (a deep, chain-heavy org)."""
    rng = np.random.default_rng(seed)
    width = max(1, (n - 1) // (layers - 1))
    parent = [np.array([-1])]
    prev = np.array([0])
    total = 1
    while total < n:
        k = min(width, n - total)
        parent.append(rng.choice(prev, k))
        prev = np.arange(total, total + k)
        total += k
    return np.concatenate(parent)


SHAPES = {
    "spans 3-10 (BFS)": lambda n, seed: generate_parent(n, (3, 10), seed),
    "spans 3-12, 9 layers": lambda n, seed: generate_parent_layers(n, (3, 12), 9, seed),
    "100 layers deep": lambda n, seed: generate_parent_deep(n, 100, seed),
}


def generate_org(n: int, span: tuple[int, int] = (3, 10), seed: int = 0, shape: str | None = None) -> Org:
    """An HR-export-like Org of ``n`` people (headcount 1 each), rows shuffled, text ids."""
    rng = np.random.default_rng(seed)
    parent = SHAPES[shape](n, seed) if shape else generate_parent(n, span, seed)
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


def run(sizes: list[int], repeat: int = 3, seed: int = 0, shapes: list[str] | None = None) -> pd.DataFrame:
    """Both sides on each shape and size; times are CPU seconds of this process (the
    machine is shared: CPU time is what each side costs), wall times beside them.

    ``cold`` is the whole path from the text columns: ``Org(positions)`` construction,
    the parent array from id / reports_to (:meth:`Org.parent_index`) and the metrics;
    ``networkx`` likewise starts from ``Org(positions)`` and builds its graph.
    """
    rows = []
    for shape in shapes or list(SHAPES):
        for n in sizes:
            base = generate_org(n, seed=seed, shape=shape)
            table = base.positions
            cold = []
            for _ in range(repeat):
                c, w = _timed(lambda t=table: spans_layers(Org(t)))
                cold.append(c)
            org = Org(table)
            res = spans_layers(org)
            warm = min(_timed(lambda o=org: spans_layers(o))[0] for _ in range(repeat))
            nx_cpu, nx_wall = _timed(lambda t=table: spans_layers_networkx(Org(t)))
            ref = spans_layers_networkx(Org(table)) if n <= 100_000 else None
            ok = _equal(res.posts, ref) if ref is not None else _equal(res.posts, _last_nx)
            cold_s = float(np.median(cold))
            rows.append({"shape": shape, "size": n, "layers": res.summary["layers"],
                         "orglib_cold_cpu_s": cold_s, "orglib_cpu_s": warm, "networkx_cpu_s": nx_cpu,
                         "networkx_wall_s": nx_wall, "ratio": nx_cpu / warm, "ratio_cold": nx_cpu / cold_s,
                         "equal": ok})
            print(f"  {shape:<22} {n:>9,}: orglib {warm:.3f} s (cold {cold_s:.3f} s, min-max "
                  f"{min(cold):.3f}-{max(cold):.3f}), networkx {nx_cpu:.2f} s cpu ({nx_wall:.1f} s wall), "
                  f"ratio {nx_cpu / warm:.0f}x warm, {nx_cpu / cold_s:.0f}x cold, equal={ok}",
                  file=sys.stderr, flush=True)
    return pd.DataFrame(rows)


_last_nx = None


def _timed(fn) -> tuple[float, float]:
    """(CPU s, wall s) of ``fn()``; keeps a networkx result for the equality check."""
    global _last_nx
    c0, t0 = time.process_time(), time.perf_counter()
    out = fn()
    c, w = time.process_time() - c0, time.perf_counter() - t0
    if isinstance(out, pd.DataFrame):
        _last_nx = out
    return c, w


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
    ap.add_argument("--sizes", type=int, nargs="+", default=[1_000_000])
    ap.add_argument("--shapes", nargs="+", choices=list(SHAPES), default=None)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    table = run(args.sizes, args.repeat, args.seed, args.shapes)
    with pd.option_context("display.float_format", "{:.3f}".format, "display.width", 120):
        print(table.to_string(index=False))
    return 0 if table["equal"].all() else 1


if __name__ == "__main__":
    sys.exit(main())
