"""Formatting for people: numbers, percentages, escaped HTML tables and the report's style sheet.

>>> fmt(100000), fmt(2.3333), pct(0.0909), fmt(float("nan"))
('100,000', '2.33', '9.1%', '—')
"""

from __future__ import annotations

import html
import math
from typing import Any

import numpy as np
import pandas as pd

from .._core import tr

FIGURE_MM = {"figure": 107.0, "half": 84.0, "wide": 172.0}
"""Width (mm) a chart image is printed at on A4: a single chart (``figure``), one of two
side by side (``half``, in a ``figrow``) and the full text width (``wide``, heatmaps and
the comparison panels). The print style sheet places the images at these widths and the
report sizes each figure for its width (:func:`orglib.viz.fit_width`): no chart text
below 7 pt on paper."""

REPORT_CSS = """
body { font-family: "Noto Sans CJK SC", "Noto Sans CJK JP", "Microsoft YaHei", "PingFang SC",
       "DejaVu Sans", sans-serif; color: #222; }
.jp-Notebook, .jp-Cell { max-width: 1100px; margin: 0 auto; }
.orglib h1 { font-size: 1.9em; margin: 0.2em 0; }
/* Jupyter's headings have line-height 1: a CJK glyph's ink then rises above its line box, and
   a heading that starts a printed page leaves a clipped copy of its top in the foot of the
   page before */
.jp-RenderedHTMLCommon .orglib h1, .jp-RenderedHTMLCommon .orglib h2, .jp-RenderedHTMLCommon .orglib h3,
.jp-RenderedHTMLCommon .orglib h4 { line-height: 1.35; }
.orglib h2 { border-bottom: 2px solid #4e79a7; padding-bottom: 0.2em; margin-top: 1.4em; }
.orglib .subtitle { color: #666; }
.orglib table.data { border-collapse: collapse; margin: 0.6em 0; font-size: 0.9em; }
.orglib table.data th, .orglib table.data td { border: 1px solid #ddd; padding: 3px 8px;
       text-align: left; vertical-align: top; }
.orglib table.data td.num, .orglib table.data td.nowrap { text-align: right; white-space: nowrap; }
.orglib table.data td.nowrap { text-align: left; }
.orglib table.data th.num { text-align: right; width: 1%; min-width: 2.5em; word-break: keep-all; }
/* number columns as narrow as their header's longest word (the header wraps between words, never
   inside a Chinese word): the room goes to the text columns (titles, units) */
.orglib .keep-together { break-inside: avoid; page-break-inside: avoid; }
.orglib table.data th { background: #f2f5f9; word-break: keep-all; }
.orglib table.data td:first-child { min-width: 10em; }  /* the row's label (post, unit, place) */
.orglib table.data td.num:first-child { min-width: 0; }
.orglib img.figure { max-width: min(100%, 760px); height: auto; display: block; margin: 0.5em 0; }
.orglib img.figure.heatmap { max-width: min(100%, 900px); }
.orglib .note { color: #666; font-size: 0.9em; }
.orglib .kpi { display: inline-block; min-width: 8em; margin: 0 1em 0.6em 0; padding: 0.4em 0.8em;
       background: #f2f5f9; border-radius: 6px; }
.orglib .kpi b { display: block; font-size: 1.5em; }
.orglib .legend-item { margin-right: 1em; white-space: nowrap; }
.orglib .swatch { display: inline-block; width: 0.9em; height: 0.9em; margin-right: 0.3em;
       border: 1px solid #999; vertical-align: middle; }
.orglib .orgchart-static svg { max-width: 100%; height: auto; }
.orglib .finding { margin: 0.5em 0 0.9em; padding: 0.5em 0.8em; border-left: 4px solid #4e79a7;
       background: #f7f9fc; page-break-inside: avoid; break-inside: avoid; }
.orglib .finding.sev3 { border-left-color: #e15759; }
.orglib .finding.sev2 { border-left-color: #f28e2b; }
.orglib .finding .evidence { color: #555; font-size: 0.88em; }
.orglib .finding .rec { margin-top: 0.2em; }
.orglib .cover { display: flex; flex-direction: column; text-align: left; }
.orglib .cover-band { background: #4e79a7; color: #fff; -webkit-print-color-adjust: exact; print-color-adjust: exact; padding: 0.8em 1em; font-size: 0.95em;
       letter-spacing: 0.03em; border-radius: 3px; }
.orglib .cover h1 { font-size: 2.4em; margin: 1.6em 0 0.2em; color: #1f3b5c; }
.orglib .cover .subtitle { font-size: 1.3em; color: #4e79a7; margin: 0 0 1.2em; }
.orglib .cover-figures { border-top: 2px solid #4e79a7; padding-top: 0.6em; margin-top: 1em; }
.orglib .cover-figures h4 { margin: 0 0 0.4em; color: #1f3b5c; }
.orglib table.cover-kpi { border-collapse: collapse; font-size: 1.1em; min-width: 60%; }
.orglib table.cover-kpi th, .orglib table.cover-kpi td { padding: 0.35em 1em 0.35em 0;
       border-bottom: 1px solid #dde3ea; text-align: left; }
.orglib table.cover-kpi td.num, .orglib table.cover-kpi th:not(:first-child) { text-align: right;
       font-weight: 600; min-width: 5em; }
.jp-RenderedHTMLCommon .orglib table.cover-meta { margin-top: auto; border-collapse: collapse; color: #444;
       width: auto; table-layout: auto; }
.orglib table.cover-meta th { text-align: left; padding: 0.25em 2em 0.25em 0; font-weight: 600; white-space: nowrap;
       width: 9em; }
.orglib table.cover-meta td { text-align: left; padding: 0.25em 0; }
.orglib table.cover-meta tr:nth-child(odd), .orglib table.cover-meta tr:nth-child(even) { background: none; }
.orglib ol.cover-findings { margin: 0.2em 0 0.4em; padding-left: 1.4em; line-height: 1.5; }
.orglib ol.cover-findings li { margin-bottom: 0.35em; }
.orglib p.none-line { margin: 0.5em 0; }
.jp-RenderedHTMLCommon .orglib ol.toc { list-style: none; padding-left: 0; margin: 0.8em 0; }
.orglib ol.toc li { display: flex; align-items: baseline; line-height: 1.7; }
.orglib ol.toc li.toc-h2 { font-weight: 600; margin-top: 0.5em; }
.orglib ol.toc li.toc-h3 { padding-left: 1.6em; }
.orglib ol.toc a { color: #1f3b5c; text-decoration: none; }
.orglib ol.toc .toc-dots { flex: 1; }
.orglib ol.toc .toc-page { display: none; }
.orglib .chart-page h4 { margin: 0.2em 0; }
.orglib .print-only { display: none; }
.orglib .figrow { display: flex; gap: 1em; align-items: flex-start; break-inside: avoid; }
.orglib .figrow img.figure { max-width: 49%; min-width: 0; }
@page { size: A4; margin: 14mm 12mm 16mm 12mm;
  @bottom-center { content: counter(page) " / " counter(pages); font-size: 8pt; color: #666;
                   font-family: "Noto Sans CJK SC", "DejaVu Sans", sans-serif; } }
@media print {
  body { font-size: 10pt; }
  .orglib table.data { font-size: 8.5pt; }
  .orglib table.data th, .orglib table.data td { padding: 2px 6px; }
  body .orglib h1 { font-size: 24pt; } body .orglib h2 { font-size: 16pt; }
  body .orglib h3 { font-size: 12.5pt; } body .orglib h4 { font-size: 10.5pt; }
  .jp-Notebook, .jp-Cell { max-width: none; }
  .jp-Cell, .jp-OutputArea, .jp-OutputArea-child, .jp-OutputArea-output { overflow: visible !important; }
  .orglib .print-only { display: block; }
  .orglib .screen-only { display: none; }
  .orglib .cover { height: 262mm; }
  .orglib ol.toc .toc-dots { border-bottom: 1px dotted #999; margin: 0 0.4em; }
  .orglib ol.toc .toc-page { display: inline-block; min-width: 2.2em; text-align: right; }
  .jp-Cell:has(h2.section), .orglib h2#contents { break-before: page; page-break-before: always; }
  .jp-Cell, .jp-Cell-outputWrapper, .jp-OutputArea, .jp-OutputArea-child, .jp-OutputArea-output,
  .jp-RenderedHTMLCommon { padding-top: 0 !important; padding-bottom: 0 !important;
                           margin-bottom: 0 !important; }
  .jp-Cell:not(:has(.orglib)) { display: none; }
  /* a section's last margin never spills onto a page of its own before the next section's break */
  .jp-RenderedHTMLCommon > *:last-child, .orglib > *:last-child, .orglib table.data { margin-bottom: 0 !important; }
  .orglib h2, .orglib h3, .orglib h4, .orglib h3 + p.note { page-break-after: avoid; break-after: avoid; }
  .orglib tr, .orglib td, .orglib th { page-break-inside: avoid; break-inside: avoid; }
  .orglib thead { display: table-header-group; }
  .orglib table.short { break-inside: avoid; page-break-inside: avoid; }
  .orglib img.figure, .orglib .orgchart-static { page-break-inside: avoid; break-inside: avoid; }
  .orglib img.figure { width: FIG_FIGUREmm; max-width: 100%; }
  .orglib img.figure.wide { width: FIG_WIDEmm; }
  .orglib img.figure.heatmap { width: auto; max-width: 100%; max-height: 230mm; }
  .orglib .figrow img.figure { width: FIG_HALFmm; max-width: 49%; }
  .orglib .chart-page { break-inside: avoid; page-break-inside: avoid; }
  .orglib .chart-page + .chart-page, .orglib .chart-design + .chart-design {
    break-before: page; page-break-before: always; }
  .orglib .chart-page svg { max-height: 245mm; }
  .orglib .print-only > .chart-page:first-child svg { max-height: 205mm; }
}
"""
"""Style sheet of the rendered report (inlined by :func:`orglib.reporting.to_html`); the
``@page`` rule gives A4 pages and the "n / N" footer in Chromium's PDF."""
for _k, _mm in FIGURE_MM.items():
    REPORT_CSS = REPORT_CSS.replace(f"FIG_{_k.upper()}mm", f"{_mm:g}mm")


