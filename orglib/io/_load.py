"""Load and save Orgs as YAML, JSON, CSV and XLSX without losing a row or a column.

:func:`load` reads a file (format chosen by suffix) or a template id, maps a
client's HR columns (English or Chinese aliases, or an explicit ``mapping``),
resolves managers given by id or by title, reconciles 直接上级 with 直接下级, and
validates: every problem is collected and raised at once as
:class:`~orglib._core.errors.OrgValidationError`; warnings stay on ``org.problems``.

:func:`save` writes atomically (temp file, then rename) and escapes text cells a
spreadsheet would run as a formula. A round trip through any format gives back
an equal Org, a client's extra columns included.

File layouts
------------
YAML / JSON
    ``{org: {...meta}, units: [...], positions: [...], links: [...], workflows:
    [{id, name, name_en, steps: [...]}]}``; a bare list is read as positions.
CSV
    ``NAME.csv`` holds positions; units, links and workflows go to
    ``NAME.units.csv``, ``NAME.links.csv``, ``NAME.workflows.csv`` and metadata to
    ``NAME.meta.json`` beside it (read back when present). Nested fields (duties,
    kpis, ...) are JSON text. Written as UTF-8 with BOM so Excel shows Chinese.
XLSX
    sheets ``positions``, ``units``, ``links``, ``workflows``, ``meta``; a client
    workbook without a ``positions`` sheet is read from its first sheet.

Examples
--------
>>> import tempfile, pathlib
>>> from orglib._core.model import Org
>>> org = Org.from_records([{"id": "m", "title": "经理"},
...                         {"id": "e", "title": "专员", "reports_to": "经理", "headcount": 3}])
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> save(org, d / "o.xlsx")
>>> load(d / "o.xlsx").positions["reports_to"].tolist()
['', 'm']
"""

from __future__ import annotations

import io as _io
import json
import os
import re
import zipfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from .._core import (
    ERROR,
    NESTED_FIELDS,
    NUMERIC_FIELDS,
    POSITION_COLUMNS,
    TABLE_COLUMNS,
    WARNING,
    Org,
    OrgInputError,
    OrgValidationError,
    Problem,
    atomic_write,
    atomic_write_text,
    is_missing,
    to_text,
    workflows_from_nested,
    workflows_to_nested,
)
from ..data import template_path
from ._columns import map_columns
from ._encoding import decode_bytes, sniff_format
from ._reconcile import match_title, reconcile_direct_reports

FORMATS: dict[str, str] = {
    ".yaml": "yaml", ".yml": "yaml", ".json": "json", ".csv": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx",
}
SIDECARS = ("units", "links", "workflows")
_MULTI_SPLIT = re.compile(r"\s*[;；|]\s*|\s*[、,，]\s*")
_HEADCOUNT_TEXT = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*(?:人|名|个|位)?\s*$")
_FORMULA = re.compile(r"^'*[=+\-@\t\r]")
_ESCAPED = re.compile(r"^'+[=+\-@\t\r]")


# --------------------------------------------------------------------------- raw


@dataclass
class RawOrg:
    """What a reader found before any interpretation."""

    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    rows: dict[str, np.ndarray] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    meta: dict = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    structured: bool = False
    """YAML/JSON documents use the model's field names; no HR aliases apply."""


def _fail(file: str, code: str, en: str, zh: str, row: int | None = None, fld: str = "") -> None:
    p = Problem(file, row, fld, code, en, zh)
    raise OrgInputError(p.text("en") + " / " + zh, problems=[p])


def _problem_error(file: str, code: str, en: str, zh: str) -> OrgValidationError:
    return OrgValidationError([Problem(file, None, "", code, en, zh)])


# --------------------------------------------------------------------------- load


