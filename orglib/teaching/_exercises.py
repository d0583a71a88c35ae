"""Lesson exercises with self-checks for the teaching track (``notebooks/teaching/``).

Every exercise computes its right answer from the library and the theory catalogues
(:mod:`orglib.catalog`, :mod:`orglib.templates`, :mod:`orglib.spans`,
:mod:`orglib.layouts`, :mod:`orglib.raci`) — not from numbers typed here — and
explains it, whether the student's answer is right or wrong, in zh or en.

* :func:`check_exercise` ``(lesson, question, answer, lang) -> Feedback``
* :func:`exercise_widget` — an input, a Check button and a feedback area
  (CSS class ``orglib-exercise``) for notebooks and Voilà.
* :func:`span_tradeoff` — the span-of-control trade-off of lesson 4: fewer layers and
  faster decisions against more relationships per manager.

Lessons: 1 what a marketing department is for; 2 4P → 4C → 4R; 3 centralized vs
decentralized; 4 span of control; 5 design principles and KPIs.

Examples
--------
>>> fb = check_exercise(4, "q1", "222", "en")
>>> fb.correct, fb.explanation.split(":")[0]
(True, 'Correct')
>>> check_exercise(4, "q1", "36", "zh").correct
False
>>> sorted(exercises(1))
['q1', 'q2', 'q3']
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import pandas as pd

from .._core import OrgInputError, check_lang, tr

__all__ = ["Feedback", "Exercise", "EXERCISES", "LESSONS", "check_exercise", "exercises",
           "prompt", "exercise_widget", "span_tradeoff", "answer"]


@dataclass(frozen=True)
class Feedback:
    """Result of checking an answer: ``correct`` and an ``explanation`` in the chosen language.

    ``answer`` is the right answer as text.
    """

    correct: bool
    explanation: str
    answer: str = ""


@dataclass(frozen=True)
class Exercise:
    """One question: prompts in zh/en, how to compute the answer and how to compare."""

    lesson: int
    key: str
    prompt_zh: str
    prompt_en: str
    solve: Callable[[], Any]
    """Returns the right answer (a value the ``kind`` comparison understands)."""
    kind: str
    """``number``, ``choice`` (one of an alias table), ``set`` (several choices) or ``yesno``."""
    why: Callable[[str], str]
    """Explanation of the right answer, in a language."""
    aliases: Callable[[], dict[str, str]] | None = None
    """For ``choice``/``set``: normalized alias → canonical key."""
    label: Callable[[str, str], str] | None = None
    """Canonical key → display name in a language."""
    tolerance: float = 1e-6


LESSONS: dict[int, tuple[str, str]] = {
    1: ("市场部是做什么的:四大职能与产品阶段", "What a marketing department is for: four roles and product stages"),
    2: ("从 4P 到 4C 再到 4R", "From 4P to 4C to 4R"),
    3: ("集中式与分权式", "Centralized vs decentralized"),
    4: ("管理幅度", "Span of control"),
    5: ("设计原则与考核指标", "Design principles and KPIs"),
}


# ============================================================================ normalizing
def _norm(text: Any) -> str:
    s = str(text or "").strip().lower()
    return re.sub(r"[\s\-_/·.,,。、;;:()()\"'“”‘’]+", "", s)


def _number(text: Any) -> float | None:
    s = str(text or "").strip().replace(",", "").replace(",", "")
    m = re.search(r"[-+]?\d+(?:\.\d+)?", s)
    if not m:
        return None
    try:
        return float(m.group(0))
    except ValueError:  # pragma: no cover - the regex only matches numbers
        return None


_YES = {"yes", "y", "true", "是", "对", "会", "能", "正确", "取代", "replaces"}
_NO = {"no", "n", "false", "否", "不", "不是", "不会", "不能", "错", "没有", "不取代", "doesnotreplace"}


def _yesno(text: Any) -> bool | None:
    s = _norm(text)
    if s in _NO or s.startswith(("不", "no", "否")):
        return False
    if s in _YES:
        return True
    return None


def _alias_table(df: pd.DataFrame, strip: tuple[str, ...] = ()) -> dict[str, str]:
    out: dict[str, str] = {}
    for rec in df.to_dict("records"):
        key = str(rec["id"])
        names = {key, key.split(".")[-1], str(rec.get("zh", "")), str(rec.get("en", ""))}
        for n in list(names):
            for suf in strip:
                if n.endswith(suf) and len(n) > len(suf):
                    names.add(n[: -len(suf)])
            names.add(re.sub(r"\(.*?\)|(.*?)", "", n))
        for n in names:
            if _norm(n):
                out.setdefault(_norm(n), key)
    return out


@cache
def _roles() -> pd.DataFrame:
    from ..designs import roles

    return roles()


@cache
def _lifecycle() -> pd.DataFrame:
    from ..designs import lifecycle

    return lifecycle()


@cache
def _mix() -> pd.DataFrame:
    from ..designs import marketing_mix

    return marketing_mix()


@cache
def _principles_cat() -> pd.DataFrame:
    from ..designs import principles

    return principles()


@cache
def _template(tid: str):
    from ..designs import template

    return template(tid)


def _role_aliases() -> dict[str, str]:
    return _alias_table(_roles(), strip=("机构",))


def _stage_aliases() -> dict[str, str]:
    return _alias_table(_lifecycle(), strip=("期",))


def _mix_aliases() -> dict[str, str]:
    return _alias_table(_mix())


def _principle_aliases() -> dict[str, str]:
    out = _alias_table(_principles_cat(), strip=("原则",))
    out.update({"none": "none", "无": "none", "没有": "none"})
    return out


def _cat_label(df_fn: Callable[[], pd.DataFrame]) -> Callable[[str, str], str]:
    def label(key: str, lang: str) -> str:
        if key == "none":
            return tr("无", "none", lang)
        df = df_fn().set_index("id")
        if key not in df.index:
            return key
        return str(df.loc[key, "zh" if lang == "zh" else "en"])
    return label


def _definition(df: pd.DataFrame, key: str, lang: str) -> str:
    rec = df.set_index("id").loc[key]
    return str(rec["definition"] if lang == "zh" else rec["definition_en"])


# ============================================================================ lesson 1
_L1_Q1_ITEM = "进行市场调研和分析"
_L1_Q2_ITEM = "负责产销的协调工作"


def _focus_rows() -> list[dict]:
    rows = []
    for st in _lifecycle().to_dict("records"):
        for item in st["focus"]:
            rows.append({"stage": st["id"], "zh": item["zh"], "en": item["en"],
                         "roles": list(item.get("roles") or [])})
    return rows


def _l1_q1() -> str:
    return next(r["roles"][0] for r in _focus_rows() if r["zh"] == _L1_Q1_ITEM)


def _l1_q2() -> str:
    return next(r["stage"] for r in _focus_rows() if r["zh"] == _L1_Q2_ITEM)


def _l1_q3() -> int:
    return sum("role.pr" in r["roles"] for r in _focus_rows() if r["stage"] == "stage.maturity")


def _l1_q1_why(lang: str) -> str:
    key = _l1_q1()
    return tr(f"「{_L1_Q1_ITEM}」是收集和分析市场信息的工作,属于{_cat_label(_roles)(key, 'zh')}:"
              f"{_definition(_roles(), key, 'zh')}",
              f"Market research gathers and analyses market information, so it belongs to the "
              f"{_cat_label(_roles)(key, 'en')} role: {_definition(_roles(), key, 'en')}", lang)


def _l1_q2_why(lang: str) -> str:
    key = _l1_q2()
    return tr(f"产销协调是{_cat_label(_lifecycle)(key, 'zh')}的重点:{_definition(_lifecycle(), key, 'zh')}",
              f"Coordinating production and sales is a focus of the {_cat_label(_lifecycle)(key, 'en')} "
              f"stage: {_definition(_lifecycle(), key, 'en')}", lang)


def _l1_q3_why(lang: str) -> str:
    items = [r for r in _focus_rows() if r["stage"] == "stage.maturity" and "role.pr" in r["roles"]]
    zh = "、".join(f"「{r['zh']}」" for r in items)
    en = "; ".join(r["en"] for r in items)
    return tr(f"成熟期共有 {len(items)} 项重点属于公关职能:{zh}。",
              f"{len(items)} maturity-stage focus items belong to the public-relations role: {en}.", lang)


# ============================================================================ lesson 2
def _l2_q1() -> str:
    m = _mix().set_index("id")
    return str(m.loc["4C.cost", "relates_to"])


def _l2_q1_why(lang: str) -> str:
    key = _l2_q1()
    return tr(f"4C 的「成本」对应 4P 的「{_cat_label(_mix)(key, 'zh')}」:{_definition(_mix(), '4C.cost', 'zh')}",
              f"4C's Cost re-examines 4P's {_cat_label(_mix)(key, 'en')} from the customer's side: "
              f"{_definition(_mix(), '4C.cost', 'en')}", lang)


def _mix_relations() -> pd.DataFrame:
    from ..designs import mix_relations

    return mix_relations()


def _l2_q2() -> bool:
    rel = _mix_relations()
    # 4R "replaces" 4P/4C only if some relation says so; the catalogue says it builds on them
    return bool(((rel["from"] == "4R") & (rel["kind"] == "replaces")).any())


def _l2_q2_why(lang: str) -> str:
    rel = _mix_relations()
    lines = rel[rel["from"].isin(["4R", "4P,4C,4R"])]
    kinds = sorted(set(rel.loc[rel["from"] == "4R", "kind"]))
    head = tr(f"目录中 4R 与 4P、4C 的关系是 {', '.join(kinds)}(在其基础上发展),不是取代:",
              f"In the catalogue 4R relates to 4P and 4C as {', '.join(kinds)}, not a replacement: ", lang)
    texts = [str(x).rstrip("。.") for x in lines["zh" if lang == "zh" else "en"]]
    return head + ("；".join(texts) + "。" if lang == "zh" else "; ".join(texts) + ".")


_L2_TEMPLATE = "duocai-asis"


def _coverage_gaps(tid: str) -> list[str]:
    from ..analysis import FOUR_ROLES, coverage

    cov = coverage(_template(tid))
    mix = cov[~cov["tag"].isin(FOUR_ROLES)]
    return mix.loc[~mix["covered"], "tag"].tolist()


def _l2_q3() -> int:
    return len(_coverage_gaps(_L2_TEMPLATE))


def _l2_q3_why(lang: str) -> str:
    gaps = _coverage_gaps(_L2_TEMPLATE)
    label = _cat_label(_mix)
    return tr(f"多彩现状设计的岗位职责没有覆盖 {len(gaps)} 个要素:"
              + "、".join(f"{g.split('.')[0]} {label(g, 'zh')}" for g in gaps)
              + "。这些就是设计留下的空白。",
              f"Duocai's as-is duties leave {len(gaps)} elements uncovered: "
              + ", ".join(f"{g.split('.')[0]} {label(g, 'en')}" for g in gaps)
              + ". These are the gaps the design leaves.", lang)


# ============================================================================ lesson 3
def _l3_q1() -> float:
    from ..designs import by_region, centralized

    return by_region(regions=3).headcount_total - centralized().headcount_total


def _l3_q1_why(lang: str) -> str:
    from ..designs import by_region, centralized

    c, r = centralized().headcount_total, by_region(regions=3).headcount_total
    return tr(f"按职能设部门 {c:g} 人,按 3 个区域分权后 {r:g} 人:多出 {r - c:g} 人,即每个区域新增的区域经理。"
              "分权让区域离市场更近,代价是更多管理岗位和重复职能。",
              f"Functional: {c:g} people; by region (3 regions): {r:g} — {r - c:g} more, one regional "
              "manager per region. Decentralizing brings regions closer to their market at the cost of more "
              "manager posts and duplicated functions.", lang)


def _l3_q2() -> int:
    return len(_coverage_gaps("meinian-5dept"))


def _l3_q2_why(lang: str) -> str:
    counts = {t: len(_coverage_gaps(t)) for t in ("meinian-3dept", "meinian-4dept", "meinian-5dept")}
    return tr(f"美年三个方案未覆盖的 4P/4C/4R 要素数:三部门 {counts['meinian-3dept']}、四部门 "
              f"{counts['meinian-4dept']}、五部门 {counts['meinian-5dept']}。每增加一个职能部门,覆盖更全,"
              "但集中式结构的负责人要协调的部门也更多。",
              f"Uncovered 4P/4C/4R elements in Meinian's designs: 3 departments {counts['meinian-3dept']}, "
              f"4 departments {counts['meinian-4dept']}, 5 departments {counts['meinian-5dept']}. Each added "
              "function covers more, but the head of a centralized structure has more departments to "
              "coordinate.", lang)


def _l3_q3() -> int:
    from ..analysis import spans_layers

    return int(spans_layers(_template("china-mobile-3tier")).summary["layers"])


def _l3_q3_why(lang: str) -> str:
    n = _l3_q3()
    return tr(f"中国移动在集团、省、市三级都建立了集团客户(企业客户)组织(种子 004),加上各级管理者,"
              f"共有 {n} 个管理层级:集团客户线垂直一体化,贴近企业客户,也带来更长的汇报链。",
              f"China Mobile built corporate-account (集团客户, enterprise customer) units at group headquarters, "
              f"province and city level (seed 004); with their managers the design has {n} layers: a vertically "
              "integrated corporate-account line brings service close to enterprise customers and a longer "
              "reporting chain.", lang)


# ============================================================================ lesson 4
_L4_N = 6
_L4_SPAN = 9
_L4_PEOPLE = 200


def _l4_q1() -> int:
    from ..analysis import graicunas

    return graicunas(_L4_N).total


def _l4_q1_why(lang: str) -> str:
    from ..analysis import graicunas

    g = graicunas(_L4_N)
    return tr(f"格拉丘纳斯公式 n(2^(n-1)+n-1):{g.direct_single} 个直接单一关系 + {g.cross} 个交叉关系 + "
              f"{g.direct_group} 个直接群体关系 = {g.total}。下属从 5 人增到 6 人,关系数从 "
              f"{graicunas(_L4_N - 1).total} 跳到 {g.total}。",
              f"Graicunas: n(2^(n-1)+n-1) = {g.direct_single} direct single + {g.cross} cross + "
              f"{g.direct_group} direct group = {g.total}. Going from 5 to 6 reports takes the count from "
              f"{graicunas(_L4_N - 1).total} to {g.total}.", lang)


def _archetype_aliases() -> dict[str, str]:
    from ..analysis import ARCHETYPES

    out: dict[str, str] = {}
    for k, a in ARCHETYPES.items():
        for n in (k, a.name, a.name_en, a.name_en.replace("/", " ")):
            out[_norm(n)] = k
    return out


def _archetype_label(key: str, lang: str) -> str:
    from ..analysis import ARCHETYPES

    a = ARCHETYPES.get(key)
    return key if a is None else tr(a.name, a.name_en, lang)


def _l4_q2() -> str:
    from ..analysis import ARCHETYPES

    return next(k for k, a in ARCHETYPES.items() if a.low <= _L4_SPAN <= a.high)


def _l4_q2_why(lang: str) -> str:
    from ..analysis import ARCHETYPES

    rng = "; ".join(f"{tr(a.name, a.name_en, lang)} {a.low:g}–{a.high:g}" for a in ARCHETYPES.values())
    key = _l4_q2()
    return tr(f"幅度 {_L4_SPAN} 落在「{_archetype_label(key, 'zh')}」的范围内。各类型:{rng}。",
              f"A span of {_L4_SPAN} falls in the {_archetype_label(key, 'en')} range. Archetypes: {rng}.", lang)


def span_tradeoff(people: int = _L4_PEOPLE, spans: Any = range(2, 16), *,
                  days_per_layer: float = 1.0) -> pd.DataFrame:
    """The span-of-control trade-off for a department of ``people``.

    For each span target, the bottom-heavy team of :func:`orglib.designs._layouts.team_levels`
    gives the layers; a decision escalated from the front line to the head and back
    travels ``2 × (layers − 1)`` steps (``× days_per_layer`` days: the latency); each
    manager handles Graicunas' relationships for that span (the load). Wider spans mean
    fewer layers and faster decisions but many more relationships per manager.

    Returns
    -------
    DataFrame
        span, layers, managers, latency_days, graicunas (per manager).

    Examples
    --------
    >>> t = span_tradeoff(200, [4, 10])
    >>> [(r.span, r.layers, r.latency_days, r.graicunas) for r in t.itertuples()]
    [(4, 5, 8.0, 44), (10, 4, 6.0, 5210)]
    """
    from ..analysis import graicunas
    from ..designs import team_levels

    if int(people) < 1:
        raise OrgInputError(f"people must be ≥ 1, got {people!r} / 人数须不小于 1")
    rows = []
    for s in spans:
        s = int(s)
        if s < 1:
            raise OrgInputError(f"span must be ≥ 1, got {s} / 管理幅度须不小于 1")
        levels = team_levels(int(people), s)
        rows.append({"span": s, "layers": len(levels), "managers": int(sum(levels[:-1])),
                     "latency_days": 2.0 * (len(levels) - 1) * float(days_per_layer),
                     "graicunas": graicunas(s).total})
    return pd.DataFrame(rows)


def _l4_q3() -> int:
    t = span_tradeoff(_L4_PEOPLE, [4, 10])
    return int(t["layers"].iloc[0] - t["layers"].iloc[1])


def _l4_q3_why(lang: str) -> str:
    recs = {r["span"]: {k: (int(v) if k != "latency_days" else float(v)) for k, v in r.items()}
            for r in span_tradeoff(_L4_PEOPLE, [4, 10]).to_dict("records")}
    a, b = recs[4], recs[10]
    return tr(f"{_L4_PEOPLE} 人的部门:幅度 4 需要 {a['layers']} 层(决策往返 {a['latency_days']:g} 天),"
              f"幅度 10 只需 {b['layers']} 层({b['latency_days']:g} 天),少 {a['layers'] - b['layers']} 层;"
              f"代价是每位管理者的格拉丘纳斯关系从 {a['graicunas']} 增加到 {b['graicunas']}。",
              f"For {_L4_PEOPLE} people: span 4 needs {a['layers']} layers (a decision's round trip "
              f"{a['latency_days']:g} days), span 10 only {b['layers']} ({b['latency_days']:g} days) — "
              f"{a['layers'] - b['layers']} fewer; the price is each manager's Graicunas relationships rising "
              f"from {a['graicunas']} to {b['graicunas']}.", lang)


# ============================================================================ lesson 5
def _l5_q1() -> str:
    from .._core import Org
    from ..analysis import principles

    org = Org.from_records([{"id": "m", "headcount": 1}, {"id": "e", "reports_to": "m", "headcount": 2}])
    pr = principles(org, lang="en")
    return str(pr.loc[pr["proxy"].str.startswith("layers"), "principle"].iloc[0])


def _l5_q1_why(lang: str) -> str:
    key = _l5_q1()
    return tr(f"管理层级衡量「{_cat_label(_principles_cat)(key, 'zh')}」:{_definition(_principles_cat(), key, 'zh')}"
              "层级越少,决策越快。",
              f"Layers measure {_cat_label(_principles_cat)(key, 'en')}: "
              f"{_definition(_principles_cat(), key, 'en')} Fewer layers, faster decisions.", lang)


def _kpi_frame() -> pd.DataFrame:
    from ..designs import kpis

    return kpis()


def _l5_q2() -> int:
    return int(sum(not (e or []) for e in _kpi_frame()["elements"]))


def _l5_q2_why(lang: str) -> str:
    k = _kpi_frame()
    none = k[[not (e or []) for e in k["elements"]]]
    return tr(f"{len(k)} 项考核指标中有 {len(none)} 项不对应任何 4P/4C/4R 要素:"
              + "、".join(none["zh"]) + "。它们考核行为和能力,而不是营销组合的结果。",
              f"{len(none)} of the {len(k)} KPIs measure no 4P/4C/4R element: " + ", ".join(none["en"])
              + ". They measure conduct and capability rather than a marketing-mix result.", lang)


_L5_TEMPLATE = "china-mobile-3tier"


@lru_cache(maxsize=4)
def _l5_q3() -> frozenset[str]:
    from ..analysis import principles

    pr = principles(_template(_L5_TEMPLATE), lang="en")
    warn = pr.loc[pr["status"] == "warn", "principle"].tolist()
    return frozenset(warn) if warn else frozenset({"none"})


def _l5_q3_why(lang: str) -> str:
    from ..analysis import principles

    pr = principles(_template(_L5_TEMPLATE), lang=lang)
    lines = [f"{r['name']}: {r['status']} ({r['proxy']}; {tr('数值', 'value', lang)} "
             f"{r['value'] if not isinstance(r['value'], float) else round(r['value'], 2)})"
             for r in pr.to_dict("records")]
    return tr("中国移动三级体系的原则检查:", "China Mobile's three-tier design against the principles: ",
              lang) + "; ".join(lines)


# ============================================================================ registry
def _ex(lesson: int, key: str, zh: str, en: str, solve: Callable[[], Any], kind: str,
        why: Callable[[str], str], aliases: Callable[[], dict[str, str]] | None = None,
        label: Callable[[str, str], str] | None = None) -> Exercise:
    return Exercise(lesson, key, zh, en, solve, kind, why, aliases, label)


EXERCISES: dict[tuple[int, str], Exercise] = {(e.lesson, e.key): e for e in (
    _ex(1, "q1", f"导入期的「{_L1_Q1_ITEM}」属于市场部四大职能中的哪一个?(情报/参谋/监管/公关)",
        "At the introduction stage, 'research and analyse the market' belongs to which of the four roles? "
        "(intelligence / advisory / oversight / public relations)",
        _l1_q1, "choice", _l1_q1_why, _role_aliases, _cat_label(_roles)),
    _ex(1, "q2", f"「{_L1_Q2_ITEM}」是产品哪个阶段市场部的工作重点?(导入期/成长期/成熟期)",
        "'Coordinate production and sales' is a focus at which product stage? (introduction / growth / maturity)",
        _l1_q2, "choice", _l1_q2_why, _stage_aliases, _cat_label(_lifecycle)),
    _ex(1, "q3", "成熟期的工作重点中,有几项属于公关职能?",
        "How many of the maturity stage's focus items belong to the public-relations role?",
        _l1_q3, "number", _l1_q3_why),
    _ex(2, "q1", "4C 中的「成本」是从消费者角度重新审视 4P 中的哪个要素?",
        "4C's 'Cost' re-examines which 4P element from the customer's side?",
        _l2_q1, "choice", _l2_q1_why, _mix_aliases, _cat_label(_mix)),
    _ex(2, "q2", "4R 是否取代了 4P 和 4C?(是/否)", "Does 4R replace 4P and 4C? (yes / no)",
        _l2_q2, "yesno", _l2_q2_why),
    _ex(2, "q3", "多彩科技现状设计(duocai-asis)的岗位职责没有覆盖 4P/4C/4R 的几个要素?",
        "How many 4P/4C/4R elements do the duties of Duocai's as-is design (duocai-asis) leave uncovered?",
        _l2_q3, "number", _l2_q3_why),
    _ex(3, "q1", "六个默认职能、幅度目标 8:按 3 个区域分权的变体布局比按职能设部门的布局多几人?",
        "Six default functions, span target 8: how many more people does the by-region variant (3 regions) "
        "need than the functional layout?",
        _l3_q1, "number", _l3_q1_why),
    _ex(3, "q2", "美年五部门方案(meinian-5dept)还有几个 4P/4C/4R 要素没有覆盖?",
        "How many 4P/4C/4R elements does Meinian's five-department design (meinian-5dept) still leave uncovered?",
        _l3_q2, "number", _l3_q2_why),
    _ex(3, "q3", "中国移动三级营销体系(china-mobile-3tier)有几个管理层级?",
        "How many layers does China Mobile's three-tier marketing system (china-mobile-3tier) have?",
        _l3_q3, "number", _l3_q3_why),
    _ex(4, "q1", f"按格拉丘纳斯公式,一位管理者有 {_L4_N} 名直接下级时共有多少种关系?",
        f"By Graicunas' formula, how many relationships does a manager with {_L4_N} direct reports have?",
        _l4_q1, "number", _l4_q1_why),
    _ex(4, "q2", f"管理幅度为 {_L4_SPAN} 时,最适合哪种管理者类型?(球员兼教练/教练/监督者/促进者/协调者)",
        f"Which manager archetype suits a span of {_L4_SPAN}? "
        "(player/coach, coach, supervisor, facilitator, coordinator)",
        _l4_q2, "choice", _l4_q2_why, _archetype_aliases, _archetype_label),
    _ex(4, "q3", f"{_L4_PEOPLE} 人的部门,幅度目标从 4 提高到 10,管理层级减少几层?",
        f"For a {_L4_PEOPLE}-person department, raising the span target from 4 to 10 removes how many layers?",
        _l4_q3, "number", _l4_q3_why),
    _ex(5, "q1", "「管理层级」这一指标衡量的是哪条设计原则?(协调性/清晰责任/信息畅通/灵活性/效率)",
        "The measure 'layers' tests which design principle? "
        "(coordination / clear responsibility / information flow / flexibility / efficiency)",
        _l5_q1, "choice", _l5_q1_why, _principle_aliases, _cat_label(_principles_cat)),
    _ex(5, "q2", "市场部 15 项考核指标中,有几项不对应任何 4P/4C/4R 要素?",
        "Of the department's 15 KPIs, how many measure no 4P/4C/4R element?",
        _l5_q2, "number", _l5_q2_why),
    _ex(5, "q3", "中国移动三级体系(china-mobile-3tier)在哪些设计原则上亮起警告?(可填多个,用逗号分隔)",
        "On which design principles does China Mobile's three-tier design (china-mobile-3tier) warn? "
        "(several allowed, comma-separated)",
        _l5_q3, "set", _l5_q3_why, _principle_aliases, _cat_label(_principles_cat)),
)}
"""Every exercise by (lesson, question)."""


def exercises(lesson: int) -> list[str]:
    """Question keys of a lesson.

    >>> exercises(5)
    ['q1', 'q2', 'q3']
    """
    keys = [k for (le, k) in EXERCISES if le == int(lesson)]
    if not keys:
        raise OrgInputError(f"no lesson {lesson!r}: use 1–5 / 没有第 {lesson!r} 课:请用 1–5")
    return keys


def _get(lesson: int, question: str) -> Exercise:
    try:
        key = (int(lesson), str(question).strip().lower())
    except (TypeError, ValueError):
        key = (-1, "")
    if key not in EXERCISES:
        raise OrgInputError(f"no exercise {question!r} in lesson {lesson!r} / 第 {lesson!r} 课没有练习 {question!r}")
    return EXERCISES[key]


def prompt(lesson: int, question: str, lang: str = "zh") -> str:
    """The question text.

    >>> prompt(4, "q1", "en")
    "By Graicunas' formula, how many relationships does a manager with 6 direct reports have?"
    """
    ex = _get(lesson, question)
    return tr(ex.prompt_zh, ex.prompt_en, check_lang(lang))


def _show(ex: Exercise, value: Any, lang: str) -> str:
    if ex.kind == "number":
        return f"{float(value):g}"
    if ex.kind == "yesno":
        return tr("是", "yes", lang) if value else tr("否", "no", lang)
    if ex.kind == "set":
        return ", ".join(sorted(ex.label(v, lang) if ex.label else v for v in value))
    return ex.label(value, lang) if ex.label else str(value)


def answer(lesson: int, question: str, lang: str = "zh") -> str:
    """The right answer as text (computed).

    >>> answer(1, "q2", "en")
    'Growth'
    """
    ex = _get(lesson, question)
    return _show(ex, ex.solve(), check_lang(lang))


def check_exercise(lesson: int, question: str, answer: Any, lang: str = "zh") -> Feedback:
    """Check a student's answer; right and wrong answers both get an explanation.

    Parameters
    ----------
    lesson : int
        1–5.
    question : str
        ``"q1"``, ``"q2"`` …
    answer : str or number
        What the student typed: a number, a name in zh or en, yes/no (是/否), or a
        comma-separated list where several answers are asked for.
    lang : {"zh", "en"}

    Returns
    -------
    Feedback

    Examples
    --------
    >>> check_exercise(1, "q1", "情报", "zh").correct
    True
    >>> fb = check_exercise(1, "q1", "公关", "en")
    >>> fb.correct, fb.explanation.startswith("Not quite")
    (False, True)
    >>> check_exercise(2, "q2", "否", "zh").correct
    True
    """
    check_lang(lang)
    ex = _get(lesson, question)
    right = ex.solve()
    shown = _show(ex, right, lang)
    raw = "" if answer is None else str(answer).strip()
    why = ex.why(lang)
    if not raw:
        return Feedback(False, tr(f"请先填写答案。提示:{ex.prompt_zh}", f"Type an answer first. {ex.prompt_en}",
                                  lang), shown)
    ok: bool | None
    unknown = ""
    if ex.kind == "number":
        got = _number(raw)
        ok = None if got is None else math.isclose(got, float(right), rel_tol=0, abs_tol=max(ex.tolerance, 1e-9))
        if got is None:
            unknown = tr(f"「{raw}」不是数字", f"{raw!r} is not a number", lang)
    elif ex.kind == "yesno":
        got_b = _yesno(raw)
        ok = None if got_b is None else (got_b == bool(right))
        if got_b is None:
            unknown = tr(f"请回答「是」或「否」,而不是「{raw}」", f"answer yes or no, not {raw!r}", lang)
    elif ex.kind == "choice":
        table = ex.aliases() if ex.aliases else {}
        key = table.get(_norm(raw))
        ok = None if key is None else key == right
        if key is None:
            unknown = tr(f"不认识「{raw}」", f"{raw!r} is not one of the choices", lang)
    else:  # set
        table = ex.aliases() if ex.aliases else {}
        parts = [p for p in re.split(r"[,,、;;/]|\band\b|和", raw) if _norm(p)]
        keys = {table.get(_norm(p)) for p in parts}
        if None in keys or not keys:
            bad = [p.strip() for p in parts if table.get(_norm(p)) is None]
            ok = None
            unknown = tr(f"不认识:{'、'.join(bad) or raw}", f"not recognised: {', '.join(bad) or raw}", lang)
        else:
            ok = keys == set(right)
    if ok:
        return Feedback(True, tr(f"正确:{shown}。{why}", f"Correct: {shown}. {why}", lang), shown)
    if ok is None:
        return Feedback(False, tr(f"无法判断:{unknown}。正确答案是 {shown}。{why}",
                                  f"Cannot check: {unknown}. The answer is {shown}. {why}", lang), shown)
    return Feedback(False, tr(f"不对:你的答案是「{raw}」,正确答案是 {shown}。{why}",
                              f"Not quite: you answered {raw!r}; the answer is {shown}. {why}", lang), shown)


def feedback_html(fb: Feedback) -> str:
    """Feedback as escaped HTML (green for right, red for wrong).

    >>> "&lt;" in feedback_html(Feedback(False, "<x>"))
    True
    """
    color, mark = ("#1b6e2a", "✓") if fb.correct else ("#b00020", "✗")
    cls = "orglib-correct" if fb.correct else "orglib-wrong"
    return (f'<div class="{cls}" style="color:{color}"><b>{mark}</b> '
            f"{html.escape(fb.explanation)}</div>")


def exercise_widget(lesson: int, question: str, lang: str = "zh"):
    """An exercise as a widget: the question, an answer box, a Check button and feedback.

    The box has CSS class ``orglib-exercise``; its parts ``orglib-exercise-input``,
    ``orglib-exercise-check`` and ``orglib-exercise-feedback``. ``box.check(answer)``
    checks from code (and shows the feedback), returning the :class:`Feedback`.

    Examples
    --------
    >>> box = exercise_widget(4, "q2", "en")
    >>> box.check("supervisor").correct
    True
    >>> "✓" in box.children[2].value
    True
    """
    import ipywidgets as w

    check_lang(lang)
    ex = _get(lesson, question)
    title = html.escape(tr(f"练习 {ex.lesson}.{ex.key[1:]}", f"Exercise {ex.lesson}.{ex.key[1:]}", lang))
    head = w.HTML(f"<b>{title}</b> {html.escape(prompt(lesson, question, lang))}")
    text = w.Text(placeholder=tr("在此输入答案", "your answer", lang), layout=w.Layout(width="320px"))
    text.add_class("orglib-exercise-input")
    button = w.Button(description=tr("检查", "Check", lang), button_style="primary")
    button.add_class("orglib-exercise-check")
    out = w.HTML()
    out.add_class("orglib-exercise-feedback")
    box = w.VBox([head, w.HBox([text, button]), out])
    box.add_class("orglib-exercise")

    def check(value: Any = None) -> Feedback:
        fb = check_exercise(lesson, question, text.value if value is None else value, lang)
        out.value = feedback_html(fb)
        return fb

    button.on_click(lambda _b: check())
    box.check = check
    return box
