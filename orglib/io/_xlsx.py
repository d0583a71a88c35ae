"""Read and write XLSX workbooks: sheets ``positions``, ``units``, ``links``,
``workflows``, ``meta``; a client workbook without ``positions`` is read from its first sheet.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

from .._core import (
    NESTED_FIELDS,
    NUMERIC_FIELDS,
    WARNING,
    Org,
    Problem,
    atomic_write,
    to_text,
)
from ._cells import (
    _jsonable,
    _unescape,
    _unescape_frame,
    sheet_title,
    table_for_sheet,
    xlsx_cell,
    xlsx_unescape,
)
from ._client import CLIENT_KEY, client_positions, excel_format
from ._columns import ORGANOGRAM, _norm, field_for
from ._header import SCAN_ROWS, find_header, title_rows_problem
from ._limits import check_columns, check_rows, check_zip, current
from ._source import SIDECARS, RawOrg, _fail, _problem_error, _read_bytes


def _pick_sheet(wb, sheet: str | int | None, label: str) -> tuple[str, list[str]]:
    """The sheet holding positions and the other sheets that hold data (for a warning)."""
    names = wb.sheetnames
    if isinstance(sheet, int) or (isinstance(sheet, str) and sheet.strip().isdigit()
                                  and sheet not in names):
        k = int(sheet)
        if not 1 <= k <= len(names):
            _fail(label, "unknown_sheet", f"no sheet number {k}: the workbook has {len(names)} "
                  f"({', '.join(names)})", f"没有第 {k} 个工作表:共 {len(names)} 个({', '.join(names)})")
        return names[k - 1], []
    if sheet:
        if sheet not in names:
            _fail(label, "unknown_sheet", f"no sheet {sheet!r}; sheets are {', '.join(names)}",
                  f"没有工作表 {sheet!r};现有:{', '.join(names)}")
        return sheet, []
    if "positions" in names:
        return "positions", []
    scores = {n: _post_columns(wb[n]) for n in names if n not in (*SIDECARS, "meta")}
    with_data = [n for n, k in scores.items() if k >= 0]
    if not with_data:
        return names[0], []
    best = max(with_data, key=lambda n: (min(scores[n], 2), -with_data.index(n)))
    return best, [n for n in with_data if n != best]


def _post_columns(ws) -> int:
    """How many header cells of ``ws`` name a known field (-1 for an empty sheet)."""
    head = []
    ws.reset_dimensions()  # a stated <dimension> of A1:XFD1048576 must not be walked
    for k, values in enumerate(ws.iter_rows(values_only=True)):
        head.append(["" if v is None else to_text(v) for v in values])
        if k >= SCAN_ROWS:
            break
    if not any(any(c.strip() for c in r) for r in head):
        return -1
    hdr, _ = find_header(head)
    return sum(1 for c in head[hdr] if c.strip() and field_for(c.strip())) if hdr < len(head) else 0


def read_xlsx(path: Path, label: str, sheet: str | int | None = None) -> RawOrg:
    """Read an .xlsx workbook: our sheets, or a client's sheet as positions (``sheet``
    by name or number from 1; else the first sheet with data, others named in a warning)."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    _read_bytes(path, label, "xlsx")
    check_zip(label, path)
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as exc:
        _fail(label, "wrong_format", f"is not a readable .xlsx workbook ({exc})",
              f"不是可读取的 .xlsx 工作簿({exc})")
    raw = RawOrg()
    try:
        names = wb.sheetnames
        pos_sheet, others = _pick_sheet(wb, sheet, label)
        if others:
            raw.problems.append(Problem(
                label, None, "", "several_sheets",
                f"read positions from sheet {pos_sheet!r}; other sheets with data: "
                f"{', '.join(repr(o) for o in others)} (choose with --sheet NAME|NUMBER)",
                f"从工作表 {pos_sheet!r} 读取岗位;其他有数据的工作表:{'、'.join(others)}"
                "(用 --sheet 名称或序号选择)", WARNING))
        for table, sheet_name in [("positions", pos_sheet)] + [(t, t) for t in SIDECARS]:
            if sheet_name not in names:
                continue
            where = f"{label}[{sheet_name}]"
            ws = wb[sheet_name]
            ws.reset_dimensions()  # never trust the stated <dimension>: read the rows as they come
            merges, has_formulas = _sheet_xml_facts(path, getattr(ws, "_worksheet_path", ""))
            df, rows, layout = _sheet_frame(ws, where, raw.problems if table == "positions" else [], merges)
            if has_formulas and df is not None:
                raw.problems += _formula_warnings(path, sheet_name, where)
            if df is None:
                if table == "positions":
                    raise _problem_error(where, "empty_file", "the sheet is empty", "工作表为空")
                continue
            if len(df) == 0 and table == "positions":
                raise _problem_error(where, "header_only", "the sheet has a header but no rows",
                                     "工作表只有表头,没有数据行")
            raw.tables[table], raw.rows[table], raw.files[table] = df, rows, where
            if table == "positions":
                raw.layout = {"format": "xlsx", "sheet": sheet_name, **layout}
        if "meta" in names:
            meta_ws = wb["meta"]
            meta_ws.reset_dimensions()
            for n, row in enumerate(meta_ws.iter_rows(values_only=True), start=1):
                check_rows(f"{label}[meta]", n - 1)
                if row and row[0] not in (None, "") and str(row[0]) != "key":
                    key = _unescape(xlsx_unescape(to_text(row[0])))
                    cell = _unescape(xlsx_unescape(to_text(row[1] if len(row) > 1 else "")))
                    try:
                        raw.meta[key] = json.loads(cell) if len(cell) < 2**20 else cell
                    except (json.JSONDecodeError, RecursionError):
                        raw.meta[key] = cell
    finally:
        wb.close()
    return raw


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")
MAX_MERGES = 100_000


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n