def resolve_source(source: str | os.PathLike) -> tuple[Path, str]:
    """A path for ``source``: an existing file, or a template id from data/orgs."""
    path = Path(source)
    if path.is_file():
        return path, str(source)
    if path.exists():
        _fail(str(source), "not_a_file", "is a folder, not a file", "是文件夹,不是文件")
    text = str(source)
    if path.suffix.lower() not in FORMATS and "/" not in text and os.sep not in text:
        found = template_path(text)
        rel = os.path.relpath(found)
        return found, (rel if not rel.startswith("..") else str(found))
    _fail(text, "not_found", "no such file (nor a template id)", "文件不存在(也不是模板编号)")
    raise AssertionError  # unreachable


def load(
    source: str | os.PathLike,
    *,
    mapping: Mapping[str, str] | None = None,
    no_manager: Iterable[str] = (),
    validate: bool = True,
    sheet: str | None = None,
) -> Org:
    """Read an Org from a file or a template id.

    Parameters
    ----------
    source
        Path to ``.yaml``/``.yml``, ``.json``, ``.csv`` or ``.xlsx``, or a template id.
    mapping
        ``{field: column}`` for columns the aliases do not recognise, e.g.
        ``{"id": "EmpNo", "reports_to": "Boss"}``.
    no_manager
        Values of ``reports_to`` meaning "no manager" (empty and a post's own id
        always count), e.g. ``["0", "CEO"]``.
    validate
        Raise :class:`OrgValidationError` listing every error (default). With
        ``False`` the problems are only stored on ``org.problems``.
    sheet
        XLSX sheet holding positions (default ``positions`` or the first sheet).

    Returns
    -------
    Org
        ``org.problems`` holds the warnings (e.g. 直接上级/直接下级 disagreements).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "hr.csv"
    >>> _ = p.write_text("工号,姓名,上级工号\\n1,张三,\\n2,李四,1\\n", encoding="gb18030")
    >>> org = load(p)
    >>> org.positions[["id", "reports_to", "姓名"]].values.tolist()
    [['1', '', '张三'], ['2', '1', '李四']]
    """
    path, label = resolve_source(source)
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        _fail(label, "unsupported_format",
              f"unsupported file type {path.suffix or '(none)'!r}: use .yaml, .json, .csv or .xlsx",
              f"不支持的文件类型 {path.suffix or '(无)'!r}:请用 .yaml、.json、.csv 或 .xlsx")
    raw = READERS[kind](path, label, sheet)
    org = build_org(raw, mapping=mapping, no_manager=no_manager, path=label)
    if validate:
        from ._validation import validate as _validate

        more = _validate(org)
        org.problems = _dedupe(org.problems + more)
        if any(p.severity == ERROR for p in org.problems):
            raise OrgValidationError(org.problems)
    return org


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: set = set()
    out = []
    for p in problems:
        key = (p.file, p.row, p.field, p.code, p.message)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


# --------------------------------------------------------------------------- readers


def _read_bytes(path: Path, label: str, expect: str) -> bytes:
    try:
        data = path.read_bytes()
    except OSError as exc:
        _fail(label, "unreadable", f"cannot read: {exc.strerror}", f"无法读取:{exc.strerror}")
    if not data.strip():
        raise _problem_error(label, "empty_file", "the file is empty", "文件为空")
    found = sniff_format(data)
    if expect == "xlsx":
        if found != "xlsx":
            what = {"xls": "an old .xls workbook (save it as .xlsx)", None: "a text file",
                    "pdf": "a PDF", "binary": "a binary file"}.get(found, found)
            _fail(label, "wrong_format", f"is not an Excel .xlsx workbook: it looks like {what}",
                  f"不是 Excel .xlsx 工作簿(看起来是{what})")
    elif found is not None:
        what = {"xlsx": "an Excel workbook (rename it to .xlsx)", "xls": "an old Excel .xls workbook",
                "pdf": "a PDF", "binary": "a binary file"}[found]
        _fail(label, "wrong_format", f"is not a {expect.upper()} text file: it looks like {what}",
              f"不是 {expect.upper()} 文本文件(看起来是{what})")
    return data


