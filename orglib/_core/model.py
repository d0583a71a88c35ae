"""The Org: tables first, graph second.

An :class:`Org` holds four pandas tables and a little metadata:

``positions`` (岗位)
    one row per post (or per person in an HR export, headcount 1). Core columns are
    :data:`POSITION_COLUMNS`; any other column a client's file carries is kept, as
    text, and written back.
``units`` (部门/科/组/中心)
    :data:`UNIT_COLUMNS`.
``links``
    non-reporting relations between posts, :data:`LINK_COLUMNS`, ``kind`` one of
    :data:`LINK_KINDS`.
``workflows``
    ordered steps, one row per step, :data:`WORKFLOW_COLUMNS`.

Conventions: ids are strings (``"007"`` stays ``"007"``); ``reports_to`` is ``""``
for the top post; ``headcount`` (岗位定员) is a float, 0 for a vacant post;
missing text is ``""`` and missing numbers are NaN. Nested fields (duties, kpis,
requirements, authority, records, unit functions) hold plain lists/dicts exactly
as the source gave them.

A post with headcount ``h`` over posts totalling ``H`` people has a span of
``H / h`` per incumbent (2 主管 over 10 专员 = 5 each).

Examples
--------
>>> org = Org.from_records([
...     {"id": "m", "title": "经理", "headcount": 1},
...     {"id": "s", "title": "主管", "reports_to": "m", "headcount": 2},
...     {"id": "e", "title": "专员", "reports_to": "s", "headcount": 10},
... ])
>>> org.headcount_total
13.0
>>> org.parent_index().tolist()
[-1, 0, 1]
>>> sorted(org.graph.successors("s"))
['e']
"""

from __future__ import annotations

import copy as _copy
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .errors import Problem

if TYPE_CHECKING:  # networkx is imported where a graph is built (it costs ~0.2 s at import)
    import networkx as nx

POSITION_COLUMNS: tuple[str, ...] = (
    "id", "title", "title_en", "unit", "reports_to", "headcount", "cost", "region",
    "level", "duties", "kpis", "requirements", "authority", "records", "direct_reports",
    "source",
)
"""Core position fields, in the order writers put them."""

UNIT_COLUMNS: tuple[str, ...] = (
    "id", "name", "name_en", "parent", "kind", "functions", "source",
)
LINK_COLUMNS: tuple[str, ...] = ("from", "to", "kind", "label", "source")
WORKFLOW_COLUMNS: tuple[str, ...] = (
    "workflow", "name", "name_en", "step", "role", "action", "action_en", "document",
    "approves", "duration_days", "source",
)

LINK_KINDS: tuple[str, ...] = ("assists", "dotted", "collaborates", "approves", "directs")
"""Non-reporting relations. ``directs`` is functional authority of one post over
another (the 多彩 regional managers who 相互领导 one another)."""

NESTED_FIELDS: frozenset[str] = frozenset(
    {"duties", "kpis", "requirements", "authority", "records", "direct_reports", "functions"}
)
"""Fields holding lists/dicts; tabular writers store them as JSON text."""

NUMERIC_FIELDS: frozenset[str] = frozenset({"headcount", "cost", "step", "duration_days"})
BOOL_FIELDS: frozenset[str] = frozenset({"approves"})

TABLES: tuple[str, ...] = ("positions", "units", "links", "workflows")
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "positions": POSITION_COLUMNS,
    "units": UNIT_COLUMNS,
    "links": LINK_COLUMNS,
    "workflows": WORKFLOW_COLUMNS,
}


def _empty_value(col: str) -> Any:
    if col in NUMERIC_FIELDS:
        return math.nan
    if col in BOOL_FIELDS:
        return False
    if col in NESTED_FIELDS:
        return None
    return ""