def _col_letters(n: int) -> str:
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def _sheet_xml_facts(path: Path, member: str) -> tuple[list[tuple[int, int, int, int]], bool]:
    """Merged ranges (row0, col0, row1, col1) and whether any cell holds a formula,
    read from the sheet's XML in chunks (openpyxl's read-only mode shows neither)."""
    merges: list[tuple[int, int, int, int]] = []
    formulas = False
    if not member:
        return merges, formulas
    try:
        with zipfile.ZipFile(path) as zf, zf.open(member.lstrip("/")) as fh:
            tail = b""
            while chunk := fh.read(4 * 2**20):
                buf = tail + chunk
                formulas = formulas or bool(_FORMULA_TAG.search(buf))
                last = 0
                for m in _MERGE.finditer(buf):
                    c0, r0 = _col_number(m.group(1)), int(m.group(2))
                    c1, r1 = (_col_number(m.group(3)), int(m.group(4))) if m.group(3) else (c0, r0)
                    if len(merges) < MAX_MERGES and (r1 > r0 or c1 > c0):
                        merges.append((r0, c0, r1, c1))
                    last = m.end()
                tail = buf[max(last, len(buf) - 256):]
    except (KeyError, zipfile.BadZipFile, OSError):
        pass
    return merges, formulas


def _filled_rows(ws, merges: list[tuple[int, int, int, int]], width_cap: int):
    """Rows as lists of text with merged ranges filled from their top-left cell."""
    by_start: dict[int, list[tuple[int, int, int, int]]] = {}
    for m in merges:
        by_start.setdefault(m[0], []).append(m)
    active: list[tuple[int, int, int, str]] = []  # (row1, col0, col1, value)
    for r, values in enumerate(ws.iter_rows(values_only=True), start=1):
        if len(values) > width_cap:
            values = values[:width_cap]
        cells = ["" if v is None else to_text(v) for v in values]
        cells = [xlsx_unescape(c) if "_x" in c else c for c in cells]
        for _r0, c0, r1, c1 in by_start.get(r, ()):
            top = cells[c0 - 1] if c0 - 1 < len(cells) else ""
            active.append((r1, c0, min(c1, width_cap), top))
        if active:
            active = [a for a in active if a[0] >= r]
            for _, c0, c1, value in active:
                if len(cells) < c1:
                    cells += [""] * (c1 - len(cells))
                for c in range(c0 - 1, c1):
                    if cells[c] == "":
                        cells[c] = value
        yield r, cells


