"""Benchmark: explorer responsiveness on a 5,000-person org (slider change → refreshed tables).

Builds the explorer panel on :func:`orglib.designs.synthetic_org` (5,000 people, one row
each), then sets the span-target slider's ``.value`` programmatically ~20 times (the
observers run synchronously, so the time measured is from the change to the refreshed
summary, comparison, flags and figure HTML). Each value is visited twice: first visits
generate the comparison layout (cold), second visits reuse it from the cache (warm).

The obvious approach is timed on the same changes for the ratio: reload the design from
its file, rebuild the networkx graph and recompute spans, layout and comparison with
:func:`orglib.analysis._compare.compare` from scratch on each change.

Usage::

    python benchmarks/bench_explorer.py [--people 5000] [--changes 20]
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

from orglib.designs import synthetic_org  # noqa: E402
from orglib.explorer import derive_functions, explorer  # noqa: E402


def naive_refresh(path: Path, span: int) -> None:
    """Recompute everything from scratch: reload, networkx graph, spans, layout, compare."""
    from orglib.analysis._compare import compare
    from orglib.analysis._spans import spans_layers, spans_layers_networkx
    from orglib.designs._layouts import centralized
    from orglib.io._load import load

    org = load(path)
    _ = org.graph
    spans_layers_networkx(org)
    spans_layers(org, target=span)
    other = centralized(derive_functions(org), span_target=span)
    compare(org, other)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--people", type=int, default=5000)
    ap.add_argument("--changes", type=int, default=20)
    ap.add_argument("--naive-changes", type=int, default=3)
    args = ap.parse_args(argv)

    org = synthetic_org(args.people, seed=0)
    t0 = time.perf_counter()
    box = explorer(org, lang="zh", chart=True)
    build = time.perf_counter() - t0
    ex = box.explorer
    values = [v for v in range(4, 4 + args.changes // 2)]
    values = values + values  # cold then warm
    times = []
    for v in values:
        before = ex.summary_html.value + ex.comparison_html.value
        t = time.perf_counter()
        ex.span_slider.value = v
        times.append(time.perf_counter() - t)
        assert ex.last_view.params.span_target == v
        assert ex.summary_html.value + ex.comparison_html.value != before
    ms = np.array(times) * 1000
    half = len(ms) // 2
    median, p90 = statistics.median(ms), float(np.percentile(ms, 90))

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "org.xlsx"
        from orglib.io._load import save

        save(org, path)
        naive = []
        for v in values[: args.naive_changes]:
            t = time.perf_counter()
            naive_refresh(path, v)
            naive.append(time.perf_counter() - t)
    naive_ms = statistics.median(np.array(naive) * 1000)

    print(f"explorer on {args.people:,} people ({len(org.positions):,} rows); panel built in {build:.2f} s")
    print(f"slider change → refreshed tables over {len(ms)} changes: median {median:.1f} ms, p90 {p90:.1f} ms")
    print(f"  first visit of a value (layout generated): median {statistics.median(ms[:half]):.1f} ms")
    print(f"  repeat visit (layout cached):             median {statistics.median(ms[half:]):.1f} ms")
    print(f"recompute from scratch (reload + networkx + compare): median {naive_ms:.0f} ms "
          f"over {len(naive)} changes")
    print(f"ratio: {naive_ms / median:.0f}× faster than recomputing from scratch")
    print(f"target < 200 ms: {'met' if p90 < 200 else 'NOT met'} (p90)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
