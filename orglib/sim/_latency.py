"""Why spans matter: decision latency versus span of control (管理幅度与决策时延).

Teachers ask "why do spans matter?". Fix the headcount and vary the span: narrow spans
mean many layers (a request climbs through many desks, and managers cost money); wide
spans mean few layers but each manager is a busier queue. :func:`latency_sweep` sweeps
the span and returns layers, managers, management cost and mean/p90 decision latency, so
a notebook can show where the optimum lies and how it moves with headcount.

The model
---------
*Hierarchy.* For headcount ``N`` and span ``s`` the tree is balanced: ``n0`` individual
contributors (ICs), ``m1 = ceil(n0 / s)`` front-line managers, ``m(k+1) = ceil(m(k) / s)``
up to one head; ``n0`` is the largest number with ``n0 + sum(m) <= N``. A level-``k``
manager has ``s_k = m(k-1) / m(k)`` direct reports on average (``m0 = n0``) and
``c_k = n0 / m(k)`` ICs below.

*Requests.* Each IC raises decisions at rate ``r`` a day (Poisson). A request goes to the
front-line manager; a manager at level ``k < K`` escalates it with probability ``p``
(else decides it); the head decides everything that reaches it. So level ``k`` is
reached with probability ``p**(k-1)`` and a level-``k`` manager receives
``lambda_k = r * c_k * p**(k-1)`` requests a day.

*Managers as queues.* Each manager is an M/M/1 first-come-first-served queue with
service rate reduced by the load of supervising ``s_k`` people::

    mu_k = mu * (1 - u * s_k)                      coordination="linear" (default)
    mu_k = mu * (1 - kappa * G(s_k))               coordination="graicunas"
    G(s) = s * (2**(s-1) + s - 1)                  Graicunas' relationships

A request waits and is served at level ``k`` for ``W_k ~ Exponential(mu_k - lambda_k)``
(the M/M/1 sojourn time, mean ``1 / (mu_k - lambda_k)``), and each hop costs a fixed
``handoff``. By Burke's theorem and the product form of this (Jackson) network, the
sojourn times along a path are independent, so

    mean latency = sum_k p**(k-1) * (1 / (mu_k - lambda_k) + handoff)

and the latency distribution is a mixture over the number of levels visited ``H`` of
``H * handoff`` plus a hypoexponential sum; its p90 is found by bisection on the exact
CDF (computed by uniformization). When any ``lambda_k >= mu_k`` the queue is unstable
and the latency is infinite.

*Simulation.* :func:`simulate_latency` checks the closed form without assuming it: it
runs each level's queue as a real FCFS queue (Lindley's recursion over Poisson arrivals
and exponential services, started in its stationary state) and sends requests up the
hierarchy, sampling each hop's sojourn from the simulated queue. The test suite checks
that simulated mean and p90 agree with the closed form within sampling error.

*Cost.* An IC costs 1 (or ``cost_ic``) a year and a level-``k`` manager
``cost_step**k`` times as much.

Defaults (per day): ``r = 0.1``, ``p = 0.5``, ``mu = 10``, ``u = 0.03``,
``kappa = 2e-5``, ``handoff = 0.5``, ``cost_step = 1.4``. They are illustrative,
chosen so the trade-off is visible for 50–500 people; change them to fit a client.

Examples
--------
>>> df = latency_sweep(150, spans=[3, 6, 12])
>>> df[["span", "layers", "managers"]].values.tolist()
[[3, 6, 51], [6, 4, 26], [12, 3, 13]]
>>> bool(df.loc[1, "mean_latency"] < df.loc[0, "mean_latency"])
True
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from .._core import OrgInputError

__all__ = ["LatencyModel", "hierarchy", "latency_closed_form", "latency_sweep",
           "latency_optimum", "simulate_latency", "graicunas_total", "unstable_text"]


@dataclass(frozen=True)
class LatencyModel:
    """Parameters of the decision-latency model (see the module docstring).

    >>> LatencyModel(escalate=1.5)
    Traceback (most recent call last):
    ...
    orglib._core.errors.OrgInputError: escalate must be in [0, 1], got 1.5 / 上报概率须在 0 到 1 之间
    """

    request_rate: float = 0.1
    escalate: float = 0.5
    service_rate: float = 10.0
    supervision: float = 0.03
    coordination: str = "linear"
    kappa: float = 2e-5
    handoff: float = 0.5
    cost_step: float = 1.4
    cost_ic: float = 1.0

    def __post_init__(self) -> None:
        for name in ("request_rate", "service_rate", "supervision", "kappa", "handoff", "cost_ic"):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, int | float | np.integer | np.floating) \
                    or not math.isfinite(float(v)) or float(v) < 0:
                raise OrgInputError(f"{name} must be a non-negative number, got {v!r} / {name} 须为非负数")
        if self.service_rate <= 0:
            raise OrgInputError(f"service_rate must be positive, got {self.service_rate!r} / 处理速率须为正数")
        if not isinstance(self.escalate, int | float) or not 0 <= self.escalate <= 1:
            raise OrgInputError(f"escalate must be in [0, 1], got {self.escalate!r} / 上报概率须在 0 到 1 之间")
        if self.coordination not in ("linear", "graicunas"):
            raise OrgInputError(f"coordination must be 'linear' or 'graicunas', got {self.coordination!r} "
                                f"/ 协调负荷须为 linear 或 graicunas")
        if not isinstance(self.cost_step, int | float) or self.cost_step < 1:
            raise OrgInputError(f"cost_step must be at least 1, got {self.cost_step!r} / 成本级差不能小于 1")

    def load(self, span: np.ndarray) -> np.ndarray:
        """Share of a manager's capacity taken by supervising ``span`` people."""
        s = np.asarray(span, dtype=float)
        if self.coordination == "graicunas":
            return self.kappa * graicunas_total(s)
        return self.supervision * s


