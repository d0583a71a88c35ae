"""Every failure of a command as one line a person can read, in the language ``--lang`` chose.

:func:`describe` maps an exception to ``(lines, exit code)``: a user's mistake
(:class:`~orglib._core.errors.OrgError`), an operating-system error (named by its file),
a parse error that escaped a reader (named by the command's input), or an unexpected
internal error (one line and "run with --debug for details"). No traceback, ever,
unless ``--debug`` asks for it.

Exit codes: 1 problems found or a failed job, 2 input or target that cannot be read or
written (an empty file included), 130 interrupted.

>>> describe(FileNotFoundError(2, "No such file or directory", "a.csv"), "en")
(['orglib: a.csv: no such file or folder'], 2)
>>> describe(ZeroDivisionError("division by zero"), "en")[0][0]
'orglib: internal error (ZeroDivisionError: division by zero); run with --debug for details'
"""

from __future__ import annotations

import errno
import json
from collections.abc import Sequence

from .._core import OrgError, OrgInputError, OrgValidationError
from ._common import default_lang

UNREADABLE_CODES = frozenset({"empty_file", "header_only"})
"""Validation codes that mean "nothing to read": exit 2 like an unreadable file."""

_ERRNO: dict[int, tuple[str, str]] = {
    errno.ENOENT: ("no such file or folder", "文件或文件夹不存在"),
    errno.EACCES: ("permission denied", "没有权限"),
    errno.EPERM: ("operation not permitted", "不允许的操作"),
    errno.EISDIR: ("is a folder, not a file", "是文件夹,不是文件"),
    errno.ENOTDIR: ("a part of the path is not a folder", "路径中有一部分不是文件夹"),
    errno.ENAMETOOLONG: ("file name too long", "文件名过长"),
    errno.ENOSPC: ("no space left on the disk", "磁盘空间不足"),
    errno.EDQUOT: ("disk quota exceeded", "超出磁盘配额"),
    errno.EROFS: ("read-only file system", "只读文件系统"),
    errno.ELOOP: ("symbolic link loop", "符号链接循环"),
    errno.EEXIST: ("already exists", "已存在"),
    errno.EMFILE: ("too many open files", "打开的文件过多"),
    errno.EIO: ("input/output error", "输入/输出错误"),
    errno.EXDEV: ("cannot move across file systems", "无法跨文件系统移动"),
    errno.ETXTBSY: ("file is busy", "文件正忙"),
    errno.EBUSY: ("device or resource busy", "设备或资源忙"),
}


def pick(en: str, zh: str, lang: str | None) -> str:
    """One language, or both (``"en / zh"``) when none was chosen."""
    if lang == "zh":
        return zh
    if lang == "en":
        return en
    return en if en == zh else f"{en} / {zh}"


def os_error_text(exc: OSError, lang: str | None) -> str:
    """``"FILE: reason"`` for an OSError (the reason in ``lang``).

    >>> os_error_text(IsADirectoryError(21, "Is a directory", "out"), "zh")
    'out: 是文件夹,不是文件'
    """
    en, zh = _ERRNO.get(exc.errno or -1, (exc.strerror or str(exc), exc.strerror or str(exc)))
    where = ""
    if exc.filename is not None:
        where = str(exc.filename)
        if getattr(exc, "filename2", None) is not None:
            where += f" → {exc.filename2}"
        where += ": "
    return where + pick(en, zh, lang)


def _first_line(text: object, limit: int = 200) -> str:
    lines = [ln for ln in str(text).splitlines() if ln.strip()]
    s = lines[0].strip() if lines else ""
    return s if len(s) <= limit else s[: limit - 1] + "…"


def _parse_error_kind(exc: BaseException) -> tuple[str, str] | None:
    """(en, zh) naming the format when ``exc`` is a parse error of some reader."""
    import zipfile

    if isinstance(exc, json.JSONDecodeError):
        return "is not valid JSON", "不是有效的 JSON"
    if isinstance(exc, zipfile.BadZipFile | zipfile.LargeZipFile):
        return "is not a readable workbook", "不是可读取的工作簿"
    if isinstance(exc, UnicodeError):
        return "has undecodable text", "含有无法解码的文字"
    mod = type(exc).__module__ or ""
    if mod.startswith("yaml"):
        return "is not valid YAML", "不是有效的 YAML"
    if mod.startswith(("openpyxl", "xml", "defusedxml", "lxml")):
        return "is not a readable workbook", "不是可读取的工作簿"
    if mod.startswith("pandas") and "Parser" in type(exc).__name__:
        return "is not a well-formed table", "不是格式正确的表格"
    return None


