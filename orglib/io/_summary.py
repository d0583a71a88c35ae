"""Problems a person can read: grouped by kind, with a count and the first examples.

A 4,000-row file with 3,400 empty ids is one group, not 3,400 lines.

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


def group_problems(problems: Sequence[Problem]) -> list[tuple[str, str, list[Problem]]]:
    """``[(code, severity, problems)]``: errors first, then by count, then by first appearance."""
    groups: dict[tuple[str, str], list[Problem]] = {}
    for p in problems:
        groups.setdefault((p.code, p.severity), []).append(p)
    order = sorted(groups.items(), key=lambda kv: (kv[0][1] != ERROR, -len(kv[1])))
    return [(code, sev, ps) for (code, sev), ps in order]


def summarize_problems(problems: Sequence[Problem], *, lang: str = "en", examples: int = 3,
                       all: bool = False) -> list[str]:  # noqa: A002 - mirrors --all
    """Lines to print: one heading per kind with its count, then the first ``examples``."""
    out: list[str] = []
    for code, sev, ps in group_problems(problems):
        kind = ("错误" if sev == ERROR else "警告") if lang == "zh" else ("errors" if sev == ERROR else "warnings")
        if lang == "zh":
            out.append(f"{code}:{len(ps)} 个{kind}")
        else:
            out.append(f"{code}: {len(ps)} {kind if len(ps) != 1 else kind[:-1]}")
        shown = ps if all else ps[:examples]
        out += ["  " + p.text(lang) for p in shown]
        if len(ps) > len(shown):
            more = len(ps) - len(shown)
            out.append(f"  …另有 {more} 条(--all 列出全部)" if lang == "zh"
                       else f"  ... and {more} more (--all lists every one)")
    return out


def problems_json(problems: Sequence[Problem]) -> list[dict]:
    """Groups for scripts: ``[{code, severity, count, problems: [...]}]``."""
    return [{"code": code, "severity": sev, "count": len(ps), "problems": [p.to_dict() for p in ps]}
            for code, sev, ps in group_problems(problems)]
