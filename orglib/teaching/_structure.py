"""Seed 000's rule for choosing a structure: 集中式 or 分权式 by company stage and size.

市场部组建方案 (seed 000), 二、市场部组织架构: "根据企业规模和发展阶段,可以选择以下两种模式" —
集中式 for 初创期和中小型企业 (the department does all marketing work itself and reports
straight to top management), 分权式 for 成熟的大型企业 (several specialised sub-departments,
e.g. 市场策划部、品牌宣传部、销售支持部).

The seed gives no number for "large": :data:`LARGE_FIRM` (1,000 employees, after China's 2011
SME standard for industry) is **our** threshold, labelled as such wherever it is shown.

Examples
--------
>>> recommend_structure("startup", 70).structure
'centralized'
>>> recommend_structure("maturity", 2000).structure
'decentralized'
>>> recommend_structure("成熟期", 300).structure   # mature but not large: the seed's SME case
'centralized'
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .._core import OrgInputError, check_lang, tr

LARGE_FIRM = 1000
"""Employees from which a firm counts as large (our threshold; the seed gives none)."""

STAGES: dict[str, tuple[str, str]] = {
    "startup": ("初创期", "start-up"),
    "growth": ("成长期", "growth"),
    "maturity": ("成熟期", "maturity"),
}
_STAGE_ALIASES = {
    "startup": "startup", "start-up": "startup", "start up": "startup", "初创": "startup", "初创期": "startup",
    "introduction": "startup", "导入期": "startup", "导入": "startup",
    "growth": "growth", "成长": "growth", "成长期": "growth",
    "maturity": "maturity", "mature": "maturity", "成熟": "maturity", "成熟期": "maturity",
}

TEMPLATES = {"centralized": "centralized-sme", "decentralized": "decentralized-large"}
"""The seed's two models as shipped templates."""


@dataclass(frozen=True)
class StructureAdvice:
    """``structure`` (``centralized`` / ``decentralized``), the seed ``template`` that shows
    it, and ``reason_zh`` / ``reason_en``."""

    structure: str
    template: str
    reason_zh: str
    reason_en: str

    def reason(self, lang: str = "zh") -> str:
        return tr(self.reason_zh, self.reason_en, check_lang(lang))


def stage_key(stage: str) -> str:
    """``"成熟期"`` / ``"mature"`` / ``"maturity"`` → ``"maturity"``.

    >>> stage_key("初创期"), stage_key("Growth stage")
    ('startup', 'growth')
    """
    s = str(stage).strip().lower().removesuffix(" stage").removesuffix("阶段").strip()
    if s not in _STAGE_ALIASES:
        raise OrgInputError(en=f"unknown company stage {stage!r}: use startup, growth or maturity",
                            zh=f"未知的企业发展阶段 {stage!r}:请用 初创期、成长期 或 成熟期")
    return _STAGE_ALIASES[s]


def recommend_structure(stage: str, employees: int, *, large: int = LARGE_FIRM) -> StructureAdvice:
    """The seed's selection rule: decentralize only a mature **and** large firm.

    Parameters
    ----------
    stage : str
        ``startup`` / ``growth`` / ``maturity`` (or 初创期 / 成长期 / 成熟期).
    employees : int
        The company's employees (not the marketing department's).
    large : int
        Employees from which a firm is large (our threshold, default :data:`LARGE_FIRM`).

    Examples
    --------
    >>> recommend_structure("growth", 5000).reason("en").split(":")[0]
    'Growth stage, 5000 employees (not yet mature)'
    """
    key = stage_key(stage)
    n = int(employees)
    if n < 1:
        raise OrgInputError(en=f"employees must be ≥ 1, got {employees!r}", zh=f"员工人数须不小于 1,而不是 {employees!r}")
    zh_stage, en_stage = STAGES[key]
    big = n >= int(large)
    if key == "maturity" and big:
        return StructureAdvice(
            "decentralized", TEMPLATES["decentralized"],
            f"{zh_stage}、{n} 人(大型企业,≥ {large} 人为本课设定的分界):种子 000 建议分权式 —— "
            "市场部下设市场策划、品牌宣传、销售支持等子部门,分工明确、协同工作。",
            f"{en_stage.capitalize()} stage, {n} employees (large: ≥ {large} is our threshold): seed 000 recommends "
            "decentralized — sub-departments for planning, brand communications, sales support, each specialised.")
    why_zh = "初创期" if key == "startup" else ("尚未成熟" if key == "growth" else "成熟但规模不大")
    why_en = "a start-up" if key == "startup" else ("not yet mature" if key == "growth" else "mature but not large")
    return StructureAdvice(
        "centralized", TEMPLATES["centralized"],
        f"{zh_stage}、{n} 人({why_zh}):种子 000 建议集中式 —— 市场部集中负责所有市场相关工作,直接向公司高层汇报,"
        "决策快、便于统一调配。",
        f"{en_stage.capitalize()} stage, {n} employees ({why_en}): the seed recommends centralized — one department does "
        "all marketing work and reports straight to top management; decisions are fast and resources pooled.")


def structure_rule_table(*, lang: str = "zh", large: int = LARGE_FIRM) -> pd.DataFrame:
    """The rule as a stage × size table (what a slide shows).

    >>> structure_rule_table(lang="en").shape
    (3, 3)
    """
    check_lang(lang)
    small_n, big_n = max(1, large // 10), large * 2
    rows = []
    for key, (zh, en) in STAGES.items():
        small = recommend_structure(key, small_n, large=large).structure
        big = recommend_structure(key, big_n, large=large).structure
        lab = {"centralized": tr("集中式", "centralized", lang), "decentralized": tr("分权式", "decentralized", lang)}
        rows.append({tr("发展阶段", "stage", lang): tr(zh, en, lang),
                     tr(f"中小企业(< {large} 人)", f"SME (< {large} employees)", lang): lab[small],
                     tr(f"大型企业(≥ {large} 人,本课设定)", f"large (≥ {large}, our threshold)", lang): lab[big]})
    return pd.DataFrame(rows)
