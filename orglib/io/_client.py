"""A client's own layout, kept so what comes back out is the client's file.

Reading a client's CSV/XLSX records in ``org.meta["client_file"]`` how it was written:
its column names as written and in order, which column holds which field, the value
its top post has for "no manager" (``XX``, ``NULL`` ...), the encoding, delimiter, line
ends and quoting, and any title lines above the header. Writing CSV/XLSX puts all of
that back, then orglib's added columns; YAML/JSON keep it in their metadata so the
next CSV/XLSX write restores it.

>>> client_layout({"encoding": "gb18030", "delimiter": ",", "header": ["工号", "上级"]},
...               ["工号", "上级"], {"id": "工号", "reports_to": "上级"}, "", {})["fields"]
{'id': '工号', 'reports_to': '上级'}
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from .._core import POSITION_COLUMNS
from ._cells import escape_cell

CLIENT_KEY = "client_file"
"""The metadata key holding a client's layout."""

_ORGLIB_CSV = {"encoding": "utf-8-sig", "delimiter": ",", "line_end": "\r\n", "quote_all": False,
               "final_newline": True, "title_lines": []}


def client_layout(layout: dict, columns: list[str], chosen: dict[str, str], top: str,
                  outside: dict[str, str], numbers: dict[str, dict] | None = None,
                  texts: dict[str, dict[str, list[str]]] | None = None) -> dict:
    """What to remember of a client's file; {} when it is orglib's own layout.

    ``numbers`` is each numeric column's style; ``texts`` the cells that style alone
    would not give back (``{column: {post id: [number, text as written]}}``).
    """
    fields = {f: c for f, c in chosen.items()}
    own = (all(f == c for f, c in fields.items()) and not top and not outside and not numbers
           and not texts
           and all(layout.get(k, v) == v for k, v in _ORGLIB_CSV.items())
           and layout.get("sheet", "positions") == "positions")
    if own or not columns:
        return {}
    out: dict[str, Any] = {"columns": list(columns), "fields": fields}
    if top:
        out["top"] = top
    if outside:
        out["outside"] = dict(outside)
    if numbers:
        out["numbers"] = dict(numbers)
    if texts:
        out["texts"] = {c: dict(t) for c, t in texts.items()}
    for k, v in layout.items():
        if k != "header" and v not in (None, [], ""):
            out[k] = v
    header = layout.get("header")
    if header and [str(h) for h in header] != list(columns):
        out["header"] = [str(h) for h in header]
    return out


def client_positions(meta: dict, df: pd.DataFrame, *, styles: bool = True
                     ) -> tuple[pd.DataFrame, list[str], dict]:
    """``df`` (positions as text cells) in the client's columns, order and markers;
    numbers in the client's style (``£48,500``) unless ``styles=False`` (XLSX keeps
    numbers as numbers and formats the cells instead).

    Returns the frame, the header row to write and the layout ({} for orglib's own).
    """
    cf = meta.get(CLIENT_KEY) if isinstance(meta, dict) else None
    if not isinstance(cf, dict) or not isinstance(cf.get("columns"), list):
        return df, list(df.columns), {}
    fields = {str(f): str(c) for f, c in (cf.get("fields") or {}).items()}
    columns = [str(c) for c in cf["columns"]]
    df = df.copy()
    if "reports_to" in df:
        rt = df["reports_to"].to_numpy(dtype=object).copy()
        outside = cf.get("outside") or {}
        if outside:
            ids = df["id"].to_numpy(dtype=object)
            for k in np.flatnonzero(pd.Series(ids, dtype=object).isin(list(outside)).to_numpy()):
                if rt[k] == "":
                    rt[k] = str(outside[ids[k]])
        if cf.get("top"):
            rt[rt == ""] = str(cf["top"])
        df["reports_to"] = rt
    if "listed_fte" in df and "headcount" in fields:  # organogram vacant posts: FTE as listed
        listed = df["listed_fte"].to_numpy(dtype=object)
        hc = df["headcount"].to_numpy(dtype=object).copy()
        hc[listed != ""] = listed[listed != ""]
        df["headcount"] = hc
        df = df.drop(columns=["listed_fte"])
    source_of = {c: f for f, c in fields.items()}
    number_source = {c: source_of.get(c, c) for c in cf.get("texts") or {}}
    out: dict[str, Any] = {}
    for col in columns:
        src = source_of.get(col, col)
        if src in df.columns:
            out[col] = df[src].to_numpy(dtype=object)
    defaults = {"headcount": "1"}
    for col in df.columns:
        if col in fields or col in out or col in source_of.values():
            continue
        vals = df[col].to_numpy(dtype=object)
        if col in POSITION_COLUMNS and all(v == defaults.get(col, "") for v in vals):
            continue  # a core field the client's file did not have and nobody filled
        name = col
        while name in out:
            name = f"orglib_{name}"
        out[name] = vals
    frame = pd.DataFrame(out, columns=list(out))
    for col, style in (cf.get("numbers") or {}).items() if styles else ():
        if col in frame.columns and isinstance(style, dict):
            frame[col] = [format_number(v, style) for v in frame[col].tolist()]
    if styles and isinstance(cf.get("texts"), dict) and "id" in df:
        ids = df["id"].to_numpy(dtype=object)
        for col, written in cf["texts"].items():
            if col not in frame.columns or col not in number_source or not isinstance(written, dict):
                continue
            plain = df[number_source[col]].to_numpy(dtype=object)
            vals = frame[col].to_numpy(dtype=object).copy()
            for k, pid in enumerate(ids):
                w = written.get(pid)
                # a value still as read comes back as the client wrote it; a changed one in the style
                if isinstance(w, list | tuple) and len(w) == 2 and plain[k] == w[0]:
                    vals[k] = escape_cell(str(w[1]))
            frame[col] = vals
    header = list(frame.columns)
    written = cf.get("header")
    if isinstance(written, list) and header[:len(written)] == columns[:len(written)]:
        header = [str(h) for h in written] + header[len(written):]
    return frame, header, cf


