"""``orglib latency``: decision latency, layers and management cost across spans of control."""

from __future__ import annotations

import argparse
import math

from .._core import OrgInputError, tr
from ._common import add_lang_option, add_load_options, load_org, org_command, print_json


def parse_spans(text: str) -> list[int]:
    """``"2-20"`` or ``"3,6,9"`` → list of spans.

    >>> parse_spans("2-5"), parse_spans("3,6")
    ([2, 3, 4, 5], [3, 6])
    """
    try:
        if "-" in text and "," not in text:
            lo, hi = (int(x) for x in text.split("-", 1))
            return list(range(lo, hi + 1))
        return [int(x) for x in text.split(",") if x.strip()]
    except ValueError:
        raise OrgInputError(f"--spans expects LO-HI or a,b,c, got {text!r} / --spans 格式应为 2-20 或 3,6,9") from None


HELP = "span of control vs decision latency / 管理幅度与决策时延"
DESCRIPTION = (
    "Sweep the span of control for a fixed headcount: layers, managers, management cost "
    "and mean/p90 decision latency (M/M/1 queues, closed form; --simulate adds a Monte Carlo check). "
    "固定人数下扫描管理幅度。"
)


def register(sub: argparse._SubParsersAction) -> None:
    p = org_command(sub, "latency", help=HELP, description=DESCRIPTION, metavar="ORG", optional=True,
                    source_help="org file or template id (its headcount) / 组织")
    p.add_argument("--headcount", type=int, nargs="+", help="headcount(s) instead of an org / 人数")
    p.add_argument("--spans", default="2-20", help="spans to try, e.g. 2-20 or 3,6,9 / 管理幅度")
    p.add_argument("--coordination", choices=("linear", "graicunas"), default="linear",
                   help="supervision load model / 协调负荷模型")
    p.add_argument("--escalate", type=float, default=None, help="probability a manager escalates (0.5) / 上报概率")
    p.add_argument("--request-rate", type=float, default=None, help="requests per IC per day (0.1) / 请求率")
    p.add_argument("--service-rate", type=float, default=None, help="decisions per manager per day (10) / 处理速率")
    p.add_argument("--handoff", type=float, default=None, help="days per hop (0.5) / 每级传递时间")
    p.add_argument("--simulate", action="store_true", help="add a Monte Carlo check / 加蒙特卡洛验证")
    p.add_argument("--seed", type=int, default=0, help="random seed / 随机种子")
    p.add_argument("--json", action="store_true", help="print JSON / 输出 JSON")
    add_lang_option(p)
    add_load_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import pandas as pd  # here: `orglib --help` does not load pandas

    from ..sim import LatencyModel, latency_optimum, latency_sweep, unstable_text

    spans = parse_spans(args.spans)
    params = {k: getattr(args, k) for k in ("escalate", "request_rate", "service_rate", "handoff")
              if getattr(args, k) is not None}
    model = LatencyModel(coordination=args.coordination, **params)
    if args.headcount:
        sizes = list(args.headcount)
    elif args.source:
        sizes = [int(round(load_org(args, args.source).headcount_total))]
    else:
        raise OrgInputError("give an ORG or --headcount N / 请提供组织或 --headcount")
    df = latency_sweep(sizes, spans, model, simulate=args.simulate, seed=args.seed)
    best = latency_optimum(df)
    if args.json:
        print_json({"model": model.__dict__, "sweep": df, "optimum": best,
                    "unstable": unstable_text(df, args.lang)})
        return 0
    lang = args.lang
    cols = ["headcount_requested", "span", "layers", "managers", "management_cost_share",
            "mean_latency", "p90_latency"] + (["sim_mean_latency"] if args.simulate else [])
    out = df[cols].copy()
    out["management_cost_share"] = (out["management_cost_share"] * 100).round(1)
    out.columns = [tr(zh, en, lang) for zh, en in (
        ("人数", "headcount"), ("幅度", "span"), ("层级", "layers"), ("管理者", "managers"),
        ("管理成本%", "mgmt cost %"), ("平均时延(天)", "mean latency (d)"), ("P90时延(天)", "p90 latency (d)"),
        ("模拟平均时延", "simulated mean"))[: len(cols)]]
    out = out.round(3).astype(object)
    never = tr("∞(积压)", "∞ (overloaded)", lang)  # a queue that cannot keep up, explained below
    for c in out.columns[5:]:
        out[c] = [never if isinstance(v, float) and math.isinf(v) else v for v in out[c]]
    with pd.option_context("display.width", 200):
        print(out.to_string(index=False))
    for line in unstable_text(df, lang):
        print(line)
    for _, r in best.iterrows():
        print(tr(f"{int(r['headcount_requested'])} 人:平均时延最短的管理幅度为 {int(r['span'])}",
                 f"{int(r['headcount_requested'])} people: the span with the shortest mean latency is "
                 f"{int(r['span'])}", lang))
    return 0
