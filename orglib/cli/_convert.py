"""``orglib convert IN OUT``: any supported format to any other, losing nothing."""

from __future__ import annotations

import argparse

from .._core import OrgInputError, check_target, tr
from ._common import add_lang_option, add_load_options, default_lang, limit_options, load_options
from ._errors import grouped_lines


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("convert", help="convert between YAML/JSON/CSV/XLSX / 格式转换",
                       description="Convert an org file (or template id) to another format. "
                       "Extra columns are kept. 转换组织文件格式,保留额外列。")
    p.add_argument("source", help="input file or template id / 输入文件或模板编号")
    p.add_argument("target", help="output file (.yaml .json .csv .xlsx) / 输出文件")
    p.add_argument("--encoding", metavar="NAME", default=None,
                   help="encoding of a CSV target, e.g. utf-8-sig, utf-8, gb18030 (default: the client "
                   "file's own, else UTF-8 with BOM) / CSV 输出编码")
    add_load_options(p)
    add_lang_option(p)
    p.set_defaults(func=run)


def check_encoding(name: str | None, target: str) -> str | None:
    """``--encoding``: a known codec, for a CSV target; checked before anything is read.

    >>> check_encoding("GB18030", "out.csv")
    'GB18030'
    >>> check_encoding("klingon", "out.csv")
    Traceback (most recent call last):
    ...
    orglib._core.errors.OrgInputError: --encoding: unknown encoding 'klingon' (try utf-8-sig, utf-8 or gb18030) / --encoding:未知编码 'klingon'(可用 utf-8-sig、utf-8 或 gb18030)
    """
    import codecs
    from pathlib import Path

    if name is None:
        return None
    try:
        codecs.lookup(name)
    except LookupError:
        raise OrgInputError(en=f"--encoding: unknown encoding {name!r} (try utf-8-sig, utf-8 or gb18030)",
                            zh=f"--encoding:未知编码 {name!r}(可用 utf-8-sig、utf-8 或 gb18030)") from None
    if Path(target).suffix.lower() not in (".csv", ".txt", ".tsv"):
        raise OrgInputError(en=f"--encoding applies to a CSV target; {target!r} is not one "
                               "(YAML and JSON are written in UTF-8, XLSX has no text encoding)",
                            zh=f"--encoding 只用于 CSV 输出;{target!r} 不是 CSV(YAML/JSON 为 UTF-8,XLSX 无文本编码)")
    return name


def run(args: argparse.Namespace) -> int:
    from ..io import convert

    lang = args.lang or default_lang()
    check_target(args.target)  # a target that cannot be written fails before reading
    encoding = check_encoding(args.encoding, args.target)
    opts = load_options(args)
    org = convert(args.source, args.target, encoding=encoding, input_encoding=opts.pop("encoding", None),
                  **opts, **limit_options(args))
    for line in grouped_lines(org.problems, lang, [args.source]):  # warnings, grouped as validate does
        print(line)
    print(tr(f"已写入 {args.target}({len(org.positions)} 个岗位,{org.headcount_total:g} 人)",
             f"wrote {args.target} ({len(org.positions)} posts, {org.headcount_total:g} people)", lang))
    return 0
