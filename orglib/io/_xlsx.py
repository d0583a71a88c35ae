"""Read and write XLSX workbooks: sheets ``positions``, ``units``, ``links``,
``workflows``, ``meta``; a client workbook without ``positions`` is read from its first sheet.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

from .._core import (
    Org,
    atomic_write,
    to_text,
)
from ._cells import _jsonable, _unescape, _unescape_frame, escape_cell, table_for_sheet
from ._source import SIDECARS, RawOrg, _fail, _problem_error, _read_bytes


def read_xlsx(path: Path, label: str, sheet: str | None = None) -> RawOrg:
    """Read an .xlsx workbook: our sheets, or a client's first sheet as positions."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    _read_bytes(path, label, "xlsx")
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as exc:
        _fail(label, "wrong_format", f"is not a readable .xlsx workbook ({exc})",
              f"不是可读取的 .xlsx 工作簿({exc})")
    raw = RawOrg()
    try:
        names = wb.sheetnames
        pos_sheet = sheet or ("positions" if "positions" in names else names[0])
        if pos_sheet not in names:
            _fail(label, "unknown_sheet", f"no sheet {pos_sheet!r}; sheets are {', '.join(names)}",
                  f"没有工作表 {pos_sheet!r};现有:{', '.join(names)}")
        for table, sheet_name in [("positions", pos_sheet)] + [(t, t) for t in SIDECARS]:
            if sheet_name not in names:
                continue
            where = f"{label}[{sheet_name}]"
            df, rows = _sheet_frame(wb[sheet_name], where)
            if df is None:
                if table == "positions":
                    raise _problem_error(where, "empty_file", "the sheet is empty", "工作表为空")
                continue
            if len(df) == 0 and table == "positions":
                raise _problem_error(where, "header_only", "the sheet has a header but no rows",
                                     "工作表只有表头,没有数据行")
            raw.tables[table], raw.rows[table], raw.files[table] = df, rows, where
        if "meta" in names:
            for row in wb["meta"].iter_rows(values_only=True):
                if row and row[0] not in (None, "") and str(row[0]) != "key":
                    cell = _unescape(to_text(row[1] if len(row) > 1 else ""))
                    try:
                        raw.meta[str(row[0])] = json.loads(cell)
                    except json.JSONDecodeError:
                        raw.meta[str(row[0])] = cell
    finally:
        wb.close()
    return raw


def _sheet_frame(ws, where: str) -> tuple[pd.DataFrame | None, np.ndarray]:
    header: list[str] | None = None
    records: list[list[str]] = []
    rows: list[int] = []
    for r, values in enumerate(ws.iter_rows(values_only=True), start=1):
        cells = ["" if v is None else to_text(v) for v in values]
        if header is None:
            if any(c.strip() for c in cells):
                header = [c.strip() for c in cells]
                while header and not header[-1]:
                    header.pop()
            continue
        if not any(c.strip() for c in cells):
            continue
        cells = (cells + [""] * len(header))[: len(header)]
        records.append(cells)
        rows.append(r)
    if header is None:
        return None, np.array([], dtype=np.int64)
    header = [h or f"column{i + 1}" for i, h in enumerate(header)]
    df = pd.DataFrame(records, columns=header, dtype=object) if records else pd.DataFrame(columns=header)
    _unescape_frame(df)
    return df, np.array(rows, dtype=np.int64)


def write_xlsx(org: Org, path: Path) -> None:
    import openpyxl

    def write(tmp: Path) -> None:
        wb = openpyxl.Workbook(write_only=True)
        for table in ("positions", "units", "links", "workflows"):
            if table != "positions" and not len(getattr(org, table)):
                continue
            ws = wb.create_sheet(table)
            df = table_for_sheet(org, table)
            ws.append(list(df.columns))
            for row in df.itertuples(index=False, name=None):
                ws.append(list(row))
        if org.meta:
            ws = wb.create_sheet("meta")
            ws.append(["key", "value"])
            for k, v in org.meta.items():
                ws.append([str(k), escape_cell(json.dumps(_jsonable(v), ensure_ascii=False))])
        wb.save(tmp)

    atomic_write(path, write)
