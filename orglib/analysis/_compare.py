"""Comparing designs side by side, and a structural diff between two Orgs.

:func:`metrics` measures one Org; :func:`compare` puts any number of Orgs side by
side (as-is vs to-be, or several options); :func:`diff` lists posts added, removed,
moved, re-titled and re-staffed between two Orgs (posts matched by id).

Examples
--------
>>> from orglib._core.model import Org
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

import pandas as pd

from .._core import Org, OrgInputError, check_lang, tr
from ._metrics import METRICS, metrics


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
    >>> from orglib._core.model import Org
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

    >>> from orglib._core.model import Org
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


