"""Growth simulation: spans, layers and cost as a marketing department grows.

A consultant asks "what happens to our spans, layers and cost as marketing grows from
15 to 150 people?". :func:`simulate` answers with a month-by-month simulation of the
department under a hiring plan, attrition and a span-of-control policy, run once or
many times (Monte Carlo, p10/p50/p90 bands). 模拟市场部按招聘计划、离职率和管理幅度政策
逐月成长时的人数、管理者、层级、幅度与管理成本。

The model (every rule is a parameter with a default)
---------------------------------------------------
State. The department is held as counts, vectorized across runs: the head (部门负责人,
the root post); *functions* = the sub-trees under the head (each direct report of the
head with reports of its own or heading a unit other than the head's; the head's other
direct reports are pooled as "direct staff", flat under the head until they exceed
``span_max``; a function's lone post gets a team lead once the team has two people);
per function, individual
contributors (``ic``) and managers per level ``m[l]`` (level 0 = front-line managers of
ICs, level ``l`` manages level ``l-1``; a post's level is its height in the tree minus
one); above the functions, *director* levels that appear only when the head's span
cannot hold the function heads. Inside a level, reports are spread as evenly as
possible, so ``n`` reports under ``m`` managers give spans ``n // m`` and
``n // m + 1``.

Each month ``t = 1 .. months``, in this order:

1. **Attrition** (离职). Every person leaves with probability ``attrition`` (monthly):
   ICs ~ Binomial(ic, a); managers ~ Binomial(managers, a). A departing manager's post
   is never left empty: a share ``promote_share`` is filled at once by promoting an IC
   of the same function (the head's and directors' posts: from the largest function),
   the rest by an outside hire at once. Leavers' IC places are refilled by the plan.
2. **Requisitions** (招聘需求). Each function opens
   ``max(0, target_f(t + lead_time) - headcount_f - in_pipeline_f)`` requisitions, so
   hires arrive when the plan needs them; targets come from ``growth`` (monthly rate),
   ``target`` (a total to reach at the horizon) or ``plan`` (targets per function by
   month). Managers of a function count towards its target; the head and directors do
   not.
3. **Arrivals** (入职). Requisitions opened ``lead_time`` months ago arrive as ICs; each
   is filled with probability ``fill_rate`` (an unfilled one is reopened by step 2).
4. **Restructuring** (调整), every ``review_every`` months, bottom-up through the levels
   of each function and then the director levels (a few passes, until stable):

   * *split*: a level whose managers exceed ``span_max`` (``n > m * max``) gets
     ``ceil(n / target)`` managers; new posts are filled by promotion (share
     ``promote_share``, the promotion chain ends with an IC) or outside hire;
   * *merge*: a level with more than one manager and a span under ``span_min``
     (``n < m * min``) shrinks to ``ceil(n / target)`` managers (front line:
     ``ceil((n + m) / (target + 1))`` so the returning managers fit as ICs); surplus
     managers return to individual-contributor work in the function;
   * *new layer*: inside a function, a level with more than one manager gets a level
     above it (one head if it can hold them, else ``ceil(n / target)`` and a further
     level); a level of one manager under one manager is collapsed. A function that
     split in a review does not merge back in the same review (the maximum is a hard
     rule, the minimum a soft one). Above the functions, a director level appears when the
     head's reports exceed ``span_max`` and disappears when they fit at ``target``.
   A function without managers (direct staff) stays flat until it exceeds ``span_max``.
5. **Metrics** are recorded (see :data:`METRICS`). Month 0 is the starting Org as is.

Ledger. ``hired`` counts arrivals and outside manager hires, ``left`` counts leavers;
``headcount[t] - headcount[t-1] == hired[t] - left[t]`` holds exactly in every run.

Cost. Each person costs ``cost_ic * cost_step ** rank`` a year, rank 0 for ICs, ``l+1``
for function level ``l``, then directors and the head above the deepest function.
``cost_ic`` and ``cost_step`` are fitted from the Org's ``cost`` column when it has one
(ICs' mean cost; the geometric step of managers' cost per rank), else 1.0 (relative
units) and 1.4.

Randomness. One ``numpy.random.default_rng(seed)`` draws every binomial in a fixed order,
vectorized across runs (arrays of shape runs × functions): the same seed gives the same
numbers on any machine with the same numpy.

Examples
--------
>>> from orglib._core.model import Org
>>> org = Org.from_records([
...     {"id": "h", "title": "市场部经理", "headcount": 1},
...     {"id": "a", "title": "推广主管", "reports_to": "h", "headcount": 1},
...     {"id": "a1", "title": "推广专员", "reports_to": "a", "headcount": 6},
...     {"id": "b", "title": "销售主管", "reports_to": "h", "headcount": 1},
...     {"id": "b1", "title": "销售代表", "reports_to": "b", "headcount": 6},
... ])
>>> res = simulate(org, months=24, target=60, attrition=0.01, seed=1)
>>> int(res.wide().loc[0, "headcount"]), int(res.wide().loc[24, "headcount"]) >= 55
(15, True)
>>> int(res.wide()["over_max"].iloc[1:].max())
0
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from .._core import Org, OrgInputError
from .._core.tree import head_index

__all__ = [
    "ARCHETYPE_POLICIES", "METRICS", "METRIC_LABELS", "SimulationResult", "SpanPolicy",
    "simulate", "start_state", "check_params",
]

# --------------------------------------------------------------------- policy
_COORDINATOR_CAP = 20
"""The coordinator archetype is open-ended (15+); the simulation caps its maximum at 20."""


def _archetype_policies() -> dict[str, tuple[int, int, int]]:
    """Archetype key → (min, target, max), from :data:`orglib.analysis._spans.ARCHETYPES`."""
    try:
        from ..analysis import ARCHETYPES
        ranges = {k: (a.low, a.high) for k, a in ARCHETYPES.items()}
    except ImportError:  # pragma: no cover - spans ships with the package
        ranges = {"player_coach": (3, 5), "coach": (6, 7), "supervisor": (8, 10),
                  "facilitator": (11, 15), "coordinator": (15, math.inf)}
    out = {}
    for key, (lo, hi) in ranges.items():
        hi = _COORDINATOR_CAP if not math.isfinite(hi) else hi
        lo, hi = int(lo), int(hi)
        out[key] = (lo, (lo + hi) // 2, hi)
    return out


ARCHETYPE_POLICIES: dict[str, tuple[int, int, int]] = _archetype_policies()
"""Manager archetype → ``(min, target, max)`` span: player_coach (3, 4, 5), coach (6, 6, 7),
supervisor (8, 9, 10), facilitator (11, 13, 15), coordinator (15, 17, 20)."""


@dataclass(frozen=True)
class SpanPolicy:
    """How the department keeps spans of control in a band (管理幅度政策).

    Parameters
    ----------
    min : int
        Smallest acceptable span; a level with more than one manager below it merges.
    target : int
        Span that splits and merges aim at (``min <= target <= max``).
    max : int
        Largest acceptable span; above it a team splits (or a layer is added).
    review_every : int
        Restructure every this many months (1 = monthly). Between reviews spans may
        pass the maximum: the policy "may wait".
    promote_share : float
        Share of new and vacated manager posts filled by promoting an IC (the rest are
        outside hires), in [0, 1].
    archetype : str
        The archetype the band came from, if any (for display).

    Examples
    --------
    >>> SpanPolicy.of("supervisor")
    SpanPolicy(min=8, target=9, max=10, review_every=1, promote_share=0.5, archetype='supervisor')
    >>> SpanPolicy(min=5, target=4, max=3)
    Traceback (most recent call last):
    ...
    orglib._core.errors.OrgInputError: maximum span 3 is below the minimum 5 / 管理幅度上限 3 小于下限 5
    """

    min: int = 3
    target: int = 6
    max: int = 8
    review_every: int = 1
    promote_share: float = 0.5
    archetype: str = ""

    def __post_init__(self) -> None:
        for name in ("min", "target", "max", "review_every"):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, int | float | np.integer | np.floating) \
                    or not math.isfinite(float(v)) or float(v) != int(v):
                raise OrgInputError(f"span policy {name} must be a whole number, got {v!r} / "
                                    f"管理幅度政策 {name} 须为整数")
            object.__setattr__(self, name, int(v))
        if self.min < 1:
            raise OrgInputError(f"minimum span must be at least 1, got {self.min} / 管理幅度下限至少为 1")
        if self.max < self.min:
            raise OrgInputError(f"maximum span {self.max} is below the minimum {self.min} / "
                                f"管理幅度上限 {self.max} 小于下限 {self.min}")
        if self.max < 2:
            raise OrgInputError(f"maximum span must be at least 2, got {self.max} / 管理幅度上限至少为 2")
        if not self.min <= self.target <= self.max:
            raise OrgInputError(f"target span {self.target} must lie between {self.min} and {self.max} / "
                                f"目标幅度 {self.target} 须在 {self.min} 与 {self.max} 之间")
        if self.target < 2:
            raise OrgInputError(f"target span must be at least 2, got {self.target} / 目标幅度至少为 2")
        if self.review_every < 1:
            raise OrgInputError(f"review_every must be at least 1 month, got {self.review_every} / "
                                f"调整周期至少 1 个月")
        ps = self.promote_share
        if not isinstance(ps, int | float | np.integer | np.floating) or not 0 <= float(ps) <= 1:
            raise OrgInputError(f"promote_share must be in [0, 1], got {ps!r} / 内部晋升比例须在 0 到 1 之间")
        object.__setattr__(self, "promote_share", float(ps))

    @classmethod
    def of(cls, spec: SpanPolicy | str | Mapping[str, Any] | None = None, **overrides: Any) -> SpanPolicy:
        """A policy from a policy, an archetype name, a dict or None (defaults), with overrides.

        Overriding only ``max`` (or ``min``) pulls the target into the new band, so
        ``SpanPolicy.of(max=5)`` is ``min=3, target=5, max=5``.

        >>> SpanPolicy.of(max=5).target
        5
        >>> SpanPolicy.of("教练").max
        7
        """
        if spec is None:
            base: dict[str, Any] = {}
        elif isinstance(spec, SpanPolicy):
            base = {k: getattr(spec, k) for k in
                    ("min", "target", "max", "review_every", "promote_share", "archetype")}
        elif isinstance(spec, str):
            base = _archetype(spec)
        elif isinstance(spec, Mapping):
            base = dict(spec)
            if base.get("archetype"):
                arch = _archetype(str(base.pop("archetype")))
                base = {**arch, **base}
        else:
            raise OrgInputError(f"span policy must be a SpanPolicy, an archetype name or a dict, got "
                                f"{type(spec).__name__} / 管理幅度政策须为 SpanPolicy、管理者类型或字典")
        ov = {k: v for k, v in overrides.items() if v is not None}
        if ov.get("archetype"):
            base.update(_archetype(str(ov.pop("archetype"))))
        base.update(ov)
        defaults = cls()
        hi = int(base.get("max", defaults.max))
        if "min" not in base and "max" in base:
            base["min"] = min(defaults.min, hi)
        lo = int(base.get("min", defaults.min))
        if "target" not in base and lo <= hi:
            base["target"] = min(max(defaults.target, lo, 2), hi)
        return cls(**base)

    def label(self, lang: str = "zh") -> str:
        """``"3–8 (目标 6)"`` / ``"3–8 (target 6)"``."""
        word = "目标" if lang == "zh" else "target"
        return f"{self.min}–{self.max} ({word} {self.target})"


def _archetype(name: str) -> dict[str, Any]:
    text = name.strip()
    key = text.lower().replace("-", "_").replace("/", "_").replace(" ", "_")
    try:
        from ..analysis import ARCHETYPES
        for a in ARCHETYPES.values():
            if text == a.name or key == a.name_en.lower().replace("/", "_").replace(" ", "_"):
                key = a.key
    except ImportError:  # pragma: no cover
        pass
    if key not in ARCHETYPE_POLICIES:
        raise OrgInputError(f"unknown manager archetype {name!r}: use one of {', '.join(ARCHETYPE_POLICIES)} "
                            f"/ 未知管理者类型 {name!r}")
    lo, t, hi = ARCHETYPE_POLICIES[key]
    return {"min": lo, "target": t, "max": hi, "archetype": key}


# --------------------------------------------------------------------- metrics
METRICS: tuple[str, ...] = (
    "headcount", "target", "ics", "managers", "layers", "span_mean", "span_min", "span_max",
    "over_max", "under_min", "in_policy", "mgmt_cost_share", "cost", "hired", "left",
    "promoted", "pipeline",
)
"""Series recorded each month (per run)."""

METRIC_LABELS: dict[str, tuple[str, str]] = {
    "headcount": ("总人数", "headcount"),
    "target": ("计划人数", "planned headcount"),
    "ics": ("一线员工", "individual contributors"),
    "managers": ("管理者", "managers"),
    "layers": ("管理层级", "layers"),
    "span_mean": ("平均管理幅度", "mean span"),
    "span_min": ("最小管理幅度", "smallest span"),
    "span_max": ("最大管理幅度", "largest span"),
    "over_max": ("超上限管理者", "managers above max"),
    "under_min": ("低于下限管理者", "managers below min"),
    "in_policy": ("幅度合规占比", "share of managers in band"),
    "mgmt_cost_share": ("管理成本占比", "management cost share"),
    "cost": ("年人力成本", "annual cost"),
    "hired": ("入职", "hired"),
    "left": ("离职", "left"),
    "promoted": ("晋升", "promoted"),
    "pipeline": ("在途招聘", "open requisitions"),
}
"""Metric key → (zh, en) label."""


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
    hc_f = org.headcounts()
    if np.any(hc_f < 0) or np.any(np.abs(hc_f - np.round(hc_f)) > 1e-9):
        raise OrgInputError("simulate needs whole, non-negative headcounts / 模拟需要非负整数的岗位定员")
    hc = np.round(hc_f).astype(np.int64)
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
    ic = np.zeros(F, dtype=np.int64)
    m = np.zeros((F, levels), dtype=np.int64)
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
        head=int(hc[main]), head_id=str(ids[main]), head_title=str(titles[main] or "部门负责人"),
        head_title_en=str(titles_en[main] or "head of department"), head_unit=str(unit_col[main]),
        functions=funcs, ic=ic, m=m, cost_ic=c_ic, cost_step=float(cost_step), cost_unit=unit,
    )


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


# --------------------------------------------------------------------- parameters
def _num(name: str, v: Any, *, lo: float = 0.0, hi: float | None = None, integer: bool = False,
         lo_open: bool = False) -> float:
    if isinstance(v, bool) or not isinstance(v, int | float | np.integer | np.floating) \
            or not math.isfinite(float(v)):
        raise OrgInputError(f"{name} must be a number, got {v!r} / {name} 须为数字")
    f = float(v)
    if integer and f != int(f):
        raise OrgInputError(f"{name} must be a whole number, got {v!r} / {name} 须为整数")
    if f < lo or (lo_open and f == lo):
        what = "positive" if lo_open else f"at least {lo:g}"
        zh = "须为正数" if lo_open else f"不能小于 {lo:g}"
        if lo == 0 and not lo_open:
            what, zh = "non-negative", "不能为负数"
        raise OrgInputError(f"{name} must be {what}, got {v!r} / {name} {zh}")
    if hi is not None and f > hi:
        raise OrgInputError(f"{name} must be at most {hi:g}, got {v!r} / {name} 不能大于 {hi:g}")
    return f


def check_params(months: Any = 36, runs: Any = 1, growth: Any = 0.0, attrition: Any = 0.015,
                 lead_time: Any = 2, fill_rate: Any = 1.0, target: Any = None) -> None:
    """Raise :class:`OrgInputError` (one bilingual line) for a bad simulation parameter.

    >>> check_params(months=0)
    Traceback (most recent call last):
    ...
    orglib._core.errors.OrgInputError: months must be at least 1, got 0 / months 不能小于 1
    """
    _num("months", months, lo=1, integer=True)
    _num("runs", runs, lo=1, integer=True)
    _num("growth", growth)
    _num("attrition", attrition, hi=1.0)
    _num("lead_time", lead_time, integer=True)
    _num("fill_rate", fill_rate, hi=1.0, lo_open=True)
    if target is not None:
        _num("target", target)


# --------------------------------------------------------------------- result
@dataclass(frozen=True, eq=False)
class SimulationResult:
    """What :func:`simulate` returns.

    Attributes
    ----------
    series : DataFrame
        Tidy: one row per month and metric; ``value`` for one run, ``mean``, ``p10``,
        ``p50``, ``p90`` across runs otherwise.
    runs : dict[str, ndarray] or None
        Raw series per metric, shape (months + 1, runs), when ``keep_runs=True``.
    orgs : dict[int, Org]
        Snapshot Orgs of run ``snapshot_run`` at the requested months.
    functions : DataFrame
        The functions the department was reduced to (key, name, unit, starting headcount).
    policy : SpanPolicy
    params : dict
        Every parameter of the simulation (for reports and sweeps).
    """

    series: pd.DataFrame
    runs: dict[str, np.ndarray] | None
    orgs: dict[int, Org]
    functions: pd.DataFrame
    policy: SpanPolicy
    params: dict = field(default_factory=dict)

    @property
    def n_runs(self) -> int:
        return int(self.params.get("runs", 1))

    def wide(self, stat: str | None = None) -> pd.DataFrame:
        """Month × metric table of one statistic (``value`` for one run, default ``p50``).

        >>> from orglib._core.model import Org
        >>> org = Org.from_records([{"id": "h", "headcount": 1},
        ...                         {"id": "e", "reports_to": "h", "headcount": 4}])
        >>> simulate(org, months=2, seed=0).wide().columns[:3].tolist()
        ['headcount', 'target', 'ics']
        """
        if stat is None:
            stat = "value" if "value" in self.series.columns else "p50"
        if stat not in self.series.columns:
            raise OrgInputError(f"unknown statistic {stat!r} / 未知统计量 {stat!r}")
        out = self.series.pivot(index="month", columns="metric", values=stat)
        out = out[[m for m in METRICS if m in out.columns]]
        out.columns.name = None
        return out

    def band(self, metric: str) -> pd.DataFrame:
        """``month`` × (``p10``, ``p50``, ``p90``, ``mean``) for one metric."""
        if metric not in METRICS:
            raise OrgInputError(f"unknown metric {metric!r} / 未知指标 {metric!r}")
        s = self.series[self.series["metric"] == metric].set_index("month")
        cols = ["value"] if "value" in s.columns else ["p10", "p50", "p90", "mean"]
        return s[cols]

    def to_dict(self) -> dict:
        """JSON-able: params, policy, functions and the tidy series."""
        return {
            "params": self.params,
            "policy": {k: getattr(self.policy, k) for k in
                       ("min", "target", "max", "review_every", "promote_share", "archetype")},
            "functions": self.functions.to_dict("records"),
            "series": self.series.to_dict("records"),
        }


# --------------------------------------------------------------------- targets
def _targets(st: StartState, months: int, lead: int, growth: float, target: float | None,
             plan: Any) -> np.ndarray:
    """Planned headcount per function, shape (months + lead + 1, F), integers."""
    F = len(st.functions)
    T = months + lead + 1
    t = np.arange(T, dtype=float)
    hc0 = st.functions["headcount"].to_numpy(dtype=float)
    if F and hc0.sum() == 0:
        hc0 = np.full(F, 0.0)
    rate = np.full(F, growth, dtype=float)
    base = hc0.copy()
    if target is not None:
        dept = st.head
        fun_target = max(float(target) - dept, 0.0)
        total0 = hc0.sum()
        if total0 <= 0:
            base = np.full(F, fun_target / max(F, 1))
            rate[:] = 0.0
        else:
            rate[:] = (fun_target / total0) ** (1.0 / months) - 1.0 if fun_target > 0 else -1.0
    path = base[None, :] * np.power(1.0 + rate[None, :], np.minimum(t, months)[:, None])
    if target is not None and hc0.sum() <= 0:
        path = base[None, :] * np.minimum(t, months)[:, None] / months
    if plan is not None:
        path = _apply_plan(st, path, plan, months)
    return np.floor(path + 0.5).astype(np.int64)


def _apply_plan(st: StartState, path: np.ndarray, plan: Any, months: int) -> np.ndarray:
    if isinstance(plan, Mapping):
        try:
            plan = pd.DataFrame({str(k): pd.Series(v, dtype=float) for k, v in plan.items()})
        except (TypeError, ValueError) as exc:
            raise OrgInputError(f"plan must map functions to lists of targets by month: {exc} / "
                                f"招聘计划须为 职能 → 各月目标人数") from None
    if not isinstance(plan, pd.DataFrame):
        raise OrgInputError("plan must be a DataFrame or a dict of lists / 招聘计划须为表格或字典")
    plan = plan.copy()
    if "month" in plan.columns:
        plan = plan.set_index("month")
    try:
        plan.index = plan.index.astype(int)
        plan = plan.astype(float)
    except (TypeError, ValueError):
        raise OrgInputError("plan months and targets must be numbers / 招聘计划的月份和人数须为数字") from None
    if (plan < 0).any().any():
        raise OrgInputError("plan targets must not be negative / 计划人数不能为负数")
    T = path.shape[0]
    plan = plan.reindex(range(T)).ffill()
    funcs = st.functions
    lookup: dict[str, int] = {}
    for i, r in funcs.iterrows():
        for k in (r["key"], r["name"], r["name_en"], r["unit"], r["top"]):
            if k and k not in lookup:
                lookup[str(k)] = int(i)
    out = path.copy()
    hc0 = funcs["headcount"].to_numpy(dtype=float)
    for col in plan.columns:
        vals = plan[col].to_numpy(dtype=float)
        if str(col).lower() in ("total", "合计", "总计"):
            share = hc0 / hc0.sum() if hc0.sum() > 0 else np.full(len(hc0), 1 / len(hc0))
            filled = np.where(np.isnan(vals), np.nan, np.maximum(vals - st.head, 0))
            for f in range(len(hc0)):
                out[:, f] = np.where(np.isnan(filled), out[:, f], filled * share[f])
            continue
        if str(col) not in lookup:
            raise OrgInputError(f"plan names an unknown function {col!r}; functions are "
                                f"{', '.join(funcs['key'])} / 招聘计划中的职能 {col!r} 不存在")
        f = lookup[str(col)]
        out[:, f] = np.where(np.isnan(vals), out[:, f], vals)
    return out


# --------------------------------------------------------------------- kernel
def _ceil_div(a: np.ndarray, b: int | np.ndarray) -> np.ndarray:
    return -((-a) // b)


class _Sim:
    """Vectorized state of R runs; runs on the last (contiguous) axis.

    ``ic`` (F, R), ``m`` (L, F, R), ``d`` (G, R); methods mutate in place.
    """

    def __init__(self, st: StartState, runs: int, policy: SpanPolicy, levels: int, rng):
        self.R, self.F = runs, len(st.functions)
        self.L = levels
        self.pol = policy
        self.rng = rng
        self.h = st.head
        self.h_eff = max(st.head, 1)
        self.flat0 = st.functions["flat"].to_numpy(dtype=bool)[:, None]
        self.ic = np.repeat(st.ic[:, None], runs, axis=1).astype(np.int64)
        self.m = np.zeros((levels, self.F, runs), dtype=np.int64)
        self.m[: st.m.shape[1]] = st.m.T[:, :, None]
        self.G = 8
        self.d = np.zeros((self.G, runs), dtype=np.int64)
        self.promoted = np.zeros(runs, dtype=np.int64)
        self.ext = np.zeros(runs, dtype=np.int64)
        self.rows = np.arange(runs)
        self._update_active()

    def _update_active(self) -> None:
        has = (self.m > 0).any(axis=(1, 2))
        self.la = int(np.flatnonzero(has).max()) + 1 if has.any() else 0
        hd = (self.d > 0).any(axis=1)
        self.ga = int(np.flatnonzero(hd).max()) + 1 if hd.any() else 0

    # --- helpers
    def _fill_posts(self, k: np.ndarray) -> None:
        """Fill ``k`` new/vacated manager posts per (function, run): promote, else hire."""
        want = np.floor(k * self.pol.promote_share + 0.5).astype(np.int64)
        prom = np.minimum(want, self.ic)
        self.ic -= prom
        self.promoted += prom.sum(axis=0)
        self.ext += (k - prom).sum(axis=0)

    def _fill_dept(self, k: np.ndarray) -> None:
        """Fill ``k`` department-level posts per run from the largest function."""
        if self.F == 0:
            self.ext += k
            return
        f = np.argmax(self.ic, axis=0)
        avail = self.ic[f, self.rows]
        want = np.floor(k * self.pol.promote_share + 0.5).astype(np.int64)
        prom = np.minimum(want, avail)
        self.ic[f, self.rows] -= prom
        self.promoted += prom
        self.ext += k - prom

    def _return_dept(self, k: np.ndarray) -> None:
        if self.F == 0:
            return
        f = np.argmax(self.ic, axis=0)
        self.ic[f, self.rows] += k

    def top_counts(self) -> np.ndarray:
        """People reporting to the head or the lowest director level, per (function, run)."""
        cnt = self.ic.copy()
        for lv in range(self.la):
            ml = self.m[lv]
            cnt = np.where(ml > 0, ml, cnt)
        return cnt

    # --- monthly steps
    def attrition(self, a: float) -> np.ndarray:
        if a <= 0:
            return np.zeros(self.R, dtype=np.int64)
        rng = self.rng
        ic_left = rng.binomial(self.ic, a)
        self.ic -= ic_left
        mg = self.m[: self.la].sum(axis=0)
        mg_left = rng.binomial(mg, a)
        dept = self.h + self.d[: self.ga].sum(axis=0)
        dept_left = rng.binomial(dept, a)
        self._fill_posts(mg_left)
        self._fill_dept(dept_left)
        return ic_left.sum(axis=0) + mg_left.sum(axis=0) + dept_left

    def _apply(self, new: np.ndarray, mm: np.ndarray, dept: bool = False) -> bool:
        delta = new - mm
        if not delta.any():
            return False
        mm[...] = new
        if dept:
            self._return_dept(np.maximum(-delta, 0))
            self._fill_dept(np.maximum(delta, 0))
        else:
            self.ic += np.maximum(-delta, 0)
            self._fill_posts(np.maximum(delta, 0))
        return True

    def restructure(self, max_passes: int = 12) -> None:
        pol = self.pol
        mx, mn, t = pol.max, pol.min, pol.target
        # the maximum is a hard rule, the minimum a soft one: a function (or the director
        # levels of a run) that split in this review does not merge back in it
        grew = np.zeros((self.F, self.R), dtype=bool)
        grew_d = np.zeros(self.R, dtype=bool)
        for _ in range(max_passes):
            changed = False
            # front line (level 0)
            n, mm = self.ic, self.m[0]
            flat = mm == 0
            create = flat & ((n > mx) | (~self.flat0 & (n >= 2)))
            split = ~flat & (n > mm * mx)
            merge = ~flat & (mm > 1) & (n < mm * mn) & ~grew
            if create.any() or split.any() or merge.any():
                new = mm.copy()
                up = create | split
                grew |= up
                new[up] = _ceil_div(n[up], t)
                new[merge] = np.maximum(1, _ceil_div(n[merge] + mm[merge], t + 1))
                changed |= self._apply(new, mm)
            # upper levels of each function
            self._update_active()
            for lv in range(1, min(self.L - 1, self.la) + 1):
                n, mm = self.m[lv - 1], self.m[lv]
                collapse = (n <= 1) & (mm > 0) & ~grew
                create = (mm == 0) & (n > 1) & (~self.flat0 | (n > mx))
                split = (mm > 0) & (n > 1) & (n > mm * mx)
                merge = (mm > 1) & (n > 1) & (n < mm * mn) & ~grew
                if not (collapse.any() or create.any() or split.any() or merge.any()):
                    continue
                new = mm.copy()
                new[collapse] = 0
                up = create | split
                grew |= up
                new[up] = _ceil_div(n[up], t)
                new[create & (n <= mx)] = 1  # one head holds them
                new[merge] = np.maximum(1, _ceil_div(n[merge], t))
                changed |= self._apply(new, mm)
            self._update_active()
            if self.m[self.L - 1].max(initial=0) > 1:
                raise OrgInputError("the department needs more layers than the simulation holds / "
                                    "所需管理层级超出模拟上限")
            # director levels above the functions
            n = self.top_counts().sum(axis=0)
            for g in range(self.G):
                mm = self.d[g]
                if g >= self.ga and not (n > self.h_eff * mx).any():
                    break
                collapse = (mm > 0) & ((n <= 1) | ((n <= self.h_eff * t) & ~grew_d))
                create = (mm == 0) & (n > self.h_eff * mx)
                split = (mm > 0) & ~collapse & (n > mm * mx)
                merge = (mm > 1) & ~collapse & (n < mm * mn) & ~grew_d
                new = mm.copy()
                new[collapse] = 0
                up = create | split
                grew_d |= up
                new[up] = _ceil_div(n[up], t)
                new[merge] = np.maximum(1, _ceil_div(n[merge], t))
                changed |= self._apply(new, mm, dept=True)
                n = mm.copy()  # a level exists only above an existing one (n = 0 collapses it)
            else:  # pragma: no cover - needs > 8 director levels
                raise OrgInputError("the department needs more director levels than the simulation "
                                    "holds / 所需总监层级超出模拟上限")
            self._update_active()
            if not changed:
                return

    # --- measurement
    def measure(self, cost_ic: float, step: float) -> dict[str, np.ndarray]:
        pol = self.pol
        R = self.R
        ic, m, d = self.ic, self.m, self.d
        la, ga = self.la, self.ga
        top_n = self.top_counts().sum(axis=0)
        # report groups (n reports under m managers), level by level
        groups: list[tuple[np.ndarray, np.ndarray]] = []
        below = ic
        for lv in range(la):
            groups.append((below, m[lv]))
            below = m[lv]
        below = top_n
        for g in range(ga):
            groups.append((below, d[g]))
            below = np.where(d[g] > 0, d[g], below)
        groups.append((below, np.full(R, self.h, dtype=np.int64)))
        managers = np.zeros(R, dtype=np.int64)
        reports = np.zeros(R, dtype=np.int64)
        over = np.zeros(R, dtype=np.int64)
        under = np.zeros(R, dtype=np.int64)
        smin = np.full(R, np.inf)
        smax = np.full(R, -np.inf)
        for n, mm in groups:
            valid = mm > 0
            q = np.floor(n / np.where(valid, mm, 1))
            rem = n - q.astype(np.int64) * mm
            lo_cnt = np.where(valid, mm - rem, 0)
            hi_cnt = np.where(valid, rem, 0)
            o = lo_cnt * (q > pol.max) + hi_cnt * (q + 1 > pol.max)
            u = lo_cnt * (q < pol.min) + hi_cnt * (q + 1 < pol.min)
            nv = np.where(valid, n, 0)
            lo = np.where(valid, q, np.inf)
            hi = np.where(valid, q + (rem > 0), -np.inf)
            if mm.ndim == 2:
                o, u, nv = o.sum(axis=0), u.sum(axis=0), nv.sum(axis=0)
                lo, hi, mm = lo.min(axis=0), hi.max(axis=0), mm.sum(axis=0)
            over += o
            under += u
            reports += nv
            managers += mm
            np.minimum(smin, lo, out=smin)
            np.maximum(smax, hi, out=smax)
        g_act = (d[:ga] > 0).sum(axis=0)
        nlev = (m[:la] > 0).sum(axis=0)
        ics = ic.sum(axis=0)
        headcount = ics + m[:la].sum(axis=(0, 1)) + d[:ga].sum(axis=0) + self.h
        layers = 1 + g_act + ((nlev + (ic > 0)).max(axis=0) if self.F else 0)
        # cost by rank
        mcost = np.zeros(R)
        for lv in range(la):
            mcost += m[lv].sum(axis=0) * step ** (lv + 1)
        base_rank = nlev.max(axis=0) if self.F else np.zeros(R, dtype=np.int64)
        for g in range(ga):
            mcost = mcost + d[g] * np.power(step, (base_rank + g + 1).astype(float))
        mcost = mcost + self.h * np.power(step, (base_rank + g_act + 1).astype(float))
        mcost = mcost * cost_ic
        total = mcost + ics * cost_ic
        with np.errstate(invalid="ignore", divide="ignore"):
            share = np.where(total > 0, mcost / np.where(total > 0, total, 1), 0.0)
            span_mean = np.where(managers > 0, reports / np.where(managers > 0, managers, 1), np.nan)
            in_pol = np.where(managers > 0, 1.0 - (over + under) / np.where(managers > 0, managers, 1),
                              np.nan)
        return {
            "headcount": headcount, "ics": ics, "managers": managers,
            "layers": layers, "span_mean": span_mean,
            "span_min": np.where(np.isinf(smin), np.nan, smin),
            "span_max": np.where(np.isinf(smax), np.nan, smax),
            "over_max": over, "under_min": under, "in_policy": in_pol,
            "mgmt_cost_share": share, "cost": total,
        }

    def snapshot(self, r: int) -> dict[str, Any]:
        """One run's counts: ``ic`` (F,), ``m`` (F, L), ``d`` (G,)."""
        return {"ic": self.ic[:, r].copy(), "m": self.m[:, :, r].T.copy(), "d": self.d[:, r].copy()}


