"""The functions of a design, as the layout generators of :mod:`orglib.designs` take them.

The explorer compares the current design with a generated centralized, regional, product
or matrix layout of the *same* functions: :func:`derive_functions` reads them off the
reporting tree (one per sub-tree under the head of the department).
"""

from __future__ import annotations

import re

import numpy as np

from .._core import Org, OrgInputError, head_index, subtree_totals

__all__ = ["MAX_FUNCTIONS", "derive_functions"]

MAX_FUNCTIONS = 12
"""A generated layout groups the current design's smaller functions beyond this into 其他."""

_SUFFIXES = ("总经理", "副总监", "总监", "经理", "主管", "负责人", "部长", "主任", "组长")


def derive_functions(org: Org, *, shared_below: int = 0) -> list[dict]:
    """The current design's functions, for :data:`orglib.designs.LAYOUTS`: one per sub-tree under the head.

    Each direct report of the head (:func:`orglib._core.tree.head_index`) is a function
    whose headcount is everyone in its sub-tree; posts with the same name (unit name, or
    title without 经理/主管 …) are merged, and beyond :data:`MAX_FUNCTIONS` the smallest are
    pooled as 其他. A function smaller than ``shared_below`` people stays central (shared)
    in a decentralized layout, since it cannot staff every region.

    Examples
    --------
    >>> from orglib.designs import template
    >>> [(f["name"], f["headcount"]) for f in derive_functions(template("duocai-asis"))][:2]
    [('大区推广', 6), ('专卖店设计与管理', 3)]
    """
    pos = org.positions
    parent = org.parent_index()
    hc = org.headcounts()
    if len(pos) < 2:
        raise OrgInputError(en="the design has a single post: nothing to lay out",
                            zh="设计只有一个岗位,无法生成布局")
    total = subtree_totals(parent, hc)  # the post and everyone below it
    head = head_index(parent, hc)
    kids = np.flatnonzero(parent == head)
    if kids.size == 0:
        raise OrgInputError(en="the head has no reports: nothing to lay out", zh="负责人没有下属,无法生成布局")
    units = org.units
    unit_names = dict(zip(units["id"], units["name"], strict=True)) if len(units) else {}
    unit_en = dict(zip(units["id"], units["name_en"], strict=True)) if len(units) else {}
    unit_tags = dict(zip(units["id"], units["functions"], strict=True)) if len(units) else {}
    head_unit = pos["unit"].iat[head]
    groups: dict[str, dict] = {}
    for k in kids:
        unit = pos["unit"].iat[k]
        if unit and unit != head_unit and unit_names.get(unit):
            name, name_en = unit_names[unit], unit_en.get(unit) or unit_names[unit]
        else:
            title = re.sub(r"[((].*?[))]", "", str(pos["title"].iat[k] or pos["id"].iat[k])).strip()
            name = title
            for suf in _SUFFIXES:
                if name.endswith(suf) and len(name) > len(suf):
                    name = name[: -len(suf)]
                    break
            name = name or title
            name_en = str(pos["title_en"].iat[k] or name)
        g = groups.setdefault(name, {"name": name, "name_en": name_en, "headcount": 0.0, "tags": set()})
        g["headcount"] += float(total[k])
        tags = unit_tags.get(unit) or []
        g["tags"].update(str(x) for x in (tags if isinstance(tags, list) else []))
    items = sorted(groups.values(), key=lambda g: -g["headcount"])
    if len(items) > MAX_FUNCTIONS:
        rest = items[MAX_FUNCTIONS - 1:]
        items = items[: MAX_FUNCTIONS - 1] + [{
            "name": "其他", "name_en": "Other", "headcount": sum(g["headcount"] for g in rest),
            "tags": set().union(*(g["tags"] for g in rest))}]
    out = []
    for i, g in enumerate(items, start=1):
        h = max(1, int(round(g["headcount"])))
        out.append({"id": f"fn{i}", "name": g["name"], "name_en": g["name_en"], "headcount": h,
                    "tags": sorted(g["tags"]), "shared": h < shared_below})
    return out