class HTMLFragment(str):
    """A piece of escaped HTML; Jupyter displays it as HTML.

    >>> HTMLFragment("<b>x</b>")._repr_html_()
    '<b>x</b>'
    """

    def _repr_html_(self) -> str:
        return str(self)


def esc(text: Any) -> str:
    """Escape user text for HTML (``None`` → ``""``).

    >>> esc('<img src=x onerror="alert(1)">')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
    """
    return html.escape("" if text is None else str(text), quote=True)


def as_figure(v: Any, *, yes: str = "yes", no: str = "no") -> float | str:
    """``v`` as a finite float, or the text to show instead: ``—`` when missing or not
    finite, ``yes``/``no`` for a flag, the text itself when it is not a number.

    >>> as_figure(2), as_figure(None), as_figure(float("inf")), as_figure(True), as_figure("n/a")
    (2.0, '—', '—', 'yes', 'n/a')
    """
    if v is None:
        return "—"
    if isinstance(v, bool | np.bool_):
        return yes if v else no
    try:
        f = float(v)
    except (TypeError, ValueError):
        return str(v)
    return f if math.isfinite(f) else "—"


def fmt(v: Any, digits: int = 3) -> str:
    """A number for people: ``11``, ``2.5``, ``100,000``, ``—`` for missing.

    >>> fmt(11.0), fmt(2.3333), fmt(1516.0), fmt(None), fmt(True)
    ('11', '2.33', '1,516', '—', 'yes')
    """
    if isinstance(v, int | np.integer) and not isinstance(v, bool | np.bool_):
        return f"{int(v):,}"
    f = as_figure(v)
    if isinstance(f, str):
        return f
    if f == round(f) and abs(f) >= 1:
        return f"{f:,.0f}"
    if abs(f) >= 10 ** digits:
        return f"{f:,.0f}"
    return f"{f:.{digits}g}"


