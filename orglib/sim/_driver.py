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
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from .._core import Org, OrgInputError, metric_labels
from ._kernel import Kernel
from ._policy import MAX_HEADCOUNT, SpanPolicy, _num, check_params, check_size
from ._snapshots import snapshot_org
from ._start import StartState, start_state

__all__ = ["METRICS", "METRIC_LABELS", "SimulationResult", "simulate", "summarize", "with_params"]

# --------------------------------------------------------------------- metrics
METRICS: tuple[str, ...] = (
    "headcount", "target", "ics", "managers", "layers", "span_mean", "span_min", "span_max",
    "over_max", "under_min", "in_policy", "mgmt_cost_share", "cost", "hired", "left",
    "promoted", "pipeline",
)
"""Series recorded each month (per run)."""

METRIC_LABELS: dict[str, tuple[str, str]] = metric_labels(METRICS)
"""Metric key → (zh, en) label."""


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
    peak = float(np.nanmax(path, initial=0.0))
    if not np.isfinite(path).all() or peak > MAX_HEADCOUNT:
        raise OrgInputError(en=f"the planned headcount reaches {peak:.3g}; at most {MAX_HEADCOUNT:,} people "
                               f"can be simulated (lower growth, target or the plan)",
                            zh=f"计划人数达到 {peak:.3g},模拟上限为 {MAX_HEADCOUNT:,} 人(请降低增长率、目标或计划)")
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
        Fractional FTE (a 0.5 post) are accepted: the simulation moves whole people, so
        each post's FTE is carried, unrounded, into its function's count at its level,
        and only those counts are rounded (:func:`whole_people`: largest remainders, total
        = the org's FTE rounded to the nearest whole, a half up). Month 0 shows that total.
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
                 lead_time=lead_time, fill_rate=fill_rate, target=target, seed=seed)
    months, runs, lead_time = int(months), int(runs), int(lead_time)
    if cost_step is not None:
        _num("cost_step", cost_step, lo=1.0)
    pol = _one_policy(policy, span_min=span_min, span_target=span_target, span_max=span_max,
                      archetype=archetype, review_every=review_every, promote_share=promote_share)
    snaps = sorted({int(_num("snapshot month", s, integer=True)) for s in snapshot_months})
    if any(s > months for s in snaps):
        raise OrgInputError(en=f"snapshot months must be within 0..{months}", zh=f"快照月份须在 0..{months} 之间")
    if not 0 <= int(snapshot_run) < runs:
        raise OrgInputError(en=f"snapshot_run must be within 0..{runs - 1}",
                            zh=f"snapshot_run 须在 0..{runs - 1} 之间")
    st = start_state(org, cost_step)
    people = int(st.ic.sum() + st.m.sum()) + st.head
    if people > MAX_HEADCOUNT:
        raise OrgInputError(en=f"the Org has {people:,} people; at most {MAX_HEADCOUNT:,} can be simulated",
                            zh=f"组织有 {people:,} 人,模拟上限为 {MAX_HEADCOUNT:,} 人")
    targets = _targets(st, months, lead_time, float(growth), target, plan)
    levels = _levels_needed(st, targets, pol)
    check_size(months=months, runs=runs, functions=len(st.functions), levels=levels,
               lead_time=lead_time)
    rng = np.random.default_rng(seed)
    sim = Kernel(st, runs, pol, levels, rng)
    a = float(attrition)
    fill = float(fill_rate)
    F = sim.F

    keys = {k: i for i, k in enumerate(METRICS)}
    store = np.zeros((len(METRICS), months + 1, runs), dtype=float)
    i_hired, i_left, i_prom, i_pipe, i_target = (keys[k] for k in
                                                 ("hired", "left", "promoted", "pipeline", "target"))
    plan_total = targets.sum(axis=1) + st.head

    def record(t: int, hired, left, promoted, pipe_total) -> None:
        at = store[:, t]
        sim.measure(st.cost_ic, st.cost_step, at, keys)
        at[i_hired] = hired
        at[i_left] = left
        at[i_prom] = promoted
        at[i_pipe] = pipe_total
        at[i_target] = plan_total[t]

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
        hc_f = sim.S[: sim.la + 1].sum(axis=0)
        reqs = targets[t + lead_time][:, None] - hc_f
        reqs -= pipe_sum
        np.maximum(reqs, 0, out=reqs)
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

    series = summarize(store, METRICS, overwrite=not keep_runs)
    orgs = {t: snapshot_org(st, s, org, pol, t) for t, s in states.items()}
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
    runs_out = {k: store[i] for k, i in keys.items()} if keep_runs else None
    return SimulationResult(series=series, runs=runs_out, orgs=orgs,
                            functions=funcs, policy=pol, params=params)


