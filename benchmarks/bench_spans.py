"""Benchmark: spans & layers with orglib (numpy) vs the straightforward networkx computation.

Both sides start from the same pandas table, the way an HR export arrives: one row per
person, rows shuffled, text ids (``"E0001234"``) in ``id`` and ``reports_to`` (separate
string objects, as a CSV reader gives them), ``headcount`` 1. Three shapes of 1,000,000
people by default: spans 3-10 filled breadth first; spans 3-12 in exactly 9 layers; 100
layers deep.

orglib
    **cold**: ``spans_layers(Org(table))``: building the Org from the table, resolving
    the managers' ids to rows (:meth:`Org.parent_index`) and every figure (layers, spans,
    people and cost below, bands, flags, the managers table). **warm**: ``spans_layers``
    on an Org whose parent array is known.
networkx
    **cold**: from the same table: a ``DiGraph`` built from the (manager, report) edges,
    out-degree and span per post, breadth-first depths from each top post: the
    straightforward spans & layers. **warm**: the same on the built graph. ``+below``
    adds people below each post (reverse topological order), which orglib also
    computes: the same figures on both sides.

Times are CPU seconds of this process (the machine is shared; CPU time is what each side
costs), the median of ``--repeat`` runs, with the wall time beside; ratios are
networkx / orglib. Every run checks that both sides give the same layer, direct
reports, span and people below for every post.

Usage::

    python benchmarks/bench_spans.py [--sizes 1000000] [--shapes "100 layers deep"] [--repeat 3]
"""

from __future__ import annotations

