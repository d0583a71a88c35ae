"""What one input file may cost, checked before (and while) it is parsed.

A 400-byte YAML alias bomb, a 5 KB workbook that claims a million rows, a zip that
inflates a thousandfold or a JSON nested 100,000 deep must end in one line that
names the limit, not in minutes of CPU and gigabytes of memory. Every reader asks
:func:`current` for the limits in force; :func:`load <orglib.io.load>` sets them from its
``max_rows=`` / ``max_bytes=`` keywords (the command line's ``--max-rows`` / ``--max-bytes``).

Defaults (:data:`DEFAULT_LIMITS`)
---------------------------------
============================  ===============  ===========================================
resource                      default          overridable by
============================  ===============  ===========================================
file size on disk             256 MiB          ``max_bytes`` / ``--max-bytes``
XLSX uncompressed contents    4 × max_bytes    (follows ``max_bytes``)
rows per table                2,000,000        ``max_rows`` / ``--max-rows``
columns per table             5,000            ``Limits(max_columns=...)``
JSON/YAML nesting depth       800 levels       ``Limits(max_depth=...)``
YAML alias expansion          100,000 nodes    ``Limits(max_alias_nodes=...)``
headcount of one post         0 … 1,000,000    (validation, :data:`HEADCOUNT_RANGE`)
cost per incumbent and year   0 … 1e12         (validation, :data:`COST_RANGE`)
============================  ===============  ===========================================

>>> with limits(max_rows=10):
...     current().max_rows
10
>>> current().max_bytes == 256 * 2**20
True
"""

from __future__ import annotations

import contextlib
import contextvars
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, replace

import numpy as np

from .._core import OrgInputError, Problem

HEADCOUNT_RANGE = (0.0, 1_000_000.0)
"""Allowed headcount of one post (岗位定员): finite, from 0 (vacant) to a million."""

COST_RANGE = (0.0, 1e12)
"""Allowed cost per incumbent and year: finite, from 0 to 10^12 (any currency)."""


@dataclass(frozen=True)
class Limits:
    """Bounds on what one input file may cost (see the module doc for the defaults)."""

    max_bytes: int = 256 * 2**20
    max_rows: int = 2_000_000
    max_columns: int = 5_000
    max_depth: int = 800
    max_alias_nodes: int = 100_000

    @property
    def max_unzipped(self) -> int:
        """Uncompressed size of all members of an XLSX workbook."""
        return 4 * self.max_bytes


DEFAULT_LIMITS = Limits()
_CURRENT: contextvars.ContextVar[Limits] = contextvars.ContextVar("orglib_io_limits", default=DEFAULT_LIMITS)


def current() -> Limits:
    """The limits in force for the file being read."""
    return _CURRENT.get()


@contextlib.contextmanager
def limits(*, max_rows: int | None = None, max_bytes: int | None = None,
           **more: int) -> Iterator[Limits]:
    """Set limits for the reads inside the block (None keeps the default)."""
    base = _CURRENT.get()
    changes = {k: v for k, v in {"max_rows": max_rows, "max_bytes": max_bytes, **more}.items() if v is not None}
    for k, v in changes.items():
        if not isinstance(v, int) or isinstance(v, bool) or v < 1:
            raise OrgInputError(en=f"{k} must be a whole number ≥ 1, got {v!r}",
                                zh=f"{k} 必须是不小于 1 的整数,收到 {v!r}")
    token = _CURRENT.set(replace(base, **changes))
    try:
        yield _CURRENT.get()
    finally:
        _CURRENT.reset(token)


def _size(n: float) -> str:
    for unit in ("bytes", "KiB", "MiB", "GiB", "TiB"):
        if n < 1024 or unit == "TiB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} bytes"  # pragma: no cover


def refuse(file: str, code: str, en: str, zh: str, row: int | None = None) -> OrgInputError:
    """The one-line error of a limit: ``FILE: what (limit ...) [code]``."""
    p = Problem(file, row, "", code, en, zh)
    return OrgInputError(en=p.text("en"), zh=p.text("zh"), problems=[p])


def _refuse_over(file: str, value: int, limit: int, code: str, en: str, zh: str) -> None:
    """Raise :func:`refuse` when ``value`` is over ``limit`` (the texts name the limit)."""
    if value > limit:
        raise refuse(file, code, en, zh)


def check_bytes(file: str, size: int) -> None:
    """Refuse a file larger than ``max_bytes``."""
    lim = current().max_bytes
    _refuse_over(file, size, lim, "too_large",
                 f"the file is {_size(size)}, over the limit of {_size(lim)} (max_bytes; --max-bytes)",
                 f"文件大小为 {_size(size)},超过上限 {_size(lim)}(max_bytes;--max-bytes)")


def check_rows(file: str, n: int) -> None:
    """Refuse a table with more than ``max_rows`` rows."""
    lim = current().max_rows
    _refuse_over(file, n, lim, "too_many_rows", f"more than {lim:,} rows, the limit (max_rows; --max-rows)",
                 f"超过 {lim:,} 行的上限(max_rows;--max-rows)")


def check_columns(file: str, n: int) -> None:
    """Refuse a table with more than ``max_columns`` columns."""
    lim = current().max_columns
    _refuse_over(file, n, lim, "too_many_columns", f"{n:,} columns, over the limit of {lim:,} (max_columns)",
                 f"共 {n:,} 列,超过 {lim:,} 列的上限(max_columns)")


