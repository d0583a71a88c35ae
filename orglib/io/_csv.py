"""Read and write CSV: ``NAME.csv`` holds positions; sidecars ``NAME.units.csv``,
``NAME.links.csv``, ``NAME.workflows.csv`` and ``NAME.meta.json`` sit beside it.

A save writes the whole set atomically (every member to a temp file, then all
renames), UTF-8 with BOM so Excel shows Chinese.
"""

from __future__ import annotations

import io as _io
import json
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from .._core import (
    Org,
    OrgValidationError,
    atomic_write_set,
)
from ._cells import _jsonable, _unescape_frame, table_for_sheet
from ._encoding import decode_bytes
from ._source import SIDECARS, RawOrg, _fail, _problem_error, _read_bytes


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


def write_csv(org: Org, path: Path) -> None:
    """Write ``NAME.csv`` and its sidecars as one set: all or nothing changes.

    Sidecars of empty tables (and metadata when there is none) that a previous
    save left are removed after the new set is in place.
    """
    stem = path.name[: -len(path.suffix)]

    def table_writer(df: pd.DataFrame) -> Callable[[Path], None]:
        return lambda tmp: df.to_csv(tmp, index=False, encoding="utf-8-sig", lineterminator="\r\n")

    members: dict[Path, Callable[[Path], None]] = {path: table_writer(table_for_sheet(org, "positions"))}
    stale: list[Path] = []
    for table in SIDECARS:
        side = path.with_name(f"{stem}.{table}{path.suffix}")
        if len(getattr(org, table)):
            members[side] = table_writer(table_for_sheet(org, table))
        else:
            stale.append(side)
    meta_path = path.with_name(f"{stem}.meta.json")
    if org.meta:
        meta_text = json.dumps(_jsonable(org.meta), ensure_ascii=False, indent=1) + "\n"
        members[meta_path] = lambda tmp: tmp.write_bytes(meta_text.encode("utf-8"))
    else:
        stale.append(meta_path)
    for target in [*members, *stale]:
        if target.exists() and not target.is_file():
            _fail(str(target), "not_a_file", "is a folder, not a file: nothing was written",
                  "是文件夹,不是文件:未写入任何文件")
    atomic_write_set(members)
    for old in stale:
        if old.is_file():
            old.unlink()