def _sheet_frame(ws, where: str, problems: list[Problem], merges: list | None = None,
                 ) -> tuple[pd.DataFrame | None, np.ndarray, dict]:
    head: list[list[str]] = []
    header: list[str] | None = None
    written: list[str] = []
    records: list[list[str]] = []
    rows: list[int] = []
    title_rows: list[list[str]] = []
    hdr = -1
    lim = current()
    for r, cells in _filled_rows(ws, merges or [], lim.max_columns + 1):
        if header is None:
            head.append(cells)
            if len(head) < SCAN_ROWS and not _enough(head):
                continue
            hdr, note = find_header(head)
            header, pending = _header_from(head, hdr, problems, where, note)
            written = list(head[hdr])
            title_rows = [list(x) for x in head[:hdr]]
            for rr, cc in pending:
                records.append((cc + [""] * len(header))[: len(header)])
                rows.append(rr)
            continue
        if not any(c.strip() for c in cells):
            continue
        records.append((cells + [""] * len(header))[: len(header)])
        rows.append(r)
        if len(records) > lim.max_rows:
            check_rows(where, len(records))
    if header is None and head:
        hdr, note = find_header(head)
        header, pending = _header_from(head, hdr, problems, where, note)
        written = list(head[hdr]) if hdr < len(head) else []
        title_rows = [list(x) for x in head[:hdr]]
        for rr, cc in pending:
            records.append((cc + [""] * len(header))[: len(header)])
            rows.append(rr)
    if not header:
        return None, np.array([], dtype=np.int64), {}
    check_columns(where, len(header))
    header = [h or f"column{i + 1}" for i, h in enumerate(header)]
    header = _unique_header(header, where, problems)
    if merges:
        shown = ", ".join(f"{_col_letters(c0)}{r0}:{_col_letters(c1)}{r1}" for r0, c0, r1, c1 in merges[:5])
        more = f" and {len(merges) - 5} more" if len(merges) > 5 else ""
        problems.append(Problem(where, None, "", "merged_cells",
                                f"{len(merges)} merged ranges filled from their top-left cell: {shown}{more}",
                                f"{len(merges)} 个合并单元格区域已按左上角的值填充:{shown}", WARNING))
    df = pd.DataFrame(records, columns=header, dtype=object) if records else pd.DataFrame(columns=header)
    _unescape_frame(df)
    layout = {"header": written[: len(header)], "title_rows": title_rows}
    return df, np.array(rows, dtype=np.int64), layout


def _unique_header(header: list[str], where: str, problems: list | None) -> list[str]:
    """Repeated column names get ``.1``, ``.2`` (as pandas reads a CSV), with a warning."""
    seen: dict[str, int] = {}
    out = []
    dups = []
    for h in header:
        if h in seen:
            seen[h] += 1
            new = f"{h}.{seen[h]}"
            while new in seen:
                seen[h] += 1
                new = f"{h}.{seen[h]}"
            dups.append((h, new))
            seen[new] = 0
            out.append(new)
        else:
            seen[h] = 0
            out.append(h)
    if dups and problems is not None:
        shown = ", ".join(f"{a!r} → {b!r}" for a, b in dups[:5])
        problems.append(Problem(where, 1, "", "duplicate_column",
                                f"{len(dups)} repeated column names renamed: {shown}",
                                f"{len(dups)} 个重复的列名已改名:{shown}", WARNING))
    return out


def _formula_warnings(path: Path, sheet_name: str, where: str) -> list[Problem]:
    """Name the formula cells: read as their cached values, or empty when Excel never computed them."""
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=False)
    cached_wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        ws, cws = wb[sheet_name], cached_wb[sheet_name]
        ws.reset_dimensions()
        cws.reset_dimensions()
        no_cache: list[str] = []
        cached: list[str] = []
        for r, (frow, crow) in enumerate(zip(ws.iter_rows(values_only=True), cws.iter_rows(values_only=True),
                                             strict=False), start=1):
            for c, v in enumerate(frow[: current().max_columns], start=1):
                if (isinstance(v, str) and v.startswith("=")) or type(v).__name__ in (
                        "ArrayFormula", "DataTableFormula"):
                    value = crow[c - 1] if c - 1 < len(crow) else None
                    (no_cache if value is None else cached).append(f"{_col_letters(c)}{r}")
    finally:
        wb.close()
        cached_wb.close()
    out = []
    if no_cache:
        more = f" and {len(no_cache) - 10} more" if len(no_cache) > 10 else ""
        out.append(Problem(where, None, "", "formula_not_computed",
                           f"{len(no_cache)} formula cells have no computed value and read as empty: "
                           f"{', '.join(no_cache[:10])}{more} (open and save the file in Excel to compute them)",
                           f"{len(no_cache)} 个公式单元格没有计算结果,按空值读取:{', '.join(no_cache[:10])}"
                           "(请在 Excel 中打开并保存以计算公式)", WARNING))
    if cached:
        more = f" and {len(cached) - 10} more" if len(cached) > 10 else ""
        out.append(Problem(where, None, "", "formula_cached",
                           f"{len(cached)} formula cells read as the values Excel last computed: "
                           f"{', '.join(cached[:10])}{more}",
                           f"{len(cached)} 个公式单元格按 Excel 上次计算的结果读取:{', '.join(cached[:10])}",
                           WARNING))
    return out


