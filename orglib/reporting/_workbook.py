"""The report's tables as an Excel workbook (openpyxl): one sheet per table of the report.

:func:`write_report_xlsx` builds the report (:func:`~orglib.reporting.build`, or takes a
:class:`~orglib.reporting.Report` already built) and writes every table of
:meth:`Report.tables` — summary, findings, spans per manager, units, flags (all of them),
notes on the input, comparison, diff, coverage, principles, workflows, simulation bands,
posts — to its own sheet with :func:`write_workbook`, the one writer of report
workbooks: numbers typed as numbers (figures the report shows as text, ``"5,210"`` or
``"9.1%"``, are stored as the numbers 5210 and 0.091 with a number format), every
cell, header and sheet name through the spreadsheet rules of :mod:`orglib.io`
(:func:`~orglib.io.xlsx_cell`: formula-looking text escaped, control characters made
safe; :func:`~orglib.io.sheet_title`), header row frozen, column widths set, an
auto-filter on every table; rows streamed (100,000 flags in seconds), written atomically.

Examples
--------
>>> import tempfile, pathlib
>>> import pandas as pd
>>> from openpyxl import load_workbook
>>> path = pathlib.Path(tempfile.mkdtemp()) / "t.xlsx"
>>> _ = write_workbook({"Flags": pd.DataFrame({"post": ["=1+1"], "share": ["9.1%"], "n": ["5,210"]})}, path)
>>> ws = load_workbook(path)["Flags"]
>>> ws["A2"].value, ws["B2"].value, ws["C2"].value, ws.freeze_panes
("'=1+1", 0.091, 5210, 'A2')
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from .._core import Org, atomic_write
from ..io import sheet_title, xlsx_cell

_NUMBER = re.compile(r"^[−+-]?\d{1,3}(,\d{3})*(\.\d+)?%?$|^[−+-]?\d+(\.\d+)?%?$|^±0%?$")
"""A figure the report writes as text: ``1,234``, ``9.1%``, ``−3``; a change ``+1``, ``±0``, ``+18.2%``."""


def typed_cell(v: Any) -> tuple[Any, str | None]:
    """A value for a report cell and its number format: numbers as numbers (also a figure
    written as text, ``"1,234"`` or ``"9.1%"``), missing as empty, other text escaped by
    :func:`orglib.io.xlsx_cell`.

    >>> typed_cell("1,234"), typed_cell("9.1%"), typed_cell(float("nan")), typed_cell("-x")
    ((1234, '#,##0'), (0.091, '0.0%'), (None, None), ("'-x", None))
    >>> typed_cell("+1"), typed_cell("-6.67"), typed_cell("±0")
    ((1, '+#,##0;-#,##0;0'), (-6.67, '#,##0.0#'), (0, '+#,##0;-#,##0;0'))
    """
    if isinstance(v, list | tuple):
        v = "; ".join(str(x) for x in v)
    if isinstance(v, str):
        s = v.strip()
        if s and _NUMBER.match(s):
            signed = s[0] in "+±"  # a change: shown with its sign
            neg = s[0] in "−-"
            body = s.lstrip("−+-±").replace(",", "")
            share = body.endswith("%")
            f = float(body[:-1]) / 100 if share else float(body)
            f = -f if neg else f
            value = xlsx_cell(f)
            if share:
                return value, "+0.0%;-0.0%;0%" if signed else "0.0%"
            whole = isinstance(value, int)
            if signed:
                return value, "+#,##0;-#,##0;0" if whole else "+#,##0.0#;-#,##0.0#;0"
            return value, "#,##0" if whole else "#,##0.0#"
    value = xlsx_cell(v)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value, None
    return value, ("#,##0" if isinstance(value, int) else "#,##0.0#")


_MAX_WIDTH = 60
"""Widest column (Excel characters); longer text wraps in its cell."""


def _text_width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _width(values: Iterable[Any]) -> float:
    """Column width in Excel characters (CJK characters count double), 8–60."""
    best = 0
    for v in values:
        if v is None or (isinstance(v, float) and math.isnan(v)):
            continue
        text = f"{v:,.2f}" if isinstance(v, float) else str(v)
        best = max(best, _text_width(text))
    return float(min(_MAX_WIDTH, max(8, best + 2)))


def write_workbook(tables: Mapping[str, pd.DataFrame], path: str | os.PathLike, *,
                   title: str = "", author: str = "") -> str:
    """Write each table to its own sheet of ``path`` (.xlsx), atomically; returns the path.

    The one writer of report workbooks: cells by :func:`typed_cell`, headers by
    :func:`orglib.io.xlsx_cell`, sheet names by :func:`orglib.io.sheet_title` (valid,
    unique, at most 31 characters); header row bold and frozen, widths set from the
    first 2,000 rows (text longer than the widest column, 60, wraps), an auto-filter on
    every table with rows. Tables without columns
    are left out.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)  # streams rows: 100,000 flags in seconds
    head_font, head_fill = Font(bold=True), PatternFill("solid", fgColor="DCE6F1")
    head_align = Alignment(wrap_text=True, vertical="top")
    wrap_align = Alignment(wrap_text=True, vertical="top")
    used: set[str] = set()
    for name, df in tables.items():
        if df is None or not len(df.columns):
            continue
        ws = wb.create_sheet(title=sheet_title(str(name), used))
        wrap = set()  # columns of long text, capped at 60 characters: their cells wrap
        for j, col in enumerate(df.columns, start=1):
            w = _width([col, *df[col].head(2000).tolist()])
            ws.column_dimensions[get_column_letter(j)].width = w
            if w >= _MAX_WIDTH:
                wrap.add(j - 1)
        ws.freeze_panes = "A2"
        if len(df):
            ws.auto_filter.ref = f"A1:{get_column_letter(len(df.columns))}{len(df) + 1}"
        head = []
        for c in df.columns:
            cell = WriteOnlyCell(ws, value=xlsx_cell(str(c)))
            cell.font, cell.fill, cell.alignment = head_font, head_fill, head_align
            head.append(cell)
        ws.append(head)
        for row in df.itertuples(index=False, name=None):
            out: list[Any] = []
            for j, v in enumerate(row):
                value, fmt = typed_cell(v)
                if fmt:
                    cell = WriteOnlyCell(ws, value=value)
                    cell.number_format = fmt
                    out.append(cell)
                elif j in wrap and isinstance(value, str) and _text_width(value) > _MAX_WIDTH - 2:
                    cell = WriteOnlyCell(ws, value=value)
                    cell.alignment = wrap_align
                    out.append(cell)
                else:
                    out.append(value)
            ws.append(out)
    if not used:
        wb.create_sheet("Sheet").append(["—"])
    if title:
        wb.properties.title = xlsx_cell(title)
    if author:
        wb.properties.creator = xlsx_cell(author)
    out_path = Path(path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(out_path, lambda tmp: wb.save(tmp))
    return str(out_path)


def write_report_xlsx(org: Any, to_be: Org | str | Sequence[Org | str] = (), *, lang: str = "zh",
                      path: str | os.PathLike, **kw: Any) -> str:
    """Write every table of the report of ``org`` (and to-be designs) to ``path`` (.xlsx).

    Parameters
    ----------
    org : Report, Org or str
        A :class:`~orglib.reporting.Report` already built, or the as-is design (an Org,
        template id or file) to build one from.
    to_be : Org, str or a sequence of them
    lang : {"zh", "en"}
        Language of sheet names, headers and labels.
    path : path
    **kw
        More options of :func:`~orglib.reporting.build` (span_target, title, author,
        seed, months, runs, mapping, no_manager ...).

    Returns
    -------
    str
        The path written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from openpyxl import load_workbook
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "d.xlsx"
    >>> _ = write_report_xlsx("duocai-asis", "duocai-tobe", lang="en", path=p, runs=20, months=6)
    >>> load_workbook(p).sheetnames[:3]
    ['Summary', 'Findings', 'Spans']
    """
    from ._sections import Report, build

    rep = org if isinstance(org, Report) else build(org, to_be, lang=lang, **kw)
    return write_workbook(rep.tables(), path, title=rep.cover_title(), author=rep.author)