def _levels_needed(st: StartState, targets: np.ndarray, policy: SpanPolicy) -> int:
    peak = max(int(targets.max(initial=0)) * 2 + int(st.ic.sum() + st.m.sum()) + 16, 16)
    span = max(2, min(policy.min, policy.target))
    need = int(math.ceil(math.log(peak) / math.log(span))) + 3
    return max(need, st.m.shape[1] + 2, 4)


# --------------------------------------------------------------------- main entry
def simulate(
    org: Org,
    months: int = 36,
    *,
    runs: int = 1,
    seed: int | np.random.SeedSequence | None = None,
    growth: float = 0.0,
    target: float | None = None,
    plan: pd.DataFrame | Mapping[str, Sequence[float]] | None = None,
    attrition: float = 0.015,
    lead_time: int = 2,
    fill_rate: float = 1.0,
    policy: SpanPolicy | str | Mapping[str, Any] | None = None,
    span_min: int | None = None,
    span_target: int | None = None,
    span_max: int | None = None,
    archetype: str | None = None,
    review_every: int | None = None,
    promote_share: float | None = None,
    cost_step: float | None = None,
    snapshot_months: Iterable[int] = (),
    snapshot_run: int = 0,
    keep_runs: bool = False,
    progress: bool | Callable[[int, int], None] = False,
) -> SimulationResult:
    """Simulate the department month by month under a hiring plan and a span policy.

    Parameters
    ----------
    org : Org
        The starting department (see :func:`start_state` for how it is reduced).
    months : int
        Horizon in months (>= 1). Month 0 is the starting Org.
    runs : int
        Monte Carlo runs (>= 1), vectorized; with ``runs > 1`` the series are bands.
    seed : int or SeedSequence, optional
        Seed of ``numpy.random.default_rng``; same seed, same numbers.
    growth : float
        Monthly growth rate of each function's planned headcount (0.02 = 2 %/month).
    target : float, optional
        Total headcount to reach at the horizon (geometric path); overrides ``growth``.
    plan : DataFrame or dict, optional
        Planned headcount by month (index or ``month`` column) per function (columns
        named by function key, unit id, name or top post id; ``total`` spreads a total
        over functions by starting size). Months not given are carried forward.
    attrition : float
        Monthly probability that a person leaves (0.015 ≈ 17 % a year).
    lead_time : int
        Months from opening a requisition to the hire's arrival.
    fill_rate : float
        Probability a requisition is filled when due, in (0, 1].
    policy : SpanPolicy, str or dict, optional
        The span policy or an archetype name (``"coach"``, ``"supervisor"``...);
        default ``SpanPolicy()`` = min 3, target 6, max 8, monthly review.
    span_min, span_target, span_max, archetype, review_every, promote_share
        Override single fields of ``policy``.
    cost_step : float, optional
        Cost ratio between ranks; fitted from the Org's ``cost`` column or 1.4.
    snapshot_months : iterable of int
        Months at which to rebuild an Org (``result.orgs[month]``).
    snapshot_run : int
        Which run the snapshots come from.
    keep_runs : bool
        Keep raw per-run series in ``result.runs``.
    progress : bool or callable
        Show a tqdm bar over months (True) or call ``progress(month, months)``.

    Returns
    -------
    SimulationResult

    Examples
    --------
    >>> from orglib._core.model import Org
    >>> org = Org.from_records([{"id": "h", "headcount": 1},
    ...     {"id": "a", "reports_to": "h", "headcount": 1},
    ...     {"id": "a1", "reports_to": "a", "headcount": 13}])
    >>> res = simulate(org, months=36, growth=0.05, runs=200, seed=7)
    >>> band = res.band("layers")
    >>> int(band.loc[0, "p50"]), int(band.loc[36, "p50"]) > 3
    (3, True)
    """
    check_params(months=months, runs=runs, growth=growth, attrition=attrition,
                 lead_time=lead_time, fill_rate=fill_rate, target=target)
    months, runs, lead_time = int(months), int(runs), int(lead_time)
    if cost_step is not None:
        _num("cost_step", cost_step, lo=1.0)
    pol = SpanPolicy.of(policy, min=span_min, target=span_target, max=span_max,
                        archetype=archetype, review_every=review_every, promote_share=promote_share)
    snaps = sorted({int(_num("snapshot month", s, integer=True)) for s in snapshot_months})
    if any(s > months for s in snaps):
        raise OrgInputError(f"snapshot months must be within 0..{months} / 快照月份须在 0..{months} 之间")
    if not 0 <= int(snapshot_run) < runs:
        raise OrgInputError(f"snapshot_run must be within 0..{runs - 1} / snapshot_run 须在 0..{runs - 1} 之间")
    st = start_state(org, cost_step)
    targets = _targets(st, months, lead_time, float(growth), target, plan)
    levels = _levels_needed(st, targets, pol)
    rng = np.random.default_rng(seed)
    sim = _Sim(st, runs, pol, levels, rng)
    a = float(attrition)
    fill = float(fill_rate)
    F = sim.F

    store = {k: np.zeros((months + 1, runs), dtype=float) for k in METRICS}

    def record(t: int, hired, left, promoted, pipe_total) -> None:
        for k, v in sim.measure(st.cost_ic, st.cost_step).items():
            store[k][t] = v
        store["hired"][t] = hired
        store["left"][t] = left
        store["promoted"][t] = promoted
        store["pipeline"][t] = pipe_total
        store["target"][t] = targets[t].sum() + st.head

    zeros = np.zeros(runs, dtype=np.int64)
    record(0, zeros, zeros, zeros, zeros)
    states: dict[int, dict] = {}
    if 0 in snaps:
        states[0] = sim.snapshot(snapshot_run)
    pipe: deque[np.ndarray] = deque()
    pipe_sum = np.zeros((F, runs), dtype=np.int64)
    bar = None
    if progress is True:
        from tqdm.auto import tqdm
        bar = tqdm(total=months, desc="simulate / 模拟", unit="month", leave=False)
    for t in range(1, months + 1):
        sim.promoted[:] = 0
        sim.ext[:] = 0
        left = sim.attrition(a)
        hc_f = sim.ic + sim.m[: sim.la].sum(axis=0)
        reqs = np.maximum(0, targets[t + lead_time][:, None] - hc_f - pipe_sum)
        pipe.append(reqs)
        pipe_sum += reqs
        arrive = pipe.popleft() if len(pipe) > lead_time else np.zeros_like(reqs)
        pipe_sum -= arrive
        came = rng.binomial(arrive, fill) if fill < 1.0 else arrive
        sim.ic += came
        if t % pol.review_every == 0:
            sim.restructure()
        hired = came.sum(axis=0) + sim.ext
        record(t, hired, left, sim.promoted, pipe_sum.sum(axis=0))
        if t in snaps:
            states[t] = sim.snapshot(snapshot_run)
        if bar is not None:
            bar.update(1)
        elif callable(progress):
            progress(t, months)
    if bar is not None:
        bar.close()

    series = _summarize(store, runs)
    orgs = {t: _build_org(st, s, org, pol, t) for t, s in states.items()}
    params = {
        "months": months, "runs": runs, "seed": _seed_repr(seed), "growth": float(growth),
        "target": None if target is None else float(target), "attrition": a,
        "lead_time": lead_time, "fill_rate": fill, "span_min": pol.min,
        "span_target": pol.target, "span_max": pol.max, "review_every": pol.review_every,
        "promote_share": pol.promote_share, "archetype": pol.archetype,
        "cost_ic": st.cost_ic, "cost_step": st.cost_step, "cost_unit": st.cost_unit,
        "plan": plan is not None,
    }
    funcs = st.functions.copy()
    return SimulationResult(series=series, runs=store if keep_runs else None, orgs=orgs,
                            functions=funcs, policy=pol, params=params)


