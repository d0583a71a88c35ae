"""The report's tables as an Excel workbook (openpyxl): one sheet per table of the report.

:func:`write_report_xlsx` builds the report (:func:`~orglib.reporting.build`, or takes a
:class:`~orglib.reporting.Report` already built) and writes every table of
:meth:`Report.tables` — summary, findings, spans per manager, units, flags (all of them),
comparison, diff, coverage, principles, workflows, simulation bands, posts — to its own
sheet with :func:`write_workbook`: numbers typed as numbers (figures the report shows as
text, ``"5,210"`` or ``"9.1%"``, are stored as the numbers 5210 and 0.091 with a number
format), text a spreadsheet would run as a formula escaped with
:func:`orglib.io.escape_cell`, header row frozen, column widths set, an auto-filter on
every table; written atomically.

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

import numpy as np
import pandas as pd

from .._core import Org, atomic_write
from ..io import escape_cell

_NUMBER = re.compile(r"^[−-]?\d{1,3}(,\d{3})*(\.\d+)?%?$|^[−-]?\d+(\.\d+)?%?$")


def typed_cell(v: Any) -> tuple[Any, str | None]:
    """A value for a cell and its number format: numbers as numbers (also a figure written
    as text, ``"1,234"`` or ``"9.1%"``), missing as empty, other text escaped.

    >>> typed_cell("1,234"), typed_cell("9.1%"), typed_cell(float("nan")), typed_cell("-x")
    ((1234, '#,##0'), (0.091, '0.0%'), (None, None), ("'-x", None))
    """
    if v is None or v is pd.NA:
        return None, None
    if isinstance(v, bool | np.bool_):
        return bool(v), None
    if isinstance(v, int | np.integer):
        return int(v), "#,##0"
    if isinstance(v, float | np.floating):
        f = float(v)
        if not math.isfinite(f):
            return None, None
        return (int(f), "#,##0") if f.is_integer() and abs(f) < 1e15 else (f, "#,##0.0#")
    if isinstance(v, list | tuple):
        v = "; ".join(str(x) for x in v)
    text = str(v)
    s = text.strip()
    if s and _NUMBER.match(s):
        neg = s[0] in "−-"
        body = s.lstrip("−-").replace(",", "")
        if body.endswith("%"):
            f = float(body[:-1]) / 100
            return (-f if neg else f), "0.0%"
        f = float(body)
        f = -f if neg else f
        return (int(f), "#,##0") if f.is_integer() else (f, "#,##0.0#")
    return escape_cell(text), None


def _width(values: Iterable[Any]) -> float:
    """Column width in Excel characters (CJK characters count double), 8–60."""
    best = 0
    for v in values:
        if v is None or (isinstance(v, float) and math.isnan(v)):
            continue
        text = f"{v:,.2f}" if isinstance(v, float) else str(v)
        best = max(best, sum(2 if ord(ch) > 0x2E7F else 1 for ch in text))
    return float(min(60, max(8, best + 2)))


def _sheet_name(name: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", " ", str(name)).strip()[:31] or "Sheet"
    out, k = base, 2
    while out.lower() in used:
        out = f"{base[:28]} {k}"
        k += 1
    used.add(out.lower())
    return out


def write_workbook(tables: Mapping[str, pd.DataFrame], path: str | os.PathLike, *,
                   title: str = "", author: str = "") -> str:
    """Write each table to its own sheet of ``path`` (.xlsx), atomically; returns the path.

    Empty tables are left out; sheet names are cut to Excel's 31 characters.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    head_font, head_fill = Font(bold=True), PatternFill("solid", fgColor="DCE6F1")
    used: set[str] = set()
    for name, df in tables.items():
        if df is None or not len(df.columns):
            continue
        ws = wb.create_sheet(title=_sheet_name(name, used))
        ws.append([escape_cell(str(c)) for c in df.columns])
        formats: list[list[str | None]] = []
        for row in df.itertuples(index=False):
            cells = [typed_cell(v) for v in row]
            ws.append([c[0] for c in cells])
            formats.append([c[1] for c in cells])
        for r, fm in enumerate(formats, start=2):
            for j, f in enumerate(fm, start=1):
                if f:
                    ws.cell(row=r, column=j).number_format = f
        for c in ws[1]:
            c.font, c.fill = head_font, head_fill
            c.alignment = Alignment(wrap_text=True, vertical="top")
        ws.freeze_panes = "A2"
        for j, col in enumerate(df.columns, start=1):
            ws.column_dimensions[get_column_letter(j)].width = _width([col, *df[col].head(2000).tolist()])
        if len(df):
            ws.auto_filter.ref = ws.dimensions
    if not wb.sheetnames:
        wb.create_sheet("Sheet")
    if title:
        wb.properties.title = title
    if author:
        wb.properties.creator = author
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(out, lambda tmp: wb.save(tmp))
    return str(out)


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
    title = rep.title or rep._t("组织诊断报告", "Organisation review") + ": " + rep.org_name()
    return write_workbook(rep.tables(), path, title=title, author=rep.author)
