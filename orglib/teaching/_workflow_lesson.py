"""Lesson 6: the approval workflows SC-001 … SC-004 (seed 003) and how structure changes them.

The workflows live in the ``five-posts-sales`` template (seed 003's 市场部 of five posts
under a 市场总监, with the company's 总经理, 技术总监 and 事业部经理). To see what a
centralized or decentralized department does to them, :func:`structure_effect` runs the same
steps on seed 000's two models (``centralized-sme``, ``decentralized-large``) placed under the
same company management. Which post of each model does which step is **our mapping**
(:data:`ROLE_MAPS`): the seeds do not say.

Examples
--------
>>> t = workflow_table(lang="en")
>>> t["workflow"].tolist()
['SC-001', 'SC-002', 'SC-003', 'SC-004']
>>> eff = structure_effect("SC-002", lang="en")
>>> int(eff.loc["handoffs", "centralized"]) < int(eff.loc["handoffs", "decentralized"])
True
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from .._core import Org, check_lang, tr
from .._core import metric_label as _label

SOURCE_TEMPLATE = "five-posts-sales"
WORKFLOWS = ("SC-001", "SC-002", "SC-003", "SC-004")
COMPANY_POSTS = ("gm", "cto", "bu_mgr")
"""Posts of the company's management kept above every design (they sign off plans)."""

ROLE_MAPS: dict[str, dict[str, str]] = {
    "centralized-sme": {"director": "mgr", "mkt_asst": "planner", "regional": "sales_support",
                        "account": "sales_support", "sales_asst": "sales_support"},
    "decentralized-large": {"director": "mgr", "mkt_asst": "planner", "regional": "support_head",
                            "account": "support_staff", "sales_asst": "support_staff"},
}
"""Our mapping of seed 003's posts onto seed 000's two models (source post → design post)."""


@cache
def _source() -> Org:
    from ..designs import template

    return template(SOURCE_TEMPLATE)


@cache
def under_company(design: str) -> Org:
    """Seed 000's ``design`` with seed 003's company management above it (its head reports to
    the 总经理), so company sign-offs have someone to do them.

    >>> org = under_company("centralized-sme")
    >>> org.positions.set_index("id").loc["mgr", "reports_to"]
    'gm'
    """
    from ..designs import template

    src = _source()
    d = template(design)
    top = src.positions[src.positions["id"].isin(COMPANY_POSTS)].to_dict("records")
    units = src.units[src.units["id"] == "company"].to_dict("records")
    posts = d.positions.to_dict("records")
    for p in posts:
        if not p.get("reports_to"):
            p["reports_to"] = "gm"
    dunits = d.units.to_dict("records")
    for u in dunits:
        if not u.get("parent"):
            u["parent"] = "company"
    return Org.from_records(top + posts, units + dunits, d.links.to_dict("records"),
                            meta={**d.meta, "id": f"{design}+company"})


def workflow_table(*, lang: str = "zh") -> pd.DataFrame:
    """SC-001 … SC-004 as seed 003 runs them: one row per workflow, localized figures."""
    from ..analysis import workflow_metrics

    check_lang(lang)
    m = workflow_metrics(_source(), list(WORKFLOWS))
    m["name"] = m["name"] if lang == "zh" else m["name_en"]
    keep = ["workflow", "name", "steps", "approvals", "handoffs", "longest_approval_chain", "reporting_hops",
            "cycle_days"]
    out = m[keep].copy()
    out["cycle_days"] = out["cycle_days"].astype(float).round(1)
    names = {"workflow": tr("流程", "workflow", lang), "name": tr("名称", "name", lang)}
    return out.rename(columns={k: names.get(k) or _label(k, lang) for k in keep})


def steps(workflow: str, *, lang: str = "zh") -> pd.DataFrame:
    """The steps of one workflow: who does what, and which steps approve (seed 003)."""
    from ..analysis import steps_table

    check_lang(lang)
    t = steps_table(_source(), workflow, lang=lang)
    return t[["step", "title", "action", "approves"]]


def structure_effect(workflow: str, *, lang: str = "zh", durations: dict | None = None) -> pd.DataFrame:
    """The same workflow in seed 003's department and in seed 000's two models (metrics × designs).

    Columns: ``seed 003`` (as written), ``centralized``, ``decentralized``; rows the metrics of
    :func:`orglib.analysis.workflow_metrics`. The post mapping is :data:`ROLE_MAPS` (ours).
    """
    from ..analysis import compare_workflow

    check_lang(lang)
    src = _source()
    orgs = [src, under_company("centralized-sme"), under_company("decentralized-large")]
    cols = ["seed 003", "centralized", "decentralized"]
    table = {}
    for name, org, design in zip(cols, orgs, [None, "centralized-sme", "decentralized-large"], strict=True):
        t = compare_workflow(org, workflow=workflow, source=src, names=[name], durations=durations,
                             role_map=ROLE_MAPS.get(design or "", {}))
        table[name] = t[name]
    out = pd.DataFrame(table)
    out.index.name = "metric"
    return out


def structure_effect_all(*, lang: str = "zh") -> pd.DataFrame:
    """:func:`structure_effect` for the four workflows, long form: workflow, metric, label, and the
    three designs (what the lesson's chart and the answer key read)."""
    rows = []
    for w in WORKFLOWS:
        eff = structure_effect(w, lang=lang)
        for metric, rec in eff.iterrows():
            rows.append({"workflow": w, "metric": metric, "label": metric_label(metric, lang),
                         **{k: float(v) for k, v in rec.items()}})
    return pd.DataFrame(rows)


def metric_label(metric: str, lang: str = "zh") -> str:
    """Localized name of a workflow metric (the one label table, :data:`orglib._core.METRIC_LABELS`).

    >>> metric_label("cycle_days", "en")
    'estimated cycle time (days)'
    """
    return _label(metric, check_lang(lang))
