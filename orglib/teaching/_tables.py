"""The lessons' tables, ready to show: headers, tags, ids and statuses as words in ``lang``.

A lesson cell calls one of these and shows what it returns; nothing is renamed, mapped or
formatted in the notebooks. Names come from where they are kept: metric names from
:data:`orglib._core.METRIC_LABELS`, 4P/4C/4R and the four roles from the catalogues
(:data:`orglib.analysis.TAG_LABELS`), designs from each template's ``name`` / ``name_en``, posts
from ``title`` / ``title_en``; the lessons' own column headers are in :data:`COLUMNS`. No table
shows an internal tag (``4P.price``, ``role.pr``), a template id or a seed file's hash.

Examples
--------
>>> t = roles_table(lang="en")
>>> t.columns.name, t.columns.tolist()
('role', ['definition', 'duties', 'seed'])
>>> roles_table(lang="zh").columns.tolist()
['定义', '职责条数', '种子']
>>> role_coverage_table(["sales-system-vacancies"], lang="en").loc["Sales system with a vacant marketing department"].tolist()
['—', '✓', '✓', '✓']
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from functools import cache

import pandas as pd

from .._core import Org, check_lang, metric_label, tr

#: The lessons' column headers (zh, en) that are not metrics.
COLUMNS: dict[str, tuple[str, str]] = {
    "role": ("职能", "role"), "definition": ("定义", "definition"), "duties": ("职责条数", "duties"),
    "duty": ("职责", "duty"), "seed": ("种子", "seed"), "stage": ("阶段", "stage"), "focus": ("工作重点", "focus"),
    "roles": ("职能", "roles"), "design": ("设计", "design"), "framework": ("理论", "framework"),
    "author": ("提出者", "proposed by"), "year": ("年份", "year"), "period": ("种子原文的年代", "the seed's dating"),
    "element": ("要素", "element"), "relates_to": ("对应的 4P 要素", "answers 4P element"),
    "from": ("从", "from"), "to": ("到", "to"), "kind": ("关系", "relation"), "relation": ("说明", "what it says"),
    "uncovered": ("未覆盖的要素", "elements not covered"), "count": ("个数", "count"), "kpi": ("考核指标", "KPI"),
    "category": ("类别", "category"), "elements": ("对应要素", "elements"), "people": ("人数", "people"),
    "mix_uncovered": ("未覆盖的 4P/4C/4R 要素数", "4P/4C/4R elements uncovered"), "layer": ("层级", "layer"),
    "n": ("下属人数 n", "reports n"), "direct_single": ("直接单一关系", "direct single"),
    "cross": ("交叉关系", "cross"), "direct_group": ("直接群体关系", "direct group"), "total": ("合计", "total"),
    "archetype": ("管理者类型", "archetype"), "span": ("管理幅度", "span"), "post": ("岗位", "post"),
    "band": ("适宜区间", "band"), "message": ("提示", "flag"), "latency_days": ("决策往返(天)", "decision round trip (days)"),
    "graicunas": ("格拉丘纳斯关系数", "Graicunas relationships"),
    "mean_latency": ("平均时延(天)", "mean latency (days)"),
    "sim_mean_latency": ("模拟平均时延(天)", "simulated mean latency (days)"),
    "p90_latency": ("90% 分位时延(天)", "90th percentile latency (days)"),
    "principle": ("原则", "principle"), "value": ("数值", "value"), "status": ("结果", "result"),
    "proxy": ("衡量的是", "what is measured"), "mechanism": ("机制", "mechanism"), "cadence": ("频率", "cadence"),
    "subject": ("领导的事项", "what is led"), "mutual": ("相互领导", "lead each other"), "kpis": ("考核指标", "KPIs"),
    "step": ("步骤", "step"), "action": ("做什么", "action"), "approves": ("审批", "approves"),
    "metric": ("指标", "measure"), "seed_003": ("种子 003 原样", "seed 003 as written"),
    "centralized": ("集中式", "centralized"), "decentralized": ("分权式", "decentralized"),
    "case": ("案例", "case"), "employees": ("员工人数", "employees"), "budget": ("市场部人数预算", "marketing headcount budget"),
    "max_layers": ("层级上限", "most layers"), "criterion": ("评分项", "criterion"), "target": ("目标", "target"),
    "points": ("得分", "points"), "max_points": ("满分", "out of"), "comment": ("说明", "comment"),
}

STATUS: dict[str, tuple[str, str]] = {"ok": ("通过", "passes"), "warn": ("警告", "warning"),
                                      "n/a": ("无法衡量", "not measurable")}
"""A principle check's status → words."""

