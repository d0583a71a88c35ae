"""Org charts for paper: legible static pages at any size (graphviz ``dot``, vector SVG).

A page holds at most ``max_rows`` boxes stacked down the page and ``max_depth``
levels across it (left to right), so its text stays at least 7 pt on A4. A large
org is paginated: an overview of the top layers first, then one page per manager
cut from the overview (its subtree, cut again at a legible depth; a wide team is
split over several pages). A team of posts without reports that has at most four
titles and does not fit drawn post by post is drawn as one box ("3 × Officer").
A box whose reports are drawn on another page says "continued on chart n" (a link
to that chart: :func:`resolve_chart_refs` turns it into "continued on page n" once
the PDF's page of each chart is known); a box whose reports are drawn nowhere states
the posts and people it hides. Labels stay text (searchable in the PDF).

Examples
--------
>>> from orglib._core.model import Org
>>> rows = [{"id": "h", "title": "总监", "title_en": "Director", "headcount": 1}]
>>> rows += [{"id": f"m{i}", "title": f"经理{i}", "reports_to": "h", "headcount": 1} for i in range(3)]
>>> rows += [{"id": f"e{i}_{j}", "title": f"专员{j % 5}", "reports_to": f"m{i}", "headcount": 1}
...          for i in range(3) for j in range(10)]
>>> pages = chart_pages(Org.from_records(rows), lang="en", max_rows=12)
>>> [p.posts for p in pages], [p.chart for p in pages]
([4, 11, 11, 11], ['1', '2', '3', '4'])
>>> "continued on chart 2" in pages[0].dot
True
>>> team = Org.from_records(rows[:4] + [dict(r, title="专员") for r in rows[4:]])
>>> [(p.posts, sum(map(len, p.teams.values()))) for p in chart_pages(team, lang="en", max_rows=12)]
[(4, 30)]
"""

from __future__ import annotations

import html
import math
import re
import shutil
import subprocess
import textwrap
import unicodedata
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .._core import Org, children_lists, tr
from ._orgchart import (
    LINK_STYLES,
    _dot_quote,
    _tidy_x,
    _unit_colors,
    _unit_names,
    script_json,
    subtree_totals,
    tree_levels,
    vis_edge,
    vis_node,
    vis_page,
)

FONT_PT = 10.0
"""Font size of box labels in the SVG (before scaling to the page)."""

PAGE_MM = (172.0, 240.0)
"""Width and height (mm) a chart gets on an A4 page of the report (186 mm between the
margins, less the notebook cell's padding: measured in Chromium's print layout)."""

FIRST_MM = 200.0
"""Height left for the first chart of a design (its page also holds the section headings)."""


TEAM_TITLES = 4
"""Most distinct titles in a team drawn as one box (each title is listed with its count)."""

CHART_REF = 'class="chart-ref"'
"""What marks a "continued on chart n" line in a chart's SVG (see :func:`resolve_chart_refs`)."""

_REF_TEXT = re.compile(r"<text([^>]*)>(continued on charts? |续见图 )([\d.]+)(?:–([\d.]+))?</text>")
_REF_SVG = re.compile(r'(<text\b([^>]*\bclass="chart-ref"[^>]*)>)[^<]*</text>')
_REF_ATTR = re.compile(r'\bdata-(first|last|lang)="([^"]*)"')


@dataclass(frozen=True)
class ChartPage:
    """One chart page: heading, the graphviz source, and the SVG (``""`` without ``dot``).

    ``chart`` is the chart number ("3.1.2"), ``anchor`` the HTML id of its page;
    ``rows`` the posts drawn as boxes (row numbers of ``org.positions``), ``teams`` the
    posts drawn as one team box under their manager, ``continues`` the pages (first,
    last; indices into the list) where a box's reports are drawn.
    """

    number: int
    heading: str
    root: str
    posts: int
    dot: str
    svg: str
    width_pt: float
    height_pt: float
    chart: str = ""
    rows: tuple[int, ...] = ()
    teams: Mapping[int, tuple[int, ...]] = field(default_factory=dict)
    continues: Mapping[int, tuple[int, int]] = field(default_factory=dict)

    @property
    def anchor(self) -> str:
        """HTML id of the page (the target of "continued on" links)."""
        return f"chart-{self.chart or self.number}"

    @property
    def font_pt(self) -> float:
        """Label size once the chart is scaled to fit the A4 page."""
        if not self.width_pt:
            return FONT_PT
        w, h = (x / 25.4 * 72 for x in (PAGE_MM[0], FIRST_MM if self.number == 1 else PAGE_MM[1]))
        return FONT_PT * min(1.4, w / self.width_pt, h / self.height_pt)