import argparse
import io
import math
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from orglib._core.model import Org  # noqa: E402
from orglib.analysis._spans import spans_layers  # noqa: E402


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
    width = max(1, -(-(n - 1) // (layers - 1)))  # exactly ``layers`` layers
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


def raw_table(n: int, shape: str = "spans 3-10 (BFS)", seed: int = 0) -> pd.DataFrame:
    """The HR-export-like table both sides start from: id, title, reports_to (object
    dtype, as orglib's CSV reader gives them; the manager's id is a separate string
    object, as in a file) and headcount 1, rows shuffled."""
    rng = np.random.default_rng(seed)
    parent = SHAPES[shape](n, seed)
    perm = rng.permutation(n)           # new row k holds old row perm[k]
    inv = np.empty(n, dtype=np.int64)
    inv[perm] = np.arange(n)
    old_parent = parent[perm]
    new_parent = np.where(old_parent >= 0, inv[np.maximum(old_parent, 0)], -1)
    label = rng.permutation(n)          # ids in no particular order, as staff numbers are
    ids = [f"E{i:07d}" for i in label.tolist()]
    reports_to = [f"E{label[p]:07d}" if p >= 0 else "" for p in new_parent.tolist()]
    return pd.DataFrame({
        "id": pd.Series(ids, dtype=object), "title": pd.Series(["员工"] * n, dtype=object),
        "reports_to": pd.Series(reports_to, dtype=object), "headcount": np.ones(n),
    })


def networkx_spans(table: pd.DataFrame, *, below: bool = True) -> tuple[pd.DataFrame, dict[str, float]]:
    """The straightforward networkx computation from the table: (per-post figures, CPU
    seconds per phase: build, spans (out-degree, span), layers (BFS depths), below)."""
    cpu: dict[str, float] = {}
    c0 = time.process_time()
    ids = table["id"].tolist()
    hc = dict(zip(ids, table["headcount"].tolist(), strict=True))
    g = nx.DiGraph()
    g.add_nodes_from(ids)
    g.add_edges_from((m, e) for m, e in zip(table["reports_to"].tolist(), ids, strict=True) if m)
    c1 = time.process_time()
    reports = dict(g.out_degree())
    span = {v: sum(hc[c] for c in g.successors(v)) / hc[v] if reports[v] and hc[v] > 0 else math.nan
            for v in ids}
    c2 = time.process_time()
    layer: dict[str, int] = {}
    for root in [v for v, d in g.in_degree() if d == 0]:
        for v, d in nx.single_source_shortest_path_length(g, root).items():
            layer[v] = d + 1
    c3 = time.process_time()
    people_below: dict[str, float] = {}
    if below:
        for v in reversed(list(nx.topological_sort(g))):
            people_below[v] = sum(people_below[c] + hc[c] for c in g.successors(v))
    c4 = time.process_time()
    cpu.update(build=c1 - c0, spans=c2 - c1, layers=c3 - c2, below=c4 - c3)
    out = pd.DataFrame({"id": ids, "layer": [layer[v] for v in ids],
                        "direct_reports": [reports[v] for v in ids], "span": [span[v] for v in ids],
                        "people_below": [people_below.get(v, math.nan) for v in ids]})
    return out, cpu


def _timed(fn) -> tuple[float, float, object]:
    """(CPU s, wall s, result) of ``fn()``."""
    c0, t0 = time.process_time(), time.perf_counter()
    out = fn()
    return time.process_time() - c0, time.perf_counter() - t0, out


def orglib_cold(table: pd.DataFrame) -> tuple[dict[str, float], object]:
    """CPU seconds of the three steps of the cold path, and the result."""
    c0 = time.process_time()
    org = Org(table)
    c1 = time.process_time()
    org.parent_index()
    c2 = time.process_time()
    res = spans_layers(org)
    c3 = time.process_time()
    return {"org": c1 - c0, "parent": c2 - c1, "metrics": c3 - c2, "total": c3 - c0}, res


def run(sizes: list[int], repeat: int = 3, seed: int = 0, shapes: list[str] | None = None,
        nx_repeat: int | None = None) -> pd.DataFrame:
    """Both sides on each shape and size; one row per (shape, size) with every figure."""
    rows = []
    for shape in shapes or list(SHAPES):
        for n in sizes:
            table = raw_table(n, shape, seed)
            cold, cold_wall, steps = [], [], []
            for _ in range(repeat):
                _c, w, (st, res) = _timed(lambda t=table: orglib_cold(t))
                cold.append(st["total"])
                cold_wall.append(w)
                steps.append(st)
            org = Org(table)
            org.parent_index()
            warm = [_timed(lambda o=org: spans_layers(o))[0] for _ in range(repeat)]
            nxc, nxw, ok = [], [], True
            for _ in range(nx_repeat or repeat):
                _c, w, (ref, cpu) = _timed(lambda t=table: networkx_spans(t))
                nxc.append(cpu)
                nxw.append(w)
                ok = ok and _equal(res.posts, ref)
            med = {k: statistics.median(s[k] for s in steps) for k in steps[0]}
            nx_med = {k: statistics.median(c[k] for c in nxc) for k in nxc[0]}
            o_cold, o_warm = statistics.median(cold), statistics.median(warm)
            nx_cold = nx_med["build"] + nx_med["spans"] + nx_med["layers"]
            nx_warm = nx_med["spans"] + nx_med["layers"]
            nx_cold_b, nx_warm_b = nx_cold + nx_med["below"], nx_warm + nx_med["below"]
            row = {
                "shape": shape, "size": n, "layers": res.summary["layers"],
                "orglib_cold_s": o_cold, "orglib_warm_s": o_warm,
                "org_s": med["org"], "parent_s": med["parent"], "metrics_s": med["metrics"],
                "nx_cold_s": nx_cold, "nx_warm_s": nx_warm, "nx_cold_below_s": nx_cold_b,
                "nx_build_s": nx_med["build"],
                "ratio_cold": nx_cold / o_cold, "ratio_warm": nx_warm / o_warm,
                "ratio_cold_below": nx_cold_b / o_cold, "ratio_warm_below": nx_warm_b / o_warm,
                "orglib_cold_wall_s": statistics.median(cold_wall), "nx_wall_s": statistics.median(nxw),
                "equal": ok,
            }
            rows.append(row)
            print(f"  {shape:<22} {n:>9,} ({row['layers']} layers): "
                  f"orglib cold {o_cold:.3f} s [Org {med['org']:.3f} + parent {med['parent']:.3f} + "
                  f"metrics {med['metrics']:.3f}; {min(cold):.3f}-{max(cold):.3f}], warm {o_warm:.3f} s | "
                  f"networkx cold {nx_cold:.2f} s (build {nx_med['build']:.2f}), warm {nx_warm:.2f} s, "
                  f"+below {nx_cold_b:.2f} s | ratio cold {row['ratio_cold']:.0f}x, "
                  f"warm {row['ratio_warm']:.0f}x (+below: {row['ratio_cold_below']:.0f}x, "
                  f"{row['ratio_warm_below']:.0f}x), equal={ok}", file=sys.stderr, flush=True)
    return pd.DataFrame(rows)


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
    ap.add_argument("--repeat", type=int, default=5, help="orglib runs per figure (median)")
    ap.add_argument("--nx-repeat", type=int, default=3, help="networkx runs per figure (median)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--in-process", action="store_true",
                    help="all shapes in this process (default: one fresh process per shape and size, "
                    "so no side inherits the heap a million-node graph left behind)")
    ap.add_argument("--json", action="store_true", help=argparse.SUPPRESS)  # a worker's output
    args = ap.parse_args(argv)
    if args.json or args.in_process:
        table = run(args.sizes, args.repeat, args.seed, args.shapes, args.nx_repeat)
        if args.json:
            print(table.to_json(orient="records"))
            return 0
    else:
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; CPU s, median of "
              f"{args.repeat} (orglib) / {args.nx_repeat} (networkx) runs; one process per shape",
              file=sys.stderr)
        frames = []
        for shape in args.shapes or list(SHAPES):
            for n in args.sizes:
                out = subprocess.run(
                    [sys.executable, __file__, "--json", "--shapes", shape, "--sizes", str(n),
                     "--repeat", str(args.repeat), "--nx-repeat", str(args.nx_repeat),
                     "--seed", str(args.seed)], check=True, capture_output=True, text=True)
                sys.stderr.write(out.stderr)
                frames.append(pd.read_json(io.StringIO(out.stdout), orient="records"))
        table = pd.concat(frames, ignore_index=True)
    cols = ["shape", "size", "layers", "orglib_cold_s", "orglib_warm_s", "nx_cold_s", "nx_warm_s",
            "ratio_cold", "ratio_warm", "ratio_cold_below", "ratio_warm_below", "equal"]
    with pd.option_context("display.float_format", "{:.3f}".format, "display.width", 160):
        print(table[cols].to_string(index=False))
        print(f"\nworst ratio: cold {table['ratio_cold'].min():.0f}x, warm {table['ratio_warm'].min():.0f}x; "
              f"with people below on the networkx side too: cold {table['ratio_cold_below'].min():.0f}x, "
              f"warm {table['ratio_warm_below'].min():.0f}x (goal: >= 50x on every shape); "
              f"load average now {os.getloadavg()[0]:.1f}")
    return 0 if table["equal"].all() else 1

if __name__ == "__main__":
    sys.exit(main())