KPI_CATEGORIES: dict[str, tuple[str, str]] = {
    "conduct": ("行为", "conduct"), "result": ("结果", "result"), "customer": ("客户", "customer"),
    "channel": ("渠道", "channel"), "capability": ("能力", "capability")}
"""The KPI catalogue's categories (seed 003's grouping) → words."""

CADENCES: dict[str, tuple[str, str]] = {"monthly": ("每月", "monthly"), "continuous": ("持续", "continuous"),
                                        "periodic": ("定期", "periodic")}
"""The coordination catalogue's cadences → words."""

MIX_RELATIONS: dict[str, tuple[str, str]] = {"reorients": ("重新审视", "re-examines"),
                                             "builds_on": ("在其基础上发展", "builds on"),
                                             "combine": ("相互结合", "combine")}
"""How one framework relates to another (catalogue ``mix_relations.kind``) → words."""

YES_NO = (("是", "yes"), ("", ""))
OVERLOAD = ("过载", "overload")
"""What a latency table shows where a manager's queue cannot keep up (infinite latency)."""


def _label(key: str, lang: str) -> str:
    if key in COLUMNS:
        return tr(*COLUMNS[key], lang)
    return metric_label(key, lang)


def _headers(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The frame with every column named in ``lang``; a frame numbered 0, 1, 2 … gets its first
    column as the row headers instead (a reader has no use for pandas' row numbers)."""
    out = df.rename(columns={c: _label(c, lang) for c in df.columns})
    if out.index.name:
        out.index.name = _label(out.index.name, lang)
    return _row_headers(out)


def _row_headers(df: pd.DataFrame) -> pd.DataFrame:
    """Rows headed by the first column (unless the frame has row headers already); the row
    headers' title sits in the header row's corner (``columns.name``), so a table shows one header
    row, not pandas' two."""
    if isinstance(df.index, pd.RangeIndex) and df.index.start == 0 and df.index.name is None and len(df.columns) > 1:
        df = df.set_index(df.columns[0])
    if df.index.name is not None:
        df = df.copy()
        df.columns.name, df.index.name = df.index.name, None
    return df


def selection_rule_table(*, lang: str = "zh") -> pd.DataFrame:
    """Seed 000's selection rule (:func:`orglib.teaching.structure_rule_table`) with the stages as
    row headers."""
    from ._structure import structure_rule_table

    return _row_headers(structure_rule_table(lang=lang))


def _name(lang: str) -> str:
    return "zh" if lang == "zh" else "en"


def _definition(lang: str) -> str:
    return "definition" if lang == "zh" else "definition_en"


def _seed(source: object, lang: str) -> str:
    """``000_3a511c0ba4c578c6.txt`` → ``种子 000`` / ``seed 000`` (the seed's number, not its hash; a
    no-break space so a narrow column does not split it)."""
    text = str(source or "")
    number = text.split("_", 1)[0]
    return tr(f"种子\u00a0{number}", f"seed\u00a0{number}", lang) if number.isdigit() else text  # kept on one line


def _mark(flag: bool) -> str:
    return "✓" if flag else "—"


def _yes(flag: bool, lang: str) -> str:
    return tr(*YES_NO[0], lang) if flag else ""


@cache
def _template(tid: str) -> Org:
    from ..designs import template

    return template(tid)


def design_name(design: str | Org, lang: str = "zh") -> str:
    """A template's (or an Org's) name in ``lang``: ``name`` / ``name_en`` from its metadata.

    >>> design_name("duocai-tobe", "en")
    'Duocai Technology domestic marketing department (to-be)'
    """
    check_lang(lang)
    org = _template(design) if isinstance(design, str) else design
    meta = org.meta or {}
    name = meta.get("name_en") if lang == "en" else meta.get("name")
    return str(name or meta.get("name") or meta.get("id") or design)


def _tag_names(lang: str) -> dict[str, str]:
    from ..analysis import TAG_LABELS

    return {t: tr(zh, en, lang) for t, (zh, en) in TAG_LABELS.items()}


def _join(items: Iterable[str], lang: str) -> str:
    return tr("、", ", ", lang).join(items)


# ----------------------------------------------------------------- lesson 1
def roles_table(*, lang: str = "zh") -> pd.DataFrame:
    """The four roles: name, definition, how many duties the seeds give each, the seed."""
    from ..designs import roles

    check_lang(lang)
    r = roles()
    out = pd.DataFrame({"role": r[_name(lang)], "definition": r[_definition(lang)],
                        "duties": r["duties"].map(len), "seed": r["source"].map(lambda s: _seed(s, lang))})
    return _headers(out, lang)


def role_duties_table(*, lang: str = "zh") -> pd.DataFrame:
    """Every duty of every role (one row each)."""
    from ..designs import roles

    check_lang(lang)
    rows = [{"role": r[_name(lang)], "duty": d[_name(lang)]} for r in roles().to_dict("records") for d in r["duties"]]
    return _headers(pd.DataFrame(rows), lang)


def stage_focus_table(*, lang: str = "zh") -> pd.DataFrame:
    """The department's focus at each product stage and the roles that carry it (seed 001)."""
    from ..designs import lifecycle

    check_lang(lang)
    names = _tag_names(lang)
    rows = [{"stage": s[_name(lang)], "focus": f[_name(lang)], "roles": _join((names[r] for r in f["roles"]), lang)}
            for s in lifecycle().to_dict("records") for f in s["focus"]]
    return _headers(pd.DataFrame(rows), lang)


def role_coverage_table(designs: Iterable[str], *, lang: str = "zh") -> pd.DataFrame:
    """Which of the four roles each design's duties cover (✓ / —), one row per design."""
    from ..analysis import FOUR_ROLES, coverage

    check_lang(lang)
    names = _tag_names(lang)
    rows = []
    for tid in designs:
        cov = coverage(_template(tid)).set_index("tag")["covered"]
        rows.append({_label("design", lang): design_name(tid, lang),
                     **{names[t]: _mark(bool(cov.get(t, False))) for t in FOUR_ROLES}})
    return _row_headers(pd.DataFrame(rows))


# ----------------------------------------------------------------- lesson 2
def frameworks_table(*, lang: str = "zh") -> pd.DataFrame:
    """4P, 4C and 4R: name, who proposed it, when, and how the seed dates it."""
    from ..designs import frameworks

    check_lang(lang)
    f = frameworks()

    def author(text: str) -> str:  # catalogue: "麦卡锡 (E. Jerome McCarthy)"
        zh, _, en = str(text).partition(" (")
        return str(text) if not en else (f"{zh}({en.rstrip(')')})" if lang == "zh" else en.rstrip(")"))

    def period(text: str) -> str:  # catalogue: "中文 / English"
        zh, _, en = str(text).rpartition(" / ")
        return str(text) if not zh else (zh if lang == "zh" else en)

    out = pd.DataFrame({"framework": f[_name(lang)], "author": f["author"].map(author),
                        "year": f["year"].map(lambda y: "" if pd.isna(y) else f"{int(y)}"),
                        "period": f["period"].map(period)})
    return _headers(out, lang)


def mix_table(*, lang: str = "zh") -> pd.DataFrame:
    """The twelve elements: framework, name, definition and, for 4C, the 4P element it answers."""
    from ..designs import marketing_mix

    check_lang(lang)
    m = marketing_mix()
    names = m.set_index("id")[_name(lang)]
    out = pd.DataFrame({"framework": m["framework"], "element": m[_name(lang)], "definition": m[_definition(lang)],
                        "relates_to": m["relates_to"].map(lambda t: names.get(t, "") if isinstance(t, str) else "")})
    return _headers(out, lang)


def mix_pairs_table(*, lang: str = "zh") -> pd.DataFrame:
    """Each 4C element beside the 4P element it re-examines (columns ``4C``, ``4P``)."""
    from ..designs import marketing_mix

    check_lang(lang)
    m = marketing_mix()
    names = m.set_index("id")[_name(lang)]
    pairs = m[m["relates_to"].map(lambda t: isinstance(t, str) and bool(t))]
    return _row_headers(pd.DataFrame({"4C": pairs[_name(lang)].to_numpy(),
                                      "4P": names.loc[pairs["relates_to"]].to_numpy()}))


def mix_relations_table(*, lang: str = "zh") -> pd.DataFrame:
    """How the frameworks relate (seed 000): from, to, the relation and what the seed says."""
    from ..designs import mix_relations

    check_lang(lang)
    r = mix_relations()
    out = pd.DataFrame({"from": r["from"].map(lambda s: _join(str(s).split(","), lang)), "to": r["to"].fillna(""),
                        "kind": r["kind"].map(lambda k: tr(*MIX_RELATIONS.get(k, (k, k)), lang)),
                        "relation": r[_name(lang)]})
    return _headers(out, lang)


def element_coverage_table(designs: Iterable[str], *, lang: str = "zh") -> pd.DataFrame:
    """Which of the twelve elements each design covers: elements × designs (✓ / —)."""
    from ._exercises import element_coverage

    check_lang(lang)
    names = _tag_names(lang)
    table = pd.DataFrame({design_name(tid, lang): element_coverage(_template(tid)).map(_mark) for tid in designs})
    table.index = [names.get(t, t) for t in table.index]
    table.index.name = _label("element", lang)
    return _row_headers(table)


def uncovered_elements_table(designs: Iterable[str], *, lang: str = "zh") -> pd.DataFrame:
    """Per design, how many of the twelve elements no unit owns, and which."""
    from ._exercises import element_coverage

    check_lang(lang)
    names = _tag_names(lang)
    rows = []
    for tid in designs:
        cov = element_coverage(_template(tid))
        gaps = [names.get(t, t) for t in cov.index[~cov]]
        rows.append({"design": design_name(tid, lang), "count": len(gaps), "uncovered": _join(gaps, lang)})
    return _headers(pd.DataFrame(rows), lang)


def kpi_elements_table(*, lang: str = "zh") -> pd.DataFrame:
    """Seed 003's 15 KPIs, their category and the elements each measures (our classification)."""
    from ..designs import kpis

    check_lang(lang)
    k = kpis()
    names = _tag_names(lang)
    out = pd.DataFrame({"kpi": k[_name(lang)],
                        "category": k["category"].map(lambda c: tr(*KPI_CATEGORIES.get(c, (c, c)), lang)),
                        "elements": k["elements"].map(lambda e: _join((names.get(x, x) for x in (e or [])), lang))})
    return _headers(out, lang)


# ----------------------------------------------------------------- lesson 3
_COMPARE_ROWS = ("headcount", "posts", "units", "managers", "layers", "mean_span", "median_span", "max_span",
                 "management_overhead", "cost", "avg_steps_to_head", "duplicated_functions")


def _figure(key: str, value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if key in ("management_overhead",):
        return f"{float(value):.0%}"
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{value:,}" if isinstance(value, int) else str(value)


def compare_table(designs: Mapping[str, Org] | Iterable[str], *, lang: str = "zh",
                  rows: Iterable[str] = _COMPARE_ROWS) -> pd.DataFrame:
    """Designs side by side (:func:`orglib.analysis.compare`), figures as a person reads them:
    shares as percentages, two decimals at most, rows with no figure for any design dropped.

    ``designs`` maps a display name (already in ``lang``) to its Org, or lists template ids
    (named by :func:`design_name`).

    >>> from orglib.designs import template
    >>> t = compare_table({"as-is": template("duocai-asis")}, lang="en")
    >>> t.loc["management overhead share", "as-is"], "cost" in t.index
    ('9%', False)
    """
    from ..analysis import compare

    check_lang(lang)
    if not isinstance(designs, Mapping):
        designs = {design_name(tid, lang): _template(tid) for tid in designs}
    raw = compare(*designs.values(), names=list(designs))
    keep = [r for r in rows if r in raw.index and any(_figure(r, v) != "" for v in raw.loc[r])]
    out = pd.DataFrame({c: [_figure(r, raw.loc[r, c]) for r in keep] for c in raw.columns},
                       index=[metric_label(r, lang) for r in keep])
    out.index.name = _label("metric", lang)
    return _row_headers(out)


def layout_variants(*, span_target: int = 8, regions: int = 3, lang: str = "zh") -> dict[str, Org]:
    """Lesson 3's three layouts of seed 000's six functions, named in ``lang``: by function (six
    sub-departments), the by-region variant and the matrix variant (our comparison).

    >>> list(layout_variants(lang="en"))
    ['functional (six sub-departments)', 'variant: by region', 'variant: matrix']
    """
    from ..designs import by_region, centralized, matrix

    check_lang(lang)
    return {tr("职能制(六个子部门)", "functional (six sub-departments)", lang): centralized(span_target=span_target),
            tr("变体:按区域分权", "variant: by region", lang): by_region(regions=regions, span_target=span_target),
            tr("变体:矩阵式", "variant: matrix", lang): matrix(regions=regions, span_target=span_target)}


def design_summary_table(designs: Iterable[str], *, lang: str = "zh") -> pd.DataFrame:
    """Per design: people, layers, the head's span and how many 4P/4C/4R elements stay uncovered."""
    from ..analysis import FOUR_ROLES, coverage, spans_layers

    check_lang(lang)
    rows = []
    for tid in designs:
        org = _template(tid)
        cov = coverage(org)
        mix = cov[~cov["tag"].isin(FOUR_ROLES)]
        s = spans_layers(org).summary
        rows.append({"design": design_name(tid, lang), "people": _figure("", float(s["headcount"])),
                     "layers": int(s["layers"]), "head_span": _figure("", float(s["max_span"])),
                     "mix_uncovered": int((~mix["covered"]).sum())})
    return _headers(pd.DataFrame(rows), lang)


def layer_people_table(org: Org, *, lang: str = "zh") -> pd.DataFrame:
    """People on each layer of a design (layer 1 = the head)."""
    from ..analysis import spans_layers

    check_lang(lang)
    per = spans_layers(org).summary["people_per_layer"]
    out = pd.DataFrame({"layer": list(per), "people": [_figure("", float(v)) for v in per.values()]})
    return _headers(out, lang)


# ----------------------------------------------------------------- lesson 4
def graicunas_table(reports: Iterable[int] = range(1, 11), *, lang: str = "zh") -> pd.DataFrame:
    """Graicunas' relationships for each number of reports n (direct single, cross, direct group, total)."""
    from ..analysis import graicunas

    check_lang(lang)
    return _headers(pd.DataFrame([graicunas(n).to_dict() for n in reports]), lang)


def archetypes_table(*, lang: str = "zh") -> pd.DataFrame:
    """The five manager archetypes and the spans they suit (common practice, our ranges)."""
    from ..analysis import ARCHETYPES

    check_lang(lang)
    rows = [{"archetype": a.name if lang == "zh" else a.name_en,
             "span": f"{a.low:g}–{a.high:g}" if a.high != float("inf") else f"{a.low:g}+"} for a in ARCHETYPES.values()]
    return _headers(pd.DataFrame(rows), lang)


def manager_spans_table(result, *, lang: str = "zh") -> pd.DataFrame:
    """The managers of a :func:`orglib.analysis.spans_layers` result: post, span, layer, band."""
    check_lang(lang)
    m = result.managers
    out = pd.DataFrame({"post": m["title"] if lang == "zh" else m["title_en"].where(m["title_en"].astype(bool),
                                                                                    m["title"]),
                        "span": m["span"].astype(float).round(1), "layer": m["layer"],
                        "band": m["band"].astype(str).str.replace("-", "–")})
    return _headers(out.reset_index(drop=True), lang)


def span_flags_table(result, *, lang: str = "zh") -> pd.DataFrame:
    """The flags of a :func:`orglib.analysis.spans_layers` result: post and message in ``lang``."""
    check_lang(lang)
    f, m = result.flags, result.managers.set_index("id")
    titles = m["title"] if lang == "zh" else m["title_en"].where(m["title_en"].astype(bool), m["title"])
    out = pd.DataFrame({"post": f["id"].map(titles).fillna(f["title"]),
                        "message": f["message_zh"] if lang == "zh" else f["message"]})
    return _headers(out.reset_index(drop=True), lang)


def tradeoff_table(trade: pd.DataFrame, *, lang: str = "zh") -> pd.DataFrame:
    """:func:`orglib.teaching.span_tradeoff`'s rows with headers in ``lang``."""
    check_lang(lang)
    return _headers(trade, lang)


def latency_table(queue: pd.DataFrame, *, lang: str = "zh") -> pd.DataFrame:
    """:func:`orglib.sim.latency_sweep`'s rows as read in the lesson: two decimals, "overload" where the
    queue cannot keep up (infinite latency)."""
    check_lang(lang)
    cols = [c for c in ("span", "layers", "managers", "mean_latency", "sim_mean_latency", "p90_latency")
            if c in queue.columns]
    out = queue[cols].copy()
    for c in cols[3:]:
        out[c] = out[c].map(lambda v: tr(*OVERLOAD, lang) if v == float("inf") else f"{float(v):.2f}")
    return _headers(out, lang)


# ----------------------------------------------------------------- lesson 5
def principles_table(*, lang: str = "zh") -> pd.DataFrame:
    """The five design principles (seed 000): name, definition, seed."""
    from ..designs import principles

    check_lang(lang)
    p = principles()
    out = pd.DataFrame({"principle": p[_name(lang)], "definition": p[_definition(lang)],
                        "seed": p["source"].map(lambda s: _seed(s, lang))})
    return _headers(out, lang)


def principle_status_table(designs: Iterable[str], *, lang: str = "zh", **limits) -> pd.DataFrame:
    """Per design, each principle's result (passes / warning / not measurable); ``limits`` go to
    :func:`orglib.analysis.principles` (``max_layers``, ``max_steps``)."""
    from ..analysis import principles

    check_lang(lang)
    rows = []
    for tid in designs:
        pr = principles(_template(tid), lang=lang, **limits)
        rows.append({_label("design", lang): design_name(tid, lang),
                     **dict(zip(pr["name"], pr["status"].map(lambda s: tr(*STATUS[s], lang)), strict=True))})
    return _row_headers(pd.DataFrame(rows))


def principle_detail_table(design: str, *, lang: str = "zh", **limits) -> pd.DataFrame:
    """One design's principle checks: principle, value, result and what is measured."""
    from ..analysis import principles

    check_lang(lang)
    pr = principles(_template(design), lang=lang, **limits)
    out = pd.DataFrame({"principle": pr["name"], "value": pr["value"].map(lambda v: _figure("", float(v))),
                        "status": pr["status"].map(lambda s: tr(*STATUS[s], lang)), "proxy": pr["proxy"]})
    return _headers(out, lang)


def peer_authority_table(design: str, *, lang: str = "zh") -> pd.DataFrame:
    """Authority between peers in a design (the seed's 相互领导): who leads whom, in what (the
    template's link label; Chinese only, so shown in zh), and whether they lead each other."""
    from ..analysis import peer_authority

    check_lang(lang)
    org = _template(design)
    pos = org.positions.set_index("id")
    titles = pos["title"] if lang == "zh" else pos["title_en"].where(pos["title_en"].astype(bool), pos["title"])
    p = peer_authority(org)
    out = pd.DataFrame({"from": p["from"].map(titles), "to": p["to"].map(titles)})
    if lang == "zh":
        out["subject"] = p["label"]
    out["mutual"] = p["mutual"].map(lambda m: _yes(bool(m), lang))
    return _headers(out, lang)


def coordination_table(*, lang: str = "zh") -> pd.DataFrame:
    """The coordination mechanisms (seed 000): name, cadence, definition."""
    from ..designs import coordination

    check_lang(lang)
    c = coordination()
    out = pd.DataFrame({"mechanism": c[_name(lang)],
                        "cadence": c["cadence"].map(lambda k: tr(*CADENCES.get(k, (k, k)), lang)),
                        "definition": c[_definition(lang)]})
    return _headers(out, lang)


def kpi_categories_table(*, lang: str = "zh") -> pd.DataFrame:
    """Seed 003's KPIs grouped by category (one row per category)."""
    from ..designs import kpis

    check_lang(lang)
    k = kpis()
    rows = [{"category": tr(*KPI_CATEGORIES.get(cat, (cat, cat)), lang), "count": len(g),
             "kpis": _join(g[_name(lang)], lang)} for cat, g in k.groupby("category", sort=False)]
    return _headers(pd.DataFrame(rows), lang)


# ----------------------------------------------------------------- lesson 6
def workflow_steps_table(workflow: str, *, lang: str = "zh") -> pd.DataFrame:
    """One workflow's steps: who does what and which steps approve (seed 003)."""
    from ._workflow_lesson import steps

    check_lang(lang)
    s = steps(workflow, lang=lang)
    out = pd.DataFrame({"step": s["step"], "post": s["title"], "action": s["action"],
                        "approves": s["approves"].map(lambda a: _yes(bool(a), lang))})
    return _headers(out, lang)


def structure_effect_table(workflow: str, *, lang: str = "zh", durations: dict | None = None) -> pd.DataFrame:
    """:func:`orglib.teaching.structure_effect` with measures and designs named in ``lang``."""
    from ._workflow_lesson import metric_label as workflow_label
    from ._workflow_lesson import structure_effect

    check_lang(lang)
    e = structure_effect(workflow, lang=lang, durations=durations)
    out = e.rename(columns={"seed 003": _label("seed_003", lang), "centralized": _label("centralized", lang),
                            "decentralized": _label("decentralized", lang)})
    out.index = [workflow_label(m, lang) for m in e.index]
    out.index.name = _label("metric", lang)
    return _row_headers(out.map(lambda v: _figure("", v) if isinstance(v, float) else v))


# ----------------------------------------------------------------- lesson 7
def case_table(case_id: str, *, lang: str = "zh") -> pd.DataFrame:
    """The capstone case: company, employees, the marketing headcount budget and the layer limit."""
    from ._capstone import case

    check_lang(lang)
    c = case(case_id)
    out = pd.DataFrame([{"case": c.name(lang), "employees": f"{c.employees:,}",
                         "budget": f"{c.budget[0]}–{c.budget[1]}", "max_layers": c.max_layers}])
    return _headers(out, lang)


def score_table(score: pd.DataFrame, *, lang: str = "zh") -> pd.DataFrame:
    """:func:`orglib.teaching.score_design`'s rows as a student reads them (criterion names, points)."""
    check_lang(lang)
    out = score.drop(columns=[c for c in ("criterion",) if c in score.columns]).rename(columns={"name": "criterion"})
    for c in ("points", "max_points"):
        out[c] = out[c].map(lambda v: f"{float(v):g}")
    return _headers(out, lang)


# ----------------------------------------------------------------- every lesson
def discussion_table(lesson: int, *, lang: str = "zh") -> pd.DataFrame:
    """The lesson's open questions, one column headed in ``lang`` (model answers stay in the pack).

    >>> discussion_table(4, lang="zh").columns.tolist()
    ['讨论题']
    """
    from ._open import open_questions

    check_lang(lang)
    q = open_questions(lesson, lang)
    return pd.DataFrame({tr("讨论题", "question", lang): q["question"].to_numpy()},
                        index=pd.RangeIndex(1, len(q) + 1))


def score_row_table(row: Mapping[str, object], *, lang: str = "zh") -> pd.DataFrame:
    """A :func:`orglib.teaching.score_row` (what goes to the grading CSV) as a student reads it: one
    line per field, named in ``lang``. The CSV itself keeps its fixed column names, so a teacher can
    merge the files of a class whatever language each student used.

    >>> from orglib.designs import template
    >>> from orglib.teaching import score_row
    >>> t = score_row_table(score_row("Ann", "startup-70", template("centralized-sme")), lang="en")
    >>> t.loc["total"].tolist(), t.loc["case"].tolist()
    (['92.5'], ['a 70-person start-up'])
    """
    from ._capstone import _NAMES, case

    check_lang(lang)
    lines = []
    for key, value in row.items():
        if key.startswith("points."):
            crit = key.split(".", 1)[1]
            label = tr(f"得分:{_NAMES[crit][0]}", f"points: {_NAMES[crit][1]}", lang) if crit in _NAMES else key
            lines.append((label, f"{float(value):g}"))
        elif key.startswith("answer."):
            lines.append((tr(f"回答:{key[7:]}", f"answer: {key[7:]}", lang), str(value)))
        elif key == "case":
            lines.append((_label("case", lang), case(str(value)).name(lang)))
        elif key == "total":
            lines.append((_label("total", lang), f"{float(value):g}"))
        elif key == "design" and re.fullmatch(r"(?:de)?centralized/\d+", str(value)):
            structure, span = str(value).split("/")
            lines.append((tr("设计", "design", lang), tr(f"{_label(structure, 'zh')},幅度目标 {span}",
                                                        f"{structure}, span target {span}", lang)))
        else:
            lines.append((tr(*{"student": ("学生", "student"), "design": ("设计", "design")}.get(key, (key, key)), lang),
                          str(value)))
    out = pd.DataFrame({tr("内容", "value", lang): [v for _, v in lines]}, index=[k for k, _ in lines])
    out.columns.name = tr("写入 CSV 的一行", "the row written to the CSV", lang)
    return out
