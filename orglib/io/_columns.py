"""Recognise the columns of a client's HR export, in English or Chinese.

HR exports come one row per person or per post with whatever column names the
client's system uses. :func:`map_columns` finds the core fields by alias (case,
spaces, ``_`` and ``-`` ignored) or by an explicit mapping, and leaves every other
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

from .._core import POSITION_COLUMNS, OrgInputError, Problem

ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "employee id", "emp id", "employee no", "employee number", "staff id",
           "person id", "post id", "position id", "员工编号", "工号", "岗位编号", "职位编号",
           "人员编号", "编号"),
    "reports_to": ("reports to", "manager", "manager id", "supervisor", "supervisor id",
                   "line manager", "parent", "上级", "直接上级", "上级编号", "上级工号",
                   "直属上级", "汇报对象", "上级岗位"),
    "headcount": ("headcount", "fte", "head count", "定员", "岗位定员", "编制", "人数", "编制人数"),
    "title": ("title", "job title", "position", "position title", "post", "role", "岗位",
              "职位", "岗位名称", "职位名称", "职务"),
    "title_en": ("title en", "english title", "title english", "英文职位", "岗位英文名", "英文岗位"),
    "unit": ("unit", "department", "dept", "team", "org unit", "部门", "所在部门", "科室",
             "所属部门"),
    "cost": ("cost", "salary", "annual cost", "annual salary", "成本", "薪酬", "年薪", "人工成本"),
    "region": ("region", "area", "区域", "大区", "地区"),
    "level": ("level", "grade", "band", "级别", "职级", "层级"),
}


def _norm(name: str) -> str:
    return re.sub(r"[\s_\-./()（）]+", " ", str(name)).strip().lower()


_ALIAS_INDEX: dict[str, str] = {}
for _field, _names in ALIASES.items():
    for _n in _names:
        _ALIAS_INDEX[_norm(_n)] = _field
for _f in POSITION_COLUMNS:
    _ALIAS_INDEX.setdefault(_norm(_f), _f)


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
        raise OrgInputError("\n".join(p.text() for p in problems), problems=problems)
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
