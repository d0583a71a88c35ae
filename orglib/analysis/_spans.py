"""Spans of control (管理幅度) and layers (管理层级), vectorized over the parent array.

Every figure is computed with numpy on :meth:`Org.parent_index` and
:meth:`Org.headcounts` — the layer of each post breadth first (one numpy step per
layer), ``bincount`` for the per-manager sums and one ``bincount`` per layer (deepest
first) for the people below each post — so a million-row HR export takes a fraction of
a second; the managers and flags tables are built when first read.
:func:`spans_layers_networkx` is the straightforward networkx version kept as the
reference the tests and ``benchmarks/bench_spans.py`` compare against.

Definitions (headcount-weighted, per incumbent):

* a **manager** is a post with at least one direct report (post); its **span** is the
  headcount of its direct reports divided by its own headcount (2 主管 over 10 专员
  = 5 each). A vacant manager (headcount 0) has an undefined span: NaN, and a flag.
* **layer**: the top post is layer 1, its reports layer 2, …
* **people below**: headcount of every post under a post (not counting the post).
* **cost below**: sum of ``cost × headcount`` under a post; NaN when some post
  below with people has no known cost.
* summary counts are in people: ``managers`` is the headcount of manager posts,
  ``individual_contributors`` the rest, ``manager_ratio`` individual contributors
  per manager; mean/median span and the span bands weight each manager post by its
  headcount (every incumbent is a manager with that span).

Examples
--------
>>> from orglib._core.model import Org
>>> org = Org.from_records([
...     {"id": "m", "title": "经理", "headcount": 1},
...     {"id": "s", "title": "主管", "reports_to": "m", "headcount": 2},
...     {"id": "e", "title": "专员", "reports_to": "s", "headcount": 10},
... ])
>>> sl = spans_layers(org)
>>> sl.managers[["id", "span", "layer", "people_below"]].values.tolist()
[['m', 2.0, 1, 12.0], ['s', 5.0, 2, 10.0]]
>>> sl.summary["layers"], sl.summary["managers"], sl.summary["individual_contributors"]
(3, 3.0, 10.0)
>>> sl.people_per_layer
{1: 1.0, 2: 2.0, 3: 10.0}
>>> graicunas(4).total
44
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from .._core import Org, OrgInputError
from .._core.tree import TreeMetrics, depths, tree_metrics  # noqa: F401

__all__ = [
    "ARCHETYPES", "DEFAULT_BANDS", "Archetype", "Graicunas", "SpansLayers", "graicunas",
    "resolve_target", "spans_layers", "spans_layers_networkx", "tree_metrics", "band_labels",
]


@dataclass(frozen=True)
class Archetype:
    """A manager archetype and the span range it suits (people per manager)."""

    key: str
    low: float
    high: float
    name: str
    name_en: str


ARCHETYPES: dict[str, Archetype] = {
    a.key: a for a in (
        Archetype("player_coach", 3, 5, "球员兼教练", "player/coach"),
        Archetype("coach", 6, 7, "教练", "coach"),
        Archetype("supervisor", 8, 10, "监督者", "supervisor"),
        Archetype("facilitator", 11, 15, "促进者", "facilitator"),
        Archetype("coordinator", 15, math.inf, "协调者", "coordinator"),
    )
}
"""Manager archetypes → span ranges: player/coach 3–5, coach 6–7, supervisor 8–10,
facilitator 11–15, coordinator 15+. A span above ``high`` is flagged."""

DEFAULT_BANDS: tuple[float, ...] = (1, 2, 4, 8, 13, 17)
"""Lower bounds of the span bands 1, 2–3, 4–7, 8–12, 13–16, 17+. A span ``s`` falls in
the last band whose lower bound is ≤ ``s`` (spans under the first bound, e.g. 0.5,
fall in the first band)."""

GRAICUNAS_LIMIT = 6
"""Direct reports beyond which Graicunas' relationship count is flagged (n=6: 222)."""

MICRO_TEAM = 3
"""Spans above 1 and below this are flagged as micro teams."""


