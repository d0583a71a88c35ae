"""``orglib convert IN OUT``: any supported format to any other, losing nothing."""

from __future__ import annotations

import argparse

from .._core import check_target, tr
from ._common import add_lang_option, add_load_options, default_lang, limit_options, load_options


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("convert", help="convert between YAML/JSON/CSV/XLSX / 格式转换",
                       description="Convert an org file (or template id) to another format. "
                       "Extra columns are kept. 转换组织文件格式,保留额外列。")
    p.add_argument("source", help="input file or template id / 输入文件或模板编号")
    p.add_argument("target", help="output file (.yaml .json .csv .xlsx) / 输出文件")
    add_load_options(p)
    add_lang_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..io import convert

    lang = args.lang or default_lang()
    check_target(args.target)  # a target that cannot be written fails before reading
    org = convert(args.source, args.target, **load_options(args), **limit_options(args))
    for w in org.problems:
        print(w.text(lang))
    print(tr(f"已写入 {args.target}({len(org.positions)} 个岗位,{org.headcount_total:g} 人)",
             f"wrote {args.target} ({len(org.positions)} posts, {org.headcount_total:g} people)", lang))
    return 0