_POLICY_FIELDS = {"span_min": "min", "span_target": "target", "span_max": "max",
                  "archetype": "archetype", "review_every": "review_every",
                  "promote_share": "promote_share"}


def _one_policy(policy: SpanPolicy | str | Mapping[str, Any] | None, **fields: Any) -> SpanPolicy:
    """The policy from ``policy`` or from its keyword fields, never from both."""
    given = {k: v for k, v in fields.items() if v is not None}
    if policy is not None and given:
        names = ", ".join(given)
        raise OrgInputError(en=f"give either policy or its fields ({names}), not both",
                            zh=f"管理幅度政策与其字段({names})只能二选一")
    if policy is not None:
        return SpanPolicy.of(policy)
    return SpanPolicy.of(None, **{_POLICY_FIELDS[k]: v for k, v in given.items()})


def _seed_repr(seed: Any) -> Any:
    if isinstance(seed, np.random.SeedSequence):
        return int(seed.entropy) if isinstance(seed.entropy, int) else str(seed.entropy)
    return None if seed is None else int(seed)


_NAN_METRICS = ("span_mean", "span_min", "span_max", "in_policy")
"""The only metrics that can be NaN (a run without managers)."""


def summarize(store: np.ndarray, metrics: Sequence[str], *, overwrite: bool = False) -> pd.DataFrame:
    """Tidy series from ``store`` (metric, month, run): the value, or mean and p10/p50/p90.

    The same numbers as ``numpy.nanmean`` / ``numpy.nanpercentile`` over the runs; rows
    without a NaN (all but a few) go through one vectorized ``numpy.percentile``, which
    may reorder ``store`` in place when ``overwrite`` is true (no copy).
    """
    K, months, runs = store.shape
    month_col = np.tile(np.arange(months), K)
    metric_col = np.repeat(np.array(list(metrics), dtype=object), months)
    if runs == 1:
        return pd.DataFrame({"month": month_col, "metric": metric_col,
                             "value": store[:, :, 0].reshape(-1)})
    flat = store.reshape(K * months, runs)
    nan_rows = np.zeros(K * months, dtype=bool)
    for i, k in enumerate(metrics):
        if k in _NAN_METRICS:
            nan_rows[i * months:(i + 1) * months] = np.isnan(store[i]).any(axis=1)
    clean = np.flatnonzero(~nan_rows)
    q = np.empty((3, K * months))
    mean = np.empty(K * months)
    dirty = np.flatnonzero(nan_rows)
    if dirty.size:
        sub = flat[dirty]
        with np.errstate(invalid="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            q[:, dirty] = np.nanpercentile(sub, [10, 50, 90], axis=1)
            mean[dirty] = np.nanmean(sub, axis=1)
    with np.errstate(invalid="ignore", over="ignore"):  # inf costs of absurdly deep orgs
        if clean.size == K * months:  # mean first: the percentile reorders the values
            mean[:] = flat.mean(axis=1)
            q[:] = np.percentile(flat, [10, 50, 90], axis=1, overwrite_input=overwrite)
        elif clean.size:
            sub = flat[clean]
            mean[clean] = sub.mean(axis=1)
            q[:, clean] = np.percentile(sub, [10, 50, 90], axis=1, overwrite_input=True)
    return pd.DataFrame({"month": month_col, "metric": metric_col, "mean": mean,
                         "p10": q[0], "p50": q[1], "p90": q[2]})


def with_params(res: SimulationResult, **params: Any) -> SimulationResult:
    """A copy of ``res`` with extra entries in ``params`` (used by sweeps)."""
    return replace(res, params={**res.params, **params})