def describe(exc: BaseException, lang: str | None, sources: Sequence[str] = ()) -> tuple[list[str], int]:
    """The lines to print for ``exc`` and the exit code (see the module doc)."""
    if isinstance(exc, OrgValidationError):
        code = 2 if exc.problems and set(exc.codes()) <= UNREADABLE_CODES else 1
        return validation_lines(exc, lang or default_lang(), sources), code  # one language
    if isinstance(exc, OrgInputError):
        if exc.problems:
            lines = [_problem_line(p, lang) for p in exc.problems]
        else:
            lines = [pick(exc.en, exc.zh, lang)]
        return ["orglib: " + ln for ln in lines], 2
    if isinstance(exc, OrgError):
        return ["orglib: " + pick(exc.en, exc.zh, lang)], 1
    if isinstance(exc, KeyboardInterrupt):
        return ["orglib: " + pick("interrupted", "已中断", lang)], 130
    if isinstance(exc, OSError):
        return ["orglib: " + os_error_text(exc, lang)], 2
    where = ", ".join(sources)
    kind = _parse_error_kind(exc)
    if kind is not None:
        en, zh = kind
        head = f"{where}: " if where else ""
        return ["orglib: " + head + pick(f"{en} ({_first_line(exc)})", f"{zh}({_first_line(exc)})", lang)], 2
    if isinstance(exc, RecursionError):
        head = f"{where}: " if where else ""
        return ["orglib: " + head + pick("the input is nested too deeply", "输入嵌套层级过深", lang)], 2
    if isinstance(exc, MemoryError):
        head = f"{where}: " if where else ""
        return ["orglib: " + head + pick(
            "out of memory: the input or the parameters are too large for this computer",
            "内存不足:输入或参数对这台计算机来说过大", lang)], 2
    detail = f"{type(exc).__name__}: {_first_line(exc)}" if str(exc) else type(exc).__name__
    return ["orglib: " + pick(f"internal error ({detail}); run with --debug for details",
                              f"内部错误({detail});加 --debug 查看详情", lang)], 1


VALIDATE_HINT = ("orglib validate FILE --all lists every one", "orglib validate 文件 --all 列出全部")
"""Where a command that stopped on a file's problems sends the reader for the rest."""


def validation_lines(exc: OrgValidationError, lang: str, sources: Sequence[str] = ()) -> list[str]:
    """A file's problems as a command prints them when it stops: a heading, then the
    problems grouped by kind (:func:`orglib.io.summarize_problems`), the same summary
    ``orglib validate`` prints.

    >>> from orglib._core import Problem
    >>> err = OrgValidationError([Problem("a.csv", r, "id", "missing_id", "id is empty") for r in (2, 3)])
    >>> validation_lines(err, "en")
    ['orglib: 2 problems found:', '  missing_id: 2 errors', '    a.csv:2: id: id is empty [missing_id]', '    a.csv:3: id: id is empty [missing_id]']
    """
    n = len(exc.errors)
    head = (f"发现 {n} 个问题:" if lang == "zh" else f"{n} problem{'' if n == 1 else 's'} found:")
    return ["orglib: " + head] + grouped_lines(exc.problems, lang, sources)


def grouped_lines(problems: Sequence, lang: str, sources: Sequence[str] = ()) -> list[str]:
    """Problems (a command's warnings, or the errors it stopped on) grouped by kind with
    counts and the first examples, indented, terminal-safe; the rest are one
    ``orglib validate FILE --all`` away.

    >>> from orglib._core import Problem
    >>> ps = [Problem("a.csv", r, "id", "job_share", "merged", severity="warning") for r in range(2, 7)]
    >>> grouped_lines(ps, "en")[-1]
    '    ... and 2 more (orglib validate a.csv --all lists every one)'
    """
    from ..io import summarize_problems
    from ._terminal import escape_text

    files = sorted({p.file for p in problems if p.file})
    where = files[0] if len(files) == 1 else ", ".join(str(s) for s in sources)
    en, zh = VALIDATE_HINT
    hint = (en.replace("FILE", where, 1), zh.replace("文件", where, 1)) if where else VALIDATE_HINT
    return ["  " + escape_text(line) for line in summarize_problems(problems, lang=lang, hint=hint)]


def _problem_line(p, lang: str | None) -> str:
    if lang is None:
        text = p.text("en")
        return text if not p.message_zh or p.message_zh == p.message else f"{text} / {p.message_zh}"
    return p.text(lang)
