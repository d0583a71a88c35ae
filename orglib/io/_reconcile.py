"""Match titles spelled differently and reconcile 直接上级 with 直接下级.

Job descriptions state both sides of a reporting line: a post's 直接上级 and, on
the manager's own description, its 直接下级. The two can disagree, and one
document may write 市场部经理 where another writes 市场拓展部经理. These functions
resolve titles leniently and report each disagreement as a warning naming both
posts.

>>> match_title("市场部经理", ["市场拓展部经理", "市场拓展部主管", "招商部经理"])
'市场拓展部经理'
>>> match_title("财务总监", ["市场拓展部经理"]) is None
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher

import numpy as np
import pandas as pd

from .._core import WARNING, Problem

# the part of a title that names the kind of post; two titles only match if it agrees
ROLE_SUFFIXES = ("总监", "经理", "主管", "主任", "专员", "助理", "文员", "科长", "组长", "员",
                 "director", "manager", "supervisor", "assistant", "specialist", "lead")


def normalize_title(title: str) -> str:
    """Strip spaces, brackets and punctuation; lower-case.

    >>> normalize_title(" 市场部(拓展) 经理 ")
    '市场部拓展经理'
    """
    return re.sub(r"[\s()（）【】\[\]·・,，、:：]+", "", str(title)).lower()


def _suffix(title: str) -> str:
    for s in ROLE_SUFFIXES:
        if title.endswith(s):
            return s
    return ""


class TitleIndex:
    """Titles indexed once, so each name is matched without re-scanning every title.

    Exact (normalized) lookups are a dict hit; the lenient match compares only titles
    of the same post kind and plausible length, and in a long list only those sharing
    one of the name's rarer character pairs (an unmatched name is reported, never guessed).

    >>> TitleIndex(["市场拓展部经理", "市场拓展部主管", "招商部经理"]).match("市场部经理")
    '市场拓展部经理'
    """

    SCAN_ALL = 2000
    """Up to this many candidate titles every one is compared (as the plain definition)."""

    def __init__(self, titles: Sequence[str]):
        self.by_norm: dict[str, list[str]] = {}
        for t in dict.fromkeys(titles):
            self.by_norm.setdefault(normalize_title(t), []).append(t)
        self.buckets: dict[str, list[tuple[str, str]]] = {}
        for n, ts in self.by_norm.items():
            for t in ts:
                self.buckets.setdefault(_suffix(n), []).append((n, t))
        self._pairs: dict[str, dict[str, list[int]]] = {}

    def _pair_index(self, suffix: str) -> dict[str, list[int]]:
        if suffix not in self._pairs:
            idx: dict[str, list[int]] = {}
            for k, (n, _) in enumerate(self.buckets.get(suffix, [])):
                for g in {n[i:i + 2] for i in range(max(1, len(n) - 1))}:
                    idx.setdefault(g, []).append(k)
            self._pairs[suffix] = idx
        return self._pairs[suffix]

    def match(self, name: str, threshold: float = 0.6) -> str | None:
        """The one title ``name`` most plausibly means, or None (see :func:`match_title`)."""
        key = normalize_title(name)
        if not key:
            return None
        exact = self.by_norm.get(key)
        if exact:
            return exact[0] if len(exact) == 1 else None
        suffix = _suffix(key)
        bucket = self.buckets.get(suffix, [])
        if len(bucket) > self.SCAN_ALL:
            pairs = self._pair_index(suffix)
            grams = sorted({key[i:i + 2] for i in range(max(1, len(key) - 1))},
                           key=lambda g: len(pairs.get(g, ())))
            chosen: set[int] = set()
            for g in grams[:3]:
                chosen.update(pairs.get(g, ()))
            if len(chosen) > self.SCAN_ALL:
                return None
            bucket = [bucket[k] for k in sorted(chosen)]
        scored = []
        for n, t in bucket:
            if _suffix(n) != suffix:
                continue
            ratio = SequenceMatcher(None, key, n).ratio()
            if (key in n or n in key) and 2 * min(len(key), len(n)) >= max(len(key), len(n)):
                ratio = max(ratio, 0.8)  # one holds the other, and is not a mere letter of it
            scored.append((ratio, t))
        scored = [x for x in scored if x[0] >= threshold]
        if not scored:
            return None
        scored.sort(key=lambda x: -x[0])
        if len(scored) > 1 and scored[1][0] == scored[0][0] and scored[1][1] != scored[0][1]:
            return None
        return scored[0][1]


def match_title(name: str, titles: Sequence[str], threshold: float = 0.6) -> str | None:
    """The one title in ``titles`` that ``name`` most plausibly means, or None.

    Exact (normalized) equality wins; otherwise the post kind (经理, 主管, ...) must
    agree and the similarity ratio be at least ``threshold``, with a unique best.
    To match many names against one list, build a :class:`TitleIndex` once.
    """
    return TitleIndex(titles).match(name, threshold)


def reconcile_direct_reports(
    positions: pd.DataFrame, file: str = "", rows: np.ndarray | None = None
) -> list[Problem]:
    """Compare each post's stated 直接下级 (``direct_reports``) with who reports to it.

    Returns one warning per disagreement, naming both posts: a listed subordinate
    that reports elsewhere (or to nobody), a listed title that matches no post, and
    a post that reports here but is not listed. "无"/"none" means no subordinates.
    """
    problems: list[Problem] = []
    if "direct_reports" not in positions.columns:
        return problems
    ids = positions["id"].tolist()
    titles = positions["title"].tolist()
    rt = positions["reports_to"].tolist()
    row_of = rows if rows is not None else np.arange(len(ids)) + 1
    label = {i: (f"{t} ({i})" if t else i) for i, t in zip(ids, titles, strict=True)}
    children: dict[str, list[str]] = {}
    for i, r in zip(ids, rt, strict=True):
        if r:
            children.setdefault(r, []).append(i)
    for k, (pid, listed) in enumerate(zip(ids, positions["direct_reports"].tolist(), strict=True)):
        if listed is None:
            continue
        names = _as_list(listed)
        actual = children.get(pid, [])
        matched: set[str] = set()
        row = int(row_of[k])
        for name in names:
            cand_ids = _ids_for_title(name, ids, titles)
            if not cand_ids:
                problems.append(Problem(
                    file, row, "direct_reports", "reports_mismatch",
                    f"{label[pid]} lists {name!r} as a direct report, but no post has that title",
                    f"{label[pid]} 的直接下级写有 {name!r},但没有该名称的岗位", WARNING))
                continue
            here = [c for c in cand_ids if c in actual]
            if here:
                matched.update(here)
                continue
            for c in cand_ids:
                boss = rt[ids.index(c)]
                where = label.get(boss, boss) if boss else "nobody / 无"
                problems.append(Problem(
                    file, row, "direct_reports", "reports_mismatch",
                    f"{label[pid]} lists {label[c]} as a direct report, but {label[c]} "
                    f"reports to {where}",
                    f"{label[pid]} 的直接下级含 {label[c]},但 {label[c]} 的直接上级是 {where}",
                    WARNING))
        for c in actual:
            if c not in matched:
                problems.append(Problem(
                    file, row, "direct_reports", "reports_mismatch",
                    f"{label[c]} reports to {label[pid]}, but {label[pid]}'s direct reports "
                    f"do not list it",
                    f"{label[c]} 的直接上级是 {label[pid]},但 {label[pid]} 的直接下级未列出它",
                    WARNING))
    return problems


_NONE_WORDS = {"", "无", "没有", "none", "n/a", "na", "-", "/"}


def _as_list(value) -> list[str]:
    if isinstance(value, str):
        parts = re.split(r"[;；,，、/]+", value)
    elif isinstance(value, list | tuple):
        parts = [str(v) for v in value]
    else:
        parts = [str(value)]
    return [p.strip() for p in parts if p.strip().lower() not in _NONE_WORDS]


def _ids_for_title(name: str, ids: list[str], titles: list[str]) -> list[str]:
    if name in ids:
        return [name]
    hit = match_title(name, [t for t in titles if t])
    if hit is None:
        return []
    return [i for i, t in zip(ids, titles, strict=True) if t == hit]