# --------------------------------------------------------------------- Graicunas
@dataclass(frozen=True)
class Graicunas:
    """Graicunas' relationships for a manager with ``n`` direct reports.

    ``direct_single`` n, ``cross`` n(n-1), ``direct_group`` n(2^(n-1)-1),
    ``total`` n(2^(n-1)+n-1).
    """

    n: int
    direct_single: int
    cross: int
    direct_group: int
    total: int

    def to_dict(self) -> dict[str, int]:
        return {"n": self.n, "direct_single": self.direct_single, "cross": self.cross,
                "direct_group": self.direct_group, "total": self.total}


def graicunas(n: int) -> Graicunas:
    """Graicunas' count of relationships a manager of ``n`` direct reports must handle.

    Parameters
    ----------
    n : int
        Number of direct reports (a non-negative whole number; 5.0 is accepted).

    Returns
    -------
    Graicunas
        Direct single, cross and direct group relationships and their total
        ``n(2^(n-1) + n - 1)``.

    Examples
    --------
    >>> g = graicunas(5)
    >>> (g.direct_single, g.cross, g.direct_group, g.total)
    (5, 20, 75, 100)
    >>> graicunas(0).total
    0
    """
    if isinstance(n, bool) or not isinstance(n, int | float | np.integer | np.floating):
        raise OrgInputError(f"graicunas needs a whole number of reports, got {n!r} / 直接下级人数须为整数")
    if isinstance(n, float | np.floating) and (not math.isfinite(n) or not float(n).is_integer()):
        raise OrgInputError(f"graicunas needs a whole number of reports, got {n!r} / 直接下级人数须为整数")
    k = int(n)
    if k < 0:
        raise OrgInputError(f"number of reports must not be negative, got {k} / 直接下级人数不能为负数")
    if k == 0:
        return Graicunas(0, 0, 0, 0, 0)
    direct_group = k * (2 ** (k - 1) - 1)
    return Graicunas(k, k, k * (k - 1), direct_group, k * (2 ** (k - 1) + k - 1))


# --------------------------------------------------------------------- targets & bands
def resolve_target(target: float | str | None) -> tuple[float, float, str] | None:
    """``target`` (a number, an archetype key/name or None) → ``(low, high, label)``.

    >>> resolve_target("coach")
    (6, 7, 'coach')
    >>> resolve_target(8)
    (0.0, 8.0, '8')
    >>> resolve_target("boss")
    Traceback (most recent call last):
    ...
    orglib._core.errors.OrgInputError: unknown manager archetype 'boss': use a number or one of player_coach, coach, supervisor, facilitator, coordinator / 未知管理者类型 'boss'
    """
    if target is None:
        return None
    if isinstance(target, str):
        text = target.strip()
        key = text.lower().replace("-", "_").replace("/", "_").replace(" ", "_")
        for a in ARCHETYPES.values():
            if key in (a.key, a.name_en.lower().replace("/", "_").replace(" ", "_")) or text == a.name:
                return (a.low, a.high, a.key)
        try:
            target = float(text)
        except ValueError:
            raise OrgInputError(
                f"unknown manager archetype {text!r}: use a number or one of "
                f"{', '.join(ARCHETYPES)} / 未知管理者类型 {text!r}"
            ) from None
    if isinstance(target, bool) or not isinstance(target, int | float | np.integer | np.floating):
        raise OrgInputError(f"span target must be a number or an archetype, got {target!r} / 管理幅度目标须为数字或管理者类型")
    t = float(target)
    if not math.isfinite(t) or t <= 0:
        raise OrgInputError(f"span target must be a positive number, got {target!r} / 管理幅度目标须为正数")
    return (0.0, t, f"{t:g}")


def band_labels(bands: Sequence[float] = DEFAULT_BANDS) -> list[str]:
    """Labels of span bands from their lower bounds.

    >>> band_labels()
    ['1', '2-3', '4-7', '8-12', '13-16', '17+']
    """
    b = _check_bands(bands)
    out = []
    for i, lo in enumerate(b):
        if i + 1 == len(b):
            out.append(f"{lo:g}+")
        else:
            hi = b[i + 1]
            top = hi - 1 if float(hi).is_integer() and float(lo).is_integer() else hi
            out.append(f"{lo:g}" if top == lo else f"{lo:g}-{top:g}")
    return out