def pct(v: Any, digits: int = 1) -> str:
    """A share as a percentage.

    >>> pct(0.25), pct(0.0909), pct(float("nan"))
    ('25%', '9.1%', '—')
    """
    try:
        f = float(v)
    except (TypeError, ValueError):
        return "—"
    if not math.isfinite(f):
        return "—"
    s = f"{100 * f:.{digits}f}".rstrip("0").rstrip(".")
    return f"{s}%"


def cell_text(v: Any) -> str:
    """One table cell as text (lists joined, missing → empty).

    >>> cell_text(["a", "b"]), cell_text(float("nan")), cell_text(3.0)
    ('a; b', '', '3')
    """
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    if isinstance(v, list | tuple | np.ndarray):
        return "; ".join(cell_text(x) for x in v)
    if isinstance(v, dict):
        for k in ("text", "name", "title"):
            if k in v:
                return str(v[k])
        return "; ".join(f"{k}: {cell_text(x)}" for k, x in v.items())
    if isinstance(v, bool | np.bool_):
        return "✓" if v else ""
    if isinstance(v, float | int | np.integer | np.floating):
        return fmt(v)
    return str(v)


def table_html(df: pd.DataFrame, *, max_rows: int = 200, lang: str = "zh",
               index: bool = False, pct_cols: tuple[str, ...] = (), num_cols: tuple[str, ...] = (),
               title: str = "", nowrap: tuple[str, ...] = ()) -> str:
    """A DataFrame as an escaped HTML table: numbers right-aligned with thousands
    separators, a missing figure as ``—``, ``pct_cols`` as percentages, ``num_cols``
    (figures already written as text, ``"+1"``, ``"9.1%"``) aligned as numbers, ``nowrap``
    columns on one line (short labels that must not break mid-phrase), empty rows
    dropped, long tables cut. ``title`` adds an ``<h4>`` heading that stays on the page of a
    short table (never a heading alone at the foot of a page).

    >>> "&lt;b&gt;" in table_html(pd.DataFrame({"a": ["<b>"]}))
    True
    >>> ">1,234<" in table_html(pd.DataFrame({"n": [1234.0]}))
    True
    """
    shown = df.head(max_rows)
    if index:
        shown = shown.reset_index()
    cols = [str(c) for c in shown.columns]
    numeric = [(pd.api.types.is_numeric_dtype(shown[c]) and not pd.api.types.is_bool_dtype(shown[c]))
               or str(c) in num_cols for c in shown.columns]
    head = "".join(f'<th class="num">{esc(c)}</th>' if n else f"<th>{esc(c)}</th>"
                   for c, n in zip(cols, numeric, strict=True))
    rows = []
    for rec in shown.itertuples(index=False, name=None):
        cells = []
        texts = []
        for c, v, n in zip(cols, rec, numeric, strict=True):
            text = pct(v) if c in pct_cols else cell_text(v)
            num = n or isinstance(v, int | float | np.integer | np.floating) and not isinstance(v, bool)
            texts.append(text)
            cells.append((num, text))
        if len(cells) > 1 and not any(texts[1:]):
            continue  # an empty row (only a label): not shown
        rows.append("<tr>" + "".join(
            f'<td class="num">{esc(text or "—")}</td>' if num  # a missing figure: —
            else f'<td class="nowrap">{esc(text)}</td>' if c in nowrap else f"<td>{esc(text)}</td>"
            for c, (num, text) in zip(cols, cells, strict=True)) + "</tr>")
    cls = "data short" if len(rows) <= 30 else "data"  # a short table moves whole to the next page
    out = f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    if title:
        out = f"<h4>{esc(title)}</h4>" + out
    if len(df) > max_rows:
        note = tr(f"仅显示前 {max_rows:,} 行,共 {len(df):,} 行(全部见 Excel 文件)。",
                  f"First {max_rows:,} of {len(df):,} rows shown (all of them in the Excel file).", lang)
        out += f'<p class="note">{esc(note)}</p>'
    return f'<div class="keep-together">{out}</div>' if title and len(rows) <= 30 else out
