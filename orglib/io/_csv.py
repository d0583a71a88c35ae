"""Read and write CSV: ``NAME.csv`` holds positions; sidecars ``NAME.units.csv``,
``NAME.links.csv``, ``NAME.workflows.csv`` and ``NAME.meta.json`` sit beside it.

A save writes the whole set atomically (every member to a temp file, then all
renames), UTF-8 with BOM so Excel shows Chinese.
"""

from __future__ import annotations

import csv
import io as _io
import json
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from .._core import (
    Org,
    OrgInputError,
    OrgValidationError,
    Problem,
    atomic_write_set,
)
from ._cells import _jsonable, _unescape, _unescape_frame, escape_cell, table_for_sheet
from ._client import client_positions
from ._encoding import decode_bytes, guess_encoding
from ._header import SCAN_ROWS, find_header, title_rows_problem
from ._limits import check_columns, check_json_depth, check_rows, current
from ._source import SIDECARS, RawOrg, _fail, _problem_error, _read_bytes

DELIMITERS = (",", ";", "\t", "|")
"""Delimiters a client's text export may use; sniffed from the first lines."""

TEXT_SUFFIXES = {".csv": ",", ".txt": ",", ".tsv": "\t"}
"""Delimited-text suffixes and the delimiter each starts from."""


def sniff_delimiter(sample: str, default: str = ",") -> str:
    """The delimiter giving the most lines of one width (2 fields or more).

    >>> sniff_delimiter("id;title;reports_to\\n1;CEO, Group;\\n2;VP;1\\n")
    ';'
    >>> sniff_delimiter("a|b\\n1|2\\n")
    '|'
    """
    lines = [ln for ln in sample.splitlines()[:60] if ln.strip()]
    best, best_score = default, (0, 0)
    for d in (default, *[d for d in DELIMITERS if d != default]):
        widths = [len(r) for r in csv.reader(lines, delimiter=d)][-20:]
        if not widths:
            continue
        modal, count = Counter(widths).most_common(1)[0]
        if modal >= 2 and (count, modal) > best_score:
            best, best_score = d, (count, modal)
    return best


def read_csv(path: Path, label: str, sheet: str | None = None) -> RawOrg:
    """Read positions from delimited text (UTF-8, UTF-8 BOM or GB18030; ``,`` ``;``
    tab or ``|``, title lines above the header skipped) plus any sidecar files."""
    raw = RawOrg()
    df, rows, layout, problems = _csv_table(path, label, TEXT_SUFFIXES.get(path.suffix.lower(), ","))
    raw.tables["positions"], raw.rows["positions"] = df, rows
    raw.layout = layout
    raw.problems += problems
    raw.files["positions"] = label
    stem = path.name[: -len(path.suffix)]
    if not any(stem.endswith("." + s) for s in SIDECARS):
        for table in SIDECARS:
            side = path.with_name(f"{stem}.{table}{path.suffix}")
            if side.is_file():
                side_label = str(Path(label).with_name(side.name))
                try:
                    raw.tables[table], raw.rows[table], _, _ = _csv_table(side, side_label)
                except OrgValidationError as exc:
                    if exc.codes() != ["header_only"]:
                        raise
                raw.files[table] = side_label
        meta_path = path.with_name(f"{stem}.meta.json")
        if meta_path.is_file():
            meta_label = str(Path(label).with_name(meta_path.name))
            data = _read_bytes(meta_path, meta_label, "json")
            check_json_depth(meta_label, data)
            text, _ = decode_bytes(data, meta_label)
            try:
                meta = json.loads(text)
            except json.JSONDecodeError as exc:
                _fail(meta_label, "wrong_format", f"is not valid JSON: {exc.msg}",
                      f"不是有效的 JSON:{exc.msg}", row=exc.lineno)
            if not isinstance(meta, dict):
                _fail(meta_label, "wrong_format",
                      f"must hold a JSON object of metadata ({{\"name\": ...}}), not a {type(meta).__name__}",
                      f"应为元数据 JSON 对象({{\"name\": ...}}),而不是 {type(meta).__name__}")
            raw.meta = meta
    return raw


