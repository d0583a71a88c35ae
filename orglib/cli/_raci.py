"""``orglib raci PATH|ID``: responsibility matrix, gaps, overlaps and principle checks."""

from __future__ import annotations

import argparse

from .._core import tr
from ._common import add_lang_option, add_load_options, load_org, print_json
from ._spans import format_table
from ._terminal import escape_text


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "raci", help="responsibilities (RACI) and design checks / 职责矩阵与设计检查",
        description="Duties × units matrix (R primary, S assisting, A/C/I from links), catalogue "
        "gaps (four roles, 4P/4C/4R), overlapping primary duties, units without a primary duty, "
        "and the five design principles. 职责矩阵、职能缺口、职责重叠与五项设计原则检查。",
    )
    p.add_argument("source", metavar="PATH|ID", help="org file or template id / 组织文件或模板编号")
    p.add_argument("--json", action="store_true", help="print JSON / 输出 JSON")
    add_load_options(p)
    add_lang_option(p)
    p.set_defaults(func=run)


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