def depth_error(file: str) -> OrgInputError:
    lim = current().max_depth
    return refuse(file, "too_deep", f"nested more than {lim} levels deep, the limit (max_depth)",
                  f"嵌套超过 {lim} 层的上限(max_depth)")


_JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.S)


_YAML_QUOTED = re.compile(rb'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\n]|\'\')*\'')


def bracket_depth(data: bytes, *, strings: bool = True) -> int:
    """Deepest nesting of JSON ``[``/``{`` outside strings (vectorized; no parser recursion).

    >>> bracket_depth(b'{"a": [[1], "[[[["]}')
    3
    """
    arr = np.frombuffer(_JSON_STRING.sub(b'""', data) if strings else data, dtype=np.uint8)
    step = np.zeros(len(arr), dtype=np.int32)
    step[(arr == ord("[")) | (arr == ord("{"))] = 1
    step[(arr == ord("]")) | (arr == ord("}"))] = -1
    return int(np.cumsum(step).max(initial=0))


def check_json_depth(file: str, data: bytes) -> None:
    """Refuse JSON nested deeper than ``max_depth`` before the (recursive) parser sees it."""
    if bracket_depth(data) > current().max_depth:
        raise depth_error(file)


def safe_yaml(text: str, file: str):
    """``yaml.safe_load`` that refuses alias bombs and too deep documents.

    The document is composed into nodes first (aliases stay shared there); its depth
    and the nodes its aliases would repeat are counted without recursion, and only
    then is it turned into Python values. Aliases may repeat at most
    ``max_alias_nodes`` nodes in all, so a document without aliases is never refused
    by that rule.
    """
    import yaml

    if "[" in text or "{" in text:  # flow style: brackets outside quotes
        data = text.encode("utf-8", "surrogatepass")
        if bracket_depth(_YAML_QUOTED.sub(b"''", data), strings=False) > current().max_depth:
            raise depth_error(file)
    indents = {len(m.group(1)) for m in re.finditer(r"(?m)^( *)[^\s#]", text)}
    if len(indents) > current().max_depth:  # block style nests by indentation
        raise depth_error(file)
    loader = yaml.SafeLoader(text)
    try:
        try:
            node = loader.get_single_node()
        except RecursionError:
            raise depth_error(file) from None
        if node is None:
            return None
        lim = current()
        extra, depth = _expansion(node, lim.max_alias_nodes, lim.max_depth)
        if depth > lim.max_depth:
            raise depth_error(file)
        if extra < 0:
            raise refuse(file, "alias_bomb", "a YAML alias refers to itself (an endless structure)",
                         "YAML 别名引用了自身(无限结构)")
        if extra > lim.max_alias_nodes:
            raise refuse(file, "alias_bomb",
                         f"YAML aliases expand to more than {lim.max_alias_nodes:,} extra nodes, "
                         "the limit (max_alias_nodes): write the values out, or drop the aliases",
                         f"YAML 别名展开后超过 {lim.max_alias_nodes:,} 个额外节点的上限"
                         "(max_alias_nodes):请直接写出取值或去掉别名")
        try:
            return loader.construct_document(node)
        except RecursionError:
            raise depth_error(file) from None
    finally:
        loader.dispose()


def _expansion(root, cap: int, max_depth: int) -> tuple[int, int]:
    """(nodes the aliases repeat, deepest nesting) of a composed YAML document; -1
    repeated nodes for an alias inside the node it names (endless when read as a tree).

    Stops counting once either passes its cap.
    """
    import yaml

    def kids(node) -> list:
        if isinstance(node, yaml.SequenceNode):
            return list(node.value)
        if isinstance(node, yaml.MappingNode):
            return [x for pair in node.value for x in pair]
        return []

    size: dict[int, int] = {}
    seen: set[int] = set()
    extra = deepest = 0
    stack = [(root, False, 1)]
    while stack:
        node, done, depth = stack.pop()
        key = id(node)
        if done:
            size[key] = 1 + sum(size.get(id(k), 1) for k in kids(node))
            continue
        if key in seen:  # an alias: its whole subtree again
            if key not in size:  # still open: the alias sits inside what it names
                return -1, deepest
            extra += size.get(key, 1)
            if extra > cap:
                break
            continue
        seen.add(key)
        deepest = max(deepest, depth)
        if deepest > max_depth:
            break
        stack.append((node, True, depth))
        stack.extend((k, False, depth + 1) for k in kids(node))
    return extra, deepest


def check_zip(file: str, path) -> None:
    """Refuse a workbook whose members inflate beyond ``max_unzipped`` (a zip bomb)."""
    lim = current().max_unzipped
    try:
        with zipfile.ZipFile(path) as zf:
            total = sum(max(0, i.file_size) for i in zf.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # the reader says what is wrong with it
    if total > lim:
        raise refuse(file, "too_large",
                     f"the workbook inflates to {_size(total)}, over the limit of {_size(lim)} "
                     "(4 × max_bytes; --max-bytes)",
                     f"工作簿解压后为 {_size(total)},超过上限 {_size(lim)}(4 × max_bytes;--max-bytes)")