SAMPLE_CHARS = 65536
"""Characters from the start of a file that the delimiter and header are found in."""

ARROW_ENCODINGS = frozenset({"utf-8", "utf-8-sig", "gb18030", "gbk", "gb2312"})
"""Encodings the pyarrow reader is used for (others, and any file it cannot read exactly
as pandas would, go through pandas' C parser: see :func:`_arrow_frame`)."""


def _csv_table(path: Path, label: str, default_delimiter: str = ","
               ) -> tuple[pd.DataFrame, np.ndarray, dict, list[Problem]]:
    data = _read_bytes(path, label, "csv")
    encoding = guess_encoding(data)
    sample = _sample_text(data, encoding)
    text = None
    if sample is None:  # no cheap sample: decode the whole file now
        text, encoding = decode_bytes(data, label)
        sample = text[:SAMPLE_CHARS]
    delimiter, head, hdr, skip, problems = _find_layout(sample, label, default_delimiter)
    df = None
    if text is None and encoding in ARROW_ENCODINGS:
        df = _arrow_frame(data, label, encoding, delimiter, skip, head[hdr] if hdr < len(head) else [])
    if df is None:
        if text is None:
            text, found = decode_bytes(data, label)  # the file is not all in the sample's encoding
            if found != encoding:
                encoding, sample = found, text[:SAMPLE_CHARS]
                delimiter, head, hdr, skip, problems = _find_layout(sample, label, default_delimiter)
        df = _pandas_frame(data, text, label, encoding, delimiter, skip)
    if len(df) == 0:
        raise _problem_error(label, "header_only", "the file has a header but no rows",
                             "文件只有表头,没有数据行")
    check_rows(label, len(df))
    check_columns(label, len(df.columns))
    header = head[hdr] if hdr < len(head) else [str(c) for c in df.columns]
    df.columns = [(_unescape(str(c).strip()) if k >= len(header) or header[k].strip() else f"column{k + 1}")
                  for k, c in enumerate(df.columns)]
    if b"'" in data:
        _unescape_frame(df)
    head_lines = sample.splitlines()
    first_line = sample.split("\n", 1)[0]
    header_line = head_lines[skip] if skip < len(head_lines) else first_line
    line_end = data.find(b"\n")
    layout = {
        "format": "csv", "encoding": encoding, "delimiter": delimiter,
        "line_end": "\r\n" if line_end > 0 and data[line_end - 1:line_end] == b"\r" else "\n",
        "quote_all": header_line.startswith('"') and header_line.count('"') >= 2 * len(header),
        "final_newline": data.endswith((b"\n", b"\r")),
        "header": header, "title_lines": head_lines[:skip],
    }
    return df, np.arange(len(df), dtype=np.int64) + 2 + skip, layout, problems


def _sample_text(data: bytes, encoding: str) -> str | None:
    """The first :data:`SAMPLE_CHARS` characters of the file, decoding only its start;
    None when that cannot be done exactly (the caller decodes the whole file)."""
    raw = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    codec = "utf-8" if encoding == "utf-8-sig" else encoding
    window = 8 * SAMPLE_CHARS
    whole = len(raw) <= window
    if not whole:
        cut = raw.rfind(b"\n", 0, window)  # a newline byte is never part of a character here
        if cut < 0:
            return None
        raw = raw[:cut + 1]
    try:
        text = raw.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None
    if not whole and len(text) < SAMPLE_CHARS:
        return None
    return text[:SAMPLE_CHARS]


def _find_layout(sample: str, label: str, default_delimiter: str
                 ) -> tuple[str, list[list[str]], int, int, list[Problem]]:
    """(delimiter, leading rows, header row among them, lines above it, title-line warning)."""
    delimiter = sniff_delimiter(sample, default_delimiter)
    reader = csv.reader(_io.StringIO(sample), delimiter=delimiter)
    head: list[list[str]] = []
    lines_before: list[int] = []
    for row in reader:
        lines_before.append(reader.line_num)
        head.append(row)
        if len(head) >= SCAN_ROWS:
            break
    hdr, note = find_header(head)
    skip = lines_before[hdr - 1] if hdr else 0
    problems: list[Problem] = []
    if hdr:
        problems.append(title_rows_problem(label, head, hdr, skip, "line", note))
    return delimiter, head, hdr, skip, problems


