"""``orglib validate PATH...``: list every problem; exit 0 clean, 1 problems, 2 unreadable."""

from __future__ import annotations

import argparse
import sys

from .._core import WARNING, OrgInputError, OrgValidationError, Problem, tr
from ._common import (
    add_lang_option,
    add_load_options,
    default_lang,
    limit_options,
    load_options,
    print_json,
)
from ._errors import UNREADABLE_CODES, os_error_text


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help="check org files / 校验组织文件",
                       description="Check org files or template ids and list every problem with file, "
                       "row and field. Exit 0 when clean, 1 when problems were found, 2 when a file "
                       "cannot be read (an empty file too). 校验并列出全部问题。")
    p.add_argument("sources", nargs="+", metavar="PATH", help="files or template ids / 文件或模板编号")
    add_load_options(p)
    add_lang_option(p, "message language")
    p.add_argument("--strict", action="store_true", help="warnings count as problems / 警告也算问题")
    p.add_argument("--json", action="store_true", help="print JSON / 输出 JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..io import load

    lang = args.lang or default_lang()
    code = 0
    report = []
    for src in args.sources:
        entry = {"source": src, "ok": True, "problems": []}
        try:
            org = load(src, **load_options(args), **limit_options(args))
            entry["problems"] = [p.to_dict() for p in org.problems]
            entry["headcount"] = org.headcount_total
            entry["posts"] = len(org.positions)
            if args.strict and org.problems:
                entry["ok"] = False
                code = max(code, 1)
        except OrgValidationError as exc:
            entry["ok"] = False
            entry["problems"] = [p.to_dict() for p in exc.problems]
            if exc.problems and set(exc.codes()) <= UNREADABLE_CODES:  # an empty file: nothing to read
                entry["unreadable"] = True
                code = 2
            else:
                code = max(code, 1)
        except (OrgInputError, OSError) as exc:
            entry["ok"] = False
            entry["unreadable"] = True
            if isinstance(exc, OSError):
                probs = [Problem(src, None, "", "unreadable", os_error_text(exc, "en"),
                                 os_error_text(exc, "zh")).to_dict()]
            else:
                probs = [p.to_dict() for p in exc.problems] or [
                    Problem(src, None, "", "unreadable", exc.en, exc.zh).to_dict()]
            entry["problems"] = probs
            code = 2
        report.append(entry)
    if args.json:
        print_json({"ok": code == 0, "files": report})
        return code
    for entry in report:
        probs = [Problem(**p) for p in entry["problems"]]
        errors = [p for p in probs if p.severity != WARNING]
        stream = sys.stdout if entry["ok"] else sys.stderr
        if entry["ok"]:
            extra = ""
            if "posts" in entry:
                extra = tr(f"({entry['posts']} 个岗位,{entry['headcount']:g} 人)",
                           f" ({entry['posts']} posts, {entry['headcount']:g} people)", lang)
            print(f"{entry['source']}: OK{extra}", file=stream)
        else:
            head = tr(f"{entry['source']}: {len(errors)} 个问题", f"{entry['source']}: {len(errors)} problem(s)",
                      lang)
            print(head, file=stream)
        for p in probs:
            print("  " + p.text(lang), file=stream)
    return code
