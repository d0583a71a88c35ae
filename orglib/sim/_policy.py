"""Span-of-control policy and the simulation's parameter checks (管理幅度政策与参数检查).

:class:`SpanPolicy` is the band a department keeps its spans in (min, target, max, how
often it restructures, how posts are filled); :data:`ARCHETYPE_POLICIES` derives one band
per manager archetype from :data:`orglib.analysis.ARCHETYPES`. :func:`check_params`
raises one bilingual error for the first bad simulation parameter.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from .._core import OrgInputError
from ..analysis import ARCHETYPES

__all__ = ["ARCHETYPE_POLICIES", "MAX_HEADCOUNT", "MAX_MONTHS", "MAX_SPAN", "SpanPolicy", "check_params", "check_seed",
           "check_size", "memory_budget", "simulation_bytes"]

MAX_SPAN = 100
"""Largest span a policy may allow (with MAX_HEADCOUNT it keeps every count product in 32 bits)."""

_COORDINATOR_CAP = 20
"""The coordinator archetype is open-ended (15+); the simulation caps its maximum at 20."""


def _archetype_policies() -> dict[str, tuple[int, int, int]]:
    """Archetype key → (min, target, max), from :data:`orglib.analysis.ARCHETYPES`."""
    out = {}
    for key, a in ARCHETYPES.items():
        lo, hi = a.low, a.high
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
        if self.max > MAX_SPAN:
            raise OrgInputError(en=f"maximum span must be at most {MAX_SPAN}, got {self.max}",
                                zh=f"管理幅度上限不能超过 {MAX_SPAN},而不是 {self.max}")
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
    for a in ARCHETYPES.values():
        if text == a.name or key == a.name_en.lower().replace("/", "_").replace(" ", "_"):
            key = a.key
    if key not in ARCHETYPE_POLICIES:
        raise OrgInputError(f"unknown manager archetype {name!r}: use one of {', '.join(ARCHETYPE_POLICIES)} "
                            f"/ 未知管理者类型 {name!r}")
    lo, t, hi = ARCHETYPE_POLICIES[key]
    return {"min": lo, "target": t, "max": hi, "archetype": key}


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


MAX_MONTHS = 1200
"""Longest horizon (and hiring lead time) in months: 100 years."""

MAX_HEADCOUNT = 10**7
"""Largest planned headcount (``target``, a plan, or where ``growth`` leads)."""

_METRIC_COUNT = 17  # len(METRICS): one float per metric, month and run


def memory_budget() -> int:
    """Bytes a simulation may allocate: 80 % of the memory available now (MemAvailable, or
    the address-space limit of this process if lower); 4 GiB where neither is known.

    >>> memory_budget() > 0
    True
    """
    avail = None
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    avail = int(line.split()[1]) * 1024
                    break
    except (OSError, ValueError):
        pass
    try:
        import resource

        for lim in (resource.RLIMIT_AS, resource.RLIMIT_DATA):
            soft = resource.getrlimit(lim)[0]
            if soft not in (resource.RLIM_INFINITY, -1) and soft > 0:
                avail = soft if avail is None else min(avail, soft)
    except (ImportError, OSError, ValueError):  # pragma: no cover - not POSIX
        pass
    return int(0.8 * (avail if avail is not None else 4 << 30))


def simulation_bytes(*, months: int, runs: int, functions: int = 1, levels: int = 4,
                     lead_time: int = 0) -> int:
    """Estimated peak memory of :func:`~orglib.sim.simulate` (bytes), before it allocates.

    The series store (17 metrics × (months + 1) × runs floats) is held twice while the
    bands are computed; the kernel keeps (levels + 1) × functions × runs counts and about
    a dozen temporaries of that size, and lead_time + 1 months of requisitions.

    >>> simulation_bytes(months=60, runs=10_000, functions=5, levels=8) // 2**20
    286
    """
    store = _METRIC_COUNT * (months + 1) * runs * 8
    state = (levels + 1) * functions * runs * 8 * 14
    pipe = (lead_time + 2) * functions * runs * 8
    return 3 * store + state + pipe


def _gib(b: float) -> str:
    return f"{b / 2**30:.1f} GB" if b >= 2**30 / 10 else f"{b / 2**20:.0f} MB"


def check_size(*, months: int, runs: int, functions: int = 1, levels: int = 4, lead_time: int = 0,
               budget: int | None = None) -> None:
    """Raise :class:`OrgInputError` if the simulation would not fit in memory; say what fits.

    >>> check_size(months=60, runs=10**9, budget=2**30)
    Traceback (most recent call last):
    ...
    orglib._core.errors.OrgInputError: 1,000,000,000 runs × 60 months need about 23715.2 GB of memory; 1.0 GB is available: at most 42,167 runs fit / 1,000,000,000 次 × 60 个月的模拟约需 23715.2 GB 内存,可用 1.0 GB:最多 42,167 次
    """
    budget = memory_budget() if budget is None else int(budget)
    need = simulation_bytes(months=months, runs=runs, functions=functions, levels=levels,
                            lead_time=lead_time)
    if need <= budget:
        return
    per_run = simulation_bytes(months=months, runs=1, functions=functions, levels=levels,
                               lead_time=lead_time)
    fit = budget // per_run
    raise OrgInputError(
        en=f"{runs:,} runs × {months} months need about {_gib(need)} of memory; {_gib(budget)} is "
           f"available: at most {fit:,} runs fit",
        zh=f"{runs:,} 次 × {months} 个月的模拟约需 {_gib(need)} 内存,可用 {_gib(budget)}:最多 {fit:,} 次")


def check_seed(seed: Any) -> None:
    """Raise :class:`OrgInputError` unless ``seed`` is None, a SeedSequence or a whole number >= 0.

    >>> check_seed(-1)
    Traceback (most recent call last):
    ...
    orglib._core.errors.OrgInputError: seed must be a whole number from 0 to 2**63 - 1, got -1 / 随机种子须为 0 到 2**63 - 1 之间的整数,而不是 -1
    """
    if seed is None or isinstance(seed, np.random.SeedSequence):
        return
    if isinstance(seed, float | np.floating) and math.isfinite(float(seed)) and float(seed).is_integer():
        seed = int(seed)
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or not 0 <= int(seed) < 2**63:
        raise OrgInputError(en=f"seed must be a whole number from 0 to 2**63 - 1, got {seed!r}",
                            zh=f"随机种子须为 0 到 2**63 - 1 之间的整数,而不是 {seed!r}")


def check_params(months: Any = 36, runs: Any = 1, growth: Any = 0.0, attrition: Any = 0.015,
                 lead_time: Any = 2, fill_rate: Any = 1.0, target: Any = None, *,
                 seed: Any = None) -> None:
    """Raise :class:`OrgInputError` (one bilingual line) for a bad simulation parameter.

    Checks types and ranges, the horizon (``months``, ``lead_time`` at most
    :data:`MAX_MONTHS`), the seed, and that ``runs × months`` fit in memory (the org's
    own size is checked again by :func:`~orglib.sim.simulate` once it is known). The
    CLI, sweeps and the report call this before any work.

    >>> check_params(months=0)
    Traceback (most recent call last):
    ...
    orglib._core.errors.OrgInputError: months must be at least 1, got 0 / months 不能小于 1
    >>> check_params(months=10_000_000)
    Traceback (most recent call last):
    ...
    orglib._core.errors.OrgInputError: months must be at most 1200, got 10000000 / months 不能大于 1200
    """
    _num("months", months, lo=1, hi=MAX_MONTHS, integer=True)
    _num("runs", runs, lo=1, integer=True)
    _num("growth", growth, hi=10.0)
    _num("attrition", attrition, hi=1.0)
    _num("lead_time", lead_time, hi=MAX_MONTHS, integer=True)
    _num("fill_rate", fill_rate, hi=1.0, lo_open=True)
    if target is not None:
        _num("target", target, hi=MAX_HEADCOUNT)
    check_seed(seed)
    check_size(months=int(months), runs=int(runs), lead_time=int(lead_time))
