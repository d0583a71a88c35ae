"""Lesson 7, the capstone: design a marketing department for a company and score it.

A :data:`CASES` entry gives a company's stage and size. Students build a design — from a
layout generator (:func:`design_from_choices`), a template, or a file edited in the explorer
— and :func:`score_design` scores it on seven criteria (100 points):

=================  ======  ==========================================================
criterion          points  full marks when
=================  ======  ==========================================================
structure          15      集中式 / 分权式 as seed 000's stage-and-size rule recommends
size & cost        15      the department's headcount lies in the case's budget range
spans              15      every manager's span is 3–10 (player/coach … supervisor)
layers             10      no more layers than the case allows
4P/4C/4R           15      all twelve elements owned by some unit
four roles         10      情报、参谋、监管、公关 all owned
five principles    20      every measurable principle passes
=================  ======  ==========================================================

Budget ranges, layer limits, the span band and the weights are **our design** (本课设计),
not the seeds'. :func:`score_row` and :func:`write_scores` turn students' answers and scores
into a CSV for grading.

Examples
--------
>>> from orglib.designs import template
>>> s = score_design(template("centralized-sme"), "startup-70", lang="en")
>>> int(s["points"].sum()), int(s["max_points"].sum())
(92, 100)
>>> float(s.set_index("criterion").loc["structure", "points"])
15.0
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from .._core import Org, OrgInputError, atomic_write_text, check_lang, tr
from ._structure import recommend_structure


@dataclass(frozen=True)
class Case:
    """A company to design for: ``stage``, ``employees``, the marketing ``budget`` range
    (people, our assumption) and the most ``max_layers`` (our assumption)."""

    id: str
    stage: str
    employees: int
    budget: tuple[int, int]
    max_layers: int
    name_zh: str
    name_en: str

    def name(self, lang: str = "zh") -> str:
        return tr(self.name_zh, self.name_en, check_lang(lang))


CASES: dict[str, Case] = {c.id: c for c in (
    Case("startup-70", "startup", 70, (3, 8), 3, "70 人的初创企业", "a 70-person start-up"),
    Case("growth-400", "growth", 400, (8, 20), 3, "400 人的成长期企业", "a 400-person growth-stage firm"),
    Case("mature-2000", "maturity", 2000, (20, 60), 4, "2000 人的成熟期大型企业", "a 2,000-person mature firm"),
)}
"""The capstone's companies (sizes from the issue; budgets and layer limits are ours)."""

SPAN_BAND = (3.0, 10.0)
"""Spans that count as healthy: player/coach (3) to supervisor (10) — a common-practice band."""

WEIGHTS = {"structure": 15, "size": 15, "spans": 15, "layers": 10, "mix": 15, "roles": 10, "principles": 20}

_NAMES = {"structure": ("结构类型", "structure"), "size": ("规模与成本", "size & cost"),
          "spans": ("管理幅度", "spans"), "layers": ("管理层级", "layers"),
          "mix": ("4P/4C/4R 覆盖", "4P/4C/4R coverage"), "roles": ("四大职能覆盖", "four-roles coverage"),
          "principles": ("五条设计原则", "five principles")}


def case(case_id: str) -> Case:
    """A case by id.

    >>> case("mature-2000").employees
    2000
    """
    if case_id not in CASES:
        raise OrgInputError(en=f"unknown case {case_id!r}: use one of {', '.join(CASES)}",
                            zh=f"未知案例 {case_id!r}:请用 {'、'.join(CASES)}")
    return CASES[case_id]


def structure_of(org: Org) -> str:
    """``decentralized`` when the head leads two or more sub-departments that have their own
    manager (seed 000's 市场部下设多个子部门), else ``centralized``.

    >>> from orglib.designs import template
    >>> structure_of(template("centralized-sme")), structure_of(template("decentralized-large"))
    ('centralized', 'decentralized')
    """
    pos = org.positions
    ids = pos["id"].astype(str).tolist()
    parent = dict(zip(ids, pos["reports_to"].astype(str), strict=True))
    heads = [i for i in ids if not parent[i]]
    has_reports = {parent[i] for i in ids if parent[i]}
    subs = [i for i in ids if parent[i] in heads and i in has_reports]
    return "decentralized" if len(subs) >= 2 else "centralized"


