"""``orglib workflows PATH|ID``: workflow steps, approvals, hand-offs and cycle time."""

from __future__ import annotations

import argparse

from .._core import OrgInputError, tr
from ._common import finish_command, load_org, org_command, parse_pairs, print_json
from ._spans import format_table
from ._terminal import escape_text

HELP = "workflow metrics / 流程分析"
DESCRIPTION = (
    "Steps, approvals, hand-offs between units, roles, the longest approval chain "
    "and an estimated cycle time per workflow; --on runs one workflow on other designs. "
    "流程步骤、审批、跨单位交接、最长审批链与预计周期;--on 在其他方案上运行同一流程。"
)


def register(sub: argparse._SubParsersAction) -> None:
    p = org_command(sub, "workflows", help=HELP, description=DESCRIPTION)
    p.add_argument("--workflow", "-w", action="append", default=None, help="workflow id (repeatable) / 流程编号")
    p.add_argument("--on", nargs="+", default=None, metavar="PATH|ID",
                   help="run the workflow on these designs too / 在这些方案上运行同一流程")
    p.add_argument("--days", action="append", default=[], metavar="KIND=DAYS",
                   help="override default durations: action=2, approval=1, handoff=0.5 / 覆盖默认时长")
    finish_command(p, run)


def _parse_days(items: list[str]) -> dict[str, str]:
    return dict(parse_pairs(items, "--days", "KIND=DAYS", "类型=天数"))


def run(args: argparse.Namespace) -> int:
    from ..analysis import METRIC_LABELS, compare_workflow, workflow_metrics

    days = _parse_days(args.days)
    org = load_org(args, args.source)
    lang = args.lang
    if args.on:
        if not args.workflow or len(args.workflow) != 1:
            raise OrgInputError("--on needs exactly one --workflow / --on 需要且仅需要一个 --workflow")
        others = [load_org(args, s) for s in args.on]
        table = compare_workflow(org, *others, workflow=args.workflow[0], source=org, durations=days)
        if args.json:
            print_json({"workflow": args.workflow[0], "designs": list(table.columns),
                        "metrics": {k: {c: table.at[k, c] for c in table.columns} for k in table.index}})
            return 0
        print(f"{args.workflow[0]}")
        print(format_table([tr("指标", "Metric", lang), *table.columns],
                           [[tr(*METRIC_LABELS[k], lang), *table.loc[k].tolist()] for k in table.index]))
        return 0
    table = workflow_metrics(org, args.workflow, durations=days)
    if args.json:
        print_json({"workflows": table})
        return 0
    keys = list(METRIC_LABELS)
    name = "name_en" if lang == "en" else "name"
    print(escape_text(org.label(lang)))
    print(format_table([tr("流程", "Workflow", lang), tr("名称", "Name", lang),
                        *[tr(*METRIC_LABELS[k], lang) for k in keys]],
                       [[r["workflow"], r[name] or r["name"], *[r[k] for k in keys]]
                        for r in table.to_dict("records")]))
    return 0
