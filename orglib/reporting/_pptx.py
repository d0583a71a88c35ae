"""The report as a PowerPoint deck (python-pptx), from the same analysis as the report.

:func:`write_pptx` writes a 16:9 deck a consultant can present and edit:

1. title slide (title, organisation, author, date);
2. key figures — a table, one column per design;
3. findings, then recommendations (ranked, with their evidence);
4. org charts drawn with native shapes and connectors: an overview of the top of the
   organisation, then one slide per manager whose team does not fit on the slide
   above it, each box saying on which slide its team continues. A slide shows a
   manager, the row of its direct reports and, under each, their own reports; rows of
   many posts with the same title are drawn as one box ("Team Lead × 640"), so no slide
   holds more than :data:`MAX_BOXES` boxes and no text is under 10 pt;
5. spans and layers as native PowerPoint charts (span bands, people per layer) and a
   table by unit;
6. as-is vs to-be: every measure of :func:`orglib.analysis.compare` and the structural
   diff, as PowerPoint tables;
7. flags: the 20 most important with the count of the rest (all of them are in the
   Excel workbook);
8. coverage of the four roles and 4P/4C/4R, and the design principles.

Every text run names "Noto Sans CJK SC" as its Latin font and "Microsoft YaHei" as its
East Asian font (what Office falls back to). Table rows are measured before they are
placed and a long table continues on the next slide, so nothing runs off a slide. The
file is written atomically.

Examples
--------
>>> import tempfile, pathlib
>>> from pptx import Presentation
>>> path = pathlib.Path(tempfile.mkdtemp()) / "duocai.pptx"
>>> _ = write_pptx("duocai-asis", ["duocai-tobe"], lang="en", path=path)
>>> deck = Presentation(str(path))
>>> deck.slides[0].shapes.title.text_frame.text.startswith("Organisation review")
True
"""

from __future__ import annotations

import datetime as _dt
import math
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .._core import Org, atomic_write, children_lists, head_index, subtree_totals
from ._format import as_figure
from ._sections import LARGE

LATIN_FONT = "Noto Sans CJK SC"
"""Latin font named on every run (fonts-noto-cjk; it has Latin glyphs too)."""

EA_FONT = "Microsoft YaHei"
"""East Asian font named on every run: what Office uses for Chinese when Noto is missing."""

SLIDE_W, SLIDE_H = 13.333, 7.5
"""Slide size in inches (16:9)."""

MAX_BOXES = 40
"""Most boxes on one org-chart slide."""

MIN_PT = 10
"""Smallest font size on any slide (points)."""

MAX_CHART_SLIDES = 60
"""Most org-chart slides in a deck; deeper teams are summarised in their boxes."""

FLAGS_SHOWN = 20
"""Flags listed in the deck (the rest are counted; all of them are in the workbook)."""

FINDINGS_SHOWN = 12
"""Findings (and their recommendations) presented; the rest are counted (all are in the workbook)."""

_MARGIN = 0.45
_TOP = 1.25  # below the title
_NAVY = (0x1F, 0x38, 0x64)
_GREY = (0x59, 0x59, 0x59)
_HEAD_FILL = (0xDC, 0xE6, 0xF1)
_UNIT_FILLS = ((0xDE, 0xEB, 0xF7), (0xFD, 0xE9, 0xD9), (0xE2, 0xF0, 0xD9), (0xFC, 0xE4, 0xEC),
               (0xE4, 0xDF, 0xEC), (0xFF, 0xF2, 0xCC), (0xDA, 0xEE, 0xF3), (0xED, 0xED, 0xED))


# ----------------------------------------------------------------------------- text
_NARROW = frozenset("iljI.,:;'|!")
_SEMI = frozenset("tfr()[]-/")


def text_width(text: str, pt: float) -> float:
    """Estimated width in inches of ``text`` at ``pt`` points in Noto Sans CJK (regular).

    The font's advance widths rounded up about 5 %: CJK, the middle dot ``·`` and other
    symbols a full em; Latin lower case 0.6 em (i, l, punctuation 0.3; t, f, r, brackets
    0.42), capitals 0.7 (M, W 0.9), digits 0.58, a space 0.26; a switch between CJK and
    Latin letters or digits adds a quarter em (the space renderers put between scripts).

    >>> round(text_width("市场部", 10), 3), round(text_width("abc", 10), 3)
    (0.417, 0.25)
    >>> round(text_width("1人", 10), 3)
    0.254
    """
    em = pt / 72.0
    w = 0.0
    prev = ""  # "c" CJK, "l" Latin letter or digit, "" neither
    for ch in text:
        cls = ""
        if not ch.isascii():
            w += 1.0
            cls = "c" if ord(ch) > 0x2E7F else ""
        elif ch == " ":
            w += 0.26
        elif ch in _NARROW:
            w += 0.3
        elif ch in _SEMI:
            w += 0.42
        elif ch in "mwMW%@":
            w += 0.9
        elif ch.isupper():
            w += 0.7
        elif ch.isdigit():
            w += 0.58
        else:
            w += 0.6
        if ch.isascii() and ch.isalnum():
            cls = "l"
        if cls and prev and cls != prev:
            w += 0.25
        if cls or ch != " ":
            prev = cls
    return w * em


def wrap_lines(text: str, width: float, pt: float) -> list[str]:
    """``text`` broken into lines no wider than ``width`` inches (words kept whole when they fit).

    >>> wrap_lines("Regional Promotion Manager", 1.2, 10)
    ['Regional', 'Promotion', 'Manager']
    """
    lines: list[str] = []
    for para in str(text).split("\n"):
        tokens = re.findall(r"[A-Za-z0-9'’.,:;/&()%+\-–]+|\s+|.", para)
        cur = ""
        for tok in tokens:
            trial = cur + tok
            if text_width(trial.strip(), pt) <= width or not cur.strip():
                if text_width(tok.strip(), pt) > width and not tok.isspace():
                    for ch in tok:  # a word longer than the line: break it
                        if text_width((cur + ch).strip(), pt) > width and cur.strip():
                            lines.append(cur.strip())
                            cur = ""
                        cur += ch
                else:
                    cur = trial
            else:
                lines.append(cur.strip())
                cur = "" if tok.isspace() else tok
        lines.append(cur.strip())
    return lines or [""]


