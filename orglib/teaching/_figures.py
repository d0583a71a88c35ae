"""Lesson figures: 4P → 4C → 4R relations, stage × role heatmap, the span trade-off with its
overload region, and as-is vs to-be org charts side by side.

Each function returns a :class:`matplotlib.figure.Figure` (or HTML for the org charts) in
zh or en; notebooks show them with :func:`orglib.viz.figure_html` so they work offline.

Examples
--------
>>> fig = mix_relation_figure(lang="en")
>>> [t.get_text() for t in fig.axes[0].texts][:3]
['4P · McCarthy 1960', '4C · Lauterborn 1990', '4R · Schultz, early 2000s']
"""

from __future__ import annotations

import html
import math
from typing import Any

import numpy as np
import pandas as pd

from .._core import check_lang, tr


def _figure(width: float, height: float):
    from matplotlib.figure import Figure

    from ..viz import setup_fonts

    setup_fonts()
    return Figure(figsize=(width, height), dpi=110, layout="constrained")


def mix_relation_figure(*, lang: str = "zh"):
    """4P, 4C and 4R as three columns: each 4C element answers its 4P element (arrows from the
    catalogue's ``relates_to``); 4R builds on both (the catalogue's relations)."""
    from ..designs import marketing_mix

    check_lang(lang)
    mix = marketing_mix()
    name = "zh" if lang == "zh" else "en"
    fig = _figure(8.0, 4.2)
    ax = fig.add_subplot()
    ax.set_axis_off()
    xs = {"4P": 0.0, "4C": 1.0, "4R": 2.0}
    heads = {"4P": tr("4P · 麦卡锡 1960", "4P · McCarthy 1960", lang),
             "4C": tr("4C · 劳特朋 1990", "4C · Lauterborn 1990", lang),
             "4R": tr("4R · 舒尔茨 21 世纪初", "4R · Schultz, early 2000s", lang)}
    colors = {"4P": "#4e79a7", "4C": "#f28e2b", "4R": "#59a14f"}
    for fw, x in xs.items():
        ax.text(x, 4.6, heads[fw], ha="center", va="center", fontsize=11, weight="bold", color=colors[fw])
    pos: dict[str, tuple[float, float]] = {}
    for rec in mix.sort_values(["framework", "order"]).to_dict("records"):
        x, y = xs[rec["framework"]], 4 - float(rec["order"])
        pos[rec["id"]] = (x, y)
        ax.text(x, y, str(rec[name]), ha="center", va="center", fontsize=10,
                bbox={"boxstyle": "round,pad=0.4", "fc": "white", "ec": colors[rec["framework"]], "lw": 1.5})
    for rec in mix.to_dict("records"):
        target = rec.get("relates_to")
        if isinstance(target, str) and target in pos:
            (x0, y0), (x1, y1) = pos[target], pos[rec["id"]]
            ax.annotate("", xy=(x1 - 0.28, y1), xytext=(x0 + 0.28, y0),
                        arrowprops={"arrowstyle": "->", "color": "#777777"})
    ax.annotate("", xy=(1.72, -0.55), xytext=(0.0, -0.55),
                arrowprops={"arrowstyle": "->", "color": colors["4R"], "lw": 1.5})
    ax.text(1.0, -0.85, tr("4C 从消费者角度重新审视 4P;4R 在 4P、4C 的基础上发展 —— 谁也不取代谁",
                           "4C re-examines 4P from the customer's side; 4R builds on 4P and 4C — none replaces the others",
                           lang), ha="center", va="center", fontsize=9)
    ax.set_xlim(-0.6, 2.6)
    ax.set_ylim(-1.1, 5.0)
    return fig


def stage_role_counts(*, lang: str = "zh") -> pd.DataFrame:
    """Focus items per product stage (rows) and role (columns), from the lifecycle catalogue.

    >>> int(stage_role_counts(lang="en").loc["Maturity", "Public relations"])
    2
    """
    from ..designs import lifecycle, roles

    check_lang(lang)
    name = "zh" if lang == "zh" else "en"
    role_names = dict(zip(roles()["id"], roles()[name], strict=True))
    data = {}
    for st in lifecycle().to_dict("records"):
        counts = dict.fromkeys(role_names, 0)
        for item in st["focus"]:
            for r in item.get("roles") or []:
                if r in counts:
                    counts[r] += 1
        data[str(st[name])] = counts
    table = pd.DataFrame(data).T
    table.columns = [role_names[c] for c in table.columns]
    return table.astype(int)


def stage_role_heatmap(*, lang: str = "zh"):
    """Heatmap of :func:`stage_role_counts` with the count in every cell."""
    table = stage_role_counts(lang=lang)
    fig = _figure(6.8, 3.4)
    ax = fig.add_subplot()
    im = ax.imshow(table.to_numpy(), cmap="Blues", vmin=0, aspect="auto")
    ax.set_xticks(range(table.shape[1]), table.columns, rotation=20, ha="right")
    ax.set_yticks(range(table.shape[0]), table.index)
    for (i, j), v in np.ndenumerate(table.to_numpy()):
        ax.text(j, i, str(v), ha="center", va="center", color="white" if v >= table.to_numpy().max() * 0.6 else "black")
    ax.set_xlabel(tr("市场部职能", "role of the department", lang))
    ax.set_ylabel(tr("产品阶段", "product stage", lang))
    ax.set_title(tr("各阶段工作重点的条数", "Focus items per stage and role", lang))
    fig.colorbar(im, ax=ax, label=tr("条数", "items", lang))
    return fig


