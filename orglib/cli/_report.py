"""``orglib report ORG [--to-be ORG ...]``: the bilingual HTML/PDF report (and ``--batch``)."""

from __future__ import annotations

import argparse
import sys

from .._core import OrgInputError, check_file_stem, check_folder
from ._common import add_lang_option, add_load_options, limit_options, load_options


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "report", help="render the HTML/PDF report / 生成 HTML/PDF 报告",
        description="Render the org report (papermill + nbconvert, offline HTML; PDF with the "
        "system Chromium). 生成组织诊断报告(离线 HTML,可选 PDF)。",
    )
    p.add_argument("source", metavar="ORG", nargs="?", help="template id or file / 模板编号或文件")
    p.add_argument("--to-be", metavar="ORG", action="append", default=[],
                   help="to-be design to compare (repeatable) / 待比较的方案(可重复)")
    add_lang_option(p, "report and message language")
    p.add_argument("--out", metavar="DIR", default="reports", help="output folder / 输出目录")
    p.add_argument("--name", default=None, help="file name without suffix / 文件名(不含后缀)")
    p.add_argument("--pdf", action="store_true", help="also print a PDF with Chromium / 同时生成 PDF")
    p.add_argument("--pptx", action="store_true", help="also write a PowerPoint deck / 同时生成 PowerPoint")
    p.add_argument("--xlsx", action="store_true", help="also write an Excel workbook / 同时生成 Excel")
    p.add_argument("-p", "--param", nargs=2, metavar=("NAME", "VALUE"), action="append", default=[],
                   help="report parameter, e.g. -p span_target supervisor -p seed 7 / 报告参数")
    p.add_argument("--batch", metavar="PARAMS.CSV",
                   help="render one report per CSV row (org, to_be, lang, name, pdf, parameters) / 批量生成")
    p.add_argument("--scheduler", metavar="ADDRESS", default=None,
                   help="Dask scheduler for --batch (default: this machine, pre-started kernels) "
                   "/ Dask 调度器地址(默认本机,预启动内核)")
    p.add_argument("--workers", type=int, default=None,
                   help="reports at a time for --batch (default: CPUs; 0: one by one) / 本地并行数")
    p.add_argument("--timings", action="store_true",
                   help="print how long each stage took (kernel start, imports, cells, export) "
                   "/ 打印各阶段耗时")
    p.add_argument("--list-params", action="store_true",
                   help="list the report's parameters / 列出报告参数")
    add_load_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..reporting import notebook_parameters, render

    if args.list_params:
        for name, info in notebook_parameters().items():
            print(f"{name}: {info['type']} = {info['default']}  # {info['help']}")
        return 0
    if args.batch:
        return _run_batch(args)
    if not args.source:
        raise OrgInputError("give an ORG (template id or file), or --batch PARAMS.CSV / 请给出组织或 --batch")
    if args.name:
        check_file_stem(args.name, longest_suffix=".failed.ipynb", what="--name")
    check_folder(args.out)
    params = {}
    for name, value in args.param:
        if name in params:
            raise OrgInputError(f"parameter {name!r} given twice / 参数 {name!r} 重复")
        params[name] = value
    opts = load_options(args)
    _check_files(args, opts)
    render_opts = dict(opts)
    render_opts["input_encoding"] = render_opts.pop("encoding", None)
    res = render(args.source, args.to_be, lang=args.lang, out_dir=args.out, pdf=args.pdf,
                 pptx=args.pptx, xlsx=args.xlsx, params=params, name=args.name, **render_opts,
                 **limit_options(args))  # the kernel reads the file under the same limits
    for path in res.paths:
        print(path)
    if res.message:
        print(f"orglib: {res.message}", file=sys.stderr)
    if args.timings:
        from ..reporting import timings_text

        print(timings_text(res.timings, args.lang), file=sys.stderr)
    return 0


def _check_files(args: argparse.Namespace, opts: dict) -> None:
    """Read the org and to-be files here, before a kernel starts, so a file that does not
    validate stops with its problems grouped (as ``orglib validate`` prints them), not as
    a failed notebook cell. Template ids are known good; a file is read once more by the report."""
    from pathlib import Path

    from ..io import load

    shared = {k: v for k, v in opts.items() if k in ("mapping", "no_manager")}
    for src, kw in [(args.source, opts)] + [(t, shared) for t in args.to_be]:
        if src and Path(src).exists():
            load(src, **kw, **limit_options(args))


def _run_batch(args: argparse.Namespace) -> int:
    import time

    from ..reporting import batch_timings_text, read_params, run_batch, summary_text

    jobs = read_params(args.batch)
    check_folder(args.out)  # before any job starts
    t = time.perf_counter()
    table = run_batch(jobs, args.out, scheduler=args.scheduler, workers=args.workers, pdf=args.pdf,
                      progress=sys.stderr.isatty())
    seconds = time.perf_counter() - t
    print(summary_text(table, "zh" if args.lang == "zh" else "en"))
    if args.timings:
        print(batch_timings_text(table, seconds, args.lang), file=sys.stderr)
    return 0 if bool(table["ok"].all()) else 1