def read_yaml(path: Path, label: str, sheet: str | None = None) -> RawOrg:
    """Read a YAML org document (see module doc)."""
    text, _ = decode_bytes(_read_bytes(path, label, "yaml"), label)
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        _fail(label, "wrong_format", f"is not valid YAML: {getattr(exc, 'problem', exc)}",
              f"不是有效的 YAML:{getattr(exc, 'problem', exc)}", row=line)
    return _from_document(doc, label)


def read_json(path: Path, label: str, sheet: str | None = None) -> RawOrg:
    """Read a JSON org document (same shape as YAML)."""
    text, _ = decode_bytes(_read_bytes(path, label, "json"), label)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        _fail(label, "wrong_format", f"is not valid JSON: {exc.msg} (column {exc.colno})",
              f"不是有效的 JSON:{exc.msg}(第 {exc.colno} 列)", row=exc.lineno)
    return _from_document(doc, label)


def _from_document(doc: Any, label: str) -> RawOrg:
    raw = RawOrg(structured=True)
    if doc is None:
        raise _problem_error(label, "empty_file", "the file is empty", "文件为空")
    if isinstance(doc, list):
        doc = {"positions": doc}
    if not isinstance(doc, dict):
        _fail(label, "wrong_format", "expected a mapping with 'positions' (and org, units, links, workflows)",
              "应为包含 positions(及 org、units、links、workflows)的映射")
    known = {"org", "meta", "units", "positions", "links", "workflows"}
    for key in doc:
        if key not in known:
            raw.problems.append(Problem(label, None, str(key), "unknown_section",
                                        f"unknown section {key!r} ignored (sections: {', '.join(sorted(known))})",
                                        f"未知部分 {key!r} 已忽略", WARNING))
    meta = doc.get("org", doc.get("meta")) or {}
    if not isinstance(meta, dict):
        raw.problems.append(Problem(label, None, "org", "bad_structure", "'org' must be a mapping",
                                    "'org' 应为映射"))
        meta = {}
    raw.meta = dict(meta)
    for table in ("positions", "units", "links", "workflows"):
        items = doc.get(table) or []
        if not isinstance(items, list):
            raw.problems.append(Problem(label, None, table, "bad_structure",
                                        f"'{table}' must be a list", f"'{table}' 应为列表"))
            items = []
        good = []
        for i, item in enumerate(items, start=1):
            if not isinstance(item, dict):
                raw.problems.append(Problem(label, i, table, "bad_structure",
                                            f"item {i} of '{table}' is not a mapping",
                                            f"'{table}' 的第 {i} 项不是映射"))
                continue
            good.append((i, item))
        if table == "workflows":
            df = workflows_from_nested([it for _, it in good])
            raw.rows[table] = np.arange(len(df)) + 1
        else:
            df = pd.DataFrame([it for _, it in good]) if good else pd.DataFrame()
            raw.rows[table] = np.array([i for i, _ in good], dtype=np.int64)
        raw.tables[table] = df
        raw.files[table] = f"{label}[{table}]"
    if not len(raw.tables.get("positions", [])) and not raw.problems:
        raise _problem_error(label, "no_positions", "the file has no positions",
                             "文件中没有岗位(positions)")
    return raw


def read_csv(path: Path, label: str, sheet: str | None = None) -> RawOrg:
    """Read positions from CSV (UTF-8, UTF-8 BOM or GB18030) plus any sidecar files."""
    raw = RawOrg()
    raw.tables["positions"], raw.rows["positions"] = _csv_table(path, label)
    raw.files["positions"] = label
    stem = path.name[: -len(path.suffix)]
    if not any(stem.endswith("." + s) for s in SIDECARS):
        for table in SIDECARS:
            side = path.with_name(f"{stem}.{table}{path.suffix}")
            if side.is_file():
                side_label = str(Path(label).with_name(side.name))
                try:
                    raw.tables[table], raw.rows[table] = _csv_table(side, side_label)
                except OrgValidationError as exc:
                    if exc.codes() != ["header_only"]:
                        raise
                raw.files[table] = side_label
        meta_path = path.with_name(f"{stem}.meta.json")
        if meta_path.is_file():
            text, _ = decode_bytes(meta_path.read_bytes(), str(meta_path))
            try:
                raw.meta = json.loads(text)
            except json.JSONDecodeError as exc:
                _fail(str(meta_path), "wrong_format", f"is not valid JSON: {exc.msg}",
                      f"不是有效的 JSON:{exc.msg}", row=exc.lineno)
    return raw