def normalize_table(df: pd.DataFrame | None, table: str) -> pd.DataFrame:
    """Give ``df`` every core column of ``table`` with canonical dtypes; keep extras.

    Text columns become ``object`` dtype with ``""`` for missing; numeric columns
    float64; nested columns hold Python objects (``None`` when absent). Extra columns
    are kept as text. A column already in its canonical form is shared with ``df``,
    not copied (pandas' copy-on-write keeps the two apart when either is changed), so
    building an Org from a million-row table costs little more than checking it.

    >>> normalize_table(pd.DataFrame({"id": [1], "x": [2]}), "units").columns.tolist()[-1]
    'x'
    """
    core = TABLE_COLUMNS[table]
    df = pd.DataFrame() if df is None else df  # read only: new arrays are built below
    n = len(df)
    if not (isinstance(df.index, pd.RangeIndex) and df.index.start == 0 and df.index.step == 1):
        df = df.reset_index(drop=True)  # columns are shared by position below
    out: dict[str, pd.Series | np.ndarray] = {}
    empty_text: pd.Series | None = None
    for col in core:
        if col in df.columns:
            s = df[col]
            if col in NUMERIC_FIELDS:
                if s.dtype == np.float64 and not (col == "headcount" and s.isna().to_numpy().any()):
                    out[col] = s
                    continue
                vals = np.array(pd.to_numeric(s, errors="coerce"), dtype=np.float64)
                if col == "headcount":  # one row is one post of one person unless told otherwise
                    vals[np.isnan(vals)] = 1.0
                out[col] = vals
            elif col in BOOL_FIELDS:
                out[col] = s if s.dtype == bool else s.map(_to_bool).astype(bool).to_numpy()
            elif col in NESTED_FIELDS:
                out[col] = _nested_array(s)
            else:
                out[col] = _text_array(s)
        else:
            if col in NUMERIC_FIELDS:
                out[col] = np.full(n, 1.0 if col == "headcount" else np.nan)
            elif col in BOOL_FIELDS:
                out[col] = np.zeros(n, dtype=bool)
            elif col in NESTED_FIELDS:
                out[col] = np.empty(n, dtype=object)  # all None
            elif _SHARED_EMPTY:  # one column of "" for every absent text field (copied on write)
                if empty_text is None:
                    empty_text = pd.Series(np.full(n, "", dtype=object), dtype=object, copy=False)
                out[col] = empty_text
            else:
                out[col] = np.full(n, "", dtype=object)
    for col in df.columns:
        if col not in core:
            out[str(col)] = _text_array(df[col])
    # arrays built here are wrapped without a copy; explicit object dtype: pandas 3 would
    # otherwise infer (slow) string dtypes
    frame = {c: v if isinstance(v, pd.Series) else
             pd.Series(v, dtype=v.dtype if v.dtype != object else object, copy=False)
             for c, v in out.items()}
    if not frame:
        return pd.DataFrame(index=pd.RangeIndex(n))
    for c, v in frame.items():
        if v.name != c:
            frame[c] = v.rename(c)
    return pd.DataFrame(frame, index=pd.RangeIndex(n), copy=False)


_SHARED_EMPTY = int(pd.__version__.split(".")[0]) >= 3
"""pandas 3 copies a column on write whatever else shares it (copy-on-write), so absent
text fields can share one array; pandas 2 would write through to all of them."""


def _nested_array(s: pd.Series) -> np.ndarray:
    """Nested column as a new object array; missing and ``""`` → None (no per-row Python)."""
    arr = s.to_numpy(dtype=object, copy=True)
    miss = pd.isna(arr)
    if miss.any():
        arr[miss] = None
        keep = np.flatnonzero(~miss)
        empty = keep[arr[keep] == ""]
    else:
        empty = np.flatnonzero(arr == "")
    arr[empty] = None
    return arr


def _text_array(s: pd.Series) -> pd.Series | np.ndarray:
    """Text column as object values; missing → ''; numbers printed without a spurious '.0'.

    A column that already holds only text (object dtype) is returned as it is.
    """
    if s.dtype == object or pd.api.types.is_string_dtype(s.dtype):
        vals = s.to_numpy(dtype=object)
        if s.dtype == object and pd.api.types.infer_dtype(vals, skipna=False) in ("string", "empty"):
            return s  # text only, nothing missing: shared, not copied
        kind = pd.api.types.infer_dtype(vals, skipna=True)
        if kind in ("string", "empty"):  # fast path: text with perhaps some missing cells
            mask = pd.isna(vals)
            if mask.any():
                vals = vals.copy()
                vals[mask] = ""
            return vals
        return np.array([to_text(v) for v in vals], dtype=object)
    return np.array([to_text(v) for v in s.tolist()], dtype=object)


