"""Org charts for paper: legible static pages at any size (graphviz ``dot``, vector SVG).

A page holds at most ``max_rows`` boxes stacked down the page and ``max_depth``
levels across it (left to right), so its text stays at least 7 pt on A4. A large
org is paginated: an overview of the top layers first, then one page per manager
cut from the overview (its subtree, cut again at a legible depth; a wide team is
split over several pages). A box whose reports are drawn on another page says
"continued on chart n"; a box whose reports are drawn nowhere states the posts
and people it hides. Labels stay text (searchable in the PDF).

Examples
--------
>>> from orglib._core.model import Org
>>> rows = [{"id": "h", "title": "总监", "title_en": "Director", "headcount": 1}]
>>> rows += [{"id": f"m{i}", "title": f"经理{i}", "reports_to": "h", "headcount": 1} for i in range(3)]
>>> rows += [{"id": f"e{i}_{j}", "title": "专员", "reports_to": f"m{i}", "headcount": 1}
...          for i in range(3) for j in range(10)]
>>> pages = chart_pages(Org.from_records(rows), lang="en", max_rows=12)
>>> [p.posts for p in pages]
[4, 11, 11, 11]
>>> "continued on chart 2" in pages[0].dot
True
"""

from __future__ import annotations

import math
import shutil
import subprocess
import textwrap
from dataclasses import dataclass

import numpy as np

from .._core import Org, children_lists, tr
from ._orgchart import (
    LINK_STYLES,
    _dot_quote,
    _unit_colors,
    _unit_names,
    subtree_totals,
    tree_levels,
)

FONT_PT = 10.0
"""Font size of box labels in the SVG (before scaling to the page)."""

PAGE_MM = (186.0, 240.0)
"""Printable width and height of an A4 page (mm) left for a chart."""

MIN_PT = 7.0
"""Smallest legible text on paper."""


@dataclass(frozen=True)
class ChartPage:
    """One chart page: heading, the graphviz source, and the SVG (``""`` without ``dot``)."""

    number: int
    heading: str
    root: str
    posts: int
    dot: str
    svg: str
    width_pt: float
    height_pt: float

    @property
    def font_pt(self) -> float:
        """Label size once the chart is scaled to fit the A4 page."""
        if not self.width_pt:
            return FONT_PT
        w, h = (x / 25.4 * 72 for x in PAGE_MM)
        return FONT_PT * min(1.4, w / self.width_pt, h / self.height_pt)


def _grow(start: list[int], kids: list[list[int]], max_rows: int, max_depth: int) -> set[int]:
    """Rows drawn from ``start`` down: add whole levels while the boxes fit."""
    shown = set(start)
    frontier = list(start)
    leaves = len(start)
    for _level in range(max_depth - 1):
        nxt = [c for r in frontier for c in kids[r]]
        if not nxt:
            break
        with_kids = sum(1 for r in frontier if kids[r])
        if leaves - with_kids + len(nxt) > max_rows:
            break
        shown.update(nxt)
        leaves = leaves - with_kids + len(nxt)
        frontier = nxt
    return shown