def _csv_table(path: Path, label: str) -> tuple[pd.DataFrame, np.ndarray]:
    data = _read_bytes(path, label, "csv")
    text, encoding = decode_bytes(data, label)
    # the C parser is fastest on UTF-8 bytes with object dtype (pandas' str dtype is 3x slower)
    if encoding == "utf-8-sig":
        data = data[3:]
    elif encoding != "utf-8":
        data = text.encode("utf-8")
    try:
        df = pd.read_csv(_io.BytesIO(data), dtype=object, keep_default_na=False, na_filter=False,
                         engine="c", encoding="utf-8")
    except pd.errors.EmptyDataError:
        raise _problem_error(label, "empty_file", "the file is empty", "文件为空") from None
    except (pd.errors.ParserError, ValueError) as exc:
        msg = str(exc).strip().splitlines()[-1]
        m = re.search(r"line (\d+)", msg)
        _fail(label, "wrong_format", f"is not a well-formed CSV: {msg}", f"CSV 格式错误:{msg}",
              row=int(m.group(1)) if m else None)
    if len(df) == 0:
        raise _problem_error(label, "header_only", "the file has a header but no rows",
                             "文件只有表头,没有数据行")
    df.columns = [str(c).strip() for c in df.columns]
    if "'" in text:
        _unescape_frame(df)
    return df, np.arange(len(df), dtype=np.int64) + 2


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


READERS: dict[str, Callable[[Path, str, str | None], RawOrg]] = {
    "yaml": read_yaml, "json": read_json, "csv": read_csv, "xlsx": read_xlsx,
}


# --------------------------------------------------------------------------- interpretation


