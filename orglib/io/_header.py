"""Where the header row is: a client's sheet often starts with a title line (a
花名册 title, a merged title cell) above the real header.

>>> find_header([["市场部花名册 2024"], [], ["工号", "姓名", "上级工号"], ["1", "张三", ""]])
(2, '')
>>> find_header([["id", "title"], ["1", "a"]])
(0, '')
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .._core import WARNING, Problem
from ._columns import field_for

SCAN_ROWS = 30
"""How many leading rows may hold titles before the header."""


def _filled(row: Sequence[str]) -> int:
    return sum(1 for c in row if str(c).strip())


def find_header(rows: Sequence[Sequence[str]]) -> tuple[int, str]:
    """(index of the header row among ``rows``, "" or why the choice is ambiguous).

    The header is the first row with at least two cells naming known fields; failing
    that, the first row as wide as most rows below it. Row 0 when nothing stands out.
    """
    head = [list(r) for r in rows[:SCAN_ROWS]]
    if not head:
        return 0, ""
    known = [sum(1 for c in r if str(c).strip() and field_for(str(c).strip())) for r in head]
    candidates = [i for i, k in enumerate(known) if k >= 2]
    if candidates:
        first = candidates[0]
        others = [i for i in candidates[1:] if known[i] >= known[first]]
        note = ""
        if first > 0 and others:
            note = f"rows {first + 1} and {others[0] + 1} both look like a header; used row {first + 1}"
        return first, note
    widths = Counter(_filled(r) for r in head[1:] if _filled(r))
    if not widths:
        return 0, ""
    modal = widths.most_common(1)[0][0]
    if _filled(head[0]) >= max(2, modal) or modal < 2:
        return 0, ""
    for i, r in enumerate(head):
        if _filled(r) >= modal:
            return i, ("no column names a known field; took the first full row as the header"
                       if i > 0 else "")
    return 0, ""


def title_rows_problem(where: str, head: Sequence[Sequence[str]], hdr: int, skipped: int, unit: str,
                       note: str = "") -> Problem:
    """The warning that ``skipped`` title lines/rows above the header row ``hdr`` were left out.

    >>> title_rows_problem("a.csv", [["花名册"], ["工号", "上级"]], 1, 1, "line").text("en")
    "a.csv:2: skipped 1 line(s) above the header ('花名册') [title_rows] (warning)"
    """
    titles = " | ".join(" ".join(c for c in r if c.strip()) for r in head[:hdr] if any(c.strip() for c in r))
    unit_zh = "行"
    return Problem(where, hdr + 1, "", "title_rows",
                   f"skipped {skipped} {unit}(s) above the header ({titles[:60]!r})" + (f"; {note}" if note else ""),
                   f"跳过表头上方的 {skipped} {unit_zh}({titles[:60]!r})" + (f";{note}" if note else ""),
                   WARNING)