def overload_spans(queue: pd.DataFrame) -> list[int]:
    """Spans whose mean latency is infinite (a manager's queue cannot keep up).

    >>> overload_spans(pd.DataFrame({"span": [3, 4], "mean_latency": [1.0, math.inf]}))
    [4]
    """
    lat = pd.to_numeric(queue["mean_latency"], errors="coerce")
    return [int(s) for s, v in zip(queue["span"], lat, strict=True) if not math.isfinite(v)]


def tradeoff_figure(trade: pd.DataFrame, queue: pd.DataFrame | None = None, *, lang: str = "zh"):
    """Lesson 4's trade-off: round-trip days and Graicunas relationships against the span;
    with ``queue`` (:func:`orglib.sim.latency_sweep`) also the queueing model's mean latency,
    its overload region shaded and explained instead of an infinite value."""
    check_lang(lang)
    fig = _figure(7.6, 3.8)
    ax = fig.add_subplot()
    ax.plot(trade["span"], trade["latency_days"], marker="o", color="#4e79a7",
            label=tr("决策往返(每层固定天数)", "decision round trip (fixed days per layer)", lang))
    if queue is not None:
        q = queue.copy()
        q["mean_latency"] = pd.to_numeric(q["mean_latency"], errors="coerce")
        ok = q[np.isfinite(q["mean_latency"])]
        ax.plot(ok["span"], ok["mean_latency"], marker="^", color="#59a14f",
                label=tr("排队模型平均时延", "queueing model mean latency", lang))
        over = overload_spans(q)
    else:
        over = []
    ax.set_xlabel(tr("管理幅度目标(每位管理者的下属人数)", "span target (people per manager)", lang))
    ax.set_ylabel(tr("决策时延(天)", "decision latency (days)", lang))
    ax2 = ax.twinx()
    ax2.semilogy(trade["span"], trade["graicunas"], color="#e15759", marker="s", ls=":",
                 label=tr("格拉丘纳斯关系数(对数坐标)", "Graicunas relationships (log scale)", lang))
    ax2.set_ylabel(tr("每位管理者的关系数", "relationships per manager", lang))
    if over:
        ax.axvspan(min(over) - 0.5, max(trade["span"].max(), max(over)) + 0.5, color="#e15759", alpha=0.12)
        ax2.annotate(tr(f"过载区(幅度 ≥ {min(over)}):经理收到的请求\n多于能处理的,排队无限增长",
                        f"overload region (span ≥ {min(over)}): requests arrive\nfaster than a manager can decide",
                        lang), xy=(min(over) - 0.6, 0.45), xycoords=("data", "axes fraction"), ha="right",
                     va="center", fontsize=8, color="#b00020",
                     bbox={"boxstyle": "round,pad=0.3", "fc": "white", "ec": "#e15759", "alpha": 0.9})
    h1, l1 = ax.get_legend_handles_labels()
    h2, l2 = ax2.get_legend_handles_labels()
    ax.legend(h1 + h2, l1 + l2, loc="upper center", fontsize=8)
    return fig


def orgcharts_side_by_side(orgs: dict[str, Any], *, lang: str = "zh") -> str:
    """As-is vs to-be (or any designs) as org charts next to each other, as HTML.

    ``orgs`` maps a caption to an Org; charts are drawn by :func:`orglib.viz.static_html`.

    >>> from orglib._core.model import Org
    >>> page = orgcharts_side_by_side({"a <b>": Org.from_records([{"id": "x", "headcount": 1}])})
    >>> "a &lt;b&gt;" in page and page.startswith("<div")
    True
    """
    from ..viz import static_html

    check_lang(lang)
    cells = [f'<div style="flex:1;min-width:320px"><h4>{html.escape(str(cap))}</h4>'
             f"{static_html(org, lang=lang)}</div>" for cap, org in orgs.items()]
    return '<div class="orglib-orgcharts" style="display:flex;gap:1em;flex-wrap:wrap">' + "".join(cells) + "</div>"


def workflow_effect_figure(*, lang: str = "zh"):
    """Hand-offs and cycle time of SC-001 … SC-004 in seed 003's department and in seed 000's
    centralized and decentralized models (grouped bars)."""
    from ._workflow_lesson import WORKFLOWS, structure_effect

    check_lang(lang)
    designs = ["seed 003", "centralized", "decentralized"]
    labels = {"seed 003": tr("种子 003 原设计", "seed 003 as written", lang),
              "centralized": tr("集中式", "centralized", lang), "decentralized": tr("分权式", "decentralized", lang)}
    eff = {w: structure_effect(w) for w in WORKFLOWS}
    fig = _figure(8.0, 3.4)
    axes = fig.subplots(1, 2)
    x = np.arange(len(WORKFLOWS))
    for ax, metric, ylabel in ((axes[0], "handoffs", tr("跨单位交接(次)", "hand-offs between units", lang)),
                               (axes[1], "cycle_days", tr("周期(天)", "cycle time (days)", lang))):
        for k, d in enumerate(designs):
            ax.bar(x + (k - 1) * 0.26, [float(eff[w].loc[metric, d]) for w in WORKFLOWS], width=0.26,
                   label=labels[d], color=["#bab0ac", "#4e79a7", "#f28e2b"][k])
        ax.set_xticks(x, list(WORKFLOWS))
        ax.set_ylabel(ylabel)
    axes[0].legend(fontsize=8)
    fig.suptitle(tr("同一流程,不同结构(岗位对应是本课设计)", "The same workflows, different structures (post mapping: ours)",
                    lang), fontsize=10)
    return fig