def _is_team(r: int, kids: list[list[int]], names: list[str]) -> bool:
    """Reports of ``r`` are posts without reports, of at most :data:`TEAM_TITLES` titles."""
    ch = kids[r]
    return len(ch) > 1 and all(not kids[c] for c in ch) and len({names[c] for c in ch}) <= TEAM_TITLES


def _grow(start: list[int], kids: list[list[int]], max_rows: int, max_depth: int,
          names: list[str]) -> tuple[set[int], dict[int, tuple[int, ...]]]:
    """Rows drawn from ``start`` down: add whole levels while the boxes fit; a level that
    does not fit may still be drawn with its teams as one box each."""
    shown = set(start)
    teams: dict[int, tuple[int, ...]] = {}
    frontier = list(start)
    leaves = len(start)
    for _level in range(max_depth - 1):
        managers = [r for r in frontier if kids[r]]
        if not managers:
            break
        nxt = [c for r in managers for c in kids[r]]
        if leaves - len(managers) + len(nxt) <= max_rows:
            shown.update(nxt)
            leaves += len(nxt) - len(managers)
            frontier = nxt
            continue
        packed = [r for r in managers if _is_team(r, kids, names)]
        others = [c for r in managers if r not in packed for c in kids[r]]
        rest = len(managers) - len(packed)
        if packed and leaves - rest + len(others) <= max_rows:
            teams.update((r, tuple(kids[r])) for r in packed)
            shown.update(others)
            leaves += len(others) - rest
            frontier = others
            continue
        break
    return shown, teams