def design_from_choices(*, structure: str, functions: Any = None, span_target: int = 8,
                        regions: int = 0) -> Org:
    """A design from a student's choices: ``centralized`` (one department, all staff reporting
    into it), ``decentralized`` (one sub-department per function) or, with ``regions``, the
    by-region variant.

    >>> org = design_from_choices(structure="centralized", functions=[("市场", 5)], span_target=6)
    >>> structure_of(org), org.headcount_total
    ('centralized', 6.0)
    """
    from ..designs import by_region, centralized

    if structure == "decentralized":
        if regions:
            return by_region(functions, regions=int(regions), span_target=span_target)
        return centralized(functions, span_target=span_target)
    if structure != "centralized":
        raise OrgInputError(en=f"structure must be centralized or decentralized, got {structure!r}",
                            zh=f"结构须为 centralized(集中式)或 decentralized(分权式),而不是 {structure!r}")
    total = sum(int(f[1] if not isinstance(f, Mapping) else f["headcount"]) for f in (functions or [("市场", 5)]))
    return centralized([{"name": "市场部", "name_en": "Marketing", "headcount": total,
                         "tags": sorted({t for f in (functions or []) if isinstance(f, Mapping)
                                         for t in f.get("tags", [])})}], span_target=span_target)


def score_design(org: Org, case_id: str, *, lang: str = "zh") -> pd.DataFrame:
    """Score a design for a case: one row per criterion (``criterion``, ``name``, ``value``,
    ``target``, ``points``, ``max_points``, ``comment``)."""
    from ..analysis import FOUR_ROLES, coverage, principles, spans_layers

    check_lang(lang)
    c = case(case_id)
    rows = []

    def add(key: str, value: str, target: str, share: float, comment: str) -> None:
        share = min(1.0, max(0.0, share))
        rows.append({"criterion": key, "name": tr(*_NAMES[key], lang), "value": value, "target": target,
                     "points": round(WEIGHTS[key] * share, 1), "max_points": float(WEIGHTS[key]),
                     "comment": comment})

    advice = recommend_structure(c.stage, c.employees)
    got = structure_of(org)
    lab = {"centralized": tr("集中式", "centralized", lang), "decentralized": tr("分权式", "decentralized", lang)}
    add("structure", lab[got], lab[advice.structure], 1.0 if got == advice.structure else 0.0, advice.reason(lang))

    hc = float(org.headcount_total)
    lo, hi = c.budget
    miss = 0.0 if lo <= hc <= hi else (lo - hc if hc < lo else hc - hi) / max(hi - lo, 1)
    cost = pd.to_numeric(org.positions["cost"], errors="coerce")
    cost_text = ""
    if cost.notna().any():
        cost_text = tr(f";人工成本 {float((cost.fillna(0) * org.positions['headcount']).sum()):,.0f}",
                       f"; staff cost {float((cost.fillna(0) * org.positions['headcount']).sum()):,.0f}", lang)
    add("size", tr(f"{hc:g} 人", f"{hc:g} people", lang) + cost_text,
        tr(f"{lo}–{hi} 人(本课设定)", f"{lo}–{hi} people (our budget)", lang), 1.0 - miss,
        tr(f"{c.name('zh')}的市场部人数预算", f"marketing headcount budget for {c.name('en')}", lang))

    sl = spans_layers(org)
    mg = sl.managers
    if len(mg):
        inside = mg["span"].between(*SPAN_BAND)
        share = float(inside.mean())
        bad = ", ".join(f"{t} {s:g}" for t, s in zip(mg.loc[~inside, "title" if lang == "zh" else "title_en"],
                                                      mg.loc[~inside, "span"], strict=True))
    else:
        share, bad = 0.0, ""
    add("spans", tr(f"{int(inside.sum()) if len(mg) else 0}/{len(mg)} 位管理者在区间内",
                    f"{int(inside.sum()) if len(mg) else 0} of {len(mg)} managers in band", lang),
        f"{SPAN_BAND[0]:g}–{SPAN_BAND[1]:g}", share,
        tr("超出区间:", "outside the band: ", lang) + bad if bad else tr("全部在区间内", "all in band", lang))

    layers = int(sl.summary["layers"])
    add("layers", str(layers), tr(f"≤ {c.max_layers}(本课设定)", f"≤ {c.max_layers} (our limit)", lang),
        1.0 - 0.5 * max(0, layers - c.max_layers), "")

    cov = coverage(org)
    mix = cov[~cov["tag"].isin(FOUR_ROLES)]
    roles = cov[cov["tag"].isin(FOUR_ROLES)]
    name_col = "name" if lang == "zh" else "name_en"
    add("mix", f"{int(mix['covered'].sum())}/{len(mix)}", f"{len(mix)}/{len(mix)}", float(mix["covered"].mean()),
        tr("未覆盖:", "uncovered: ", lang) + ", ".join(mix.loc[~mix["covered"], name_col]) if (~mix["covered"]).any()
        else "")
    add("roles", f"{int(roles['covered'].sum())}/{len(roles)}", f"{len(roles)}/{len(roles)}",
        float(roles["covered"].mean()),
        tr("未覆盖:", "uncovered: ", lang) + ", ".join(roles.loc[~roles["covered"], name_col])
        if (~roles["covered"]).any() else "")

    pr = principles(org, lang=lang)
    measurable = pr[pr["status"] != "n/a"]
    ok = int((measurable["status"] == "ok").sum())
    add("principles", f"{ok}/{len(measurable)}", f"{len(measurable)}/{len(measurable)}",
        ok / len(measurable) if len(measurable) else 0.0,
        tr("未通过:", "failed: ", lang) + ", ".join(measurable.loc[measurable["status"] != "ok", "name"])
        if ok < len(measurable) else "")
    return pd.DataFrame(rows, columns=["criterion", "name", "value", "target", "points", "max_points", "comment"])


