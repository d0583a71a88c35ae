"""The sections of the org report, built in the library so the report notebook stays thin.

:func:`build` loads the as-is design and any to-be designs and computes what every
section needs; each method of :class:`Report` returns an :class:`HTMLFragment`
(escaped HTML that a notebook displays as rich output). All user text — names,
titles, file contents — goes through :func:`html.escape`; figures are embedded
PNGs and the org chart an ``<iframe srcdoc>`` with inlined scripts, so the
rendered report needs nothing from the network.

A section whose analysis module is not available says so in one line instead
of failing the report.

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

import html
import importlib
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .._core import Org, OrgError, OrgInputError, check_lang, tr

REPORT_CSS = """
body { font-family: "Noto Sans CJK SC", "Noto Sans CJK JP", "Microsoft YaHei", "PingFang SC",
       "DejaVu Sans", sans-serif; color: #222; }
.jp-Notebook, .jp-Cell { max-width: 1100px; margin: 0 auto; }
.orglib h1 { font-size: 1.9em; margin: 0.2em 0; }
.orglib h2 { border-bottom: 2px solid #4e79a7; padding-bottom: 0.2em; margin-top: 1.4em; }
.orglib .subtitle { color: #666; }
.orglib table.data { border-collapse: collapse; margin: 0.6em 0; font-size: 0.9em; }
.orglib table.data th, .orglib table.data td { border: 1px solid #ddd; padding: 3px 8px;
       text-align: left; vertical-align: top; }
.orglib table.data th { background: #f2f5f9; }
.orglib img.figure { max-width: min(100%, 760px); height: auto; display: block; margin: 0.5em 0; }
.orglib .note { color: #666; font-size: 0.9em; }
.orglib .missing { color: #a15c00; background: #fff6e5; padding: 0.4em 0.8em; border-radius: 4px; }
.orglib .kpi { display: inline-block; min-width: 8em; margin: 0 1em 0.6em 0; padding: 0.4em 0.8em;
       background: #f2f5f9; border-radius: 6px; }
.orglib .kpi b { display: block; font-size: 1.5em; }
.orglib .legend-item { margin-right: 1em; white-space: nowrap; }
.orglib .swatch { display: inline-block; width: 0.9em; height: 0.9em; margin-right: 0.3em;
       border: 1px solid #999; vertical-align: middle; }
.orglib .orgchart-static svg { max-width: 100%; height: auto; }
.orglib .print-only { display: none; }
@media print {
  .orglib .print-only { display: block; }
  .orglib .screen-only { display: none; }
  .orglib h2 { page-break-after: avoid; }
  .orglib img.figure, .orglib .orgchart-static { page-break-inside: avoid; }
}
"""
"""Style sheet of the rendered report (inlined by :mod:`orglib.report`)."""


class HTMLFragment(str):
    """A piece of escaped HTML; Jupyter displays it as HTML.

    >>> HTMLFragment("<b>x</b>")._repr_html_()
    '<b>x</b>'
    """

    def _repr_html_(self) -> str:
        return str(self)


def esc(text: Any) -> str:
    """Escape user text for HTML (``None`` → ``""``).

    >>> esc('<img src=x onerror="alert(1)">')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
    """
    return html.escape("" if text is None else str(text), quote=True)


def fmt(v: Any, digits: int = 3) -> str:
    """A number for people: ``11``, ``2.5``, ``—`` for missing.

    >>> fmt(11.0), fmt(2.3333), fmt(float("nan"))
    ('11', '2.33', '—')
    """
    if v is None:
        return "—"
    if isinstance(v, int | np.integer):
        return str(int(v))
    try:
        f = float(v)
    except (TypeError, ValueError):
        return str(v)
    if not math.isfinite(f):
        return "—"
    return f"{f:.{digits}g}" if abs(f) < 10 ** digits else f"{f:,.0f}"


def table_html(df: pd.DataFrame, *, max_rows: int = 200, lang: str = "zh",
               index: bool = False) -> str:
    """A DataFrame as an escaped HTML table (numbers formatted, long tables cut).

    >>> "&lt;b&gt;" in table_html(pd.DataFrame({"a": ["<b>"]}))
    True
    """
    shown = df.head(max_rows).copy()
    for c in shown.columns:
        if pd.api.types.is_float_dtype(shown[c]):
            shown[c] = shown[c].map(fmt)
        elif shown[c].dtype == object:
            shown[c] = shown[c].map(_cell_text)
    out = shown.to_html(index=index, escape=True, border=0, classes="data", na_rep="—")
    if len(df) > max_rows:
        note = tr(f"仅显示前 {max_rows} 行,共 {len(df)} 行。",
                  f"First {max_rows} of {len(df)} rows shown.", lang)
        out += f'<p class="note">{esc(note)}</p>'

    return out


def _cell_text(v: Any) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    if isinstance(v, list | tuple):
        return "; ".join(_cell_text(x) for x in v)
    if isinstance(v, dict):
        for k in ("text", "name", "title"):
            if k in v:
                return str(v[k])
        return "; ".join(f"{k}: {_cell_text(x)}" for k, x in v.items())
    if isinstance(v, float):
        return fmt(v)
    return str(v)


def missing_html(what: str, module: str, lang: str) -> HTMLFragment:
    """One clean line saying an analysis is not available.

    >>> "orglib.raci" in missing_html("职责矩阵", "orglib.raci", "zh")
    True
    """
    text = tr(f"{what}:此版本的 orglib 未提供该分析({module})。",
              f"{what}: not available in this version of orglib ({module}).", lang)
    return HTMLFragment(f'<p class="missing">{esc(text)}</p>')


def _optional(module: str) -> Any | None:
    try:
        return importlib.import_module(module)
    except ImportError:
        return None


def _h2(zh: str, en: str, lang: str, anchor: str) -> str:
    return f'<h2 id="{anchor}">{esc(tr(zh, en, lang))}</h2>'


def _wrap(body: str) -> HTMLFragment:
    return HTMLFragment(f'<div class="orglib">{body}</div>')


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
    seed: int = 42
    months: int = 24
    runs: int = 200
    node_cap: int = 1500
    growth: float = 0.03
    spans: list[Any] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)

    # ------------------------------------------------------------------ helpers
    @property
    def designs(self) -> list[Org]:
        return [self.org, *self.to_be]

    def _t(self, zh: str, en: str) -> str:
        return tr(zh, en, self.lang)

    def design_label(self, i: int) -> str:
        """Short label of design ``i`` (0 = as-is)."""
        name = self.designs[i].label(self.lang)
        if i == 0:
            return name or self._t("现状", "as-is")
        return name or self._t(f"方案 {i}", f"to-be {i}")

    def _short(self, i: int) -> str:
        if i == 0:
            return self._t("现状", "As-is")
        return self._t(f"方案{i}", f"To-be {i}") if len(self.to_be) > 1 else self._t("方案", "To-be")

    def _title_of(self, row: Mapping[str, Any]) -> str:
        if self.lang == "en" and row.get("title_en"):
            return str(row["title_en"])
        return str(row.get("title") or row.get("id") or "")

    # ------------------------------------------------------------------ sections
    def header(self) -> HTMLFragment:
        """Title, author, designs covered and a table of contents."""
        title = self.title or self._t(f"组织诊断报告:{self.org.label('zh')}",
                                      f"Organisation review: {self.org.label('en')}")
        sub = [self._t("现状", "As-is") + ": " + self.design_label(0)]
        for i in range(1, len(self.designs)):
            sub.append(self._short(i) + ": " + self.design_label(i))
        toc = [("summary", "执行摘要", "Executive summary"), ("orgchart", "组织结构图", "Org chart"),
               ("spans", "管理幅度与层级", "Spans and layers"), ("flags", "问题标记", "Flags"),
               ("compare", "现状与方案对比", "As-is vs to-be"),
               ("raci", "职责矩阵", "Responsibilities"), ("workflows", "工作流程", "Workflows"),
               ("simulation", "增长模拟", "Growth simulation"), ("appendix", "附录:数据", "Appendix: data")]
        items = "".join(f'<li><a href="#{a}">{esc(self._t(z, e))}</a></li>' for a, z, e in toc)
        by = f'<p class="subtitle">{esc(self._t("作者", "Author"))}: {esc(self.author)}</p>' if self.author else ""
        return _wrap(
            f"<h1>{esc(title)}</h1>{by}"
            + "".join(f'<p class="subtitle">{esc(s)}</p>' for s in sub)
            + f'<p class="subtitle">{esc(self._t("管理幅度目标", "Span target"))}: '
              f"{esc(self._target_text())} · {esc(self._t('随机种子', 'seed'))} {self.seed}</p>"
            + f"<ol>{items}</ol>")

    def _target_text(self) -> str:
        from ..analysis import ARCHETYPES, resolve_target

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
        from ..analysis import resolve_target

        rng = resolve_target(self.span_target)
        if rng is None:
            return None
        return (rng[0], min(rng[1], 1e9))

    def summary(self) -> HTMLFragment:
        """Executive summary in plain words."""
        s = self.spans[0]
        body = [_h2("执行摘要", "Executive summary", self.lang, "summary")]
        if s is None:
            body.append(f"<p>{esc(self.errors.get('spans0', ''))}</p>")
            return _wrap("".join(body))
        sm = s.summary
        kpis = [(self._t("人数", "People"), fmt(sm["headcount"])),
                (self._t("岗位", "Posts"), fmt(sm["posts"])),
                (self._t("层级", "Layers"), fmt(sm["layers"])),
                (self._t("平均管理幅度", "Mean span"), fmt(sm["mean_span"])),
                (self._t("问题标记", "Flags"), fmt(len(s.flags)))]
        body.append("".join(f'<span class="kpi">{esc(k)}<b>{esc(v)}</b></span>' for k, v in kpis))
        points = self.summary_points()
        body.append("<ul>" + "".join(f"<li>{esc(p)}</li>" for p in points) + "</ul>")
        return _wrap("".join(body))

    def summary_points(self) -> list[str]:
        """The executive summary as plain sentences (no markup)."""
        out: list[str] = []
        s = self.spans[0]
        sm = s.summary
        name = self.design_label(0)
        n_units = max(1, self.org.positions["unit"].replace("", np.nan).nunique())
        out.append(self._t(
            f"{name}共有 {fmt(sm['headcount'])} 人、{sm['posts']} 个岗位、{n_units} 个部门,管理层级 {sm['layers']} 层。",
            f"{name} has {fmt(sm['headcount'])} people in {sm['posts']} posts and {n_units} unit(s), "
            f"over {sm['layers']} layer(s)."))
        m = s.managers
        if len(m):
            top = m.sort_values("span", ascending=False).iloc[0]
            out.append(self._t(
                f"管理者平均每人管理 {fmt(sm['mean_span'])} 人(中位数 {fmt(sm['median_span'])});"
                f"幅度最大的是{self._title_of(top)},每人管理 {fmt(top['span'])} 人。",
                f"Managers lead {fmt(sm['mean_span'])} people each on average (median "
                f"{fmt(sm['median_span'])}); the widest span is {self._title_of(top)} with "
                f"{fmt(top['span'])} people per incumbent."))
        rng = self._target_range()
        if rng is not None and len(m):
            above = int((m["span"] > rng[1]).sum())
            below = int((m["span"] < rng[0]).sum())
            out.append(self._t(
                f"按目标幅度({self._target_text()}),{above} 个管理岗位幅度过大,{below} 个过小。",
                f"Against the span target ({self._target_text()}), {above} manager post(s) are "
                f"too wide and {below} too narrow."))
        if len(s.flags):
            counts = s.flags["flag"].value_counts()
            from ..analysis import FLAG_CODES

            parts = [f"{FLAG_CODES.get(k, (k, k))[0 if self.lang == 'zh' else 1]} × {v}"
                     for k, v in counts.items()]
            out.append(self._t("问题标记:", "Flags: ") + (", ".join(parts) if self.lang == "en" else "、".join(parts)))
        peer = [p for p in self.org.problems if p.code == "peer_authority"]
        directs = int((self.org.links["kind"] == "directs").sum()) if len(self.org.links) else 0
        if directs:
            out.append(self._t(
                f"有 {directs} 条职能领导关系(directs),其中 {len(peer)} 条发生在同级岗位之间(相互领导),"
                "职责与权力不清。",
                f"{directs} functional-authority link(s) (directs), {len(peer)} of them between peers "
                "who lead each other: authority and accountability are blurred."))
        for i in range(1, len(self.designs)):
            t = self.spans[i]
            if t is None:
                continue
            d = t.summary
            out.append(self._t(
                f"{self._short(i)}“{self.design_label(i)}”:{fmt(d['headcount'])} 人({_signed(d['headcount'] - sm['headcount'])}),"
                f"{d['layers']} 层({_signed(d['layers'] - sm['layers'])}),平均幅度 {fmt(d['mean_span'])},"
                f"问题标记 {len(t.flags)} 个(现状 {len(s.flags)} 个)。",
                f"{self._short(i)} \"{self.design_label(i)}\": {fmt(d['headcount'])} people "
                f"({_signed(d['headcount'] - sm['headcount'])}), {d['layers']} layer(s) "
                f"({_signed(d['layers'] - sm['layers'])}), mean span {fmt(d['mean_span'])}, "
                f"{len(t.flags)} flag(s) (as-is: {len(s.flags)})."))
        sim = self._simulation()
        if isinstance(sim, pd.DataFrame) and len(sim):
            last = sim[sim["month"] == sim["month"].max()]
            if len(last):
                r = last.iloc[0]
                out.append(self._t(
                    f"增长模拟({self.runs} 次,种子 {self.seed}):{int(r['month'])} 个月后人数中位数 {fmt(r['p50'])},"
                    f"80% 区间 {fmt(r.get('p10'))}–{fmt(r.get('p90'))}。",
                    f"Growth simulation ({self.runs} runs, seed {self.seed}): after {int(r['month'])} months "
                    f"the median headcount is {fmt(r['p50'])}, 80% band {fmt(r.get('p10'))}–{fmt(r.get('p90'))}."))
        return out

    def orgchart(self) -> HTMLFragment:
        """Interactive org chart (screen) and static chart (print), for each design."""
        from ..viz import chart_view, embed_html, interactive_html, legend_html, static_html

        body = [_h2("组织结构图", "Org chart", self.lang, "orgchart"),
                f'<p class="note">{esc(self._t("可拖动、缩放;悬停查看岗位详情。颜色表示部门,虚线表示虚线汇报、辅助、职能领导等非直线关系。", "Drag and zoom; hover a box for details. Colours are units; dashed lines are dotted-line, assisting and functional-authority links."))}</p>']
        for i, org in enumerate(self.designs):
            view = chart_view(org, lang=self.lang, node_cap=self.node_cap)
            body.append(f"<h3>{esc(self._short(i))}: {esc(self.design_label(i))}</h3>")
            if view.mode != "full":
                body.append(f'<p class="note">{esc(self._t(f"组织较大({view.total_posts} 个岗位),图中折叠为 {len(view.nodes)} 个方框(方式:{view.mode}),方框内注明其下隐藏的岗位与人数。", f"Large org ({view.total_posts} posts): collapsed to {len(view.nodes)} boxes ({view.mode}); boxes state the posts and people they hide."))}</p>')
            page = interactive_html(org, lang=self.lang, view=view)
            body.append('<div class="screen-only">' + embed_html(
                page, title=self._t("组织结构图", "org chart")) + legend_html(view) + "</div>")
            body.append('<div class="print-only">' + static_html(org, lang=self.lang) + "</div>")
        return _wrap("".join(body))

    def spans_layers(self) -> HTMLFragment:
        """Spans & layers: key figures, span histogram, layer pyramid, managers table."""
        from ..viz import figure_html, layer_pyramid, span_histogram

        body = [_h2("管理幅度与层级", "Spans and layers", self.lang, "spans")]
        rng = self._target_range()
        for i, s in enumerate(self.spans):
            body.append(f"<h3>{esc(self._short(i))}: {esc(self.design_label(i))}</h3>")
            if s is None:
                body.append(f'<p class="missing">{esc(self.errors.get(f"spans{i}", ""))}</p>')
                continue
            sm = s.summary
            rows = [(self._t("人数", "Headcount"), sm["headcount"]), (self._t("岗位", "Posts"), sm["posts"]),
                    (self._t("层级", "Layers"), sm["layers"]), (self._t("管理者(人)", "Managers (people)"), sm["managers"]),
                    (self._t("一线员工(人)", "Individual contributors"), sm["individual_contributors"]),
                    (self._t("员工/管理者比", "ICs per manager"), sm["manager_ratio"]),
                    (self._t("平均管理幅度", "Mean span"), sm["mean_span"]),
                    (self._t("管理幅度中位数", "Median span"), sm["median_span"])]
            body.append(table_html(pd.DataFrame({self._t("指标", "Metric"): [r[0] for r in rows],
                                                 self._t("数值", "Value"): [fmt(r[1]) for r in rows]}),
                                   lang=self.lang))
            body.append(figure_html(span_histogram(s.managers["span"], target=rng, lang=self.lang),
                                    alt=self._t("管理幅度分布", "span histogram")))
            body.append(figure_html(layer_pyramid(sm["people_per_layer"], lang=self.lang),
                                    alt=self._t("层级金字塔", "layer pyramid")))
            bands = pd.DataFrame({self._t("幅度区间", "Span band"): list(sm["bands"]),
                                  self._t("管理者(人)", "Managers (people)"): list(sm["bands"].values())})
            body.append(table_html(bands, lang=self.lang))
            m = s.managers.copy()
            m["title"] = [self._title_of(r) for r in m.to_dict("records")]
            cols = {"id": self._t("编号", "id"), "title": self._t("岗位", "post"),
                    "headcount": self._t("定员", "headcount"), "layer": self._t("层级", "layer"),
                    "direct_reports": self._t("直接下级岗位", "direct report posts"),
                    "span": self._t("管理幅度", "span"), "people_below": self._t("下属总人数", "people below"),
                    "band": self._t("区间", "band")}
            body.append(table_html(m[list(cols)].rename(columns=cols), lang=self.lang))
        return _wrap("".join(body))

    def flags(self) -> HTMLFragment:
        """Flags with their reasons, plus validation warnings."""
        body = [_h2("问题标记", "Flags", self.lang, "flags")]
        for i, s in enumerate(self.spans):
            body.append(f"<h3>{esc(self._short(i))}: {esc(self.design_label(i))}</h3>")
            rows = []
            if s is not None:
                from ..analysis import FLAG_CODES

                for r in s.flags.to_dict("records"):
                    names = FLAG_CODES.get(r["flag"], (r["flag"], r["flag"]))
                    rows.append({"post": self._title_of(self._pos_row(i, r["id"]) or r),
                                 "flag": names[0] if self.lang == "zh" else names[1],
                                 "reason": r["message_zh"] if self.lang == "zh" else r["message"]})
            for p in self.designs[i].problems:
                where = f"{self._t('行', 'row')} {p.row}" if p.row is not None else "—"
                rows.append({"post": where, "flag": p.code,
                             "reason": (p.message_zh or p.message) if self.lang == "zh" else p.message})
            if not rows:
                body.append(f"<p>{esc(self._t('没有问题标记。', 'No flags.'))}</p>")
                continue
            df = pd.DataFrame(rows).rename(columns={
                "post": self._t("岗位/字段", "post / field"), "flag": self._t("标记", "flag"),
                "reason": self._t("原因", "reason")})
            body.append(table_html(df, lang=self.lang))
        return _wrap("".join(body))

    def _pos_row(self, i: int, post_id: str) -> dict | None:
        pos = self.designs[i].positions
        hit = pos.index[pos["id"] == post_id]
        return pos.loc[hit[0]].to_dict() if len(hit) else None

    def comparison_table(self) -> pd.DataFrame:
        """Key metrics, one row per metric, one column per design."""
        cols = {}
        for i, s in enumerate(self.spans):
            if s is None:
                continue
            sm = s.summary
            cols[self._short(i)] = [sm["headcount"], sm["posts"], sm["layers"], sm["managers"],
                                    sm["manager_ratio"], sm["mean_span"], sm["median_span"],
                                    float(len(s.flags)), float(len(self.designs[i].units))]
        index = [self._t("人数", "Headcount"), self._t("岗位", "Posts"), self._t("层级", "Layers"),
                 self._t("管理者(人)", "Managers"), self._t("员工/管理者比", "ICs per manager"),
                 self._t("平均幅度", "Mean span"), self._t("幅度中位数", "Median span"),
                 self._t("问题标记", "Flags"), self._t("部门数", "Units")]
        return pd.DataFrame(cols, index=index)

    def comparison(self) -> HTMLFragment:
        """As-is vs to-be: metrics table, comparison bars and structural diff."""
        from ..viz import comparison_bars, figure_html

        body = [_h2("现状与方案对比", "As-is vs to-be", self.lang, "compare")]
        if not self.to_be:
            body.append(f'<p class="note">{esc(self._t("未提供方案(to_be),仅展示现状。", "No to-be design given: the as-is only."))}</p>')
        table = self.comparison_table()
        body.append(table_html(table, index=True, lang=self.lang))
        if self.to_be:
            body.append(figure_html(comparison_bars(table.iloc[[0, 2, 5, 7]], lang=self.lang),
                                    alt=self._t("方案对比", "comparison")))
        cmp_mod = _optional("orglib.compare")
        if cmp_mod is not None and hasattr(cmp_mod, "compare") and self.to_be:
            try:
                full = cmp_mod.compare(*self.designs, names=[self._short(i) for i in range(len(self.designs))],
                                       lang=self.lang)
                if isinstance(full, pd.DataFrame):
                    body.append(f"<h3>{esc(self._t('详细指标', 'Detailed metrics'))}</h3>")
                    body.append(table_html(full, index=True, lang=self.lang))
            except (OrgError, ValueError, KeyError, TypeError) as exc:
                body.append(f'<p class="missing">{esc(str(exc))}</p>')
        for i in range(1, len(self.designs)):
            body.append(f"<h3>{esc(self._t('结构差异', 'Structural diff'))}: "
                        f"{esc(self._short(0))} → {esc(self._short(i))}</h3>")
            body.append(table_html(self.structural_diff(i), lang=self.lang))
        return _wrap("".join(body))

    def structural_diff(self, i: int) -> pd.DataFrame:
        """Posts added, removed, moved or resized between the as-is and design ``i``."""
        cmp_mod = _optional("orglib.compare")
        if cmp_mod is not None and hasattr(cmp_mod, "diff"):
            try:
                d = cmp_mod.diff(self.org, self.designs[i])
                ch = getattr(d, "changes", d)
                if isinstance(ch, pd.DataFrame):
                    names = getattr(cmp_mod, "CHANGES", {})
                    ch = ch.copy()
                    ch["change"] = [names.get(c, (c, c))[0 if self.lang == "zh" else 1] for c in ch["change"]]
                    cols = [c for c in ("id", "title", "change", "field", "before", "after") if c in ch.columns]
                    return ch[cols].rename(columns={
                        "title": self._t("岗位", "post"), "change": self._t("变化", "change"),
                        "field": self._t("字段", "field"), "before": self._t("之前", "before"),
                        "after": self._t("之后", "after")})
            except (OrgError, ValueError, KeyError, TypeError):
                pass
        return simple_diff(self.org, self.designs[i], self.lang)

    def raci(self) -> HTMLFragment:
        """Responsibilities matrix with gaps and overlaps."""
        body = [_h2("职责矩阵", "Responsibilities", self.lang, "raci")]
        mod = _optional("orglib.raci")
        if mod is None:
            body.append(missing_html(self._t("职责矩阵", "Responsibilities matrix"), "orglib.raci", self.lang))
            body.append(table_html(duties_table(self.org, self.lang), lang=self.lang))
            return _wrap("".join(body))
        body.append(_raci_section(mod, self))
        return _wrap("".join(body))

    def workflows(self) -> HTMLFragment:
        """Workflows: steps, roles, documents and hand-offs."""
        body = [_h2("工作流程", "Workflows", self.lang, "workflows")]
        wf = self.org.workflows
        mod = _optional("orglib.workflows")
        if mod is not None:
            body.append(_workflow_section(mod, self))
        elif len(wf):
            body.append(missing_html(self._t("流程分析", "Workflow analysis"), "orglib.workflows", self.lang))
        if len(wf):
            cols = ["workflow", "name_en" if self.lang == "en" else "name", "step", "role",
                    "action_en" if self.lang == "en" else "action", "document", "approves", "duration_days"]
            body.append(table_html(wf[cols].rename(columns={
                "workflow": self._t("流程", "workflow"), "name": self._t("名称", "name"),
                "name_en": self._t("名称", "name"), "step": self._t("步骤", "step"),
                "role": self._t("岗位", "role"), "action": self._t("动作", "action"),
                "action_en": self._t("动作", "action"), "document": self._t("单据", "document"),
                "approves": self._t("审批", "approves"), "duration_days": self._t("天数", "days")}),
                lang=self.lang))
        else:
            body.append(f"<p>{esc(self._t('该设计未定义工作流程。', 'This design defines no workflows.'))}</p>")
        return _wrap("".join(body))

    def _simulation(self) -> pd.DataFrame | str:
        key = "_sim_cache"
        if key in self.__dict__:
            return self.__dict__[key]
        mod = _optional("orglib.simulate")
        if mod is None or not hasattr(mod, "simulate"):
            res: pd.DataFrame | str = "missing"
        else:
            try:
                kw: dict[str, Any] = {"growth": self.growth}
                from ..analysis import ARCHETYPES, resolve_target

                rng = resolve_target(self.span_target)
                if rng is not None and rng[2] in ARCHETYPES:
                    kw["archetype"] = rng[2]
                out = mod.simulate(self.org, months=self.months, runs=self.runs, seed=self.seed, **kw)
                self.__dict__["_sim_series"] = out.series
                res = simulation_frame(out)
            except (OrgError, ValueError, KeyError, TypeError) as exc:
                res = str(exc)
        self.__dict__[key] = res
        return res

    def simulation(self) -> HTMLFragment:
        """Growth simulation fan chart (p10 / p50 / p90)."""
        from ..viz import fan_chart, figure_html

        body = [_h2("增长模拟", "Growth simulation", self.lang, "simulation")]
        sim = self._simulation()
        if isinstance(sim, str):
            if sim == "missing":
                body.append(missing_html(self._t("增长模拟", "Growth simulation"), "orglib.simulate", self.lang))
            else:
                body.append(f'<p class="missing">{esc(sim)}</p>')
            return _wrap("".join(body))
        body.append(f'<p class="note">{esc(self._t(f"{self.runs} 次蒙特卡洛模拟,{self.months} 个月,计划月增长 {self.growth:.1%},随机种子 {self.seed}。阴影为 P10–P90 区间,实线为中位数。", f"{self.runs} Monte Carlo runs over {self.months} months, planned growth {self.growth:.1%} a month, seed {self.seed}. Shaded: P10–P90; line: median."))}</p>')
        body.append(figure_html(fan_chart(sim, lang=self.lang), alt=self._t("增长模拟扇形图", "fan chart")))
        full = self.__dict__.get("_sim_series")
        if isinstance(full, pd.DataFrame) and "metric" in full.columns:
            names = {"managers": ("管理者", "managers"), "layers": ("管理层级", "layers"),
                     "span_mean": ("平均管理幅度", "mean span")}
            for key, (zh, en) in names.items():
                part = full[full["metric"] == key]
                if len(part) and {"p10", "p50", "p90"} <= set(part.columns):
                    body.append(figure_html(fan_chart(part.drop(columns=["metric"]), lang=self.lang,
                                                      ylabel=self._t(zh, en),
                                                      title=self._t(f"{zh}(模拟)", f"{en} (simulated)")),
                                            alt=self._t(zh, en)))
            wide = full[full["month"].isin([0, self.months // 2, self.months])]
            wide = wide[wide["metric"].isin(["headcount", "managers", "layers", "span_mean", "mgmt_cost_share"])]
            cols = [c for c in ("month", "metric", "p10", "p50", "p90") if c in wide.columns]
            body.append(table_html(wide[cols], lang=self.lang))
        return _wrap("".join(body))

    def appendix(self) -> HTMLFragment:
        """Appendix: the positions, units and links of every design."""
        body = [_h2("附录:数据", "Appendix: data", self.lang, "appendix")]
        for i, org in enumerate(self.designs):
            body.append(f"<h3>{esc(self._short(i))}: {esc(self.design_label(i))}</h3>")
            src = org.meta.get("source") or org.path
            if src:
                body.append(f'<p class="note">{esc(self._t("来源", "Source"))}: {esc(src)}</p>')
            cols = [c for c in ("id", "title", "title_en", "unit", "reports_to", "headcount", "level", "region")
                    if c in org.positions.columns and (org.positions[c].astype(str) != "").any()]
            body.append(table_html(org.positions[cols], lang=self.lang, max_rows=300))
            if len(org.units):
                body.append(table_html(org.units[["id", "name", "name_en", "parent", "kind"]], lang=self.lang))
            if len(org.links):
                body.append(table_html(org.links[["from", "to", "kind", "label"]], lang=self.lang))
        return _wrap("".join(body))


def _signed(v: float) -> str:
    return ("+" if v > 0 else "") + fmt(v) if v != 0 else "±0"


def simulation_frame(result: Any) -> pd.DataFrame:
    """Normalise a simulation result to columns month, p10, p50, p90 (and metric).

    >>> simulation_frame(pd.DataFrame({"month": [0], "p10": [1], "p50": [2], "p90": [3]})).columns.tolist()
    ['month', 'p10', 'p50', 'p90']
    """
    s = getattr(result, "series", result)
    if not isinstance(s, pd.DataFrame):
        raise TypeError("simulation result has no .series DataFrame")
    s = s.reset_index() if "month" not in s.columns else s.copy()
    if "month" not in s.columns:
        s = s.rename(columns={s.columns[0]: "month"})
    if "metric" in s.columns:
        hc = s[s["metric"].astype(str).str.contains("headcount")]
        s = hc if len(hc) else s
        if s["metric"].nunique() > 1:
            s = s[s["metric"] == s["metric"].iloc[0]]
        s = s.drop(columns=["metric"])
    keep = [c for c in ("month", "p10", "p25", "p50", "p75", "p90") if c in s.columns]
    return s[keep].reset_index(drop=True)


def simple_diff(a: Org, b: Org, lang: str = "zh") -> pd.DataFrame:
    """Posts added, removed, moved (new manager) or resized between two designs, by id.

    >>> a = Org.from_records([{"id": "m", "headcount": 1}, {"id": "x", "reports_to": "m", "headcount": 2}])
    >>> b = Org.from_records([{"id": "m", "headcount": 1}, {"id": "y", "reports_to": "m", "headcount": 2}])
    >>> simple_diff(a, b, "en")["change"].tolist()
    ['removed', 'added']
    """
    pa = a.positions.set_index("id", drop=False)
    pb = b.positions.set_index("id", drop=False)
    pa = pa[~pa.index.duplicated()]
    pb = pb[~pb.index.duplicated()]
    rows = []

    def title(r: Mapping[str, Any]) -> str:
        return str((r.get("title_en") if lang == "en" else "") or r.get("title") or r.get("id"))

    for pid in pa.index:
        ra = pa.loc[pid].to_dict()
        if pid not in pb.index:
            rows.append((pid, title(ra), tr("删除", "removed", lang), f"{fmt(ra['headcount'])} → —"))
            continue
        rb = pb.loc[pid].to_dict()
        if ra["reports_to"] != rb["reports_to"]:
            rows.append((pid, title(rb), tr("改变上级", "moved", lang),
                         f"{ra['reports_to'] or '—'} → {rb['reports_to'] or '—'}"))
        ha, hb = float(np.nan_to_num(ra["headcount"])), float(np.nan_to_num(rb["headcount"]))
        if ha != hb:
            rows.append((pid, title(rb), tr("调整定员", "resized", lang), f"{fmt(ha)} → {fmt(hb)}"))
        if ra["unit"] != rb["unit"]:
            rows.append((pid, title(rb), tr("调整部门", "unit changed", lang), f"{ra['unit']} → {rb['unit']}"))
    for pid in pb.index:
        if pid not in pa.index:
            rb = pb.loc[pid].to_dict()
            rows.append((pid, title(rb), tr("新增", "added", lang), f"— → {fmt(rb['headcount'])}"))
    return pd.DataFrame(rows, columns=["id", tr("岗位", "post", lang), "change" if lang == "en" else "变化",
                                       tr("明细", "detail", lang)])


def duties_table(org: Org, lang: str = "zh") -> pd.DataFrame:
    """Primary and assisting duties of each post, as text.

    >>> org = Org.from_records([{"id": "a", "duties": {"primary": ["调研"]}}])
    >>> duties_table(org).iloc[0, 2]
    '调研'
    """
    rows = []
    for r in org.positions.to_dict("records"):
        d = r.get("duties") or {}
        if not isinstance(d, dict):
            d = {"primary": d if isinstance(d, list) else [d]}

        def text(items: Any) -> str:
            out = []
            for it in items or []:
                if isinstance(it, dict):
                    out.append(str((it.get("text_en") if lang == "en" else "") or it.get("text") or ""))
                else:
                    out.append(str(it))
            return "; ".join(x for x in out if x)

        rows.append((r["id"], str((r.get("title_en") if lang == "en" else "") or r.get("title") or ""),
                     text(d.get("primary")), text(d.get("assisting"))))
    return pd.DataFrame(rows, columns=["id", tr("岗位", "post", lang), tr("主要责任", "primary duties", lang),
                                       tr("辅助任务", "assisting duties", lang)])


def _frames_of(obj: Any) -> list[tuple[str, pd.DataFrame]]:
    """DataFrames held by a result object (itself, or its DataFrame attributes)."""
    if isinstance(obj, pd.DataFrame):
        return [("", obj)]
    out = []
    for name in ("matrix", "table", "gaps", "overlaps", "unclear_units", "principles", "summary",
                 "steps", "handoffs", "approvals", "kpis", "issues"):
        v = getattr(obj, name, None)
        if isinstance(v, pd.DataFrame):
            out.append((name, v))
    if isinstance(obj, Mapping):
        out += [(str(k), v) for k, v in obj.items() if isinstance(v, pd.DataFrame)]
    return out


_SECTION_NAMES = {
    "matrix": ("矩阵", "matrix"), "table": ("表", "table"), "coverage": ("覆盖", "coverage"),
    "gaps": ("缺口", "gaps"), "overlaps": ("重叠", "overlaps"), "summary": ("汇总", "summary"),
    "steps": ("步骤", "steps"), "handoffs": ("交接", "hand-offs"), "approvals": ("审批", "approvals"),
    "kpis": ("考核指标", "KPIs"), "issues": ("问题", "issues"),
    "unclear_units": ("职责不清的部门", "units without primary duties"),
    "principles": ("设计原则检查", "design-principle checks"),
}


def _render_frames(frames: Sequence[tuple[str, pd.DataFrame]], lang: str) -> str:
    out = []
    for name, df in frames:
        if name:
            zh, en = _SECTION_NAMES.get(name, (name, name))
            out.append(f"<h4>{esc(tr(zh, en, lang))}</h4>")
        if len(df) == 0:
            out.append(f"<p>{esc(tr('无。', 'None.', lang))}</p>")
        else:
            out.append(table_html(df, lang=lang, index=not isinstance(df.index, pd.RangeIndex)))
    return "".join(out)


def _call_first(mod: Any, names: Sequence[str], *args: Any, **kw: Any) -> Any:
    for n in names:
        fn = getattr(mod, n, None)
        if callable(fn):
            try:
                return fn(*args, **kw)
            except TypeError:
                return fn(*args)
    raise AttributeError(f"{mod.__name__} has none of {', '.join(names)}")


def _raci_section(mod: Any, rep: Report) -> str:
    out = []
    for i, org in enumerate(rep.designs):
        out.append(f"<h3>{esc(rep._short(i))}: {esc(rep.design_label(i))}</h3>")
        try:
            res = _call_first(mod, ("raci", "coverage", "matrix"), org, lang=rep.lang)
            frames = _frames_of(res)
            out.append(_render_frames(frames, rep.lang) if frames else
                       table_html(duties_table(org, rep.lang), lang=rep.lang))
        except (OrgError, ValueError, KeyError, AttributeError) as exc:
            out.append(f'<p class="missing">{esc(str(exc))}</p>')
            out.append(table_html(duties_table(org, rep.lang), lang=rep.lang))
    return "".join(out)


def _workflow_section(mod: Any, rep: Report) -> str:
    out = []
    for i, org in enumerate(rep.designs):
        if not len(org.workflows):
            continue
        out.append(f"<h3>{esc(rep._short(i))}: {esc(rep.design_label(i))}</h3>")
        try:
            res = _call_first(mod, ("workflow_metrics", "workflows"), org)
            frames = _frames_of(res)
            out.append(_render_frames(frames, rep.lang))
        except (OrgError, ValueError, KeyError, AttributeError) as exc:
            out.append(f'<p class="missing">{esc(str(exc))}</p>')
    return "".join(out)


# ----------------------------------------------------------------------------- build
def build(
    org: Org | str,
    to_be: Org | str | Sequence[Org | str] = (),
    *,
    lang: str = "zh",
    span_target: str | float | None = "coach",
    title: str = "",
    author: str = "",
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
    title, author : str
        Shown at the top; title defaults to a standard one.
    seed, months, runs : int
        Growth simulation settings.
    node_cap : int
        Most boxes in the interactive org chart.
    growth : float
        Planned monthly growth of the simulation (0.03 = 3 % a month).
    mapping, no_manager
        Loader options for client HR files (see :func:`orglib.io._load.load`).

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
        raise OrgInputError(f"seed must be a whole number, got {seed!r} / 随机种子须为整数")
    base = load_design(org, mapping=mapping, no_manager=no_manager)
    others = [load_design(t, mapping=mapping, no_manager=no_manager) for t in to_be if t != ""]
    rep = Report(base, others, lang=lang, span_target=target, title=title, author=author,
                 seed=int(seed), months=int(months), runs=int(runs), node_cap=int(node_cap),
                 growth=float(growth))
    rep._target_range()  # a bad target fails here, with a clear message
    from ..analysis import spans_layers

    for i, d in enumerate(rep.designs):
        try:
            rep.spans.append(spans_layers(d, target=target))
        except OrgInputError as exc:
            rep.spans.append(None)
            rep.errors[f"spans{i}"] = str(exc)
    return rep
