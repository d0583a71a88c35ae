"""What the explorer shows for one set of slider settings: :func:`compute_view` (no widgets).

The tables (summary of spans & layers, flags, comparison with a generated layout) and
plain-language notes for slider combinations that cannot be honoured: they explain
themselves instead of raising. The figures are those of :func:`orglib.analysis.span_metrics`
(one definition of each metric), plus the explorer's target counts.

Speed: a slider move recomputes spans with the vectorized :func:`orglib.analysis.spans_layers`
on a light copy of the design (no networkx graph is built) and reuses the generated
comparison layout cached per parameter set (:class:`ViewCache`, one per
:class:`~orglib.explorer.ExplorerState`, keyed on its ``version``).

Examples
--------
>>> from orglib import Org
>>> from orglib.explorer import ExplorerState, Params
>>> org = Org.from_records([
...     {"id": "m", "title": "市场部经理", "headcount": 1},
...     {"id": "a", "title": "推广主管", "reports_to": "m", "headcount": 1},
...     {"id": "a1", "title": "推广专员", "reports_to": "a", "headcount": 6},
...     {"id": "b", "title": "销售主管", "reports_to": "m", "headcount": 1},
...     {"id": "b1", "title": "销售代表", "reports_to": "b", "headcount": 9},
... ])
>>> st = ExplorerState(org)
>>> view = compute_view(st, Params(span_target=8, lang="en"))
>>> view.metrics["layers"], view.metrics["above_target"]
(3, 1)
>>> st.move_post("b1", "a").en
"moved 'b1' from 'b' to 'a'"
>>> compute_view(st, Params(span_target=8)).metrics["max_span"]
15.0
"""

from __future__ import annotations

import copy as _copy
import math
import weakref
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .._core import Org, OrgError, metric_labels, tr
from ..analysis import ARCHETYPES, FLAG_CODES, span_metrics, spans_layers
from ..designs import LAYOUTS
from ._functions import derive_functions
from ._state import LAYOUT_CHOICES, ExplorerState, Note, Params, clamp_params

__all__ = ["METRIC_LABELS", "ExplorerView", "ViewCache", "compute_view", "fmt_value", "view_cache"]

METRIC_LABELS: dict[str, tuple[str, str]] = metric_labels([
    "headcount", "posts", "layers", "managers", "management_overhead", "mean_span", "median_span",
    "max_span", "above_target", "below_range", "avg_steps_to_head", "flags"])
"""Rows of the explorer's summary, in order (key → zh, en; labels from :mod:`orglib._core.labels`)."""

COMPARED: tuple[str, ...] = ("headcount", "posts", "layers", "managers", "management_overhead", "mean_span",
                             "median_span", "max_span", "above_target", "avg_steps_to_head")
"""Rows of the comparison with the generated layout."""


# ============================================================================ caches
class ViewCache:
    """Derived designs of one :class:`ExplorerState`, recomputed only when its ``version`` moves.

    ``light()`` is the design reduced to the columns the metrics need, ``grown(g)`` the
    light design with front-line headcount × (1 + g/100), ``functions`` the input of the
    layout generators and ``layout(p)`` the generated comparison layout with its spans
    (LRU, 64 entries).
    """

    def __init__(self, state: ExplorerState):
        self.state = state
        self._light: tuple[int, Org] | None = None
        self._grown: tuple[tuple[int, float], Org] | None = None
        self._layouts: OrderedDict[tuple, Any] = OrderedDict()
        self._functions: dict[tuple[int, float, int], list[dict]] = {}

    def light(self) -> Org:
        st = self.state
        if self._light is None or self._light[0] != st.version:
            cols = ["id", "title", "title_en", "unit", "reports_to", "headcount"]
            light = Org(st.org.positions[cols].copy(), st.org.units, meta=st.org.meta)
            light.parent_index()
            self._light = (st.version, light)
        return self._light[1]

    def grown(self, growth: float) -> Org:
        key = (self.state.version, float(growth))
        if self._grown is not None and self._grown[0] == key:
            return self._grown[1]
        base = self.light()
        if growth == 0:
            out = base
        else:
            parent = base.parent_index()
            hc = base.headcounts()
            front = np.bincount(parent[parent >= 0], minlength=len(parent)) == 0
            new_hc = np.where(front, hc * (1.0 + growth / 100.0), hc)
            out = _copy.copy(base)  # shares the cached parent array: same tree, new headcounts
            out.positions = base.positions.assign(headcount=new_hc)
        self._grown = (key, out)
        return out

    def functions(self, growth: float, regions: int) -> list[dict]:
        key = (self.state.version, float(growth), int(regions))
        if key not in self._functions:
            self._functions.clear()
            self._functions[key] = derive_functions(self.grown(growth), shared_below=regions)
        return self._functions[key]

    def layout(self, p: Params) -> tuple[Org | None, Any, list[Note]]:

        key = (self.state.version, p.layout, p.span_target, p.regions, p.growth)
        hit = self._layouts.get(key)
        if hit is not None:
            self._layouts.move_to_end(key)
            return hit
        notes: list[Note] = []
        try:
            fns = self.functions(p.growth, p.regions)
            kw: dict[str, Any] = {"span_target": p.span_target}
            if p.layout in ("by_region", "matrix"):
                kw["regions"] = p.regions
            elif p.layout == "by_product":
                kw["products"] = p.regions
            org = LAYOUTS[p.layout](fns, **kw)
            sl = spans_layers(org, target=p.span_target)
            result: tuple[Org | None, Any, list[Note]] = (org, sl, notes)
        except OrgError as exc:
            notes.append(Note(f"无法生成对比布局:{exc.text('zh')}",
                              f"cannot generate the comparison layout: {exc.text('en')}", "warn"))
            result = (None, None, notes)
        self._layouts[key] = result
        while len(self._layouts) > 64:
            self._layouts.popitem(last=False)
        return result