def score_row(student: str, case_id: str, org: Org, answers: Mapping[str, Any] | None = None, *,
              design: str = "") -> dict[str, Any]:
    """One CSV row for grading: student, case, design, each criterion's points, total, answers.

    >>> from orglib.designs import template
    >>> row = score_row("张三", "startup-70", template("centralized-sme"), {"why": "小公司"}, design="centralized-sme")
    >>> row["total"], row["answer.why"]
    (92.5, '小公司')
    """
    s = score_design(org, case_id, lang="en")
    row: dict[str, Any] = {"student": str(student), "case": case_id, "design": design or str(org.meta.get("id", ""))}
    row.update({f"points.{k}": float(v) for k, v in zip(s["criterion"], s["points"], strict=True)})
    row["total"] = round(float(s["points"].sum()), 1)
    for k, v in (answers or {}).items():
        row[f"answer.{k}"] = "" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v)
    return row


def scores_csv(rows: Iterable[Mapping[str, Any]]) -> str:
    """Rows of :func:`score_row` as CSV text (columns in first-seen order; text that a
    spreadsheet would run as a formula is prefixed with ``'``)."""
    rows = [dict(r) for r in rows]
    cols: list[str] = []
    for r in rows:
        cols += [k for k in r if k not in cols]
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=cols, lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({k: (f"'{v}" if isinstance(v, str) and v[:1] in ("=", "+", "-", "@") else v)
                    for k, v in r.items()})
    return buf.getvalue()


def write_scores(rows: Iterable[Mapping[str, Any]], path: str | Path) -> Path:
    """Write :func:`scores_csv` to ``path`` (UTF-8 with BOM so Excel reads Chinese), atomically."""
    path = Path(path)
    atomic_write_text(path, "\ufeff" + scores_csv(rows))
    return path
