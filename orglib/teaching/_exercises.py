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
['q1', 'q2', 'q3', 'q4', 'q5']
"""

from __future__ import annotations

import html
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import pandas as pd

from .._core import OrgInputError, check_lang, tr
from ._structure import recommend_structure

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
    hint: Callable[[str], str] | None = None
    """A nudge after a first wrong answer (never the answer itself), in a language."""
    reasoning: bool = False
    """True for questions that make students predict, compare or explain (not look up)."""


LESSONS: dict[int, tuple[str, str]] = {
    1: ("市场部是做什么的:四大职能与产品阶段", "What a marketing department is for: four roles and product stages"),
    2: ("从 4P 到 4C 再到 4R", "From 4P to 4C to 4R"),
    3: ("集中式与分权式", "Centralized vs decentralized"),
    4: ("管理幅度", "Span of control"),
    5: ("设计原则与考核指标", "Design principles and KPIs"),
    6: ("审批流程:审批链、交接与周期", "Workflows: approval chains, hand-offs and cycle time"),
    7: ("综合设计:为一家公司设计市场部", "Capstone: design a marketing department for a company"),
}


# ============================================================================ normalizing
_PUNCT = r"[\s\-_/·.,,。、;;:()()\"'“”‘’!!??「」『』《》【】]+"


def _nfkc(text: Any) -> str:
    """Full-width forms (,;:()!) → ASCII, lower case, trimmed."""
    return unicodedata.normalize("NFKC", str(text if text is not None else "")).strip().lower()


def _norm(text: Any) -> str:
    return re.sub(_PUNCT, "", _nfkc(text))


_EN_UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
             "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
             "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
_EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
            "eighty": 80, "ninety": 90}
_ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}
_ZH_MULT = {"十": 10, "百": 100, "千": 1000, "万": 10000}
_ZH_NUM = re.compile(r"[零〇一二两三四五六七八九十百千万]+")
_EN_NUM = re.compile(r"\b(?:(?:" + "|".join([*_EN_UNITS, *_EN_TENS, "hundred", "thousand", "and"])
                     + r")[\s-]*)+\b")
# words that may stand around a number without changing it (units, "in all", "答案是" ...)
_NUMBER_FILLER = re.compile(
    r"^(?:答案是|答案|一共有|一共|总共|共有|共|有|约为)?(?:项|个|层|级|人|名|条|种|天|次|位|个要素|项指标|"
    r"个管理层级|层级|种关系|个关系|(?:the)?answeris|answer|intotal|inall|total|people|persons|person|"
    r"layers|layer|levels|level|items|item|elements|element|kpis|kpi|days|day|relationships|"
    r"relations|posts|managers|steps)*$")


def _zh_number(word: str) -> int | None:
    total, section, digit = 0, 0, None
    for ch in word:
        if ch in _ZH_DIGITS:
            if digit is not None:  # 二二: not a number word
                return None
            digit = _ZH_DIGITS[ch]
        elif ch in _ZH_MULT:
            m = _ZH_MULT[ch]
            if m == 10000:
                total = (total + section + (digit or 0)) * m
                section = 0
            else:
                section += (1 if digit is None else digit) * m
            digit = None
        else:  # pragma: no cover - the regex only matches number characters
            return None
    return total + section + (digit or 0)


def _en_number(phrase: str) -> int | None:
    words = [w for w in re.split(r"[\s-]+", phrase.strip()) if w and w != "and"]
    if not words:
        return None
    total, current = 0, 0
    for w in words:
        if w in _EN_UNITS:
            current += _EN_UNITS[w]
        elif w in _EN_TENS:
            current += _EN_TENS[w]
        elif w == "hundred":
            current = max(current, 1) * 100
        elif w == "thousand":
            total += max(current, 1) * 1000
            current = 0
    return total + current


def _number(text: Any) -> float | None:
    """The one number a student typed — digits or number words (two, 四, 两项, 二十二) — or None.

    None when there is no number, more than one (``3 or 4``, ``2-3``), or words around it
    that could change its meaning (``not 3``, ``不是 3``).

    >>> [_number(x) for x in ["222", "两项", "twenty-two", "共 3 层", "3 or 4", "不是3", "1,000"]]
    [222.0, 2.0, 22.0, 3.0, None, None, 1000.0]
    """
    s = _nfkc(text)
    s = re.sub(r"(?<=\d),(?=\d{3}\b)", "", s)
    found: list[float] = []

    def take(value: float | None) -> str:
        found.append(math.nan if value is None else float(value))
        return " "

    s = re.sub(r"[-+]?\d+(?:\.\d+)?", lambda m: take(float(m.group(0))), s)
    s = _EN_NUM.sub(lambda m: take(_en_number(m.group(0))) if m.group(0).strip(" -") not in ("and", "")
                    else m.group(0), s)
    s = _ZH_NUM.sub(lambda m: take(_zh_number(m.group(0))), s)
    if len(found) != 1 or math.isnan(found[0]):
        return None
    return found[0] if _NUMBER_FILLER.match(_norm(s)) else None


_YES = {"yes", "y", "yep", "yeah", "true", "correct", "是", "是的", "对", "对的", "会", "能", "正确", "取代",
        "replaces", "itreplaces", "yesitdoes", "yesitreplacesthem", "是取代了", "取代了"}
_NO = {"no", "n", "nope", "false", "否", "不", "不是", "不会", "不能", "错", "不对", "没有", "不取代", "没有取代",
       "未取代", "doesnotreplace", "doesntreplace", "itdoesnotreplace", "itdoesntreplace", "notreplace",
       "noitdoesnot", "noitdoesnt", "noitbuildsonthem", "不是取代", "不是取代关系"}
# answers that start like "no"/"不" but do not say no
_NOT_AN_ANSWER = re.compile(r"^(不知道|不确定|不清楚|不一定|不好说|不晓得|没想好|none|nothing|notsure|nosure|"
                            r"noidea|nonsense|dontknow|donotknow|idontknow|idk|unsure|maybe|可能|也许)")


def _yesno(text: Any) -> bool | None:
    """Yes (True), no (False) or not a yes/no answer (None). Never a prefix guess.

    >>> [_yesno(x) for x in ["否", "No.", "不是!", "no, it builds on them", "不知道", "not sure", "none"]]
    [False, False, False, False, None, None, None]
    """
    s = _norm(text)
    if not s or _NOT_AN_ANSWER.match(s):
        return None
    if s in _NO:
        return False
    if s in _YES:
        return True
    # "no, it builds on them" / "不,在其基础上发展": a clear no word, then a separator, then a reason
    raw = _nfkc(text)
    m = re.match(r"^\s*(no|nope|否|不|不是|不会|没有)\s*[,;:.!,;:。!\s]\s*\S", raw)
    if m:
        return False
    m = re.match(r"^\s*(yes|是|是的|对)\s*[,;:.!,;:。!\s]\s*\S", raw)
    if m:
        return True
    return None


# suffixes a student may add to a name: 成长期, 情报职能, "growth stage", "the advisory role"
_SUFFIXES = ("职能", "机构", "部门", "阶段", "原则", "要素", "类型", "stage", "role", "function", "principle",
             "element", "type", "phase")
_PREFIXES = ("the", "a", "an")


def _choice_key(text: Any, table: dict[str, str]) -> str | None:
    s = _norm(text)
    if s in table:
        return table[s]
    changed = True
    while changed and s:
        changed = False
        for pre in _PREFIXES:
            if s.startswith(pre) and s[len(pre):] in table:
                return table[s[len(pre):]]
        for suf in _SUFFIXES:
            if s.endswith(suf) and len(s) > len(suf):
                s = s[: -len(suf)]
                changed = True
                if s in table:
                    return table[s]
    return table.get(s)


def _alias_table(df: pd.DataFrame, strip: tuple[str, ...] = ()) -> dict[str, str]:
    """Normalized name → id, from ids, zh/en names, parenthesised parts, ``alias_zh``/``alias_en``
    and ``aliases`` (catalogue synonyms). A name two entries share is dropped (never a guess)."""
    out: dict[str, str] = {}
    clash: set[str] = set()
    for rec in df.to_dict("records"):
        key = str(rec["id"])
        names = {key, key.split(".")[-1], str(rec.get("zh", "")), str(rec.get("en", ""))}
        for extra in ("alias_zh", "alias_en"):
            if isinstance(rec.get(extra), str):
                names.add(rec[extra])
        if isinstance(rec.get("aliases"), list):
            names.update(str(a) for a in rec["aliases"])
        for n in list(names):
            n = unicodedata.normalize("NFKC", n)
            names.add(n)
            for suf in strip:
                if n.endswith(suf) and len(n) > len(suf):
                    names.add(n[: -len(suf)])
            names.add(re.sub(r"\(.*?\)", "", n))
            names.update(re.findall(r"\((.*?)\)", n))
        for n in names:
            k = _norm(n)
            if not k:
                continue
            if k in out and out[k] != key:
                clash.add(k)
            out.setdefault(k, key)
    return {k: v for k, v in out.items() if k not in clash}


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
    words = {"builds_on": ("在其基础上发展", "building on them"), "reorients": ("重新审视", "re-examining them"),
             "replaces": ("取代", "replacing them"), "combine": ("相互结合", "combining with them")}
    said = [tr(*words.get(k, (k, k)), lang) for k in kinds]
    head = tr(f"种子中 4R 与 4P、4C 的关系是{'、'.join(said)},不是取代:",
              f"In the seed 4R relates to 4P and 4C by {', '.join(said)}, not by replacing them: ", lang)
    texts = [str(x).rstrip("。.") for x in lines["zh" if lang == "zh" else "en"]]
    return head + ("；".join(texts) + "。" if lang == "zh" else "; ".join(texts) + ".")


_L2_TEMPLATE = "duocai-asis"


def _coverage_gaps(tid: str) -> list[str]:
    from ..analysis import FOUR_ROLES, coverage

    cov = coverage(_template(tid))
    mix = cov[~cov["tag"].isin(FOUR_ROLES)]
    return mix.loc[~mix["covered"], "tag"].tolist()


def element_coverage(org) -> pd.Series:
    """Whether each of the twelve 4P/4C/4R elements is owned by some unit of ``org`` (tag → bool).

    >>> from orglib.designs import template
    >>> int((~element_coverage(template("duocai-asis"))).sum())
    7
    """
    from ..analysis import FOUR_ROLES, coverage

    cov = coverage(org)
    return cov[~cov["tag"].isin(FOUR_ROLES)].set_index("tag")["covered"]


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

    def band(a) -> str:
        if math.isinf(a.high):
            return tr(f"{a.low:g} 人以上", f"{a.low:g} or more", lang)
        return f"{a.low:g}–{a.high:g}"

    rng = "; ".join(f"{tr(a.name, a.name_en, lang)} {band(a)}" for a in ARCHETYPES.values())
    key = _l4_q2()
    return tr(f"幅度 {_L4_SPAN} 落在「{_archetype_label(key, 'zh')}」的范围内。各类型:{rng}。",
              f"A span of {_L4_SPAN} falls in the {_archetype_label(key, 'en')} range. Archetypes: {rng}.", lang) + tr(
        "(这是管理实践中的常见经验划分,不出自种子文档。)",
        " (A common-practice rule of thumb, not from the seed documents.)", lang)


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
    status = {"ok": tr("通过", "passes", lang), "warn": tr("警告", "warning", lang),
              "n/a": tr("无法衡量", "not measurable", lang)}
    lines = [f"{r['name']}: {status.get(r['status'], r['status'])} ({r['proxy']}; {tr('数值', 'value', lang)} "
             f"{r['value'] if not isinstance(r['value'], float) else round(r['value'], 2)})"
             for r in pr.to_dict("records")]
    return tr("中国移动三级体系的原则检查:", "China Mobile's three-tier design against the principles: ",
              lang) + "; ".join(lines)



# ============================================================================ reasoning questions
def _l1_q4() -> str:
    from ..analysis import FOUR_ROLES, coverage

    cov = coverage(_template("sales-system-vacancies")).set_index("tag").loc[list(FOUR_ROLES)]
    gaps = cov.index[~cov["covered"]].tolist()
    return gaps[0]


def _l1_q4_why(lang: str) -> str:
    key = _l1_q4()
    return tr(f"市场部空缺时,没有岗位负责「{_cat_label(_roles)(key, 'zh')}」:{_definition(_roles(), key, 'zh')}"
              "销售人员忙于成交,这部分工作最容易无人承担。",
              f"With the marketing department vacant no post owns {_cat_label(_roles)(key, 'en')}: "
              f"{_definition(_roles(), key, 'en')} Sales staff are busy closing deals, so this work is the first "
              "to go undone.", lang)


def _pr_by_stage() -> dict[str, int]:
    return {st["id"]: sum("role.pr" in (f.get("roles") or []) for f in st["focus"])
            for st in _lifecycle().to_dict("records")}


def _l1_q5() -> str:
    counts = _pr_by_stage()
    return max(counts, key=counts.get)


def _l1_q5_why(lang: str) -> str:
    counts = _pr_by_stage()
    label = _cat_label(_lifecycle)
    parts = [f"{label(k, lang)} {v}" for k, v in counts.items()]
    return tr("各阶段属于公关职能的重点条数:" + "、".join(parts) + "。产品成熟、竞争加剧时,品牌与广告成为重点。",
              "Public-relations focus items per stage: " + ", ".join(parts) + ". When the product matures and "
              "competition sharpens, brand and advertising take over.", lang)


def _mix_covered(tid: str) -> int:
    return 12 - len(_coverage_gaps(tid))


def _l2_q4() -> int:
    return _mix_covered("duocai-tobe") - _mix_covered("duocai-asis")


def _l2_q4_why(lang: str) -> str:
    a, b = _mix_covered("duocai-asis"), _mix_covered("duocai-tobe")
    return tr(f"现状覆盖 {a} 个要素,改进方案(本课设计)覆盖 {b} 个:多 {b - a} 个。人数同为 11 人,"
              "差别来自职责的重新分配,而不是加人。",
              f"The as-is covers {a} elements, the to-be (our design) {b}: {b - a} more, with the same 11 people — "
              "the difference comes from regrouping duties, not from hiring.", lang)


_L3_MORE_REGIONS = 5


def _l3_q4() -> str:
    return recommend_structure("maturity", 2000).structure


def _structure_aliases() -> dict[str, str]:
    return {_norm(k): v for k, v in {
        "集中式": "centralized", "集中": "centralized", "centralized": "centralized", "centralised": "centralized",
        "分权式": "decentralized", "分权": "decentralized", "decentralized": "decentralized",
        "decentralised": "decentralized"}.items()}


def _structure_label(key: str, lang: str) -> str:
    return {"centralized": tr("集中式", "centralized", lang),
            "decentralized": tr("分权式", "decentralized", lang)}.get(key, key)


def _l3_q4_why(lang: str) -> str:
    return recommend_structure("maturity", 2000).reason(lang)


def _l3_q5() -> float:
    from ..designs import by_region

    return by_region(regions=_L3_MORE_REGIONS).headcount_total - by_region(regions=3).headcount_total


def _l3_q5_why(lang: str) -> str:
    n = _l3_q5()
    return tr(f"从 3 个区域增加到 {_L3_MORE_REGIONS} 个,按区域分权的变体多 {n:g} 人:每个新区域要一名区域经理。"
              "区域越多,管理成本越高 —— 这就是按区域分权的代价。",
              f"Going from 3 to {_L3_MORE_REGIONS} regions adds {n:g} people to the by-region variant: each new "
              "region needs a regional manager. More regions, more management cost — the price of splitting by "
              "region.", lang)


def _queue() -> pd.DataFrame:
    from ..sim import latency_sweep

    return latency_sweep(_L4_PEOPLE, spans=range(2, 16))


def _l4_q4() -> int:
    q = _queue()
    return int(q.loc[q["mean_latency"].idxmin(), "span"])


def _l4_q4_why(lang: str) -> str:
    q = _queue()
    best = _l4_q4()
    over = [int(x) for x in q.loc[~q["mean_latency"].apply(math.isfinite), "span"]]
    tail = (tr(f"幅度 {over[0]} 起经理的请求多于他能处理的(过载区),等待无限增长。",
               f"From span {over[0]} a manager gets more requests than they can handle (the overload region) and "
               "waits grow without bound.", lang) if over else "")
    return tr(f"排队模型中 {_L4_PEOPLE} 人的部门在幅度 {best} 时平均决策时延最短:幅度太窄,层级多、升级次数多;"
              f"幅度太宽,每位经理的排队变长。", f"In the queueing model a {_L4_PEOPLE}-person department decides "
              f"fastest at span {best}: too narrow means many layers and escalations, too wide long queues at each "
              "manager. ", lang) + tail


def _l4_q5() -> int:
    t = span_tradeoff(_L4_PEOPLE, range(2, 31))
    return int(t.loc[t["layers"] <= 3, "span"].min())


def _l4_q5_why(lang: str) -> str:
    n = _l4_q5()
    from ..analysis import graicunas

    return tr(f"幅度目标至少要 {n},{_L4_PEOPLE} 人的部门才能压到 3 层;那时每位管理者要处理 {graicunas(n).total} 种"
              "格拉丘纳斯关系 —— 少一层的代价。",
              f"The span target must reach {n} before a {_L4_PEOPLE}-person department fits in 3 layers; each "
              f"manager then has {graicunas(n).total} Graicunas relationships — the price of one layer less.", lang)


def _failed(tid: str) -> frozenset[str]:
    from ..analysis import principles

    pr = principles(_template(tid), lang="en")
    warn = pr.loc[pr["status"] == "warn", "principle"].tolist()
    return frozenset(warn) if warn else frozenset({"none"})


def _l5_q4() -> frozenset[str]:
    return _failed("duocai-asis")


def _l5_q4_why(lang: str) -> str:
    from ..analysis import peer_authority

    peers = peer_authority(_template("duocai-asis"))
    return tr(f"多彩现状有 {len(peers)} 条同级之间的领导关系(种子 000 批评的大区推广经理「相互领导」,原文称大区市场专员),"
              f"{peers['to'].nunique()} 个岗位既听经理的又听同级的:谁对结果负责说不清,清晰责任原则失败。",
              f"Duocai's as-is has {len(peers)} peer authority links (the seed's regional managers who lead one "
              f"another); {peers['to'].nunique()} posts take orders from a peer as well as from the manager: nobody "
              "can say who answers for a result, so clear responsibility fails.", lang)


def _l5_q5() -> int:
    from ..analysis import peer_authority

    return int(peer_authority(_template("duocai-asis"))["to"].nunique()
               - peer_authority(_template("duocai-tobe"))["to"].nunique())


def _l5_q5_why(lang: str) -> str:
    n = _l5_q5()
    return tr(f"改进方案(本课设计)取消了同级之间的领导关系:同时听命于同级与上级的岗位减少 {n} 个,"
              "每位主管只对经理负责、只领导自己的团队。",
              f"The to-be (our design) drops peer authority: {n} fewer posts take orders from a peer; each lead "
              "answers to the manager and leads only their own team.", lang)



# ============================================================================ lessons 6 and 7
def _wf_metrics() -> pd.DataFrame:
    from ..analysis import workflow_metrics
    from ._workflow_lesson import SOURCE_TEMPLATE, WORKFLOWS

    return workflow_metrics(_template(SOURCE_TEMPLATE), list(WORKFLOWS))


def _l6_q1() -> int:
    m = _wf_metrics().set_index("workflow")
    return int(m.loc["SC-001", "approvals"])


def _l6_q1_why(lang: str) -> str:
    m = _wf_metrics().set_index("workflow")
    return tr(f"SC-001 共 {int(m.loc['SC-001', 'steps'])} 步,其中 {_l6_q1()} 步是审批或会签:从市场总监审核,"
              "到事业部经理批预算、总经理签字,再到市场总监、技术总监、总经理和区域经理共同签准。",
              f"SC-001 has {int(m.loc['SC-001', 'steps'])} steps, {_l6_q1()} of them approvals or sign-offs: the "
              "marketing director's review, the business-unit manager's budget approval, the general manager's "
              "signature and the joint sign-off.", lang)


def _workflow_aliases() -> dict[str, str]:
    from ._workflow_lesson import WORKFLOWS

    m = _wf_metrics().set_index("workflow")
    out = {}
    for w in WORKFLOWS:
        for n in (w, w.replace("-", ""), w.split("-")[-1], m.loc[w, "name"], m.loc[w, "name_en"],
                  f"{w} {m.loc[w, 'name']}", f"{w} {m.loc[w, 'name_en']}"):
            out[_norm(n)] = w
    return out


def _workflow_label(key: str, lang: str) -> str:
    m = _wf_metrics().set_index("workflow")
    return f"{key} {m.loc[key, 'name'] if lang == 'zh' else m.loc[key, 'name_en']}" if key in m.index else key


def _l6_q2() -> str:
    m = _wf_metrics()
    return str(m.loc[m["longest_approval_chain"].idxmax(), "workflow"])


def _l6_q2_why(lang: str) -> str:
    m = _wf_metrics()
    parts = [f"{w} {int(v)}" for w, v in zip(m["workflow"], m["longest_approval_chain"], strict=True)]
    return tr("各流程最长的连续审批链:" + "、".join(parts) + "。年度、月度和重大调研计划要层层签字,链条最长。",
              "Longest run of approvals per workflow: " + ", ".join(parts) + ". Annual, monthly and major research "
              "plans are signed off level after level.", lang)


def _l6_q3() -> int:
    from ._workflow_lesson import structure_effect

    e = structure_effect("SC-002")
    return int(e.loc["handoffs", "decentralized"]) - int(e.loc["handoffs", "centralized"])


def _l6_q3_why(lang: str) -> str:
    from ._workflow_lesson import structure_effect

    e = structure_effect("SC-002")
    c, d = int(e.loc["handoffs", "centralized"]), int(e.loc["handoffs", "decentralized"])
    return tr(f"集中式中调研在一个部门内完成,交接 {c} 次;分权式里问卷在策划部、调研在销售支持部、报告回到策划部、"
              f"再到经理,交接 {d} 次:多 {d - c} 次。子部门越专业,跨部门交接越多(岗位对应是本课设计)。",
              f"In the centralized model the research stays in one department ({c} hand-offs); in the decentralized "
              f"one the paper moves between the planning and sales-support sub-departments and the manager ({d}): "
              f"{d - c} more. Specialised sub-departments mean more hand-offs (the post mapping is our design).", lang)


def _l6_q4() -> str:
    from ._workflow_lesson import structure_effect

    e = structure_effect("SC-004")
    return "centralized" if float(e.loc["cycle_days", "centralized"]) < float(e.loc["cycle_days", "decentralized"]) \
        else "decentralized"


def _l6_q4_why(lang: str) -> str:
    from ._workflow_lesson import structure_effect

    e = structure_effect("SC-004")
    c, d = float(e.loc["cycle_days", "centralized"]), float(e.loc["cycle_days", "decentralized"])
    return tr(f"SC-004 在集中式中需 {c:g} 天,在分权式中需 {d:g} 天:每次跨部门交接多花半天。"
              "集中式决策快,正是种子 000 推荐给初创期和中小企业的理由。",
              f"SC-004 takes {c:g} days centralized and {d:g} decentralized: each hand-off between sub-departments "
              "adds half a day. Fast decisions are why seed 000 recommends centralizing for start-ups and SMEs.", lang)


_L7_CASE = "growth-400"


def _l7_q1() -> str:
    from ._capstone import case

    c = case(_L7_CASE)
    return recommend_structure(c.stage, c.employees).structure


def _l7_q1_why(lang: str) -> str:
    from ._capstone import case

    c = case(_L7_CASE)
    return recommend_structure(c.stage, c.employees).reason(lang)


def _l7_q2() -> float:
    from ._capstone import score_design

    return float(score_design(_template("centralized-sme"), _L7_CASE, lang="en")["points"].sum())


def _l7_q2_why(lang: str) -> str:
    from ._capstone import score_design

    s = score_design(_template("centralized-sme"), _L7_CASE, lang=lang)
    parts = [f"{r['name']} {r['points']:g}/{r['max_points']:g}" for r in s.to_dict("records")]
    lost = "、".join(s.loc[s["points"] < s["max_points"], "name"]) if lang == "zh" else \
        ", ".join(s.loc[s["points"] < s["max_points"], "name"])
    return tr("种子 000 的集中式模板给 400 人成长期企业的得分:", "Seed 000's centralized template for the 400-person "
              "growth-stage firm scores: ", lang) + ("、" if lang == "zh" else ", ").join(parts) + tr(
        f"。失分项:{lost} —— 五个岗位对 400 人的企业太少,也承担不了全部要素。", f". Points are lost on: {lost} — "
        "five posts are too few for a 400-person firm and cannot own every element.", lang)


def _criterion_aliases() -> dict[str, str]:
    from ._capstone import _NAMES

    out = {}
    for k, (zh, en) in _NAMES.items():
        for n in (k, zh, en, en.replace(" coverage", ""), zh.replace("覆盖", "")):
            out[_norm(n)] = k
    out[_norm("span")] = "spans"
    out[_norm("幅度")] = "spans"
    out[_norm("principles")] = "principles"
    return out


def _criterion_label(key: str, lang: str) -> str:
    from ._capstone import _NAMES

    return tr(*_NAMES[key], lang) if key in _NAMES else key


def _l7_q3() -> str:
    from ._capstone import score_design

    s = score_design(_template("decentralized-large"), "mature-2000", lang="en")
    lost = s["max_points"] - s["points"]
    return str(s.loc[lost.idxmax(), "criterion"])


def _l7_q3_why(lang: str) -> str:
    from ._capstone import score_design

    s = score_design(_template("decentralized-large"), "mature-2000", lang=lang)
    lost = (s["max_points"] - s["points"]).round(1)
    parts = [f"{n} −{v:g}" for n, v in zip(s["name"], lost, strict=True) if v > 0]
    return tr("种子 000 的分权式模板给 2000 人企业的失分:", "Where seed 000's decentralized template loses points for "
              "the 2,000-person firm: ", lang) + ("、" if lang == "zh" else ", ").join(parts) + tr(
        "。每个子部门经理只带 2 人,幅度太窄:要么给子部门加人,要么合并。",
        ". Each sub-department head leads only 2 people — too narrow a span: staff the sub-departments or merge "
        "them.", lang)


# ============================================================================ registry
_HINTS: dict[tuple[int, str], tuple[str, str]] = {
    (1, "q1"): ("调研是在为决策收集信息:哪个职能是公司的「眼睛和耳朵」?",
                "Research gathers information for decisions: which role is the company's eyes and ears?"),
    (1, "q2"): ("产销协调需要先有了一定的销量和渠道:看「工作重点随产品阶段变化」的表格中哪个阶段出现了监管职能。",
                "Coordinating production and sales needs volume and channels first: see which stage brings in oversight."),
    (1, "q3"): ("在「工作重点随产品阶段变化」的表格里只看成熟期的行,数一数属于公关职能的条目。",
                "In the focus-by-stage table look only at the maturity rows and count the public-relations items."),
    (1, "q4"): ("看四大职能覆盖表中 sales-system-vacancies 那一行的「—」。", "Look for the dash in the sales-system row of the roles-coverage table."),
    (1, "q5"): ("比较三个阶段中公关条目的数量(热力图的公关一列)。", "Compare the public-relations counts across the stages."),
    (2, "q1"): ("4C 的四个要素与 4P 一一对应:成本是顾客付出的,4P 中对应企业定的哪个数?",
                "The 4C elements answer the 4P ones in order: cost is what the customer pays — which 4P number does the firm set?"),
    (2, "q2"): ("读一读目录中 4R 与 4P、4C 的关系说明。", "Read the catalogue's lines on how 4R relates to 4P and 4C."),
    (2, "q3"): ("要素覆盖表中多彩现状一列有几个「—」?", "How many dashes are in the as-is column of the element-coverage table?"),
    (2, "q4"): ("分别数两个方案的「✓」,再相减。", "Count the ticks of each design and subtract."),
    (3, "q1"): ("比较表格中两种布局的总人数(headcount)。", "Compare the headcount row of the two layouts."),
    (3, "q2"): ("看美年表格中五部门方案的最后一列。", "Look at the last column for the five-department design."),
    (3, "q3"): ("从集团总部数到地市分公司最底层的中心,每一级负责人算一层。",
                "Count from group headquarters down to the city's centres; each tier's head is a layer."),
    (3, "q4"): ("种子的规则只看两件事:发展阶段和规模。", "The seed's rule looks at two things only: stage and size."),
    (3, "q5"): ("每个区域需要什么新的管理岗位?", "What new manager post does each region need?"),
    (4, "q1"): ("把 n 代入 n(2^(n−1)+n−1)。", "Put n into n(2^(n−1)+n−1)."),
    (4, "q2"): ("看五种管理者类型的幅度区间,找到包含这个数的那一个。", "Find the archetype whose range contains this span."),
    (4, "q3"): ("在取舍表中分别查幅度 4 和 10 的层级数。", "Read the layers for spans 4 and 10 in the trade-off table."),
    (4, "q4"): ("看排队表中 mean_latency 最小的那一行。", "Find the row with the smallest mean latency in the queueing table."),
    (4, "q5"): ("在取舍表中找第一个层级数为 3 的幅度(表格只到 15 时,先预测再验证)。",
                "Find the first span with 3 layers in the trade-off table (predict, then check)."),
    (5, "q1"): ("哪条原则的定义里写着「降低决策层级」?", "Which principle's definition says 'reduce decision layers'?"),
    (5, "q2"): ("在考核指标表中找「elements」为空的行。", "Look for KPIs with an empty elements column."),
    (5, "q3"): ("看原则检查表中中国移动那一行的警告。", "Look for the warnings in China Mobile's row of the principles table."),
    (5, "q4"): ("种子批评了「相互领导」:这违背了哪条原则?", "The seed criticises managers who lead one another: which principle does that break?"),
    (5, "q5"): ("比较两个方案的 peer_authority 表中「to」一栏有几个不同的岗位。",
                "Compare how many different posts appear under 'to' in each design's peer-authority table."),
}

_HINTS.update({
    (6, "q1"): ("在步骤表中数「approves」为真的行。", "Count the rows of SC-001's steps that approve."),
    (6, "q2"): ("比较流程表中「最长审批链」一栏。", "Compare the longest-approval-chain column of the workflow table."),
    (6, "q3"): ("看 SC-002 的对比表中「跨单位交接」一行。", "Read the hand-offs row of SC-002's comparison."),
    (6, "q4"): ("哪种结构里文件要在子部门之间传递?", "In which structure does the paper travel between sub-departments?"),
    (7, "q1"): ("种子的规则看发展阶段和规模:分权式要两个条件都满足。",
                "The seed's rule looks at stage and size: decentralizing needs both."),
    (7, "q2"): ("把评分表中各项得分加起来。", "Add up the points column of the score table."),
    (7, "q3"): ("用每项的满分减去得分,看哪项差得最多。", "Subtract points from max points for each criterion."),
})

_REASONING = {(6, "q3"), (6, "q4"), (7, "q1"), (7, "q2"), (7, "q3"), (1, "q4"), (1, "q5"), (2, "q3"), (2, "q4"), (3, "q1"), (3, "q4"), (3, "q5"), (4, "q3"), (4, "q4"),
              (4, "q5"), (5, "q4"), (5, "q5")}


def _ex(lesson: int, key: str, zh: str, en: str, solve: Callable[[], Any], kind: str,
        why: Callable[[str], str], aliases: Callable[[], dict[str, str]] | None = None,
        label: Callable[[str, str], str] | None = None) -> Exercise:
    hz, he = _HINTS.get((lesson, key), ("回到本课的表格再看一看。", "Look again at the lesson's tables."))
    return Exercise(lesson, key, zh, en, solve, kind, why, aliases, label,
                    hint=lambda lang, hz=hz, he=he: tr(hz, he, lang), reasoning=(lesson, key) in _REASONING)


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
    _ex(1, "q4", "先预测再验证:市场部空缺的销售体系(sales-system-vacancies)缺少四大职能中的哪一个?",
        "Predict, then check: which of the four roles does the sales system with a vacant marketing department "
        "(sales-system-vacancies) leave uncovered?",
        _l1_q4, "choice", _l1_q4_why, _role_aliases, _cat_label(_roles)),
    _ex(1, "q5", "解释热力图:公关职能的工作重点集中在哪个产品阶段?(导入期/成长期/成熟期)",
        "Read the heatmap: at which product stage does the public-relations role have the most focus items? "
        "(introduction / growth / maturity)",
        _l1_q5, "choice", _l1_q5_why, _stage_aliases, _cat_label(_lifecycle)),
    _ex(2, "q4", "比较两个设计:多彩改进方案(duocai-tobe)比现状多覆盖几个 4P/4C/4R 要素?",
        "Compare two designs: how many more 4P/4C/4R elements does Duocai's to-be (duocai-tobe) cover than the as-is?",
        _l2_q4, "number", _l2_q4_why),
    _ex(3, "q4", "按种子 000 的规则,一家 2000 人的成熟期企业应采用集中式还是分权式?",
        "By seed 000's rule, should a mature firm with 2,000 employees be centralized or decentralized?",
        _l3_q4, "choice", _l3_q4_why, _structure_aliases, _structure_label),
    _ex(3, "q5", f"先预测:按区域分权的变体从 3 个区域增加到 {_L3_MORE_REGIONS} 个,要多几人?",
        f"Predict: how many more people does the by-region variant need with {_L3_MORE_REGIONS} regions instead of 3?",
        _l3_q5, "number", _l3_q5_why),
    _ex(4, "q4", f"排队模型中,{_L4_PEOPLE} 人的部门在哪个幅度目标下平均决策时延最短?",
        f"In the queueing model, which span target gives a {_L4_PEOPLE}-person department the shortest mean "
        "decision latency?",
        _l4_q4, "number", _l4_q4_why),
    _ex(4, "q5", f"先预测:幅度目标至少要多大,{_L4_PEOPLE} 人的部门才能只有 3 个层级?",
        f"Predict: what is the smallest span target that fits a {_L4_PEOPLE}-person department into 3 layers?",
        _l4_q5, "number", _l4_q5_why),
    _ex(5, "q4", "多彩现状设计(duocai-asis)在哪些设计原则上亮起警告?(可填多个)",
        "On which design principles does Duocai's as-is design (duocai-asis) warn? (several allowed)",
        _l5_q4, "set", _l5_q4_why, _principle_aliases, _cat_label(_principles_cat)),
    _ex(5, "q5", "比较两个设计:改进方案中「同时听命于同级与上级」的岗位比现状少几个?",
        "Compare two designs: how many fewer posts take orders from a peer as well as their manager in the to-be?",
        _l5_q5, "number", _l5_q5_why),
    _ex(6, "q1", "SC-001 市场调研策划流程中有几个审批或会签步骤?",
        "How many approval or sign-off steps does SC-001 (market research planning) have?",
        _l6_q1, "number", _l6_q1_why),
    _ex(6, "q2", "SC-001 … SC-004 中,哪个流程的连续审批链最长?",
        "Of SC-001 … SC-004, which workflow has the longest run of approvals?",
        _l6_q2, "choice", _l6_q2_why, _workflow_aliases, _workflow_label),
    _ex(6, "q3", "先预测:把 SC-002 放到分权式模型中,跨单位交接比集中式多几次?",
        "Predict: run SC-002 in the decentralized model — how many more hand-offs than in the centralized one?",
        _l6_q3, "number", _l6_q3_why),
    _ex(6, "q4", "SC-004 在集中式还是分权式模型中周期更短?",
        "Is SC-004's cycle time shorter in the centralized or the decentralized model?",
        _l6_q4, "choice", _l6_q4_why, _structure_aliases, _structure_label),
    _ex(7, "q1", "按种子 000 的规则,一家 400 人的成长期企业应采用集中式还是分权式?",
        "By seed 000's rule, should a 400-person firm in its growth stage be centralized or decentralized?",
        _l7_q1, "choice", _l7_q1_why, _structure_aliases, _structure_label),
    _ex(7, "q2", "先预测:种子的集中式模板(centralized-sme)给 400 人的成长期企业能得多少分(满分 100)?",
        "Predict: how many points (of 100) does seed 000's centralized template (centralized-sme) score for the "
        "400-person growth-stage firm?",
        _l7_q2, "number", _l7_q2_why),
    _ex(7, "q3", "分权式模板(decentralized-large)给 2000 人企业时,哪一项失分最多?",
        "Scoring the decentralized template (decentralized-large) for the 2,000-person firm: which criterion loses "
        "the most points?",
        _l7_q3, "choice", _l7_q3_why, _criterion_aliases, _criterion_label),
)}
"""Every exercise by (lesson, question)."""


def exercises(lesson: int) -> list[str]:
    """Question keys of a lesson.

    >>> exercises(5)
    ['q1', 'q2', 'q3', 'q4', 'q5']
    """
    try:
        n = int(lesson)
    except (TypeError, ValueError):
        n = -1
    keys = sorted(k for (le, k) in EXERCISES if le == n)
    if not keys:
        raise OrgInputError(en=f"no lesson {lesson!r}: use 1–7", zh=f"没有第 {lesson!r} 课:请用 1–7")
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


def check_exercise(lesson: int, question: str, answer: Any, lang: str = "zh", *,
                   attempt: int | None = None) -> Feedback:
    """Check a student's answer; right and wrong answers both get an explanation.

    Full-width punctuation, number words (two, 四, 两项), suffixes (成长期, 情报职能, "growth
    stage") and the catalogue's synonyms are understood; an answer that is not clearly
    one of the choices (不知道, "not sure", "none") is never taken for a right one.

    Parameters
    ----------
    lesson : int
        1–7.
    question : str
        ``"q1"``, ``"q2"`` …
    answer : str or number
        What the student typed: a number, a name in zh or en, yes/no (是/否), or a
        comma-separated list where several answers are asked for.
    lang : {"zh", "en"}
    attempt : int, optional
        The student's try number. On a first wrong try (``attempt=1``) the feedback is a
        hint, not the answer; from the second try (or with ``None``, the teacher's view)
        it gives the answer and why.

    Returns
    -------
    Feedback

    Examples
    --------
    >>> fb = check_exercise(1, "q2", "导入期", "zh", attempt=1)
    >>> fb.correct, "提示" in fb.explanation, fb.answer in fb.explanation
    (False, True, False)
    >>> check_exercise(1, "q2", "成长期", "zh").correct, check_exercise(2, "q2", "不知道", "zh").correct
    (True, False)
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
            unknown = tr(f"「{raw}」不是一个明确的数字", f"{raw!r} is not one clear number", lang)
    elif ex.kind == "yesno":
        got_b = _yesno(raw)
        ok = None if got_b is None else (got_b == bool(right))
        if got_b is None:
            unknown = tr(f"请回答「是」或「否」,而不是「{raw}」", f"answer yes or no, not {raw!r}", lang)
    elif ex.kind == "choice":
        table = ex.aliases() if ex.aliases else {}
        key = _choice_key(raw, table)
        ok = None if key is None else key == right
        if key is None:
            unknown = tr(f"不认识「{raw}」", f"{raw!r} is not one of the choices", lang)
    else:  # set
        table = ex.aliases() if ex.aliases else {}
        parts = [p for p in re.split(r"[,、;/]|\band\b|和|与|及", _nfkc(raw)) if _norm(p)]
        keys = {_choice_key(p, table) for p in parts}
        if None in keys or not keys:
            bad = [p.strip() for p in parts if _choice_key(p, table) is None]
            ok = None
            unknown = tr(f"不认识:{'、'.join(bad) or raw}", f"not recognised: {', '.join(bad) or raw}", lang)
        else:
            ok = keys == set(right)
    if ok:
        return Feedback(True, tr(f"正确:{shown}。{why}", f"Correct: {shown}. {why}", lang), shown)
    if attempt is not None and int(attempt) <= 1:
        hint = ex.hint(lang) if ex.hint else tr("回到本课对应的表格再看一看。", "Look again at the lesson's table.", lang)
        head = (tr(f"无法判断:{unknown}。", f"Cannot check: {unknown}. ", lang) if ok is None
                else tr("还不对,再想一想。", "Not yet — think again. ", lang))
        return Feedback(False, head + tr(f"提示:{hint}", f"Hint: {hint}", lang), shown)
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


def exercise_widget(lesson: int, question: str, lang: str = "zh", *, heading: bool = True):
    """An exercise as a widget: the question, an answer box, Check and Show-answer buttons, feedback.

    A first wrong answer gets a hint; the second gets the answer and why (so does
    **Show answer** at any time). The box has CSS class ``orglib-exercise``; its parts
    ``orglib-exercise-input``, ``orglib-exercise-check``, ``orglib-exercise-show`` and
    ``orglib-exercise-feedback``. ``box.check(answer)`` checks from code (and shows the
    feedback), returning the :class:`Feedback`. ``heading=False`` leaves the question out
    (:func:`show_exercises` prints it as text so that it survives export).

    Examples
    --------
    >>> box = exercise_widget(4, "q2", "en")
    >>> box.check("coach").explanation.startswith("Not yet")   # first try: a hint
    True
    >>> box.check("supervisor").correct
    True
    >>> "✓" in box.children[2].value
    True
    """
    import ipywidgets as w

    check_lang(lang)
    ex = _get(lesson, question)
    title = html.escape(tr(f"练习 {ex.lesson}.{ex.key[1:]}", f"Exercise {ex.lesson}.{ex.key[1:]}", lang))
    head = w.HTML(f"<b>{title}</b> {html.escape(prompt(lesson, question, lang))}" if heading else "")
    text = w.Text(placeholder=tr("在此输入答案", "your answer", lang), layout=w.Layout(width="320px"))
    text.add_class("orglib-exercise-input")
    button = w.Button(description=tr("检查", "Check", lang), button_style="primary")
    button.add_class("orglib-exercise-check")
    show = w.Button(description=tr("显示答案", "Show answer", lang))
    show.add_class("orglib-exercise-show")
    out = w.HTML()
    out.add_class("orglib-exercise-feedback")
    box = w.VBox([head, w.HBox([text, button, show]), out])
    box.add_class("orglib-exercise")
    tries = {"n": 0}

    def check(value: Any = None) -> Feedback:
        raw = text.value if value is None else value
        if str(raw or "").strip():
            tries["n"] += 1
        fb = check_exercise(lesson, question, raw, lang, attempt=max(tries["n"], 1))
        out.value = feedback_html(fb)
        return fb

    def reveal(_b: Any = None) -> Feedback:
        fb = Feedback(False, tr(f"答案:{answer(lesson, question, lang)}。{ex.why(lang)}",
                                f"Answer: {answer(lesson, question, lang)}. {ex.why(lang)}", lang),
                      answer(lesson, question, lang))
        out.value = (f'<div class="orglib-answer" style="color:#1f4e79"><b>→</b> '
                     f"{html.escape(fb.explanation)}</div>")
        return fb

    button.on_click(lambda _b: check())
    show.on_click(reveal)
    box.check = check
    box.reveal = reveal
    return box


def show_exercises(lesson: int, lang: str = "zh") -> None:
    """Display a lesson's exercises: each question as text (kept in an exported handout), then
    its widget (live only). Answers are never printed here.

    Examples
    --------
    >>> show_exercises(1, "en")  # doctest: +ELLIPSIS
    <IPython.core.display.HTML object>
    ...
    """
    from IPython.display import HTML, display

    check_lang(lang)
    for key in exercises(lesson):
        display(HTML(question_html(lesson, key, lang)))
        display(exercise_widget(lesson, key, lang, heading=False))


def question_html(lesson: int, question: str, lang: str = "zh") -> str:
    """One question as escaped HTML text (no answer): what a handout shows.

    >>> question_html(2, "q2", "en")
    '<p class="orglib-question"><b>Exercise 2.2</b> Does 4R replace 4P and 4C? (yes / no)</p>'
    """
    ex = _get(lesson, question)
    title = tr(f"练习 {ex.lesson}.{ex.key[1:]}", f"Exercise {ex.lesson}.{ex.key[1:]}", lang)
    tag = tr("(推理题)", " (reasoning)", lang) if ex.reasoning else ""
    return (f'<p class="orglib-question"><b>{html.escape(title)}</b>{html.escape(tag)} '
            f"{html.escape(prompt(lesson, question, lang))}</p>")


def handout_html(lesson: int, lang: str = "zh") -> str:
    """A lesson's questions, auto-checked and open, as a printable HTML page without answers.

    >>> "不知道" in handout_html(2, "zh"), "Exercise 2.1" in handout_html(2, "en")
    (False, True)
    """
    from ._open import open_questions

    check_lang(lang)
    zh, en = LESSONS[int(lesson)]
    parts = [f"<h1>{html.escape(tr(f'第 {lesson} 课 · {zh}', f'Lesson {lesson} · {en}', lang))}</h1>",
             f"<h2>{html.escape(tr('练习', 'Exercises', lang))}</h2>"]
    parts += [question_html(lesson, k, lang) for k in exercises(lesson)]
    opens = open_questions(lesson, lang)
    if len(opens):
        parts.append(f"<h2>{html.escape(tr('讨论题', 'Open questions', lang))}</h2><ol>")
        parts += [f"<li>{html.escape(q)}</li>" for q in opens["question"]]
        parts.append("</ol>")
    return ('<!doctype html><html><head><meta charset="utf-8"><title>handout</title></head><body>'
            + "".join(parts) + "</body></html>")
