"""The report as Excel (openpyxl) and PowerPoint (python-pptx), from the same :class:`Report`.

:func:`write_xlsx` puts every table of :meth:`Report.tables` on its own sheet:
numbers typed as numbers, text that looks like a formula kept as text, the header
row frozen and column widths set. :func:`write_pptx` writes a 16:9 deck: title,
findings, recommendations, org chart pages (the same legible pages as the PDF,
as crisp PNG), native charts of spans and layers, as-is vs to-be, flags and
coverage, as editable PowerPoint tables. Table rows are measured with the CJK
font before they are placed, and a table that would not fit goes on to the next
slide, so no text runs off a slide. Both files are written atomically.

Examples
--------
>>> safe_cell("=SUM(A1:A3)"), safe_cell(3.5), safe_cell(float("nan"))
('=SUM(A1:A3)', 3.5, None)
"""

from __future__ import annotations

import math
import os
import re
import subprocess
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .._core import atomic_write
from ._format import cell_text, fmt

FONT = "Noto Sans CJK SC"
"""Latin font name of the deck (the CJK font installed with fonts-noto-cjk)."""

EA_FONT = "Microsoft YaHei"
"""East Asian font name Office uses where Noto Sans CJK is missing."""

SLIDE_W, SLIDE_H = 13.333, 7.5
"""Slide size in inches (16:9)."""

_FORMULA = re.compile(r"^[=+\-@]")


def safe_cell(v: Any) -> Any:
    """A value for a spreadsheet cell: numbers stay numbers, missing → empty, lists → text.

    Formula-looking text stays text (:func:`write_xlsx` stores it as a string cell).
    """
    if v is None:
        return None
    if isinstance(v, bool | np.bool_):
        return bool(v)
    if isinstance(v, int | np.integer):
        return int(v)
    if isinstance(v, float | np.floating):
        return float(v) if math.isfinite(float(v)) else None
    if isinstance(v, list | tuple | np.ndarray | dict):
        return cell_text(v)
    return str(v)