def _seed_repr(seed: Any) -> Any:
    if isinstance(seed, np.random.SeedSequence):
        return int(seed.entropy) if isinstance(seed.entropy, int) else str(seed.entropy)
    return None if seed is None else int(seed)


def _summarize(store: dict[str, np.ndarray], runs: int) -> pd.DataFrame:
    months = next(iter(store.values())).shape[0]
    metrics = list(store)
    month_col = np.tile(np.arange(months), len(metrics))
    metric_col = np.repeat(np.array(metrics, dtype=object), months)
    stack = np.stack([store[k] for k in metrics])  # (K, T, R)
    if runs == 1:
        return pd.DataFrame({"month": month_col, "metric": metric_col,
                             "value": stack[:, :, 0].reshape(-1)})
    with np.errstate(invalid="ignore"), _quiet():
        q = np.nanpercentile(stack, [10, 50, 90], axis=2)  # (3, K, T)
        mean = np.nanmean(stack, axis=2)
    return pd.DataFrame({"month": month_col, "metric": metric_col, "mean": mean.reshape(-1),
                         "p10": q[0].reshape(-1), "p50": q[1].reshape(-1), "p90": q[2].reshape(-1)})


class _quiet:
    def __enter__(self):
        import warnings
        self._w = warnings.catch_warnings()
        self._w.__enter__()
        warnings.simplefilter("ignore", RuntimeWarning)

    def __exit__(self, *exc):
        self._w.__exit__(*exc)


