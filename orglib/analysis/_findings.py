"""Findings and recommendations: rules over the analysis results, ranked, each with evidence.

Every rule is a pure function of analysis results (:class:`SpansLayers`, :class:`Raci`,
validation problems, workflow metrics, a simulation series) and returns a list of
:class:`Finding`; :func:`findings` runs them all and ranks the result (severity, then
size of the deviation). No finding is written by hand for a template: the text, its
evidence (the number and where it comes from) and the recommended move are computed.

Rules
-----
``span_above_target``  a manager's span (people per incumbent) above the target range:
                       split the team under ``ceil(span / high)`` leads.
``layers_above_benchmark`` more layers than the headcount needs at the target span
                       (``1 + ceil(log(headcount) / log(high))``): remove layers.
``one_over_one``       managers with one report (chains counted): merge the layer.
``peer_authority``     peers holding functional authority (``directs``) over each
                       other (相互领导, :func:`peer_authority`): one command line.
``coverage_gap``       four roles or 4P/4C/4R elements no unit owns: assign an owner.
``duplicated_duty``    a duty two unrelated units both hold as primary: centralize it.
``long_approval``      workflows with an approval chain above ``max_approvals``: delegate.
``vacant_manager``     manager posts with headcount 0: fill or remove.
``growth_pressure``    the simulated mean span leaves the target range: plan leads.

Examples
--------
>>> from orglib._core.model import Org
>>> from orglib.analysis import spans_layers
>>> org = Org.from_records([{"id": "m", "title": "经理", "title_en": "Manager", "headcount": 1},
...                         {"id": "e", "title": "专员", "reports_to": "m", "headcount": 10}])
>>> f = findings(org, spans_layers(org, target="coach"), target="coach")
>>> f[0].rule, f[0].text("en")
('span_above_target', 'Manager leads 10 people against a coach range of 6–7.')
>>> f[0].recommendation("en")
'Split the team of Manager into 2 teams of at most 7 under 2 leads.'
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .._core import Org, count_en, tr
from ._raci import Raci, peer_authority
from ._spans import ARCHETYPES, SpansLayers, resolve_target

HIGH, MEDIUM, LOW = 3, 2, 1
"""Severities (a higher one ranks first)."""

SEVERITY_LABELS: dict[int, tuple[str, str]] = {HIGH: ("高", "high"), MEDIUM: ("中", "medium"), LOW: ("低", "low")}

RULES: dict[str, tuple[str, str]] = {
    "span_above_target": ("管理幅度过大", "Span above target"),
    "layers_above_benchmark": ("层级过多", "Too many layers"),
    "one_over_one": ("一对一层级", "One-over-one layers"),
    "peer_authority": ("相互领导", "Peers leading each other"),
    "coverage_gap": ("职能缺口", "Uncovered roles and elements"),
    "duplicated_duty": ("职能重复", "Duplicated duties"),
    "long_approval": ("审批链过长", "Long approval chains"),
    "vacant_manager": ("管理岗空缺", "Vacant manager posts"),
    "growth_pressure": ("增长压力", "Growth pressure"),
}
"""Rule key → (zh, en) heading."""


@dataclass(frozen=True)
class Finding:
    """One finding: what, the evidence behind it, and the recommended move (zh + en)."""

    rule: str
    severity: int
    score: float
    finding_zh: str
    finding_en: str
    evidence_zh: str
    evidence_en: str
    recommendation_zh: str
    recommendation_en: str
    subject: str = ""

    def text(self, lang: str = "zh") -> str:
        return tr(self.finding_zh, self.finding_en, lang)

    def evidence(self, lang: str = "zh") -> str:
        return tr(self.evidence_zh, self.evidence_en, lang)

    def recommendation(self, lang: str = "zh") -> str:
        return tr(self.recommendation_zh, self.recommendation_en, lang)

    def heading(self, lang: str = "zh") -> str:
        return tr(*RULES[self.rule], lang)


def _n(v: float) -> str:
    """A count for text: thousands separators, no trailing .0."""
    if v is None or (isinstance(v, float) and not math.isfinite(v)):
        return "—"
    return f"{v:,.0f}" if float(v) == round(float(v)) else f"{v:,.1f}"


def _title(rec: Mapping[str, Any], lang: str) -> str:
    if lang == "en" and rec.get("title_en"):
        return str(rec["title_en"])
    return str(rec.get("title") or rec.get("id") or "")


def _range(target: str | float | None) -> tuple[float, float, str] | None:
    return resolve_target(target)


def _range_text(rng: tuple[float, float, str], lang: str) -> str:
    lo, hi, key = rng
    a = ARCHETYPES.get(key)
    if a is None:
        return tr(f"目标 ≤ {hi:g} 人", f"target of at most {hi:g}", lang)
    hi_t = "+" if math.isinf(hi) else f"–{hi:g}"
    return tr(f"{a.name}区间 {lo:g}{hi_t} 人", f"{a.name_en} range of {lo:g}{hi_t}", lang)


# ----------------------------------------------------------------- rules
def span_above_target(spans: SpansLayers, *, target: str | float | None = "coach",
                      to_be: SpansLayers | None = None, shown: int = 3,
                      unit_names: Mapping[str, tuple[str, str]] | None = None) -> list[Finding]:
    """Managers whose span is above the target range; recommend ``ceil(span / high)`` leads.

    The ``shown`` widest get a finding each; the rest are one finding with their count
    and the leads they need in all. A title several managers share is followed by the
    post's unit (``unit_names``: unit id → (zh, en)), so two findings never name the same
    "Supervisor".

    >>> from orglib._core.model import Org
    >>> from orglib.analysis import spans_layers
    >>> org = Org.from_records([{"id": "m", "headcount": 1},
    ...                         {"id": "e", "reports_to": "m", "headcount": 15}])
    >>> [f.subject for f in span_above_target(spans_layers(org), target="supervisor")]
    ['m']
    """
    rng = _range(target)
    if rng is None or math.isinf(rng[1]):
        return []
    lo, hi, _key = rng
    m = spans.managers
    wide = m[m["span"] > hi].sort_values("span", ascending=False)
    after = {}
    if to_be is not None:
        after = dict(zip(to_be.managers["id"], to_be.managers["span"], strict=True))
    out = []
    rest = wide.iloc[shown:]
    shared = set(m["title"][m["title"].duplicated(keep=False)]) - {""} if "title" in m else set()
    # a title several managers of one unit share: the post's id tells them apart too
    twins = (set(map(tuple, m.loc[m.duplicated(["title", "unit"], keep=False), ["title", "unit"]].astype(str)
                     .to_numpy())) if {"title", "unit"} <= set(m.columns) else set())
    for rec in wide.head(shown).to_dict("records"):
        span = float(rec["span"])
        k = math.ceil(span / hi)
        names = {lang: _title(rec, lang) for lang in ("zh", "en")}
        unit = str(rec.get("unit") or "")
        if rec.get("title") in shared and unit:
            zh_u, en_u = (unit_names or {}).get(unit, (unit, unit))
            pid = f",{rec['id']}" if (str(rec.get("title")), unit) in twins else ""
            names = {"zh": f"{names['zh']}({zh_u}{pid})",
                     "en": f"{names['en']} ({en_u or zh_u}{pid.replace(',', ', ')})"}
        rt = {lang: _range_text(rng, lang) for lang in ("zh", "en")}
        rec_zh = f"将{names['zh']}的团队拆分为 {k} 个不超过 {hi:g} 人的小组,设 {k} 名组长。"
        rec_en = f"Split the team of {names['en']} into {k} teams of at most {hi:g} under {k} leads."
        if rec["id"] in after and math.isfinite(after[rec["id"]]):
            a = float(after[rec["id"]])
            rec_zh += f"方案中该岗位的管理幅度为 {_n(a)} 人。"
            rec_en += f" The to-be brings this span to {_n(a)}."
        out.append(Finding(
            "span_above_target", HIGH if span > 1.25 * hi else MEDIUM, span / hi,
            f"{names['zh']}每人管理 {_n(span)} 人,超出{rt['zh']}。",
            f"{names['en']} leads {_n(span)} people against a {rt['en']}.",
            f"管理幅度 = 直接下级人数 / 在岗人数 = {_n(span)}(第 {int(rec['layer'])} 层,"
            f"直接下级岗位 {int(rec['direct_reports'])} 个,下属共 {_n(rec['people_below'])} 人)",
            f"span = direct reports (people) per incumbent = {_n(span)} (layer {int(rec['layer'])}, "
            f"{count_en(int(rec['direct_reports']), 'direct report post')}, {_n(rec['people_below'])} people below)",
            rec_zh, rec_en, str(rec["id"])))
    if len(rest):
        span = rest["span"].to_numpy(dtype=float)
        leads = int(np.sum(np.ceil(span / hi)))
        med = float(np.median(span))
        n = len(rest)
        out.append(Finding(
            "span_above_target", MEDIUM, float(np.max(span)) / hi,
            f"另有 {n:,} 个管理岗位的管理幅度超过 {hi:g} 人(中位数 {_n(med)} 人)。",
            f"{count_en(n, 'more manager post')} {'leads' if n == 1 else 'lead'} more than {hi:g} people "
            f"(median {_n(med)}).",
            f"管理岗位表:幅度 > {hi:g} 的岗位(不含上面列出的 {shown} 个)",
            f"manager table: spans above {hi:g}, besides the {shown} listed above",
            f"把这些团队拆分到不超过 {hi:g} 人,约需 {leads:,} 名组长(现有 {n:,} 名管理者);名单见 Excel 文件。",
            f"Split these teams to at most {hi:g} people: about {leads:,} leads instead of today's {n:,} "
            "managers; the list is in the Excel file.", "more"))
    return out


def benchmark_layers(headcount: float, span: float) -> int:
    """Layers a department of ``headcount`` needs when every manager leads ``span`` people.

    >>> benchmark_layers(11, 7), benchmark_layers(100_000, 7), benchmark_layers(1, 7)
    (3, 7, 1)
    """
    if headcount <= 1 or span <= 1:
        return 1
    return 1 + math.ceil(math.log(headcount) / math.log(span) - 1e-9)


def layers_above_benchmark(spans: SpansLayers, *, target: str | float | None = "coach") -> list[Finding]:
    """More layers than :func:`benchmark_layers` at the top of the target range.

    >>> from orglib._core.model import Org
    >>> from orglib.analysis import spans_layers
    >>> org = Org.from_records([{"id": f"p{i}", "reports_to": f"p{i-1}" if i else "", "headcount": 1}
    ...                         for i in range(6)])
    >>> layers_above_benchmark(spans_layers(org))[0].recommendation("en")
    'Remove 4 layers: 6 layers for 6 people where 2 suffice at a span of 7.'
    """
    rng = _range(target)
    span = 7.0 if rng is None or math.isinf(rng[1]) else float(rng[1])
    sm = spans.summary
    bench = benchmark_layers(float(sm["headcount"]), span)
    layers = int(sm["layers"])
    if layers <= bench:
        return []
    extra = layers - bench
    hc = _n(sm["headcount"])
    return [Finding(
        "layers_above_benchmark", HIGH if extra >= 2 else MEDIUM, float(extra),
        f"{layers} 个管理层级,{hc} 人的部门在管理幅度 {span:g} 时只需 {bench} 层。",
        f"{layers} layers where {bench} suffice for {hc} people at a span of {span:g}.",
        f"基准层级 = 1 + ⌈log(人数) / log(幅度)⌉ = 1 + ⌈log({hc}) / log({span:g})⌉ = {bench}",
        f"benchmark = 1 + ⌈log(headcount) / log(span)⌉ = 1 + ⌈log({hc}) / log({span:g})⌉ = {bench}",
        f"减少 {extra} 个层级:{layers} 层对 {hc} 人而言过多,幅度 {span:g} 时 {bench} 层即可。",
        f"Remove {count_en(extra, 'layer')}: {layers} layers for {hc} people where {bench} suffice at a span "
        f"of {span:g}.")]


def one_over_one(spans: SpansLayers) -> list[Finding]:
    """Managers with a single report (per incumbent); chains are named.

    >>> from orglib._core.model import Org
    >>> from orglib.analysis import spans_layers
    >>> org = Org.from_records([{"id": "a", "headcount": 1}, {"id": "b", "reports_to": "a", "headcount": 1},
    ...                         {"id": "c", "reports_to": "b", "headcount": 3}])
    >>> one_over_one(spans_layers(org))[0].text("en")
    '1 manager post leads a single person: a one-over-one layer (e.g. a).'
    """
    f = spans.flags
    oo = f[f["flag"] == "one_over_one"]
    if not len(oo):
        return []
    chains = int((f["flag"] == "one_over_one_chain").sum())
    ids = oo["id"].tolist()
    m = spans.managers.set_index("id")
    names = {lang: [_title({"id": i, **m.loc[i].to_dict()}, lang) if i in m.index else str(i)
                    for i in ids[:3]] for lang in ("zh", "en")}
    more = len(ids) - 3
    tail_en = f" and {more:,} more" if more > 0 else ""
    tail_zh = f"等 {len(ids):,} 个" if more > 0 else ""
    chain_en = f"; {chains:,} of them sit in chains of single reports" if chains else ""
    chain_zh = f";其中 {chains:,} 个处于单线汇报链中" if chains else ""
    return [Finding(
        "one_over_one", MEDIUM if len(ids) >= 2 or chains else LOW, float(len(ids) + chains),
        f"{len(ids):,} 个管理岗位只管理 1 人:一对一层级(如{'、'.join(names['zh'])}{tail_zh})。",
        f"{count_en(len(ids), 'manager post')} {'leads' if len(ids) == 1 else 'lead'} a single person: "
        "a one-over-one layer "
        f"(e.g. {', '.join(names['en'])}{tail_en}).",
        f"问题标记“一对一”× {len(ids):,}{chain_zh}",
        f"flag 'one-over-one' × {len(ids):,}{chain_en}",
        "合并一对一层级:让其唯一下级直接向上一级汇报,或为该管理者增加下属。",
        "Merge each one-over-one layer: its single report moves up to the next manager, "
        "or the manager takes on a full team.")]


def peer_leadership(org: Org, peers: pd.DataFrame | None = None) -> list[Finding]:
    """Peers holding functional authority over each other (相互领导).

    ``peers`` is :func:`orglib.analysis.peer_authority` of ``org`` (the one rule that
    says which ``directs`` links join peers; computed when not given).

    >>> from orglib._core.model import Org
    >>> org = Org.from_records([{"id": "m", "headcount": 1},
    ...     {"id": "a", "reports_to": "m", "headcount": 1}, {"id": "b", "reports_to": "m", "headcount": 1}],
    ...     links=[{"from": "a", "to": "b", "kind": "directs"}, {"from": "b", "to": "a", "kind": "directs"}])
    >>> peer_leadership(org)[0].text("en")[:58]
    '2 functional-authority links join peers; 1 pair leads each'
    """
    peers = peer_authority(org) if peers is None else peers
    if not len(peers):
        return []
    n = len(peers)
    pairs = len({frozenset((a, b)) for a, b, m in zip(peers["from"], peers["to"], peers["mutual"], strict=True)
                 if m})
    posts = len(set(peers["from"]) | set(peers["to"]))
    return [Finding(
        "peer_authority", HIGH, float(n),
        f"{n} 条职能领导关系发生在同级岗位之间,其中 {pairs} 对岗位相互领导:指挥链不清,职责与权力不清晰。",
        f"{count_en(n, 'functional-authority link')} {'joins' if n == 1 else 'join'} peers; "
        f"{count_en(pairs, 'pair')} {'leads' if pairs == 1 else 'lead'} each other: the command line "
        "and accountability are blurred.",
        f"同一上级或同一层级的岗位之间的职能领导关系 {n} 条,涉及 {posts} 个岗位",
        f"{count_en(n, 'functional-authority link')} between posts with the same manager or on the same layer, "
        f"{count_en(posts, 'post')} involved",
        "每位员工只接受一条指挥线:把专项职能(如促销、终端、培训)的领导权交给同级之上的一名负责人"
        "(副经理或专项主管),同级之间改为协作关系。",
        "Give every employee one line of command: put the specialist functions under one lead above the "
        "peers (a deputy or a specialist lead) and turn the peer links into collaboration.")]


def has_responsibilities(raci: Raci) -> bool:
    """Whether the input says who does what: some duty in the matrix or some catalogue
    element covered by a unit's functions (a plain HR export has neither).

    >>> from orglib._core.model import Org
    >>> from orglib.analysis import raci
    >>> has_responsibilities(raci(Org.from_records([{"id": "a", "headcount": 1}])))
    False
    """
    return bool(len(raci.matrix)) or bool(raci.coverage["covered"].astype(bool).any())


def coverage_gap(raci: Raci, *, labels: Mapping[str, tuple[str, str]] | None = None) -> list[Finding]:
    """Four roles or 4P/4C/4R elements no unit owns; roles rank above mix elements.

    ``labels`` maps tag → (zh, en) (the catalogue's names; default the tag's own names).

    An input that lists no duties and no unit functions at all (a plain HR export) gives
    no evidence either way: no finding (the report says coverage cannot be assessed).

    >>> from orglib._core.model import Org
    >>> from orglib.analysis import raci
    >>> org = Org.from_records([{"id": "a", "unit": "u", "headcount": 1}],
    ...                        units=[{"id": "u", "functions": ["4P.price"]}])
    >>> [f.subject for f in coverage_gap(raci(org))]
    ['roles', 'mix']
    >>> coverage_gap(raci(Org.from_records([{"id": "a", "unit": "u", "headcount": 1}], units=[{"id": "u"}])))
    []
    """
    gaps = raci.gaps
    if not len(gaps) or not has_responsibilities(raci):
        return []
    out = []
    lab = {t: (labels or {}).get(t) or (n, e) for t, n, e in
           zip(gaps["tag"], gaps["name"], gaps["name_en"], strict=True)}
    for is_role in (True, False):
        part = gaps[(gaps["group"] == "roles") == is_role]
        if not len(part):
            continue
        by_zh = [f"{g} {'、'.join(lab[t][0] for t in part.loc[part['group'] == g, 'tag'])}"
                 for g in dict.fromkeys(part["group"])] if not is_role else [
                     "、".join(lab[t][0] for t in part["tag"])]
        by_en = [f"{g} {', '.join(lab[t][1] for t in part.loc[part['group'] == g, 'tag'])}"
                 for g in dict.fromkeys(part["group"])] if not is_role else [
                     ", ".join(lab[t][1] for t in part["tag"])]
        zh, en = ";".join(by_zh), "; ".join(by_en)
        total = 4 if is_role else 12
        g_zh, g_en = ("四大职能", "of the four roles") if is_role else ("4P/4C/4R 要素", "4P/4C/4R elements")
        if len(part) == total:  # "4 of 4 of the four roles" reads as a dump
            what_zh = f"{g_zh}均无人负责({zh})。"
            what_en = (f"None of the four roles has an owner ({en})." if is_role
                       else f"None of the 12 4P/4C/4R elements has an owner ({en}).")
        else:
            what_zh = f"{g_zh}中有 {len(part)} 项无人负责({zh})。"
            what_en = f"{len(part)} of {total} {g_en} {'has' if len(part) == 1 else 'have'} no owner ({en})."
        out.append(Finding(
            "coverage_gap", HIGH if is_role else (MEDIUM if len(part) >= 3 else LOW),
            float(len(part)) / total,
            what_zh, what_en,
            f"没有单位在部门职能或岗位主要职责中承担;已覆盖 {total - len(part)}/{total}",
            f"no unit lists them in its functions or a post's primary duties; {total - len(part)} of "
            f"{total} covered",
            f"为每项缺失的职能指定负责单位或岗位,并写入其主要职责({zh})。",
            f"Name an owning unit or post for each missing element and write it into its primary duties ({en}).",
            "roles" if is_role else "mix"))
    return out


def duplicated_duty(raci: Raci, *, unit_names: Mapping[str, tuple[str, str]] | None = None) -> list[Finding]:
    """Duties two unrelated units hold as primary: centralize each in one unit.

    >>> from orglib._core.model import Org
    >>> from orglib.analysis import raci
    >>> org = Org.from_records([{"id": "m", "unit": "a", "headcount": 1, "duties": {"primary": ["定价"]}},
    ...     {"id": "x", "unit": "b", "reports_to": "m", "headcount": 1, "duties": {"primary": ["定价"]}}],
    ...     units=[{"id": "a"}, {"id": "b"}])
    >>> duplicated_duty(raci(org))[0].text("en")
    '1 duty held as primary by two or more units (定价: a, b).'
    """
    ov = raci.overlaps
    if not len(ov):
        return []
    un = unit_names or {}

    def units(us: Sequence[str], lang: str) -> str:
        return ", ".join(tr(*un.get(u, (u, u)), lang) for u in us)

    shown = ov.head(3).to_dict("records")
    ex_zh = ";".join(f"{r['duty']}:{units(r['units'], 'zh')}" for r in shown)
    ex_en = "; ".join(f"{r['duty']}: {units(r['units'], 'en')}" for r in shown)
    first = shown[0]
    return [Finding(
        "duplicated_duty", MEDIUM if len(ov) >= 2 else LOW, float(len(ov)),
        f"{len(ov)} 项职责由两个以上单位同时作为主要职责({ex_zh})。",
        f"{len(ov)} duty held as primary by two or more units ({ex_en})." if len(ov) == 1 else
        f"{len(ov)} duties held as primary by two or more units ({ex_en}).",
        "职责矩阵中同一职责有两个以上单位标为 R(不计上下级单位)",
        "responsibility matrix: two or more units marked R on the same duty (parent units not counted)",
        f"将每项重复职责集中到一个单位(如“{first['duty']}”归{units(first['units'][:1], 'zh')}),"
        "其他单位改为辅助(S)。",
        f"Centralize each duplicated duty in one unit (e.g. '{first['duty']}' in "
        f"{units(first['units'][:1], 'en')}); the others assist (S)."),
    ]


def long_approval(workflows: pd.DataFrame | None, *, max_approvals: int = 2) -> list[Finding]:
    """Workflows whose longest approval chain is above ``max_approvals``.

    >>> wf = pd.DataFrame({"workflow": ["W"], "name": ["报销"], "name_en": ["Expenses"],
    ...                    "longest_approval_chain": [4], "cycle_days": [9.0]})
    >>> long_approval(wf)[0].text("en")
    'Workflow Expenses needs 4 approvals in a row (cycle 9 days).'
    """
    if workflows is None or not len(workflows):
        return []
    out = []
    for r in workflows[workflows["longest_approval_chain"] > max_approvals].to_dict("records"):
        n = int(r["longest_approval_chain"])
        name_en = r.get("name_en") or r.get("name") or r["workflow"]
        name_zh = r.get("name") or r["workflow"]
        out.append(Finding(
            "long_approval", MEDIUM, float(n - max_approvals),
            f"流程“{name_zh}”连续需要 {n} 级审批(周期 {_n(r['cycle_days'])} 天)。",
            f"Workflow {name_en} needs {n} approvals in a row (cycle {_n(r['cycle_days'])} days).",
            f"流程指标:最长审批链 {n} 级(基准 ≤ {max_approvals})",
            f"workflow metrics: longest approval chain {n} (benchmark ≤ {max_approvals})",
            f"把“{name_zh}”的审批权下放,保留不超过 {max_approvals} 级审批。",
            f"Delegate approvals in {name_en}: keep at most {max_approvals} in a row.", str(r["workflow"])))
    return out


def vacant_manager(spans: SpansLayers) -> list[Finding]:
    """Manager posts with headcount 0 (their reports have no manager in post).

    >>> from orglib._core.model import Org
    >>> from orglib.analysis import spans_layers
    >>> org = Org.from_records([{"id": "m", "headcount": 0}, {"id": "e", "reports_to": "m", "headcount": 2}])
    >>> vacant_manager(spans_layers(org))[0].subject
    'm'
    """
    f = spans.flags
    vac = f[f["flag"] == "vacant_manager"]
    if not len(vac):
        return []
    m = spans.managers.set_index("id")
    below = float(m.loc[vac["id"], "people_below"].sum())
    first = {"id": vac["id"].iloc[0], **m.loc[vac["id"].iloc[0]].to_dict()}
    return [Finding(
        "vacant_manager", HIGH if below >= 10 else MEDIUM, float(below),
        f"{len(vac):,} 个管理岗位空缺(如{_title(first, 'zh')}),其下 {_n(below)} 人无在岗上级。",
        f"{count_en(len(vac), 'manager post')} {'is' if len(vac) == 1 else 'are'} vacant (e.g. "
        f"{_title(first, 'en')}); {count_en(below, 'person', 'people')} below {'it' if len(vac) == 1 else 'them'} "
        f"{'has' if below == 1 else 'have'} no manager in post.",
        "问题标记“管理岗空缺”:定员 0 而有下属",
        "flag 'vacant manager': headcount 0 with reports",
        "尽快补齐空缺管理岗,或将其下属并入相邻团队并撤销该岗位。",
        "Fill the vacant manager posts, or move their teams to a neighbouring manager and remove the post.",
        str(vac["id"].iloc[0]))]


def growth_pressure(series: pd.DataFrame | None, *, target: str | float | None = "coach",
                    growth: float | None = None) -> list[Finding]:
    """The simulated median mean span at the last month is above the target range.

    ``series`` is a simulation series (month, metric, p10, p50, p90).

    >>> s = pd.DataFrame({"month": [0, 24, 0, 24], "metric": ["span_mean"] * 2 + ["headcount"] * 2,
    ...                   "p10": [5, 8, 11, 20], "p50": [5, 9, 11, 22], "p90": [5, 10, 11, 25]})
    >>> growth_pressure(s, target="coach")[0].rule
    'growth_pressure'
    """
    rng = _range(target)
    if series is None or not len(series) or rng is None or math.isinf(rng[1]):
        return []
    last = series[series["month"] == series["month"].max()].set_index("metric")
    first = series[series["month"] == series["month"].min()].set_index("metric")
    if "span_mean" not in last.index:
        return []
    span = float(last.loc["span_mean", "p50"])
    hi = rng[1]
    if not span > hi:
        return []
    months = int(series["month"].max())
    hc0 = float(first.loc["headcount", "p50"]) if "headcount" in first.index else math.nan
    hc1 = float(last.loc["headcount", "p50"]) if "headcount" in last.index else math.nan
    g = f"{growth:.0%}" if growth is not None else ""
    return [Finding(
        "growth_pressure", MEDIUM, span / hi,
        f"按计划增长{('(每月 ' + g + ')') if g else ''},{months} 个月后平均管理幅度的中位数为 {_n(span)},"
        f"超出目标上限 {hi:g}。",
        f"At the planned growth{(' (' + g + ' a month)') if g else ''} the median mean span reaches "
        f"{_n(span)} after {months} months, above the target's {hi:g}.",
        f"增长模拟:人数中位数 {_n(hc0)} → {_n(hc1)}",
        f"growth simulation: median headcount {_n(hc0)} → {_n(hc1)}",
        f"提前规划管理岗位:在人数增长过程中及时增设组长,使幅度保持在 {hi:g} 以内。",
        f"Plan leads ahead of growth: add a lead whenever a team passes {hi:g} people.")]


# ----------------------------------------------------------------- all rules
def findings(org: Org, spans: SpansLayers, *, target: str | float | None = "coach",
             raci: Raci | None = None, workflows: pd.DataFrame | None = None,
             simulation: pd.DataFrame | None = None, growth: float | None = None,
             to_be: SpansLayers | None = None, peers: pd.DataFrame | None = None,
             labels: Mapping[str, tuple[str, str]] | None = None,
             unit_names: Mapping[str, tuple[str, str]] | None = None) -> list[Finding]:
    """Every rule over the analysis of ``org``, ranked (severity, then deviation).

    Parameters
    ----------
    org : Org
    spans : SpansLayers
        ``spans_layers(org, target=target)``.
    target : archetype key or number
    raci : Raci, optional
    workflows : DataFrame, optional
        :func:`workflow_metrics` of ``org``.
    simulation : DataFrame, optional
        A simulation series (month, metric, p10, p50, p90).
    growth : float, optional
        Planned monthly growth of the simulation (for the text).
    to_be : SpansLayers, optional
        The to-be's spans (recommendations state its effect).
    peers : DataFrame, optional
        :func:`peer_authority` of ``org`` (computed when not given).
    labels, unit_names : mapping, optional
        tag → (zh, en) and unit id → (zh, en) display names.

    Returns
    -------
    list of Finding, most important first.
    """
    out: list[Finding] = []
    out += span_above_target(spans, target=target, to_be=to_be, unit_names=unit_names)
    out += layers_above_benchmark(spans, target=target)
    out += one_over_one(spans)
    out += peer_leadership(org, peers)
    out += vacant_manager(spans)
    if raci is not None:
        out += coverage_gap(raci, labels=labels)
        out += duplicated_duty(raci, unit_names=unit_names)
    out += long_approval(workflows)
    out += growth_pressure(simulation, target=target, growth=growth)
    return sorted(out, key=lambda f: (-f.severity, -f.score))


def findings_frame(items: Sequence[Finding], lang: str = "zh") -> pd.DataFrame:
    """Findings as a table: rank, severity, area, finding, evidence, recommendation.

    >>> findings_frame([], "en").columns.tolist()
    ['rank', 'severity', 'area', 'finding', 'evidence', 'recommendation']
    """
    return pd.DataFrame(
        [{"rank": i + 1, "severity": tr(*SEVERITY_LABELS[f.severity], lang), "area": f.heading(lang),
          "finding": f.text(lang), "evidence": f.evidence(lang), "recommendation": f.recommendation(lang)}
         for i, f in enumerate(items)],
        columns=["rank", "severity", "area", "finding", "evidence", "recommendation"])
