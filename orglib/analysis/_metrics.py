"""Measures of one design (:func:`metrics`), the rows that :func:`~orglib.analysis.compare` shows."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .._core import Org, OrgInputError
from .._core.tree import head_index
from ._coverage import FOUR_ROLES, _items, _unit_ancestors, coverage
from ._spans import graicunas, spans_layers

METRICS: dict[str, tuple[str, str]] = {
    "headcount": ("人数", "headcount"),
    "posts": ("岗位数", "posts"),
    "units": ("单位数", "units"),
    "managers": ("管理者(人)", "managers (people)"),
    "layers": ("管理层级", "layers"),
    "mean_span": ("平均管理幅度", "mean span"),
    "median_span": ("管理幅度中位数", "median span"),
    "max_span": ("最大管理幅度", "max span"),
    "management_overhead": ("管理人员占比", "management overhead share"),
    "cost": ("人力成本", "cost"),
    "avg_steps_to_head": ("一线到负责人平均层级数", "avg steps front line → head"),
    "duplicated_functions": ("跨单位重复职能数", "functions duplicated across units"),
    "duplicated_titles": ("跨单位重复岗位名称数", "titles repeated across units"),
    "cross_unit_assists": ("跨单位辅助关系数", "cross-unit assists links"),
    "cross_unit_links": ("跨单位虚线/协作关系数", "cross-unit dotted/collaborates links"),
    "centralization": ("汇报树度中心势", "degree centralization"),
    "head_span": ("负责人管理幅度", "head's span"),
    "head_graicunas": ("负责人格拉丘纳斯关系数", "head's Graicunas relationships"),
    "roles_covered": ("四大职能覆盖", "four roles covered"),
    "roles_missing": ("缺失的四大职能", "four roles missing"),
    "mix_covered": ("4P/4C/4R 覆盖", "4P/4C/4R covered"),
    "mix_missing": ("缺失的 4P/4C/4R 要素", "4P/4C/4R elements missing"),
}
"""Rows of :func:`compare`: key → (zh, en) label."""


def _units_of_posts(org: Org) -> dict[str, str]:
    return {pid: (u or f"@{pid}") for pid, u in zip(org.positions["id"], org.positions["unit"], strict=True)}


def _endpoint_unit(org: Org, ref: str, unit_of: dict[str, str]) -> str | None:
    if ref in unit_of:
        return unit_of[ref]
    if ref in set(org.units["id"]):
        return ref
    return None


def _duplicated_functions(org: Org) -> int:
    """Function tags held by two or more units, neither an ancestor of the other."""

    anc = _unit_ancestors(org)
    holders: dict[str, list[str]] = {}
    for uid, funcs in zip(org.units["id"], org.units["functions"], strict=True):
        for t in _items(funcs):
            holders.setdefault(str(t), []).append(uid)
    count = 0
    for units in holders.values():
        kept = [u for u in units if not any(u in anc.get(v, set()) for v in units if v != u)]
        count += len(kept) >= 2
    return count


def metrics(org: Org) -> dict[str, Any]:
    """Structural figures of one Org (the rows of :func:`compare`).

    ``cost`` is the sum of cost × headcount over posts with a known cost (NaN when
    none is known). ``avg_steps_to_head`` averages, over front-line posts (posts
    with people and no reports), the number of reporting steps up to the top.
    ``centralization`` is Freeman's degree centralization of the reporting tree
    (1 for a star, near 0 for a chain). ``head_graicunas`` counts the relationships
    of the head with its direct reports per incumbent (rounded up).

    >>> from orglib._core.model import Org
    >>> org = Org.from_records([{"id": "m", "headcount": 1},
    ...     *[{"id": f"e{i}", "reports_to": "m", "headcount": 1} for i in range(4)]])
    >>> m = metrics(org)
    >>> m["centralization"], m["head_span"], m["head_graicunas"]
    (1.0, 4.0, 44)
    """

    if not isinstance(org, Org):
        raise OrgInputError(f"expected an Org, got {type(org).__name__} / 需要一个 Org 对象")
    sl = spans_layers(org)
    s = sl.summary
    posts = sl.posts
    hc = org.headcounts()
    parent = org.parent_index()
    cost = org.positions["cost"].to_numpy(dtype=float)
    known = ~np.isnan(cost)
    front = (~posts["is_manager"].to_numpy()) & (hc > 0)
    layer = posts["layer"].to_numpy()
    avg_steps = float(np.mean(layer[front] - 1)) if front.any() else math.nan

    n = len(parent)
    deg = posts["direct_reports"].to_numpy() + (parent >= 0)
    centralization = float(np.sum(deg.max() - deg) / ((n - 1) * (n - 2))) if n >= 3 else math.nan

    head = head_index(parent, org.headcounts())
    head_span = float(posts["span"].to_numpy()[head])
    head_g = graicunas(math.ceil(head_span - 1e-9)).total if math.isfinite(head_span) else None

    unit_of = _units_of_posts(org)
    cross_assists = cross_links = 0
    for rec in org.links.to_dict("records"):
        ua, ub = _endpoint_unit(org, rec["from"], unit_of), _endpoint_unit(org, rec["to"], unit_of)
        if ua is None or ub is None or ua == ub:
            continue
        if rec["kind"] == "assists":
            cross_assists += 1
        elif rec["kind"] in ("dotted", "collaborates"):
            cross_links += 1

    titles = org.positions.loc[~posts["is_manager"].to_numpy() & (org.positions["title"] != ""),
                               ["title", "unit"]]
    dup_titles = int((titles.groupby("title")["unit"].nunique() >= 2).sum())

    cov = coverage(org)
    roles = cov[cov["tag"].isin(FOUR_ROLES)]
    mix = cov[~cov["tag"].isin(FOUR_ROLES)]
    return {
        "headcount": s["headcount"],
        "posts": s["posts"],
        "units": int(len(org.units)),
        "managers": s["managers"],
        "layers": s["layers"],
        "mean_span": s["mean_span"],
        "median_span": s["median_span"],
        "max_span": s["max_span"],
        "management_overhead": s["managers"] / s["headcount"] if s["headcount"] else math.nan,
        "cost": float(np.sum(cost[known] * hc[known])) if known.any() else math.nan,
        "avg_steps_to_head": avg_steps,
        "duplicated_functions": _duplicated_functions(org),
        "duplicated_titles": dup_titles,
        "cross_unit_assists": cross_assists,
        "cross_unit_links": cross_links,
        "centralization": centralization,
        "head_span": head_span,
        "head_graicunas": head_g,
        "roles_covered": f"{int(roles['covered'].sum())}/{len(roles)}",
        "roles_missing": roles.loc[~roles["covered"], "tag"].tolist(),
        "mix_covered": f"{int(mix['covered'].sum())}/{len(mix)}",
        "mix_missing": mix.loc[~mix["covered"], "tag"].tolist(),
    }