def build_org(
    raw: RawOrg,
    *,
    mapping: Mapping[str, str] | None = None,
    no_manager: Iterable[str] = (),
    path: str = "",
) -> Org:
    """Turn what a reader found into an Org: map columns, parse numbers, resolve
    managers by id or title, reconcile 直接下级. Problems go to ``org.problems``."""
    problems = list(raw.problems)
    pos_file = raw.files.get("positions", path)
    pos = raw.tables.get("positions", pd.DataFrame())
    rows = raw.rows.get("positions", np.arange(len(pos)) + 1)
    pos = _map_position_columns(pos, mapping, pos_file, rows, problems, raw.structured)
    n = len(pos)

    # ids are kept exactly as written (a padded id is not mangled); a manager written
    # with stray spaces is still found, in _resolve_managers
    ids = _text(pos["id"]) if "id" in pos else pd.Series([""] * n, dtype=object)
    pos["id"] = ids.to_numpy(dtype=object)
    for fld in ("headcount", "cost"):
        if fld in pos.columns:
            pos[fld] = _parse_numbers(pos[fld], fld, pos_file, rows, problems,
                                      default=1.0 if fld == "headcount" else np.nan)
    if "headcount" not in pos.columns:
        pos["headcount"] = np.ones(n)
    for fld in NESTED_FIELDS & set(pos.columns):
        pos[fld] = [_maybe_json(v) if isinstance(v, str) else v for v in pos[fld].tolist()]
    titles = _text(pos["title"]).to_numpy(dtype=object) if "title" in pos else np.array([""] * n, dtype=object)
    pos["title"] = titles

    links = raw.tables.get("links")
    links = links.copy() if links is not None else pd.DataFrame()
    dotted_pairs: set[tuple[str, str]] = set()
    if len(links) and {"from", "to"} <= set(links.columns):
        kinds = _text(links["kind"]) if "kind" in links else pd.Series([""] * len(links), dtype=object)
        for a, b, k in zip(_text(links["from"]), _text(links["to"]), kinds, strict=True):
            if k == "dotted":
                dotted_pairs.add((a, b))

    parent_hint: list[np.ndarray] = []
    rt_raw = _text(pos["reports_to"]) if "reports_to" in pos else pd.Series([""] * n, dtype=object)
    pos["reports_to"] = _resolve_managers(
        pos["id"].to_numpy(dtype=object), titles, rt_raw.to_numpy(dtype=object), set(no_manager),
        dotted_pairs, pos_file, rows, problems, parent_hint,
    )

    units = raw.tables.get("units")
    workflows = raw.tables.get("workflows")
    needs_titles = len(links) or (workflows is not None and len(workflows))
    title_index = _unique_title_index(pos["id"].tolist(), titles.tolist()) if needs_titles else {}
    if len(links):
        for col in ("from", "to"):
            if col in links:
                links[col] = [title_index.get(v, v) for v in _text(links[col]).str.strip()]
    if workflows is not None and len(workflows) and "role" in workflows:
        workflows = workflows.copy()
        workflows["role"] = [title_index.get(v, v) for v in _text(workflows["role"]).str.strip()]
    for table, df in (("units", units), ("links", links), ("workflows", workflows)):
        if df is not None:
            for fld in NESTED_FIELDS & set(df.columns):
                df[fld] = [_maybe_json(v) if isinstance(v, str) else v for v in df[fld].tolist()]
            for fld in NUMERIC_FIELDS & set(df.columns):
                df[fld] = _parse_numbers(df[fld], fld, raw.files.get(table, path),
                                         raw.rows.get(table, np.arange(len(df)) + 1), problems,
                                         default=np.nan)

    origin = {t: (raw.files.get(t, path), raw.rows.get(t)) for t in raw.tables}
    org = Org(pos, units, links, workflows, raw.meta, [], path, origin)
    if parent_hint:  # managers all given by id: the index is already known
        org.__dict__["_parent_index"] = parent_hint[0]
    if "direct_reports" in pos.columns:
        problems += reconcile_direct_reports(org.positions, pos_file, rows)
    org.problems = problems
    return org


def _text(s: pd.Series) -> pd.Series:
    vals = s.to_numpy(dtype=object)
    if pd.api.types.infer_dtype(vals, skipna=False) == "string":
        return pd.Series(vals, dtype=object, index=s.index)
    return pd.Series([to_text(v) for v in vals], dtype=object, index=s.index)



def _map_position_columns(pos: pd.DataFrame, mapping, file: str, rows: np.ndarray,
                          problems: list[Problem], structured: bool = False) -> pd.DataFrame:
    chosen, extras = map_columns(list(pos.columns), mapping, file=file, aliases=not structured)
    cols: dict[str, pd.Series] = {}
    for fld, col in chosen.items():
        cols[fld] = pd.Series(pos[col].to_numpy(dtype=object), dtype=object, index=pos.index)
    if "id" not in chosen:
        if "title" in chosen:
            cols["id"] = pd.Series([f"row{r}" for r in rows], dtype=object, index=pos.index)
            problems.append(Problem(file, None, "id", "generated_ids",
                                    "no id column: posts are identified by row number (row2, row3, ...)",
                                    "没有编号列:按行号生成岗位编号(row2、row3…)", WARNING))
        else:
            cols = ", ".join(map(str, pos.columns))
            raise OrgValidationError([Problem(
                file, 1, "id", "missing_column",
                f"no id column (looked for id, 工号, 员工编号, 岗位编号 ...); columns are: {cols}; "
                "use --map id=COLUMN",
                f"没有编号列(如 id、工号、员工编号、岗位编号);现有列:{cols};请用 --map id=列名")])
    for col in extras:
        if col in cols:  # an extra named like a core field after mapping
            continue
        cols[col] = pd.Series(pos[col].to_numpy(dtype=object), dtype=object, index=pos.index)
    return pd.DataFrame(cols, index=pos.index)


