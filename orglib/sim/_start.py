"""The starting Org reduced to the counts the simulation works on (起始状态).

Fractional FTE are carried into those counts and only the counts are rounded to whole
people (:func:`whole_people`).

The head of the department, its functions (sub-trees under the head), the individual
contributors and managers per level of each function, and the cost per rank fitted
from the Org's ``cost`` column. See :mod:`orglib.sim._driver` for the model.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .._core import Org, OrgInputError
from .._core.tree import head_index

__all__ = ["StartState", "start_state", "whole_people"]

# --------------------------------------------------------------------- start state
@dataclass(frozen=True)
class StartState:
    """The Org reduced to counts (see the module docstring)."""

    head: int
    head_id: str
    head_title: str
    head_title_en: str
    head_unit: str
    functions: pd.DataFrame  # key, name, name_en, unit, top, flat, headcount
    ic: np.ndarray  # (F,)
    m: np.ndarray  # (F, L0)
    cost_ic: float
    cost_step: float
    cost_unit: str


def start_state(org: Org, cost_step: float | None = None) -> StartState:
    """Reduce ``org`` to the counts the simulation works on.

    Parameters
    ----------
    org : Org
        The starting department.
    cost_step : float, optional
        Cost ratio from one rank to the next; fitted from ``cost`` when None.

    Returns
    -------
    StartState

    Examples
    --------
    >>> from orglib._core.model import Org
    >>> org = Org.from_records([{"id": "h", "headcount": 1},
    ...     {"id": "a", "reports_to": "h", "headcount": 2},
    ...     {"id": "a1", "reports_to": "a", "headcount": 9},
    ...     {"id": "s", "reports_to": "h", "headcount": 1}])
    >>> st = start_state(org)
    >>> st.ic.tolist(), st.m.tolist(), st.functions["flat"].tolist()
    ([9, 1], [[2], [0]], [False, True])
    """
    if not isinstance(org, Org):
        raise OrgInputError(f"simulate needs an Org, got {type(org).__name__} / 模拟需要 Org 对象")
    pos = org.positions
    n = len(pos)
    if n == 0:
        raise OrgInputError("the Org has no positions / 组织没有岗位")
    hc = org.headcounts().astype(float)  # fractional FTE carried to the counts, see whole_people
    if not np.all(np.isfinite(hc)) or np.any(hc < 0):
        raise OrgInputError("simulate needs finite, non-negative headcounts / 模拟需要非负的有限岗位定员")
    pidx = org.parent_index().copy()
    pidx[pidx == np.arange(n)] = -1
    # depth by pointer walking; a cycle never reaches a root
    depth = np.zeros(n, dtype=np.int64)
    cur = np.arange(n)
    for _ in range(n + 1):
        p = pidx[cur]
        up = p >= 0
        if not up.any():
            break
        depth += up
        cur = np.where(up, p, cur)
    else:
        raise OrgInputError("the reporting lines contain a cycle / 汇报关系存在循环")
    root_of = cur
    # subtree headcount and height over occupied sub-trees
    sub = hc.copy()
    height = np.zeros(n, dtype=np.int64)
    order = np.argsort(-depth, kind="stable")
    for d in range(int(depth.max()), 0, -1):
        idx = order[depth[order] == d]
        np.add.at(sub, pidx[idx], sub[idx])
        occ = idx[sub[idx] > 0]
        np.maximum.at(height, pidx[occ], height[occ] + 1)
    roots = np.flatnonzero(pidx < 0)
    # the head of the department (orglib._core.tree.head_index); other roots report to it
    main = head_index(pidx, hc)
    parent = pidx.copy()
    parent[roots[roots != main]] = main
    children = np.flatnonzero(parent == main)
    units = org.units
    unit_name = dict(zip(units["id"], units["name"], strict=True))
    unit_name_en = dict(zip(units["id"], units["name_en"], strict=True))
    titles = pos["title"].to_numpy(dtype=object)
    titles_en = pos["title_en"].to_numpy(dtype=object)
    ids = pos["id"].to_numpy(dtype=object)
    unit_col = pos["unit"].to_numpy(dtype=object)

    head_unit = unit_col[main]

    def own_function(c: int) -> bool:
        # a post with reports, or a lone post heading a unit of its own
        return bool(height[c] > 0 or (unit_col[c] and unit_col[c] != head_unit))

    managed = [int(c) for c in children if sub[c] > 0 and own_function(int(c))]
    staff = [int(c) for c in children if sub[c] > 0 and not own_function(int(c))]
    # function membership: walk up to a direct report of the head
    fidx = np.full(n, -1, dtype=np.int64)
    fidx[managed] = np.arange(len(managed))
    cur = np.arange(n)
    for _ in range(n + 1):
        p = parent[cur]
        move = (p >= 0) & (p != main)
        if not move.any():
            break
        cur = np.where(move, p, cur)
    member = fidx[cur]
    del root_of
    levels = max(1, int(height[np.arange(n) != main].max(initial=0)))
    F = len(managed) + (1 if staff or not managed else 0)
    ic = np.zeros(F, dtype=float)
    m = np.zeros((F, levels), dtype=float)
    rows = []
    unit_counts = pd.Series([unit_col[c] for c in managed]).value_counts() if managed else {}
    for k, c in enumerate(managed):
        sel = np.flatnonzero((member == k) & (np.arange(n) != main))
        leaf = sel[height[sel] == 0]
        mgr = sel[height[sel] > 0]
        ic[k] = hc[leaf].sum()
        np.add.at(m[k], height[mgr] - 1, hc[mgr])
        u = unit_col[c]
        key = u if u and unit_counts.get(u, 0) == 1 else ids[c]
        name = unit_name.get(u, "") if u and unit_counts.get(u, 0) == 1 else ""
        name_en = unit_name_en.get(u, "") if name else ""
        rows.append({"key": str(key), "name": name or _strip_role(titles[c]) or str(ids[c]),
                     "name_en": name_en or _strip_role(titles_en[c]) or name
                     or _strip_role(titles[c]) or str(ids[c]),
                     "unit": u, "top": str(ids[c]), "flat": False})
    if F > len(managed):
        k = F - 1
        ic[k] = hc[staff].sum() if staff else 0
        rows.append({"key": "staff", "name": "直属人员", "name_en": "direct staff",
                     "unit": unit_col[main], "top": "", "flat": True})
    counts = whole_people(np.concatenate([[hc[main]], ic, m.ravel()]))
    head_n, ic, m = int(counts[0]), counts[1:F + 1], counts[F + 1:].reshape(m.shape)
    funcs = pd.DataFrame(rows)
    funcs["headcount"] = ic + m.sum(axis=1)
    # costs
    cost = pos["cost"].to_numpy(dtype=float)
    known = np.isfinite(cost) & (cost > 0) & (hc > 0)
    leaf_all = (height == 0) & known & (np.arange(n) != main)
    if leaf_all.any():
        c_ic = float(np.average(cost[leaf_all], weights=hc[leaf_all]))
        unit = "currency"
    else:
        c_ic, unit = 1.0, "relative"
    if cost_step is None:
        mgr_known = known & (height > 0)
        if leaf_all.any() and mgr_known.any():
            ratio = np.log(cost[mgr_known] / c_ic) / height[mgr_known]
            cost_step = float(np.exp(np.average(ratio, weights=hc[mgr_known])))
            cost_step = max(1.0, cost_step)
        else:
            cost_step = 1.4
    return StartState(
        head=head_n, head_id=str(ids[main]), head_title=str(titles[main] or "部门负责人"),
        head_title_en=str(titles_en[main] or "head of department"), head_unit=str(unit_col[main]),
        functions=funcs, ic=ic, m=m, cost_ic=c_ic, cost_step=float(cost_step), cost_unit=unit,
    )


def whole_people(fte: np.ndarray) -> np.ndarray:
    """Whole people for fractional FTE counts: each count's whole part, then the largest
    remainders get one more person each until the total is the total FTE rounded to the
    nearest whole (a half up); ties go to the earlier count.

    The simulation moves whole people. A post's FTE (0.5, 2.5 ...) is first carried,
    unrounded, into its function's count at its level (individual contributors, managers
    per level, the head); only those counts are rounded, here, so 0.5 + 0.5 is one
    person and a department of 7.5 FTE starts with 8.

    >>> whole_people(np.array([1.0, 0.5, 2.5, 3.0])).tolist()  # 7 FTE: 7 people, the tie to the earlier
    [1, 1, 2, 3]
    >>> whole_people(np.array([7.5])).tolist(), whole_people(np.array([0.5, 0.5])).tolist()
    ([8], [1, 0])
    >>> whole_people(np.array([0.4, 0.4, 0.4])).tolist(), whole_people(np.array([0.3, 0.3])).tolist()
    ([1, 0, 0], [1, 0])
    """
    fte = np.asarray(fte, dtype=float)
    base = np.floor(fte + 1e-9)
    total = int(np.floor(fte.sum() + 0.5 + 1e-9))
    extra = max(0, min(total - int(base.sum()), len(fte)))
    order = np.argsort(-(fte - base), kind="stable")
    base[order[:extra]] += 1
    return base.astype(np.int64)


_ROLE_SUFFIXES = ("负责人", "总经理", "副总监", "总监", "经理", "主管", "主任", "部长", "组长")
_ROLE_SUFFIXES_EN = (" manager", " director", " head", " lead", " supervisor", " chief")


def _strip_role(title: str) -> str:
    """``"推广主管"`` → ``"推广"``; ``"Sales manager"`` → ``"Sales"`` (a function's name)."""
    text = str(title or "").strip()
    for suf in _ROLE_SUFFIXES:
        if text.endswith(suf) and len(text) > len(suf):
            return text[: -len(suf)]
    low = text.lower()
    for suf in _ROLE_SUFFIXES_EN:
        if low.endswith(suf) and len(text) > len(suf):
            return text[: -len(suf)].strip()
    return text

