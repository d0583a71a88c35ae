"""Cells of CSV/XLSX tables: formula escaping, JSON text for nested fields, tables as text.
"""

from __future__ import annotations

import json
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

    >>> escape_cell("=HYPERLINK(\\"x\\")"), escape_cell("plain"), escape_cell("＝1+1")
    ('\\'=HYPERLINK("x")', 'plain', "'＝1+1")
    """
    return "'" + text if _FORMULA.match(text) else text


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