def _enough(head: list[list[str]]) -> bool:
    """Enough leading rows seen to place the header (a few filled rows after the first)."""
    return sum(1 for r in head if any(c.strip() for c in r)) >= 6


def _header_from(head: list[list[str]], hdr: int, problems: list[Problem], where: str,
                 note: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header cells of row ``hdr`` and the data rows already read after it."""
    while hdr < len(head) and not any(c.strip() for c in head[hdr]):
        hdr += 1
    if hdr >= len(head):
        return [], []
    header = [_unescape(c.strip()) for c in head[hdr]]
    while header and not header[-1]:
        header.pop()
    if hdr:
        problems.append(title_rows_problem(where, head, hdr, hdr, "row", note))
    pending = [(k + 1, c) for k, c in enumerate(head) if k > hdr and any(x.strip() for x in c)]
    return header, pending


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _typed_columns(org: Org, df: pd.DataFrame, table: str) -> dict[str, str]:
    """{written column: "number" | "date"} for the cells an XLSX writer types."""
    src = getattr(org, table)
    fields = {}
    cf = org.meta.get(CLIENT_KEY) if table == "positions" and isinstance(org.meta, dict) else None
    if isinstance(cf, dict):
        fields = {str(f): str(c) for f, c in (cf.get("fields") or {}).items()}
    kinds: dict[str, str] = {}
    for col in src.columns:
        name = fields.get(col, col)
        if name not in df.columns or col in NESTED_FIELDS:
            continue
        if col in NUMERIC_FIELDS or src[col].dtype.kind in "fiu" or _norm(col) in ORGANOGRAM["numeric"]:
            kinds[name] = "number"
        elif src[col].dtype == object:
            vals = [v for v in df[name].tolist() if isinstance(v, str) and v]
            if vals and len(vals) <= 200000 and all(_ISO_DATE.match(v) for v in vals):
                kinds[name] = "date"
    return kinds


def write_xlsx(org: Org, path: Path) -> None:
    """Write the org's sheets with typed cells: numbers as numbers, dates as dates, ids and
    other codes as text (leading zeros kept); a client's positions in its own columns.
    Every cell, header and title row goes through :func:`~orglib.io.xlsx_cell` (formula
    text escaped)."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell

    def write(tmp: Path) -> None:
        wb = openpyxl.Workbook(write_only=True)
        used: set[str] = set()
        for table in ("positions", "units", "links", "workflows"):
            if table != "positions" and not len(getattr(org, table)):
                continue
            df = table_for_sheet(org, table, escape=False)  # xlsx_cell escapes each cell
            header = list(df.columns)
            layout: dict = {}
            if table == "positions":
                df, header, layout = client_positions(org.meta, df, styles=False)
            ws = wb.create_sheet(sheet_title(str(layout.get("sheet", table)), used)
                                 if layout.get("format") == "xlsx" else sheet_title(table, used))
            kinds = _typed_columns(org, df, table)
            titles = layout.get("title_rows") or [[line] for line in layout.get("title_lines", [])]
            for title in titles:
                ws.append([xlsx_cell(str(c)) if c else None for c in title])
            ws.append([xlsx_cell(str(h)) for h in header])  # a header is a cell too
            col_kinds = [kinds.get(c) for c in df.columns]
            styles = [(layout.get("numbers") or {}).get(c) for c in df.columns]
            for row in df.itertuples(index=False, name=None):
                out = []
                for v, k, st in zip(row, col_kinds, styles, strict=True):
                    value = xlsx_cell(v, k)
                    if k == "date" and isinstance(value, _dt.date):
                        c = WriteOnlyCell(ws, value=value)
                        c.number_format = "yyyy-mm-dd"
                        value = c
                    elif st and isinstance(value, int | float):
                        c = WriteOnlyCell(ws, value=value)
                        c.number_format = excel_format(st, value)
                        value = c
                    out.append(value)
                ws.append(out)
        if org.meta:
            ws = wb.create_sheet(sheet_title("meta", used))
            ws.append(["key", "value"])
            for k, v in org.meta.items():
                ws.append([xlsx_cell(str(k)), xlsx_cell(json.dumps(_jsonable(v), ensure_ascii=False))])
        wb.save(tmp)

    atomic_write(path, write)