_CACHES: weakref.WeakKeyDictionary[ExplorerState, ViewCache] = weakref.WeakKeyDictionary()


def view_cache(state: ExplorerState) -> ViewCache:
    """The :class:`ViewCache` of ``state`` (created on first use, dropped with the state)."""
    cache = _CACHES.get(state)
    if cache is None:
        cache = _CACHES[state] = ViewCache(state)
    return cache


# ============================================================================ view
@dataclass(frozen=True)
class ExplorerView:
    """What the panel shows for one set of parameters (all text in ``params.lang``).

    Attributes
    ----------
    params : Params
        The effective parameters (after :func:`~orglib.explorer.clamp_params`).
    notes : list of Note
        Why a setting was adjusted, or why a table is missing.
    metrics : dict
        Metric key → value for the current design (with growth applied).
    summary : DataFrame
        ``指标/metric`` and ``数值/value`` rows of :data:`METRIC_LABELS`.
    comparison : DataFrame
        metric, current design, generated layout, difference.
    flags : DataFrame
        id, title, flag, span, message.
    bands : dict
        Span band label → managers (people).
    people_per_layer : dict
        Layer → people.
    layout_org : Org or None
        The generated layout.
    """

    params: Params
    notes: list[Note]
    metrics: dict
    summary: pd.DataFrame
    comparison: pd.DataFrame
    flags: pd.DataFrame
    bands: dict
    people_per_layer: dict
    layout_org: Org | None = None


def _metrics(sl: Any, org: Org, low: float, high: float) -> dict[str, Any]:
    """:data:`METRIC_LABELS` figures: :func:`orglib.analysis.span_metrics` plus target counts."""

    m = span_metrics(org, sl)
    span = sl.managers["span"].to_numpy(dtype=float)
    m["above_target"] = int(np.sum(span > high))
    m["below_range"] = int(np.sum(span < low)) if low > 0 else 0
    m["flags"] = int(len(sl.flags))
    return {k: m[k] for k in METRIC_LABELS}


def fmt_value(v: Any, key: str = "") -> str:
    """A figure as the panel shows it (shares as %, whole numbers without decimals, NaN as —).

    >>> fmt_value(0.125, "management_overhead"), fmt_value(1234.0), fmt_value(2.5), fmt_value(None)
    ('12.5%', '1,234', '2.50', '—')
    """
    if v is None:
        return "—"
    if isinstance(v, float | np.floating):
        if math.isnan(v):
            return "—"
        if key == "management_overhead":
            return f"{v:.1%}"
        return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}"
    if isinstance(v, int | np.integer):
        return f"{int(v):,}"
    return str(v)


def _empty_flags(lang: str) -> pd.DataFrame:
    return pd.DataFrame(columns=[tr("编号", "id", lang), tr("岗位", "post", lang),
                                 tr("提示", "flag", lang), tr("幅度", "span", lang),
                                 tr("说明", "message", lang)])