def _check_bands(bands: Sequence[float]) -> list[float]:
    try:
        b = [float(x) for x in bands]
    except (TypeError, ValueError):
        raise OrgInputError(f"span bands must be numbers, got {bands!r} / 幅度区间须为数字") from None
    if not b or any(not math.isfinite(x) or x < 0 for x in b) or any(
            b[i] >= b[i + 1] for i in range(len(b) - 1)):
        raise OrgInputError(
            f"span bands must be increasing non-negative lower bounds, got {list(bands)!r} "
            "/ 幅度区间须为递增的非负下限")
    return b


# --------------------------------------------------------------------- result
@dataclass(frozen=True)
class SpansLayers:
    """Result of :func:`spans_layers`.

    Attributes
    ----------
    summary : dict
        headcount, posts, layers, managers, manager_posts, individual_contributors,
        manager_ratio, mean_span, median_span, max_span, vacant_managers, bands
        (label → managers), people_per_layer (layer → people), target.
    managers : DataFrame
        One row per manager post, by layer then file order: id, title, title_en, unit,
        headcount, layer, direct_reports (posts), span (people per incumbent),
        people_below, cost_below, band, graicunas (built on first use).
    flags : DataFrame
        id, title, flag, value, message (en), message_zh (built on first use).
    people_per_layer : dict
        layer (1 = top) → people.
    posts : DataFrame
        Every post: id, layer, direct_reports, direct_people, span, people_below,
        cost_below, is_manager (built on first use).
    tree : TreeMetrics
        The per-row numpy arrays behind every figure.

    The three tables are built when first read, from the arrays: a million-post org's
    summary does not wait for a 600,000-row managers table nobody asked for.
    """

    summary: dict
    people_per_layer: dict
    tree: TreeMetrics = field(repr=False)
    ids: np.ndarray = field(repr=False)
    _tables: _Tables = field(repr=False)

    @cached_property
    def managers(self) -> pd.DataFrame:
        """One row per manager post, by layer then file order (see the class docstring)."""
        return self._tables.managers(self.tree, self.ids)

    @cached_property
    def flags(self) -> pd.DataFrame:
        """id, title, flag, value, message (en), message_zh."""
        return self._tables.flags(self.tree, self.ids)

    @cached_property
    def posts(self) -> pd.DataFrame:
        """Every post (file order): id, layer, direct_reports, direct_people, span,
        people_below, cost_below, is_manager. Built on first use."""
        t = self.tree
        return pd.DataFrame({
            "id": _obj(self.ids), "layer": t.layer, "direct_reports": t.direct_reports,
            "direct_people": t.direct_people, "span": t.span,
            "people_below": t.people_below, "cost_below": t.cost_below, "is_manager": t.is_manager,
        })

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form: ``{"summary", "managers", "flags"}``."""
        return {"summary": self.summary, "managers": self.managers, "flags": self.flags}


def _obj(values: np.ndarray) -> pd.Series:
    """An object column without a copy (pandas 3 would infer a slower string dtype)."""
    return pd.Series(values, dtype=object, copy=False)


@dataclass(frozen=True)
class _Tables:
    """What the managers and flags tables are built from, when first read."""

    positions: pd.DataFrame
    parent: np.ndarray
    hc: np.ndarray
    mrows: np.ndarray           # manager rows by layer, then file order
    band_bounds: np.ndarray
    band_labels: tuple[str, ...]
    rng: tuple[float, float, str] | None
    micro: float
    glimit: int

    def managers(self, t: TreeMetrics, ids: np.ndarray) -> pd.DataFrame:
        mrows, pos = self.mrows, self.positions
        mspan = t.span[mrows]
        ok = ~np.isnan(mspan)
        span_n = np.where(ok, np.ceil(np.nan_to_num(mspan) - 1e-9), 0).astype(np.int64)
        with np.errstate(over="ignore"):
            gra = np.where(ok, span_n * (2.0 ** np.minimum(span_n - 1, 1023) + span_n - 1), np.nan)
        labels = self.band_labels
        band_idx = np.clip(np.searchsorted(self.band_bounds, mspan[ok], side="right") - 1, 0, len(labels) - 1)
        band = np.full(len(mrows), "", dtype=object)  # "" for a vacant manager
        band[ok] = np.asarray(labels, dtype=object)[band_idx]
        return pd.DataFrame({
            "id": _obj(ids[mrows]),
            "title": _obj(pos["title"].to_numpy(dtype=object)[mrows]),
            "title_en": _obj(pos["title_en"].to_numpy(dtype=object)[mrows]),
            "unit": _obj(pos["unit"].to_numpy(dtype=object)[mrows]),
            "headcount": self.hc[mrows],
            "layer": t.layer[mrows],
            "direct_reports": t.direct_reports[mrows],
            "span": mspan,
            "people_below": t.people_below[mrows],
            "cost_below": t.cost_below[mrows],
            "band": _obj(band),
            "graicunas": gra,
        })

    def flags(self, t: TreeMetrics, ids: np.ndarray) -> pd.DataFrame:
        mrows, parent, m = self.mrows, self.parent, t.is_manager
        oo = m & (t.span <= 1)  # NaN (vacant) compares False
        chain = oo & np.where(parent >= 0, oo[np.maximum(parent, 0)], False)
        titles = self.positions["title"].to_numpy(dtype=object)
        return _flags(ids, titles, mrows, t.span[mrows], self.rng, self.micro, self.glimit,
                      chain[mrows])


FLAG_CODES: dict[str, tuple[str, str]] = {
    "one_over_one": ("一对一", "one-over-one"),
    "one_over_one_chain": ("一对一链", "one-over-one chain"),
    "micro_team": ("微型团队", "micro team"),
    "above_target": ("超出目标幅度", "span above target"),
    "vacant_manager": ("管理岗空缺", "vacant manager"),
    "graicunas_overload": ("格拉丘纳斯超载", "Graicunas overload"),
}


def _weighted_median(x: np.ndarray, w: np.ndarray) -> float:
    """Median of ``x`` repeated ``w`` times (exact for whole-number weights).

    Equal values are summed first (one hash pass), so only the distinct spans are sorted.

    >>> _weighted_median(np.array([3.0, 1.0, 2.0, 3.0]), np.array([1.0, 1, 1, 1]))
    2.5
    """
    if x.size == 0 or w.sum() <= 0:
        return math.nan
    codes, uniq = pd.factorize(x, sort=True)
    xs = np.asarray(uniq, dtype=np.float64)
    cw = np.cumsum(np.bincount(codes, weights=w, minlength=len(xs)))
    half = cw[-1] / 2.0
    i = int(np.searchsorted(cw, half, side="left"))
    if math.isclose(cw[i], half) and i + 1 < len(xs):
        return float((xs[i] + xs[i + 1]) / 2.0)
    return float(xs[i])


def _check_org(org: Org) -> None:
    if not isinstance(org, Org):
        raise OrgInputError(f"expected an Org, got {type(org).__name__} / 需要一个 Org 对象")
    if len(org.positions) == 0:
        raise OrgInputError("the org is empty: no posts / 组织为空:没有岗位")


def spans_layers(
    org: Org,
    target: float | str | None = None,
    *,
    bands: Sequence[float] = DEFAULT_BANDS,
    micro: float = MICRO_TEAM,
    graicunas_limit: int = GRAICUNAS_LIMIT,
) -> SpansLayers:
    """Spans of control and layers of ``org``, per manager and in summary.

    Parameters
    ----------
    org : Org
    target : number, archetype or None
        Span target: a number (max people per manager) or an archetype key of
        :data:`ARCHETYPES` (``"player_coach"``, ``"coach"``, ``"supervisor"``,
        ``"facilitator"``, ``"coordinator"``; the zh names work too). Managers above it
        are flagged ``above_target``.
    bands : sequence of numbers
        Lower bounds of the span bands (default 1, 2, 4, 8, 13, 17).
    micro : number
        Spans above 1 and below ``micro`` are flagged ``micro_team``.
    graicunas_limit : int
        Spans above this are flagged ``graicunas_overload`` (with the relationship count).

    Returns
    -------
    SpansLayers

    Raises
    ------
    OrgInputError
        Empty org, a single-post org (no manager), a reporting cycle, a bad target.

    Examples
    --------
    >>> from orglib._core.model import Org
    >>> org = Org.from_records([
    ...     {"id": "d", "title": "总监", "headcount": 1},
    ...     {"id": "a", "title": "经理A", "reports_to": "d", "headcount": 1},
    ...     {"id": "b", "title": "专员", "reports_to": "a", "headcount": 1},
    ... ])
    >>> sl = spans_layers(org, target="coach")
    >>> sl.summary["mean_span"], sl.summary["bands"]["1"]
    (1.0, 2.0)
    >>> sorted(set(sl.flags["flag"]))
    ['one_over_one', 'one_over_one_chain']
    """
    _check_org(org)
    rng = resolve_target(target)
    band_bounds = np.asarray(_check_bands(bands))
    labels = band_labels(band_bounds)
    pos = org.positions
    if len(pos) < 2:
        raise OrgInputError("a single-post org has no spans or layers: add reports / "
                            "只有一个岗位的组织没有管理幅度和层级")
    parent = org.parent_index()
    hc = org.headcounts()
    cost_col = pos["cost"].to_numpy(dtype=float)
    cost = cost_col if not np.isnan(cost_col).all() else None
    t = tree_metrics(parent, hc, cost)
    m = t.is_manager
    if not m.any():
        raise OrgInputError("no post has a direct report, so there are no spans / 没有岗位有直接下级,无法计算管理幅度")

    layer_people = np.bincount(t.layer, weights=hc)[1:]
    people_per_layer = {int(i + 1): float(v) for i, v in enumerate(layer_people)}
    mrows = np.flatnonzero(m)
    mlayer = t.layer[mrows]  # by layer, then file order (a radix sort on small layer numbers)
    mrows = mrows[np.argsort(mlayer.astype(np.uint16) if mlayer.max() < 65535 else mlayer, kind="stable")]
    mspan = t.span[mrows]
    mhc = hc[mrows]
    ok = ~np.isnan(mspan)
    band_idx = np.clip(np.searchsorted(band_bounds, mspan[ok], side="right") - 1, 0, len(labels) - 1)
    band_people = np.bincount(band_idx, weights=mhc[ok], minlength=len(labels))
    managers_people = float(mhc.sum())
    headcount = float(hc.sum())
    ics = headcount - managers_people
    w = mhc[ok]
    mean_span = float(np.sum(mspan[ok] * w) / w.sum()) if w.sum() > 0 else math.nan
    summary: dict[str, Any] = {
        "headcount": headcount,
        "posts": int(len(pos)),
        "layers": int(t.layer.max()),
        "managers": managers_people,
        "manager_posts": int(m.sum()),
        "individual_contributors": ics,
        "manager_ratio": ics / managers_people if managers_people > 0 else math.nan,
        "mean_span": mean_span,
        "median_span": _weighted_median(mspan[ok], w),
        "max_span": float(mspan[ok].max()) if ok.any() else math.nan,
        "vacant_managers": int((~ok).sum()),
        "bands": {lab: float(v) for lab, v in zip(labels, band_people, strict=True)},
        "people_per_layer": people_per_layer,
        "target": None if rng is None else rng[2],
    }
    ids = pos["id"].to_numpy(dtype=object)
    tables = _Tables(pos, parent, hc, mrows, band_bounds, tuple(labels), rng, micro, graicunas_limit)
    return SpansLayers(summary, people_per_layer, t, ids, tables)


def _flags(ids: np.ndarray, titles: np.ndarray, mrows: np.ndarray, span: np.ndarray,
           rng: tuple[float, float, str] | None, micro: float, glimit: int,
           chain: np.ndarray | None = None) -> pd.DataFrame:
    """Flag manager rows ``mrows`` (``span`` per manager) with bilingual reasons; messages
    are formatted once per distinct value."""
    parts: list[tuple[np.ndarray, str, np.ndarray, np.ndarray]] = []

    def add(mask: np.ndarray, code: str, en: str, zh: str) -> None:
        rows = np.flatnonzero(mask)
        if rows.size == 0:
            return
        inv, uniq = pd.factorize(np.nan_to_num(span[rows], nan=-1.0))  # one hash pass, no sort
        uniq = np.asarray(uniq, dtype=np.float64)
        # Graicunas' count depends on the span alone (reports per incumbent, rounded up)
        g = [_big(_gra_total(u)) for u in uniq]
        msg_en = np.array([en.format(s=f"{u:g}", g=x) for u, x in zip(uniq, g, strict=True)], dtype=object)
        msg_zh = np.array([zh.format(s=f"{u:g}", g=x) for u, x in zip(uniq, g, strict=True)], dtype=object)
        parts.append((rows, code, msg_en[inv], msg_zh[inv]))

    vac = np.isnan(span)
    add(vac, "vacant_manager",
        "manager post is vacant (headcount 0): its reports have no manager in post",
        "管理岗位空缺(定员 0):其下属无在岗上级")
    add(~vac & (span <= 1), "one_over_one",
        "manages {s} person per incumbent: a one-over-one layer", "每人仅管理 {s} 人:一对一层级")
    if chain is not None:
        add(chain, "one_over_one_chain",
            "a one-over-one manager under another one-over-one manager: a chain of single reports",
            "一对一管理者之上仍是一对一管理者:单线汇报链")
    add(~vac & (span > 1) & (span < micro), "micro_team",
        f"span {{s}} is below {micro:g}: a micro team", f"管理幅度 {{s}} 小于 {micro:g}:微型团队")
    if rng is not None:
        _low, high, label = rng
        arch = ARCHETYPES.get(label)
        en_t = f"{high:g} (top of the {arch.name_en} range)" if arch else f"the target {high:g}"
        zh_t = f" {high:g}({arch.name}区间上限)" if arch else f"目标 {high:g}"
        add(~vac & (span > high), "above_target",
            f"span {{s}} is above {en_t}", f"管理幅度 {{s}} 超过{zh_t}")
    limit_total = graicunas(glimit).total
    add(~vac & (span > glimit), "graicunas_overload",
        f"span {{s}} means {{g}} Graicunas relationships (limit: {glimit} people, {limit_total:,} relationships)",
        f"管理幅度 {{s}} 意味着 {{g}} 种格拉丘纳斯关系(上限 {glimit} 人,{limit_total:,} 种关系)")
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype=float if c == "value" else object)
                             for c in ("id", "title", "flag", "value", "message", "message_zh")})
    rows = np.concatenate([p[0] for p in parts])
    return pd.DataFrame({
        "id": _obj(ids[mrows[rows]]), "title": _obj(titles[mrows[rows]]),
        "flag": _obj(np.concatenate([np.full(len(p[0]), p[1], dtype=object) for p in parts])),
        "value": span[rows],
        "message": _obj(np.concatenate([p[2] for p in parts])),
        "message_zh": _obj(np.concatenate([p[3] for p in parts])),
    })


def _gra_total(span: float) -> float:
    if not math.isfinite(span) or span < 0:
        return math.nan
    k = math.ceil(span - 1e-9)
    return float(graicunas(k).total) if k <= 1000 else math.inf


def _big(x: float) -> str:
    if math.isnan(x):
        return ""
    if not math.isfinite(x):
        return "∞"
    return f"{x:,.0f}" if x < 1e15 else f"{x:.3g}"


# --------------------------------------------------------------------- reference
def spans_layers_networkx(org: Org) -> pd.DataFrame:
    """The straightforward networkx computation, kept as a reference.

    Builds ``org.reporting_tree()``, finds layers by breadth-first search from each
    root and people below by accumulating headcount in reverse topological order.
    Returns one row per post in file order: id, layer, direct_reports, span,
    people_below — the same figures as ``spans_layers(org).posts``.

    Examples
    --------
    >>> from orglib._core.model import Org
    >>> org = Org.from_records([{"id": "m", "headcount": 1},
    ...                         {"id": "e", "reports_to": "m", "headcount": 4}])
    >>> spans_layers_networkx(org)[["id", "layer", "span", "people_below"]].values.tolist()
    [['m', 1, 4.0, 4.0], ['e', 2, nan, 0.0]]
    """
    import networkx as nx

    g = org.reporting_tree()
    ids = org.positions["id"].tolist()
    hc = dict(zip(ids, org.headcounts().tolist(), strict=True))
    layer: dict[str, int] = {}
    for root in (n for n in g.nodes if g.in_degree(n) == 0):
        for node, d in nx.single_source_shortest_path_length(g, root).items():
            layer[node] = d + 1
    below: dict[str, float] = {}
    for node in reversed(list(nx.topological_sort(g))):
        below[node] = sum(below[c] + hc[c] for c in g.successors(node))
    rows = []
    for node in ids:
        kids = list(g.successors(node))
        direct = sum(hc[c] for c in kids)
        span = direct / hc[node] if kids and hc[node] > 0 else math.nan
        rows.append((node, layer[node], len(kids), span, below[node]))
    return pd.DataFrame(rows, columns=["id", "layer", "direct_reports", "span", "people_below"])
