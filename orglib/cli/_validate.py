"""``orglib validate PATH...``: the problems of each file, grouped by kind; exit 0 clean,
1 problems, 2 unreadable.

The report goes to standard output (``orglib validate hr.csv > problems.txt`` keeps it):
per file a heading, then each kind of problem with its count and its first
:data:`~orglib.io.EXAMPLES` examples (file, row, field); ``--all`` lists every one.
``--json`` prints ``{"ok", "files": [{"source", "ok", "errors", "warnings", "problems"
(every one), "groups" ([{code, severity, count, problems (the examples; all with
--all), more}])}]}``.
"""

from __future__ import annotations

import argparse

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
from ._terminal import escape_text


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help="check org files / 校验组织文件",
                       description="Check org files or template ids and print their problems on standard "
                       "output, grouped by kind with a count and the first examples (file, row, field); "
                       "--all lists every one. Exit 0 when clean, 1 when problems were found, 2 when a "
                       "file cannot be read (an empty file too). 校验组织文件,按类型分组列出问题。")
    p.add_argument("sources", nargs="+", metavar="PATH", help="files or template ids / 文件或模板编号")
    add_load_options(p)
    add_lang_option(p, "message language")
    p.add_argument("--strict", action="store_true", help="warnings count as problems / 警告也算问题")
    p.add_argument("--all", action="store_true",
                   help="list every problem, not only the first examples of each kind / 列出全部问题")
    p.add_argument("--json", action="store_true",
                   help="print JSON: every problem, and the groups / 输出 JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # orglib.io loads pandas: imported when a command runs, so `orglib --help` stays light
    from ..io import EXAMPLES, load, problems_json

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
    examples = None if args.all else EXAMPLES
    for entry in report:
        probs = [Problem(**p) for p in entry["problems"]]
        entry["errors"] = sum(p.severity != WARNING for p in probs)
        entry["warnings"] = len(probs) - entry["errors"]
        entry["groups"] = problems_json(probs, examples=examples)
    if args.json:
        print_json({"ok": code == 0, "files": report})
        return code
    for entry in report:  # the report is the output: standard output, so `> problems.txt` keeps it
        for line in entry_lines(entry, lang, strict=args.strict, all=args.all):
            print(line)
    return code


def entry_lines(entry: dict, lang: str, *, strict: bool = False,
                all: bool = False) -> list[str]:  # noqa: A002 - mirrors --all
    """One file's report: a heading (OK, N problems, cannot be read), then its problems
    grouped by kind (:func:`orglib.io.summarize_problems`), each line terminal-safe."""
    from ..io import count_text, summarize_problems
    src = entry["source"]
    probs = [Problem(**p) for p in entry["problems"]]
    n_err, n_warn = entry["errors"], entry["warnings"]
    warn = count_text(n_warn, WARNING, lang) if n_warn else ""
    if entry.get("unreadable"):
        head = tr(f"{src}:无法读取", f"{src}: cannot be read", lang)
    elif entry["ok"]:
        extra = ""
        if "posts" in entry:
            extra = tr(f"({entry['posts']} 个岗位,{entry['headcount']:g} 人)",
                       f" ({entry['posts']} posts, {entry['headcount']:g} people)", lang)
        head = f"{src}: OK{extra}" + (tr(f",{warn}", f", {warn}", lang) if warn else "")
    else:
        n = n_err + (n_warn if strict else 0)
        head = tr(f"{src}:{n} 个问题", f"{src}: {n} problem{'' if n == 1 else 's'}", lang)
        if warn and not strict:
            head += tr(f",另有 {warn}", f" and {warn}", lang)
    body = summarize_problems(probs, lang=lang, all=all)
    return [escape_text(head)] + ["  " + escape_text(line) for line in body]