def _parse_numbers(s: pd.Series, fld: str, file: str, rows: np.ndarray, problems: list[Problem],
                   default: float) -> np.ndarray:
    text = _text(s).str.strip()
    nums = np.array(pd.to_numeric(text, errors="coerce"), dtype=float)
    empty = (text == "").to_numpy()
    bad = np.isnan(nums) & ~empty
    if bad.any():
        for k in np.flatnonzero(bad):
            val = text.iat[k]
            m = _HEADCOUNT_TEXT.match(val)
            if m:
                nums[k] = float(m.group(1))
                continue
            if val.lower() in {"nan", "none", "null"}:
                nums[k] = np.nan
                continue
            problems.append(Problem(file, int(rows[k]), fld, f"{fld}_not_number",
                                    f"{fld} {val!r} is not a number", f"{fld} 的值 {val!r} 不是数字"))
            nums[k] = np.nan
    nums[empty] = default
    return nums


def _unique_title_index(ids: list[str], titles: list[str]) -> dict[str, str]:
    count: dict[str, int] = {}
    for t in titles:
        count[t] = count.get(t, 0) + 1
    id_set = set(ids)
    return {t: i for i, t in zip(ids, titles, strict=True) if t and count[t] == 1 and t not in id_set}


def _resolve_managers(ids: np.ndarray, titles: np.ndarray, rt: np.ndarray, no_manager: set[str],
                      dotted: set[tuple[str, str]], file: str, rows: np.ndarray,
                      problems: list[Problem], parent_hint: list[np.ndarray]) -> np.ndarray:
    """reports_to as post ids: by id, else exact title, else a leniently matched title."""
    rt = rt.copy()
    none_vals = {v.strip() for v in no_manager} | {""}
    rt[pd.Series(rt, dtype=object).isin(none_vals).to_numpy()] = ""
    self_ref = (rt == ids) & (rt != "")
    for k in np.flatnonzero(self_ref):
        problems.append(Problem(file, int(rows[k]), "reports_to", "self_report",
                                f"post {ids[k]!r} reports to itself; read as the top post",
                                f"岗位 {ids[k]!r} 的上级是自己;按最高岗位处理", WARNING))
        rt[k] = ""
    id_index = pd.Index(ids, dtype=object)
    if id_index.is_unique:
        found = id_index.get_indexer(rt)
        unresolved = (rt != "") & (found < 0)
    else:
        found = None
        unresolved = (rt != "") & ~pd.Series(rt, dtype=object).isin(set(ids)).to_numpy()
    if not unresolved.any():
        if found is not None:
            found[rt == ""] = -1
            parent_hint.append(found.astype(np.int64))
        return rt
    by_title: dict[str, list[str]] = {}
    for i, t in zip(ids, titles, strict=True):
        if t:
            by_title.setdefault(t, []).append(i)
    all_titles = list(by_title)
    id_set = set(ids)
    cache: dict[str, tuple[str | None, Problem | None]] = {}

    def one(name: str, k: int) -> tuple[str | None, Problem | None]:
        row = int(rows[k])
        cands = by_title.get(name)
        if cands and len(cands) == 1:
            return cands[0], None
        if cands:
            return None, Problem(file, row, "reports_to", "ambiguous_manager",
                                 f"manager title {name!r} matches several posts: {', '.join(cands)}; use an id",
                                 f"上级名称 {name!r} 对应多个岗位:{', '.join(cands)};请用编号")
        hit = match_title(name, all_titles)
        if hit is not None and len(by_title[hit]) == 1:
            return by_title[hit][0], Problem(
                file, row, "reports_to", "title_spelling",
                f"manager {name!r} read as post {by_title[hit][0]!r} ({hit}): spelled differently",
                f"上级 {name!r} 按岗位 {by_title[hit][0]!r}({hit})处理:名称写法不同", WARNING)
        return None, None

    stripped_ids: dict[str, str] = {}
    for i in ids:
        stripped_ids.setdefault(i.strip(), i)
    for k in np.flatnonzero(unresolved):
        value = rt[k]
        if value.strip() in none_vals:
            rt[k] = ""
            continue
        if value.strip() in stripped_ids:
            rt[k] = stripped_ids[value.strip()]
            continue
        value = value.strip()
        key = (value, int(rows[k]))
        res, prob = one(value, k) if key not in cache else cache[key]
        if res is not None:
            rt[k] = res
            if prob:
                problems.append(prob)
            continue
        if prob is not None:  # ambiguous: reported; keep the first so nothing else cascades
            problems.append(prob)
            rt[k] = by_title[value][0]
            continue
        parts = [p for p in _MULTI_SPLIT.split(value) if p]
        if len(parts) > 1:
            resolved = []
            for p in parts:
                r = p if p in id_set else one(p, k)[0]
                resolved.append(r if r else p)
            solid = [r for r in resolved if (r, ids[k]) not in dotted]
            if len(solid) == 1 and all(r in id_set for r in resolved):
                rt[k] = solid[0]
                continue
            problems.append(Problem(
                file, int(rows[k]), "reports_to", "two_managers",
                f"post {ids[k]!r} has {len(parts)} managers ({', '.join(parts)}); keep one in reports_to "
                "and mark the others as dotted lines (links kind=dotted)",
                f"岗位 {ids[k]!r} 有 {len(parts)} 个直接上级({'、'.join(parts)});reports_to 只留一个,"
                "其余用虚线汇报(links kind=dotted)标注"))
            rt[k] = resolved[0] if resolved[0] in id_set else ""
            continue
        # leave as is: validation reports unknown_manager
    return rt


