"""``orglib spans PATH|ID``: spans of control and layers (管理幅度与层级)."""

from __future__ import annotations

import argparse
import math
import unicodedata
from collections.abc import Sequence
from typing import Any

from .._core import OrgInputError, tr
from ._common import add_lang_option, add_load_options, load_org, print_json
from ._terminal import escape_text


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "spans", help="spans of control and layers / 管理幅度与层级",
        description="Spans of control (people per incumbent) and layers, with flags. "
        "管理幅度(每位在岗管理者的人数)与管理层级,并标出问题。",
    )
    p.add_argument("source", metavar="PATH|ID", help="org file or template id / 组织文件或模板编号")
    p.add_argument("--target", default=None,
                   help="span target: a number or an archetype (player_coach, coach, supervisor, "
                   "facilitator, coordinator) / 管理幅度目标:数字或管理者类型")
    p.add_argument("--bands", default=None, metavar="1,2,4,8,13,17",
                   help="lower bounds of span bands / 幅度区间下限")
    p.add_argument("--rows", type=int, default=50, metavar="N",
                   help="managers and flags shown in the table (0 = all; JSON has all) / 表格显示行数")
    p.add_argument("--json", action="store_true", help="print JSON / 输出 JSON")
    add_load_options(p)
    add_lang_option(p)
    p.set_defaults(func=run)


def parse_bands(text: str | None) -> tuple[float, ...] | None:
    """``"1,2,4"`` → ``(1.0, 2.0, 4.0)``."""
    if text is None:
        return None
    try:
        return tuple(float(x) for x in text.split(",") if x.strip())
    except ValueError:
        raise OrgInputError(f"--bands expects numbers like 1,2,4,8, got {text!r} / --bands 需要数字列表") from None


def run(args: argparse.Namespace) -> int:
    from ..analysis import DEFAULT_BANDS, resolve_target, spans_layers

    resolve_target(args.target)  # a bad target fails before loading
    bands = parse_bands(args.bands) or DEFAULT_BANDS
    org = load_org(args, args.source)
    sl = spans_layers(org, target=args.target, bands=bands)
    if args.json:
        print_json(sl.to_dict())
        return 0
    lang = args.lang
    s = sl.summary
    print(escape_text(org.label(lang)))
    rows = [
        (tr("人数", "Headcount", lang), s["headcount"]),
        (tr("管理层级", "Layers", lang), s["layers"]),
        (tr("管理者(人)", "Managers (people)", lang), s["managers"]),
        (tr("一线员工(人)", "Individual contributors", lang), s["individual_contributors"]),
        (tr("员工/管理者比", "ICs per manager", lang), s["manager_ratio"]),
        (tr("平均管理幅度", "Mean span", lang), s["mean_span"]),
        (tr("管理幅度中位数", "Median span", lang), s["median_span"]),
        (tr("空缺管理岗", "Vacant managers", lang), s["vacant_managers"]),
    ]
    print(format_table([tr("指标", "Metric", lang), tr("数值", "Value", lang)], rows))
    print()
    print(tr("幅度区间(管理者人数)", "Span bands (managers)", lang))
    print(format_table([tr("区间", "Band", lang), tr("人数", "People", lang)], list(s["bands"].items())))
    print()
    print(tr("各层人数(金字塔)", "People per layer (pyramid)", lang))
    print(format_table([tr("层级", "Layer", lang), tr("人数", "People", lang)],
                       list(s["people_per_layer"].items())))
    print()
    title_col = "title_en" if lang == "en" else "title"
    limit = args.rows if args.rows and args.rows > 0 else None
    mrows = [(r["id"], r[title_col] or r["title"], r["layer"], r["headcount"], r["span"],
              r["people_below"]) for r in sl.managers.head(limit).to_dict("records")]
    print(format_table([tr("编号", "ID", lang), tr("岗位", "Post", lang), tr("层级", "Layer", lang),
                        tr("定员", "Headcount", lang), tr("管理幅度", "Span", lang),
                        tr("下属总人数", "People below", lang)], mrows))
    if len(sl.flags):
        print()
        print(tr("问题标记", "Flags", lang))
        msg = "message_zh" if lang == "zh" else "message"
        print(format_table([tr("编号", "ID", lang), tr("标记", "Flag", lang), tr("原因", "Reason", lang)],
                           [(r["id"], r["flag"], r[msg]) for r in sl.flags.head(limit).to_dict("records")]))
    hidden = max(0, len(sl.managers) - (limit or len(sl.managers)))
    if hidden:
        print(tr(f"(另有 {hidden} 位管理者未显示;用 --rows 0 或 --json 查看全部)",
                 f"({hidden} more managers not shown; use --rows 0 or --json)", lang))
    return 0


# ----------------------------------------------------------------- table text
def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def fmt_value(v: Any) -> str:
    r"""A cell as text: integers without '.0', floats to 2 decimals, NaN as '-', control
    characters escaped (a cell never moves the cursor or recolours the terminal).

    >>> print(fmt_value("a\x1b]0;x\x07"), fmt_value(2.5))
    a\x1b]0;x\x07 2.50
    """
    if v is None:
        return "-"
    if isinstance(v, bool):
        return "✓" if v else ""
    if isinstance(v, float):
        if math.isnan(v):
            return "-"
        if math.isinf(v):
            return "∞"
        return f"{v:.0f}" if v.is_integer() else f"{v:.2f}"
    if hasattr(v, "item"):
        return fmt_value(v.item())
    if isinstance(v, list | tuple):
        return ", ".join(fmt_value(x) for x in v)
    return escape_text(v)


def format_table(headers: Sequence[str], rows: Sequence[Sequence[Any]], max_width: int = 60) -> str:
    """A plain-text table whose columns line up with Chinese (double-width) text.

    >>> print(format_table(["岗位", "n"], [("经理", 1), ("x", 2.5)]))
    岗位  n
    ----  ----
    经理  1
    x     2.50
    """
    headers = [escape_text(h) for h in headers]
    cells = [[fmt_value(v) for v in r] for r in rows]
    cells = [[c if _width(c) <= max_width else c[: max_width // 2] + "…" for c in r] for r in cells]
    widths = [max([_width(h)] + [_width(r[i]) for r in cells]) for i, h in enumerate(headers)]

    def line(vals: Sequence[str]) -> str:
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(vals, widths, strict=True)).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths])] + [line(r) for r in cells])
