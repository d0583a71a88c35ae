"""The sections of the org report, built in the library so the report notebook stays thin.

:func:`build` loads the as-is design and any to-be designs and computes what every
section needs, once (spans, RACI, workflows, simulation, findings); each section
method of :class:`Report` returns an :class:`HTMLFragment` (escaped HTML that a
notebook displays as rich output), and :meth:`Report.tables` gives the same figures
as typed DataFrames for the Excel and PowerPoint files. All user text goes through
:func:`html.escape`; figures are embedded PNGs or inline SVG, the interactive org
chart an ``<iframe srcdoc>`` with inlined scripts: the report needs no network.

Nothing here is optional: every analysis is imported directly, and a bug fails.

Examples
--------
>>> from orglib._core.model import Org
>>> org = Org.from_records([
...     {"id": "m", "title": "经理", "headcount": 1},
...     {"id": "e", "title": "<专员>", "reports_to": "m", "headcount": 4},
... ], meta={"name": "示例"})
>>> rep = build(org, lang="zh", runs=20, months=6)
>>> "&lt;专员&gt;" in rep.appendix() and "<专员>" not in rep.appendix()
True
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from .._core import Org, OrgInputError, check_lang, count_en, metric_labels, tr
from ..analysis import (
    ARCHETYPES,
    CHANGES,
    FLAG_CODES,
    GRAICUNAS_LIMIT,
    METRICS,
    Finding,
    Raci,
    SpansLayers,
    compare,
    diff,
    findings,
    findings_frame,
    has_responsibilities,
    raci,
    resolve_target,
    spans_layers,
    workflow_metrics,
)
from ._format import FIGURE_MM, REPORT_CSS, HTMLFragment, cell_text, esc, fmt, pct, table_html

__all__ = ["REPORT_CSS", "HTMLFragment", "Report", "build", "esc", "fmt", "load_design", "pct",
           "simulation_frame", "table_html"]

LARGE = 300
"""Posts above which sections summarise (top rows, by unit) instead of listing every row."""

TOP_FLAGS = 20
"""Flags shown in the report (all of them in the Excel file)."""

SECTIONS: tuple[tuple[str, str, str], ...] = (
    ("summary", "执行摘要", "Executive summary"),
    ("recommendations", "建议", "Recommendations"),
    ("orgchart", "组织结构图", "Org chart"),
    ("spans", "管理幅度与层级", "Spans and layers"),
    ("flags", "问题标记", "Flags"),
    ("compare", "现状与方案对比", "As-is vs to-be"),
    ("raci", "职责矩阵", "Responsibilities"),
    ("workflows", "工作流程", "Workflows"),
    ("simulation", "增长模拟", "Growth simulation"),
    ("method", "附录 A:方法", "Appendix A: method"),
    ("appendix", "附录 B:数据", "Appendix B: data"),
)
"""Anchor, zh and en heading of each section, in report order (numbered 1, 2, ...)."""

PCT_METRICS = {"management_overhead", "centralization"}
"""Measures that are shares (0–1), shown as percentages."""


def load_design(source: Org | str, *, mapping: Mapping[str, str] | None = None,
                no_manager: Iterable[str] = ()) -> Org:
    """An Org from an Org, a template id or a file path.

    >>> load_design(Org.from_records([{"id": "a"}])).headcount_total
    1.0
    """
    if isinstance(source, Org):
        return source
    from ..io import load

    return load(str(source), mapping=dict(mapping or {}) or None, no_manager=list(no_manager))


def _wrap(body: str) -> HTMLFragment:
    return HTMLFragment(f'<div class="orglib">{body}</div>')


COVER_FINDINGS = 5
"""Most findings whose headlines the cover lists."""


def _figure(fig: Any, alt: str, place: str = "figure", css: str = "") -> str:
    """A chart as an ``<img>`` sized for where it is printed (``place``: a key of
    :data:`FIGURE_MM`): no text below 7 pt on A4; 200 dpi for print."""
    from ..viz import figure_html, fit_width

    cls = " ".join(c for c in ("figure", "wide" if place == "wide" else "", css) if c)
    return figure_html(fit_width(fig, FIGURE_MM[place]), alt=alt, dpi=200, css_class=cls)


def _cap(text: str) -> str:
    """Sentence case for a label ("mean span" → "Mean span")."""
    return text[:1].upper() + text[1:]


def _covered(v: Any) -> tuple[int, int] | None:
    """``"5/12"`` → (5, 12); anything else → None.

    >>> _covered("5/12"), _covered(3)
    ((5, 12), None)
    """
    if isinstance(v, str) and v.count("/") == 1:
        a, b = v.split("/")
        if a.strip().isdigit() and b.strip().isdigit():
            return int(a), int(b)
    return None


def _signed(v: float) -> str:
    return ("+" if v > 0 else "") + fmt(v) if v != 0 else "±0"


def simulation_frame(result: Any) -> pd.DataFrame:
    """The headcount series of a simulation result: month, p10, p50, p90.

    >>> s = pd.DataFrame({"month": [0, 0], "metric": ["headcount", "layers"], "p10": [1, 2],
    ...                   "p50": [2, 2], "p90": [3, 2]})
    >>> simulation_frame(s).values.tolist()
    [[0, 1, 2, 3]]
    """
    s = getattr(result, "series", result)
    s = s[s["metric"] == "headcount"]
    keep = [c for c in ("month", "p10", "p25", "p50", "p75", "p90") if c in s.columns]
    return s[keep].reset_index(drop=True)


# ----------------------------------------------------------------------------- data
@dataclass
class Report:
    """Everything the report shows, computed once; one method per section."""

    org: Org
    to_be: list[Org]
    lang: str = "zh"
    span_target: str | float | None = "coach"
    title: str = ""
    author: str = ""
    date: str = ""
    seed: int = 42
    months: int = 24
    runs: int = 200
    node_cap: int = 1500
    growth: float = 0.03
    spans: list[SpansLayers] = field(default_factory=list)

    # ------------------------------------------------------------------ helpers
    @property
    def designs(self) -> list[Org]:
        return [self.org, *self.to_be]

    def _t(self, zh: str, en: str) -> str:
        return tr(zh, en, self.lang)

    @property
    def _colon(self) -> str:
        """The colon after a label: full-width in Chinese (``作者:``), ``": "`` in English."""
        return ":" if self.lang == "zh" else ": "

    def _join(self, items: Iterable[str]) -> str:
        """A list in running text: ``、`` in Chinese, ``, `` in English."""
        return ("、" if self.lang == "zh" else ", ").join(items)

    def design_label(self, i: int) -> str:
        """Name of design ``i`` (0 = as-is) from its metadata; never a file path."""
        org = self.designs[i]
        meta = org.meta
        name = (meta.get("name_en") if self.lang == "en" else "") or meta.get("name") or ""
        if i == 0 and self.title and not name:
            return self.title
        return str(name)

    def org_name(self) -> str:
        """The organisation's name: its metadata (``name_en`` in English), else the ``title``
        parameter, else ``""`` — never a file path (a client file's stem is shown only in
        Appendix B, as its source)."""
        meta = self.org.meta
        name = (meta.get("name_en") if self.lang == "en" else "") or meta.get("name") or ""
        return str(name).strip() or self.title.strip()

    def subject(self) -> str:
        """The organisation as the subject of a sentence: its name, or "The organisation"."""
        return self.org_name() or self._t("本组织", "The organisation")

    def cover_title(self) -> str:
        """The report's title: the ``title`` parameter, else "Organisation review: name"
        (just "Organisation review" for an organisation without a name)."""
        if self.title.strip():
            return self.title.strip()
        base = self._t("组织诊断报告", "Organisation review")
        name = self.org_name()
        return f"{base}:{name}" if name and self.lang == "zh" else f"{base}: {name}" if name else base

    def _short(self, i: int) -> str:
        if i == 0:
            return self._t("现状", "As-is")
        return self._t(f"方案{i}", f"To-be {i}") if len(self.to_be) > 1 else self._t("方案", "To-be")

    def _title_of(self, row: Mapping[str, Any]) -> str:
        if self.lang == "en" and row.get("title_en"):
            return str(row["title_en"])
        return str(row.get("title") or row.get("title_en") or row.get("id") or "")

    @property
    def sections(self) -> list[tuple[str, str, str]]:
        """The sections this report shows (workflows only when a design defines some; without
        a to-be, "As-is vs to-be" is the as-is's "Key measures")."""
        has_wf = any(len(o.workflows) for o in self.designs)
        out = [s for s in SECTIONS if s[0] != "workflows" or has_wf]
        if not self.to_be:
            out = [("compare", "主要指标", "Key measures") if s[0] == "compare" else s for s in out]
        return out

    def _num(self, anchor: str) -> int:
        return [a for a, _z, _e in self.sections].index(anchor) + 1

    def _heading(self, anchor: str) -> str:
        _a, zh, en = self.sections[self._num(anchor) - 1]
        n = self._num(anchor)
        return self._t(zh, en) if anchor in ("method", "appendix") else f"{n}. {self._t(zh, en)}"

    def _h2(self, anchor: str, *, page: bool = True) -> str:
        """Numbered section heading; ``page`` starts a new page in print (not for a one-line section)."""
        text = self._heading(anchor)
        cls = ' class="section"' if page else ""
        return f'<h2{cls} id="{anchor}">{esc(text)}</h2>'

    def _design_heading(self, i: int) -> str:
        label = self.design_label(i)
        return f"{self._short(i)}{self._colon}{label}" if label else self._short(i)

    def _h3(self, anchor: str, k: int, text: str) -> str:
        n = self._num(anchor)
        prefix = f"{n}.{k} " if anchor not in ("method", "appendix") else ""
        return f'<h3 id="{anchor}-{k}">{esc(prefix + text)}</h3>'

    @property
    def large(self) -> bool:
        return len(self.org.positions) > LARGE

    @cached_property
    def titles(self) -> list[dict[str, str]]:
        """Per design: post id → display title in the report's language."""
        out = []
        for org in self.designs:
            p = org.positions
            t = p["title"].where(p["title"] != "", p["id"])
            if self.lang == "en":
                t = p["title_en"].where(p["title_en"] != "", t)
            out.append(dict(zip(p["id"], t, strict=True)))
        return out

    @cached_property
    def unit_names(self) -> dict[str, tuple[str, str]]:
        out: dict[str, tuple[str, str]] = {}
        for org in reversed(self.designs):
            for uid, n, ne in zip(org.units["id"], org.units["name"], org.units["name_en"], strict=True):
                out[uid] = (n or uid, ne or n or uid)
        return out

    def unit_name(self, uid: str) -> str:
        if not uid:
            return self._t("(未指定)", "(none)")
        return tr(*self.unit_names.get(uid, (uid, uid)), self.lang)

    @cached_property
    def tag_labels(self) -> dict[str, tuple[str, str]]:
        """Catalogue labels of the four roles and 4P/4C/4R (data/catalog is the source)."""
        from ..designs import all_tags

        t = all_tags()
        return {tag: (zh, en) for tag, zh, en in zip(t["tag"], t["zh"], t["en"], strict=True)}

    def tag_label(self, tag: str) -> str:
        return tr(*self.tag_labels.get(tag, (tag, tag)), self.lang)

    def _target_text(self) -> str:
        rng = resolve_target(self.span_target)
        if rng is None:
            return self._t("无", "none")
        lo, hi, key = rng
        a = ARCHETYPES.get(key)
        if a is not None:
            name = a.name if self.lang == "zh" else a.name_en
            hi_t = "+" if math.isinf(hi) else f"–{hi:g}"
            return f"{name} ({lo:g}{hi_t})"
        return self._t(f"不超过 {hi:g} 人", f"at most {hi:g} people")

    def _target_range(self) -> tuple[float, float] | None:
        rng = resolve_target(self.span_target)
        if rng is None:
            return None
        return (rng[0], min(rng[1], 1e9))

    # ------------------------------------------------------------------ analyses (once)
    @cached_property
    def racis(self) -> list[Raci]:
        return [raci(o, lang=self.lang) for o in self.designs]

    @cached_property
    def workflow_tables(self) -> list[pd.DataFrame | None]:
        return [workflow_metrics(o) if len(o.workflows) else None for o in self.designs]

    @cached_property
    def sim_series(self) -> pd.DataFrame:
        """The growth simulation of the as-is (month, metric, p10, p50, p90)."""
        from ..sim import simulate

        kw: dict[str, Any] = {"growth": self.growth}
        rng = resolve_target(self.span_target)
        if rng is not None and rng[2] in ARCHETYPES:
            kw["archetype"] = rng[2]
        return simulate(self.org, months=self.months, runs=self.runs, seed=self.seed, **kw).series

    @cached_property
    def findings(self) -> list[Finding]:
        """Ranked findings of the as-is (rules in :mod:`orglib.analysis`)."""
        return findings(self.org, self.spans[0], target=self.span_target, raci=self.racis[0],
                        workflows=self.workflow_tables[0], simulation=self.sim_series,
                        growth=self.growth, to_be=self.spans[1] if self.to_be else None,
                        labels=self.tag_labels, unit_names=self.unit_names)

    @cached_property
    def metrics_table(self) -> pd.DataFrame:
        """compare() of every design: metric keys as index, one column per design."""
        return compare(*self.designs, names=[self._short(i) for i in range(len(self.designs))])

    # ------------------------------------------------------------------ sections
    def header(self) -> HTMLFragment:
        """Cover page (title, organisation, key figures of each design, author, date,
        language, span target) and the contents page.

        The organisation is named once (under the title); an organisation without a name
        gets the plain title "Organisation review" and no organisation line. The contents
        list the sections; the export lists every numbered heading, with its page in the
        PDF (see :mod:`orglib.reporting._contents`).
        """
        from ._contents import TOC_MARK

        title = self.title.strip() or self._t("组织诊断报告", "Organisation review")
        name = self.org_name()
        date = self.date or _dt.date.today().isoformat()
        meta = []
        if self.author:
            meta.append((self._t("作者", "Author"), self.author))
        meta.append((self._t("日期", "Date"), date))
        meta.append((self._t("语言", "Language"), self._t("中文", "English")))
        for i in range(len(self.designs)):
            label = self.design_label(i)
            if i == 0 and (not label or label in (name, title)):
                continue  # the as-is is the organisation named above
            meta.append((self._short(i), label or self._t("(未命名)", "(no name)")))
        meta.append((self._t("管理幅度目标", "Span target"), self._target_text()))
        rows = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in meta)
        # the sections (the notebook shows these; the export lists every heading with its page)
        toc = "".join(f'<li class="toc-h2"><a href="#{a}">{esc(self._heading(a))}</a></li>'
                      for a, _z, _e in self.sections)
        sub = f'<p class="subtitle">{esc(name)}</p>' if name and name != title else ""
        kicker = self._t("组织设计 · 诊断与建议", "Organisation design · diagnosis and recommendations")
        figs = [self.kpis(i) for i in range(len(self.designs))]
        head = "".join(f"<th>{esc(self._short(i))}</th>" for i in range(len(self.designs)))
        body = "".join(f"<tr><td>{esc(label)}</td>" + "".join(f'<td class="num">{esc(f[k][1])}</td>' for f in figs)
                       + "</tr>" for k, (label, _v) in enumerate(figs[0]))
        key = (f'<div class="cover-figures"><h4>{esc(self._t("关键指标", "Key figures"))}</h4>'
               f'<table class="cover-kpi"><thead><tr><th></th>{head}</tr></thead><tbody>{body}</tbody></table>'
               "</div>")
        shown = self.findings[:COVER_FINDINGS]
        if shown:  # the headlines of the findings, most important first (details in section 1)
            more = len(self.findings) - len(shown)
            items = "".join(f"<li><b>{esc(f.heading(self.lang))}</b>{self._colon}{esc(f.text(self.lang))}</li>"
                            for f in shown)
            tail = (f'<p class="note">{esc(self._t(f"另有 {more} 项,见第 1 节。", f"{more} more in section 1."))}</p>'
                    if more else "")
            key += (f'<div class="cover-figures"><h4>{esc(self._t("主要发现", "Main findings"))}</h4>'
                    f'<ol class="cover-findings">{items}</ol>{tail}</div>')
        return _wrap(f'<div class="cover"><div class="cover-band">{esc(kicker)}</div>'
                     f'<h1>{esc(title)}</h1>{sub}{key}'
                     f'<table class="cover-meta">{rows}</table></div>'
                     f'<h2 class="section" id="contents">{esc(self._t("目录", "Contents"))}</h2>{TOC_MARK}'
                     f"{toc}</ol>")

    def kpis(self, i: int = 0) -> list[tuple[str, str]]:
        """Key figures of design ``i`` (0 = as-is): label, figure as text."""
        sm = self.spans[i].summary
        return [(self._t("人数", "People"), fmt(sm["headcount"])),
                (self._t("岗位", "Posts"), fmt(sm["posts"])),
                (self._t("层级", "Layers"), fmt(sm["layers"])),
                (self._t("平均管理幅度(人)", "Mean span (people)"), fmt(sm["mean_span"])),
                (self._t("管理人员占比", "Management share"),
                 pct(sm["managers"] / sm["headcount"] if sm["headcount"] else math.nan)),
                (self._t("问题标记", "Flags"), fmt(len(self.spans[i].flags)))]

    def summary(self) -> HTMLFragment:
        """Executive summary: key figures, then the ranked findings with their evidence."""
        body = [self._h2("summary")]
        body.append("".join(f'<span class="kpi">{esc(k)}<b>{esc(v)}</b></span>' for k, v in self.kpis()))
        body.append("<ul>" + "".join(f"<li>{esc(p)}</li>" for p in self.summary_points()) + "</ul>")
        body.append(self._h3("summary", 1, self._t("主要发现(按重要性排序)", "Findings, most important first")))
        if not self.findings:
            body.append(f"<p>{esc(self._t('未发现需要处理的问题。', 'No finding needs action.'))}</p>")
        for k, f in enumerate(self.findings, start=1):
            body.append(
                f'<div class="finding sev{f.severity}"><b>{k}. {esc(f.heading(self.lang))}</b>{self._colon}'
                f"{esc(f.text(self.lang))}"
                f'<div class="evidence">{esc(self._t("依据", "Evidence"))}{self._colon}{esc(f.evidence(self.lang))}</div>'
                f'<div class="rec">{esc(self._t("建议", "Recommendation"))}{self._colon}'
                f"{esc(f.recommendation(self.lang))}</div></div>")
        return _wrap("".join(body))

    def summary_points(self) -> list[str]:
        """The headline figures as plain sentences (no markup)."""
        out: list[str] = []
        s = self.spans[0]
        sm = s.summary
        name = self.subject()
        n_units = max(1, int(self.metrics_table.loc["units"].iloc[0]))  # the figure of the measures table
        out.append(self._t(
            f"{name}共有 {fmt(sm['headcount'])} 人、{fmt(sm['posts'])} 个岗位、{fmt(n_units)} 个部门,"
            f"管理层级 {sm['layers']} 层。",
            f"{name} has {count_en(sm['headcount'], 'person', 'people')} in {count_en(sm['posts'], 'post')} and "
            f"{count_en(n_units, 'unit')}, over {count_en(sm['layers'], 'layer')}."))
        m = s.managers
        if len(m):
            top = m.sort_values("span", ascending=False).iloc[0]
            out.append(self._t(
                f"管理者平均每人管理 {fmt(sm['mean_span'])} 人(中位数 {fmt(sm['median_span'])});"
                f"幅度最大的是{self._title_of(top)},每人管理 {fmt(top['span'])} 人。",
                f"Managers lead {fmt(sm['mean_span'])} people each on average (median "
                f"{fmt(sm['median_span'])}); the widest span is {self._title_of(top)} with "
                f"{fmt(top['span'])} people per incumbent."))
        for i in range(1, len(self.designs)):
            d = self.spans[i].summary
            label = self.design_label(i)
            zh_name = f"{self._short(i)}“{label}”" if label else self._short(i)
            en_name = f"{self._short(i)} \"{label}\"" if label else self._short(i)
            nf, n0 = len(self.spans[i].flags), len(s.flags)
            out.append(self._t(
                f"{zh_name}:{fmt(d['headcount'])} 人"
                f"({_signed(d['headcount'] - sm['headcount'])}),{d['layers']} 层"
                f"({_signed(d['layers'] - sm['layers'])}),平均幅度 {fmt(d['mean_span'])},"
                f"问题标记 {fmt(nf)} 个(现状 {fmt(n0)} 个)。",
                f"{en_name}: {count_en(d['headcount'], 'person', 'people')} "
                f"({_signed(d['headcount'] - sm['headcount'])}), {count_en(d['layers'], 'layer')} "
                f"({_signed(d['layers'] - sm['layers'])}), mean span {fmt(d['mean_span'])}, "
                f"{count_en(nf, 'flag')} (as-is: {fmt(n0)})."))
        sim = simulation_frame(self.sim_series)
        r = sim.iloc[-1]
        out.append(self._t(
            f"增长模拟({fmt(self.runs)} 次,种子 {self.seed}):{int(r['month'])} 个月后人数中位数 "
            f"{fmt(r['p50'])},80% 区间 {fmt(r['p10'])}–{fmt(r['p90'])}。",
            f"Growth simulation ({fmt(self.runs)} runs, seed {self.seed}): after {int(r['month'])} "
            f"months the median headcount is {fmt(r['p50'])}, 80% band {fmt(r['p10'])}–{fmt(r['p90'])}."))
        return out

    def recommendations(self) -> HTMLFragment:
        """Recommendations (建议): the concrete moves, and the to-be's effect on each measure."""
        body = [self._h2("recommendations")]
        recs = [f for f in self.findings]
        if recs:
            body.append("<ol>" + "".join(
                f"<li><b>{esc(f.heading(self.lang))}</b>{self._colon}{esc(f.recommendation(self.lang))}</li>"
                for f in recs) + "</ol>")
        else:
            body.append(f"<p>{esc(self._t('现有结构无需调整。', 'The structure needs no change.'))}</p>")
        if self.to_be:
            body.append(self._h3("recommendations", 1, self._t("方案对各项指标的影响", "Effect of the to-be on each measure")))
            eff = self.effect_table()
            body.append(table_html(eff, lang=self.lang, num_cols=tuple(eff.columns[1:])))
        return _wrap("".join(body))

    def effect_table(self) -> pd.DataFrame:
        """Measure, as-is, each to-be and its change (formatted text; percentages as %)."""
        t = self.metrics_table
        keys = ["headcount", "posts", "units", "managers", "layers", "mean_span", "median_span", "max_span",
                "management_overhead", "avg_steps_to_head", "head_span", "head_graicunas",
                "duplicated_functions", "roles_covered", "mix_covered"]
        rows = []
        for k in keys:
            vals = t.loc[k].tolist()
            f = pct if k in PCT_METRICS else fmt
            row = {self._t("指标", "Measure"): _cap(tr(*METRICS[k], self.lang)), self._short(0): f(vals[0])}
            for i in range(1, len(vals)):
                row[self._short(i)] = f(vals[i])
                a, b = vals[0], vals[i]
                if isinstance(a, int | float | np.integer | np.floating) and isinstance(
                        b, int | float | np.integer | np.floating) and math.isfinite(float(a)) \
                        and math.isfinite(float(b)):
                    d = float(b) - float(a)
                    ch = (("+" if d > 0 else "") + pct(d)) if k in PCT_METRICS else _signed(d)
                elif _covered(a) and _covered(b) and _covered(a)[1] == _covered(b)[1]:
                    ch = _signed(_covered(b)[0] - _covered(a)[0])  # "5/12" → "8/12": +3
                else:
                    ch = "±0" if a == b else self._t("有变化", "changed")
                row[self._t(f"变化({self._short(i)})", f"Change ({self._short(i)})")] = ch
            rows.append(row)
        return pd.DataFrame(rows)

    def orgchart(self) -> HTMLFragment:
        """Interactive chart (screen, with its hint) and paginated static charts (print)."""
        from ..viz import (
            chart_pages,
            chart_view,
            drilldown_html,
            embed_html,
            interactive_html,
            legend_html,
            pages_legend,
        )

        body = [self._h2("orgchart")]
        hint = self._t("可拖动、缩放;悬停查看岗位详情。", "Drag and zoom; hover a box for details.")
        legend = self._t("颜色表示部门,虚线表示虚线汇报、辅助、职能领导等非直线关系。",
                         "Colours are units; dashed lines are dotted-line, assisting and "
                         "functional-authority links.")
        body.append(f'<p class="note screen-only">{esc(hint)}</p>')
        body.append(f'<p class="note">{esc(legend)}</p>')
        for i, org in enumerate(self.designs):
            pages = chart_pages(org, lang=self.lang, prefix=f"{self._num('orgchart')}.{i + 1}")
            body.append('<div class="chart-design">')
            body.append(self._h3("orgchart", i + 1, self._design_heading(i)))
            if len(org.positions) > LARGE and len(pages) > 1:
                # the same overview-then-drill-down as print: one chart at a time
                n = len(org.positions)
                note = self._t(
                    f"组织较大({n:,} 个岗位):先显示总览;点击标有 ▸ 的方框打开其团队的图,"
                    f"也可在列表中选择任一张图(共 {len(pages):,} 张),▲ 返回上一级。",
                    f"Large org ({n:,} posts): the overview comes first; click a box marked ▸ to open "
                    f"its team's chart, or pick any of the {len(pages):,} charts from the list; ▲ goes back up.")
                body.append(f'<p class="note screen-only">{esc(note)}</p>')
                page = drilldown_html(org, pages, lang=self.lang)
                colours = legend_html(pages_legend(org, pages, lang=self.lang))
                height = "680px"
            else:
                view = chart_view(org, lang=self.lang, node_cap=self.node_cap)
                if view.mode != "full":
                    body.append(f'<p class="note screen-only">{esc(self._t(f"组织较大({view.total_posts:,} 个岗位),图中折叠为 {len(view.nodes):,} 个方框,方框内注明其下隐藏的岗位与人数。", f"Large org ({view.total_posts:,} posts): collapsed to {len(view.nodes):,} boxes; boxes state the posts and people they hide."))}</p>')
                page = interactive_html(org, lang=self.lang, view=view)
                colours = legend_html(view)
                height = "640px"
            body.append('<div class="screen-only">' + embed_html(
                page, height=height, title=self._t("组织结构图", "org chart")) + colours + "</div>")
            body.append('<div class="print-only">')
            for pg in pages:
                body.append(f'<div class="chart-page" id="{esc(pg.anchor)}"><h4>{esc(pg.heading)}</h4>'
                            f'<div class="orgchart-static">{pg.svg}</div></div>')
            body.append("</div></div>")
        return _wrap("".join(body))

    def _units_table(self, i: int) -> pd.DataFrame:
        """Spans and layers by top-level unit of design ``i``."""
        s = self.spans[i]
        org = self.designs[i]
        t = s.tree
        unit = org.positions["unit"].to_numpy(dtype=object)
        hc = org.headcounts()
        df = pd.DataFrame({"unit": unit, "hc": hc, "layer": t.layer, "mgr": t.is_manager,
                           "span": np.where(t.is_manager, t.span, np.nan)})
        df["mhc"] = np.where(df["mgr"], df["hc"], 0.0)
        df["wspan"] = df["span"].fillna(0) * df["mhc"]
        g = df.groupby("unit", sort=False).agg(posts=("hc", "size"), people=("hc", "sum"),
                                               managers=("mhc", "sum"), wspan=("wspan", "sum"),
                                               layers=("layer", "max"), top=("layer", "min"),
                                               max_span=("span", "max"))
        g["mean_span"] = g["wspan"] / g["managers"].where(g["managers"] > 0)
        g["layers"] = g["layers"] - g["top"] + 1
        g = g.sort_values("people", ascending=False)
        return pd.DataFrame({
            self._t("部门", "Unit"): [self.unit_name(u) for u in g.index],
            self._t("岗位数", "Posts"): g["posts"].astype(int).to_numpy(),
            self._t("人数", "People"): g["people"].to_numpy(),
            self._t("管理者(人)", "Managers (people)"): g["managers"].to_numpy(),
            self._t("层级数", "Layers"): g["layers"].astype(int).to_numpy(),
            self._t("平均幅度(人)", "Mean span (people)"): g["mean_span"].round(2).to_numpy(),
            self._t("最大幅度(人)", "Max span (people)"): g["max_span"].to_numpy(),
        })

    def span_grid(self, i: int, *, top: int = 20) -> pd.DataFrame:
        """Mean span (people per manager) of design ``i`` by unit (rows, most people first;
        beyond ``top`` units one row for the rest) and layer (columns); NaN where a unit has
        no manager in a layer."""
        s = self.spans[i]
        org = self.designs[i]
        t = s.tree
        unit = org.positions["unit"].astype(str).to_numpy(dtype=object)
        hc = org.headcounts()
        people = pd.Series(hc).groupby(unit).sum().sort_values(ascending=False, kind="stable")
        keep = list(people.index[:top])
        rest = len(people) - len(keep)
        other = self._t(f"其他 {rest:,} 个部门", f"Other {rest:,} units")
        names = [self.unit_name(u) if u else self._t("(未指定部门)", "(no unit)") for u in keep]
        row = pd.Series(unit).map(dict(zip(keep, names, strict=True))).fillna(other).to_numpy(dtype=object)
        mgr = np.asarray(t.is_manager, dtype=bool)
        df = pd.DataFrame({"row": row[mgr], "layer": np.asarray(t.layer)[mgr], "w": hc[mgr],
                           "ws": (np.nan_to_num(np.asarray(t.span, dtype=float)) * hc)[mgr]})
        g = df.groupby(["row", "layer"]).sum()
        grid = (g["ws"] / g["w"].where(g["w"] > 0)).unstack("layer")
        layers = range(1, int(np.max(t.layer)) + 1) if len(t.layer) else range(1, 2)
        order = names + ([other] if rest else [])
        return grid.reindex(index=order, columns=list(layers)).dropna(how="all").dropna(axis=1, how="all")

    def titles_repeat(self, i: int) -> bool:
        """Whether two posts of design ``i`` share a title (in the report's language): a
        table of posts then needs their ids to tell them apart (the workbook adds them)."""
        names = [self.titles[i].get(x, x) for x in self.designs[i].positions["id"]]
        return len(set(names)) < len(names)

    def _id_column(self, df: pd.DataFrame, ids: Any) -> pd.DataFrame:
        df.insert(1, self._t("岗位编号", "Post ID"), [str(x) for x in ids])
        return df

    def managers_table(self, i: int, *, ids: bool = False) -> pd.DataFrame:
        """Managers of design ``i`` with their spans (typed numbers), widest first (with
        their post ids after the title when ``ids``)."""
        m = self.spans[i].managers
        m = m.sort_values(["span", "layer"], ascending=[False, True], kind="stable")
        out = pd.DataFrame({
            self._t("岗位", "Post"): [self.titles[i].get(x, x) for x in m["id"]],
            self._t("部门", "Unit"): [self.unit_name(u) for u in m["unit"]],
            self._t("层级", "Layer"): m["layer"].astype(int).to_numpy(),
            self._t("在岗人数", "Incumbents"): m["headcount"].to_numpy(),
            self._t("直接下级岗位", "Direct report posts"): m["direct_reports"].astype(int).to_numpy(),
            self._t("管理幅度(人/在岗者)", "Span (people per incumbent)"): m["span"].round(2).to_numpy(),
            self._t("下属总人数", "People below"): m["people_below"].to_numpy(),
        })
        return self._id_column(out, m["id"]) if ids else out

    def spans_layers(self) -> HTMLFragment:
        """Spans & layers: key figures, span histogram, layer pyramid, by unit, managers."""
        from ..viz import layer_pyramid, span_heatmap, span_histogram

        body = [self._h2("spans")]
        rng = self._target_range()
        for i, s in enumerate(self.spans):
            # the heading, key figures and the two charts on one page
            body.append('<div class="keep-together">' + self._h3("spans", i + 1, self._design_heading(i)))
            sm = s.summary
            rows = [(self._t("人数", "Headcount (people)"), fmt(sm["headcount"])),
                    (self._t("岗位", "Posts"), fmt(sm["posts"])),
                    (self._t("层级", "Layers"), fmt(sm["layers"])),
                    (self._t("管理者(人)", "Managers (people)"), fmt(sm["managers"])),
                    (self._t("一线员工(人)", "Individual contributors (people)"), fmt(sm["individual_contributors"])),
                    (self._t("管理人员占比", "Management share"),
                     pct(sm["managers"] / sm["headcount"] if sm["headcount"] else math.nan)),
                    (self._t("员工/管理者比", "ICs per manager"), fmt(sm["manager_ratio"])),
                    (self._t("平均管理幅度(人/在岗者)", "Mean span (people per incumbent)"), fmt(sm["mean_span"])),
                    (self._t("管理幅度中位数", "Median span"), fmt(sm["median_span"]))]
            body.append(table_html(pd.DataFrame({self._t("指标", "Measure"): [r[0] for r in rows],
                                                 self._t("数值", "Value"): [r[1] for r in rows]}),
                                   lang=self.lang))
            body.append('<div class="figrow">'
                        + _figure(span_histogram(s.managers["span"], target=rng, lang=self.lang),
                                  self._t("管理幅度分布", "span histogram"), "half")
                        + _figure(layer_pyramid(sm["people_per_layer"], lang=self.lang),
                                  self._t("层级金字塔", "layer pyramid"), "half") + "</div></div>")
            if len(self.designs[i].units) > 1 or self.designs[i].positions["unit"].nunique() > 1:
                by_unit = self._t("按部门", "By unit")
                grid = self.span_grid(i) if len(self.designs[i].positions) > LARGE else None
                if grid is not None and len(grid) > 1:
                    body.append(f"<h4>{esc(by_unit)}</h4>")
                    body.append(_figure(span_heatmap(grid, target=rng, lang=self.lang),
                                        self._t("各部门各层级的平均管理幅度", "mean span by unit and layer"),
                                        "wide", "heatmap"))
                    by_unit = ""
                body.append(table_html(self._units_table(i), lang=self.lang, max_rows=30, title=by_unit))
            limit = 20 if len(self.designs[i].positions) > LARGE else 200
            body.append(table_html(self.managers_table(i), lang=self.lang, max_rows=limit,
                                   title=self._t("管理岗位(按幅度排序)", "Manager posts, widest span first")))
        return _wrap("".join(body))

    def flags_table(self, i: int, *, ids: bool = False) -> pd.DataFrame:
        """Every flag of design ``i``, most important first: one row per flagged post (with
        its post id and unit when ``ids``).

        Notes on the input (validation warnings) are not flags: see :meth:`input_notes`.
        """
        s = self.spans[i]
        order = {"vacant_manager": 0, "above_target": 1, "graicunas_overload": 2, "one_over_one_chain": 3,
                 "one_over_one": 4, "micro_team": 5}
        f = s.flags.assign(_o=s.flags["flag"].map(order), _v=-s.flags["value"].fillna(0))
        f = f.sort_values(["_o", "_v"], kind="stable")
        idx = 0 if self.lang == "zh" else 1
        out = pd.DataFrame({
            self._t("岗位", "Post"): [self.titles[i].get(x, x) for x in f["id"]],
            self._t("标记", "Flag"): [_cap(FLAG_CODES[c][idx]) for c in f["flag"]],
            self._t("幅度(人)", "Span (people)"): f["value"].to_numpy(),
            self._t("原因", "Reason"): [_cap(m) for m in (f["message_zh"] if self.lang == "zh" else f["message"])],
        })
        if not ids:
            return out
        unit = self.designs[i].positions.set_index("id")["unit"]
        out.insert(1, self._t("部门", "Unit"), [self.unit_name(unit.get(x, "")) for x in f["id"]])
        return self._id_column(out, f["id"])

    def note_place(self, p: Any) -> str:
        """Where a note on the input points, for people: the table and the row (spreadsheet)
        or item (YAML/JSON list) it is about; a note about the whole file says so."""
        label = str(p.file or "")
        table = label[label.rindex("[") + 1:-1] if label.endswith("]") and "[" in label else ""
        base = label[:label.rindex("[")] if table else label
        tables = {"positions": ("岗位表", "Posts"), "units": ("部门表", "Units"), "links": ("关系表", "Links"),
                  "workflows": ("流程表", "Workflows"), "meta": ("元数据", "Metadata")}
        if table in tables:
            where = tr(*tables[table], self.lang)
        elif table:
            where = self._t(f"工作表“{table}”", f"Sheet '{table}'")
        else:
            where = ""
        if p.row is None:
            if not where:
                return self._t("整个文件", "Whole file")
            return self._t(f"{where}(整表)", f"{where} (whole table)")
        listed = base.lower().endswith((".yaml", ".yml", ".json"))
        n = f"{int(p.row):,}"
        at = self._t(f"第 {n} 项", f"item {n}") if listed else self._t(f"第 {n} 行", f"row {n}")
        if not where:
            return at[:1].upper() + at[1:]
        return f"{where}{at}" if self.lang == "zh" else f"{where}, {at}"

    def input_notes(self, i: int) -> pd.DataFrame:
        """The validation warnings of design ``i`` for people: where (table and row, or the
        whole file) and the note, post ids replaced by titles in the report's language."""
        probs = list(self.designs[i].problems)
        return pd.DataFrame({
            self._t("位置", "Where"): [self.note_place(p) for p in probs],
            self._t("说明", "Note"): [_cap(self._clean((p.message_zh or p.message) if self.lang == "zh" else p.message,
                                                       i)) for p in probs],
        })

    def _clean(self, text: str, i: int) -> str:
        """A validation message for people: ``title (id)`` becomes the post's title in the
        report's language (``title_en`` in English); other post ids in brackets are dropped."""
        if " (" not in text:
            return text
        zh = self._zh_titles(i)
        for pid in dict.fromkeys(_ID_IN_BRACKETS.findall(text)):
            if pid not in zh:
                continue
            shown = self.titles[i].get(pid, pid)
            for t in (zh[pid], pid):
                if t:
                    text = text.replace(f"{t} ({pid})", shown)
            text = text.replace(f" ({pid})", "")
        return text

    @cached_property
    def _zh_title_maps(self) -> list[dict[str, str]]:
        return [dict(zip(o.positions["id"].astype(str), o.positions["title"].astype(str), strict=True))
                for o in self.designs]

    def _zh_titles(self, i: int) -> dict[str, str]:
        return self._zh_title_maps[i]

    def flags(self) -> HTMLFragment:
        """The most important flags (all of them in the Excel file); notes on the input
        are listed in Appendix B."""
        body = [self._h2("flags")]
        for i in range(len(self.designs)):
            body.append(self._h3("flags", i + 1, self._design_heading(i)))
            df = self.flags_table(i)
            if not len(df):
                body.append(f"<p>{esc(self._t('没有问题标记。', 'No flags.'))}</p>")
            else:
                counts = self.spans[i].flags["flag"].value_counts()
                idx = 0 if self.lang == "zh" else 1
                parts = [f"{FLAG_CODES[k][idx]} × {v:,}" for k, v in counts.items()]
                body.append(f'<div class="keep-together"><p>{esc(_cap(self._join(parts)))}</p>'
                            + table_html(df, lang=self.lang, max_rows=TOP_FLAGS, nowrap=(df.columns[1],))
                            + "</div>")
            n = len(self.designs[i].problems)
            if n:
                note = self._t(f"另有 {n:,} 条输入数据说明,见附录 B。",
                               f"{count_en(n, 'note')} on the input data: see Appendix B.")
                body.append(f'<p class="note">{esc(note)}</p>')
        return _wrap("".join(body))

    def comparison_table(self) -> pd.DataFrame:
        """Key metrics (numbers), one row per metric, one column per design."""
        cols = {}
        for i, s in enumerate(self.spans):
            sm = s.summary
            cols[self._short(i)] = [sm["headcount"], sm["posts"], sm["layers"], sm["managers"],
                                    sm["manager_ratio"], sm["mean_span"], sm["median_span"],
                                    float(len(s.flags)), float(len(self.designs[i].units))]
        index = [self._t("人数", "Headcount"), self._t("岗位", "Posts"), self._t("层级", "Layers"),
                 self._t("管理者(人)", "Managers"), self._t("员工/管理者比", "ICs per manager"),
                 self._t("平均幅度", "Mean span"), self._t("幅度中位数", "Median span"),
                 self._t("问题标记", "Flags"), self._t("部门数", "Units")]
        return pd.DataFrame(cols, index=index)

    def metrics_frame(self) -> pd.DataFrame:
        """compare() with labels in the report's language and catalogue tag names."""
        t = self.metrics_table
        rows = []
        for k in t.index:
            row = {self._t("指标", "Measure"): _cap(tr(*METRICS[k], self.lang))}
            for c in t.columns:
                v = t.loc[k, c]
                if isinstance(v, list | tuple):
                    v = self._join(self.tag_label(x) for x in v) if v else self._t("无", "none")
                elif isinstance(v, float | np.floating) and not math.isfinite(v):
                    continue
                elif k in PCT_METRICS:
                    v = pct(v)
                elif isinstance(v, int | float | np.integer | np.floating):
                    v = fmt(v)  # text like the rest of the column (the Excel file types it again)
                row[c] = v
            if len(row) > 1:
                rows.append(row)
        return pd.DataFrame(rows)

    def comparison(self) -> HTMLFragment:
        """As-is vs to-be: metrics table, comparison bars and structural diff."""
        from ..viz import comparison_bars

        body = [self._h2("compare")]
        if not self.to_be:
            body.append(f'<p class="note">{esc(self._t("未提供方案:以下为现状的各项指标。", "No to-be design was given: the measures of the as-is."))}</p>')
        body.append(table_html(self.metrics_frame(), lang=self.lang))
        if self.to_be:
            table = self.comparison_table()
            body.append(_figure(comparison_bars(table.iloc[[0, 2, 5, 7]], lang=self.lang),
                                self._t("方案对比", "comparison"), "wide"))
        for i in range(1, len(self.designs)):
            body.append(self._h3("compare", i, self._t("结构差异", "Structural diff") + self._colon
                                 + f"{self._short(0)} → {self._short(i)}"))
            d = self.structural_diff(i)
            body.append(table_html(d, lang=self.lang) if len(d) else
                        f"<p>{esc(self._t('无结构差异。', 'No structural change.'))}</p>")
        return _wrap("".join(body))

    def structural_diff(self, i: int) -> pd.DataFrame:
        """Posts added, removed, moved, re-titled or re-staffed between the as-is and design ``i``."""
        ch = diff(self.org, self.designs[i]).changes
        idx = 0 if self.lang == "zh" else 1
        before_t, after_t = self.titles[0], self.titles[i]

        def value(fld: str, v: Any, titles: Mapping[str, str]) -> str:
            if fld == "reports_to":
                return titles.get(v, v) if v else "—"
            if fld == "unit":
                return self.unit_name(v) if v else "—"
            if fld == "title":
                return str(v)
            return cell_text(v)

        flds = {"reports_to": self._t("上级", "Manager"), "unit": self._t("部门", "Unit"),
                "title": self._t("名称", "Title"), "headcount": self._t("定员", "Headcount")}
        rows = []
        for r in ch.to_dict("records"):
            c = r["change"]
            post = after_t.get(r["id"]) if c != "removed" else before_t.get(r["id"])
            if c == "retitled" and self.lang == "en":
                b = self.designs[i].positions
                hit = b.loc[b["id"] == r["id"], "title_en"]
                before = before_t.get(r["id"], r["before"])
                after = hit.iloc[0] if len(hit) and hit.iloc[0] else r["after"]
            elif c in ("added", "removed"):
                before = after = ""
                hc_b = self.designs[0].positions.set_index("id")["headcount"] if c == "removed" else None
                hc_a = self.designs[i].positions.set_index("id")["headcount"] if c == "added" else None
                before = fmt(hc_b.get(r["id"])) if hc_b is not None else "—"
                after = fmt(hc_a.get(r["id"])) if hc_a is not None else "—"
            else:
                before, after = value(r["field"], r["before"], before_t), value(r["field"], r["after"], after_t)
            rows.append({
                self._t("岗位", "Post"): post or r["title"] or r["id"],
                self._t("变化", "Change"): _cap(CHANGES[c][idx]),
                self._t("字段", "Field"): flds.get(r["field"], self._t("定员", "Headcount"))
                if r["field"] or c in ("added", "removed") else "",
                self._t("之前", "Before"): before,
                self._t("之后", "After"): after,
            })
        return pd.DataFrame(rows)

    def raci(self) -> HTMLFragment:
        """Design-principle checks, coverage of the catalogues, gaps, overlaps, the matrix."""
        body = [self._h2("raci")]
        for i, r in enumerate(self.racis):
            body.append(self._h3("raci", i + 1, self._design_heading(i)))
            tables = self.raci_tables(i, r)
            if not has_responsibilities(r):  # a plain HR export: say so, no list of empty cells
                name = next(iter(tables))
                body.append(table_html(tables[name], lang=self.lang, title=name))
                note = self._t("输入数据中没有职责与部门职能:无法评估四大职能与 4P/4C/4R 的覆盖,也无法生成职责矩阵。"
                               "补充岗位的主要职责或部门职能后即可评估。",
                               "The input lists no duties and no unit functions: the coverage of the four roles "
                               "and 4P/4C/4R and the responsibility matrix cannot be assessed. Add posts' primary "
                               "duties or units' functions to assess them.")
                body.append(f'<p class="note">{esc(note)}</p>')
                continue
            keep = (self._t("数值", "Value"), self._t("结论", "Status"))  # "0 functions", "OK" on one line
            for name, df in tables.items():
                if len(df):
                    body.append(table_html(df, lang=self.lang, max_rows=60, title=name, nowrap=keep))
                else:  # an empty list is one line: "Overlapping duties: none."
                    body.append(f'<p class="none-line"><b>{esc(name)}</b>{self._colon}'
                                f"{esc(self._t('无。', 'none.'))}</p>")
        return _wrap("".join(body))

    def raci_tables(self, i: int, r: Raci | None = None) -> dict[str, pd.DataFrame]:
        """The responsibility tables of design ``i`` with headings in the report's language."""
        r = r if r is not None else self.racis[i]
        status = {"ok": self._t("符合", "OK"), "warn": self._t("需关注", "Needs attention"),
                  "n/a": self._t("不适用", "Not measured")}
        pr = pd.DataFrame({
            self._t("原则", "Principle"): r.principles["name"],
            self._t("数值", "Value"): r.principles["value_text"],
            self._t("结论", "Status"): r.principles["status"].map(status),
            self._t("衡量方式", "Measured as"): r.principles["proxy"],
        })
        cov = r.coverage
        covt = pd.DataFrame({
            self._t("类别", "Group"): cov["group"].map(lambda g: self._t("四大职能", "Four roles") if g == "roles" else g),
            self._t("要素", "Element"): [self.tag_label(t) for t in cov["tag"]],
            self._t("负责部门", "Owning units"): [self._join(self.unit_name(u) for u in us) or "—"
                                                  for us in cov["units"]],
            self._t("已覆盖", "Covered"): cov["covered"].map(lambda b: self._t("是", "Yes") if b else self._t("否", "No")),
        })
        ov = pd.DataFrame({
            self._t("职责", "Duty"): r.overlaps["duty"],
            self._t("部门", "Units"): [self._join(self.unit_name(u) for u in us) for us in r.overlaps["units"]],
        })
        uu = pd.DataFrame({self._t("部门", "Unit"): [self.unit_name(u) for u in r.unclear_units["unit"]],
                           self._t("岗位数", "Posts"): r.unclear_units["posts"]})
        m = r.matrix.copy()
        m.columns = [self.unit_name(u) if not str(u).startswith("@") else self.titles[i].get(str(u)[1:], u)
                     for u in m.columns]
        m = m.reset_index().rename(columns={"duty": self._t("职责", "Duty")})
        return {
            self._t("设计原则检查", "Design-principle checks"): pr,
            self._t("四大职能与 4P/4C/4R 覆盖", "Coverage of the four roles and 4P/4C/4R"): covt,
            self._t("职责重叠", "Overlapping duties"): ov,
            self._t("无主要职责的部门", "Units without a primary duty"): uu,
            self._t("职责矩阵(R 负责,A 批准,S 辅助,C 协作,I 知会)",
                    "Responsibility matrix (R responsible, A approves, S supports, C consulted, I informed)"): m,
        }

    def workflow_table(self, i: int) -> pd.DataFrame | None:
        w = self.workflow_tables[i]
        if w is None:
            return None
        return pd.DataFrame({
            self._t("流程", "Workflow"): w["name_en"].where(w["name_en"] != "", w["name"]) if self.lang == "en" else w["name"],
            self._t("步骤", "Steps"): w["steps"], self._t("交接次数", "Hand-offs"): w["handoffs"],
            self._t("涉及岗位", "Posts involved"): w["roles"],
            self._t("最长审批链", "Longest approval chain"): w["longest_approval_chain"],
            self._t("汇报层级跨度", "Reporting hops"): w["reporting_hops"],
            self._t("周期(天)", "Cycle (days)"): w["cycle_days"],
        })

    def workflows(self) -> HTMLFragment | None:
        """Workflows: metrics per workflow, then the steps."""
        if not any(t is not None for t in self.workflow_tables):
            return None  # no design defines workflows: no section (and no output in the notebook)
        body = [self._h2("workflows")]
        for i, org in enumerate(self.designs):
            t = self.workflow_table(i)
            if t is None:
                continue
            body.append(self._h3("workflows", i + 1, self._design_heading(i)))
            body.append(table_html(t, lang=self.lang))
            wf = org.workflows
            steps = pd.DataFrame({
                self._t("流程", "Workflow"): wf["name_en"].where(wf["name_en"] != "", wf["name"]) if self.lang == "en" else wf["name"],
                self._t("步骤", "Step"): wf["step"],
                self._t("岗位", "Post"): [self.titles[i].get(x, x) for x in wf["role"]],
                self._t("动作", "Action"): wf["action_en"].where(wf["action_en"] != "", wf["action"]) if self.lang == "en" else wf["action"],
                self._t("单据", "Document"): wf["document"],
                self._t("天数", "Days"): wf["duration_days"],
            })
            body.append(table_html(steps, lang=self.lang))
        return _wrap("".join(body))

    def simulation_table(self) -> pd.DataFrame:
        full = self.sim_series
        names = {"headcount": ("人数", "headcount (people)"), "managers": ("管理者(人)", "managers (people)"),
                 "layers": ("管理层级", "layers"), "span_mean": ("平均管理幅度", "mean span (people)"),
                 "mgmt_cost_share": ("管理成本占比", "management cost share")}
        wide = full[full["month"].isin([0, self.months // 2, self.months]) & full["metric"].isin(list(names))]
        return pd.DataFrame({
            self._t("月份", "Month"): wide["month"].astype(int).to_numpy(),
            self._t("指标", "Measure"): [_cap(tr(*names[m], self.lang)) for m in wide["metric"]],
            "P10": wide["p10"].to_numpy(), "P50": wide["p50"].to_numpy(), "P90": wide["p90"].to_numpy(),
            "_metric": wide["metric"].to_numpy(),
        })

    def simulation_display(self) -> pd.DataFrame:
        """The simulation bands for people: one row per measure, one column per month shown,
        each cell "median (P10–P90)" (a share as percentages)."""
        t = self.simulation_table()
        months = sorted(set(t.iloc[:, 0]))
        out: dict[str, list[str]] = {self._t("指标", "Measure"): []}
        for m in months:
            out[self._t(f"第\u00a0{m}\u00a0个月", f"Month\u00a0{m}")] = []  # never broken over two lines
        for key in dict.fromkeys(t["_metric"]):
            part = t[t["_metric"] == key]
            f = pct if key == "mgmt_cost_share" else fmt
            out[self._t("指标", "Measure")].append(part.iloc[0, 1])
            for m, col in zip(months, list(out)[1:], strict=True):
                r = part[part.iloc[:, 0] == m]
                if not len(r):
                    out[col].append("—")
                    continue
                lo, mid, hi = (f(r.iloc[0][c]) for c in ("P10", "P50", "P90"))
                out[col].append(mid if lo == hi == mid else f"{mid} ({lo}–{hi})")
        return pd.DataFrame(out)

    def simulation(self) -> HTMLFragment:
        """Growth simulation fan charts (p10 / p50 / p90) and the bands at three months."""
        from ..viz import fan_chart

        body = [self._h2("simulation")]
        body.append(f'<p class="note">{esc(self._t(f"{self.runs:,} 次蒙特卡洛模拟,{self.months} 个月,计划月增长 {pct(self.growth)},随机种子 {self.seed}。阴影为 P10–P90 区间,实线为中位数。", f"{self.runs:,} Monte Carlo runs over {self.months} months, planned growth {pct(self.growth)} a month, seed {self.seed}. Shaded: P10–P90; line: median."))}</p>')
        body.append(_figure(fan_chart(simulation_frame(self.sim_series), lang=self.lang),
                            self._t("增长模拟扇形图", "fan chart")))
        full = self.sim_series
        figs = []
        for key, (zh, en) in metric_labels(["managers", "span_mean"]).items():
            part = full[full["metric"] == key]
            figs.append(_figure(fan_chart(part.drop(columns=["metric"]), lang=self.lang,
                                          ylabel=self._t(zh, _cap(en)),
                                          title=self._t(f"{zh}(模拟)", f"{_cap(en)}, simulated")),
                                self._t(zh, en), "half"))
        body.append('<div class="figrow">' + "".join(figs) + "</div>")
        shown = self.simulation_display()
        body.append(table_html(shown, lang=self.lang, num_cols=tuple(shown.columns[1:])))
        body.append(f'<p class="note">{esc(self._t("每格:中位数(P10–P90 区间);区间为单一数值时只列一次。", "Each cell: median (P10–P90 band); a band of one value is shown once."))}</p>')
        return _wrap("".join(body))

    def method(self) -> HTMLFragment:
        """Appendix A: how every measure is defined, archetype ranges with their source."""
        body = [self._h2("method")]
        t = self._t
        items = [
            t("管理幅度:每个管理岗位在岗者平均直接管理的人数(直接下级岗位定员之和 ÷ 本岗位定员)。"
              "“下属总人数”为其下所有层级的人数。",
              "Span: people reporting directly to a manager post, per incumbent (the headcount of the direct "
              "report posts divided by the post's own headcount). 'People below' counts all reports at every level."),
            t("管理层级:从部门负责人(第 1 层)到最底层岗位的层数。基准层级 = 1 + ⌈log(人数) / log(目标幅度上限)⌉。",
              "Layers: levels from the head of the department (layer 1) to the lowest post. Benchmark layers = "
              "1 + ⌈log(headcount) / log(top of the target span range)⌉."),
            t("管理人员占比:管理岗位在岗人数 ÷ 总人数。", "Management share: people in manager posts ÷ all people."),
            t("覆盖:四大职能(情报、参谋、监管、公关)与 4P/4C/4R 各要素,若有部门在职能或主要职责中承担即为已覆盖"
              "(标签来自 data/catalog 目录)。",
              "Coverage: each of the four roles (intelligence, advisory, oversight, public relations) and of the "
              "4P/4C/4R elements is covered when a unit lists it in its functions or a post's primary duties "
              "(labels from the catalogues in data/catalog)."),
            t(f"增长模拟:{self.runs:,} 次蒙特卡洛模拟,{self.months} 个月,计划月增长 {pct(self.growth)},"
              f"新增人员按目标幅度补充管理岗位;结果取 P10/P50/P90,随机种子 {self.seed}(结果可复现)。",
              f"Growth simulation: {self.runs:,} Monte Carlo runs over {self.months} months at a planned growth of "
              f"{pct(self.growth)} a month, managers added to keep the target span; P10/P50/P90 reported; seed "
              f"{self.seed} (reproducible)."),
            t(f"格拉丘纳斯(Graicunas, 1933):管理者与 n 名直接下级之间的关系数为 n(2^(n−1) + n − 1);"
              f"超过 {GRAICUNAS_LIMIT} 人(222 种关系)即标记。",
              f"Graicunas (1933): a manager with n direct reports has n(2^(n−1) + n − 1) relationships to "
              f"manage; above {GRAICUNAS_LIMIT} reports (222 relationships) a span is flagged."),
        ]
        body.append("<ul>" + "".join(f"<li>{esc(x)}</li>" for x in items) + "</ul>")
        arch = pd.DataFrame({
            t("管理者类型", "Archetype"): [a.name if self.lang == "zh" else _cap(a.name_en) for a in ARCHETYPES.values()],
            t("幅度区间(人)", "Span range (people)"): [f"{a.low:g}+" if math.isinf(a.high) else f"{a.low:g}–{a.high:g}"
                                                  for a in ARCHETYPES.values()],
        })
        body.append(f"<h4>{esc(t('管理者类型与幅度区间', 'Manager archetypes and span ranges'))}</h4>")
        body.append(table_html(arch, lang=self.lang))
        body.append(f'<p class="note">{esc(t("来源:McKinsey 组织设计中的管理者类型(球员兼教练、教练、监督者、促进者、协调者);本报告目标:", "Source: the manager archetypes of McKinsey organisation design practice (player/coach, coach, supervisor, facilitator, coordinator); this report targets: ") + self._target_text())}</p>')
        return _wrap("".join(body))

    def positions_table(self, i: int, *, ids: bool = False) -> pd.DataFrame:
        org = self.designs[i]
        p = org.positions
        out = pd.DataFrame({
            self._t("岗位", "Post"): [self.titles[i].get(x, x) for x in p["id"]],
            self._t("部门", "Unit"): [self.unit_name(u) for u in p["unit"]],
            self._t("上级", "Reports to"): [self.titles[i].get(x, x) if x else "—" for x in p["reports_to"]],
            self._t("定员", "Headcount"): p["headcount"].to_numpy(),
        })
        if not ids:
            return out
        out.insert(3, self._t("上级编号", "Reports to ID"), [str(x) if x else "—" for x in p["reports_to"]])
        return self._id_column(out, p["id"])

    def appendix(self) -> HTMLFragment:
        """Appendix B: the posts, units and links of every design."""
        body = [self._h2("appendix")]
        for i, org in enumerate(self.designs):
            src = _stem(org.path) if org.path else ""
            posts = self.positions_table(i)
            keep = len(posts) <= 30  # a short list stays with its heading on one page
            body.append('<div class="keep-together">' if keep else "<div>")
            body.append(f'<h3 id="appendix-{i + 1}">{esc(self._design_heading(i))}</h3>')
            if src:
                body.append(f'<p class="note">{esc(self._t("来源:", "Source: "))}{esc(src)}</p>')
            body.append(f"<h4>{esc(self._t('岗位', 'Posts'))}</h4>")
            body.append(table_html(posts, lang=self.lang, max_rows=100 if self.large else 300) + "</div>")
            if len(org.links):
                lk = org.links
                kinds = {"directs": ("职能领导", "functional authority"), "assists": ("辅助", "assists"),
                         "approves": ("审批", "approves"), "collaborates": ("协作", "collaborates"),
                         "dotted": ("虚线汇报", "dotted line")}
                where = [org.row_of("links", k) for k in range(len(lk))]
                listed = bool(where) and str(where[0][0]).split("[")[0].lower().endswith((".yaml", ".yml", ".json"))
                body.append(table_html(pd.DataFrame({
                    (self._t("项", "Item") if listed else self._t("行", "Row")): [r for _f, r in where],
                    self._t("从", "From"): [self.titles[i].get(x, x) for x in lk["from"]],
                    self._t("到", "To"): [self.titles[i].get(x, x) for x in lk["to"]],
                    self._t("关系", "Kind"): [_cap(tr(*kinds.get(k, (k, k)), self.lang)) for k in lk["kind"]],
                }), lang=self.lang, max_rows=100, title=self._t("非直线关系", "Links other than reporting lines")))
            notes = self.input_notes(i)
            if len(notes):
                body.append(table_html(notes, lang=self.lang, max_rows=TOP_FLAGS,
                                       title=self._t("输入数据说明", "Notes on the input")))
        return _wrap("".join(body))

    # ------------------------------------------------------------------ data for files
    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table of the report (typed numbers), by sheet name, for the Excel file."""
        out: dict[str, pd.DataFrame] = {}
        t = self._t
        out[t("汇总", "Summary")] = self.metrics_frame()
        ff = findings_frame(self.findings, self.lang)
        ff["severity"] = [_cap(str(x)) for x in ff["severity"]]
        out[t("发现与建议", "Findings")] = ff.rename(columns={
            "rank": t("序号", "Rank"), "severity": t("重要性", "Severity"), "area": t("方面", "Area"),
            "finding": t("发现", "Finding"), "evidence": t("依据", "Evidence"),
            "recommendation": t("建议", "Recommendation")})
        for i in range(len(self.designs)):
            sfx = "" if i == 0 else self._t(f"({self._short(i)})", f" ({self._short(i)})")
            ids = self.titles_repeat(i)  # posts told apart by their ids (a client's 工号)
            out[t("管理幅度", "Spans") + sfx] = self.managers_table(i, ids=ids)
            out[t("部门", "Units") + sfx] = self._units_table(i)
            out[t("问题标记", "Flags") + sfx] = self.flags_table(i, ids=ids)
            notes = self.input_notes(i)
            if len(notes):
                out[t("输入说明", "Input notes") + sfx] = notes
        if self.to_be:
            out[t("方案对比", "Comparison")] = self.effect_table()
            for i in range(1, len(self.designs)):
                out[t("结构差异", "Diff") + ("" if len(self.to_be) == 1 else f" {i}")] = self.structural_diff(i)
        for i in range(len(self.designs)):
            sfx = "" if i == 0 else self._t(f"({self._short(i)})", f" ({self._short(i)})")
            rt = self.raci_tables(i)
            keys = list(rt)
            out[t("覆盖", "Coverage") + sfx] = rt[keys[1]]
            out[t("设计原则", "Principles") + sfx] = rt[keys[0]]
            w = self.workflow_table(i)
            if w is not None:
                out[t("流程", "Workflows") + sfx] = w
        out[t("增长模拟", "Simulation")] = self.simulation_table().drop(columns=["_metric"])
        for i in range(len(self.designs)):
            sfx = "" if i == 0 else self._t(f"({self._short(i)})", f" ({self._short(i)})")
            out[t("岗位", "Posts") + sfx] = self.positions_table(i, ids=self.titles_repeat(i))
        return out


_ID_IN_BRACKETS = re.compile(r" \(([^()\s]+)\)")
"""`` (id)`` after a title in a validation message (validation names posts as ``title (id)``)."""


def _stem(path: str) -> str:
    from pathlib import PurePath

    return PurePath(str(path)).stem


# ----------------------------------------------------------------------------- build
def build(
    org: Org | str,
    to_be: Org | str | Sequence[Org | str] = (),
    *,
    lang: str = "zh",
    span_target: str | float | None = "coach",
    title: str = "",
    author: str = "",
    date: str = "",
    seed: int = 42,
    months: int = 24,
    runs: int = 200,
    node_cap: int = 1500,
    growth: float = 0.03,
    mapping: Mapping[str, str] | None = None,
    no_manager: Iterable[str] = (),
) -> Report:
    """Load the designs and compute what the report shows.

    Parameters
    ----------
    org : Org or str
        The as-is design: an Org, a template id or a file.
    to_be : Org, str or a sequence of them
        To-be designs compared with the as-is.
    lang : {"zh", "en"}
    span_target : str or float
        A number (max people per manager) or an archetype (player_coach, coach,
        supervisor, facilitator, coordinator); ``""``/None for none.
    title, author, date : str
        Shown on the cover; title defaults to a standard one, date to today.
    seed, months, runs : int
        Growth simulation settings.
    node_cap : int
        Most boxes in the interactive org chart.
    growth : float
        Planned monthly growth of the simulation (0.03 = 3 % a month).
    mapping, no_manager
        Loader options for client HR files (see :func:`orglib.io.load`).

    Returns
    -------
    Report

    Examples
    --------
    >>> org = Org.from_records([{"id": "m", "headcount": 1}, {"id": "e", "reports_to": "m", "headcount": 3}])
    >>> rep = build(org, lang="en", runs=10, months=3)
    >>> float(rep.comparison_table().loc["Mean span", "As-is"])
    3.0
    """
    check_lang(lang)
    if isinstance(to_be, str | Org):
        to_be = [to_be]
    target: str | float | None = span_target
    if isinstance(target, str):
        target = target.strip() or None
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer):
        raise OrgInputError(en=f"seed must be a whole number, got {seed!r}", zh=f"随机种子须为整数,而不是 {seed!r}")
    base = load_design(org, mapping=mapping, no_manager=no_manager)
    others = [load_design(t, mapping=mapping, no_manager=no_manager) for t in to_be if t != ""]
    rep = Report(base, others, lang=lang, span_target=target, title=title, author=author, date=date,
                 seed=int(seed), months=int(months), runs=int(runs), node_cap=int(node_cap),
                 growth=float(growth))
    rep._target_range()  # a bad target fails here, with a clear message
    rep.spans = [spans_layers(d, target=target) for d in rep.designs]
    return rep