def _width(text: str) -> int:
    """Display width: a wide (CJK) character counts 2."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _wrap(text: str, width: int = 24, lines: int = 3) -> str:
    """``text`` in at most ``lines`` lines of ``width`` display columns (a cut line ends in …)."""
    out: list[str] = []
    for word in textwrap.wrap(text, width=width, break_long_words=False) or [""]:
        while _width(word) > width:  # a long word or a CJK run: cut by display width
            k, w = 0, 0
            while k < len(word) and w + _width(word[k]) <= width:
                w += _width(word[k])
                k += 1
            out.append(word[:k])
            word = word[k:]
        out.append(word)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: max(1, len(out[-1]) - 1)] + "…"
    return "\n".join(out)


def _ref_text(first: str, last: str, lang: str) -> str:
    if first == last:
        return tr(f"续见图 {first}", f"continued on chart {first}", lang)
    return tr(f"续见图 {first}–{last}", f"continued on charts {first}–{last}", lang)


def _chart_tree(org: Org, lang: str) -> tuple:
    """What the paper pages and the HTML drill-down both draw from, computed in one place:
    parent, layer, children, headcount, posts and people below, ids, units, box names in
    ``lang`` (the title in that language, else the other one, else the id), unit names, unit colours."""
    parent, depth = tree_levels(org)
    kids = children_lists(parent)
    hc = org.headcounts()
    posts_below = subtree_totals(parent, depth, np.ones(len(parent))) - 1
    people_below = subtree_totals(parent, depth, hc) - hc
    pos = org.positions
    title, title_en = pos["title"].to_numpy(dtype=object), pos["title_en"].to_numpy(dtype=object)
    ids, units = pos["id"].to_numpy(dtype=object), pos["unit"].to_numpy(dtype=object)
    names = [str(((title_en[r] or title[r]) if lang == "en" else (title[r] or title_en[r])) or ids[r])
             for r in range(len(ids))]
    colors = _unit_colors(sorted({str(u) for u in units}))
    return parent, depth, kids, hc, posts_below, people_below, ids, units, names, _unit_names(org, lang), colors


def chart_pages(org: Org, *, lang: str = "zh", max_rows: int = 16, max_depth: int = 4,
                max_pages: int = 40, prefix: str = "", links: bool = True,
                render: bool = True) -> list[ChartPage]:
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
    render : bool
        Draw the SVGs with ``dot`` (``False``: only the pages' contents and sources).

    Returns
    -------
    list of ChartPage
    """
    n = len(org.positions)
    if n == 0:
        return []
    parent, depth, kids, hc, posts_below, people_below, ids, units, names, unit_names, colors = \
        _chart_tree(org, lang)

    # page specs: (heading root, rows drawn, teams); overview first, then breadth-first page roots
    roots = [int(r) for r in np.flatnonzero(parent < 0)]
    specs: list[tuple[int | None, set[int], dict[int, tuple[int, ...]]]] = []
    for i in range(0, len(roots), max_rows):
        specs.append((None, *_grow(roots[i:i + max_rows], kids, max_rows, max_depth, names)))
    page_of: dict[int, list[int]] = {}
    k = 0
    while k < len(specs) and len(specs) < max_pages:
        _top, shown, teams = specs[k]
        for r in sorted(shown, key=lambda x: (depth[x], x)):
            if r in page_of or r in teams or not kids[r] or any(c in shown for c in kids[r]):
                continue
            ch = kids[r]
            page_of[r] = []
            for g in (ch[i:i + max_rows] for i in range(0, len(ch), max_rows)):
                if len(specs) >= max_pages:
                    break
                page_of[r].append(len(specs))
                rows, tms = _grow(g, kids, max_rows, max_depth - 1, names)  # + the manager: max_depth columns
                specs.append((r, rows | {r}, tms))
            if len(specs) >= max_pages:
                break
        k += 1

    number = [f"{prefix}.{i + 1}" if prefix else str(i + 1) for i in range(len(specs))]
    built = []
    for i, (top, shown, teams) in enumerate(specs):
        lines = ["digraph org {",
                 '  graph [rankdir=LR, nodesep=0.12, ranksep=0.3, splines=ortho, bgcolor="white", '
                 'margin=0];',
                 f'  node [shape=box, style="rounded,filled", fontname="Noto Sans CJK SC", '
                 f'fontsize={FONT_PT:g}, margin="0.08,0.03", color="#888888", width=2.0];',
                 '  edge [arrowsize=0.5, color="#888888"];']
        order = sorted(shown, key=lambda x: (depth[x], x))
        first_row = order[0] if order else -1
        continues: dict[int, tuple[int, int]] = {}
        for r in order:
            label = _wrap(names[r])
            uname = unit_names.get(str(units[r]), str(units[r]))
            if units[r] and (parent[r] < 0 or units[parent[r]] != units[r] or r == first_row) \
                    and uname not in names[r]:
                label += "\n" + _wrap(uname, lines=1)
            label += f"\n{tr('定员', 'HC', lang)} {hc[r]:,.0f}"
            if kids[r]:
                label += tr(f" · 下属 {people_below[r]:,.0f} 人", f" · {people_below[r]:,.0f} below", lang)
            hidden = [c for c in kids[r] if c not in shown] if r not in teams else []
            if hidden:
                more = page_of.get(r, [])
                if more and top != r:
                    continues[r] = (more[0], more[-1])
                    label += "\n" + _ref_text(number[more[0]], number[more[-1]], lang)
                elif top == r:
                    label += "\n" + tr(f"共 {len(kids[r]):,} 个下级岗位", f"{len(kids[r]):,} report posts", lang)
                else:
                    label += "\n" + tr(f"未画出 {posts_below[r]:,.0f} 个岗位", f"{posts_below[r]:,.0f} posts not drawn", lang)
            fill = colors.get(str(units[r]), "#eeeeee")
            lines.append(f"  r{r} [label={_dot_quote(label)}, fillcolor={_dot_quote(fill)}];")
        for m, team in teams.items():
            lines.append(f"  t{m} [label={_dot_quote(team_label(team, names, hc, lang))}, "
                         f'fillcolor={_dot_quote(colors.get(str(units[team[0]]), "#eeeeee"))}, style="filled"];')
            lines.append(f"  r{m} -> t{m};")
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
            who = f"{names[top]}({where})" if where and lang == "zh" else (f"{names[top]} ({where})" if where else names[top])
            heading = tr(f"图 {number[i]}:{who}及其下属 {people_below[top]:,.0f} 人",
                         f"Chart {number[i]}: {who} and the {people_below[top]:,.0f} people below", lang)
            if part:
                heading += tr(f"(第 {part}/{len(page_of[top])} 部分)", f" (part {part} of {len(page_of[top])})", lang)
        built.append((heading, "" if top is None else str(ids[top]), order, teams, continues, dot))
    exe = shutil.which("dot") if render else None
    svgs = _render_all(exe, [b[5] for b in built])
    return [ChartPage(i + 1, h, root, len(order), dot, _link_refs(svgs[i][0], prefix, lang), svgs[i][1],
                      svgs[i][2], number[i], tuple(order), teams, continues)
            for i, (h, root, order, teams, continues, dot) in enumerate(built)]


