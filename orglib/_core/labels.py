"""Every metric's display name, in Chinese and English: one table for the whole package.

Analysis, simulation, the explorer, the report and the command line all name a
measure through :data:`METRIC_LABELS` / :func:`metric_label`, so "平均管理幅度 / mean
span" is spelled once. The labels of the theory catalogues' tags (4P/4C/4R, the four
roles) are not here: they come from data/catalog (see ``orglib.analysis.TAG_LABELS``).

>>> metric_label("mean_span", "en"), metric_label("mean_span", "zh")
('mean span', '平均管理幅度')
>>> metric_label("span_mean", "en")  # the simulation's column name for the same measure
'mean span'
"""

from __future__ import annotations

from .i18n import tr

METRIC_LABELS: dict[str, tuple[str, str]] = {
    # structure (orglib.analysis.metrics, spans & layers)
    "headcount": ("人数", "headcount"),
    "posts": ("岗位数", "posts"),
    "units": ("单位数", "units"),
    "managers": ("管理者(人)", "managers (people)"),
    "layers": ("管理层级", "layers"),
    "mean_span": ("平均管理幅度", "mean span"),
    "median_span": ("管理幅度中位数", "median span"),
    "max_span": ("最大管理幅度", "max span"),
    "min_span": ("最小管理幅度", "smallest span"),
    "management_overhead": ("管理人员占比", "management overhead share"),
    "cost": ("人力成本", "cost"),
    "avg_steps_to_head": ("一线到负责人平均层级数", "avg steps front line → head"),
    "duplicated_functions": ("跨单位重复职能数", "functions duplicated across units"),
    "duplicated_titles": ("跨单位重复岗位名称数", "titles repeated across units"),
    "cross_unit_assists": ("跨单位辅助关系数", "cross-unit assists links"),
    "cross_unit_links": ("跨单位虚线/协作关系数", "cross-unit dotted/collaborates links"),
    "centralization": ("汇报树度中心势", "degree centralization"),
    "head_span": ("负责人管理幅度", "head's span"),
    "head_graicunas": ("负责人格拉丘纳斯关系数", "head's Graicunas relationships"),
    "roles_covered": ("四大职能覆盖", "four roles covered"),
    "roles_missing": ("缺失的四大职能", "four roles missing"),
    "mix_covered": ("4P/4C/4R 覆盖", "4P/4C/4R covered"),
    "mix_missing": ("缺失的 4P/4C/4R 要素", "4P/4C/4R elements missing"),
    "above_target": ("超出目标幅度的管理岗", "manager posts above target"),
    "below_range": ("低于类型下限的管理岗", "manager posts below the archetype's range"),
    "flags": ("提示数", "flags"),
    # workflows (orglib.analysis.workflow_metrics)
    "steps": ("步骤数", "steps"),
    "stages": ("阶段数", "stages"),
    "approvals": ("审批步骤", "approval steps"),
    "handoffs": ("跨单位交接", "hand-offs between units"),
    "role_changes": ("换人次数", "changes of post"),
    "roles": ("涉及岗位", "posts involved"),
    "longest_approval_chain": ("最长审批链", "longest approval chain"),
    "reporting_hops": ("汇报线上的往返步数", "steps along reporting lines"),
    "cycle_days": ("预计周期(天)", "estimated cycle time (days)"),
    "unmapped": ("无人承担的步骤", "steps no post does"),
    # simulation (orglib.sim.simulate's monthly columns)
    "target": ("计划人数", "planned headcount"),
    "ics": ("一线员工", "individual contributors"),
    "over_max": ("超上限管理者", "managers above max"),
    "under_min": ("低于下限管理者", "managers below min"),
    "in_policy": ("幅度合规占比", "share of managers in band"),
    "mgmt_cost_share": ("管理成本占比", "management cost share"),
    "hired": ("入职", "hired"),
    "left": ("离职", "left"),
    "promoted": ("晋升", "promoted"),
    "pipeline": ("在途招聘", "open requisitions"),
}
"""Metric key → (zh, en) display name."""

LINK_LABELS: dict[str, tuple[str, str]] = {
    "reports": ("直线汇报", "reports to"),
    "assists": ("辅助", "assists"),
    "dotted": ("虚线汇报", "dotted line"),
    "collaborates": ("协作", "collaborates"),
    "approves": ("审批", "approves"),
    "directs": ("职能领导", "functional authority"),
}
"""Name of each relation between posts (``org.links`` kinds, and the reporting line)."""

_SYNONYMS: dict[str, str] = {"span_mean": "mean_span", "span_min": "min_span", "span_max": "max_span"}
"""Column names used by the simulation for the same measures."""


def metric_labels(keys: list[str] | tuple[str, ...]) -> dict[str, tuple[str, str]]:
    """The (zh, en) labels of ``keys``, in that order (a sub-table for one result).

    >>> metric_labels(["layers", "posts"])
    {'layers': ('管理层级', 'layers'), 'posts': ('岗位数', 'posts')}
    """
    return {k: METRIC_LABELS[_SYNONYMS.get(k, k)] for k in keys}


def metric_label(key: str, lang: str = "zh") -> str:
    """Display name of metric ``key`` in ``lang`` (the key itself if unknown)."""
    zh, en = METRIC_LABELS.get(_SYNONYMS.get(key, key), (key, key))
    return tr(zh, en, lang)
