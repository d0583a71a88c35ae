"""``orglib raci PATH|ID``: responsibility matrix, gaps, overlaps and principle checks."""

from __future__ import annotations

import argparse

from .._core import tr
from ._common import finish_command, load_org, org_command, print_json
from ._spans import format_table
from ._terminal import escape_text

HELP = "responsibilities (RACI) and design checks / 职责矩阵与设计检查"
DESCRIPTION = (
    "Duties × units matrix (R primary, S assisting, A/C/I from links), catalogue "
    "gaps (four roles, 4P/4C/4R), overlapping primary duties, units without a primary duty, "
    "and the five design principles. 职责矩阵、职能缺口、职责重叠与五项设计原则检查。"
)


def register(sub: argparse._SubParsersAction) -> None:
    p = org_command(sub, "raci", help=HELP, description=DESCRIPTION)
    finish_command(p, run)


def run(args: argparse.Namespace) -> int:
    from ..analysis import raci

    org = load_org(args, args.source)
    lang = args.lang
    r = raci(org, lang=lang)
    if args.json:
        print_json(r.to_dict())
        return 0
    print(escape_text(org.label(lang)))
    m = r.matrix
    if len(m):
        print(format_table([tr("职责", "Duty", lang), *m.columns],
                           [[d, *m.loc[d].tolist()] for d in m.index], max_width=40))
    else:
        print(tr("没有职责数据", "no duties in the data", lang))
    print()
    name = "name" if lang == "zh" else "name_en"
    print(tr("职能缺口(无单位负责)", "Gaps (no unit owns)", lang) + ": " +
          (", ".join(f"{t} {n}" for t, n in zip(r.gaps["tag"], r.gaps[name], strict=True)) or "-"))
    print(tr("职责重叠", "Overlaps", lang) + ": " +
          ("; ".join(f"{d} ({', '.join(u)})" for d, u in zip(r.overlaps["duty"], r.overlaps["units"], strict=True))
           or "-"))
    print(tr("无主要职责的单位", "Units without a primary duty", lang) + ": " +
          (", ".join(r.unclear_units["unit"]) or "-"))
    print()
    print(format_table([tr("原则", "Principle", lang), tr("数值", "Value", lang), tr("状态", "Status", lang),
                        tr("代理指标", "Proxy", lang)],
                       r.principles[["name", "value", "status", "proxy"]].values.tolist()))
    return 0
