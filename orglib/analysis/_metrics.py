"""Measures of one design (:func:`metrics`), the rows that :func:`~orglib.analysis.compare` shows.

:func:`span_metrics` is the fast subset from spans and layers (the explorer's tables).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .._core import Org, OrgInputError, metric_labels
from .._core.tree import head_index
from ._coverage import FOUR_ROLES, _items, _unit_ancestors, coverage
from ._spans import SpansLayers, graicunas, spans_layers

METRICS: dict[str, tuple[str, str]] = metric_labels([
    "headcount", "posts", "units", "managers", "layers", "mean_span", "median_span", "max_span",
    "management_overhead", "cost", "avg_steps_to_head", "duplicated_functions", "duplicated_titles",
    "cross_unit_assists", "cross_unit_links", "centralization", "head_span", "head_graicunas",
    "roles_covered", "roles_missing", "mix_covered", "mix_missing",
])
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


def span_metrics(org: Org, sl: SpansLayers | None = None) -> dict[str, Any]:
    """The figures of :func:`metrics` that follow from spans and layers alone (fast).

    headcount, posts, managers, layers, mean/median/max span, ``management_overhead``
    (people in manager posts / all people) and ``avg_steps_to_head`` (over front-line
    posts — posts with people and no reports — the reporting steps up to the top).
    ``sl`` is a :func:`spans_layers` result of ``org`` already at hand (any target).
    The explorer shows these on every slider move; :func:`metrics` adds the rest.

    >>> from orglib._core.model import Org
    >>> org = Org.from_records([{"id": "m", "headcount": 1}, {"id": "a", "reports_to": "m", "headcount": 1},
    ...     {"id": "a1", "reports_to": "a", "headcount": 4}, {"id": "b", "reports_to": "m", "headcount": 3}])
    >>> m = span_metrics(org)
    >>> m["management_overhead"], m["avg_steps_to_head"]
    (0.2222222222222222, 1.5)
    """
    if sl is None:
        sl = spans_layers(org)
    s = sl.summary
    posts = sl.posts
    hc = org.headcounts()
    front = (~posts["is_manager"].to_numpy()) & (hc > 0)
    layer = posts["layer"].to_numpy()
    return {
        "headcount": s["headcount"],
        "posts": s["posts"],
        "managers": s["managers"],
        "layers": s["layers"],
        "mean_span": s["mean_span"],
        "median_span": s["median_span"],
        "max_span": s["max_span"],
        "management_overhead": s["managers"] / s["headcount"] if s["headcount"] else math.nan,
        "avg_steps_to_head": float(np.mean(layer[front] - 1)) if front.any() else math.nan,
    }


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
    sm = span_metrics(org, sl)
    posts = sl.posts
    hc = org.headcounts()
    parent = org.parent_index()
    cost = org.positions["cost"].to_numpy(dtype=float)
    known = ~np.isnan(cost)

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
        "headcount": sm["headcount"],
        "posts": sm["posts"],
        # units named in the units table or on a post (a client HR file has only the latter)
        "units": len(set(org.units["id"]) | set(org.positions["unit"]) - {""}),
        "managers": sm["managers"],
        "layers": sm["layers"],
        "mean_span": sm["mean_span"],
        "median_span": sm["median_span"],
        "max_span": sm["max_span"],
        "management_overhead": sm["management_overhead"],
        "cost": float(np.sum(cost[known] * hc[known])) if known.any() else math.nan,
        "avg_steps_to_head": sm["avg_steps_to_head"],
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
