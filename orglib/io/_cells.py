"""Cells of CSV/XLSX tables: formula escaping, JSON text for nested fields, tables as text.

The spreadsheet rules live here, once, for every writer (org files and the report's
workbook): :func:`escape_cell` (formula-looking text gets one apostrophe),
:func:`xlsx_safe` (control characters XML forbids), :func:`xlsx_cell` (one typed,
escaped XLSX cell value) and :func:`sheet_title` (a valid, unique sheet name).
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import re
from typing import Any

import numpy as np
import pandas as pd

from .._core import (
    NESTED_FIELDS,
    NUMERIC_FIELDS,
    TABLE_COLUMNS,
    Org,
    is_missing,
    plain,
    to_text,
)

FORMULA_LEADS = "=+-@\t\r\uff1d\uff0b\uff0d\uff20"
"""First characters that make a spreadsheet run a cell as a formula: ``= + - @``, tab, CR and
the full-width ``＝ ＋ － ＠`` (which Excel and WPS also accept)."""
_FORMULA = re.compile("^'*[" + re.escape(FORMULA_LEADS) + "]")
_ESCAPED = re.compile("^'+[" + re.escape(FORMULA_LEADS) + "]")
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\r\x0e-\x1f\ufffe\uffff]")  # CR: XML reads it as LF

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
    return plain(v)


def escape_cell(text: str) -> str:
    """Make text safe for a spreadsheet: a cell starting with = + - @ (or a tab/CR, or
    full-width ＝ ＋ － ＠) gets a leading apostrophe so it is never run as a formula.
    Values, headers, metadata keys and sidecar tables all pass through here; readers
    remove exactly one apostrophe again.

    A lone ``-`` (the usual "none" marker of a client file) is plain text to every
    spreadsheet and is kept as written.

    >>> escape_cell("=HYPERLINK(\\"x\\")"), escape_cell("plain"), escape_cell("＝1+1"), escape_cell("-")
    ('\\'=HYPERLINK("x")', 'plain', "'＝1+1", '-')
    """
    return "'" + text if _looks_like_formula(text) else text


def _looks_like_formula(text: str) -> bool:
    return bool(_FORMULA.match(text)) and text != "-"


def xlsx_safe(text: str) -> str:
    r"""Text an XLSX cell can hold: control characters XML 1.0 forbids become ``_xHHHH_``,
    the escape Excel itself writes (a literal ``_xHHHH_`` is written ``_x005F_xHHHH_`` so it comes back).

    >>> xlsx_safe("a\x1bb"), xlsx_unescape(xlsx_safe("a\x1bb_x0041_"))
    ('a_x001B_b', 'a\x1bb_x0041_')
    """
    if "_x" in text:
        text = _XESC_LITERAL.sub(r"_x005F\g<0>", text)
    return _ILLEGAL_XML.sub(lambda m: f"_x{ord(m.group(0)):04X}_", text)


_XESC_LITERAL = re.compile(r"_x[0-9A-Fa-f]{4}_")
_XESC = re.compile(r"_x([0-9A-Fa-f]{4})_")


def xlsx_unescape(text: str) -> str:
    """The inverse of :func:`xlsx_safe` (``_x001B_`` → ESC, ``_x005F_`` → ``_``)."""
    if "_x" not in text:
        return text
    return _XESC.sub(lambda m: chr(int(m.group(1), 16)), text)


def xlsx_cell(value: Any, kind: str | None = None) -> Any:
    """The value to store in one XLSX cell: numbers as numbers, missing as empty, text
    escaped (:func:`escape_cell`, then :func:`xlsx_safe`), so nothing is ever a formula.

    ``kind`` types text cells of a column known to hold numbers (``"number"``: ``"12"``
    → 12) or ISO dates (``"date"``); text that does not parse stays (escaped) text.
    Every XLSX writer of orglib stores its cells through here.

    >>> xlsx_cell("=1+1"), xlsx_cell(2.0), xlsx_cell(2.5), xlsx_cell(float("nan")), xlsx_cell("")
    ("'=1+1", 2, 2.5, None, None)
    >>> xlsx_cell("-3", "number"), xlsx_cell("-3"), xlsx_cell("2026-12-02", "date")
    (-3, "'-3", datetime.date(2026, 12, 2))
    """
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        f = float(value)
        if not math.isfinite(f):
            return None
        return int(f) if f.is_integer() and abs(f) < 1e15 else f
    if isinstance(value, _dt.date):
        return value
    text = value if isinstance(value, str) else to_text(value)
    if text == "":
        return None
    if kind == "number":
        try:
            return xlsx_cell(float(text))
        except ValueError:
            pass
    elif kind == "date":
        try:
            return _dt.date.fromisoformat(text)
        except ValueError:
            pass
    return xlsx_safe(escape_cell(text))


_SHEET_BAD = re.compile(r"[\[\]:*?/\\\x00-\x1f]")


def sheet_title(name: str, used: set[str] | None = None) -> str:
    """A sheet name Excel accepts for ``name``: ``[ ] : * ? / \\`` and control characters
    become spaces, no apostrophe at either end (Excel refuses one), formula-looking text
    (``=``, ``+``, ``-``, ``@`` ...) gets a leading ``_``, at most 31 characters, and unique
    (case-insensitively) among ``used``, which it updates.

    >>> used = set()
    >>> sheet_title("Flags", used), sheet_title("flags", used), sheet_title("=cmd|x", used)
    ('Flags', 'flags 2', '_=cmd|x')
    """
    base = _SHEET_BAD.sub(" ", str(name)).strip().strip("'").strip()
    if _looks_like_formula(base):
        base = "_" + base
    base = base[:31].rstrip("'") or "Sheet"
    if used is None:
        return base
    out, k = base, 2
    while out.lower() in used:
        suffix = f" {k}"
        out, k = base[:31 - len(suffix)].rstrip("'") + suffix, k + 1
    used.add(out.lower())
    return out


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



def table_for_sheet(org: Org, table: str, *, escape: bool = True) -> pd.DataFrame:
    """A table as text cells for CSV/XLSX: nested fields JSON, numbers plain, formulas
    escaped (``escape=False`` leaves that to the writer: the XLSX writer escapes each
    cell with :func:`xlsx_cell`).

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
        mask = np.fromiter((escape and isinstance(v, str) and _looks_like_formula(v) for v in vals), bool,
                           len(vals))
        if mask.any():
            vals = vals.copy()
            vals[mask] = ["'" + v for v in vals[mask]]
        if table != "positions" and col in core and col not in keep_always and not any(v != "" for v in vals):
            continue
        out[col] = vals
    return pd.DataFrame(out, columns=list(out))