def _line_h(pt: float) -> float:
    return pt * 1.25 / 72.0


def _set_font(font: Any, *, size: float, bold: bool = False, color: tuple[int, int, int] | None = None) -> None:
    """Size, weight, colour and the two font names (Latin and East Asian ``a:ea``) of a run."""
    from pptx.dml.color import RGBColor
    from pptx.oxml.ns import qn
    from pptx.util import Pt

    font.size = Pt(size)
    font.bold = bold
    if color is not None:
        font.color.rgb = RGBColor(*color)
    font.name = LATIN_FONT
    rpr = font._rPr
    latin = rpr.get_or_add_latin()
    for old in rpr.findall(qn("a:ea")):
        rpr.remove(old)
    ea = rpr.makeelement(qn("a:ea"), {"typeface": EA_FONT})
    latin.addnext(ea)


def _fill_text(tf: Any, paragraphs: Sequence[tuple[str, float, bool, tuple[int, int, int] | None]], *,
               align: Any = None, anchor: Any = None, margin: float = 0.04) -> None:
    """Replace the text of a text frame by ``(text, size, bold, colour)`` paragraphs."""
    from pptx.util import Inches

    tf.clear()
    tf.word_wrap = True
    tf.auto_size = None
    for side in ("margin_left", "margin_right"):
        setattr(tf, side, Inches(margin))
    tf.margin_top = tf.margin_bottom = Inches(0.03)
    if anchor is not None:
        tf.vertical_anchor = anchor
    for k, (text, size, bold, color) in enumerate(paragraphs):
        p = tf.paragraphs[0] if k == 0 else tf.add_paragraph()
        if align is not None:
            p.alignment = align
        run = p.add_run()
        run.text = text
        _set_font(run.font, size=size, bold=bold, color=color)


def _textbox(slide: Any, x: float, y: float, w: float, h: float,
             paragraphs: Sequence[tuple[str, float, bool, tuple[int, int, int] | None]], **kw: Any) -> Any:
    from pptx.util import Inches

    box = slide.shapes.add_textbox(Inches(x), Inches(y), Inches(w), Inches(h))
    _fill_text(box.text_frame, paragraphs, **kw)
    return box


# ----------------------------------------------------------------------------- numbers
def num_text(v: Any, *, percent: bool = False, lang: str = "zh") -> str:
    """A figure for a slide: thousands separators, at most one decimal, percentages as %.

    >>> num_text(100000.0), num_text(3.3333), num_text(0.0909, percent=True), num_text(None)
    ('100,000', '3.3', '9.1%', '—')
    """
    if isinstance(v, str):
        return "—" if v == "" else v
    f = as_figure(v, yes="是" if lang == "zh" else "yes", no="否" if lang == "zh" else "no")
    if isinstance(f, str):
        return f
    if percent:
        return f"{f * 100:.1f}%"
    if f.is_integer():
        return f"{int(f):,}"
    return f"{f:,.1f}" if abs(f) >= 1 or f == 0 else f"{f:.2f}"


def _signed(v: Any, percent: bool = False) -> str:
    if v is None or (isinstance(v, float) and not math.isfinite(v)):
        return ""
    if v == 0:
        return "±0"
    text = num_text(abs(v), percent=percent)
    if percent:
        text = f"{abs(v) * 100:.1f} pt"
    return ("+" if v > 0 else "−") + text


# ----------------------------------------------------------------------------- org chart pages
@dataclass
class ChartBox:
    """One box of an org-chart slide."""

    level: int          # 0 the manager, 1 its direct reports, 2 their reports
    col: int            # column of the level-1 row it belongs to
    title: str
    detail: str
    rows: list[int]     # posts it stands for (one, or a group of same-titled posts)
    unit: str = ""
    page: int | None = None   # index of the chart page continuing this box


@dataclass
class ChartPage:
    """One org-chart slide: a manager (or the tops of the org) and two layers below it."""

    root: int | None
    boxes: list[ChartBox] = field(default_factory=list)
    path: list[int] = field(default_factory=list)  # managers above the root
    part: tuple[int, int] | None = None  # (k, of n) when the root's reports fill several slides
    depth: int = 0  # 0 the overview, 1 the teams it continues on, ...

    @property
    def columns(self) -> int:
        return sum(1 for b in self.boxes if b.level == 1)


def _group(rows: list[int], label: list[str], people: np.ndarray, cap: int) -> list[list[int]]:
    """Rows as at most ``cap`` groups: one per post when they fit, else by title, else the
    largest titles and one group of the rest."""
    if len(rows) <= cap:
        return [[r] for r in rows]
    by: dict[str, list[int]] = {}
    for r in rows:
        by.setdefault(label[r], []).append(r)
    groups = list(by.values())
    if len(groups) <= cap:
        return groups
    groups.sort(key=lambda g: -float(people[g].sum()))
    keep = groups[: max(cap - 1, 1)]
    rest = [r for g in groups[len(keep):] for r in g]
    return keep + [rest]


