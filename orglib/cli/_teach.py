"""``orglib teach pack|notebooks --lang zh|en --out DIR``: the teacher's pack, and the seven lessons
as notebooks in one language."""

from __future__ import annotations

import argparse

from .._core import atomic_write_text, check_folder, tr
from ._common import add_lang_option

_USAGE = ("用法:orglib teach pack|notebooks --lang zh|en --out DIR",
          "usage: orglib teach pack|notebooks --lang zh|en --out DIR")


def _lesson_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lesson", type=int, action="append", default=None, metavar="N",
                   help="only lesson N (repeatable; default all) / 只生成第 N 课(可重复)")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "teach", help="teaching material / 教学材料",
        description="Teaching material for the lessons in notebooks/teaching/. 教学材料。",
    )
    teach = p.add_subparsers(dest="teach_command", metavar="WHAT")
    pack = teach.add_parser(
        "pack", help="write the teacher's pack / 生成教师包",
        description="Write the teacher's pack: syllabus, per-lesson outcomes, 90-minute plan, discussion "
        "questions, computed answer key, PPTX slides (no code), the lessons as notebooks in the chosen language "
        "and code-free handouts. "
        "生成教师包:教学大纲、学习目标、90 分钟安排、讨论题、答案、幻灯片、所选语言的课程笔记本与讲义。",
    )
    add_lang_option(pack, "language of the pack")
    pack.add_argument("--out", metavar="DIR", default="teachers-pack", help="output folder / 输出目录")
    _lesson_option(pack)
    pack.add_argument("--no-handouts", action="store_true",
                      help="skip executing the lessons for the handouts / 不执行笔记本生成讲义")
    nbs = teach.add_parser(
        "notebooks", help="write the lessons in one language / 生成单一语言的课程笔记本",
        description="Write the lessons as notebooks in one language: prose, headings and the LANG parameter in "
        "--lang only (built from the bilingual notebooks in notebooks/teaching/), outputs stripped. "
        "--html also runs each lesson and writes a code-free HTML copy. "
        "生成单一语言的课程笔记本(由 notebooks/teaching/ 中的双语笔记本生成);--html 同时执行并导出不含代码的 HTML。",
    )
    add_lang_option(nbs, "language of the lessons")
    nbs.add_argument("--out", metavar="DIR", default="lessons", help="output folder / 输出目录")
    _lesson_option(nbs)
    nbs.add_argument("--html", action="store_true",
                     help="also run each lesson and write DIR/NN_<lesson>.html / 同时执行并导出 HTML")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..teaching import build_pack, lesson_handout, plan, write_lesson_notebooks

    command = getattr(args, "teach_command", None)
    lang = getattr(args, "lang", None) or "zh"
    if command not in ("pack", "notebooks"):
        print(tr(*_USAGE, lang))
        return 2
    for n in args.lesson or []:
        plan(n)  # an unknown lesson is an error before anything is written
    out = check_folder(args.out)
    if command == "pack":
        paths = build_pack(out, lang=lang, execute=not args.no_handouts, lessons=args.lesson)
    else:
        paths = write_lesson_notebooks(out, lang=lang, lessons=args.lesson)
        if args.html:
            for path in list(paths):
                html_path = path.with_suffix(".html")
                atomic_write_text(html_path, lesson_handout(int(path.name[:2]), lang=lang))
                paths.append(html_path)
    for path in paths:
        print(path)
    return 0
