"""Problems found in user input, and the exceptions that carry them.

A user's mistake never becomes a traceback: readers and validators collect
:class:`Problem` records (file, row, field, code, message in en and zh) and raise
one :class:`OrgValidationError` holding all of them. The command line prints them
and exits 1. :class:`OrgInputError` is for input that cannot be read at all
(missing file, unknown suffix, undecodable bytes); the command line exits 2.

Examples
--------
>>> p = Problem("org.csv", 3, "reports_to", "unknown_manager",
...             "manager 'X9' is not a post id or title", "上级 'X9' 不是岗位编号或名称")
>>> str(p)
"org.csv:3: reports_to: manager 'X9' is not a post id or title [unknown_manager]"
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located by file, row and field.

    ``row`` is the row a person sees in a spreadsheet (the header is row 1) or
    the 1-based item number in a YAML/JSON list; ``None`` when it concerns the
    whole file.
    """

    file: str
    row: int | None
    field: str
    code: str
    message: str
    message_zh: str = ""
    severity: str = ERROR

    def text(self, lang: str = "en") -> str:
        """The problem as one line in ``lang`` ("en" or "zh")."""
        where = self.file or "<org>"
        if self.row is not None:
            where += f":{self.row}"
        msg = self.message_zh if lang == "zh" and self.message_zh else self.message
        field = f" {self.field}:" if self.field else ""
        tag = "" if self.severity == ERROR else (" (警告)" if lang == "zh" else " (warning)")
        return f"{where}:{field} {msg} [{self.code}]{tag}"

    def __str__(self) -> str:
        return self.text("en")

    def to_dict(self) -> dict:
        return asdict(self)


class OrgError(Exception):
    """Base class of every error orglib raises for bad user input.

    The message is kept in both languages: ``OrgError(en="...", zh="...")``.
    ``str(err)`` gives both (``"en / zh"``) for Python users; :meth:`text` gives one, so
    the command line prints the language ``--lang`` chose. A single positional
    message written the old way, ``"english / 中文"``, is split at its last `` / ``.

    >>> e = OrgError(en="no post 'x'", zh="没有岗位 'x'")
    >>> str(e), e.text("zh"), e.text("en")
    ("no post 'x' / 没有岗位 'x'", "没有岗位 'x'", "no post 'x'")
    >>> OrgError("bad file / 文件有误").text("zh")
    '文件有误'
    """

    def __init__(self, message: str = "", *, en: str | None = None, zh: str | None = None):
        if en is None and zh is None:
            en, zh = _split(message)
        self.en: str = en if en is not None else (zh or "")
        self.zh: str = zh if zh is not None else self.en
        super().__init__(self.en if self.en == self.zh else f"{self.en} / {self.zh}")

    def text(self, lang: str = "en") -> str:
        """The message in ``lang`` ("en" or "zh")."""
        return self.zh if lang == "zh" else self.en


def _split(message: str) -> tuple[str, str]:
    """``"english / 中文"`` → ``("english", "中文")``; a one-language message serves both."""
    head, sep, tail = str(message).rpartition(" / ")
    if sep and any("\u4e00" <= ch <= "\u9fff" for ch in tail) and not any(
            "\u4e00" <= ch <= "\u9fff" for ch in head):
        return head, tail
    return str(message), str(message)


class OrgInputError(OrgError):
    """The input cannot be read at all (missing file, unknown suffix, bad encoding).

    ``problems`` optionally locates it (file, row, field, code) for reports that list
    every problem of several files.

    >>> OrgInputError(en="no such file", zh="文件不存在").text("zh")
    '文件不存在'
    """

    def __init__(self, message: str = "", problems: Iterable[Problem] = (), *,
                 en: str | None = None, zh: str | None = None):
        super().__init__(message, en=en, zh=zh)
        self.problems: list[Problem] = list(problems)

    def codes(self) -> list[str]:
        return [p.code for p in self.problems]


class OrgValidationError(OrgError):
    """Every problem found in one pass; ``.problems`` lists them.

    Examples
    --------
    >>> err = OrgValidationError([Problem("a.csv", 2, "id", "duplicate_id", "dup", "重复")])
    >>> err.codes()
    ['duplicate_id']
    """

    def __init__(self, problems: Iterable[Problem]):
        self.problems: list[Problem] = list(problems)
        super().__init__(en=self.text("en"), zh=self.text("zh"))
        self.args = (self.en,)  # str(err): the English list, as scripts and logs expect

    def __str__(self) -> str:
        return self.en

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    def codes(self) -> list[str]:
        return [p.code for p in self.problems]

    def text(self, lang: str = "en") -> str:
        head = (f"发现 {len(self.errors)} 个问题:" if lang == "zh"
                else f"{len(self.errors)} problem(s) found:")
        return "\n".join([head] + ["  " + p.text(lang) for p in self.problems])