# --------------------------------------------------------------------------- json text in cells


def _maybe_json(value: str) -> Any:
    """Cell text → list/dict/str: JSON when it starts with [ { or ", else the text."""
    if not isinstance(value, str):
        return value
    v = value.strip()
    if v[:1] in ("[", "{", '"'):
        try:
            return json.loads(v)
        except json.JSONDecodeError:
            return value
    return value if value != "" else None


def _cell_json(value: Any) -> str:
    if is_missing(value) or value == "":
        return ""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False) if value.strip()[:1] in ("[", "{", '"') else value
    return json.dumps(_jsonable(value), ensure_ascii=False)


def _jsonable(v: Any) -> Any:
    from .._core import plain

    return plain(v)


def escape_cell(text: str) -> str:
    """Make text safe for a spreadsheet: a cell starting with = + - @ (or a tab/CR)
    gets a leading apostrophe so it is never run as a formula.

    >>> escape_cell("=HYPERLINK(\\"x\\")"), escape_cell("plain")
    ('\\'=HYPERLINK("x")', 'plain')
    """
    return "'" + text if _FORMULA.match(text) else text


def _unescape(text: str) -> str:
    return text[1:] if _ESCAPED.match(text) else text


def _unescape_frame(df: pd.DataFrame) -> None:
    for col in df.columns:
        s = df[col]
        vals = s.to_numpy(dtype=object)
        mask = pd.Series(vals, dtype=object).str.startswith("'", na=False).to_numpy(dtype=bool)
        if mask.any():
            vals = vals.copy()
            vals[mask] = [_unescape(v) for v in vals[mask]]
            df[col] = vals


# --------------------------------------------------------------------------- save


def save(org: Org, path: str | os.PathLike) -> None:
    """Write ``org`` to ``path`` (format by suffix), atomically.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from orglib._core.model import Org
    >>> org = Org.from_records([{"id": "a", "title": "=1+1"}])
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.csv"
    >>> save(org, p)
    >>> "'=1+1" in p.read_text(encoding="utf-8-sig")
    True
    >>> load(p).positions.loc[0, "title"]
    '=1+1'
    """
    path = Path(path)
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        _fail(str(path), "unsupported_format",
              f"cannot write {path.suffix or '(no suffix)'!r}: use .yaml, .json, .csv or .xlsx",
              f"无法写入 {path.suffix or '(无后缀)'!r}:请用 .yaml、.json、.csv 或 .xlsx")
    if not path.parent.exists():
        _fail(str(path), "no_folder", f"folder {str(path.parent)!r} does not exist",
              f"文件夹 {str(path.parent)!r} 不存在")
    WRITERS[kind](org, path)


