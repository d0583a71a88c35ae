"""``orglib compare A B ...``: designs side by side, plus a structural diff of two."""

from __future__ import annotations

import argparse

from .._core import OrgInputError, tr
from ._common import default_lang, finish_command, load_org, org_command, print_json
from ._spans import fmt_value, format_table

HELP = "compare designs side by side / 方案对比"
DESCRIPTION = (
    "Headcount, layers, spans, overhead, cost, coordination load, centralization "
    "and coverage of several designs side by side; with two designs, also the posts added, "
    "removed, moved, re-titled or re-staffed. 多个方案并列对比,两个方案时给出结构差异。"
)


def register(sub: argparse._SubParsersAction) -> None:
    p = org_command(sub, "compare", help=HELP, description=DESCRIPTION, many=True)
    p.add_argument("--names", default=None, help="column names, comma-separated / 列名(逗号分隔)")
    p.add_argument("--match", choices=("id", "title"), default="id",
                   help="match posts by id or by title in the diff / 差异比较按编号或岗位名称匹配")
    p.add_argument("--no-diff", action="store_true", help="skip the structural diff / 不输出结构差异")
    finish_command(p, run)


def run(args: argparse.Namespace) -> int:
    from ..analysis import METRICS, compare, diff

    names = [n.strip() for n in args.names.split(",")] if args.names else None
    if names is not None and len(names) != len(args.sources):
        raise OrgInputError(f"--names gives {len(names)} names for {len(args.sources)} designs "
                            "/ --names 的数量与方案数量不符")
    orgs = [load_org(args, s) for s in args.sources]
    if names is None:  # the designs' names in the chosen language (rows stay metric keys)
        names = [o.label(args.lang or default_lang()) for o in orgs]
    table = compare(*orgs, names=names)
    d = diff(orgs[0], orgs[1], match=args.match) if len(orgs) == 2 and not args.no_diff else None
    if args.json:
        out = {"designs": list(table.columns),
               "metrics": {k: {c: table.at[k, c] for c in table.columns} for k in table.index}}
        if d is not None:
            out["diff"] = d.to_dict()
        print_json(out)
        return 0
    lang = args.lang
    rows = [[tr(*METRICS[k], lang)] + [_cell(k, table.at[k, c]) for c in table.columns] for k in table.index]
    print(format_table([tr("指标", "Metric", lang), *table.columns], rows))
    if d is not None:
        from ..analysis import CHANGES

        print()
        print(tr("结构差异", "Structural diff", lang) + ": " + ", ".join(
            f"{tr(*CHANGES[k], lang)} {v}" for k, v in d.summary.items()))
        if len(d.changes):
            print(format_table(
                [tr("编号", "ID", lang), tr("变化", "Change", lang), tr("字段", "Field", lang),
                 tr("之前", "Before", lang), tr("之后", "After", lang)],
                [(r["id"], tr(*CHANGES[r["change"]], lang), r["field"], r["before"], r["after"])
                 for r in d.changes.to_dict("records")]))
    return 0


def _cell(key: str, value: object) -> str:
    if key.endswith("_missing"):
        return ", ".join(value) if value else "-"
    if key == "management_overhead" and isinstance(value, float):
        return f"{value:.1%}"
    return fmt_value(value)
