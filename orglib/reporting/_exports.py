"""The report's extra files: :func:`export_files` writes the PowerPoint deck
(:mod:`._pptx`) and the Excel workbook (:mod:`._workbook`) of a :class:`Report`.

:func:`write_xlsx` is the plain writer of a dict of tables (one sheet each, numbers
typed, formula-looking text kept as text, header frozen, widths set), written
atomically.

Examples
--------
>>> safe_cell("=SUM(A1:A3)"), safe_cell(3.5), safe_cell(float("nan"))
('=SUM(A1:A3)', 3.5, None)
"""

from __future__ import annotations

import math
import os
import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .._core import atomic_write
from ._format import cell_text

FONT = "Noto Sans CJK SC"
"""Latin font name of the deck (the CJK font installed with fonts-noto-cjk)."""

EA_FONT = "Microsoft YaHei"
"""East Asian font name Office uses where Noto Sans CJK is missing."""

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