def convert(source: str | os.PathLike, target: str | os.PathLike, **options: Any) -> Org:
    """Load ``source`` and save it as ``target``; returns the Org."""
    org = load(source, **options)
    save(org, target)
    return org


def _write_text(path: Path, text: str, encoding: str = "utf-8") -> None:
    atomic_write_text(path, text, encoding)


def write_yaml(org: Org, path: Path) -> None:
    text = "# orglib org design\n" + yaml.safe_dump(
        org.to_dict(), allow_unicode=True, sort_keys=False, width=1000, default_flow_style=False)
    _write_text(path, text)


def write_json(org: Org, path: Path) -> None:
    _write_text(path, json.dumps(org.to_dict(), ensure_ascii=False, indent=1) + "\n")


def table_for_sheet(org: Org, table: str) -> pd.DataFrame:
    """A table as text cells for CSV/XLSX: nested fields JSON, numbers plain, formulas escaped.

    Every core position column is written (so a client's column named like an alias,
    e.g. ``grade``, stays an extra when read back); other tables leave out empty
    core columns.
    """
    df = getattr(org, table)
    core = TABLE_COLUMNS[table]
    keep_always = {"positions": ("id", "title", "reports_to", "headcount"),
                   "units": ("id", "name", "parent"), "links": ("from", "to", "kind"),
                   "workflows": ("workflow", "step", "role", "action")}[table]
    out: dict[str, Any] = {}
    for col in df.columns:
        s = df[col]
        if col in NESTED_FIELDS:
            vals = [_cell_json(v) for v in s.tolist()]
        elif col in NUMERIC_FIELDS or s.dtype.kind in "fiub":
            vals = [to_text(v) for v in s.tolist()]
            if s.dtype == bool:
                vals = ["TRUE" if v else "" for v in s.tolist()]
        else:
            vals = s.to_numpy(dtype=object)
        vals = np.asarray(vals, dtype=object)
        mask = np.fromiter((isinstance(v, str) and bool(_FORMULA.match(v)) for v in vals), bool, len(vals))
        if mask.any():
            vals = vals.copy()
            vals[mask] = ["'" + v for v in vals[mask]]
        if table != "positions" and col in core and col not in keep_always and not any(v != "" for v in vals):
            continue
        out[col] = vals
    return pd.DataFrame(out, columns=list(out))


def write_csv(org: Org, path: Path) -> None:
    stem = path.name[: -len(path.suffix)]

    def write_table(df: pd.DataFrame, target: Path) -> None:
        atomic_write(target, lambda tmp: df.to_csv(tmp, index=False, encoding="utf-8-sig",
                                                   lineterminator="\r\n"))

    write_table(table_for_sheet(org, "positions"), path)
    for table in SIDECARS:
        side = path.with_name(f"{stem}.{table}{path.suffix}")
        if len(getattr(org, table)):
            write_table(table_for_sheet(org, table), side)
        elif side.exists():
            side.unlink()
    meta_path = path.with_name(f"{stem}.meta.json")
    if org.meta:
        _write_text(meta_path, json.dumps(_jsonable(org.meta), ensure_ascii=False, indent=1) + "\n")
    elif meta_path.exists():
        meta_path.unlink()


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


WRITERS: dict[str, Callable[[Org, Path], None]] = {
    "yaml": write_yaml, "json": write_json, "csv": write_csv, "xlsx": write_xlsx,
}

__all__ = ["load", "save", "convert", "atomic_write", "escape_cell", "POSITION_COLUMNS",
           "workflows_to_nested"]
