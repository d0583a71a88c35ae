"""Comparing designs side by side, and a structural diff between two Orgs.

:func:`metrics` measures one Org; :func:`compare` puts any number of Orgs side by
side (as-is vs to-be, or several options); :func:`diff` lists posts added, removed,
moved, re-titled and re-staffed between two Orgs (posts matched by id).

Examples
--------
>>> from orglib.model import Org
>>> a = Org.from_records([{"id": "m", "title": "经理", "headcount": 1},
...                       {"id": "e", "title": "专员", "reports_to": "m", "headcount": 4}],
...                      meta={"name": "现状"})
>>> b = Org.from_records([{"id": "m", "title": "经理", "headcount": 1},
...                       {"id": "s", "title": "主管", "reports_to": "m", "headcount": 1},
...                       {"id": "e", "title": "专员", "reports_to": "s", "headcount": 6}],
...                      meta={"name": "方案"})
>>> compare(a, b).loc[["headcount", "layers", "management_overhead"]].values.tolist()
[[5.0, 8.0], [2, 3], [0.2, 0.25]]
>>> diff(a, b).summary
{'added': 1, 'removed': 0, 'moved': 1, 'retitled': 0, 'headcount_changed': 1}
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ._callable import callable_module
from .errors import OrgInputError
from .i18n import check_lang, tr
from .model import Org

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
    from .raci import _items, _unit_ancestors

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

    >>> from orglib.model import Org
    >>> org = Org.from_records([{"id": "m", "headcount": 1},
    ...     *[{"id": f"e{i}", "reports_to": "m", "headcount": 1} for i in range(4)]])
    >>> m = metrics(org)
    >>> m["centralization"], m["head_span"], m["head_graicunas"]
    (1.0, 4.0, 44)
    """
    from .raci import FOUR_ROLES, coverage
    from .spans import graicunas, spans_layers

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

    roots = np.flatnonzero(parent < 0)
    head = roots[np.argmax(posts["people_below"].to_numpy()[roots])]
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


def _names(orgs: Sequence[Org], names: Sequence[str] | None, lang: str) -> list[str]:
    if names is not None:
        if len(names) != len(orgs):
            raise OrgInputError(f"{len(names)} names for {len(orgs)} orgs / 名称数量与组织数量不符")
        base = [str(x) for x in names]
    else:
        base = [o.label(lang) for o in orgs]
    out: list[str] = []
    for b in base:
        name, k = b, 2
        while name in out:
            name, k = f"{b} #{k}", k + 1
        out.append(name)
    return out


def compare(*orgs: Org, names: Sequence[str] | None = None, lang: str | None = None) -> pd.DataFrame:
    """Side-by-side table of any number of Orgs: one row per metric, one column per Org.

    Parameters
    ----------
    *orgs : Org
        Two or more designs (one works too).
    names : list of str, optional
        Column names; default each Org's name (made unique).
    lang : "zh", "en" or None
        None keeps metric keys (see :data:`METRICS`) as the index; "zh"/"en" use labels.

    Examples
    --------
    >>> from orglib.model import Org
    >>> a = Org.from_records([{"id": "m", "headcount": 1}, {"id": "e", "reports_to": "m", "headcount": 3}])
    >>> compare(a, a, names=["A", "B"]).loc["head_span"].tolist()
    [3.0, 3.0]
    """
    if not orgs:
        raise OrgInputError("compare needs at least one org / 至少需要一个组织")
    if len(orgs) == 1 and isinstance(orgs[0], list | tuple):
        orgs = tuple(orgs[0])
    if lang is not None:
        check_lang(lang)
    cols = _names(orgs, names, lang or "zh")
    data = {c: pd.Series(metrics(o), dtype=object) for c, o in zip(cols, orgs, strict=True)}
    table = pd.DataFrame(data).reindex(list(METRICS))
    table.index.name = "metric"
    if lang is not None:
        table.index = [tr(*METRICS[k], lang) for k in table.index]
    return table