def graicunas_total(span: float | np.ndarray) -> np.ndarray:
    """Graicunas' relationships ``s (2**(s-1) + s - 1)``, for real ``s`` too.

    >>> graicunas_total(np.array([1, 5, 10])).tolist()
    [1.0, 100.0, 5210.0]
    """
    s = np.asarray(span, dtype=float)
    return s * (np.power(2.0, s - 1) + s - 1)


def _check_int(name: str, v, lo: int) -> int:
    if isinstance(v, bool) or not isinstance(v, int | float | np.integer | np.floating) \
            or not math.isfinite(float(v)) or float(v) != int(v):
        raise OrgInputError(f"{name} must be a whole number, got {v!r} / {name} 须为整数")
    if int(v) < lo:
        raise OrgInputError(f"{name} must be at least {lo}, got {v!r} / {name} 不能小于 {lo}")
    return int(v)


def hierarchy(headcount: int, span: int) -> tuple[int, list[int]]:
    """Balanced tree for ``headcount`` people at ``span``: ``(ics, [m1, m2, ..., 1])``.

    >>> hierarchy(13, 3)
    (9, [3, 1])
    >>> hierarchy(150, 6)
    (124, [21, 4, 1])
    """
    n = _check_int("headcount", headcount, 2)
    s = _check_int("span", span, 2)

    def managers(ic: int) -> list[int]:
        out, cur = [], ic
        while True:
            cur = -(-cur // s)
            out.append(cur)
            if cur == 1:
                return out

    lo, hi = 1, n - 1  # largest ic with ic + sum(managers(ic)) <= n
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if mid + sum(managers(mid)) <= n:
            lo = mid
        else:
            hi = mid - 1
    return lo, managers(lo)


def _levels(headcount: int, span: int, model: LatencyModel) -> dict:
    ic, ms = hierarchy(headcount, span)
    m = np.array(ms, dtype=float)
    below = np.concatenate([[ic], m[:-1]])
    s_k = below / m
    c_k = ic / m
    k = np.arange(len(m))
    reach = np.power(model.escalate, k)
    lam = model.request_rate * c_k * reach
    mu = model.service_rate * (1.0 - model.load(s_k))
    theta = mu - lam
    cost_m = float((m * np.power(model.cost_step, k + 1)).sum()) * model.cost_ic
    return {"ics": ic, "m": ms, "span_k": s_k, "lam": lam, "mu": mu, "theta": theta,
            "reach": reach, "stable": bool(np.all(theta > 0)), "mcost": cost_m}


def _phase_matrix(theta: np.ndarray, n_max: int) -> tuple[float, np.ndarray]:
    """Uniformization of the chain of phases ``theta``: ``(Lambda, S)`` where ``S[n, h]``
    is the probability that, after ``n`` ticks, fewer than ``h + 1`` phases are done."""
    lam = float(theta.max())
    q = theta / lam
    K = len(theta)
    v = np.zeros(K + 1)
    v[0] = 1.0
    out = np.empty((n_max + 1, K))
    for n in range(n_max + 1):
        out[n] = np.cumsum(v[:K])
        moved = v[:K] * q
        v[:K] -= moved
        v[1:] += moved
    return lam, out


def _closed(lv: dict, model: LatencyModel) -> tuple[float, float]:
    """Closed-form mean and p90 of the decision latency."""
    if not lv["stable"]:
        return math.inf, math.inf
    theta, reach = lv["theta"], lv["reach"]
    K = len(theta)
    mean = float((reach * (1.0 / theta + model.handoff)).sum())
    p_h = np.append(reach[:-1] * (1 - model.escalate), reach[-1])  # P(H = h), h = 1..K
    shift = np.arange(1, K + 1) * model.handoff
    hi = 10.0 * mean + 1e-12  # Markov: P(L > 10 E[L]) <= 0.1
    lam_u = float(theta.max())
    n_max = int(lam_u * hi + 12 * math.sqrt(lam_u * hi) + 30)
    lam_u, S = _phase_matrix(theta, n_max)
    n = np.arange(n_max + 1)
    log_fact = np.concatenate([[0.0], np.cumsum(np.log(np.arange(1, n_max + 1)))])

    def cdf(x: float) -> float:
        t = np.maximum(x - shift, 0.0)  # time left for queueing after h hops
        mu = lam_u * t
        with np.errstate(divide="ignore", invalid="ignore"):
            logw = n[:, None] * np.log(np.where(mu > 0, mu, 1.0))[None, :] - mu[None, :] - log_fact[:, None]
        w = np.exp(logw)
        w[:, mu <= 0] = 0.0
        w[0, mu <= 0] = 1.0
        surv = (w * S).sum(axis=0)  # P(sum of first h phases > t_h)
        return float((p_h * (1.0 - np.clip(surv, 0.0, 1.0))).sum())

    lo = 0.0
    for _ in range(60):
        mid = 0.5 * (lo + hi)
        if cdf(mid) < 0.9:
            lo = mid
        else:
            hi = mid
        if hi - lo < 1e-10 * max(hi, 1.0):
            break
    return mean, 0.5 * (lo + hi)


def latency_closed_form(headcount: int, span: int, model: LatencyModel | None = None) -> dict:
    """Layers, managers, cost and closed-form latency for one headcount and span.

    One manager over six: lambda = 0.1 * 6, mu = 10 * (1 - 0.03 * 6), so the sojourn is
    Exponential(7.6): mean 1 / 7.6, p90 ln(10) / 7.6.

    >>> r = latency_closed_form(7, 6, LatencyModel(handoff=0.0))
    >>> r["layers"], round(r["mean_latency"], 6), round(r["p90_latency"], 4)
    (2, 0.131579, 0.303)
    """
    model = model or LatencyModel()
    lv = _levels(headcount, span, model)
    mean, p90 = _closed(lv, model)
    managers = int(sum(lv["m"]))
    ics = lv["ics"]
    icost = ics * model.cost_ic
    lam, mu = lv["lam"], lv["mu"]
    load = np.where(mu > 0, lam / np.where(mu > 0, mu, 1.0), np.inf)
    busiest = int(np.argmax(load))
    return {
        "headcount": ics + managers, "span": int(span), "layers": len(lv["m"]) + 1,
        "ics": ics, "managers": managers, "management_cost": lv["mcost"],
        "management_cost_share": lv["mcost"] / (lv["mcost"] + icost),
        "top_load": float(lv["lam"][-1] / lv["mu"][-1]) if lv["mu"][-1] > 0 else math.inf,
        "stable": lv["stable"], "mean_latency": mean, "p90_latency": p90,
        "bottleneck_level": busiest + 1, "arrival_rate": float(lam[busiest]),
        "service_capacity": float(mu[busiest]), "max_load": float(load[busiest]),
    }


def simulate_latency(headcount: int, span: int, model: LatencyModel | None = None, *,
                     requests: int = 20000, customers: int = 50000, seed=None) -> dict:
    """Monte Carlo decision latency: real FCFS queues, requests escalated level by level.

    Each level's representative manager is simulated as a queue with Poisson arrivals
    (rate ``lambda_k``) and exponential service (rate ``mu_k``) over ``customers``
    customers by Lindley's recursion, started in the stationary state. Each of
    ``requests`` requests climbs ``H`` levels (decided with probability ``1 - p`` at
    each level below the top) and takes, at each level, the sojourn of a customer drawn
    at random from that queue, plus ``handoff`` a hop.

    Returns
    -------
    dict
        ``mean_latency``, ``p90_latency``, ``se_mean`` (standard error from 20 batch
        means of the queue trajectories and the request sample), ``requests``.

    Examples
    --------
    >>> m = LatencyModel(escalate=0.0, handoff=0.0)
    >>> r = simulate_latency(7, 6, m, seed=1)
    >>> abs(r["mean_latency"] - 1 / 7.6) < 4 * r["se_mean"]
    True
    """
    model = model or LatencyModel()
    requests = _check_int("requests", requests, 100)
    customers = _check_int("customers", customers, 1000)
    lv = _levels(headcount, span, model)
    if not lv["stable"]:
        return {"mean_latency": math.inf, "p90_latency": math.inf, "se_mean": math.nan,
                "requests": requests}
    rng = np.random.default_rng(seed)
    lam, mu = lv["lam"], lv["mu"]
    K = len(lam)
    # Lindley: W_n = C_n - min(-W_0, min_{j<=n} C_j), C_n = sum_{i<n} (S_i - A_{i+1})
    S = rng.exponential(1.0, size=(K, customers)) / mu[:, None]
    A = np.where(lam[:, None] > 0, rng.exponential(1.0, size=(K, customers)), np.inf)
    A = A / np.where(lam > 0, lam, 1.0)[:, None]
    rho = lam / mu
    w0 = np.where(rng.random(K) < rho, rng.exponential(1.0, K) / (mu - lam), 0.0)
    X = S[:, :-1] - A[:, 1:]
    X = np.where(np.isfinite(X), X, -1e300)
    C = np.concatenate([np.zeros((K, 1)), np.cumsum(X, axis=1)], axis=1)
    runmin = np.minimum.accumulate(np.minimum(C, 0.0), axis=1)
    W = C - np.minimum(-w0[:, None], runmin)
    W = np.maximum(W, 0.0)
    sojourn = W + S
    # requests: levels visited H, then a random customer's sojourn at each level
    p = model.escalate
    u = rng.random((requests, max(K - 1, 0)))
    climb = np.cumprod(u < p, axis=1) if K > 1 else np.zeros((requests, 0), dtype=bool)
    visits = np.concatenate([np.ones((requests, 1), dtype=bool), climb.astype(bool)], axis=1)
    pick = rng.integers(0, customers, size=(requests, K))
    times = sojourn[np.arange(K)[None, :], pick] + model.handoff
    lat = np.where(visits, times, 0.0).sum(axis=1)
    # batch means by trajectory segment: requests grouped by the segment of their picks
    batches = 20
    seg = (pick[:, 0] * batches) // customers
    bm = np.array([lat[seg == b].mean() for b in range(batches) if (seg == b).any()])
    se = float(bm.std(ddof=1) / math.sqrt(len(bm)))
    return {"mean_latency": float(lat.mean()), "p90_latency": float(np.percentile(lat, 90)),
            "se_mean": se, "requests": requests}


def latency_sweep(headcount: int | Iterable[int], spans: Iterable[int] = range(2, 21),
                  model: LatencyModel | None = None, *, simulate: bool = False,
                  requests: int = 20000, seed=None, **params) -> pd.DataFrame:
    """Layers, managers, management cost and decision latency for each span (and headcount).

    Parameters
    ----------
    headcount : int or iterable of int
        Department size(s) held fixed while the span varies.
    spans : iterable of int
        Spans to try (default 2..20).
    model : LatencyModel, optional
        Model parameters; keyword ``params`` override single fields
        (``escalate=0.5``, ``coordination="graicunas"``...).
    simulate : bool
        Also run :func:`simulate_latency` (columns ``sim_mean_latency``,
        ``sim_p90_latency``, ``sim_se``); seeds derive from ``seed`` and the row.
    requests : int
        Requests per simulated point.
    seed : int, optional
        Base seed of the simulation.

    Returns
    -------
    DataFrame
        ``headcount, span, layers, ics, managers, management_cost,
        management_cost_share, top_load, stable, mean_latency, p90_latency,
        bottleneck_level, arrival_rate, service_capacity, max_load`` (latency in days;
        ``inf`` where a manager's queue is unstable: at the busiest level,
        ``bottleneck_level`` (1 = front-line managers), requests arrive at
        ``arrival_rate`` a day against a capacity of ``service_capacity`` a day, and
        ``max_load`` = their ratio is at least 1). :func:`unstable_text` says it in words.

    Examples
    --------
    >>> df = latency_sweep([60, 600], spans=range(2, 16))
    >>> latency_optimum(df)["span"].tolist()
    [7, 3]
    """
    model = model or LatencyModel()
    if params:
        model = LatencyModel(**{**asdict(model), **params})
    sizes = [headcount] if isinstance(headcount, int | np.integer) else list(headcount)
    span_list = list(spans)
    if not sizes or not span_list:
        raise OrgInputError("latency_sweep needs at least one headcount and one span / 至少需要一个人数和一个幅度")
    rows = []
    i = 0
    for n in sizes:
        for s in span_list:
            row = latency_closed_form(n, s, model)
            row["headcount_requested"] = int(n)
            if simulate:
                ss = np.random.SeedSequence(entropy=0 if seed is None else int(seed), spawn_key=(i,))
                sim = simulate_latency(n, s, model, requests=requests, seed=ss)
                row.update({"sim_mean_latency": sim["mean_latency"],
                            "sim_p90_latency": sim["p90_latency"], "sim_se": sim["se_mean"]})
            rows.append(row)
            i += 1
    df = pd.DataFrame(rows)
    first = ["headcount_requested", "span", "headcount", "layers", "ics", "managers"]
    return df[first + [c for c in df.columns if c not in first]]


def latency_optimum(df: pd.DataFrame, by: str = "mean_latency") -> pd.DataFrame:
    """The row with the smallest ``by`` for each requested headcount, among the spans
    whose latency is finite: an infeasible span (a queue that cannot keep up, infinite
    latency) is never recommended, and a headcount with no feasible span has no row.

    >>> latency_optimum(latency_sweep(150))[["headcount_requested", "span"]].values.tolist()
    [[150, 5]]
    >>> len(latency_optimum(latency_sweep(200, spans=[2, 3], service_rate=0.1)))
    0
    """
    if by not in df.columns:
        raise OrgInputError(f"unknown column {by!r} / 未知列 {by!r}")
    key = "headcount_requested" if "headcount_requested" in df.columns else "headcount"
    values = pd.to_numeric(df[by], errors="coerce")
    feasible = df[np.isfinite(values.to_numpy(dtype=float))]
    idx = feasible.groupby(key, sort=False)[by].idxmin()
    return df.loc[idx.to_numpy()].reset_index(drop=True)


def _ranges(values: list[int]) -> str:
    """``[2, 3, 4, 7]`` → ``"2–4, 7"``."""
    out, start, prev = [], None, None
    for v in sorted(values):
        if start is None:
            start = prev = v
        elif v == prev + 1:
            prev = v
        else:
            out.append(f"{start}" if start == prev else f"{start}–{prev}")
            start = prev = v
    if start is not None:
        out.append(f"{start}" if start == prev else f"{start}–{prev}")
    return ", ".join(out)


def unstable_text(df: pd.DataFrame, lang: str = "en") -> list[str]:
    """Why some spans of a :func:`latency_sweep` have an infinite latency, one sentence
    per headcount with such spans, in ``lang``; [] when every latency is finite.

    A manager is a queue: when requests reach it at least as fast as it can decide them
    (arrival rate >= service capacity) the queue grows without end and the latency is
    infinite. The sentence names the spans, and for the least overloaded of them the
    level, the two rates and their ratio, and says whether any span remains.

    >>> df = latency_sweep(200, spans=[2, 3, 4], service_rate=1)
    >>> print(unstable_text(df)[0])  # doctest: +NORMALIZE_WHITESPACE
    200 people, span 4: the decision latency is infinite: a manager's queue cannot keep up (at span 4,
    the head (level 4) receives 1.85 requests a day but can decide only 0.91: load 2.03 ≥ 1), so
    requests pile up without end. This span is left out of the recommendation.
    """
    out: list[str] = []
    key = "headcount_requested" if "headcount_requested" in df.columns else "headcount"
    for n, g in df.groupby(key, sort=False):
        bad = g[~np.isfinite(pd.to_numeric(g["mean_latency"], errors="coerce").to_numpy(dtype=float))]
        if bad.empty:
            continue
        spans = _ranges([int(s) for s in bad["span"]])
        r = bad.loc[bad["max_load"].astype(float).idxmin()]
        lvl, lam, mu, load = int(r["bottleneck_level"]), float(r["arrival_rate"]), float(r["service_capacity"]), \
            float(r["max_load"])
        one = len(bad) == 1
        none_left = len(bad) == len(g)
        top = lvl == int(r["layers"]) - 1
        who_en = ("the head" if top else "a front-line manager" if lvl == 1 else "a manager") + f" (level {lvl})"
        who_zh = ("最高负责人" if top else "一线管理者" if lvl == 1 else "管理者") + f"(第 {lvl} 级)"
        if mu <= 0:
            why_en = f"at span {int(r['span'])}, supervising its reports leaves {who_en} no time to decide"
            why_zh = f"幅度 {int(r['span'])} 时,{who_zh}的时间全部用于管理下属,无暇决策"
        else:
            why_en = (f"at span {int(r['span'])}, {who_en} receives {lam:.3g} requests a day but can decide "
                      f"only {mu:.3g}: load {load:.3g} ≥ 1")
            why_zh = (f"幅度 {int(r['span'])} 时,{who_zh}每天收到 {lam:.3g} 个请求,只能处理 {mu:.3g} 个:"
                      f"负荷 {load:.3g} ≥ 1")
        if lang == "zh":
            tail = ("没有可行的管理幅度:请降低请求率或上报概率,或提高处理速率(--request-rate、--escalate、"
                    "--service-rate)。" if none_left else "推荐时不考虑这些幅度。")
            out.append(f"{int(n)} 人,幅度 {spans}:决策时延为无穷大——管理者的请求队列处理不过来({why_zh}),"
                       f"请求会无限积压。{tail}")
        else:
            tail = ("No span is feasible: lower the request rate or the escalation probability, or raise the "
                    "service rate (--request-rate, --escalate, --service-rate)." if none_left
                    else ("This span is" if one else "These spans are") + " left out of the recommendation.")
            out.append(f"{int(n)} people, span{'' if one else 's'} {spans}: the decision latency is infinite: "
                       f"a manager's queue cannot keep up ({why_en}), so requests pile up without end. {tail}")
    return out