_NUMBER = re.compile(r"^\s*([^\d\s+\-.]*)\s*([+-]?[\d,\u00a0\u202f' ]*\d(?:\.(\d+))?)\s*([^\d\s]*)\s*$")


def number_style(texts: list[str]) -> dict | None:
    """How a client writes the numbers of one column (currency sign, thousands
    separator, fixed decimals), or None when plain numbers say it all.

    >>> number_style(["£160,000", "£48,500.50"])
    {'prefix': '£', 'suffix': '', 'thousands': ',', 'decimals': None}
    >>> number_style(["1.00", "0.60"])
    {'prefix': '', 'suffix': '', 'thousands': '', 'decimals': 2}
    >>> number_style(["1", "0.5"]) is None, number_style(["0.5"]) is None
    (True, True)
    """
    prefixes, suffixes, seps, decimals = set(), set(), set(), set()
    for t in texts:
        m = _NUMBER.match(t)
        if not m:
            return None
        prefixes.add(m.group(1))
        suffixes.add(m.group(4))
        body = m.group(2)
        for sep in (",", " ", "\u00a0", "\u202f", "'"):
            if sep in body:
                seps.add(sep)
        decimals.add(len(m.group(3) or ""))
    if not texts or len(prefixes) > 1 or len(suffixes) > 1 or len(seps) > 1:
        return None
    # fixed decimals are a style only when some value shows a trailing zero ("1.00",
    # "0.60"): "0.5" or "2.25" are what plain numbers print anyway
    trailing = any((m := _NUMBER.match(t)) and (m.group(3) or "").endswith("0") for t in texts)
    fixed = decimals.pop() if len(decimals) == 1 and trailing else None
    style = {"prefix": prefixes.pop(), "suffix": suffixes.pop(), "thousands": seps.pop() if seps else "",
             "decimals": fixed if fixed else None}
    if not (style["prefix"] or style["suffix"] or style["thousands"] or style["decimals"]):
        return None
    return style


def format_number(text: str, style: dict) -> str:
    """A number's text (as orglib writes it) in a client's style.

    >>> format_number("48500.5", {"prefix": "£", "thousands": ","}), format_number("1", {"decimals": 2})
    ('£48,500.5', '1.00')
    """
    if not isinstance(text, str) or not text:
        return text
    try:
        f = float(text)
    except ValueError:
        return text
    d = style.get("decimals")
    body = f"{f:,.{d}f}" if d else (f"{f:,.0f}" if f.is_integer() else f"{f:,}")
    if not d and not f.is_integer() and "." in text and "e" not in text.lower():
        body = ("-" if f < 0 else "") + f"{int(abs(f)):,}" + text[text.index("."):]
    sep = style.get("thousands", "")
    body = body.replace(",", "\x00").replace("\x00", sep)
    return f"{style.get('prefix', '')}{body}{style.get('suffix', '')}"


def excel_format(style: dict, value: float) -> str:
    """An Excel number format showing ``value`` in a client's style.

    >>> excel_format({"prefix": "£", "thousands": ",", "decimals": None}, 48500.5)
    '"£"#,##0.0'
    >>> excel_format({"prefix": "", "thousands": "", "decimals": 2}, 1.0)
    '0.00'
    """
    d = style.get("decimals")
    if d is None:
        text = repr(float(value))
        d = 0 if float(value).is_integer() or "e" in text else len(text.split(".")[1])
    body = ("#,##0" if style.get("thousands") else "0") + ("." + "0" * d if d else "")
    pre = f'"{style["prefix"]}"' if style.get("prefix") else ""
    suf = f'"{style["suffix"]}"' if style.get("suffix") else ""
    return pre + body + suf