def _pandas_frame(data: bytes, text: str, label: str, encoding: str, delimiter: str, skip: int
                  ) -> pd.DataFrame:
    """The whole file through pandas' C parser (every dialect orglib reads)."""
    # the C parser is fastest on UTF-8 bytes with object dtype (pandas' str dtype is 3x slower)
    if encoding == "utf-8-sig" and data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif encoding not in ("utf-8", "utf-8-sig"):
        data = text.encode("utf-8")
    end = data.find(b"\n", 0, 16 * 2**20)
    check_columns(label, 1 + data[: end if end >= 0 else 16 * 2**20].count(delimiter.encode()))
    try:
        return pd.read_csv(_io.BytesIO(data), dtype=object, keep_default_na=False, na_filter=False,
                           engine="c", encoding="utf-8", sep=delimiter, skiprows=skip,
                           nrows=current().max_rows + 1)
    except pd.errors.EmptyDataError:
        raise _problem_error(label, "empty_file", "the file is empty", "文件为空") from None
    except (pd.errors.ParserError, ValueError) as exc:
        msg = str(exc).strip().splitlines()[-1]
        m = re.search(r"line (\d+)", msg)
        _fail(label, "wrong_format", f"is not a well-formed CSV: {msg}", f"CSV 格式错误:{msg}",
              row=int(m.group(1)) + skip if m else None)
    raise AssertionError  # unreachable


def _arrow_frame(data: bytes, label: str, encoding: str, delimiter: str, skip: int,
                 header: list[str]) -> pd.DataFrame | None:
    """The rows below the header through pyarrow's multithreaded CSV reader, as object
    columns of ``str`` (the same table :func:`_pandas_frame` gives), or None where the
    file needs pandas: pyarrow missing, a header cell holding a newline or named twice,
    bare CR line ends, more lines than ``max_rows`` allows (pandas stops reading there),
    a ``|``-delimited GB18030 file (``|`` can be half of a character), rows of other
    widths (ragged: pandas names the line), or bytes that are not in ``encoding``.

    GB18030 is transcoded by pyarrow while it parses (``ReadOptions(encoding=)``:
    0.69 s for 1M rows / 54 MB against 0.53 s for ``bytes.decode`` + 0.15 s
    ``str.encode`` + 0.15 s parsing).
    """
    try:
        import pyarrow as pa
        import pyarrow.csv as pacsv
    except ImportError:  # pragma: no cover - pyarrow is a dependency
        return None
    width = len(header)
    named = [h for h in header if h.strip()]
    if (not width or len(set(named)) < len(named) or any("\n" in h or "\r" in h for h in header)
            or (delimiter == "|" and encoding not in ("utf-8", "utf-8-sig"))):
        return None
    check_columns(label, width)
    raw = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    if b"\r" in raw and raw.count(b"\r") != raw.count(b"\r\n"):
        return None
    if raw.count(b"\n") > current().max_rows + skip + 2:
        return None
    off = 0
    for _ in range(skip + 1):  # title lines and the header line (no newline inside them)
        off = raw.find(b"\n", off) + 1
        if off == 0:
            return None
    body = raw[off:]
    if not re.search(rb"\S", body):  # blank below the header (no copy of the bytes)
        return pd.DataFrame({k: pd.Series([], dtype=object) for k in range(width)}).set_axis(header, axis=1)
    names = [f"c{k}" for k in range(width)]
    try:
        table = pacsv.read_csv(
            pa.py_buffer(body),
            read_options=pacsv.ReadOptions(column_names=names, use_threads=True,
                                           encoding="utf8" if encoding.startswith("utf-8") else encoding),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, quote_char='"', double_quote=True,
                                              escape_char=False, newlines_in_values=b'"' in body,
                                              ignore_empty_lines=True),
            convert_options=pacsv.ConvertOptions(column_types=dict.fromkeys(names, pa.string()),
                                                 strings_can_be_null=False,
                                                 quoted_strings_can_be_null=False))
    except (pa.ArrowInvalid, UnicodeDecodeError, LookupError):
        return None
    # explicit object dtype: pandas 3 would turn object arrays of str into its str dtype
    cols = {k: pd.Series(_objects(table.column(k)), dtype=object, copy=False) for k in range(width)}
    return pd.DataFrame(cols, copy=False).set_axis(header, axis=1)


