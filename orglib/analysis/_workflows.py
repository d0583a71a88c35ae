"""Workflow metrics (流程): steps, approvals, hand-offs, roles, approval chains, cycle time.

A workflow is the ordered steps of ``org.workflows`` sharing one ``workflow`` id
(e.g. SC-001 … SC-004 of seed 003). Consecutive steps with the same non-empty
``parallel_group`` form one *stage* (a joint sign-off, 共同签准).

Figures per workflow:

* ``steps``, ``stages``, ``approvals`` (steps with ``approves``), ``roles`` (distinct posts);
* ``handoffs`` — consecutive steps whose posts sit in different units; ``role_changes`` —
  consecutive steps done by different posts;
* ``longest_approval_chain`` — most approval stages in a row;
* ``reporting_hops`` — reporting-line steps between consecutive posts (how far the
  paper travels up and down the tree);
* ``cycle_days`` — sum over stages of the longest step in the stage, plus
  ``handoff`` days per unit hand-off. A step's duration is its ``duration_days`` when
  given, else :data:`DEFAULT_DURATIONS` (``action`` 2 days, ``approval`` 1 day,
  ``handoff`` 0.5 day), overridable with ``durations={...}``.

The same workflow can be run on another Org (:func:`run_on`, :func:`compare_workflow`):
each step's post is found there by id with the same title, else by title, else by
English title, else by id; steps whose post cannot be found are counted as ``unmapped``.

Examples
--------
>>> from orglib._core.model import Org
>>> org = Org.from_records(
...     [{"id": "d", "title": "总监", "unit": "mkt", "headcount": 1},
...      {"id": "a", "title": "助理", "unit": "mkt", "reports_to": "d", "headcount": 1},
...      {"id": "g", "title": "总经理", "unit": "co", "headcount": 1}],
...     workflows=[{"workflow": "W", "step": 1, "role": "a", "action": "起草"},
...                {"workflow": "W", "step": 2, "role": "d", "action": "审核", "approves": True},
...                {"workflow": "W", "step": 3, "role": "g", "action": "批准", "approves": True}])
>>> m = workflow_metrics(org).iloc[0]
>>> int(m["steps"]), int(m["approvals"]), int(m["handoffs"]), int(m["longest_approval_chain"])
(3, 2, 1, 2)
>>> float(m["cycle_days"])      # 2 + 1 + 1 + one hand-off 0.5
4.5
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from .._core import Org, OrgInputError, check_lang, metric_labels, tr
from .._core.tree import depths
from ._compare import _names

DEFAULT_DURATIONS: dict[str, float] = {"action": 2.0, "approval": 1.0, "handoff": 0.5}
"""Days per action step, per approval step and per hand-off between units, used where
a step has no ``duration_days``."""

METRIC_LABELS: dict[str, tuple[str, str]] = metric_labels([
    "steps", "stages", "approvals", "handoffs", "role_changes", "roles", "longest_approval_chain",
    "reporting_hops", "cycle_days", "unmapped",
])


def _durations(durations: Mapping[str, float] | None) -> dict[str, float]:
    d = dict(DEFAULT_DURATIONS)
    for k, v in (durations or {}).items():
        if k not in d:
            raise OrgInputError(f"unknown duration {k!r}: use action, approval or handoff "
                                f"/ 未知时长类型 {k!r}")
        try:
            f = float(v)
        except (TypeError, ValueError):
            f = math.nan
        if not math.isfinite(f) or f < 0:
            raise OrgInputError(f"duration {k!r} must be a non-negative number, got {v!r} / 时长须为非负数")
        d[k] = f
    return d


def workflow_ids(org: Org) -> list[str]:
    """Workflow ids in first-seen order.

    >>> from orglib._core.model import Org
    >>> org = Org.from_records([{"id": "a"}], workflows=[{"workflow": "B", "role": "a"},
    ...                                                  {"workflow": "A", "role": "a"}])
    >>> workflow_ids(org)
    ['B', 'A']
    """
    return list(dict.fromkeys(w for w in org.workflows["workflow"] if w))


def _steps(org: Org, workflow: str) -> pd.DataFrame:
    wf = org.workflows
    sub = wf[wf["workflow"] == workflow]
    if sub.empty:
        known = ", ".join(workflow_ids(org)) or "-"
        raise OrgInputError(f"unknown workflow {workflow!r} (known: {known}) / 未知流程 {workflow!r}(已有:{known})")
    order = np.argsort(sub["step"].fillna(np.inf).to_numpy(), kind="stable")
    return sub.iloc[order].reset_index(drop=True)


def _map_roles(steps: pd.DataFrame, source: Org | None, target: Org,
               role_map: Mapping[str, str] | None = None) -> list[str | None]:
    """Post id in ``target`` for each step's role (``role_map`` first: role → post id)."""
    tp = target.positions
    ids = set(tp["id"])
    role_map = dict(role_map or {})
    by_title = dict(zip(tp["title"][::-1], tp["id"][::-1], strict=True))
    by_title_en = {t: i for t, i in zip(tp["title_en"][::-1], tp["id"][::-1], strict=True) if t}
    title_of_target = dict(zip(tp["id"], tp["title"], strict=True))
    src_pos = source.positions if source is not None else tp
    title_of = dict(zip(src_pos["id"], src_pos["title"], strict=True))
    title_en_of = dict(zip(src_pos["id"], src_pos["title_en"], strict=True))
    out: list[str | None] = []
    for role in steps["role"]:
        title = title_of.get(role, "")
        if role_map.get(role) in ids:
            out.append(role_map[role])
        elif role in ids and (source is None or title_of_target.get(role) == title):
            out.append(role)
        elif title and title in by_title:
            out.append(by_title[title])
        elif title_en_of.get(role) and title_en_of[role] in by_title_en:
            out.append(by_title_en[title_en_of[role]])
        elif role in ids:
            out.append(role)
        else:
            out.append(None)
    return out


