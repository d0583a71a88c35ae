"""The report's extra files: :func:`export_files` writes the PowerPoint deck
(:mod:`._pptx`) and the Excel workbook (:mod:`._workbook`) of a :class:`Report`.

:func:`write_xlsx` and :func:`safe_cell` are the names of an older writer, kept for
callers: they now run the one report workbook writer
(:func:`~orglib.reporting.write_workbook`, cells by
:func:`~orglib.reporting.typed_cell`) and warn that they are deprecated.

Examples
--------
>>> import warnings
>>> with warnings.catch_warnings():
...     warnings.simplefilter("ignore", DeprecationWarning)
...     safe_cell("=SUM(A1:A3)"), safe_cell(3.5), safe_cell(float("nan"))
("'=SUM(A1:A3)", 3.5, None)
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path
from typing import Any

import pandas as pd

from ._pptx import EA_FONT, LATIN_FONT
from ._workbook import typed_cell, write_workbook

__all__ = ["EA_FONT", "FONT", "export_files", "safe_cell", "write_xlsx"]

FONT = LATIN_FONT
"""Latin font name of the deck (the CJK font installed with fonts-noto-cjk)."""


def _deprecated(old: str, new: str) -> None:
    warnings.warn(f"orglib.reporting.{old} is deprecated; use orglib.reporting.{new}",
                  DeprecationWarning, stacklevel=3)


def safe_cell(v: Any) -> Any:
    """Deprecated: the value :func:`~orglib.reporting.typed_cell` stores for ``v``."""
    _deprecated("safe_cell", "typed_cell")
    return typed_cell(v)[0]


def write_xlsx(tables: dict[str, pd.DataFrame], path: str | os.PathLike) -> str:
    """Deprecated: :func:`~orglib.reporting.write_workbook` (same tables, same file).

    >>> import tempfile, warnings, openpyxl
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore", DeprecationWarning)
    ...     p = write_xlsx({"S": pd.DataFrame({"a": [1.5], "b": ["=1+1"]})}, tempfile.mktemp(suffix=".xlsx"))
    >>> ws = openpyxl.load_workbook(p)["S"]
    >>> ws["A2"].value, ws["B2"].value, ws["B2"].data_type, ws.freeze_panes
    (1.5, "'=1+1", 's', 'A2')
    """
    _deprecated("write_xlsx", "write_workbook")
    return write_workbook(tables, path)


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