def _sheet_name(name: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", " ", name).strip()[:31] or "Sheet"
    out, k = base, 2
    while out.lower() in used:
        suffix = f" {k}"
        out, k = base[:31 - len(suffix)] + suffix, k + 1
    used.add(out.lower())
    return out


def _width(text: str) -> float:
    return sum(2.0 if ord(ch) > 0x2E80 else 1.0 for ch in text)


def write_xlsx(tables: dict[str, pd.DataFrame], path: str | os.PathLike) -> str:
    """Every table on its own sheet; returns the path.

    >>> import tempfile, openpyxl
    >>> p = write_xlsx({"S": pd.DataFrame({"a": [1.5], "b": ["=1+1"]})}, tempfile.mktemp(suffix=".xlsx"))
    >>> ws = openpyxl.load_workbook(p)["S"]
    >>> ws["A2"].value, ws["B2"].value, ws["B2"].data_type, ws.freeze_panes
    (1.5, '=1+1', 's', 'A2')
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)  # streams rows: 100,000 rows in seconds, not half a minute
    used: set[str] = set()
    bold = Font(bold=True, name=FONT)
    fill = PatternFill("solid", fgColor="F2F5F9")
    wrap = Alignment(wrap_text=True, vertical="top")
    for name, df in tables.items():
        ws = wb.create_sheet(_sheet_name(name, used))
        cols = [str(c) for c in df.columns]
        widths = [_width(c) for c in cols]
        sample = df.head(500)
        for j, c in enumerate(sample.columns):
            for v in sample[c]:
                val = safe_cell(v)
                if isinstance(val, str):
                    widths[j] = max(widths[j], min(60.0, _width(val)))
                elif isinstance(val, float | int):
                    widths[j] = max(widths[j], len(f"{val:,.2f}"))
        for j, w in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(j)].width = max(8.0, min(62.0, w + 2))
        ws.freeze_panes = "A2"
        if len(df):
            ws.auto_filter.ref = f"A1:{get_column_letter(max(1, len(cols)))}{len(df) + 1}"
        head = []
        for c in cols:
            cell = WriteOnlyCell(ws, value=c)
            cell.data_type = "s"
            cell.font, cell.fill, cell.alignment = bold, fill, wrap
            head.append(cell)
        ws.append(head)
        for rec in df.itertuples(index=False, name=None):
            row: list[Any] = []
            for v in rec:
                val = safe_cell(v)
                if isinstance(val, str) and _FORMULA.match(val):
                    cell = WriteOnlyCell(ws, value=val)
                    cell.data_type = "s"  # text, never a formula
                    cell.quotePrefix = True
                    row.append(cell)
                elif isinstance(val, float) and val != round(val):
                    cell = WriteOnlyCell(ws, value=val)
                    cell.number_format = "#,##0.00"
                    row.append(cell)
                else:
                    row.append(val)
            ws.append(row)
    if not tables:
        wb.create_sheet("Summary").append(["—"])
    atomic_write(path, lambda tmp: wb.save(tmp))
    return str(path)


# ----------------------------------------------------------------------------- pptx
@lru_cache(maxsize=4)
def _font(size_pt: float):
    from matplotlib import font_manager
    from PIL import ImageFont

    path = font_manager.findfont(font_manager.FontProperties(family=FONT), fallback_to_default=True)
    return ImageFont.truetype(path, size=max(1, round(size_pt * 10)))  # 10 px per pt: measure in pt/10


def text_lines(text: str, width_in: float, size_pt: float) -> int:
    """Lines ``text`` takes in a box ``width_in`` wide at ``size_pt`` (measured with the CJK font).

    >>> text_lines("abc", 2.0, 12), text_lines("x" * 400, 2.0, 12) > 5
    (1, True)
    """
    font = _font(size_pt)
    avail = max(1.0, (width_in - 0.2) * 72 * 10)  # cell margins 0.1 in each side
    lines = 0
    for para in str(text).split("\n") or [""]:
        if not para:
            lines += 1
            continue
        w = font.getlength(para)
        # word wrap wastes some of each line: count 8% slack
        lines += max(1, math.ceil(w * 1.08 / avail))
    return lines


def _row_height(cells: Sequence[str], widths: Sequence[float], size_pt: float) -> float:
    n = max(text_lines(c, w, size_pt) for c, w in zip(cells, widths, strict=True))
    return n * size_pt * 1.25 / 72 + 0.12


def _set_font(run: Any, size: float, bold: bool = False, color: str | None = None) -> None:
    from pptx.dml.color import RGBColor
    from pptx.oxml.ns import qn
    from pptx.util import Pt

    f = run.font
    f.name = FONT
    f.size = Pt(size)
    f.bold = bold
    if color:
        f.color.rgb = RGBColor.from_string(color)
    rpr = run._r.get_or_add_rPr()
    for tag in ("a:ea", "a:cs"):
        el = rpr.find(qn(tag))
        if el is None:
            el = rpr.makeelement(qn(tag), {})
            rpr.append(el)
        el.set("typeface", EA_FONT)


class Deck:
    """A python-pptx presentation with the report's layout helpers."""

    TOP = 1.15
    BOTTOM = 0.35
    LEFT = 0.5

    def __init__(self, lang: str):
        from pptx import Presentation
        from pptx.util import Inches

        self.lang = lang
        self.prs = Presentation()
        self.prs.slide_width = Inches(SLIDE_W)
        self.prs.slide_height = Inches(SLIDE_H)
        self.blank = self.prs.slide_layouts[6]

    @property
    def body_w(self) -> float:
        return SLIDE_W - 2 * self.LEFT

    @property
    def body_h(self) -> float:
        return SLIDE_H - self.TOP - self.BOTTOM

    def text(self, slide: Any, text: str, left: float, top: float, width: float, height: float, *,
             size: float = 14, bold: bool = False, color: str | None = None) -> Any:
        from pptx.util import Inches

        box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
        tf = box.text_frame
        tf.word_wrap = True
        for k, para in enumerate(str(text).split("\n")):
            p = tf.paragraphs[0] if k == 0 else tf.add_paragraph()
            run = p.add_run()
            run.text = para
            _set_font(run, size, bold, color)
        return box

    def slide(self, title: str) -> Any:
        s = self.prs.slides.add_slide(self.blank)
        size = 26.0
        while size > 14 and text_lines(title, self.body_w, size) > 1:
            size -= 2
        self.text(s, title, self.LEFT, 0.35, self.body_w, 0.7, size=size, bold=True, color="1F3B5C")
        s.name_ = title
        return s

    def table(self, title: str, df: pd.DataFrame, *, size: float = 12,
              weights: Sequence[float] | None = None, numbers: bool = True) -> int:
        """``df`` as PowerPoint tables, as many slides as the rows need; returns slides added."""
        from pptx.util import Inches

        cols = [str(c) for c in df.columns]
        if not cols:
            return 0
        w = np.asarray(weights if weights is not None else
                       [max(1.0, min(6.0, max([len(c) / 6] + [len(cell_text(v)) / 12 for v in df[c].head(50)])))
                        for c in df.columns], dtype=float)
        widths = list(w / w.sum() * self.body_w)
        text = [[cell_text(v) if not isinstance(v, float | int | np.integer | np.floating) or isinstance(v, bool)
                 else fmt(v) for v in rec] for rec in df.itertuples(index=False, name=None)]
        head_h = _row_height(cols, widths, size)
        heights = [_row_height(r, widths, size) for r in text]
        pages: list[list[int]] = [[]]
        used = head_h
        for i, h in enumerate(heights):
            if pages[-1] and used + h > self.body_h:
                pages.append([])
                used = head_h
            pages[-1].append(i)
            used += h
        added = 0
        for k, rows in enumerate(pages):
            t = title if len(pages) == 1 else f"{title} ({k + 1}/{len(pages)})"
            s = self.slide(t)
            total = head_h + sum(heights[i] for i in rows)
            shape = s.shapes.add_table(len(rows) + 1, len(cols), Inches(self.LEFT), Inches(self.TOP),
                                       Inches(self.body_w), Inches(total))
            tbl = shape.table
            for j, wd in enumerate(widths):
                tbl.columns[j].width = Inches(wd)
            tbl.rows[0].height = Inches(head_h)
            for j, c in enumerate(cols):
                self._cell(tbl.cell(0, j), c, size, bold=True)
            for r, i in enumerate(rows, start=1):
                tbl.rows[r].height = Inches(heights[i])
                for j, v in enumerate(text[i]):
                    self._cell(tbl.cell(r, j), v, size)
            added += 1
        return added

    @staticmethod
    def _cell(cell: Any, text: str, size: float, bold: bool = False) -> None:
        from pptx.util import Inches

        cell.margin_left = cell.margin_right = Inches(0.1)
        cell.margin_top = cell.margin_bottom = Inches(0.04)
        tf = cell.text_frame
        tf.word_wrap = True
        p = tf.paragraphs[0]
        run = p.add_run()
        run.text = text
        _set_font(run, size, bold)

    def image(self, title: str, png: bytes, *, note: str = "") -> None:
        import io

        from PIL import Image
        from pptx.util import Inches

        s = self.slide(title)
        im = Image.open(io.BytesIO(png))
        avail_h = self.body_h - (0.4 if note else 0)
        ratio = im.width / im.height
        w = min(self.body_w, avail_h * ratio)
        h = w / ratio
        s.shapes.add_picture(io.BytesIO(png), Inches(self.LEFT + (self.body_w - w) / 2), Inches(self.TOP),
                             Inches(w), Inches(h))
        if note:
            self.text(s, note, self.LEFT, SLIDE_H - self.BOTTOM - 0.4, self.body_w, 0.35, size=11,
                      color="666666")

    def bar_chart(self, title: str, categories: Sequence[str], series: dict[str, Sequence[float]], *,
                  horizontal: bool = False, note: str = "") -> None:
        from pptx.chart.data import CategoryChartData
        from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
        from pptx.util import Inches, Pt

        s = self.slide(title)
        data = CategoryChartData()
        data.categories = [str(c) for c in categories]
        for name, vals in series.items():
            data.add_series(name, [float(v) for v in vals])
        kind = XL_CHART_TYPE.BAR_CLUSTERED if horizontal else XL_CHART_TYPE.COLUMN_CLUSTERED
        h = self.body_h - (0.4 if note else 0)
        chart = s.shapes.add_chart(kind, Inches(self.LEFT), Inches(self.TOP), Inches(self.body_w),
                                   Inches(h), data).chart
        chart.font.size = Pt(12)
        chart.font.name = FONT
        chart.has_legend = len(series) > 1
        if chart.has_legend:
            chart.legend.position = XL_LEGEND_POSITION.BOTTOM
            chart.legend.include_in_layout = False
        plot = chart.plots[0]
        plot.has_data_labels = True
        plot.data_labels.font.size = Pt(11)
        plot.data_labels.number_format = "#,##0.##"
        plot.data_labels.number_format_is_linked = False
        if horizontal:
            chart.category_axis.reverse_order = True
        if note:
            self.text(s, note, self.LEFT, SLIDE_H - self.BOTTOM - 0.4, self.body_w, 0.35, size=11,
                      color="666666")

    def save(self, path: str | os.PathLike) -> str:
        atomic_write(path, lambda tmp: self.prs.save(str(tmp)))
        return str(path)


def _png(dot: str) -> bytes:
    proc = subprocess.run(["dot", "-Tpng", "-Gdpi=170"], input=dot.encode("utf-8"), capture_output=True,
                          timeout=120, check=True)
    return proc.stdout


def write_pptx(rep: Any, path: str | os.PathLike) -> str:
    """The report as a PowerPoint deck (see the module docstring); returns the path."""
    from ..analysis import findings_frame
    from ..viz import chart_pages

    lang = rep.lang
    t = rep._t
    d = Deck(lang)
    s = d.prs.slides.add_slide(d.blank)
    d.text(s, rep.title or t("组织诊断报告", "Organisation review"), 0.8, 2.3, SLIDE_W - 1.6, 1.0, size=36,
           bold=True, color="1F3B5C")
    meta = [rep.org_name()]
    if rep.author:
        meta.append(rep.author)
    meta.append(rep.date or __import__("datetime").date.today().isoformat())
    d.text(s, "\n".join(meta), 0.8, 3.6, SLIDE_W - 1.6, 1.5, size=18, color="444444")

    kp = rep.kpis()
    d.table(t("关键数据", "Key figures"), pd.DataFrame({t("指标", "Measure"): [k for k, _ in kp],
                                                     t("数值", "Value"): [v for _, v in kp]}),
            size=16, weights=[2, 1])
    ff = findings_frame(rep.findings[:12], lang)
    if len(ff):
        d.table(t("主要发现", "Findings"), pd.DataFrame({
            "#": ff["rank"], t("方面", "Area"): ff["area"], t("发现", "Finding"): ff["finding"],
            t("依据", "Evidence"): ff["evidence"]}), size=12, weights=[0.4, 1.4, 4, 3.2])
        d.table(t("建议", "Recommendations"), pd.DataFrame({
            "#": ff["rank"], t("方面", "Area"): ff["area"],
            t("建议", "Recommendation"): ff["recommendation"]}), size=13, weights=[0.4, 1.6, 7])
    for i, org in enumerate(rep.designs):
        for pg in chart_pages(org, lang=lang, prefix=str(i + 1)):
            d.image(f"{rep._short(i)}: {pg.heading}", _png(pg.dot))
    for i, sl in enumerate(rep.spans):
        sm = sl.summary
        tag = f"{rep._short(i)}: "
        d.bar_chart(tag + t("管理幅度分布(管理者人数)", "Span bands (managers, people)"), list(sm["bands"]),
                    {t("管理者(人)", "Managers (people)"): list(sm["bands"].values())})
        ppl = sm["people_per_layer"]
        d.bar_chart(tag + t("层级金字塔(每层人数)", "Layer pyramid (people per layer)"),
                    [t(f"第 {k} 层", f"Layer {k}") for k in ppl], {t("人数", "People"): list(ppl.values())},
                    horizontal=True)
        d.table(tag + t("管理岗位(幅度最大的 15 个)", "Manager posts (15 widest spans)"),
                rep.managers_table(i).head(15), size=12)
    if rep.to_be:
        d.table(t("现状与方案对比", "As-is vs to-be"), rep.effect_table(), size=12)
        for i in range(1, len(rep.designs)):
            sd = rep.structural_diff(i)
            if len(sd):
                d.table(t("结构差异", "Structural diff") + f": {rep._short(0)} → {rep._short(i)}", sd, size=12)
    fl = rep.flags_table(0).head(20)
    if len(fl):
        n_all = len(rep.flags_table(0))
        d.table(t(f"问题标记(前 {len(fl)} 个,共 {n_all:,} 个)", f"Flags (top {len(fl)} of {n_all:,})"), fl,
                size=11, weights=[2, 1.3, 0.8, 4])
    rt = rep.raci_tables(0)
    cov_key = list(rt)[1]
    d.table(t("职能覆盖", "Coverage"), rt[cov_key], size=12, weights=[1, 1.6, 3, 0.8])
    d.save(path)
    return str(path)


def export_files(rep: Any, *, pptx: str = "", xlsx: str = "") -> list[str]:
    """Write the PowerPoint and/or Excel file of a report (empty path: skipped).

    >>> export_files(None)
    []
    """
    from ._pptx import write_pptx as write_deck
    from ._workbook import write_report_xlsx

    out = []
    if xlsx:
        out.append(write_report_xlsx(rep, path=Path(xlsx)))
    if pptx:
        out.append(write_deck(rep, path=Path(pptx)))
    return out