def _objects(col) -> np.ndarray:
    """A pyarrow string column as an object array of ``str``; a column of few distinct
    values (titles, units, dates) is dictionary-encoded first so each value becomes one
    Python string shared by its rows (1M rows: 0.04 s instead of 0.25 s, and less memory)."""
    import pyarrow.compute as pc

    n = len(col)
    if n > 20_000 and pc.count_distinct(col.slice(0, 10_000)).as_py() * 4 < 10_000:
        enc = pc.dictionary_encode(col).combine_chunks()
        values = enc.dictionary.to_numpy(zero_copy_only=False)
        return values[enc.indices.to_numpy()]
    return col.to_numpy(zero_copy_only=False)


def write_csv(org: Org, path: Path, *, encoding: str | None = None) -> None:
    """Write ``NAME.csv`` and its sidecars as one set: all or nothing changes.

    An org from a client's file is written in the client's columns, order, top marker,
    encoding, delimiter, quoting and line ends (``encoding`` overrides); orglib's own
    layout is UTF-8 with BOM, ``,`` and CRLF. Sidecars of empty tables (and metadata
    when there is none) that a previous save left are removed after the new set is in place.
    """
    stem = path.name[: -len(path.suffix)]

    def table_writer(df: pd.DataFrame) -> Callable[[Path], None]:
        df = df.set_axis([escape_cell(str(c)) for c in df.columns], axis=1)  # a header is a cell too
        return lambda tmp: df.to_csv(tmp, index=False, encoding="utf-8-sig", lineterminator="\r\n")

    pos, header, layout = client_positions(org.meta, table_for_sheet(org, "positions"))
    if layout.get("format", "csv") != "csv":
        layout = {}
    members: dict[Path, Callable[[Path], None]] = {
        path: _client_writer(pos, header, layout, encoding, path.name) if layout or encoding
        else table_writer(pos)}
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


def _client_writer(df: pd.DataFrame, header: list[str], layout: dict, encoding: str | None,
                   name: str = "") -> Callable[[Path], None]:
    enc = encoding or layout.get("encoding", "utf-8-sig")
    delimiter = layout.get("delimiter", ",")
    line_end = layout.get("line_end", "\r\n")
    quoting = csv.QUOTE_ALL if layout.get("quote_all") else csv.QUOTE_MINIMAL

    def write(tmp: Path) -> None:
        buf = _io.StringIO()
        w = csv.writer(buf, delimiter=delimiter, lineterminator=line_end, quoting=quoting)
        for line in layout.get("title_lines", []):
            buf.write(escape_cell(str(line)) + line_end)
        w.writerow([escape_cell(str(h)) for h in header])
        w.writerows(df.itertuples(index=False, name=None))
        text = buf.getvalue()
        if not layout.get("final_newline", True) and text.endswith(line_end):
            text = text[: -len(line_end)]
        try:
            data = text.encode(enc)
        except UnicodeEncodeError as exc:  # name the row and the character, not a temp file
            row = text.count(line_end, 0, exc.start) + 1
            ch = text[exc.start]
            raise OrgInputError(
                en=f"{name or tmp.name}: line {row}: {ch!r} (U+{ord(ch):04X}) cannot be written in {enc}; "
                   "choose another encoding (--encoding utf-8-sig)",
                zh=f"{name or tmp.name}:第 {row} 行的 {ch!r}(U+{ord(ch):04X})无法以 {enc} 编码写入;"
                   "请换一种编码(--encoding utf-8-sig)") from None
        except LookupError as exc:
            raise OrgInputError(
                en=f"{name or tmp.name}: cannot write as {enc}: {exc}; choose another encoding",
                zh=f"{name or tmp.name}:无法以 {enc} 编码写入:{exc};请换一种编码") from None
        tmp.write_bytes(data)

    return write