def _hops(org: Org, a: str, b: str, row_of: dict[str, int], depth: np.ndarray) -> int:
    """Reporting-line steps between posts ``a`` and ``b`` (via their lowest common manager)."""
    parent = org.parent_index()
    i, j = row_of[a], row_of[b]
    n = 0
    while depth[i] > depth[j]:
        i, n = parent[i], n + 1
    while depth[j] > depth[i]:
        j, n = parent[j], n + 1
    while i != j:
        if parent[i] < 0 or parent[j] < 0:
            return n + int(depth[i]) + int(depth[j]) + 2  # separate trees: through both tops
        i, j, n = parent[i], parent[j], n + 2
    return n


def _metrics(steps: pd.DataFrame, roles: list[str | None], org: Org, d: dict[str, float]) -> dict[str, Any]:

    unit_of = dict(zip(org.positions["id"], org.positions["unit"], strict=True))
    row_of = {pid: k for k, pid in enumerate(org.positions["id"])}
    depth = depths(org.parent_index())
    approves = steps["approves"].to_numpy(dtype=bool)
    group = steps["parallel_group"].astype(str).to_numpy() if "parallel_group" in steps else \
        np.full(len(steps), "", dtype=object)
    # stages: consecutive steps sharing a non-empty parallel_group
    stage = np.zeros(len(steps), dtype=int)
    for k in range(1, len(steps)):
        same = group[k] != "" and group[k] == group[k - 1]
        stage[k] = stage[k - 1] + (0 if same else 1)
    dur = steps["duration_days"].to_numpy(dtype=float)
    dur = np.where(np.isnan(dur), np.where(approves, d["approval"], d["action"]), dur)
    mapped = [r for r in roles if r is not None]
    handoffs = role_changes = hops = 0
    prev: str | None = None
    for r in roles:
        if r is None:
            continue
        if prev is not None and r != prev:
            role_changes += 1
            ua, ub = unit_of.get(prev) or f"@{prev}", unit_of.get(r) or f"@{r}"
            handoffs += ua != ub
            hops += _hops(org, prev, r, row_of, depth)
        prev = r
    n_stages = int(stage.max()) + 1 if len(steps) else 0
    stage_dur = np.zeros(n_stages)
    np.maximum.at(stage_dur, stage, dur)
    stage_appr = np.zeros(n_stages, dtype=bool)
    np.logical_or.at(stage_appr, stage, approves)
    longest = run = 0
    for a in stage_appr:
        run = run + 1 if a else 0
        longest = max(longest, run)
    return {
        "steps": int(len(steps)), "stages": n_stages, "approvals": int(approves.sum()),
        "handoffs": int(handoffs), "role_changes": int(role_changes), "roles": len(set(mapped)),
        "longest_approval_chain": int(longest), "reporting_hops": int(hops),
        "cycle_days": float(stage_dur.sum() + d["handoff"] * handoffs),
        "unmapped": int(sum(r is None for r in roles)),
    }


def workflow_metrics(org: Org, workflow: str | Sequence[str] | None = None, *,
                     durations: Mapping[str, float] | None = None) -> pd.DataFrame:
    """Metrics of each workflow of ``org`` (or the ones named), one row per workflow.

    Parameters
    ----------
    org : Org
    workflow : id or list of ids, optional (default: all)
    durations : mapping, optional
        Overrides of :data:`DEFAULT_DURATIONS` (``action``, ``approval``, ``handoff``).

    Examples
    --------
    >>> from orglib._core.model import Org
    >>> org = Org.from_records([{"id": "a", "unit": "u", "headcount": 1}],
    ...     workflows=[{"workflow": "W", "name": "流程", "role": "a", "action": "做"}])
    >>> workflow_metrics(org, durations={"action": 3})[["workflow", "steps", "cycle_days"]].values.tolist()
    [['W', 1, 3.0]]
    """
    d = _durations(durations)
    ids = workflow_ids(org) if workflow is None else ([workflow] if isinstance(workflow, str) else list(workflow))
    if not ids:
        raise OrgInputError("the org has no workflows / 该组织没有流程")
    rows = []
    for wid in ids:
        steps = _steps(org, wid)
        rows.append({"workflow": wid, "name": steps["name"].iloc[0], "name_en": steps["name_en"].iloc[0],
                     **_metrics(steps, _map_roles(steps, None, org), org, d)})
    return pd.DataFrame(rows)