def chart_pages(org: Org, *, lang: str = "zh", max_boxes: int = MAX_BOXES, max_columns: int = 10,
                max_stack: int = 5, max_pages: int = MAX_CHART_SLIDES) -> list[ChartPage]:
    """Org-chart slides of ``org``: the overview first, then one per manager whose team
    continues below what a slide shows (breadth first, at most ``max_pages``). Posts
    without reports that share a title are one box ("Specialist × 12"); managers are
    never merged: a manager with more reports who lead teams than ``max_columns`` gets
    consecutive slides ("part 1 of 2").

    Examples
    --------
    >>> from orglib.designs import synthetic_org
    >>> pages = chart_pages(synthetic_org(1516, seed=1), lang="en")
    >>> len(pages), max(len(p.boxes) for p in pages) <= MAX_BOXES
    (37, True)
    """
    parent = org.parent_index()
    hc = org.headcounts()
    n = len(parent)
    kids = children_lists(parent)
    people = subtree_totals(parent, hc)  # the post and everyone below it
    posts_below = subtree_totals(parent, np.ones(n)) - 1
    pos = org.positions
    title = pos["title"].astype(str).to_numpy(dtype=object)
    if lang == "en":
        en = pos["title_en"].astype(str).str.strip().to_numpy(dtype=object)
        title = np.where(en != "", en, title)
    title = np.where(title == "", pos["id"].astype(str).to_numpy(dtype=object), title)
    label = [str(t) for t in title]
    units = pos["unit"].astype(str).tolist()
    unit_name = {str(u): str((en if lang == "en" and en else zh) or u) for u, zh, en in
                 zip(org.units["id"], org.units["name"], org.units["name_en"], strict=True)}
    people_w = "人" if lang == "zh" else " people"

    def detail(rows: list[int]) -> str:
        if len(rows) == 1:
            r = rows[0]
            below = people[r] - hc[r]
            if hc[r] == 0:  # a post without incumbent: say so ("0 people" reads as a mistake)
                text = "空缺" if lang == "zh" else "vacant"
            elif lang == "zh":
                text = f"{num_text(hc[r])}{people_w}"
            else:
                text = f"{num_text(hc[r])} {'person' if hc[r] == 1 else 'people'}"
            if kids[r]:
                text += f" · 下属 {num_text(below)} 人" if lang == "zh" else f" · {num_text(below)} below"
            return text
        tot = float(people[rows].sum())
        return (f"{len(rows):,} 个岗位 · 共 {num_text(tot)} 人" if lang == "zh"
                else f"{len(rows):,} posts · {num_text(tot)} people")

    def group_title(g: list[int]) -> str:
        names = {label[r] for r in g}
        if len(g) == 1:
            return label[g[0]]
        if len(names) == 1:
            return f"{label[g[0]]} × {len(g):,}"
        return f"其他 {len(g):,} 个岗位" if lang == "zh" else f"{len(g):,} other posts"

    pages: list[ChartPage] = []
    paged: set[int] = set()
    head = head_index(parent, hc)
    roots = [int(r) for r in np.flatnonzero(parent < 0)]
    queue: list[tuple[int | None, list[int], list[int] | None, tuple[int, int] | None, int]] = []
    if len(roots) == 1 or head < 0:
        queue.append((roots[0] if roots else None, [], None, None, 0))
    else:
        queue.append((None, [], None, None, 0))
    while queue and len(pages) < max_pages:
        if pages and queue[0][4] > pages[-1].depth and queue[0][2] is None:
            # a new layer of teams starts: take its teams in turn from each branch of the
            # top, so when the slides run out every unit has had its share (not the first few)
            branches: dict[tuple[int, ...], list[Any]] = {}
            for q in queue:
                branches.setdefault(tuple(q[1][:2]), []).append(q)
            lanes = list(branches.values())
            queue = [lane[k] for k in range(max(map(len, lanes))) for lane in lanes if k < len(lane)]
        root, path, part_rows, part, depth = queue.pop(0)
        row = part_rows if part_rows is not None else (kids[root] if root is not None else roots)
        if part_rows is None and sum(1 for r in row if kids[r]) > max_columns:
            # more managers than columns: never one "Manager × 11" box hiding 11 teams; the
            # reports are split over consecutive slides, each manager in its own column
            n_parts = -(-len(row) // max_columns)
            size = -(-len(row) // n_parts)
            chunks = [row[i:i + size] for i in range(0, len(row), size)]
            queue[0:0] = [(root, path, ch, (j + 2, len(chunks)), depth) for j, ch in enumerate(chunks[1:])]
            row, part = chunks[0], (1, len(chunks))
        page = ChartPage(root, path=path, part=part, depth=depth)
        if root is not None:
            page.boxes.append(ChartBox(0, -1, label[root], detail([root]), [root], units[root]))
        cols = _group(row, label, people, max_columns)
        budget = max_boxes - len(page.boxes) - len(cols)
        per_col = max(0, min(max_stack, budget // max(len(cols), 1)))
        for c, g in enumerate(cols):
            text = detail(g)
            u = units[g[0]]
            if u and len(g) == 1 and (root is None or u != units[root]) and unit_name.get(u, u) not in label[g[0]]:
                text = f"{unit_name.get(u, u)} · {text}"  # which unit each report heads
            page.boxes.append(ChartBox(1, c, group_title(g), text, g, units[g[0]]))
            below = [k for r in g for k in kids[r]]
            if below and per_col:
                # a group's members' reports are grouped too ("Specialist × 3,424")
                for g2 in (_group(below, label, people, per_col) if len(g) == 1
                           else _group(below, label, people, 1)[:per_col]):
                    page.boxes.append(ChartBox(2, c, group_title(g2), detail(g2), g2, units[g2[0]]))
        pages.append(page)
        if root is not None:
            paged.add(root)
        # a box of one post whose team is not all on this slide continues on its own slide
        for b in page.boxes:
            if b.level != 1 or len(b.rows) != 1:
                continue  # a stacked box continues where its manager is the top of a slide
            r = b.rows[0]
            if r in paged or not kids[r]:
                continue
            shown_below = sum(len(bb.rows) for bb in page.boxes if bb.level == 2 and bb.col == b.col)
            if posts_below[r] - shown_below > 0:
                paged.add(r)
                queue.append((r, [*path, root] if root is not None else path, None, None, depth + 1))
    # presented unit by unit: a layer's slides follow the order of their branches' slides
    where = {}
    for k, p in enumerate(pages):
        where.setdefault(p.root, k)
    top = 0 if pages and pages[0].root is None else 1  # where the branch's head is on a path
    pages.sort(key=lambda p: (p.depth, where.get(p.path[top], len(pages)) if len(p.path) > top else -1))
    # link each box to the page continuing it
    first = {p.root: k for k, p in enumerate(pages) if p.root is not None}
    for k, p in enumerate(pages):
        for b in p.boxes:
            if b.level > 0 and len(b.rows) == 1 and b.rows[0] in first and first[b.rows[0]] != k:
                b.page = first[b.rows[0]]
    return pages


# ----------------------------------------------------------------------------- deck
class _View:
    """The few names the deck needs from a :class:`~orglib.reporting.Report`."""

    def __init__(self, rep: Any):
        self.rep = rep
        self.lang = rep.lang
        self.designs = rep.designs
        self.spans = rep.spans
        self.author = rep.author
        self._titles: dict[int, dict[str, str]] = {}
        self._ids: dict[int, list[str]] = {}

    def t(self, zh: str, en: str) -> str:
        return self.rep._t(zh, en)

    def short(self, i: int) -> str:
        return self.rep._short(i)

    def label(self, i: int) -> str:
        return self.rep.design_label(i)

    def titles(self, i: int) -> dict[str, str]:
        if i not in self._titles:  # built once per design: a 100,000-post deck asks on every slide
            self._titles[i] = {str(k): str(v) for k, v in self.rep.titles[i].items()}
        return self._titles[i]

    def ids(self, i: int) -> list[str]:
        if i not in self._ids:
            self._ids[i] = self.designs[i].positions["id"].astype(str).tolist()
        return self._ids[i]

    def target_text(self) -> str:
        return self.rep._target_text()

    def heading(self) -> str:
        return self.rep.cover_title()


@dataclass
class _Deck:
    prs: Any
    t: _View

    @property
    def lang(self) -> str:
        return self.t.lang

    def tr(self, zh: str, en: str) -> str:
        return self.t.t(zh, en)

    def slide(self, title: str, subtitle: str = "") -> Any:
        from pptx.util import Inches

        s = self.prs.slides.add_slide(self.prs.slide_layouts[5])  # title only
        ttl = s.shapes.title
        ttl.left, ttl.top = Inches(_MARGIN), Inches(0.3)
        ttl.width, ttl.height = Inches(SLIDE_W - 2 * _MARGIN), Inches(0.75)
        from pptx.enum.text import MSO_ANCHOR, PP_ALIGN

        size = 26 if text_width(title, 26) <= SLIDE_W - 2 * _MARGIN else 20
        _fill_text(ttl.text_frame, [(title, size, True, _NAVY)], align=PP_ALIGN.LEFT, anchor=MSO_ANCHOR.MIDDLE)
        if subtitle:
            _textbox(s, _MARGIN, 0.98, SLIDE_W - 2 * _MARGIN, 0.3, [(subtitle, 12, False, _GREY)])
        n = len(self.prs.slides)
        _textbox(s, SLIDE_W - _MARGIN - 1.2, SLIDE_H - 0.4, 1.2, 0.3, [(f"{n}", 10, False, _GREY)],
                 align=PP_ALIGN.RIGHT)
        return s


def _table(deck: _Deck, slide: Any, df: pd.DataFrame, x: float, y: float, widths: list[float],
           heights: list[float], size: float, highlight: dict[tuple[int, int], tuple[int, int, int]] | None = None) -> Any:
    from pptx.dml.color import RGBColor
    from pptx.enum.text import MSO_ANCHOR
    from pptx.util import Inches

    rows, cols = len(df) + 1, len(df.columns)
    shape = slide.shapes.add_table(rows, cols, Inches(x), Inches(y), Inches(sum(widths)), Inches(sum(heights)))
    table = shape.table
    for j, w in enumerate(widths):
        table.columns[j].width = Inches(w)
    for i, h in enumerate(heights):
        table.rows[i].height = Inches(h)
    values = [list(map(str, df.columns))] + [[str(v) for v in r] for r in df.itertuples(index=False)]
    for i, r in enumerate(values):
        for j, v in enumerate(r):
            cell = table.cell(i, j)
            cell.margin_left = cell.margin_right = Inches(0.05)
            cell.margin_top = cell.margin_bottom = Inches(0.02)
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            color = (highlight or {}).get((i - 1, j)) if i else None
            _fill_text(cell.text_frame, [(v, size, i == 0, color or ((0, 0, 0) if i else _NAVY))], margin=0.05)
            cell.fill.solid()
            cell.fill.fore_color.rgb = RGBColor(*(_HEAD_FILL if i == 0 else ((0xFF,) * 3 if i % 2 else (0xF7, 0xF9, 0xFC))))
    return shape


def _col_widths(df: pd.DataFrame, total: float, size: float) -> list[float]:
    """Column widths proportional to their longest text (each at least 0.7 in), summing to ``total``."""
    need = []
    for c in df.columns:
        texts = [str(c)] + [str(v) for v in df[c].head(400)]
        w = max(text_width(t, size) for t in texts) + 0.15
        need.append(min(max(w, 0.7), total * 0.6))
    s = sum(need)
    if s <= total:
        return [w * total / s for w in need]
    # cap the widest columns at the level where everything fits (water filling)
    lo, hi = 0.7, max(need)
    for _ in range(40):
        mid = (lo + hi) / 2
        if sum(min(w, mid) for w in need) > total:
            hi = mid
        else:
            lo = mid
    widths = [min(w, lo) for w in need]
    spare = total - sum(widths)
    return [w + spare / len(widths) for w in widths]


def _row_height(row: Sequence[str], widths: list[float], size: float, bold: bool = False) -> float:
    # measured a little wide (x 1.1): renderers wrap earlier than the estimate
    lines = max(len(wrap_lines(str(v), w - 0.16, size * (1.15 if bold else 1.1)))
                for v, w in zip(row, widths, strict=True))
    return lines * _line_h(size) * 1.05 + 0.1


def table_slides(deck: _Deck, title: str, df: pd.DataFrame, *, subtitle: str = "", note: str = "",
                 size: float = 12, highlight: Any = None) -> list[Any]:
    """``df`` as PowerPoint tables, continued on as many slides as it takes (rows never split)."""
    width = SLIDE_W - 2 * _MARGIN
    top = _TOP + (0.1 if subtitle else 0)
    bottom = SLIDE_H - 0.5 - (0.35 if note else 0)
    texts = df.astype(object).where(df.notna(), "").astype(str)
    # the largest size (down to 11 pt) that fits the table on one slide, else ``size`` over slides
    for pt in [size - k for k in range(0, max(1, int(size) - 10))] + [size]:
        widths = _col_widths(df, width, pt)
        head_h = _row_height(list(map(str, df.columns)), widths, pt, bold=True)
        heights = [_row_height(list(r), widths, pt) for r in texts.itertuples(index=False)]
        if head_h + sum(heights) <= bottom - top or len(df) > 60:
            break
    size = pt
    slides, start = [], 0
    while start < len(df) or not slides:
        used, end = head_h, start
        while end < len(df) and used + heights[end] <= bottom - top:
            used += heights[end]
            end += 1
        if end == start and start < len(df):
            end = start + 1  # a single very tall row: give it the slide
        cont = deck.tr("(续)", " (cont.)") if slides else ""
        s = deck.slide(title + cont, subtitle)
        hl = None
        if highlight:
            hl = {(i - start, j): c for (i, j), c in highlight.items() if start <= i < end}
        _table(deck, s, texts.iloc[start:end], _MARGIN, top, widths, [head_h, *heights[start:end]], size, hl)
        if note:
            _textbox(s, _MARGIN, SLIDE_H - 0.85, width - 1.4, 0.35, [(note, 11, False, _GREY)])
        slides.append(s)
        start = end
        if not len(df):
            break
    return slides


def _title_slide(deck: _Deck) -> None:
    from pptx.util import Inches

    t = deck.t
    s = deck.prs.slides.add_slide(deck.prs.slide_layouts[0])
    ttl, sub = s.shapes.title, s.placeholders[1]
    ttl.left, ttl.top, ttl.width, ttl.height = Inches(0.8), Inches(2.0), Inches(SLIDE_W - 1.6), Inches(1.6)
    sub.left, sub.top, sub.width, sub.height = Inches(0.8), Inches(3.9), Inches(SLIDE_W - 1.6), Inches(2.2)
    heading = t.heading()
    # the largest size at which the (bold) title's lines fit its box
    size = next((p for p in (36, 32, 28, 24) if len(wrap_lines(heading, (SLIDE_W - 1.8) / 1.07, p))
                 * _line_h(p) + 0.1 <= 1.6), 20)
    _fill_text(ttl.text_frame, [(heading, size, True, _NAVY)])
    lines = []
    name = t.rep.org_name()
    if name and name not in heading:  # the organisation is named once
        lines.append((t.t("组织:", "Organisation: ") + name, 16, False, _GREY))
    for i in range(1, len(t.designs)):
        lines.append((f"{t.short(i)}{t.rep._colon}{t.label(i) or t.t('(未命名)', '(no name)')}", 16, False, _GREY))
    if t.author:
        lines.append((t.t("作者:", "Author: ") + t.author, 14, False, _GREY))
    try:
        day = _dt.date.fromisoformat(t.rep.date) if t.rep.date else _dt.date.today()
    except ValueError:
        day = None
    lines.append((t.rep.date if day is None else t.t(f"{day.year} 年 {day.month} 月 {day.day} 日",
                                                      f"{day.day} {day:%B} {day.year}"), 14, False, _GREY))
    _fill_text(sub.text_frame, lines)


def _key_figures(deck: _Deck) -> None:
    t = deck.t
    rep = t.rep
    if rep.to_be:
        df = rep.effect_table()
    else:
        df = pd.DataFrame({t.t("指标", "Measure"): [k for k, _ in rep.kpis()],
                           t.t("数值", "Value"): [v for _, v in rep.kpis()]})
    table_slides(deck, t.t("关键指标", "Key figures"), df,
                 subtitle=t.t(f"管理幅度目标:{t.target_text()}", f"Span target: {t.target_text()}"), size=15)


def _findings_slides(deck: _Deck) -> None:
    from ..analysis import findings_frame

    t = deck.t
    ff = findings_frame(t.rep.findings, t.lang)
    if not len(ff):
        df = pd.DataFrame({t.t("发现", "Finding"): [t.t("未发现需要处理的问题。", "No issue found.")]})
        table_slides(deck, t.t("主要发现", "Findings"), df)
        return
    total = len(ff)
    ff = ff.head(FINDINGS_SHOWN)
    rest = total - len(ff)
    note = (t.t(f"另有 {rest:,} 项发现未列出(全部见 Excel 工作簿)。",
                f"{rest:,} more findings not listed (all of them are in the Excel workbook).") if rest > 0 else "")
    df = pd.DataFrame({"#": ff["rank"].astype(str), t.t("方面", "Area"): ff["area"],
                       t.t("发现", "Finding"): ff["finding"], t.t("依据", "Evidence"): ff["evidence"]})
    table_slides(deck, t.t("主要发现", "Findings"), df, size=14, note=note)
    rec = ff[ff["recommendation"].astype(str) != ""]
    if len(rec):
        df = pd.DataFrame({"#": rec["rank"].astype(str), t.t("方面", "Area"): rec["area"],
                           t.t("建议", "Recommendation"): rec["recommendation"]})
        table_slides(deck, t.t("建议", "Recommendations"), df, size=15, note=note)


def _draw_box(slide: Any, b: ChartBox, x: float, y: float, w: float, h: float, fill: tuple[int, int, int],
              pt: float, ref: str) -> Any:
    from pptx.dml.color import RGBColor
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.util import Inches, Pt

    shape = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, Inches(x), Inches(y), Inches(w), Inches(h))
    shape.adjustments[0] = 0.08
    shape.fill.solid()
    shape.fill.fore_color.rgb = RGBColor(*fill)
    shape.line.color.rgb = RGBColor(0x7F, 0x7F, 0x7F)
    shape.line.width = Pt(0.75)
    shape.shadow.inherit = False
    small = max(MIN_PT, pt - 2)
    paras = [(b.title, pt, b.level < 2, (0x1A, 0x1A, 0x1A)), (b.detail, small, False, _GREY)]
    if ref:
        paras.append((ref, small, True, (0x2E, 0x5C, 0x9A)))
    _fill_text(shape.text_frame, paras, align=PP_ALIGN.CENTER, anchor=MSO_ANCHOR.MIDDLE, margin=0.05)
    return shape


def _line(slide: Any, x1: float, y1: float, x2: float, y2: float) -> None:
    from pptx.dml.color import RGBColor
    from pptx.enum.shapes import MSO_CONNECTOR
    from pptx.util import Inches, Pt

    c = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, Inches(x1), Inches(y1), Inches(x2), Inches(y2))
    c.line.color.rgb = RGBColor(0x8C, 0x8C, 0x8C)
    c.line.width = Pt(1)


def _fit_lines(text: str, w: float, pt: float, most: int) -> tuple[str, int]:
    """``text`` cut to ``most`` lines of width ``w`` (an ellipsis marks a cut)."""
    lines = wrap_lines(text, w, pt)
    if len(lines) <= most:
        return text, len(lines)
    kept = lines[:most]
    last = kept[-1]
    while last and text_width(last + "…", pt) > w:
        last = last[:-1]
    kept[-1] = last + "…"
    return "".join(kept) if deck_is_cjk(text) else " ".join(kept), most


def deck_is_cjk(text: str) -> bool:
    """Whether ``text`` is mostly Chinese (its lines join without spaces).

    >>> deck_is_cjk("市场部经理"), deck_is_cjk("Marketing Manager")
    (True, False)
    """
    cjk = sum(1 for ch in text if ord(ch) > 0x2E7F)
    return cjk * 2 >= len(text.strip() or " ")


def _chart_title(deck: _Deck, page: ChartPage, k: int, design: int, overview: bool = False,
                 with_id: bool = False, with_part: bool = True) -> str:
    """The title of an org-chart slide: the overview, or the manager heading it (with its
    unit, and its post id when ``with_id``: two managers of one unit with one title)."""
    t = deck.t
    titles = t.titles(design)
    ids = t.ids(design)
    name = t.short(design) if len(t.designs) > 1 else ""
    base = t.t("组织结构图", "Org chart") + (f" · {name}" if name else "")
    if page.root is None or k == 0 or overview:
        title = base + t.t(":总览", ": overview")
    else:
        who = titles.get(ids[page.root], ids[page.root])
        unit = str(t.designs[design].positions["unit"].iat[page.root])
        where = t.rep.unit_name(unit) if unit else ""
        if where and where in who:
            where = ""
        if with_id:
            where = (where + t.t(",", ", ") + ids[page.root]) if where else ids[page.root]
        if where:  # "Team Lead (Brand)": which of the same-titled managers
            who += t.t(f"({where})", f" ({where})")
        title = base + t.t(":", ": ") + who
    if page.part and with_part:
        title += t.t(f"(第 {page.part[0]}/{page.part[1]} 部分)", f" (part {page.part[0]} of {page.part[1]})")
    return title


def _chart_slide(deck: _Deck, page: ChartPage, k: int, first_slide: int, design: int, n_pages: int,
                 colors: dict[str, tuple[int, int, int]], title: str) -> None:
    t = deck.t
    titles = t.titles(design)
    ids = t.ids(design)
    crumbs = [titles.get(ids[r], ids[r]) for r in page.path if r is not None]
    sub = " › ".join(crumbs) if crumbs else t.t("汇报关系:上级在上,直接下级一行,其下级列于其下。",
                                                  "Reporting lines: manager on top, direct reports in a row, their teams below.")
    s = deck.slide(title, sub)
    usable = SLIDE_W - 2 * _MARGIN
    ncol = max(page.columns, 1)
    cw = usable / ncol
    bw = min(2.6, cw - 0.14)
    pt = 14 if bw >= 1.9 else 12 if bw >= 1.5 else 11 if bw >= 1.25 else MIN_PT
    pt2 = max(MIN_PT, pt - 2)
    deep = max((sum(1 for b in page.boxes if b.level == 2 and b.col == c) for c in range(ncol)), default=0)
    gap = 0.6 if deep <= 2 else 0.4

    def ref_text(b: ChartBox) -> str:
        if b.page is None:
            return ""
        return t.t(f"▸ 见第 {first_slide + b.page} 页", f"▸ continued on slide {first_slide + b.page}")

    def box_h(bs: list[ChartBox], w: float, p: float, most: int) -> tuple[float, dict[int, str]]:
        texts, lines = {}, 1
        dpt = max(MIN_PT, p - 2)
        for b in bs:
            # titles above the bottom row are bold: about 7 % wider than the estimate
            txt, nl = _fit_lines(b.title, (w - 0.14) / (1.07 if b.level < 2 else 1.0), p, most)
            texts[id(b)] = txt
            extra = len(wrap_lines(b.detail, w - 0.14, dpt))
            if b.page is not None:  # the bold marker may take two lines in a narrow box
                extra += len(wrap_lines(ref_text(b), (w - 0.14) / 1.07, dpt))
            lines = max(lines, nl * _line_h(p) / _line_h(dpt) + extra)
        return lines * _line_h(dpt) + 0.16, texts

    root_b = [b for b in page.boxes if b.level == 0]
    row_b = [b for b in page.boxes if b.level == 1]
    y = _TOP + 0.1
    x_root = SLIDE_W / 2
    if root_b:
        rw = 3.2
        h0, tx = box_h(root_b, rw, pt + 2, 2)
        b = root_b[0]
        b.title = tx[id(b)]
        _draw_box(s, b, x_root - rw / 2, y, rw, h0, _HEAD_FILL, pt + 2, "")
        y_root_bottom = y + h0
        y += h0 + gap
    h1, tx1 = box_h(row_b, bw, pt, 5 if deep <= 2 else 3)
    sw = bw - 0.22
    stacks = [[b for b in page.boxes if b.level == 2 and b.col == c] for c in range(ncol)]
    all2 = [b for st in stacks for b in st]
    h2, tx2 = box_h(all2, sw, pt2, 3 if deep <= 2 else 2) if all2 else (0.0, {})
    xs = [_MARGIN + cw * (c + 0.5) for c in range(ncol)]
    if root_b and row_b:
        mid = y_root_bottom + gap / 2
        _line(s, x_root, y_root_bottom, x_root, mid)
        if len(xs) > 1:
            _line(s, xs[0], mid, xs[-1], mid)
        for xc in xs:
            _line(s, xc, mid, xc, y)
    for b in row_b:
        b.title = tx1[id(b)]
        fill = colors.get(b.unit, _UNIT_FILLS[-1])
        _draw_box(s, b, xs[b.col] - bw / 2, y, bw, h1, fill, pt, ref_text(b))
    y2 = y + h1 + gap / 2
    bottom = SLIDE_H - 0.5
    for c, st in enumerate(stacks):
        if not st:
            continue
        x0 = xs[c] - bw / 2
        yy = y2
        last_mid = None
        fits = max(1, int((bottom - y2 + 0.1) // (h2 + 0.1)))
        if len(st) > fits:  # no room for every box: the last place says what is left out
            left = st[fits - 1:]
            ref = next((bb.page for bb in row_b if bb.col == c and bb.page is not None), None)
            n_left = sum(len(x.rows) for x in left)
            more = ChartBox(2, c, t.t(f"另有 {n_left:,} 个岗位", f"{n_left:,} more posts"),
                            t.t("见该团队的页面", "on the team's slide") if ref is not None
                            else t.t("全部岗位见 Excel 工作簿", "all posts are in the workbook"),
                            [r for x in left for r in x.rows], page=ref)
            page.boxes = [bb for bb in page.boxes if all(bb is not x for x in left)] + [more]
            st = st[: fits - 1] + [more]
            tx2[id(more)] = more.title
        for b in st:
            b.title = tx2[id(b)]
            fill = colors.get(b.unit, _UNIT_FILLS[-1])
            _draw_box(s, b, x0 + 0.22, yy, sw, h2, fill, pt2, ref_text(b))
            last_mid = yy + h2 / 2
            _line(s, x0 + 0.1, last_mid, x0 + 0.22, last_mid)
            yy += h2 + 0.1
        if last_mid is not None:
            _line(s, x0 + 0.1, y + h1, x0 + 0.1, last_mid)


def _unit_colors(org: Org) -> dict[str, tuple[int, int, int]]:
    units = list(dict.fromkeys(org.positions["unit"].astype(str)))
    return {u: _UNIT_FILLS[i % (len(_UNIT_FILLS) - 1)] for i, u in enumerate(units)}


def _org_chart_slides(deck: _Deck, design: int, *, max_boxes: int) -> int:
    org = deck.t.designs[design]
    pages = chart_pages(org, lang=deck.lang, max_boxes=max_boxes)
    first = len(deck.prs.slides) + 1
    colors = _unit_colors(org)
    # the overview's later parts (the top's reports over several slides) are still the overview
    over = [pages[0].part is not None and p.part is not None and p.root == pages[0].root for p in pages]
    names = [_chart_title(deck, p, k, design, over[k], with_part=False) for k, p in enumerate(pages)]
    seen: dict[str, set[int | None]] = {}
    for p, n in zip(pages, names, strict=True):
        seen.setdefault(n, set()).add(p.root)
    for k, page in enumerate(pages):
        twin = len(seen[names[k]]) > 1  # another manager's slide has this title: name the post
        title = _chart_title(deck, page, k, design, over[k], with_id=twin)
        _chart_slide(deck, page, k, first, design, len(pages), colors, title)
    return len(pages)


def _style_chart(ch: Any, title: str, *, legend: bool) -> Any:
    """A native chart in the deck's style: CJK fonts, a 14 pt bold title, the legend at the
    bottom when there are several series, data labels with thousands separators."""
    from pptx.enum.chart import XL_LEGEND_POSITION
    from pptx.util import Pt

    _chart_fonts(ch)
    ch.has_title = True
    ch.chart_title.text_frame.text = title
    _set_font(ch.chart_title.text_frame.paragraphs[0].runs[0].font, size=14, bold=True)
    ch.has_legend = legend
    if legend:
        ch.legend.position = XL_LEGEND_POSITION.BOTTOM
        ch.legend.include_in_layout = False
    plot = ch.plots[0]
    plot.has_data_labels = True
    plot.data_labels.number_format = "#,##0"
    plot.data_labels.number_format_is_linked = False
    plot.data_labels.font.size = Pt(11)
    return ch


def _chart_fonts(chart: Any, size: float = 12) -> None:
    _set_font(chart.font, size=size)


def _spans_slides(deck: _Deck) -> None:
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE
    from pptx.util import Inches

    t = deck.t
    spans = [(i, s) for i, s in enumerate(t.spans) if s is not None]
    if not spans:
        return
    s = deck.slide(t.t("管理幅度与层级", "Spans and layers"),
                   t.t(f"管理幅度 = 直接下级人数 ÷ 本岗定员(每位管理者);目标:{t.target_text()}",
                       f"Span = people in direct report posts per incumbent manager; target: {t.target_text()}"))
    bands = list(spans[0][1].summary["bands"])
    cd = CategoryChartData()
    cd.categories = bands
    for i, sl in spans:
        cd.add_series(t.short(i), [float(sl.summary["bands"].get(b, 0)) for b in bands])
    w = (SLIDE_W - 2 * _MARGIN - 0.4) / 2
    gf = s.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(_MARGIN), Inches(_TOP + 0.2),
                            Inches(w), Inches(5.4), cd)
    ch = _style_chart(gf.chart, t.t("管理者按管理幅度区间(人)", "Managers by span band (people)"),
                      legend=len(spans) > 1)
    top = max((float(sl.summary["bands"].get(b, 0)) for _, sl in spans for b in bands), default=0)
    ch.value_axis.tick_labels.number_format = "#,##0"  # managers are counted: no 0.5 steps
    ch.value_axis.tick_labels.number_format_is_linked = False
    if top <= 10:
        ch.value_axis.major_unit = 1
    ch.category_axis.has_title = True
    ch.category_axis.axis_title.text_frame.text = t.t("管理幅度(人)", "Span (people)")
    _set_font(ch.category_axis.axis_title.text_frame.paragraphs[0].runs[0].font, size=12)
    layers = sorted({k for _, sl in spans for k in sl.people_per_layer})
    cd2 = CategoryChartData()
    cd2.categories = [t.t(f"第 {k} 层", f"Layer {k}") for k in layers]
    for i, sl in spans:
        cd2.add_series(t.short(i), [float(sl.people_per_layer.get(k, 0)) for k in layers])
    gf2 = s.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, Inches(_MARGIN + w + 0.4), Inches(_TOP + 0.2),
                             Inches(w), Inches(5.4), cd2)
    ch2 = _style_chart(gf2.chart, t.t("各层人数", "People per layer"), legend=len(spans) > 1)
    ch2.category_axis.reverse_order = True  # layer 1 at the top
    ch2.value_axis.tick_labels.number_format = "#,##0"
    ch2.value_axis.tick_labels.number_format_is_linked = False
    for i in range(len(t.designs)):
        units = t.rep._units_table(i)
        if len(units) > 1 and len(t.designs[i].positions) > LARGE:
            _heatmap_slide(deck, i)
        if len(units) > 1:
            title = t.t("各单位的管理幅度与层级", "Spans and layers by unit")
            if len(t.designs) > 1:
                title += f" · {t.short(i)}"
            table_slides(deck, title, _display(units, t.lang), size=13)


def _heatmap_slide(deck: _Deck, i: int) -> None:
    """The mean span by unit and layer of design ``i`` as a picture (the report's heatmap,
    the 12 largest units, so its labels stay legible on the slide)."""
    import io

    from pptx.util import Inches

    from ..viz import span_heatmap

    t = deck.t
    grid = t.rep.span_grid(i, top=12)
    if len(grid) < 2:
        return
    fig = span_heatmap(grid, target=t.rep._target_range(), lang=t.lang, title="")
    w_in, h_in = fig.get_size_inches()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=150)
    buf.seek(0)
    title = t.t("各部门各层级的平均管理幅度", "Mean span by unit and layer")
    if len(t.designs) > 1:
        title += f" · {t.short(i)}"
    s = deck.slide(title, t.t(f"人/管理者;目标:{t.target_text()};颜色:蓝 = 低于目标,红 = 高于目标",
                              f"People per manager; target: {t.target_text()}; blue = below target, "
                              f"red = above it"))
    box_w, box_h = SLIDE_W - 2 * _MARGIN, SLIDE_H - _TOP - 0.55
    k = min(box_w / w_in, box_h / h_in)
    left = (SLIDE_W - w_in * k) / 2
    s.shapes.add_picture(buf, Inches(left), Inches(_TOP + 0.05), Inches(w_in * k), Inches(h_in * k))


def _display(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A table with its numbers as people read them (thousands separators, no NaN)."""
    out = df.copy().astype(object)
    for c in df.columns:
        if pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c]):
            out[c] = [num_text(v, lang=lang) for v in df[c]]
        else:
            out[c] = ["" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v) for v in df[c]]
    return out


def _comparison_slides(deck: _Deck) -> None:
    t = deck.t
    for i in range(1, len(t.designs)):
        d = t.rep.structural_diff(i)
        title = t.t("结构差异", "Structural changes") + (f" · {t.short(i)}" if len(t.designs) > 2 else "")
        if len(d) == 0:
            d = pd.DataFrame({t.t("变化", "Change"): [t.t("无结构变化。", "No structural change.")]})
        table_slides(deck, title, _display(d, t.lang), subtitle=f"{t.short(0)} → {t.short(i)}", size=13)


def _flags_slides(deck: _Deck) -> None:
    t = deck.t
    for i in range(len(t.designs)):
        # same-titled posts (an HR export's twenty '主管') are told apart by unit and id
        flags = t.rep.flags_table(i, ids=t.rep.titles_repeat(i))
        total = len(flags)
        name = t.t("问题标记", "Flags") + (f" · {t.short(i)}" if len(t.designs) > 1 else "")
        if total == 0:
            table_slides(deck, name, pd.DataFrame({t.t("标记", "Flag"): [t.t("没有问题标记。", "No flags.")]}))
            continue
        df = _display(flags.head(FLAGS_SHOWN), t.lang)
        rest = total - len(df)
        note = (t.t(f"另有 {rest:,} 条问题标记未列出(全部见 Excel 工作簿)。",
                    f"{rest:,} more flags not listed (all of them are in the Excel workbook).") if rest > 0 else "")
        sub = t.t(f"共 {total:,} 条,按重要性排序", f"{total:,} in all, most important first")
        table_slides(deck, name, df, subtitle=sub, note=note, size=13)


def _coverage_slides(deck: _Deck) -> None:
    t = deck.t
    for i in range(len(t.designs)):
        rt = t.rep.raci_tables(i)
        keys = list(rt)
        sfx = f" · {t.short(i)}" if len(t.designs) > 1 else ""
        cov = _display(rt[keys[1]], t.lang)
        no = {t.t("否", "No"), "No", "no", "否", "False"}
        hl = {(r, j): (0xC0, 0x00, 0x00) for r in range(len(cov)) for j in range(len(cov.columns))
              if str(cov.iat[r, j]) in no}
        table_slides(deck, t.t("职能覆盖:四大职能与 4P/4C/4R", "Coverage: four roles and 4P/4C/4R") + sfx, cov,
                     subtitle=t.t("负责单位:单位职能或其岗位的主要职责带有该标签",
                                  "Owning units: a unit's functions or its posts' primary duties carry the tag"),
                     size=13, highlight=hl)
        table_slides(deck, t.t("组织设计原则", "Design principles") + sfx, _display(rt[keys[0]], t.lang), size=14)


def write_pptx(org: Any, to_be: Org | str | Sequence[Org | str] = (), *, lang: str = "zh",
               path: str | os.PathLike, title: str | None = None, max_boxes: int = MAX_BOXES,
               **kw: Any) -> str:
    """Write the report as a PowerPoint deck to ``path``, atomically.

    Parameters
    ----------
    org : Report, Org or str
        A :class:`~orglib.reporting.Report` already built (its findings, tables and
        designs are used as they are), or the as-is design (an Org, template id or file).
    to_be : Org, str or a sequence of them
        To-be designs (when ``org`` is not a Report).
    lang : {"zh", "en"}
    path : path
        The .pptx to write (its folder is created).
    title : str, optional
        Deck title (default "组织诊断报告:<name>" / "Organisation review: <name>").
    max_boxes : int
        Most boxes on one org-chart slide.
    **kw
        More options of :func:`~orglib.reporting.build` (span_target, author, seed,
        months, runs, mapping, no_manager ...).

    Returns
    -------
    str
        The path written.
    """
    from pptx import Presentation
    from pptx.util import Inches

    from ._sections import Report, build

    rep = org if isinstance(org, Report) else build(org, to_be, lang=lang, title=title or "", **kw)
    t = _View(rep)
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(SLIDE_W), Inches(SLIDE_H)
    deck = _Deck(prs, t)
    prs.core_properties.title = t.heading()
    if t.author:
        prs.core_properties.author = t.author
    prs.core_properties.language = "zh-CN" if t.lang == "zh" else "en-GB"
    _title_slide(deck)
    _key_figures(deck)
    _findings_slides(deck)
    for i in range(len(t.designs)):
        _org_chart_slides(deck, i, max_boxes=max_boxes)
    _spans_slides(deck)
    _comparison_slides(deck)
    _flags_slides(deck)
    _coverage_slides(deck)
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(out, lambda tmp: prs.save(str(tmp)))
    return str(out)
