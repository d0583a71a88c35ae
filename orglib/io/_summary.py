"""Problems a person can read: grouped by kind, with a count and the first examples.

A 4,000-row file with 3,400 empty ids is one group, not 3,400 lines. The command line
prints :func:`summarize_problems` (``orglib validate`` on standard output, every other
command on standard error when a file does not validate) and ``--json`` gives
:func:`problems_json`; both group with :func:`group_problems`.

>>> from orglib._core import Problem
>>> ps = [Problem("hr.csv", r, "id", "missing_id", "id is empty", "编号为空") for r in range(2, 9)]
>>> print("\\n".join(summarize_problems(ps, examples=2)))
missing_id: 7 errors
  hr.csv:2: id: id is empty [missing_id]
  hr.csv:3: id: id is empty [missing_id]
  ... and 5 more (--all lists every one)
"""

from __future__ import annotations

from collections.abc import Sequence

from .._core import ERROR, Problem

EXAMPLES = 3
"""Examples shown per kind of problem unless ``--all`` asks for every one."""

MORE_HINT = ("--all lists every one", "--all 列出全部")
"""How to see the rest, (en, zh): for ``orglib validate``."""


def group_problems(problems: Sequence[Problem]) -> list[tuple[str, str, list[Problem]]]:
    """``[(code, severity, problems)]``: errors first, then by count, then by first appearance."""
    groups: dict[tuple[str, str], list[Problem]] = {}
    for p in problems:
        groups.setdefault((p.code, p.severity), []).append(p)
    order = sorted(groups.items(), key=lambda kv: (kv[0][1] != ERROR, -len(kv[1])))
    return [(code, sev, ps) for (code, sev), ps in order]


def count_text(n: int, severity: str, lang: str = "en") -> str:
    """``"3 errors"``, ``"1 warning"``, ``"3 个错误"``.

    >>> count_text(1, "warning"), count_text(3, "error", "zh")
    ('1 warning', '3 个错误')
    """
    if lang == "zh":
        return f"{n} 个{'错误' if severity == ERROR else '警告'}"
    kind = "error" if severity == ERROR else "warning"
    return f"{n} {kind}{'' if n == 1 else 's'}"


def summarize_problems(problems: Sequence[Problem], *, lang: str = "en", examples: int = EXAMPLES,
                       all: bool = False,  # noqa: A002 - mirrors --all
                       hint: tuple[str, str] = MORE_HINT) -> list[str]:
    """Lines to print: one heading per kind with its count, then its first ``examples``
    (every one with ``all=True``) indented by two spaces, then how many more there are.

    ``hint`` (en, zh) says how to see the rest. Each line is one problem's
    :meth:`~orglib._core.Problem.text` (file, row, field, message, code).
    """
    out: list[str] = []
    en_hint, zh_hint = hint
    for code, sev, ps in group_problems(problems):
        sep = ":" if lang == "zh" else ": "
        out.append(f"{code}{sep}{count_text(len(ps), sev, lang)}")
        shown = ps if all else ps[:max(0, examples)]
        out += ["  " + p.text(lang) for p in shown]
        if len(ps) > len(shown):
            more = len(ps) - len(shown)
            out.append(f"  …另有 {more} 条({zh_hint})" if lang == "zh"
                       else f"  ... and {more} more ({en_hint})")
    return out


def problems_json(problems: Sequence[Problem], *, examples: int | None = None) -> list[dict]:
    """Groups for scripts: ``[{code, severity, count, problems: [...], more}]``.

    ``problems`` holds the first ``examples`` of the kind (every one when None) and
    ``more`` how many were left out.

    >>> ps = [Problem("a.csv", r, "id", "missing_id", "id is empty") for r in (2, 3, 4)]
    >>> [(g["code"], g["count"], len(g["problems"]), g["more"]) for g in problems_json(ps, examples=1)]
    [('missing_id', 3, 1, 2)]
    """
    out = []
    for code, sev, ps in group_problems(problems):
        shown = ps if examples is None else ps[:max(0, examples)]
        out.append({"code": code, "severity": sev, "count": len(ps),
                    "problems": [p.to_dict() for p in shown], "more": len(ps) - len(shown)})
    return out