# --------------------------------------------------------------------- snapshot Orgs
def _chunks(n: int, m: int) -> list[int]:
    """``n`` items over ``m`` holders as evenly as possible (first ones get one more)."""
    if m <= 0:
        return []
    q, r = divmod(int(n), int(m))
    return [q + 1] * r + [q] * (m - r)


def _build_org(st: StartState, s: dict, org: Org, pol: SpanPolicy, month: int) -> Org:
    """A valid Org from one run's counts: generated ids, reports_to, headcount, cost."""
    rows: list[dict] = []
    step, c_ic = st.cost_step, st.cost_ic
    ic, m, d = s["ic"], s["m"], s["d"]
    funcs = st.functions
    nlev = (m > 0).sum(axis=1)
    base_rank = int(nlev.max()) if len(nlev) else 0
    g_act = int((d > 0).sum())
    head_id = "H"
    rows.append({"id": head_id, "title": st.head_title, "title_en": st.head_title_en,
                 "unit": st.head_unit, "reports_to": "", "headcount": float(st.head),
                 "cost": c_ic * step ** (base_rank + g_act + 1) if st.head else math.nan,
                 "level": "L0", "source": "simulated"})
    # function tops (posts reporting to directors or the head)
    tops: list[str] = []
    for f, fr in funcs.iterrows():
        name, name_en, unit = fr["name"], fr["name_en"], fr["unit"]
        if m[f].sum() == 0:
            for j in range(int(ic[f])):
                pid = f"F{f + 1}-S{j + 1}"
                rows.append({"id": pid, "title": f"{name}", "title_en": f"{name_en}",
                             "unit": unit, "headcount": 1.0, "cost": c_ic, "source": "simulated"})
                tops.append(pid)
            continue
        top = int(np.flatnonzero(m[f] > 0).max())
        prev: list[str] = []
        for lv in range(top, -1, -1):
            cnt = int(m[f, lv])
            ids = [f"F{f + 1}-M{lv}-{i + 1}" for i in range(cnt)]
            if lv == top:
                title, title_en = f"{name}负责人", f"head of {name_en}"
                tops.extend(ids)
                parents = [""] * cnt
            else:
                title = f"{name}经理" if lv > 0 else f"{name}主管"
                title_en = f"{name_en} manager" if lv > 0 else f"{name_en} team lead"
                parents = [p for p, k in zip(prev, _chunks(cnt, len(prev)), strict=True) for _ in range(k)]
            for pid, par in zip(ids, parents, strict=True):
                rows.append({"id": pid, "title": title, "title_en": title_en, "unit": unit,
                             "reports_to": par, "headcount": 1.0, "cost": c_ic * step ** (lv + 1),
                             "source": "simulated"})
            prev = ids
        for i, (par, k) in enumerate(zip(prev, _chunks(int(ic[f]), len(prev)), strict=True)):
            if k:
                rows.append({"id": f"F{f + 1}-E{i + 1}", "title": f"{name}专员",
                             "title_en": f"{name_en} specialist", "unit": unit, "reports_to": par,
                             "headcount": float(k), "cost": c_ic, "source": "simulated"})
    # director levels, top down; the lowest takes the function tops
    parents_ids = [head_id]
    for g in range(g_act - 1, -1, -1):
        cnt = int(d[g])
        ids = [f"D{g + 1}-{i + 1}" for i in range(cnt)]
        pars = [p for p, k in zip(parents_ids, _chunks(cnt, len(parents_ids)), strict=True) for _ in range(k)]
        for pid, par in zip(ids, pars, strict=True):
            rows.append({"id": pid, "title": "分管总监", "title_en": "director", "unit": st.head_unit,
                         "reports_to": par, "headcount": 1.0,
                         "cost": c_ic * step ** (base_rank + g + 1), "source": "simulated"})
        parents_ids = ids
    by_id = {r["id"]: r for r in rows}
    sizes = _chunks(len(tops), len(parents_ids))
    it = iter(tops)
    for par, k in zip(parents_ids, sizes, strict=True):
        for _ in range(k):
            by_id[next(it)]["reports_to"] = par
    meta = dict(org.meta)
    base = meta.get("id") or meta.get("name") or "org"
    meta.update({"id": f"{base}-m{month}", "name": f"{org.label('zh')} · 第 {month} 月",
                 "name_en": f"{org.label('en')} · month {month}",
                 "description": f"模拟第 {month} 月(管理幅度政策 {pol.label('zh')})",
                 "description_en": f"simulated month {month} (span policy {pol.label('en')})",
                 "source": "orglib.simulate"})
    units = org.units.copy()
    return Org(pd.DataFrame(rows), units=units, meta=meta)


def with_params(res: SimulationResult, **params: Any) -> SimulationResult:
    """A copy of ``res`` with extra entries in ``params`` (used by sweeps)."""
    return replace(res, params={**res.params, **params})


