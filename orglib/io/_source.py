"""Where a file comes from and what it is: paths or template ids, raw bytes, format sniffing.

Every reader gets its bytes through :func:`read_source_bytes`, the one place to
bound what a file may cost before it is parsed.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .._core import (
    OrgInputError,
    OrgValidationError,
    Problem,
)
from ..data import template_path
from ._encoding import sniff_format
from ._limits import check_bytes, current

FORMATS: dict[str, str] = {
    ".yaml": "yaml", ".yml": "yaml", ".json": "json", ".csv": "csv", ".txt": "csv", ".tsv": "csv",
    ".xlsx": "xlsx", ".xlsm": "xlsx",
}
SIDECARS = ("units", "links", "workflows")

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
    layout: dict = field(default_factory=dict)
    """How the client's file was written (encoding, delimiter, header as written ...)."""


def _fail(file: str, code: str, en: str, zh: str, row: int | None = None, fld: str = "") -> None:
    p = Problem(file, row, fld, code, en, zh)
    raise OrgInputError(en=p.text("en"), zh=p.text("zh"), problems=[p])


def _problem_error(file: str, code: str, en: str, zh: str) -> OrgValidationError:
    return OrgValidationError([Problem(file, None, "", code, en, zh)])


def resolve_source(source: str | os.PathLike) -> tuple[Path, str]:
    """A path for ``source``: an existing file, or a template id from data/orgs."""
    path = Path(source)
    try:
        st = path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            _fail(str(source), "symlink_loop", "is a symbolic link that loops back on itself",
                  "是循环的符号链接")
        st = None
    if st is not None and stat.S_ISREG(st.st_mode):
        return path, str(source)
    if st is not None and stat.S_ISDIR(st.st_mode):
        _fail(str(source), "not_a_file", "is a folder, not a file", "是文件夹,不是文件")
    if st is not None:
        what = ("a named pipe (FIFO)", "命名管道(FIFO)") if stat.S_ISFIFO(st.st_mode) else (
            "a device or socket", "设备或套接字")
        _fail(str(source), "not_a_file", f"is {what[0]}, not a regular file", f"是{what[1]},不是普通文件")
    text = str(source)
    if path.suffix.lower() not in FORMATS and "/" not in text and os.sep not in text:
        found = template_path(text)
        rel = os.path.relpath(found)
        return found, (rel if not rel.startswith("..") else str(found))
    _fail(text, "not_found", "no such file (nor a template id)", "文件不存在(也不是模板编号)")
    raise AssertionError  # unreachable



def _read_bytes(path: Path, label: str, expect: str) -> bytes:
    try:
        size = path.stat().st_size
        check_bytes(label, size)
        with open(path, "rb") as fh:  # never more than the limit, even if the file grows
            data = fh.read(size + 1)  # not read(max_bytes): that reserves the whole limit first
            if len(data) > size:
                data += fh.read(max(0, current().max_bytes + 1 - len(data)))
    except OSError as exc:
        _fail(label, "unreadable", f"cannot read: {exc.strerror}", f"无法读取:{exc.strerror}")
    check_bytes(label, len(data))
    if not re.search(rb"\S", data):  # blank (no copy of the bytes, as strip() makes)
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