def _wrap(text: str, width: int = 24) -> str:
    lines = textwrap.wrap(text, width=width, break_long_words=True) if " " in text else \
        [text[i:i + width // 2] for i in range(0, len(text), width // 2)] or [""]
    return "\n".join(lines[:3])


def chart_pages(org: Org, *, lang: str = "zh", max_rows: int = 16, max_depth: int = 4,
                max_pages: int = 30, prefix: str = "", links: bool = True) -> list[ChartPage]:
    """The org chart as pages that are legible on A4.

    Parameters
    ----------
    org : Org
    lang : {"zh", "en"}
    max_rows : int
        Most boxes stacked down one page (16 keeps 3-line labels ≥ 7 pt on A4).
    max_depth : int
        Most levels across one page.
    max_pages : int
        Most pages; the boxes of managers beyond it state what they hide.
    prefix : str
        Prefix of the chart numbers (e.g. ``"3.1"`` gives charts 3.1.1, 3.1.2, ...).
    links : bool
        Draw non-reporting links between boxes on the same page.

    Returns
    -------
    list of ChartPage
    """
    n = len(org.positions)
    if n == 0:
        return []
    parent, depth = tree_levels(org)
    kids = children_lists(parent)
    hc = org.headcounts()
    posts_below = subtree_totals(parent, depth, np.ones(n)) - 1
    people_below = subtree_totals(parent, depth, hc) - hc
    pos = org.positions
    title = pos["title"].to_numpy(dtype=object)
    title_en = pos["title_en"].to_numpy(dtype=object)
    ids = pos["id"].to_numpy(dtype=object)
    units = pos["unit"].to_numpy(dtype=object)
    colors = _unit_colors(sorted({str(u) for u in units}))
    unit_names = _unit_names(org, lang)

    def name(r: int) -> str:
        t = (title_en[r] or title[r]) if lang == "en" else (title[r] or title_en[r])
        return str(t or ids[r])

    # page specs: (heading root, rows drawn); overview first, then breadth-first page roots
    roots = [int(r) for r in np.flatnonzero(parent < 0)]
    specs: list[tuple[int | None, list[int], set[int]]] = []
    if len(roots) > max_rows:
        chunks = [roots[i:i + max_rows] for i in range(0, len(roots), max_rows)]
        for ch in chunks:
            specs.append((None, ch, _grow(ch, kids, max_rows, max_depth)))
    else:
        specs.append((None, roots, _grow(roots, kids, max_rows, max_depth)))
    page_of: dict[int, list[int]] = {}
    k = 0
    while k < len(specs) and len(specs) < max_pages:
        _top, _start, shown = specs[k]
        for r in sorted(shown, key=lambda x: (depth[x], x)):
            if r in page_of or not kids[r] or any(c in shown for c in kids[r]):
                continue
            ch = kids[r]
            groups = [ch[i:i + max_rows] for i in range(0, len(ch), max_rows)]
            page_of[r] = []
            for g in groups:
                if len(specs) >= max_pages:
                    break
                page_of[r].append(len(specs))
                specs.append((r, g, _grow(g, kids, max_rows, max_depth) | {r}))
            if len(specs) >= max_pages:
                break
        k += 1

    number = [f"{prefix}.{i + 1}" if prefix else str(i + 1) for i in range(len(specs))]
    exe = shutil.which("dot")
    built = []
    for i, (top, _start, shown) in enumerate(specs):
        lines = ["digraph org {",
                 '  graph [rankdir=LR, nodesep=0.12, ranksep=0.35, splines=ortho, bgcolor="white", '
                 'margin=0];',
                 f'  node [shape=box, style="rounded,filled", fontname="Noto Sans CJK SC", '
                 f'fontsize={FONT_PT:g}, margin="0.08,0.03", color="#888888", width=2.2];',
                 '  edge [arrowsize=0.5, color="#888888"];']
        order = sorted(shown, key=lambda x: (depth[x], x))
        start_set = {order[0]} if order else set()
        for r in order:
            label = _wrap(name(r))
            if units[r] and (parent[r] < 0 or units[parent[r]] != units[r] or r in start_set):
                label += "\n" + _wrap(unit_names.get(str(units[r]), str(units[r])))
            label += f"\n{tr('定员', 'HC', lang)} {hc[r]:,.0f}"
            if kids[r]:
                label += tr(f" · 下属 {people_below[r]:,.0f} 人", f" · {people_below[r]:,.0f} below", lang)
            hidden = [c for c in kids[r] if c not in shown]
            if hidden:
                more = page_of.get(r, [])
                if more and (top != r):
                    refs = ", ".join(number[p] for p in more[:3]) + ("…" if len(more) > 3 else "")
                    label += "\n" + tr(f"续见图 {refs}", f"continued on chart {refs}", lang)
                elif top == r:
                    label += "\n" + tr(f"共 {len(kids[r]):,} 个下级岗位", f"{len(kids[r]):,} report posts", lang)
                else:
                    label += "\n" + tr(f"未画出 {posts_below[r]:,.0f} 个岗位", f"{posts_below[r]:,.0f} posts not drawn", lang)
            fill = colors.get(str(units[r]), "#eeeeee")
            lines.append(f"  r{r} [label={_dot_quote(label)}, fillcolor={_dot_quote(fill)}];")
        for r in order:
            p = parent[r]
            if p >= 0 and p in shown:
                lines.append(f"  r{p} -> r{r};")
        if links and len(org.links):
            row_of = {str(x): j for j, x in enumerate(ids)}
            for a, b, kind in zip(org.links["from"], org.links["to"], org.links["kind"], strict=True):
                ra, rb = row_of.get(a), row_of.get(b)
                if ra in shown and rb in shown and ra != rb:
                    st = LINK_STYLES.get(kind, LINK_STYLES["collaborates"])
                    lines.append(f'  r{ra} -> r{rb} [style=dashed, constraint=false, color="{st["color"]}"];')
        lines.append("}")
        dot = "\n".join(lines)
        if top is None and len(specs) == 1:
            heading = tr(f"图 {number[i]}:全部岗位", f"Chart {number[i]}: the whole organisation", lang)
        elif top is None:
            heading = tr(f"图 {number[i]}:总览(上层)", f"Chart {number[i]}: overview (top layers)", lang)
        else:
            part = page_of[top].index(i) + 1 if len(page_of[top]) > 1 else 0
            where = unit_names.get(str(units[top]), str(units[top])) if units[top] else ""
            who = f"{name(top)}({where})" if where and lang == "zh" else (f"{name(top)} ({where})" if where else name(top))
            heading = tr(f"图 {number[i]}:{who}及其下属 {people_below[top]:,.0f} 人",
                         f"Chart {number[i]}: {who} and the {people_below[top]:,.0f} people below", lang)
            if part:
                heading += tr(f"(第 {part}/{len(page_of[top])} 部分)", f" (part {part} of {len(page_of[top])})", lang)
        built.append((heading, "" if top is None else str(ids[top]), len(shown), dot))
    svgs = _render_all(exe, [b[3] for b in built])
    return [ChartPage(i + 1, h, root, n, dot, *svgs[i]) for i, (h, root, n, dot) in enumerate(built)]


def _render_all(exe: str | None, dots: list[str]) -> list[tuple[str, float, float]]:
    """Every page's SVG from one ``dot`` process (one graph after another on its input)."""
    if exe is None:
        return [("", 0.0, 0.0)] * len(dots)
    proc = subprocess.run([exe, "-Tsvg"], input="\n".join(dots).encode("utf-8"), capture_output=True,
                          timeout=300, check=False)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr.decode("utf-8", "replace"))
    parts = [p for p in proc.stdout.decode("utf-8").split("<?xml") if "<svg" in p]
    if len(parts) != len(dots):
        raise RuntimeError(f"dot returned {len(parts)} drawings for {len(dots)} graphs")
    return [_fit(p) for p in parts]


def _fit(svg: str) -> tuple[str, float, float]:
    import re

    svg = svg[svg.find("<svg"):]
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.DOTALL)
    svg = re.sub(r"<title>.*?</title>", "", svg, flags=re.DOTALL)
    m = re.search(r'width="([\d.]+)pt" height="([\d.]+)pt"', svg)
    w, h = (float(m.group(1)), float(m.group(2))) if m else (0.0, 0.0)
    # fit the page: shrink a wide chart, enlarge a small one (up to 1.4×, so text stays ≤ 14 pt)
    page_w = PAGE_MM[0] / 25.4 * 72
    page_h = PAGE_MM[1] / 25.4 * 72
    s = min(1.4, page_w / w if w else 1.0, page_h / h if h else 1.0)
    if m and not math.isclose(s, 1.0):
        svg = svg.replace(m.group(0), f'width="{w * s:.1f}pt" height="{h * s:.1f}pt"', 1)
    return svg, w, h