def steps_table(org: Org, workflow: str, target: Org | None = None, *, lang: str = "zh") -> pd.DataFrame:
    """The steps of ``workflow`` with the post (in ``target``, default ``org``) doing each.

    >>> from orglib._core.model import Org
    >>> org = Org.from_records([{"id": "a", "title": "助理", "unit": "u", "headcount": 1}],
    ...     workflows=[{"workflow": "W", "role": "a", "action": "起草"}])
    >>> steps_table(org, "W")[["step", "post", "title", "unit"]].values.tolist()
    [[1, 'a', '助理', 'u']]
    """
    check_lang(lang)
    target = target or org
    steps = _steps(org, workflow)
    roles = _map_roles(steps, org, target)
    tp = target.positions.set_index("id")
    tp = tp[~tp.index.duplicated()]
    title_col = "title_en" if lang == "en" else "title"
    action = steps["action_en"].where((steps["action_en"] != "") & (lang == "en"), steps["action"])
    return pd.DataFrame({
        "step": range(1, len(steps) + 1),
        "post": [r or "" for r in roles],
        "title": [(tp.at[r, title_col] or tp.at[r, "title"]) if r else "" for r in roles],
        "unit": [tp.at[r, "unit"] if r else "" for r in roles],
        "action": action.to_numpy(),
        "approves": steps["approves"].to_numpy(dtype=bool),
    })


def run_on(source: Org, target: Org, workflow: str, *,
           durations: Mapping[str, float] | None = None,
           role_map: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Metrics of ``source``'s ``workflow`` performed by the posts of ``target``.

    ``role_map`` (source role → target post id) overrides the automatic matching for
    the roles it names (ids not in ``target`` are ignored).

    >>> from orglib._core.model import Org
    >>> a = Org.from_records([{"id": "x", "title": "专员", "unit": "u", "headcount": 1}],
    ...     workflows=[{"workflow": "W", "role": "x", "action": "做"}])
    >>> b = Org.from_records([{"id": "y", "title": "经理", "headcount": 1}])
    >>> run_on(a, b, "W")["unmapped"]
    1
    """
    steps = _steps(source, workflow)
    return _metrics(steps, _map_roles(steps, source, target, role_map), target, _durations(durations))


def compare_workflow(*orgs: Org, workflow: str, source: Org | None = None,
                     names: Sequence[str] | None = None, lang: str | None = None,
                     durations: Mapping[str, float] | None = None,
                     role_map: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The same workflow run on several Orgs, side by side (metrics × orgs).

    ``source`` (default: the first Org that has ``workflow``) gives the steps;
    ``role_map`` (role → post id) is applied on every Org where the post exists.

    >>> from orglib._core.model import Org
    >>> a = Org.from_records([{"id": "x", "title": "专员", "unit": "u", "headcount": 1},
    ...                       {"id": "m", "title": "经理", "unit": "u", "reports_to": "x", "headcount": 1}],
    ...     workflows=[{"workflow": "W", "role": "x", "action": "做"},
    ...                {"workflow": "W", "role": "m", "action": "批", "approves": True}])
    >>> b = Org.from_records([{"id": "m", "title": "经理", "unit": "v", "headcount": 1},
    ...                       {"id": "x", "title": "专员", "unit": "w", "reports_to": "m", "headcount": 1}])
    >>> compare_workflow(a, b, workflow="W", names=["A", "B"]).loc["handoffs"].tolist()
    [0, 1]
    """
    if not orgs or not all(isinstance(o, Org) for o in orgs):
        raise OrgInputError(en="compare_workflow needs one or more Orgs first, then workflow=ID",
                            zh="compare_workflow 需要先给出一个或多个组织,再给出 workflow=流程编号")
    if source is None:
        source = next((o for o in orgs if workflow in set(o.workflows["workflow"])), None)
        if source is None:
            raise OrgInputError(f"no org has workflow {workflow!r} / 没有组织包含流程 {workflow!r}")
    cols = _names(orgs, names, lang or "zh")
    data = {c: pd.Series(run_on(source, o, workflow, durations=durations, role_map=role_map), dtype=object)
            for c, o in zip(cols, orgs, strict=True)}
    table = pd.DataFrame(data).reindex(list(METRIC_LABELS))
    table.index.name = "metric"
    if lang is not None:
        check_lang(lang)
        table.index = [tr(*METRIC_LABELS[k], lang) for k in table.index]
    return table


