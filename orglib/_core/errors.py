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
    """Base class of every error orglib raises for bad user input."""


class OrgInputError(OrgError):
    """The input cannot be read at all (missing file, unknown suffix, bad encoding).

    ``problems`` optionally locates it (file, row, field, code) for reports that list
    every problem of several files.
    """

    def __init__(self, message: str, problems: Iterable[Problem] = ()):
        super().__init__(message)
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
        n = len(self.errors)
        lines = "\n".join("  " + str(p) for p in self.problems)
        super().__init__(f"{n} problem(s) found:\n{lines}")

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    def codes(self) -> list[str]:
        return [p.code for p in self.problems]

    def text(self, lang: str = "en") -> str:
        head = (f"发现 {len(self.errors)} 个问题:" if lang == "zh"
                else f"{len(self.errors)} problem(s) found:")
        return "\n".join([head] + ["  " + p.text(lang) for p in self.problems])
