"""``orglib validate PATH...``: list every problem; exit 0 clean, 1 problems, 2 unreadable."""

from __future__ import annotations

import argparse
import sys

from .._core import WARNING, OrgInputError, OrgValidationError
from ._common import add_load_options, load_options, print_json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help="check org files / 校验组织文件",
                       description="Check org files or template ids and list every problem with file, "
                       "row and field. Exit 0 when clean, 1 when problems were found, 2 when a file "
                       "cannot be read. 校验并列出全部问题。")
    p.add_argument("sources", nargs="+", metavar="PATH", help="files or template ids / 文件或模板编号")
    add_load_options(p)
    p.add_argument("--lang", choices=("zh", "en"), default="en", help="message language / 语言")
    p.add_argument("--strict", action="store_true", help="warnings count as problems / 警告也算问题")
    p.add_argument("--json", action="store_true", help="print JSON / 输出 JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..io import load

    code = 0
    report = []
    for src in args.sources:
        entry = {"source": src, "ok": True, "problems": []}
        try:
            org = load(src, **load_options(args))
            entry["problems"] = [p.to_dict() for p in org.problems]
            entry["headcount"] = org.headcount_total
            entry["posts"] = len(org.positions)
            if args.strict and org.problems:
                entry["ok"] = False
                code = max(code, 1)
        except OrgValidationError as exc:
            entry["ok"] = False
            entry["problems"] = [p.to_dict() for p in exc.problems]
            code = max(code, 1)
        except OrgInputError as exc:
            entry["ok"] = False
            entry["unreadable"] = True
            entry["problems"] = [p.to_dict() for p in exc.problems] or [
                {"file": src, "row": None, "field": "", "code": "unreadable", "message": str(exc),
                 "message_zh": "", "severity": "error"}]
            code = 2
        report.append(entry)
    if args.json:
        print_json({"ok": code == 0, "files": report})
        return code
    for entry in report:
        from .._core import Problem

        probs = [Problem(**p) for p in entry["problems"]]
        errors = [p for p in probs if p.severity != WARNING]
        stream = sys.stdout if entry["ok"] else sys.stderr
        if entry["ok"]:
            ok = "通过" if args.lang == "zh" else "OK"
            extra = f" ({entry['posts']} posts, {entry['headcount']:g} people)" if "posts" in entry else ""
            print(f"{entry['source']}: {ok}{extra}", file=stream)
        else:
            head = (f"{entry['source']}: {len(errors)} 个问题" if args.lang == "zh"
                    else f"{entry['source']}: {len(errors)} problem(s)")
            print(head, file=stream)
        for p in probs:
            print("  " + p.text(args.lang), file=stream)
    return code
