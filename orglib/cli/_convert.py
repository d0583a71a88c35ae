"""``orglib convert IN OUT``: any supported format to any other, losing nothing."""

from __future__ import annotations

import argparse

from ._common import add_load_options, load_options


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("convert", help="convert between YAML/JSON/CSV/XLSX / 格式转换",
                       description="Convert an org file (or template id) to another format. "
                       "Extra columns are kept. 转换组织文件格式,保留额外列。")
    p.add_argument("source", help="input file or template id / 输入文件或模板编号")
    p.add_argument("target", help="output file (.yaml .json .csv .xlsx) / 输出文件")
    add_load_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..io import convert

    org = convert(args.source, args.target, **load_options(args))
    for w in org.problems:
        print(w.text("en"))
    print(f"wrote {args.target} ({len(org.positions)} posts, {org.headcount_total:g} people)")
    return 0
