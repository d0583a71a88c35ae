"""``orglib layouts KIND``: generate a centralized, decentralized, matrix or project layout."""

from __future__ import annotations

import argparse

from .._core import OrgInputError, tr
from ._common import add_lang_option, load_org, parse_pairs, print_json
from ._spans import format_table

KINDS = ("centralized", "by_region", "by_product", "by_segment", "matrix", "project_teams")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "layouts", help="generate alternative layouts / 生成组织方案",
        description="Build a marketing department from functions with headcounts: centralized (集中式), "
        "decentralized by region/product/segment (分权式), matrix or project teams. Functions come from "
        "--functions NAME=N,... or --from an org (its units and headcounts), else the seed sample. "
        "由职能及人数生成集中式、分权式、矩阵式或项目制方案。",
    )
    p.add_argument("kind", choices=KINDS, help="layout / 方案类型")
    p.add_argument("--functions", default=None, metavar="NAME=N,...",
                   help="functions and headcounts, e.g. 策划部=6,推广部=8 / 职能及人数")
    p.add_argument("--from", dest="from_org", default=None, metavar="PATH|ID",
                   help="take functions from an org's units / 从已有组织的单位提取职能")
    p.add_argument("--units", default=None,
                   help="regions/products/segments/projects: a number or names, comma-separated "
                   "/ 区域、产品线、客户群或项目:数量或名称")
    p.add_argument("--shared", default=None, help="functions kept central (ids or names) / 共享职能")
    p.add_argument("--span-target", type=float, default=8, help="span target / 管理幅度目标 (8)")
    p.add_argument("--out", default=None, metavar="PATH", help="save the org (yaml/json/csv/xlsx) / 保存")
    p.add_argument("--json", action="store_true", help="print the org as JSON / 输出 JSON")
    p.set_defaults(map=[], no_manager=[])
    add_lang_option(p)
    p.set_defaults(func=run)


def _parse_functions(text: str) -> list[dict]:
    return [{"name": name, "headcount": n}
            for name, n in parse_pairs(text, "--functions", "NAME=HEADCOUNT", "名称=人数", split_last=True)]


def functions_from_org(org) -> list[dict]:
    """Leaf units of ``org`` with their headcount (people in posts of that unit)."""
    pos = org.positions
    counts = pos.groupby("unit")["headcount"].sum()
    parents = set(org.units["parent"])
    out = []
    for rec in org.units.to_dict("records"):
        if rec["id"] in parents or rec["id"] not in counts.index or counts[rec["id"]] < 1:
            continue
        out.append({"id": rec["id"], "name": rec["name"] or rec["id"], "name_en": rec["name_en"],
                    "headcount": int(round(counts[rec["id"]])), "tags": rec["functions"] or []})
    if not out:
        raise OrgInputError("the org has no units with people to take functions from / 该组织没有可提取的职能单位")
    return out


def run(args: argparse.Namespace) -> int:
    from orglib import designs as layouts

    if args.functions and args.from_org:
        raise OrgInputError("use --functions or --from, not both / --functions 与 --from 只能选一个")
    functions = None
    if args.functions:
        functions = _parse_functions(args.functions)
    elif args.from_org:
        functions = functions_from_org(load_org(args, args.from_org))
    kw: dict = {"span_target": args.span_target}
    units = None
    if args.units:
        units = int(args.units) if args.units.strip().isdigit() else [u.strip() for u in args.units.split(",")]
    if args.kind in ("by_region", "matrix"):
        kw["regions"] = units
    elif args.kind == "by_product":
        kw["products"] = units
    elif args.kind == "by_segment":
        kw["segments"] = units
    elif args.kind == "project_teams":
        kw["projects"] = units
    if args.shared:
        if args.kind not in ("by_region", "by_product", "by_segment"):
            raise OrgInputError("--shared applies to by_region, by_product and by_segment "
                                "/ --shared 仅适用于分权式方案")
        kw["shared"] = [s.strip() for s in args.shared.split(",") if s.strip()]
    org = layouts.LAYOUTS[args.kind](functions, **kw)
    if args.out:
        from ..io import save

        save(org, args.out)
    if args.json:
        print_json(org.to_dict())
        return 0
    from ..analysis import spans_layers

    lang = args.lang
    s = spans_layers(org).summary
    print(f"{org.label(lang)}: {tr('人数', 'headcount', lang)} {s['headcount']:g}, "
          f"{tr('层级', 'layers', lang)} {s['layers']}, {tr('最大管理幅度', 'max span', lang)} {s['max_span']:g}")
    title = "title_en" if lang == "en" else "title"
    print(format_table([tr("编号", "ID", lang), tr("岗位", "Post", lang), tr("单位", "Unit", lang),
                        tr("上级", "Reports to", lang), tr("定员", "Headcount", lang)],
                       org.positions[["id", title, "unit", "reports_to", "headcount"]].values.tolist()))
    if args.out:
        print(tr(f"已保存到 {args.out}", f"saved to {args.out}", lang))
    return 0
