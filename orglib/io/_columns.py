"""Recognise the columns of a client's HR export, in English or Chinese.

HR exports come one row per person or per post with whatever column names the
client's system uses. :func:`map_columns` finds the core fields by alias (the one
table in ``data/io/columns.yaml``; case, spaces, ``_``, ``-`` and camel humps ignored)
or by an explicit mapping, and leaves every other
column as an extra that is kept and written back.

>>> cols, extras = map_columns(["工号", "姓名", "直接上级", "岗位", "部门"], file="hr.csv")
>>> cols
{'id': '工号', 'reports_to': '直接上级', 'title': '岗位', 'unit': '部门'}
>>> extras
['姓名']
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import yaml

from .._core import POSITION_COLUMNS, OrgInputError, Problem
from ..data import data_root

COLUMNS_FILE = data_root() / "io" / "columns.yaml"
"""The one table of column aliases, no-manager tokens and tree keys (``data/io/columns.yaml``)."""


def _norm(name: str) -> str:
    """A column name as matched: lower case without spaces, ``_ - . / ( )`` or camel humps.

    >>> _norm("employeeID"), _norm("Employee ID"), _norm("employee_id"), _norm("Grade (or equivalent)")
    ('employeeid', 'employeeid', 'employeeid', 'gradeorequivalent')
    """
    return re.sub(r"[\s_\-./()（）:：?？\[\]]+", "", str(name)).lower()


with open(COLUMNS_FILE, encoding="utf-8") as _fh:
    _TABLE: dict = yaml.safe_load(_fh)

ALIASES: dict[str, tuple[str, ...]] = {f: tuple(str(n) for n in names)
                                       for f, names in _TABLE["fields"].items()}
"""``{field: names}`` a client's export may use for each field (from ``COLUMNS_FILE``)."""

NO_MANAGER: frozenset[str] = frozenset(str(v) for v in _TABLE["no_manager"])
"""reports_to values meaning "no manager" besides empty (``NULL``, ``N/A``, ``-`` ...)."""

CHILD_KEYS: frozenset[str] = frozenset(_norm(k) for k in _TABLE["child_keys"])
"""Normalised keys under which a nested tree keeps a post's reports (``children`` ...)."""

ORGANOGRAM: dict[str, tuple[str, ...]] = {k: tuple(_norm(n) if k != "top" else str(n) for n in v)
                                          for k, v in _TABLE["organogram"].items()}
"""How a UK government organogram (data.gov.uk senior/junior format) is recognised."""

_ALIAS_INDEX: dict[str, str] = {}
for _field, _names in ALIASES.items():
    for _n in _names:
        _ALIAS_INDEX.setdefault(_norm(_n), _field)
for _f in POSITION_COLUMNS:
    _ALIAS_INDEX.setdefault(_norm(_f), _f)


def field_for(column: str) -> str | None:
    """The field a column name stands for by alias, or None.

    >>> field_for("ParentEmployeeKey"), field_for("上级工号"), field_for("姓名")
    ('reports_to', 'reports_to', None)
    """
    return _ALIAS_INDEX.get(_norm(column))


def map_columns(
    columns: Sequence[str],
    mapping: Mapping[str, str] | None = None,
    *,
    file: str = "",
    aliases: bool = True,
) -> tuple[dict[str, str], list[str]]:
    """Which column holds which field: ``({field: column}, [extra columns])``.

    An explicit ``mapping`` ({field: column}) wins over aliases; an unknown field
    or a column that is not in the file raises :class:`OrgInputError` listing the
    columns there are. When two columns alias the same field, the first is used and
    the other stays an extra.
    """
    columns = [str(c) for c in columns]
    chosen: dict[str, str] = {}
    problems: list[Problem] = []
    for fld, col in (mapping or {}).items():
        if fld not in POSITION_COLUMNS:
            problems.append(Problem(file, None, fld, "unknown_field",
                                    f"--map names unknown field {fld!r} (fields: {', '.join(ALIASES)})",
                                    f"--map 中的字段 {fld!r} 不存在(可用字段:{', '.join(ALIASES)})"))
        elif col not in columns:
            problems.append(Problem(file, 1, col, "unknown_column",
                                    f"--map {fld}={col}: no column {col!r}; columns are: {', '.join(columns)}",
                                    f"--map {fld}={col}:没有列 {col!r};现有列:{', '.join(columns)}"))
        else:
            chosen[fld] = col
    if problems:
        raise OrgInputError(en="\n".join(p.text("en") for p in problems),
                            zh="\n".join(p.text("zh") for p in problems), problems=problems)
    used = set(chosen.values())
    # exact core names first, so a column named like an alias of a present field stays extra
    for col in columns:
        if col in POSITION_COLUMNS and col not in chosen and col not in used:
            chosen[col] = col
            used.add(col)
    if aliases:
        for col in columns:
            if col in used:
                continue
            fld = _ALIAS_INDEX.get(_norm(col))
            if fld and fld not in chosen:
                chosen[fld] = col
                used.add(col)
    extras = [c for c in columns if c not in used]
    return chosen, extras
