"""``orglib teach pack --lang zh|en --out DIR``: the teacher's pack for the seven lessons."""

from __future__ import annotations

import argparse

from .._core import check_folder, tr
from ._common import add_lang_option


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "teach", help="teaching material / 教学材料",
        description="Teaching material for the lessons in notebooks/teaching/. 教学材料。",
    )
    teach = p.add_subparsers(dest="teach_command", metavar="WHAT")
    pack = teach.add_parser(
        "pack", help="write the teacher's pack / 生成教师包",
        description="Write the teacher's pack: syllabus, per-lesson outcomes, 90-minute plan, discussion "
        "questions, computed answer key, PPTX slides (no code) and code-free handouts. "
        "生成教师包:教学大纲、学习目标、90 分钟安排、讨论题、答案、幻灯片与讲义。",
    )
    add_lang_option(pack, "language of the pack")
    pack.add_argument("--out", metavar="DIR", default="teachers-pack", help="output folder / 输出目录")
    pack.add_argument("--lesson", type=int, action="append", default=None, metavar="N",
                      help="only lesson N (repeatable; default all) / 只生成第 N 课(可重复)")
    pack.add_argument("--no-handouts", action="store_true",
                      help="skip executing the lessons for the handouts / 不执行笔记本生成讲义")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..teaching import build_pack

    if getattr(args, "teach_command", None) != "pack":
        print(tr("用法:orglib teach pack --lang zh|en --out DIR", "usage: orglib teach pack --lang zh|en --out DIR",
                 getattr(args, "lang", None) or "zh"))
        return 2
    from ..teaching import plan

    for n in args.lesson or []:
        plan(n)  # an unknown lesson is an error before anything is written
    out = check_folder(args.out)
    paths = build_pack(out, lang=args.lang or "zh", execute=not args.no_handouts, lessons=args.lesson)
    for path in paths:
        print(path)
    return 0
