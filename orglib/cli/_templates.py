"""``orglib templates`` (list the seed templates) and ``orglib show ID|PATH`` (print a tree).

Examples
--------
>>> from orglib.cli._main import main
>>> main(["show", "four-posts", "--lang", "en"])
Four-post marketing department (support, service, oversight, guidance) — total 4 people
Marketing Manager [mgr] ×1 (total 4)
  └ Assistant Marketing Manager [asst] ×1
  └ Research & Planning Officer [research] ×1
  └ Customer Service Officer [cs] ×1
0
"""

from __future__ import annotations

import argparse

from ._common import add_lang_option, add_load_options, load_org, print_json
from ._errors import grouped_lines
from ._terminal import escape_text


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``templates`` and ``show`` sub-commands."""
    p = sub.add_parser("templates", help="list the seed templates / 列出模板",
                       description="List the department designs shipped as templates, with a one-line "
                       "description, headcount and top post. 列出内置模板。")
    add_lang_option(p)
    p.add_argument("--json", action="store_true", help="print JSON / 输出 JSON")
    p.set_defaults(func=run)

    s = sub.add_parser("show", help="print a design as a tree / 以树形显示组织",
                       description="Print the reporting tree of a template id or a file, with headcounts; "
                       "vacant posts are marked. 显示汇报树及岗位定员。")
    s.add_argument("source", metavar="ID|PATH", help="template id or file / 模板编号或文件")
    add_lang_option(s)
    add_load_options(s)
    s.add_argument("--json", action="store_true", help="print the design as JSON / 输出 JSON")
    s.set_defaults(func=run_show)


def run(args: argparse.Namespace) -> int:
    """``orglib templates``: one line per template (or JSON rows)."""
    from ..designs import describe_templates

    df = describe_templates(args.lang)
    if args.json:
        print_json(df)
        return 0
    width = max(len(i) for i in df["id"]) if len(df) else 0
    for rec in df.to_dict("records"):
        hc = f"{rec['headcount']:g}"
        if args.lang == "en":
            tail = f"{hc} people, top: {rec['top_post']}"
        else:
            tail = f"{hc}人,最高岗位:{rec['top_post']}"
        print(f"{rec['id']:<{width}}  {rec['name']} — {rec['description']} [{tail}]")
    return 0


def display_org(org):
    """A copy of ``org`` whose ids, titles and names have control characters escaped, for printing.

    >>> from orglib._core import Org
    >>> o = display_org(Org.from_records([{"id": "a", "title": "x\\x1b[2J"}]))
    >>> o.positions.loc[0, "title"]
    'x\\\\x1b[2J'
    """
    pos = org.positions.copy()
    for col in ("id", "title", "title_en", "reports_to"):
        if col in pos.columns:
            pos[col] = [escape_text(v) if isinstance(v, str) else v for v in pos[col].tolist()]
    meta = {k: escape_text(v) if isinstance(v, str) else v for k, v in org.meta.items()}
    return org.replace(positions=pos, meta=meta)


def run_show(args: argparse.Namespace) -> int:
    """``orglib show ID|PATH``: the tree (or the whole design as JSON) plus any warnings."""
    import sys

    from ..designs import top_post, tree_text

    org = load_org(args, args.source)
    if args.json:
        pid, title, title_en = top_post(org)
        out = org.to_dict()
        out["summary"] = {"headcount": org.headcount_total, "top_post": pid,
                          "top_title": title_en if args.lang == "en" else title}
        out["problems"] = [p.to_dict() for p in org.problems]
        print_json(out)
        return 0
    print(tree_text(display_org(org), args.lang))
    for line in grouped_lines(org.problems, args.lang, [args.source]):  # warnings, grouped as validate does
        print(line, file=sys.stderr)
    return 0
