"""Org chart timings: build the page in Python, then first draw in headless Chromium.

Prints, per size: seconds to build the HTML with orglib (precomputed tree layout,
nodes filled directly, collapsed above 1,500 boxes), seconds for pyvis's
``Network.from_nx`` on the same graph (the obvious approach; skipped above 20k),
and seconds until vis-network's first ``afterDrawing`` in Chromium (network off).

Run: ``.venv/bin/python benchmarks/bench_orgchart.py [sizes...]``
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from orglib._core.model import Org  # noqa: E402
from orglib.viz._orgchart import interactive_html  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]


def random_org(n: int, seed: int = 0) -> Org:
    """A random tree of ``n`` posts, spans 3–10, in 6 units."""
    rng = np.random.default_rng(seed)
    parents = np.zeros(n, dtype=np.int64)
    parents[0] = -1
    frontier, nxt = [0], 1
    while nxt < n:
        new = []
        for p in frontier:
            k = int(rng.integers(3, 11))
            for _ in range(k):
                if nxt >= n:
                    break
                parents[nxt] = p
                new.append(nxt)
                nxt += 1
        frontier = new
    rows = [{"id": f"p{i}", "title": f"岗位{i}", "reports_to": "" if parents[i] < 0 else f"p{parents[i]}",
             "headcount": 1, "unit": f"u{i % 6}"} for i in range(n)]
    return Org.from_records(rows)


def time_from_nx(org: Org) -> float:
    from pyvis.network import Network

    t = time.perf_counter()
    net = Network(directed=True, cdn_resources="in_line")
    net.from_nx(org.reporting_tree())
    return time.perf_counter() - t


def draw_seconds(page: str) -> float | None:
    if not Path(CHROMIUM).exists():
        return None
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as d:
        f = Path(d) / "chart.html"
        f.write_text(page, encoding="utf-8")
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            ctx = b.new_context(offline=True)
            pg = ctx.new_page()
            t = time.perf_counter()
            pg.goto(f.as_uri())
            pg.wait_for_function("document.body.dataset.drawn === '1'", timeout=120_000)
            dt = time.perf_counter() - t
            b.close()
    return dt


def main(sizes: list[int]) -> None:
    print(f"{'posts':>8} {'boxes':>6} {'build s':>8} {'from_nx s':>10} {'ratio':>6} {'draw s':>7}")
    for n in sizes:
        org = random_org(n)
        t = time.perf_counter()
        from orglib.viz._orgchart import chart_view

        view = chart_view(org)
        page = interactive_html(org, view=view)
        build = time.perf_counter() - t
        nx_s = time_from_nx(org) if n <= 20_000 else float("nan")
        draw = draw_seconds(page)
        print(f"{n:>8} {len(view.nodes):>6} {build:>8.2f} {nx_s:>10.2f} {nx_s / build:>6.1f} "
              f"{'n/a' if draw is None else f'{draw:.2f}':>7}", flush=True)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 1_000, 1_500, 10_000, 100_000])