def team_label(team: tuple[int, ...] | list[int], names: list[str], hc: np.ndarray, lang: str) -> str:
    """Label of a team box: its posts and people, then each title with its count (the
    words every title starts with said once, on the second line).

    >>> team_label([0, 1, 2], ["Press Officer", "Press Senior Officer", "Press Officer"], np.ones(3), "en")
    '3 posts · 3 people\\nPress …\\n2 × Officer\\n1 × Senior Officer'
    """
    people = float(np.sum(hc[list(team)]))
    out = [tr(f"{len(team):,} 个岗位 · {people:,.0f} 人", f"{len(team):,} posts · {people:,.0f} people", lang)]
    counts = Counter(names[r] for r in team).most_common()
    words = [t.split(" ") for t, _ in counts]
    k = 0
    while all(len(w) > k + 1 for w in words) and len({w[k] for w in words}) == 1:
        k += 1
    if k:
        out.append(_wrap(" ".join(words[0][:k]) + " …", width=34, lines=1))
    for (_title, c), w in zip(counts, words, strict=True):
        out.append(_wrap(f"{c:,} × {' '.join(w[k:])}", width=34, lines=1))
    return "\n".join(out)


def _link_refs(svg: str, prefix: str, lang: str) -> str:
    """Each "continued on chart n" line of ``svg`` as a link to chart n, marked for
    :func:`resolve_chart_refs`."""
    if not svg:
        return svg

    def sub(m: re.Match[str]) -> str:
        first, last = m.group(3), m.group(4) or m.group(3)
        return (f'<a href="#chart-{html.escape(first)}"><text class="chart-ref" data-first="{html.escape(first)}" '
                f'data-last="{html.escape(last)}" data-lang="{lang}"{m.group(1)}>'
                f"{m.group(2)}{m.group(3)}{'–' + m.group(4) if m.group(4) else ''}</text></a>")

    return _REF_TEXT.sub(sub, svg)


def resolve_chart_refs(page_html: str, pages: Mapping[str, int]) -> str:
    """Replace each "continued on chart n" marker with the page that holds chart n.

    Parameters
    ----------
    page_html : str
        A report (or SVG) holding the markers of :func:`chart_pages`.
    pages : mapping
        Anchor (``"chart-3.1.2"``) → page number (1-based), e.g. from the PDF's
        named destinations.

    Examples
    --------
    >>> svg = ('<text class="chart-ref" data-first="3.1.2" data-last="3.1.4" data-lang="en" x="1">'
    ...        'continued on charts 3.1.2–3.1.4</text>')
    >>> resolve_chart_refs(svg, {"chart-3.1.2": 12, "chart-3.1.4": 14})
    '<text class="chart-ref" data-first="3.1.2" data-last="3.1.4" data-lang="en" x="1">continued on pages 12–14</text>'
    """
    def sub(m: re.Match[str]) -> str:
        attr = dict(_REF_ATTR.findall(m.group(2)))  # in any order (HTML exporters sort them)
        a = pages.get(f"chart-{html.unescape(attr.get('first', ''))}")
        b = pages.get(f"chart-{html.unescape(attr.get('last', ''))}")
        if a is None:
            return m.group(0)
        lang = "zh" if attr.get("lang") == "zh" else "en"
        if b is None or b == a:
            text = tr(f"续见第 {a} 页", f"continued on page {a}", lang)
        else:
            text = tr(f"续见第 {a}–{b} 页", f"continued on pages {a}–{b}", lang)
        return f"{m.group(1)}{text}</text>"

    return _REF_SVG.sub(sub, page_html)


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
    return [_fit(p, FIRST_MM if i == 0 else PAGE_MM[1]) for i, p in enumerate(parts)]


def _fit(svg: str, height_mm: float = PAGE_MM[1]) -> tuple[str, float, float]:
    svg = svg[svg.find("<svg"):]
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.DOTALL)
    svg = re.sub(r"<title>.*?</title>", "", svg, flags=re.DOTALL)
    m = re.search(r'width="([\d.]+)pt" height="([\d.]+)pt"', svg)
    w, h = (float(m.group(1)), float(m.group(2))) if m else (0.0, 0.0)
    # fit the page: shrink a wide chart, enlarge a small one (up to 1.4×, so text stays ≤ 14 pt)
    page_w = PAGE_MM[0] / 25.4 * 72
    page_h = height_mm / 25.4 * 72
    s = min(1.4, page_w / w if w else 1.0, page_h / h if h else 1.0)
    if m and not math.isclose(s, 1.0):
        svg = svg.replace(m.group(0), f'width="{w * s:.1f}pt" height="{h * s:.1f}pt"', 1)
    return svg, w, h


