"""Responsibilities (RACI), coverage of the theory catalogues and design-principle checks.

Duties come from each post's ``duties`` (``primary`` → R, ``assisting`` → S) and from
links: a post that ``assists`` another gets S on that post's primary duties; ``approves``
and ``directs`` give A, ``collaborates`` C, ``dotted`` I. A duty item may also carry an
explicit ``raci`` letter (``{"text": ..., "raci": "A"}``). Letters are collected per
unit (the post's ``unit``; a post without one counts as its own unit ``@<post id>``).

Coverage: a tag of the four roles (情报/参谋/监管/公关) or of 4P/4C/4R is *owned* by a
unit when the unit lists it in ``functions`` or one of its posts has a primary duty
tagged with it (``roles`` / ``elements``). A tag no unit owns is a **gap**.

Examples
--------
>>> from orglib._core.model import Org
>>> org = Org.from_records(
...     [{"id": "m", "title": "经理", "unit": "mkt", "headcount": 1,
...       "duties": {"primary": [{"text": "市场调研", "roles": ["role.intelligence"]}]}},
...      {"id": "a", "title": "策划", "unit": "plan", "reports_to": "m", "headcount": 1,
...       "duties": {"primary": ["市场调研"], "assisting": ["品牌推广"]}}],
...     units=[{"id": "mkt", "name": "市场部"}, {"id": "plan", "name": "策划部", "parent": "mkt"}])
>>> r = raci(org)
>>> r.matrix.loc["市场调研"].to_dict()
{'mkt': 'R', 'plan': 'R'}
>>> list(r.overlaps["duty"])    # mkt is plan's parent unit: not an overlap
[]
>>> sorted(r.gaps["tag"])[:2]
['4C.communication', '4C.convenience']
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from .._core import Org, OrgInputError, check_lang, depths, tr
from ._coverage import (
    LETTER_ORDER,
    _items,
    _unit_ancestors,
    _unit_of,
    coverage,
    duty_table,
)
from ._metrics import metrics

PRINCIPLES: tuple[tuple[str, str, str], ...] = (
    ("principle.coordination", "协调性原则", "Coordination"),
    ("principle.clear_responsibility", "清晰责任原则", "Clear responsibility"),
    ("principle.information_flow", "信息畅通原则", "Open information flow"),
    ("principle.flexibility", "灵活性原则", "Flexibility"),
    ("principle.efficiency", "效率原则", "Efficiency"),
)


# ----------------------------------------------------------------- result
@dataclass(frozen=True)
class Raci:
    """Result of :func:`raci`.

    matrix : DataFrame, duties (index) × units (columns), cells like ``"R"``, ``"S"``,
        ``"A/S"`` or ``""``.
    gaps : DataFrame, catalogue tags no unit owns (tag, group, name, name_en).
    overlaps : DataFrame, duties with two or more units primary (duty, units), not
        counting a unit and its own parent unit.
    unclear_units : DataFrame, units with posts but no primary duty (unit, name, posts).
    coverage : DataFrame, see :func:`coverage`.
    principles : DataFrame, see :func:`principles`.
    """

    matrix: pd.DataFrame
    gaps: pd.DataFrame
    overlaps: pd.DataFrame
    unclear_units: pd.DataFrame
    coverage: pd.DataFrame
    principles: pd.DataFrame

    def to_dict(self) -> dict[str, Any]:
        m = self.matrix
        return {
            "matrix": [{"duty": d, **{u: m.loc[d, u] for u in m.columns if m.loc[d, u]}}
                       for d in m.index],
            "gaps": self.gaps, "overlaps": self.overlaps, "unclear_units": self.unclear_units,
            "principles": self.principles,
        }


def _duty_labels(duties: pd.DataFrame, lang: str) -> pd.Series:
    """One label per duty, the same duties in either language.

    A duty is its source (Chinese) text: the same text in two units is one duty even where the
    templates translate it in two ways (the English label is the duty's first translation), and
    two source texts are two duties even where they share a translation (the second gets " (2)").
    So a duty's overlaps count the same in ``zh`` and ``en``.
    """
    if lang != "en":
        return duties["duty"]
    first: dict[str, str] = {}
    for zh, en in zip(duties["duty"], duties["duty_en"], strict=True):
        if zh not in first or (not first[zh] and en):
            first[zh] = en
    taken: dict[str, int] = {}
    label: dict[str, str] = {}
    for zh, en in first.items():
        text = en or zh
        taken[text] = taken.get(text, 0) + 1
        label[zh] = text if taken[text] == 1 else f"{text} ({taken[text]})"
    return duties["duty"].map(label)


def raci(org: Org, *, lang: str = "zh") -> Raci:
    """Duties × units responsibility matrix with gaps, overlaps and principle checks.

    Parameters
    ----------
    org : Org
    lang : "zh" or "en"
        Language of duty labels (the matrix index) and messages; ``en`` uses
        ``text_en`` where the data gives it.

    Returns
    -------
    Raci

    Examples
    --------
    >>> from orglib._core.model import Org
    >>> org = Org.from_records(
    ...     [{"id": "m", "unit": "a", "headcount": 1, "duties": {"primary": ["定价"]}},
    ...      {"id": "x", "unit": "b", "reports_to": "m", "headcount": 2,
    ...       "duties": {"primary": ["定价"]}},
    ...      {"id": "y", "unit": "c", "reports_to": "m", "headcount": 2}],
    ...     units=[{"id": "a"}, {"id": "b"}, {"id": "c"}],
    ...     links=[{"from": "y", "to": "x", "kind": "assists"}])
    >>> r = raci(org)
    >>> r.matrix.loc["定价"].to_dict()
    {'a': 'R', 'b': 'R', 'c': 'S'}
    >>> r.overlaps["units"].tolist()
    [['a', 'b']]
    >>> r.unclear_units["unit"].tolist()
    ['c']
    """
    check_lang(lang)
    if len(org.positions) == 0:
        raise OrgInputError("the org is empty: no posts / 组织为空:没有岗位")
    duties = duty_table(org)
    known_units = set(org.units["id"])
    unit_order = [u for u in org.units["id"] if u] + sorted(
        {u for u in _unit_of(org).values() if u.startswith("@")} |
        {u for u in set(org.positions["unit"]) if u and u not in known_units})
    duties = duties.assign(label=_duty_labels(duties, lang))
    duty_order = list(dict.fromkeys(duties["label"]))
    cells: dict[tuple[str, str], set[str]] = {}
    for rec in duties.to_dict("records"):
        cells.setdefault((rec["label"], rec["unit"]), set()).add(rec["letter"])
    used_units = [u for u in unit_order if any(k[1] == u for k in cells)]
    data = {u: ["/".join(c for c in LETTER_ORDER if c in cells.get((d, u), set()))
                for d in duty_order] for u in used_units}
    matrix = pd.DataFrame(data, index=pd.Index(duty_order, name="duty"), columns=used_units)

    anc = _unit_ancestors(org)
    over_rows = []
    for d in duty_order:
        prim = [u for u in used_units if "R" in cells.get((d, u), set())]
        # a unit and its parent unit both primary is delegation, not an overlap
        kept = [u for u in prim if not any(u in anc.get(v, set()) for v in prim if v != u)]
        if len(kept) >= 2:
            over_rows.append({"duty": d, "units": kept})
    overlaps = pd.DataFrame(over_rows, columns=["duty", "units"])

    cov = coverage(org)
    gaps = cov.loc[~cov["covered"], ["tag", "group", "name", "name_en"]].reset_index(drop=True)

    names = dict(zip(org.units["id"], org.units["name"], strict=True))
    names_en = dict(zip(org.units["id"], org.units["name_en"], strict=True))
    unit_of = _unit_of(org)
    posts_per_unit: dict[str, int] = {}
    for u in unit_of.values():
        posts_per_unit[u] = posts_per_unit.get(u, 0) + 1
    with_primary = set(duties.loc[duties["kind"] == "primary", "unit"])
    funcs = {u: _items(f) for u, f in zip(org.units["id"], org.units["functions"], strict=True)}
    unclear = [{"unit": u, "name": (names_en.get(u) or names.get(u, u)) if lang == "en" else names.get(u, u) or u,
                "posts": n}
               for u, n in posts_per_unit.items() if u not in with_primary and not funcs.get(u)]
    unclear_units = pd.DataFrame(unclear, columns=["unit", "name", "posts"])
    return Raci(matrix, gaps, overlaps, unclear_units, cov,
                principles(org, overlaps=len(overlaps), unclear=len(unclear), lang=lang))


# ----------------------------------------------------------------- principles
def principles(org: Org, *, max_layers: int = 4, max_steps: float = 3.0,
               overlaps: int | None = None, unclear: int | None = None,
               lang: str = "zh") -> pd.DataFrame:
    """Check ``org`` against the five design principles (组织结构设计原则, seed 000).

    Measurable proxies (``status`` is ``"ok"``, ``"warn"`` or ``"n/a"``):

    * 协调性 coordination — functions duplicated across units; warn if any.
    * 清晰责任 clear responsibility — duties with two units primary, units with no
      primary duty, **peer authority** (``directs`` links between peers: posts with the
      same manager or on the same layer — seed 000's 相互领导) and **blurred
      accountability** (posts that take orders from a peer besides their line manager);
      warn if any. See :func:`peer_authority`.
    * 信息畅通 information flow — average steps from a front-line post to the head;
      warn above ``max_steps``.
    * 灵活性 flexibility — no structural proxy (``n/a``); cross-unit dotted/collaborates
      links are reported as context.
    * 效率 efficiency (降低决策层级) — layers; warn above ``max_layers``.

    ``value_text`` is the value as a reader reads it, with its unit ("1.4 steps"); for
    clear responsibility, whose ``value`` adds problems of four kinds, its non-zero parts
    ("9 peer links + 4 posts", each kind named in ``proxy``).

    >>> from orglib._core.model import Org
    >>> org = Org.from_records([{"id": "m", "headcount": 1},
    ...                         {"id": "e", "reports_to": "m", "headcount": 3}])
    >>> principles(org, lang="en")[["principle", "value", "value_text", "status"]].values.tolist()[-1]
    ['principle.efficiency', 2.0, '2 layers', 'ok']
    """
    check_lang(lang)
    try:
        m = metrics(org)
    except OrgInputError:  # e.g. a single post: no structure to measure
        m = {k: math.nan for k in ("duplicated_functions", "avg_steps_to_head", "cross_unit_links", "layers")}
    if overlaps is None or unclear is None:
        r = raci(org, lang=lang)
        overlaps, unclear = len(r.overlaps), len(r.unclear_units)
    peers = peer_authority(org)
    n_peer = len(peers)
    n_blur = len(set(peers["to"]))
    clear_value = overlaps + unclear + n_peer + n_blur
    rows = [
        ("principle.coordination", m["duplicated_functions"], _ok(m["duplicated_functions"] == 0,
                                                                  m["duplicated_functions"]),
         tr("跨单位重复的职能数", "functions duplicated across units", lang)),
        ("principle.clear_responsibility", clear_value, clear_value == 0,
         tr(f"职责重叠 {overlaps} 项,无主要职责的单位 {unclear} 个,同级之间的领导关系 {n_peer} 条,"
            f"同时听命于同级与上级(责任不清)的岗位 {n_blur} 个",
            f"{overlaps} overlapping duties, {unclear} units without a primary duty, {n_peer} peer "
            f"authority links, {n_blur} posts taking orders from a peer as well as their manager "
            "(blurred accountability)", lang)),
        ("principle.information_flow", m["avg_steps_to_head"],
         _ok(not (m["avg_steps_to_head"] > max_steps), m["avg_steps_to_head"]),
         tr(f"一线岗位到部门负责人的平均层级数(目标 ≤ {max_steps:g})",
            f"average steps from a front-line post to the head (target ≤ {max_steps:g})", lang)),
        ("principle.flexibility", m["cross_unit_links"], None,
         tr("无结构性代理指标;跨单位虚线/协作关系数仅供参考",
            "no structural proxy; cross-unit dotted/collaboration links shown for context", lang)),
        ("principle.efficiency", m["layers"], _ok(m["layers"] <= max_layers, m["layers"]),
         tr(f"管理层级(降低决策层级,目标 ≤ {max_layers})",
            f"layers (reduce decision layers, target ≤ {max_layers})", lang)),
    ]
    # the value as a reader reads it: with its unit; clear responsibility counts problems of
    # four kinds (duties, units, links, posts), so it is written as its non-zero parts
    parts = [(overlaps, "项职责", "duties", "duty"), (unclear, "个单位", "units", "unit"),
             (n_peer, "条同级领导", "peer links", "peer link"), (n_blur, "个岗位", "posts", "post")]
    clear_text = tr(" + ", " + ", lang).join(
        tr(f"{n:,} {zh}", f"{n:,} {en1 if n == 1 else en}", lang) for n, zh, en, en1 in parts if n
    ) or tr("无", "none", lang)
    units = {"principle.coordination": ("项职能", "functions", "function"),
             "principle.information_flow": ("级", "steps", "step"),
             "principle.flexibility": ("条关系", "links", "link"),
             "principle.efficiency": ("层", "layers", "layer")}

    def shown(k: str, v: Any) -> str:
        if k == "principle.clear_responsibility":
            return clear_text
        if v is None or (isinstance(v, float) and math.isnan(v)):
            return "—"
        zh, en, en1 = units[k]
        num = f"{v:,.0f}" if float(v) == round(float(v)) else f"{v:.2g}"
        return tr(f"{num} {zh}", f"{num} {en1 if float(v) == 1 else en}", lang)

    names = {k: (zh, en) for k, zh, en in PRINCIPLES}
    return pd.DataFrame([
        {"principle": k, "name": tr(*names[k], lang), "value": v, "value_text": shown(k, v),
         "status": "n/a" if ok is None else ("ok" if ok else "warn"), "proxy": proxy}
        for k, v, ok, proxy in rows])




def _ok(cond: bool, value: Any) -> bool | None:
    """None (not measurable) when the value is missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return bool(cond)


def peer_authority(org: Org) -> pd.DataFrame:
    """``directs`` links between peers: posts with the same manager or on the same layer.

    Seed 000 criticises 多彩's as-is design for regional managers who lead one another
    (大区市场专员相互领导): functional authority between peers leaves nobody sure who
    answers for what. A ``directs`` link from a post to one that is *not* its peer (a
    specialist guiding another department's manager, say) is ordinary functional
    authority and is not counted.

    Returns
    -------
    DataFrame
        ``from``, ``to``, ``label``, ``mutual`` (the ``to`` post also directs ``from``),
        ``same_manager``, ``same_layer``; one row per peer link, in link order.

    Examples
    --------
    >>> from orglib._core.model import Org
    >>> org = Org.from_records(
    ...     [{"id": "m", "headcount": 1}, {"id": "a", "reports_to": "m", "headcount": 1},
    ...      {"id": "b", "reports_to": "m", "headcount": 1}],
    ...     links=[{"from": "a", "to": "b", "kind": "directs"},
    ...            {"from": "b", "to": "a", "kind": "directs"},
    ...            {"from": "m", "to": "b", "kind": "directs"}])
    >>> peer_authority(org)[["from", "to", "mutual"]].values.tolist()
    [['a', 'b', True], ['b', 'a', True]]
    """
    cols = ["from", "to", "label", "mutual", "same_manager", "same_layer"]
    links = org.links
    if len(links) == 0:
        return pd.DataFrame(columns=cols)
    d = links[links["kind"] == "directs"]
    if len(d) == 0:
        return pd.DataFrame(columns=cols)
    ids = org.positions["id"].astype(str).tolist()
    manager = dict(zip(ids, org.positions["reports_to"].astype(str), strict=True))
    try:
        layer = dict(zip(ids, depths(org.parent_index()).tolist(), strict=True))
    except OrgInputError:  # a reporting cycle: layers are undefined, compare managers only
        layer = {}
    pairs = set(zip(d["from"].astype(str), d["to"].astype(str), strict=True))
    rows = []
    for rec in d.to_dict("records"):
        a, b = str(rec["from"]), str(rec["to"])
        if a == b or a not in manager or b not in manager:
            continue
        same_mgr = manager[a] == manager[b]
        same_layer = a in layer and b in layer and layer[a] == layer[b]
        if same_mgr or same_layer:
            rows.append({"from": a, "to": b, "label": str(rec.get("label", "") or ""),
                         "mutual": (b, a) in pairs, "same_manager": same_mgr, "same_layer": same_layer})
    return pd.DataFrame(rows, columns=cols)