def id_rows(ids: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Row of each of ``values`` in ``ids`` (int64), -1 where it is not an id.

    A duplicated id names its first row, whatever the row order. The one id lookup
    behind :meth:`Org.parent_index`; short ASCII ids (``"E0001234"``, up to 16
    characters: what HR systems export) are compared as 64-bit integers, anything
    else as Python strings, with the same answer.

    >>> id_rows(np.array(["a", "b", "a"], dtype=object), np.array(["a", "x", "b"], dtype=object)).tolist()
    [0, -1, 1]
    """
    ids = np.asarray(ids, dtype=object)
    values = np.asarray(values, dtype=object)
    if len(ids) == 0 or len(values) == 0:
        return np.full(len(values), -1, dtype=np.int64)
    fast = _id_rows_dense(ids, values)
    if fast is None:
        fast = _id_rows_packed(ids, values)
    if fast is not None:
        return fast
    index = pd.Index(ids, dtype=object)
    if index.is_unique:
        return index.get_indexer(values).astype(np.int64)
    first = np.flatnonzero(~index.duplicated(keep="first"))
    idx = index[first].get_indexer(values)
    return np.where(idx >= 0, first[np.maximum(idx, 0)], -1).astype(np.int64)


def id_codes(ids: np.ndarray, values: np.ndarray, extra: Iterable[str] = ()
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """One hash pass over ``ids``, ``values`` and a few ``extra`` texts: equal texts get
    equal codes (int64, numbered from 0 in order of first appearance across the three).

    Returns ``(id codes, value codes, extra codes, first)``: ``first[c]`` is the first row
    of ``ids`` with code ``c``, -1 when no id has it. So ``first[value codes]`` is
    :func:`id_rows`, ``first[id codes] != arange(n)`` marks repeated ids, and an ``extra``
    text is an id when ``first[its code] >= 0``. Short ASCII texts are hashed as 64-bit
    integers (as in :func:`id_rows`), anything else as Python strings, with the same codes.

    >>> ic, vc, ec, first = id_codes(np.array(["a", "b", "a"], dtype=object),
    ...                              np.array(["b", "x", ""], dtype=object), ["", "a"])
    >>> ic.tolist(), vc.tolist(), ec.tolist(), first[vc].tolist()
    ([0, 1, 0], [1, 2, 3], [3, 0], [1, -1, -1])
    """
    ids = np.asarray(ids, dtype=object)
    values = np.asarray(values, dtype=object)
    extra_arr = np.array(list(extra), dtype=object)
    n, m = len(ids), len(values)
    parts = [_packed(a) if len(a) else np.zeros((0, 1), np.uint64) for a in (ids, values, extra_arr)]
    words = None
    if all(p is not None for p in parts):  # each part packed apart: one width each is the fast case
        w = max(p.shape[1] for p in parts)
        words = np.concatenate([p if p.shape[1] == w else
                                np.concatenate([p, np.zeros((len(p), w - p.shape[1]), np.uint64)], axis=1)
                                for p in parts])
    if words is None:
        codes, _ = pd.factorize(np.concatenate([ids, values, extra_arr]))
    elif words.shape[1] == 1:  # the words are the texts: one integer factorization
        codes, _ = pd.factorize(_key(words))
    else:  # two words: a code for each, then one for the pair (exact, no hash collisions)
        c0, _ = pd.factorize(_key(words[:, :1]))
        c1, _ = pd.factorize(_key(words[:, 1:]))
        codes, _ = pd.factorize(c0.astype(np.int64) * (int(c1.max(initial=0)) + 1) + c1)
    codes = codes.astype(np.int64, copy=False)
    k = int(codes.max(initial=-1)) + 1
    first = np.full(k, -1, dtype=np.int64)
    rows = np.arange(n, dtype=np.int64)
    first[codes[:n][::-1]] = rows[::-1]  # the last write wins: the first row of each id
    return codes[:n], codes[n:n + m], codes[n + m:], first


def _fixed_width(texts: np.ndarray) -> np.ndarray | None:
    """ASCII texts of one width as an (n, width) uint8 view, or None (another shape).

    The texts are joined once (one C-level pass); they are all ``width`` long exactly when
    the joined bytes hold n - 1 separators, each at a multiple of ``width + 1``.
    """
    n = len(texts)
    try:
        first = texts[0]
        joined = "\x01".join(texts.tolist())
    except TypeError:  # a cell that is not text
        return None
    if not isinstance(first, str) or not first or not joined.isascii():
        return None
    w = len(first)
    raw = joined.encode("ascii")
    if len(raw) != n * (w + 1) - 1:
        return None
    buf = np.frombuffer(raw, dtype=np.uint8)
    if np.count_nonzero(buf == 1) != n - 1 or not (buf[w::w + 1] == 1).all():
        return None
    return np.lib.stride_tricks.as_strided(buf, shape=(n, w), strides=(w + 1, 1), writeable=False)


_ZEROS = np.uint64(0x3030303030303030)  # eight ASCII '0'
_HIGH_NIBBLES = np.uint64(0xF0F0F0F0F0F0F0F0)


def _numbers(mat: np.ndarray, prefix: np.ndarray, digits: int) -> np.ndarray:
    """The number in the last ``digits`` (at most 16) columns of each row of ``mat``; -1
    where the row does not start with ``prefix`` or holds a character other than 0-9 there.

    Eight digits at a time as one 64-bit word (left padded with '0'), combined pairwise
    by three multiply-shift steps: no per-digit pass.
    """
    n, p = len(mat), len(prefix)
    words = -(-digits // 8)
    buf = np.full((n, 8 * words), 48, dtype=np.uint8)
    buf[:, 8 * words - digits:] = mat[:, p:]
    w = buf.view(np.uint64)  # (n, words), first character in the lowest byte
    # every byte in '0'..'9': high nibble 3, and still 3 after adding 6
    ok = ((w & _HIGH_NIBBLES) == _ZEROS).all(axis=1)
    ok &= (((w + np.uint64(0x0606060606060606)) & _HIGH_NIBBLES) == _ZEROS).all(axis=1)
    if p:
        ok &= (mat[:, :p] == prefix).all(axis=1)
    x = w - _ZEROS
    x = (x * np.uint64(10) + (x >> np.uint64(8))) & np.uint64(0x00FF00FF00FF00FF)
    x = (x * np.uint64(100) + (x >> np.uint64(16))) & np.uint64(0x0000FFFF0000FFFF)
    x = (x * np.uint64(10000) + (x >> np.uint64(32))) & np.uint64(0xFFFFFFFF)
    num = x[:, 0].astype(np.int64)
    if words == 2:
        num = num * 100_000_000 + x[:, 1].astype(np.int64)
    num[~ok] = -1
    return num


def _id_rows_dense(ids: np.ndarray, values: np.ndarray) -> np.ndarray | None:
    """:func:`id_rows` for ids that are one prefix and a fixed number of digits making a
    dense range (``E0000001`` … ``E1000000``: what HR systems number staff with): the
    numbers index an array, no hash table. None when the ids are of another shape or
    repeat, or the values are not ids of that width or empty: the general paths answer.
    """
    a = _fixed_width(ids)
    if a is None:
        return None
    n, w = a.shape
    is_digit = ((a[0] >= 48) & (a[0] <= 57))
    # the digits: the longest run of digit columns at the end (a few rows tell; every row is checked)
    digits = 0
    while digits < w and is_digit[w - 1 - digits]:
        digits += 1
    digits = min(digits, 16)
    if digits == 0:
        return None
    prefix = np.array(a[0, : w - digits])
    num = _numbers(a, prefix, digits)
    lo, hi = int(num.min()), int(num.max())
    if lo < 0 or hi - lo >= 4 * n + 1024:
        return None  # some id has another shape, or the numbers are too sparse for an array
    table = np.full(hi - lo + 1, -1, dtype=np.int64)
    rows = np.arange(n, dtype=np.int64)
    table[num - lo] = rows
    if not (table[num - lo] == rows).all():
        return None  # a repeated id: the general path gives its first row
    vals = np.asarray(values, dtype=object)
    empty = vals == ""  # a reports_to column: ids of one width, and "" for the top posts
    if not empty.any():
        empty = None
        b = _fixed_width(vals)
    else:
        b = _fixed_width(vals[~empty]) if not empty.all() else np.zeros((0, w), dtype=np.uint8)
    if b is None:
        return None
    if b.shape[1] != w:
        return None
    vnum = _numbers(b, prefix, digits)
    found = (vnum >= lo) & (vnum <= hi)
    out = np.where(found, table[np.where(found, vnum - lo, 0)], -1)
    if empty is None:
        return out
    full = np.full(len(vals), -1, dtype=np.int64)
    full[~empty] = out
    return full


_MIX = np.uint64(0x9E3779B97F4A7C15)


def _packed(texts: np.ndarray) -> np.ndarray | None:
    """ASCII texts as rows of uint64 words (zero padded), or None when that cannot be exact:
    non-ASCII text, a cell that is not text, a NUL byte (padding is NUL) or more than 16
    characters.

    The texts are joined once (one C-level pass) and cut at the separators; ids of one
    width (``E0001234``), or one width and empty (a ``reports_to`` column), are reshaped
    without a per-cell step.
    """
    n = len(texts)
    try:
        joined = "\x01".join(texts.tolist())
    except TypeError:  # a cell that is not text
        return None
    if not joined.isascii():
        return None
    raw = joined.encode("ascii")
    if b"\x00" in raw:
        return None
    buf = np.frombuffer(raw, dtype=np.uint8)
    seps = np.flatnonzero(buf == 1)
    if len(seps) != n - 1:  # a text holds the separator itself: one cell at a time
        return _packed_cells(texts)
    ends = np.append(seps, len(buf))
    lens = ends - np.append(0, seps + 1)
    width = int(lens.max())
    if width > 16:
        return None
    words = max(1, -(-width // 8))
    out = np.zeros((n, 8 * words), dtype=np.uint8)
    if lens.min() == width:
        out[:, :width] = np.append(buf, 1).reshape(n, width + 1)[:, :width]
    elif ((lens == 0) | (lens == width)).all():
        full = lens > 0
        out[full, :width] = buf[buf != 1].reshape(-1, width)
    else:
        return _packed_cells(texts)
    return out.view(np.uint64)


def _packed_cells(texts: np.ndarray) -> np.ndarray | None:
    """:func:`_packed` for texts of several widths (checked there: ASCII, no NUL)."""
    raw = texts.astype("S")
    width = raw.dtype.itemsize
    if width > 16:
        return None
    words = -(-width // 8)
    return raw.astype(f"S{8 * words}").view(np.uint64).reshape(len(texts), words)


def _key(words: np.ndarray) -> np.ndarray:
    """One well-spread 64-bit key per row of words (pandas' integer hash table is slow on
    keys that differ only in a few bits, such as ASCII digits); exact for one word."""
    key = words[:, 0] * _MIX  # multiplying by an odd number and xor-shifting are one-to-one
    if words.shape[1] > 1:
        key ^= words[:, 1]
        key *= _MIX
    key ^= key >> np.uint64(29)
    return key


def _id_rows_packed(ids: np.ndarray, values: np.ndarray) -> np.ndarray | None:
    """:func:`id_rows` on integer keys; None when the ids or values do not pack exactly."""
    a = _packed(ids)
    if a is None:
        return None
    b = _packed(values)
    if b is None:
        return None
    if b.shape[1] > a.shape[1]:  # values longer than every id never match: drop their tail words
        longer = (b[:, a.shape[1]:] != 0).any(axis=1)
        b = b[:, : a.shape[1]]
    else:
        longer = None
        if b.shape[1] < a.shape[1]:
            b = np.concatenate([b, np.zeros((len(b), a.shape[1] - b.shape[1]), np.uint64)], axis=1)
    ka, kb = _key(a), _key(b)
    index = pd.Index(ka)
    if index.is_unique:
        idx = index.get_indexer(kb)
    elif a.shape[1] == 1:  # duplicated ids: the first row of each
        first = np.flatnonzero(~index.duplicated(keep="first"))
        idx = index[first].get_indexer(kb)
        idx = np.where(idx >= 0, first[np.maximum(idx, 0)], -1)
    else:
        return None  # duplicated ids (or two keys alike): the string path
    idx = idx.astype(np.int64)
    if a.shape[1] > 1:
        hit = np.flatnonzero(idx >= 0)
        wrong = hit[(a[idx[hit]] != b[hit]).any(axis=1)]
        idx[wrong] = -1
    if longer is not None:
        idx[longer] = -1
    return idx


def to_text(v: Any) -> str:
    """One cell as text: '' for missing, ``3`` for 3.0, ISO dates, ``TRUE``/``FALSE``.

    >>> [to_text(v) for v in (None, 3.0, 2.5, True, "x")]
    ['', '3', '2.5', 'TRUE', 'x']
    """
    if is_missing(v):
        return ""
    if isinstance(v, str):
        return v
    if isinstance(v, bool | np.bool_):
        return "TRUE" if v else "FALSE"
    if isinstance(v, int | np.integer):
        return str(int(v))
    if isinstance(v, float | np.floating):
        f = float(v)
        return str(int(f)) if f.is_integer() and abs(f) < 1e15 else repr(f)
    if hasattr(v, "isoformat"):
        text = v.isoformat()
        return text[:10] if text.endswith("T00:00:00") else text
    return str(v)


def is_missing(v: Any) -> bool:
    if v is None:
        return True
    if isinstance(v, float) and math.isnan(v):
        return True
    return v is pd.NA or v is pd.NaT


def _to_bool(v: Any) -> bool:
    if isinstance(v, str):
        return v.strip().lower() in {"true", "yes", "y", "1", "是", "x", "✓"}
    if is_missing(v):
        return False
    return bool(v)


@dataclass(eq=False)
class Org:
    """A department design: positions, units, links, workflows and metadata.

    Treat an Org as a value: functions that change a design return a new Org.
    ``problems`` holds warnings found while loading (e.g. 直接上级/直接下级
    disagreements); ``path`` is the file it came from, if any.
    """

    positions: pd.DataFrame
    units: pd.DataFrame = field(default_factory=lambda: normalize_table(None, "units"))
    links: pd.DataFrame = field(default_factory=lambda: normalize_table(None, "links"))
    workflows: pd.DataFrame = field(default_factory=lambda: normalize_table(None, "workflows"))
    meta: dict = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    path: str = ""
    origin: dict = field(default_factory=dict, repr=False)
    """Where rows came from, for error messages: ``{table: (file, row numbers)}``."""

    def __post_init__(self) -> None:
        self.positions = normalize_table(self.positions, "positions")
        self.units = normalize_table(self.units, "units")
        self.links = normalize_table(self.links, "links")
        self.workflows = normalize_table(self.workflows, "workflows")
        self.meta = dict(self.meta or {})

    # ----------------------------------------------------------------- builders
    @classmethod
    def from_records(
        cls,
        positions: Iterable[Mapping[str, Any]],
        units: Iterable[Mapping[str, Any]] = (),
        links: Iterable[Mapping[str, Any]] = (),
        workflows: Iterable[Mapping[str, Any]] = (),
        meta: Mapping[str, Any] | None = None,
    ) -> Org:
        """Build an Org from lists of dicts (one per row).

        >>> Org.from_records([{"id": "a", "headcount": 1}]).positions.loc[0, "reports_to"]
        ''
        """
        def frame(rows: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
            rows = [dict(r) for r in rows]
            return pd.DataFrame(rows) if rows else pd.DataFrame()

        return cls(frame(positions), frame(units), frame(links), frame(workflows), dict(meta or {}))

    def copy(self) -> Org:
        """A deep copy (nested duties etc. included)."""
        return Org(
            self.positions.copy(deep=True).apply(_deep_copy_objects),
            self.units.copy(deep=True).apply(_deep_copy_objects),
            self.links.copy(deep=True),
            self.workflows.copy(deep=True),
            _copy.deepcopy(self.meta),
            list(self.problems),
            self.path,
            dict(self.origin),
        )

    def row_of(self, table: str, index: int) -> tuple[str, int]:
        """(file, row) a person would look at for row ``index`` of ``table``.

        Rows of an Org built in Python are numbered from 1.
        """
        file, rows = self.origin.get(table, (self.path, None))
        if rows is not None and 0 <= index < len(rows):
            return file, int(rows[index])
        return file, index + 1

    def replace(self, **tables: Any) -> Org:
        """A new Org with some tables (or ``meta``) replaced.

        >>> org = Org.from_records([{"id": "a", "headcount": 1}])
        >>> org.replace(meta={"name": "x"}).meta
        {'name': 'x'}
        """
        kw = {
            "positions": self.positions, "units": self.units, "links": self.links,
            "workflows": self.workflows, "meta": self.meta, "problems": [], "path": self.path,
        }
        kw.update(tables)
        return Org(**kw)

    # ----------------------------------------------------------------- views
    @property
    def name(self) -> str:
        return str(self.meta.get("name") or self.meta.get("id") or self.path or "org")

    def label(self, lang: str = "zh") -> str:
        """Display name of the design in ``lang``."""
        if lang == "en" and self.meta.get("name_en"):
            return str(self.meta["name_en"])
        return self.name

    @property
    def extra_columns(self) -> list[str]:
        """Position columns that are not core fields (a client's own columns)."""
        return [c for c in self.positions.columns if c not in POSITION_COLUMNS]

    @property
    def headcount_total(self) -> float:
        """Total people (sum of 岗位定员; NaN counts as 0)."""
        return float(np.nansum(self.positions["headcount"].to_numpy(dtype=float)))

    def headcounts(self) -> np.ndarray:
        """Headcount per row as float64 (NaN → 0)."""
        return np.nan_to_num(self.positions["headcount"].to_numpy(dtype=float), nan=0.0)

    def parent_index(self) -> np.ndarray:
        """Row number of each post's manager, -1 for a root or an unknown manager.

        Cached per Org; the basis of every vectorized metric.
        """
        return self._parent_index

    @cached_property
    def ids_unique(self) -> bool:
        """No post id is used twice (cached per Org, like :meth:`parent_index`).

        >>> Org.from_records([{"id": "a"}, {"id": "a"}]).ids_unique
        False
        """
        return bool(pd.Index(self.positions["id"].to_numpy(dtype=object), dtype=object).is_unique)

    @cached_property
    def _parent_index(self) -> np.ndarray:
        rt = self.positions["reports_to"].to_numpy(dtype=object)
        idx = id_rows(self.positions["id"].to_numpy(dtype=object), rt)
        idx[rt == ""] = -1
        return idx

    @cached_property
    def graph(self) -> nx.MultiDiGraph:
        """networkx view: nodes are post ids with their fields; reporting edges go
        manager → report with ``kind="reports"``; links add edges of their kind."""
        import networkx as nx

        g = nx.MultiDiGraph(name=self.name)
        cols = [c for c in self.positions.columns if c != "id"]
        for rec in self.positions.to_dict("records"):
            g.add_node(rec["id"], **{c: rec[c] for c in cols})
        ids = self.positions["id"].to_numpy(dtype=object)
        pidx = self.parent_index()
        for child, p in zip(ids, pidx, strict=True):
            if p >= 0:
                g.add_edge(ids[p], child, kind="reports")
        for rec in self.links.to_dict("records"):
            if rec["from"] in g and rec["to"] in g:
                g.add_edge(rec["from"], rec["to"], kind=rec["kind"], label=rec["label"])
        return g

    def reporting_tree(self) -> nx.DiGraph:
        """Just the reporting edges, as a DiGraph (manager → report)."""
        import networkx as nx

        g = nx.DiGraph()
        ids = self.positions["id"].to_numpy(dtype=object)
        g.add_nodes_from(ids)
        pidx = self.parent_index()
        g.add_edges_from((ids[p], c) for c, p in zip(ids, pidx, strict=True) if p >= 0)
        return g

    def roots(self) -> list[str]:
        """Ids of posts with no manager."""
        rt = self.positions["reports_to"].to_numpy(dtype=object)
        return [i for i, r in zip(self.positions["id"], rt, strict=True) if r == ""]

    def position(self, post_id: str) -> dict:
        """One post as a dict."""
        rows = self.positions.index[self.positions["id"] == post_id]
        if len(rows) == 0:
            raise KeyError(post_id)
        return self.positions.loc[rows[0]].to_dict()

    # ----------------------------------------------------------------- equality
    def to_dict(self) -> dict:
        """Plain, JSON-able form: ``{"org": meta, "positions": [...], ...}``.

        Workflows are grouped: ``[{"id", "name", "name_en", "steps": [...]}]``.
        Empty fields are omitted from each record.
        """
        out: dict[str, Any] = {"org": plain(self.meta)}
        for table in ("units", "positions", "links"):
            out[table] = [_compact(r) for r in getattr(self, table).to_dict("records")]
        out["workflows"] = workflows_to_nested(self.workflows)
        return out

    def canonical(self) -> dict:
        """Form used for equality: to_dict with rows in file order."""
        return self.to_dict()

    def equals(self, other: Org) -> bool:
        """Same tables, same values, same metadata (``path`` and ``problems`` ignored)."""
        return isinstance(other, Org) and self.canonical() == other.canonical()

    def __eq__(self, other: object) -> bool:  # pragma: no cover - thin
        return isinstance(other, Org) and self.equals(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (f"Org({self.name!r}, posts={len(self.positions)}, "
                f"headcount={self.headcount_total:g}, units={len(self.units)}, "
                f"links={len(self.links)}, workflows={self.workflows['workflow'].nunique()})")


def _deep_copy_objects(s: pd.Series) -> pd.Series:
    if s.dtype == object:
        return s.map(lambda v: _copy.deepcopy(v) if isinstance(v, dict | list) else v)
    return s


def plain(v: Any) -> Any:
    """Numpy scalars → Python, NaN → None, recursively."""
    if isinstance(v, dict):
        return {str(k): plain(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [plain(x) for x in v]
    if isinstance(v, np.bool_):
        return bool(v)
    if isinstance(v, np.integer):
        return int(v)
    if isinstance(v, float | np.floating):
        f = float(v)
        if math.isnan(f):
            return None
        return int(f) if f.is_integer() and abs(f) < 1e15 else f
    return v


def _compact(rec: Mapping[str, Any]) -> dict:
    """A row as a plain dict without empty fields."""
    out = {}
    for k, v in rec.items():
        v = plain(v)
        if v is None or v == "" or v is False:
            continue
        out[str(k)] = v
    return out


def workflows_to_nested(wf: pd.DataFrame) -> list[dict]:
    """Step rows → ``[{"id", "name", "name_en", "steps": [...]}]`` in first-seen order."""
    out: list[dict] = []
    index: dict[str, dict] = {}
    for rec in wf.to_dict("records"):
        wid = rec["workflow"]
        if wid not in index:
            head = {"id": wid}
            for k in ("name", "name_en"):
                if rec.get(k):
                    head[k] = rec[k]
            head["steps"] = []
            index[wid] = head
            out.append(head)
        step = _compact({k: v for k, v in rec.items() if k not in ("workflow", "name", "name_en")})
        index[wid]["steps"].append(step)
    return out


def workflows_from_nested(items: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """``[{"id", "name", "steps": [...]}]`` → one row per step (``step`` numbered from 1
    where missing)."""
    rows = []
    for wf in items:
        steps = wf.get("steps") or []
        extra = {k: v for k, v in wf.items() if k not in ("id", "workflow", "name", "name_en", "steps")}
        for i, st in enumerate(steps, start=1):
            row = {"workflow": wf.get("id", wf.get("workflow", "")), "name": wf.get("name", ""),
                   "name_en": wf.get("name_en", ""), **extra}
            row.update(dict(st))
            row.setdefault("step", i)
            rows.append(row)
    return pd.DataFrame(rows) if rows else pd.DataFrame()