# ----------------------------------------------------------------------------- screen
def drilldown_html(org: Org, pages: list[ChartPage] | None = None, *, lang: str = "zh",
                   height: str = "620px") -> str:
    """The paginated chart for the screen: one interactive page (pyvis, positions
    precomputed, physics off, scripts inlined) showing the overview of
    :func:`chart_pages` first; a box marked ▸ opens the chart of its team, the list
    above the chart opens any of them and "▲" goes back up.

    Parameters
    ----------
    org : Org
    pages : list of ChartPage, optional
        From :func:`chart_pages` (computed without SVGs when not given).
    lang : {"zh", "en"}
    height : str
        CSS height of the chart (the toolbar comes on top).

    Examples
    --------
    >>> from orglib._core.model import Org
    >>> rows = [{"id": "h", "title": "总监", "headcount": 1}]
    >>> rows += [{"id": f"e{i}", "title": f"<专员{i}>", "reports_to": "h", "headcount": 1} for i in range(40)]
    >>> page = drilldown_html(Org.from_records(rows), lang="en")
    >>> '"heading": "Chart 2: 总监 and the 40 people below (part 1 of 3)", "up": 0' in page
    True
    >>> "<专员3>" in page, "u003c专员3" in page
    (False, True)
    """
    pages = pages if pages is not None else chart_pages(org, lang=lang, render=False)
    parent, depth, kids, hc, posts_below, people_below, ids, units, names, unit_names, colors = \
        _chart_tree(org, lang)
    row_of = {str(x): j for j, x in enumerate(ids)}
    up = [-1] * len(pages)
    for k, pg in enumerate(pages):
        for first, last in pg.continues.values():
            for j in range(first, last + 1):
                if up[j] < 0:
                    up[j] = k
    charts = []
    for k, pg in enumerate(pages):
        shown = set(pg.rows)
        local = list(pg.rows) + [-1 - m for m in pg.teams]  # a team box is -1 - its manager's row
        index = {x: i for i, x in enumerate(local)}
        lp = np.array([index.get(int(parent[x]), -1) if x >= 0 else index[-1 - x] for x in local], dtype=np.int64)
        order = np.array([x if x >= 0 else -1 - x + 0.5 for x in local], dtype=float)
        xs = _tidy_x(lp, np.ones(len(local), dtype=bool), order)
        top = min((int(depth[x]) for x in pg.rows), default=0)
        nodes = []
        for i, x in enumerate(local):
            if x < 0:
                m = -1 - x
                team = pg.teams[m]
                label = team_label(team, names, hc, lang)
                tip = label
                nodes.append(vis_node(f"t{m}", label, tip, colors.get(str(units[team[0]]), "#eeeeee"),
                                      float(xs[i]), float(depth[m] + 1 - top), chart=-1))
                continue
            r = x
            label = _wrap(names[r])
            uname = unit_names.get(str(units[r]), str(units[r]))
            if units[r] and (parent[r] < 0 or units[parent[r]] != units[r] or i == 0) and uname not in names[r]:
                label += "\n" + _wrap(uname, lines=1)  # as on paper: which unit a box heads
            label += f"\n{tr('定员', 'HC', lang)} {hc[r]:,.0f}"
            if kids[r]:
                label += tr(f" · 下属 {people_below[r]:,.0f} 人", f" · {people_below[r]:,.0f} below", lang)
            target = -1
            if r in pg.continues:
                target = pg.continues[r][0]
                label += "\n▸ " + tr(f"打开图 {pages[target].chart}", f"open chart {pages[target].chart}", lang)
            elif kids[r] and r not in pg.teams and not any(c in shown for c in kids[r]) \
                    and pages[k].root != str(ids[r]):
                label += "\n" + tr(f"未画出 {posts_below[r]:,.0f} 个岗位", f"{posts_below[r]:,.0f} posts not drawn", lang)
            unit = str(units[r])
            tip = "\n".join([names[r], f"{tr('部门', 'unit', lang)}: {unit_names.get(unit, unit) or '—'}",
                             f"{tr('定员', 'headcount', lang)}: {hc[r]:,.0f}",
                             f"{tr('下属人数', 'people below', lang)}: {people_below[r]:,.0f}"])
            nodes.append(vis_node(f"r{r}", label, tip, colors.get(unit, "#eeeeee"), float(xs[i]),
                                  float(depth[r] - top), emphasis=target >= 0, chart=target))
        edges = [vis_edge(f"r{parent[r]}", f"r{r}", lang=lang) for r in pg.rows
                 if parent[r] >= 0 and parent[r] in shown]
        edges += [vis_edge(f"r{m}", f"t{m}", lang=lang) for m in pg.teams]
        if len(org.links):
            for a, b, kind in zip(org.links["from"], org.links["to"], org.links["kind"], strict=True):
                ra, rb = row_of.get(a), row_of.get(b)
                if ra in shown and rb in shown and ra != rb:
                    edges.append(vis_edge(f"r{ra}", f"r{rb}", kind or "collaborates", lang=lang))
        # left to right like the printed page: a level per column, a box per row
        longest = max((_width(line) for nd in nodes for line in nd["label"].split("\n")), default=8)
        tallest = max((nd["label"].count("\n") + 1 for nd in nodes), default=1)
        sx, sy = float(min(420, 7.5 * longest + 70)), float(18 * tallest + 22)
        for nd in nodes:
            nd["x"], nd["y"] = nd["y"] * sx, nd["x"] * sy
        charts.append({"id": pg.anchor, "heading": pg.heading, "up": up[k], "nodes": nodes, "edges": edges})
    first = charts[0] if charts else {"nodes": [], "edges": []}
    toolbar = (
        '<div id="orgchart-bar" style="display:flex;gap:6px;align-items:center;padding:4px 2px;'
        'font:14px \'Noto Sans CJK SC\',\'Microsoft YaHei\',sans-serif">'
        f'<button id="orgchart-up" type="button" title="{html.escape(tr("上一级图", "chart above", lang))}">'
        f'▲ {html.escape(tr("上一级", "Up", lang))}</button>'
        f'<select id="orgchart-select" aria-label="{html.escape(tr("选择组织图", "choose a chart", lang))}" '
        'style="flex:1;min-width:0;font:inherit"></select></div>')
    script = f"""(function () {{
  var CHARTS = {script_json(charts)};
  var sel = document.getElementById('orgchart-select');
  CHARTS.forEach(function (c, k) {{ sel.add(new Option(c.heading, String(k))); }});
  function show(k) {{
    nodes.clear(); edges.clear();
    nodes.add(CHARTS[k].nodes); edges.add(CHARTS[k].edges);
    sel.value = String(k);
    var tip = document.querySelector('.vis-tooltip'); if (tip) tip.style.visibility = 'hidden';
    document.getElementById('orgchart-up').disabled = CHARTS[k].up < 0;
    document.body.dataset.chart = CHARTS[k].id;
    network.fit();
  }}
  sel.addEventListener('change', function () {{ show(Number(sel.value)); }});
  document.getElementById('orgchart-up').addEventListener('click', function () {{
    var u = CHARTS[Number(sel.value)].up; if (u >= 0) show(u);
  }});
  network.on('click', function (p) {{
    if (!p.nodes.length) return;
    var nd = nodes.get(p.nodes[0]);
    if (nd && nd.chart >= 0) show(nd.chart);
  }});
  document.getElementById('orgchart-up').disabled = true;
  document.body.dataset.chart = CHARTS.length ? CHARTS[0].id : '';
  window.orgchartShow = show;
}})();"""
    return vis_page(first["nodes"], first["edges"], height=height, body_top=toolbar, script=script,
                    horizontal=True)


def pages_legend(org: Org, pages: list[ChartPage], *, lang: str = "zh") -> pd.DataFrame:
    """Units drawn on ``pages`` with their colours (``unit``, ``name``, ``color``), for :func:`legend_html`.

    >>> from orglib._core.model import Org
    >>> org = Org.from_records([{"id": "a", "unit": "u1"}, {"id": "b", "reports_to": "a", "unit": "u2"}])
    >>> pages_legend(org, chart_pages(org, render=False))["unit"].tolist()
    ['u1', 'u2']
    """
    units = org.positions["unit"].to_numpy(dtype=object)
    colors = _unit_colors(sorted({str(u) for u in units}))
    names = _unit_names(org, lang)
    drawn = sorted({str(units[r]) for p in pages for r in (*p.rows, *(x for t in p.teams.values() for x in t))})
    return pd.DataFrame([{"unit": u, "name": names.get(u, u) or tr("(未指定)", "(none)", lang), "color": colors[u]}
                         for u in drawn], columns=["unit", "name", "color"])