def compute_view(state: ExplorerState, params: Params) -> ExplorerView:
    """Tables for ``params``: spans summary, flags and comparison with a generated layout.

    Never raises for a parameter combination or a design the metrics cannot measure:
    the reason goes to ``view.notes`` and the tables are left empty.

    Parameters
    ----------
    state : ExplorerState
    params : Params

    Returns
    -------
    ExplorerView

    Examples
    --------
    >>> from orglib.explorer import ExplorerState, Params
    >>> st = ExplorerState()
    >>> v = compute_view(st, Params(layout="by_region", regions=2, span_target=4, lang="en"))
    >>> list(v.comparison.columns)
    ['metric', 'current design', 'by region', 'difference']
    >>> v.comparison.iloc[0].tolist()
    ['headcount', '11', '13', '+2']
    """

    p, notes = clamp_params(params)
    lang = p.lang
    cache = view_cache(state)
    low, high = 0.0, float(p.span_target)
    if p.archetype:
        a = ARCHETYPES[p.archetype]
        low = float(a.low)
        notes.append(Note(f"管理者类型「{a.name}」:适宜幅度 {a.low:g}–{a.high:g} 人",
                          f"archetype {a.name_en}: suits spans of {a.low:g}–{a.high:g}"))
    org = cache.grown(p.growth)
    metric_col, value_col = tr("指标", "metric", lang), tr("数值", "value", lang)
    try:
        sl = spans_layers(org, target=high)
    except OrgError as exc:
        notes.append(Note(f"无法计算管理幅度:{exc.text('zh')}", f"cannot measure spans: {exc.text('en')}", "warn"))
        empty = pd.DataFrame(columns=[metric_col, value_col])
        return ExplorerView(p, notes, {}, empty, pd.DataFrame(columns=[metric_col]),
                            _empty_flags(lang), {}, {}, None)
    m = _metrics(sl, org, low, high)
    summary = pd.DataFrame({metric_col: [tr(*METRIC_LABELS[k], lang) for k in m],
                            value_col: [fmt_value(v, k) for k, v in m.items()]})
    if p.growth:
        notes.append(Note(f"一线岗位人数按 {p.growth:+g}% 增长计算(当前设计 {state.org.headcount_total:g} 人"
                          f" → {m['headcount']:g} 人)",
                          f"front-line headcount grown by {p.growth:+g}% ({state.org.headcount_total:g} → "
                          f"{m['headcount']:g} people)"))

    # flags, in the chosen language (first rows only are shown by the panel)
    fl = sl.flags
    code_names = {k: tr(*v, lang) for k, v in FLAG_CODES.items()}
    titles = dict(zip(org.positions["id"], org.positions["title_en" if lang == "en" else "title"],
                      strict=True)) if lang == "en" else None
    flags = pd.DataFrame({
        tr("编号", "id", lang): fl["id"].to_numpy(dtype=object),
        tr("岗位", "post", lang): (fl["title"].to_numpy(dtype=object) if titles is None else
                                  np.array([titles.get(i) or t for i, t in zip(fl["id"], fl["title"],
                                                                               strict=True)], dtype=object)),
        tr("提示", "flag", lang): fl["flag"].map(code_names).to_numpy(dtype=object),
        tr("幅度", "span", lang): fl["value"].to_numpy(dtype=float),
        tr("说明", "message", lang): fl["message_zh" if lang == "zh" else "message"].to_numpy(dtype=object),
    })

    # comparison with the generated layout
    lorg, lsl, lnotes = cache.layout(p)
    notes.extend(lnotes)
    cur_name = tr("当前设计", "current design", lang)
    lay_name = tr(*LAYOUT_CHOICES[p.layout], lang)
    keys = COMPARED
    if lsl is not None:
        lm = _metrics(lsl, lorg, low, high)
        diff = []
        for k in keys:
            a, b = m[k], lm[k]
            if isinstance(a, int | float) and isinstance(b, int | float) and not (
                    math.isnan(float(a)) or math.isnan(float(b))):
                d = float(b) - float(a)
                diff.append(f"{d:+.1%}" if k == "management_overhead" else
                            (f"{d:+,.0f}" if d.is_integer() else f"{d:+,.2f}"))
            else:
                diff.append("—")
        comparison = pd.DataFrame({
            tr("指标", "metric", lang): [tr(*METRIC_LABELS[k], lang) for k in keys],
            cur_name: [fmt_value(m[k], k) for k in keys],
            lay_name: [fmt_value(lm[k], k) for k in keys],
            tr("差异", "difference", lang): diff,
        })
        if lm["headcount"] > m["headcount"] * 1.02 + 1:
            notes.append(Note(
                f"{lay_name}比当前设计多 {lm['headcount'] - m['headcount']:g} 人:分权后每个区域/产品线的"
                "每个本地职能至少需要 1 人,另加各单位经理",
                f"the {lay_name} layout needs {lm['headcount'] - m['headcount']:g} more people than the "
                "current design: every region or product line needs at least one person per local "
                "function, plus a manager per unit"))
        if p.layout == "centralized" and p.regions != Params.regions:
            notes.append(Note("集中式布局不按区域划分:区域数滑块对它不起作用",
                              "a centralized layout is not split by region: the regions slider has no effect on it"))
    else:
        comparison = pd.DataFrame({
            tr("指标", "metric", lang): [tr(*METRIC_LABELS[k], lang) for k in keys],
            cur_name: [fmt_value(m[k], k) for k in keys]})
    return ExplorerView(p, notes, m, summary, comparison, flags, dict(sl.summary["bands"]),
                        dict(sl.people_per_layer), lorg)
