"""``orglib simulate ORG``: spans, layers and cost month by month as the department grows."""

from __future__ import annotations

import argparse
import sys

from .._core import tr
from ._common import add_lang_option, add_load_options, load_org, print_json

TABLE_METRICS = ("headcount", "managers", "layers", "span_mean", "span_max", "over_max",
                 "under_min", "mgmt_cost_share", "hired", "left")


def add_sim_options(p: argparse.ArgumentParser, *, horizon: bool = True) -> None:
    """Options shared by ``simulate`` and ``sweep`` (defaults as in :func:`orglib.simulate`)."""
    if horizon:
        p.add_argument("--months", type=int, default=36, help="horizon in months (default 36) / 模拟月数")
        p.add_argument("--runs", type=int, default=1, help="Monte Carlo runs (default 1) / 模拟次数")
        p.add_argument("--seed", type=int, default=0, help="random seed (default 0) / 随机种子")
    p.add_argument("--growth", type=float, default=None,
                   help="monthly growth rate of planned headcount, e.g. 0.02 / 计划人数月增长率")
    p.add_argument("--target", type=float, default=None,
                   help="total headcount to reach at the horizon / 期末目标总人数")
    p.add_argument("--attrition", type=float, default=None,
                   help="monthly attrition probability (default 0.015) / 月离职率")
    p.add_argument("--lead-time", type=int, default=None, help="hiring lead time in months (default 2) / 招聘周期(月)")
    p.add_argument("--fill-rate", type=float, default=None,
                   help="probability a requisition is filled when due (default 1) / 招聘达成率")
    p.add_argument("--span-min", type=int, default=None, help="minimum span (default 3) / 管理幅度下限")
    p.add_argument("--span-target", type=int, default=None, help="target span (default 6) / 目标幅度")
    p.add_argument("--span-max", type=int, default=None, help="maximum span (default 8) / 管理幅度上限")
    p.add_argument("--archetype", default=None,
                   help="span band of a manager archetype: player_coach, coach, supervisor, facilitator, "
                   "coordinator / 管理者类型")
    p.add_argument("--review-every", type=int, default=None,
                   help="restructure every N months (default 1) / 组织调整周期(月)")
    p.add_argument("--promote-share", type=float, default=None,
                   help="share of manager posts filled by promotion (default 0.5) / 内部晋升比例")


SIM_KEYS = ("growth", "target", "attrition", "lead_time", "fill_rate", "span_min", "span_target",
            "span_max", "archetype", "review_every", "promote_share")


def sim_kwargs(args: argparse.Namespace) -> dict:
    """Keyword arguments for :func:`orglib.sim._simulate.simulate` from the options given."""
    return {k: getattr(args, k) for k in SIM_KEYS if getattr(args, k, None) is not None}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "simulate", help="simulate growth: spans, layers, cost / 模拟增长",
        description="Simulate the department month by month under a hiring plan, attrition and a span "
        "policy; with --runs > 1 print p10/p50/p90 bands. 按招聘计划、离职率与管理幅度政策逐月模拟。")
    p.add_argument("source", metavar="ORG", help="org file or template id / 组织文件或模板编号")
    add_sim_options(p)
    p.add_argument("--json", action="store_true", help="print the series as JSON / 输出 JSON")
    add_lang_option(p)
    add_load_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import pandas as pd  # here: `orglib --help` does not load pandas

    from ..sim import METRIC_LABELS, SpanPolicy, check_params, simulate

    kw = sim_kwargs(args)
    # bad parameters fail before any work
    check_params(months=args.months, runs=args.runs, seed=args.seed, **{k: kw[k] for k in
                 ("growth", "attrition", "lead_time", "fill_rate", "target") if k in kw})
    SpanPolicy.of(None, min=kw.get("span_min"), target=kw.get("span_target"), max=kw.get("span_max"),
                  archetype=kw.get("archetype"), review_every=kw.get("review_every"),
                  promote_share=kw.get("promote_share"))
    org = load_org(args, args.source)
    show_bar = not args.json and sys.stdout.isatty()
    res = simulate(org, months=args.months, runs=args.runs, seed=args.seed, progress=show_bar, **kw)
    if args.json:
        out = res.to_dict()
        out["org"] = org.name
        print_json(out)
        return 0
    lang = args.lang
    w = res.wide()
    step = max(1, len(w) // 24)
    rows = sorted(set(range(0, len(w), step)) | {len(w) - 1})
    table = w.iloc[rows][list(TABLE_METRICS)].copy()
    table["mgmt_cost_share"] = (table["mgmt_cost_share"] * 100).round(1)
    table["span_mean"] = table["span_mean"].round(2)
    table.columns = [METRIC_LABELS[c][0 if lang == "zh" else 1] + ("%" if c == "mgmt_cost_share" else "")
                     for c in table.columns]
    table.index.name = tr("月", "month", lang)
    pol = res.policy
    head = tr(f"{org.label('zh')}:{args.months} 个月,管理幅度政策 {pol.label('zh')}",
              f"{org.label('en')}: {args.months} months, span policy {pol.label('en')}", lang)
    if args.runs > 1:
        head += tr(f";{args.runs} 次模拟的中位数 (p50),区间见 --json",
                   f"; median (p50) of {args.runs} runs, bands in --json", lang)
    print(head)
    with pd.option_context("display.width", 200, "display.max_columns", 20):
        print(table.to_string())
    return 0
