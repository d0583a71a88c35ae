"""``orglib sweep ORG``: a grid of simulation parameters on Dask, one tidy table out."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .._core import OrgInputError, atomic_write, check_target, tr
from ._common import add_lang_option, add_load_options, load_org, org_command, print_json

if TYPE_CHECKING:
    import pandas as pd


def parse_params(items: list[str]) -> dict[str, list[str]]:
    """``["growth=0,0.02", "span_max=6,8"]`` → ``{"growth": ["0", "0.02"], ...}``.

    >>> parse_params(["growth=0,0.02", "span-max=6"])
    {'growth': ['0', '0.02'], 'span_max': ['6']}
    """
    out: dict[str, list[str]] = {}
    for item in items:
        if "=" not in item:
            raise OrgInputError(f"--param expects NAME=V1,V2,..., got {item!r} / --param 格式应为 名称=值1,值2")
        key, vals = item.split("=", 1)
        values = [v.strip() for v in vals.split(",") if v.strip()]
        if not values:
            raise OrgInputError(f"--param {key} has no values / --param {key} 没有取值")
        out[key.strip().replace("-", "_")] = values
    return out


HELP = "run a parameter grid on Dask / 参数扫描"
DESCRIPTION = (
    "Run a grid of simulation parameter sets (--grid FILE.csv, one row per set, or "
    "--param NAME=V1,V2 for a product) on dask.distributed: a LocalCluster by default, an existing "
    "cluster with --scheduler ADDRESS, or in this process with --scheduler sync. 参数网格扫描。"
)


def register(sub: argparse._SubParsersAction) -> None:
    p = org_command(sub, "sweep", help=HELP, description=DESCRIPTION, metavar="ORG",
                    source_help="org file or template id / 组织文件或模板编号")
    p.add_argument("--grid", help="CSV of parameter sets / 参数表 CSV")
    p.add_argument("--param", action="append", default=[], metavar="NAME=V1,V2",
                   help="a parameter and its values (repeatable; product of all) / 参数及取值")
    p.add_argument("--months", type=int, default=36, help="horizon in months (default 36) / 模拟月数")
    p.add_argument("--runs", type=int, default=100, help="Monte Carlo runs per set (default 100) / 每组模拟次数")
    p.add_argument("--seed", type=int, default=0, help="base seed (default 0) / 随机种子")
    p.add_argument("--scheduler", default=None,
                   help="local (default), sync, or a scheduler address tcp://host:8786 / 调度器")
    p.add_argument("--timeout", type=float, default=5.0,
                   help="seconds to wait for a scheduler address (default 5) / 连接超时(秒)")
    p.add_argument("--workers", type=int, default=None, help="LocalCluster workers (default 2) / 工作进程数")
    p.add_argument("--final", action="store_true", help="keep only the last month / 只保留最后一个月")
    p.add_argument("--out", help="write the tidy table to this CSV / 输出 CSV")
    p.add_argument("--json", action="store_true", help="print JSON / 输出 JSON")
    add_lang_option(p)
    add_load_options(p)
    p.set_defaults(func=run)


def write_csv_atomic(df: pd.DataFrame, path: str) -> None:
    """Write ``df`` to ``path`` via a temp file in the same directory and ``os.replace``."""
    check_target(path)
    atomic_write(Path(path), lambda tmp: df.to_csv(tmp, index=False, encoding="utf-8-sig"))


def run(args: argparse.Namespace) -> int:
    import pandas as pd  # here: `orglib --help` does not load pandas

    from ..sim import check_params, parameter_grid, sweep

    check_params(months=args.months, runs=args.runs, seed=args.seed)
    if args.grid and args.param:
        raise OrgInputError("use --grid or --param, not both / --grid 与 --param 只能选一个")
    if not args.grid and not args.param:
        raise OrgInputError("give --grid FILE.csv or --param NAME=V1,V2 / 请提供 --grid 或 --param")
    if args.workers is not None and args.workers < 1:
        raise OrgInputError(f"--workers must be at least 1, got {args.workers} / --workers 至少为 1")
    if args.grid and not Path(args.grid).is_file():
        what = ("is a folder, not a CSV file", "是文件夹,不是 CSV 文件") if Path(args.grid).is_dir() else (
            "no such file", "文件不存在")
        raise OrgInputError(en=f"--grid {args.grid}: {what[0]}", zh=f"--grid {args.grid}:{what[1]}")
    if args.out:
        check_target(args.out)  # before the sweep runs, not after
    grid = parameter_grid(args.grid if args.grid else parse_params(args.param))
    org = load_org(args, args.source)
    scheduler = None if args.scheduler in (None, "", "local") else args.scheduler
    df = sweep(grid, org, months=args.months, runs=args.runs, seed=args.seed, scheduler=scheduler,
               workers=args.workers, timeout=args.timeout, at="final" if args.final else None,
               progress=sys.stdout.isatty() and not args.json)
    if args.out:
        write_csv_atomic(df, args.out)
    if args.json:
        print_json({"org": org.name, "sets": len(grid), "rows": df})
        return 0
    lang = args.lang
    last = df[df["month"] == df.groupby("set")["month"].transform("max")]
    stat = "value" if "value" in last.columns else "p50"
    wide = last.pivot(index="set", columns="metric", values=stat)
    show = grid.copy()
    for m in ("headcount", "managers", "layers", "span_max", "mgmt_cost_share"):
        show[m] = wide[m].to_numpy()
    show["mgmt_cost_share"] = (show["mgmt_cost_share"] * 100).round(1)
    print(tr(f"{len(grid)} 组参数,最后一个月的{'中位数' if stat == 'p50' else '数值'}:",
             f"{len(grid)} parameter sets, last month ({stat}):", lang))
    with pd.option_context("display.width", 200, "display.max_columns", 30):
        print(show.to_string())
    if args.out:
        print(tr(f"已写入 {args.out}", f"written to {args.out}", lang))
    return 0