# ----------------------------------------------------------------- diff
@dataclass(frozen=True)
class OrgDiff:
    """Structural differences between two Orgs.

    changes : DataFrame with id, change (added, removed, moved, retitled,
        headcount_changed), field, before, after, title.
    summary : dict, count per change.
    """

    changes: pd.DataFrame
    summary: dict

    def to_dict(self) -> dict[str, Any]:
        return {"summary": self.summary, "changes": self.changes}


CHANGES: dict[str, tuple[str, str]] = {
    "added": ("新增", "added"), "removed": ("撤销", "removed"), "moved": ("调整汇报/单位", "moved"),
    "retitled": ("改名", "re-titled"), "headcount_changed": ("定员变化", "headcount changed"),
}


def _keyed(org: Org, match: str) -> pd.DataFrame:
    """Positions indexed by the matching key; ``reports_to`` expressed in the same key."""
    pos = org.positions[["id", "title", "unit", "reports_to", "headcount"]].copy()
    if match == "title":
        seen: dict[str, int] = {}
        keys = []
        for t in pos["title"]:
            seen[t] = seen.get(t, 0) + 1
            keys.append(t if seen[t] == 1 else f"{t} #{seen[t]}")
        key_of = dict(zip(pos["id"], keys, strict=True))
        pos["reports_to"] = [key_of.get(r, r) for r in pos["reports_to"]]
        pos.index = pd.Index(keys)
    else:
        pos.index = pd.Index(pos["id"])
    return pos[~pos.index.duplicated()]


def diff(a: Org, b: Org, *, match: str = "id") -> OrgDiff:
    """Posts added, removed, moved (new manager or unit), re-titled and re-staffed from
    ``a`` to ``b``.

    Posts are matched by ``id`` (default) or, with ``match="title"``, by title (for
    two files with different id schemes; the second post of the same title is
    ``"title #2"``, and re-titling cannot be seen).

    >>> from orglib.model import Org
    >>> a = Org.from_records([{"id": "m", "title": "经理", "headcount": 1},
    ...                       {"id": "x", "title": "专员", "reports_to": "m", "headcount": 2}])
    >>> b = Org.from_records([{"id": "m", "title": "总监", "headcount": 1}])
    >>> diff(a, b).changes[["id", "change"]].values.tolist()
    [['m', 'retitled'], ['x', 'removed']]
    """
    if match not in ("id", "title"):
        raise OrgInputError(f"match must be 'id' or 'title', got {match!r} / 匹配方式须为 id 或 title")
    pa, pb = _keyed(a, match), _keyed(b, match)
    rows: list[dict] = []

    def add(rec: pd.Series, change: str, fld: str, before: Any, after: Any) -> None:
        rows.append({"id": rec["id"], "change": change, "field": fld, "before": before,
                     "after": after, "title": rec["title"]})

    for key in pa.index:
        ra = pa.loc[key]
        if key not in pb.index:
            add(ra, "removed", "", ra["title"], "")
            continue
        rb = pb.loc[key]
        if ra["title"] != rb["title"]:
            add(rb, "retitled", "title", ra["title"], rb["title"])
        for fld in ("reports_to", "unit"):
            if ra[fld] != rb[fld]:
                add(rb, "moved", fld, ra[fld], rb[fld])
        ha, hb = ra["headcount"], rb["headcount"]
        if not (ha == hb or (math.isnan(ha) and math.isnan(hb))):
            add(rb, "headcount_changed", "headcount", ha, hb)
    for key in pb.index:
        if key not in pa.index:
            rb = pb.loc[key]
            add(rb, "added", "", "", rb["title"])
    changes = pd.DataFrame(rows, columns=["id", "change", "field", "before", "after", "title"])
    summary = {k: int(changes.loc[changes["change"] == k, "id"].nunique()) for k in CHANGES}
    return OrgDiff(changes, summary)


callable_module(__name__)
