"""Seed department designs shipped as templates (``data/orgs/*.yaml``).

Every department design described in the seed documents is one YAML file whose
stem is the template id. Each value carries its source: the seed file name, or
``assumed`` where the seed gives no number (the file's header comment says what
was assumed and why). Templates load through :func:`orglib.io._load.load`, so they are
validated like any client file; ``org.meta["expected_warnings"]`` records the
warnings a contradictory seed deserves.

Examples
--------
>>> "duocai-asis" in template_ids()
True
>>> org = template("duocai-asis")
>>> org.headcount_total
11.0
>>> print(tree_text(org, lang="en").splitlines()[1])
Marketing Manager [mgr] ×1 (total 11)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._core import Org, check_lang, children_lists, head_index, preorder, subtree_totals
from ..data import template_ids, template_path
from ..io import load


def template(template_id: str) -> Org:
    """Load a template as an :class:`~orglib._core.model.Org` (validated; warnings on ``org.problems``).

    Parameters
    ----------
    template_id
        One of :func:`template_ids`, e.g. ``"jucao-ops-center"``.

    Examples
    --------
    >>> org = template("jucao-ops-center")
    >>> org.roots(), org.headcount_total
    (['director'], 20.0)
    >>> sorted({p.code for p in org.problems})
    ['reports_mismatch', 'title_spelling']
    """

    return load(template_path(template_id))


def top_post(org: Org) -> tuple[str, str, str]:
    """``(id, title, title_en)`` of the head of the department (``("", "", "")`` if none).

    The head is :func:`orglib._core.tree.head_index`: the top post with most people.

    Examples
    --------
    >>> top_post(template("beigang-hospital"))
    ('president', '院长', 'Hospital President')
    """
    head = head_index(org.parent_index(), org.headcounts())
    if head < 0:
        return "", "", ""
    rec = org.positions.iloc[head]
    return rec["id"], rec["title"], rec["title_en"]


def _pick(meta: dict, key: str, lang: str) -> str:
    if lang == "en" and meta.get(f"{key}_en"):
        return str(meta[f"{key}_en"])
    return str(meta.get(key) or "")


def describe_templates(lang: str = "zh") -> pd.DataFrame:
    """One row per template: id, name, description, headcount, top post, warnings.

    Parameters
    ----------
    lang
        ``"zh"`` or ``"en"``: language of name, description and top post title.

    Returns
    -------
    pandas.DataFrame
        Columns ``id, name, description, headcount, top_post, top_post_id, posts, warnings``.

    Examples
    --------
    >>> df = describe_templates("en")
    >>> row = df.set_index("id").loc["four-posts"]
    >>> float(row["headcount"]), row["top_post"]
    (4.0, 'Marketing Manager')
    """
    lang = check_lang(lang)
    rows = []
    for tid in template_ids():
        org = template(tid)
        pid, title, title_en = top_post(org)
        rows.append({
            "id": tid,
            "name": _pick(org.meta, "name", lang),
            "description": _pick(org.meta, "description", lang),
            "headcount": org.headcount_total,
            "top_post": (title_en or title) if lang == "en" else (title or title_en),
            "top_post_id": pid,
            "posts": len(org.positions),
            "warnings": len(org.problems),
        })
    return pd.DataFrame(rows, columns=["id", "name", "description", "headcount", "top_post",
                                       "top_post_id", "posts", "warnings"])


def _fmt(x: float) -> str:
    return f"{x:g}"


def tree_text(org: Org, lang: str = "zh") -> str:
    """The reporting tree as indented text with headcounts; vacant posts are marked.

    Each line: title, ``[id]``, ``×headcount`` and, for a post with reports, the
    total people in its subtree. Posts whose manager is unknown are listed as
    extra roots; the first line names the design and its total headcount.

    Parameters
    ----------
    org
        Any Org (a template or a client's file).
    lang
        ``"zh"`` (default) or ``"en"``; English falls back to the Chinese title.

    Examples
    --------
    >>> from orglib._core.model import Org
    >>> org = Org.from_records([{"id": "m", "title": "经理", "headcount": 1},
    ...                         {"id": "c", "title": "文员", "reports_to": "m", "headcount": 0}])
    >>> print(tree_text(org))
    org — 合计 1 人
    经理 [m] ×1 (合计 1)
      └ 文员 [c] ×0 (空缺)
    """
    lang = check_lang(lang)
    pos = org.positions
    n = len(pos)
    ids = pos["id"].to_numpy(dtype=object)
    zh = pos["title"].to_numpy(dtype=object)
    en = pos["title_en"].to_numpy(dtype=object)
    hc = org.headcounts()
    parent = np.asarray(org.parent_index(), dtype=np.int64).copy()
    parent[parent == np.arange(n)] = -1  # a post reporting to itself is shown as a top post
    children = children_lists(parent)
    walk = list(preorder(parent))  # posts on a reporting cycle are not reached from a top post
    reached = np.zeros(n, dtype=bool)
    reached[[k for k, _ in walk]] = True
    total = subtree_totals(np.where(reached, parent, -1), hc)
    vacant_word = "vacant" if lang == "en" else "空缺"
    total_word = "total" if lang == "en" else "合计"
    people = "people" if lang == "en" else "人"
    lines = [f"{org.label(lang)} — {total_word} {_fmt(org.headcount_total)} {people}"]

    def line(k: int, depth: int) -> str:
        title = (en[k] or zh[k]) if lang == "en" else (zh[k] or en[k])
        text = f"{title or ids[k]} [{ids[k]}] ×{_fmt(hc[k])}"
        notes = []
        if hc[k] == 0:
            notes.append(vacant_word)
        if children[k]:
            notes.append(f"{total_word} {_fmt(total[k])}")
        if notes:
            text += f" ({', '.join(notes) if lang == 'en' else ','.join(notes)})"
        return ("  " * depth + "└ " if depth else "") + text

    lines.extend(line(k, depth) for k, depth in walk)
    rest = np.flatnonzero(~reached)  # posts on a reporting cycle
    if len(rest):
        lines.append("(cycle)" if lang == "en" else "(汇报成环)")
        lines.extend(line(int(k), 1) for k in rest)
    return "\n".join(lines)
