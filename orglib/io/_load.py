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

import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from .._core import (
    ERROR,
    Org,
    OrgValidationError,
    Problem,
)
from ._csv import read_csv, write_csv
from ._encoding import input_encoding
from ._hr import build_org
from ._limits import limits
from ._source import FORMATS, RawOrg, _fail, resolve_source
from ._validation import validate as check_org
from ._xlsx import read_xlsx, write_xlsx
from ._yaml_json import read_json, read_yaml, write_json, write_yaml

READERS: dict[str, Callable[[Path, str, str | None], RawOrg]] = {
    "yaml": read_yaml, "json": read_json, "csv": read_csv, "xlsx": read_xlsx,
}


def load(
    source: str | os.PathLike,
    *,
    mapping: Mapping[str, str] | None = None,
    no_manager: Iterable[str] = (),
    validate: bool = True,
    sheet: str | int | None = None,
    junior: str | os.PathLike | None = None,
    add_root: str | None = None,
    where: Mapping[str, str] | Iterable[tuple[str, str]] | None = None,
    max_rows: int | None = None,
    max_bytes: int | None = None,
    encoding: str | None = None,
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
        ``False`` nothing is raised; the problems (errors included) are always
        stored on ``org.problems``.
    sheet
        XLSX sheet holding positions: a name, or a number counted from 1 (default
        ``positions``, else the first sheet with data; a warning names the others).
    junior
        A UK organogram's junior file, joined to this senior file: each junior row
        becomes a post under its senior post (headcount = its FTE, ids ``SENIOR-J1`` ...).
    add_root
        Title of one synthetic head (headcount 0, ``source: assumed``) added over
        several top posts; without it several tops are an error.
    where
        ``{column: value}`` (or pairs): keep only the rows where each column has the
        value (case-insensitive), e.g. ``{"Status": "Current"}`` for a history table.
    max_rows, max_bytes
        Refuse a table of more rows (default 2,000,000) or a file of more bytes
        (default 256 MiB; an XLSX may inflate to 4 ×) with one error naming the
        limit; see :mod:`orglib.io._limits` for every limit and its default.
    encoding
        The text encoding of a CSV/YAML/JSON file (and its sidecars and junior file),
        e.g. ``"gb18030"`` or ``"utf-8"``, instead of detecting it (the command line's
        ``--input-encoding``); XLSX has none. Detection reads UTF-8, UTF-8 with BOM and
        GB18030, and bytes that are both UTF-8 and GB18030 as the one that reads as text.

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
    with limits(max_rows=max_rows, max_bytes=max_bytes), input_encoding(encoding):
        raw = READERS[kind](path, label, sheet)
        junior_raw = None
        if junior is not None:
            jpath, jlabel = resolve_source(junior)
            jkind = FORMATS.get(jpath.suffix.lower())
            if jkind not in ("csv", "xlsx"):
                _fail(jlabel, "unsupported_format", "the junior file must be .csv or .xlsx",
                      "初级岗位文件须为 .csv 或 .xlsx")
            junior_raw = READERS[jkind](jpath, jlabel, None)
    org = build_org(raw, mapping=mapping, no_manager=no_manager, path=label, where=where,
                    add_root=add_root, junior=junior_raw)
    more = check_org(org)
    codes = {p.code for p in org.problems}
    if "no_manager_column" in codes:  # say that, not "N posts have no manager"
        more = [p for p in more if p.code != "multiple_roots"]
    org.problems = _dedupe(org.problems + more)
    if validate and any(p.severity == ERROR for p in org.problems):
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


# --------------------------------------------------------------------------- save


def save(org: Org, path: str | os.PathLike, *, encoding: str | None = None) -> None:
    """Write ``org`` to ``path`` (format by suffix), atomically; the file gets the usual
    permissions (0644 under umask 022).

    An org read from a client's CSV/XLSX is written back in the client's columns,
    order, top marker and (CSV) encoding, delimiter and line ends, then orglib's added
    columns; ``encoding`` overrides the CSV encoding (e.g. ``"utf-8-sig"``).

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
    if path.suffix.lower() == ".xlsm":
        _fail(str(path), "unsupported_format",
              "cannot write '.xlsm' (a macro workbook; orglib writes no macros): use .xlsx",
              "无法写入 '.xlsm'(宏工作簿;orglib 不写宏):请用 .xlsx")
    if not path.parent.exists():
        _fail(str(path), "no_folder", f"folder {str(path.parent)!r} does not exist",
              f"文件夹 {str(path.parent)!r} 不存在")
    if kind == "csv":
        write_csv(org, path, encoding=encoding)
    else:
        WRITERS[kind](org, path)


def convert(source: str | os.PathLike, target: str | os.PathLike, *, encoding: str | None = None,
            input_encoding: str | None = None, **options: Any) -> Org:
    """Load ``source`` and save it as ``target`` (options as for :func:`load`); returns the Org.

    ``encoding`` is the CSV target's, ``input_encoding`` the source's (:func:`load`'s ``encoding``).
    """
    org = load(source, encoding=input_encoding, **options)
    save(org, target, encoding=encoding)
    return org


WRITERS: dict[str, Callable[[Org, Path], None]] = {
    "yaml": write_yaml, "json": write_json, "csv": write_csv, "xlsx": write_xlsx,
}

__all__ = ["READERS", "WRITERS", "convert", "load", "save"]
