"""The report's tables as an Excel workbook (openpyxl), from the same analysis as the report.

:func:`report_tables` computes every table of the report once — key figures, spans per
manager, flags (all of them), the side-by-side comparison, the structural diff, coverage
of the four roles and 4P/4C/4R, design-principle checks, workflows, findings and, when
simulation settings are given, the simulation bands — as DataFrames whose headers are in
the report's language and whose numbers are numbers. :func:`write_report_xlsx` puts each
table on its own sheet: numbers typed as numbers, text that a spreadsheet would run as a
formula escaped (:func:`orglib.io.escape_cell`), header row frozen, column widths set,
written atomically. The PowerPoint deck (:func:`orglib.reporting.write_pptx`) shows the
same tables.

Examples
--------
>>> import tempfile, pathlib
>>> from openpyxl import load_workbook
>>> from orglib.designs import template
>>> path = pathlib.Path(tempfile.mkdtemp()) / "duocai.xlsx"
>>> _ = write_report_xlsx(template("duocai-asis"), [template("duocai-tobe")], lang="en", path=path)
>>> wb = load_workbook(path)
>>> wb.sheetnames[:4]
['Summary', 'Findings', 'Comparison', 'Spans per manager']
>>> wb["Summary"].freeze_panes
'A2'
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .. import analysis
from .._core import Org, OrgInputError, atomic_write, check_lang, metric_label, tr
from ..analysis import (
    CHANGES,
    FLAG_CODES,
    FOUR_ROLES,
    METRICS,
    coverage,
    diff,
    principles,
    resolve_target,
    spans_layers,
    tag_label,
    workflow_metrics,
)
from ..analysis import compare as compare_orgs
from ..io import escape_cell, load

FLAG_ORDER: tuple[str, ...] = ("above_target", "graicunas_overload", "vacant_manager",
                               "one_over_one_chain", "one_over_one", "micro_team")
"""Flags from most to least important (the deck shows the first 20 in this order)."""

PERCENT_METRICS: frozenset[str] = frozenset({"management_overhead", "centralization",
                                             "mgmt_cost_share", "in_policy"})
"""Metrics that are shares (shown as percentages)."""


# ----------------------------------------------------------------------------- analysis
@dataclass
class ReportTables:
    """The designs of a report and the analysis behind every table (computed once).

    ``designs[0]`` is the as-is; ``spans[i]`` is ``spans_layers(designs[i], target)``.
    """

    designs: list[Org]
    lang: str = "zh"
    span_target: str | float | None = "coach"
    title: str = ""
    author: str = ""
    simulation: Mapping[str, Any] | None = None
    spans: list[Any] = field(default_factory=list)
    _cache: dict = field(default_factory=dict, repr=False)

    # -------------------------------------------------------------- names
    def t(self, zh: str, en: str) -> str:
        return tr(zh, en, self.lang)

    def short(self, i: int) -> str:
        """Column name of design ``i``: 现状 / As-is, 方案 / To-be (numbered when several)."""
        if i == 0:
            return self.t("现状", "As-is")
        if len(self.designs) > 2:
            return self.t(f"方案{i}", f"To-be {i}")
        return self.t("方案", "To-be")

    def label(self, i: int) -> str:
        """Name of design ``i`` from its metadata (never a file path)."""
        org = self.designs[i]
        name = org.meta.get("name_en") if self.lang == "en" else org.meta.get("name")
        return str(name or org.meta.get("name") or org.meta.get("id") or self.short(i))

    def heading(self) -> str:
        """Title of the report: the ``title`` given, else a standard one with the org's name."""
        if self.title:
            return self.title
        return self.t(f"组织诊断报告:{self.label(0)}", f"Organisation review: {self.label(0)}")

    def post_title(self, i: int, row: Mapping[str, Any] | None) -> str:
        """A post's title in the report's language (``title_en`` in English when given)."""
        if not row:
            return ""
        if self.lang == "en" and str(row.get("title_en") or "").strip():
            return str(row["title_en"])
        return str(row.get("title") or row.get("id") or "")

    def titles(self, i: int) -> dict[str, str]:
        """post id → title in the report's language, for design ``i``."""
        key = ("titles", i)
        if key not in self._cache:
            pos = self.designs[i].positions
            en = pos["title_en"].astype(str).str.strip() if self.lang == "en" else None
            t = pos["title"].astype(str)
            if en is not None:
                t = t.where(en == "", en)
            t = t.where(t != "", pos["id"].astype(str))
            self._cache[key] = dict(zip(pos["id"].astype(str), t, strict=True))
        return self._cache[key]

    def unit_names(self, i: int) -> dict[str, str]:
        """unit id → name in the report's language, for design ``i``."""
        key = ("units", i)
        if key not in self._cache:
            u = self.designs[i].units
            out = {}
            for rec in u.to_dict("records"):
                name = (rec.get("name_en") if self.lang == "en" else "") or rec.get("name") or rec["id"]
                out[str(rec["id"])] = str(name)
            self._cache[key] = out
        return self._cache[key]

    def target_text(self) -> str:
        """The span target as people read it: 教练型(6–7)/ coach (6–7)."""
        rng = resolve_target(self.span_target)
        if rng is None:
            return self.t("无", "none")
        lo, hi, key = rng
        a = analysis.ARCHETYPES.get(key)
        if a is not None:
            hi_t = "+" if math.isinf(hi) else f"–{hi:g}"
            return f"{a.name if self.lang == 'zh' else a.name_en} ({lo:g}{hi_t})"
        return self.t(f"不超过 {hi:g} 人", f"at most {hi:g} people")

    # -------------------------------------------------------------- analysis results
    def compare(self) -> pd.DataFrame:
        """:func:`orglib.analysis.compare` of every design (metric keys as the index)."""
        if "compare" not in self._cache:
            self._cache["compare"] = compare_orgs(
                *self.designs, names=[self.short(i) for i in range(len(self.designs))])
        return self._cache["compare"]

    def coverage(self, i: int) -> pd.DataFrame:
        key = ("coverage", i)
        if key not in self._cache:
            self._cache[key] = coverage(self.designs[i])
        return self._cache[key]

    def principles(self, i: int) -> pd.DataFrame:
        key = ("principles", i)
        if key not in self._cache:
            self._cache[key] = principles(self.designs[i], lang=self.lang)
        return self._cache[key]

    def workflow_metrics(self, i: int) -> pd.DataFrame | None:
        key = ("workflows", i)
        if key not in self._cache:
            org = self.designs[i]
            self._cache[key] = workflow_metrics(org) if len(org.workflows) else None
        return self._cache[key]

    def simulation_series(self) -> pd.DataFrame | None:
        """The growth simulation of the as-is (month, metric, p10, p50, p90), when asked for."""
        if not self.simulation:
            return None
        if "simulation" not in self._cache:
            from ..sim import simulate

            kw = dict(self.simulation)
            months = int(kw.pop("months", 24))
            runs = int(kw.pop("runs", 200))
            seed = int(kw.pop("seed", 42))
            rng = resolve_target(self.span_target)
            if rng is not None and rng[2] in analysis.ARCHETYPES and "archetype" not in kw:
                kw["archetype"] = rng[2]
            res = simulate(self.designs[0], months=months, runs=runs, seed=seed, **kw)
            self._cache["simulation"] = res.series
        return self._cache["simulation"]

    def findings(self) -> list[dict[str, str]]:
        """Ranked findings of the as-is: ``finding``, ``evidence``, ``recommendation``.

        The library's rules (``orglib.analysis.findings``) when this version has them,
        otherwise the short rules of :func:`basic_findings`.
        """
        if "findings" not in self._cache:
            self._cache["findings"] = _findings_of(self)
        return self._cache["findings"]

    def flags(self, i: int) -> pd.DataFrame:
        """Flags of design ``i`` in importance order (see :data:`FLAG_ORDER`), widest span first."""
        key = ("flags", i)
        if key not in self._cache:
            s = self.spans[i]
            f = s.flags.copy() if s is not None else pd.DataFrame(columns=["id", "flag", "value"])
            rank = {k: n for n, k in enumerate(FLAG_ORDER)}
            f["_rank"] = [rank.get(x, len(rank)) for x in f["flag"]]
            f["_v"] = -pd.to_numeric(f["value"], errors="coerce").fillna(0)
            f = f.sort_values(["_rank", "_v"], kind="stable").drop(columns=["_rank", "_v"])
            self._cache[key] = f.reset_index(drop=True)
        return self._cache[key]

    # -------------------------------------------------------------- tables
    def summary_table(self) -> pd.DataFrame:
        """Key figures, one row per design."""
        cmp = self.compare()
        keys = ["headcount", "posts", "units", "layers", "managers", "mean_span", "median_span",
                "max_span", "management_overhead"]
        rows = []
        for i in range(len(self.designs)):
            col = cmp.columns[i]
            row = {self.t("方案", "Design"): self.short(i), self.t("名称", "Name"): self.label(i)}
            for k in keys:
                row[_header(k, self.lang)] = _number(cmp.loc[k, col])
            row[_header("flags", self.lang)] = len(self.spans[i].flags) if self.spans[i] is not None else None
            rows.append(row)
        return pd.DataFrame(rows)

    def comparison_table(self) -> pd.DataFrame:
        """Every measure of :func:`orglib.analysis.compare`, one column per design (+ change)."""
        cmp = self.compare()
        rows = []
        for key in METRICS:
            vals = [cmp.loc[key, c] for c in cmp.columns]
            if all(_missing(v) for v in vals):
                continue  # no empty rows (e.g. cost when no post has a cost)
            row = {self.t("指标", "Measure"): _header(key, self.lang)}
            for i, v in enumerate(vals):
                row[self.short(i)] = self.value_text(key, v) if isinstance(v, list | tuple) else _number(v)
            if len(vals) == 2:
                a, b = _number(vals[0]), _number(vals[1])
                row[self.t("变化", "Change")] = (b - a) if _is_num(a) and _is_num(b) else None
            rows.append(row)
        return pd.DataFrame(rows)

    def comparison_keys(self) -> list[str]:
        """Metric keys of the rows of :meth:`comparison_table`, in order."""
        cmp = self.compare()
        return [k for k in METRICS if not all(_missing(cmp.loc[k, c]) for c in cmp.columns)]

    def value_text(self, key: str, v: Any) -> str:
        """A list value of :func:`compare` (missing roles or 4P/4C/4R elements) as names."""
        if isinstance(v, list | tuple):
            return self.t("、", ", ").join(tag_label(str(x), self.lang) for x in v) or "—"
        return "" if _missing(v) else str(v)

    def spans_table(self) -> pd.DataFrame:
        """Every manager post of every design with its span and layer."""
        frames = []
        for i, s in enumerate(self.spans):
            if s is None:
                continue
            m = s.managers
            units = self.unit_names(i)
            titles = self.titles(i)
            frames.append(pd.DataFrame({
                self.t("方案", "Design"): self.short(i),
                self.t("岗位编号", "Post id"): m["id"].astype(str).to_numpy(),
                self.t("岗位", "Post"): [titles.get(str(x), str(x)) for x in m["id"]],
                self.t("单位", "Unit"): [units.get(str(u), str(u)) for u in m["unit"]],
                self.t("层级", "Layer"): m["layer"].astype(int).to_numpy(),
                self.t("定员(人)", "Headcount (people)"): m["headcount"].to_numpy(dtype=float),
                self.t("直接下级岗位数", "Direct report posts"): m["direct_reports"].astype(int).to_numpy(),
                self.t("管理幅度(人/每位管理者)", "Span (people per incumbent)"): m["span"].to_numpy(dtype=float),
                self.t("下属总人数", "People below"): m["people_below"].to_numpy(dtype=float),
                self.t("幅度区间", "Span band"): m["band"].astype(str).to_numpy(),
            }))
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()

    def units_table(self) -> pd.DataFrame:
        """Spans and layers by unit (the units of the as-is with their managers)."""
        rows = []
        for i, s in enumerate(self.spans):
            if s is None:
                continue
            pos = self.designs[i].positions
            hc = self.designs[i].headcounts()
            layer = s.posts["layer"].to_numpy()
            units = self.unit_names(i)
            m = s.managers
            for u, grp in pd.DataFrame({"unit": pos["unit"].astype(str), "hc": hc, "layer": layer}).groupby(
                    "unit", sort=False):
                mm = m[m["unit"].astype(str) == u]
                ok = mm["span"].notna() & (mm["headcount"] > 0)
                w = mm.loc[ok, "headcount"]
                mean = float(np.average(mm.loc[ok, "span"], weights=w)) if w.sum() > 0 else math.nan
                rows.append({
                    self.t("方案", "Design"): self.short(i),
                    self.t("单位", "Unit"): units.get(u, u) if u else self.t("(未分单位)", "(no unit)"),
                    self.t("人数", "People"): float(grp["hc"].sum()),
                    self.t("岗位数", "Posts"): len(grp),
                    self.t("管理者(人)", "Managers (people)"): float(mm["headcount"].sum()),
                    self.t("平均管理幅度", "Mean span"): mean,
                    self.t("最大管理幅度", "Max span"): float(mm["span"].max()) if ok.any() else math.nan,
                    self.t("所在层级", "Layers"): f"{int(grp['layer'].min())}–{int(grp['layer'].max())}"
                    if grp["layer"].min() != grp["layer"].max() else str(int(grp["layer"].min())),
                })
        return pd.DataFrame(rows)

    def flags_table(self, i: int | None = None, limit: int | None = None) -> pd.DataFrame:
        """Flags (all designs, or design ``i``) with post, unit, flag name and reason."""
        rows = []
        for j in (range(len(self.designs)) if i is None else [i]):
            f = self.flags(j)
            if limit is not None:
                f = f.head(limit)
            titles, units = self.titles(j), self.unit_names(j)
            unit_of = dict(zip(self.designs[j].positions["id"].astype(str),
                               self.designs[j].positions["unit"].astype(str), strict=True))
            for r in f.to_dict("records"):
                names = FLAG_CODES.get(r["flag"], (r["flag"], r["flag"]))
                row = {} if i is not None else {self.t("方案", "Design"): self.short(j)}
                row.update({
                    self.t("岗位编号", "Post id"): str(r["id"]),
                    self.t("岗位", "Post"): titles.get(str(r["id"]), str(r["id"])),
                    self.t("单位", "Unit"): units.get(unit_of.get(str(r["id"]), ""), ""),
                    self.t("标记", "Flag"): names[0] if self.lang == "zh" else names[1],
                    self.t("管理幅度(人)", "Span (people)"): _number(r["value"]),
                    self.t("原因", "Reason"): r["message_zh"] if self.lang == "zh" else r["message"],
                })
                rows.append(row)
        return pd.DataFrame(rows)

    def diff_table(self, i: int) -> pd.DataFrame:
        """Posts added, removed, moved, re-titled or re-staffed from the as-is to design ``i``."""
        d = diff(self.designs[0], self.designs[i]).changes
        ta, tb = self.titles(0), self.titles(i)
        ha = dict(zip(self.designs[0].positions["id"].astype(str), self.designs[0].headcounts(), strict=True))
        hb = dict(zip(self.designs[i].positions["id"].astype(str), self.designs[i].headcounts(), strict=True))
        ua, ub = self.unit_names(0), self.unit_names(i)
        fields = {"reports_to": self.t("上级", "manager"), "unit": self.t("单位", "unit"),
                  "title": self.t("名称", "title"), "headcount": self.t("定员", "headcount")}
        rows = []
        for r in d.to_dict("records"):
            pid, ch, fld = str(r["id"]), r["change"], r["field"]
            before, after = r["before"], r["after"]
            if ch == "removed":  # the post is named in its own column: say how many people go
                fld, before, after = "headcount", _number(ha.get(pid)), None
            elif ch == "added":
                fld, before, after = "headcount", None, _number(hb.get(pid))
            elif fld == "reports_to":
                before = ta.get(str(before), str(before)) if before else "—"
                after = tb.get(str(after), str(after)) if after else "—"
            elif fld == "unit":
                before = ua.get(str(before), str(before)) if before else "—"
                after = ub.get(str(after), str(after)) if after else "—"
            elif fld == "title":
                before, after = ta.get(pid, before), tb.get(pid, after)
            elif fld == "headcount":
                before, after = _number(before), _number(after)
            rows.append({
                self.t("岗位编号", "Post id"): pid,
                self.t("岗位", "Post"): tb.get(pid) or ta.get(pid) or pid,
                self.t("变化", "Change"): CHANGES.get(ch, (ch, ch))[0 if self.lang == "zh" else 1],
                self.t("字段", "Field"): fields.get(fld, fld),
                self.t("之前", "Before"): before,
                self.t("之后", "After"): after,
            })
        return pd.DataFrame(rows, columns=[self.t("岗位编号", "Post id"), self.t("岗位", "Post"),
                                           self.t("变化", "Change"), self.t("字段", "Field"),
                                           self.t("之前", "Before"), self.t("之后", "After")])

    def coverage_table(self) -> pd.DataFrame:
        """Who owns each of the four roles and each 4P/4C/4R element, per design."""
        base = self.coverage(0)
        groups = {"roles": self.t("四大职能", "Four roles")}
        out = pd.DataFrame({
            self.t("类别", "Group"): [groups.get(g, g) for g in base["group"]],
            self.t("要素", "Element"): [tag_label(t, self.lang) for t in base["tag"]],
        })
        for i in range(len(self.designs)):
            cov = self.coverage(i).set_index("tag")
            names = self.unit_names(i)
            out[self.short(i)] = [
                self.t("、", ", ").join(names.get(str(u), str(u).lstrip("@")) for u in cov.loc[t, "units"])
                or self.t("缺口", "gap") for t in base["tag"]]
        return out

    def coverage_gaps(self, i: int) -> tuple[list[str], list[str]]:
        """(missing four roles, missing 4P/4C/4R elements) of design ``i``, as names."""
        cov = self.coverage(i)
        miss = cov[~cov["covered"]]
        roles = [tag_label(t, self.lang) for t in miss["tag"] if t in FOUR_ROLES]
        mix = [tag_label(t, self.lang) for t in miss["tag"] if t not in FOUR_ROLES]
        return roles, mix

    def principles_table(self) -> pd.DataFrame:
        """The five design principles, checked on every design."""
        base = self.principles(0)
        out = pd.DataFrame({self.t("原则", "Principle"): base["name"].tolist(),
                            self.t("衡量方式", "Measured by"): base["proxy"].tolist()})
        status = {"ok": self.t("符合", "ok"), "warn": self.t("需改进", "to improve"), "n/a": self.t("不适用", "n/a")}
        for i in range(len(self.designs)):
            p = self.principles(i)
            out[self.short(i) + self.t("(数值)", " (value)")] = [_number(v) for v in p["value"]]
            out[self.short(i)] = [status.get(s, s) for s in p["status"]]
        return out

    def workflows_table(self) -> pd.DataFrame:
        """Workflow metrics of every design that has workflows."""
        keys = ["steps", "stages", "approvals", "handoffs", "roles", "longest_approval_chain",
                "reporting_hops", "cycle_days"]
        rows = []
        for i in range(len(self.designs)):
            wm = self.workflow_metrics(i)
            if wm is None:
                continue
            for r in wm.to_dict("records"):
                row = {self.t("方案", "Design"): self.short(i),
                       self.t("流程编号", "Workflow id"): str(r["workflow"]),
                       self.t("流程", "Workflow"): str((r.get("name_en") if self.lang == "en" else "")
                                                     or r.get("name") or r["workflow"])}
                for k in keys:
                    if k in r:
                        row[_header(k, self.lang)] = _number(r[k])
                rows.append(row)
        return pd.DataFrame(rows)

    def simulation_table(self) -> pd.DataFrame | None:
        """Simulation bands (P10 / P50 / P90 per month and measure), when simulation settings are given."""
        s = self.simulation_series()
        if s is None:
            return None
        cols = [c for c in ("p10", "p50", "p90", "mean", "value") if c in s.columns]
        out = pd.DataFrame({
            self.t("月份", "Month"): s["month"].astype(int).to_numpy(),
            self.t("指标", "Measure"): [_header(str(m), self.lang) for m in s["metric"]],
        })
        names = {"p10": "P10", "p50": self.t("P50(中位数)", "P50 (median)"), "p90": "P90",
                 "mean": self.t("均值", "mean"), "value": self.t("数值", "value")}
        for c in cols:
            out[names[c]] = s[c].to_numpy(dtype=float)
        return out

    def findings_table(self) -> pd.DataFrame:
        items = self.findings()
        return pd.DataFrame([{"#": n + 1, self.t("发现", "Finding"): f["finding"],
                              self.t("依据", "Evidence"): f["evidence"],
                              self.t("建议", "Recommendation"): f["recommendation"]}
                             for n, f in enumerate(items)])

    def sheets(self) -> list[tuple[str, pd.DataFrame]]:
        """Every table of the report: (sheet name, table), in report order; empty ones left out."""
        out: list[tuple[str, pd.DataFrame]] = [
            (self.t("汇总", "Summary"), self.summary_table()),
            (self.t("发现与建议", "Findings"), self.findings_table()),
            (self.t("对比", "Comparison"), self.comparison_table()),
            (self.t("各管理者幅度", "Spans per manager"), self.spans_table()),
            (self.t("各单位幅度", "Spans by unit"), self.units_table()),
            (self.t("问题标记", "Flags"), self.flags_table()),
        ]
        for i in range(1, len(self.designs)):
            name = self.t("结构差异", "Diff") + (f" {i}" if len(self.designs) > 2 else "")
            out.append((name, self.diff_table(i)))
        out += [(self.t("职能覆盖", "Coverage"), self.coverage_table()),
                (self.t("设计原则", "Principles"), self.principles_table()),
                (self.t("工作流程", "Workflows"), self.workflows_table())]
        sim = self.simulation_table()
        if sim is not None:
            out.append((self.t("增长模拟", "Simulation"), sim))
        return [(n, df) for n, df in out if len(df)]


def _header(key: str, lang: str) -> str:
    """Column/row name of a measure with its unit, capitalised in English."""
    text = metric_label(key, lang)
    if lang == "en":
        text = text[:1].upper() + text[1:]
    if key in PERCENT_METRICS:
        text += " (%)"
    return text


def _missing(v: Any) -> bool:
    if v is None:
        return True
    if isinstance(v, float | np.floating):
        return not math.isfinite(float(v))
    return False


def _is_num(v: Any) -> bool:
    return isinstance(v, int | float | np.integer | np.floating) and not isinstance(v, bool) and not _missing(v)


def _number(v: Any) -> Any:
    """A value as a plain Python number where it is one (whole floats → int), else itself."""
    if isinstance(v, bool | np.bool_):
        return bool(v)
    if isinstance(v, int | np.integer):
        return int(v)
    if isinstance(v, float | np.floating):
        f = float(v)
        if not math.isfinite(f):
            return None
        return int(f) if f.is_integer() and abs(f) < 1e15 else f
    return v


def load_designs(org: Org | str, to_be: Org | str | Sequence[Org | str] = (), *,
                 mapping: Mapping[str, str] | None = None, no_manager: Iterable[str] = ()) -> list[Org]:
    """The as-is and to-be designs as Orgs (from Orgs, template ids or files).

    >>> [o.meta["id"] for o in load_designs("duocai-asis", "duocai-tobe")]
    ['duocai-asis', 'duocai-tobe']
    """
    if isinstance(to_be, str | Org):
        to_be = [to_be]

    def one(src: Org | str) -> Org:
        if isinstance(src, Org):
            return src
        return load(str(src), mapping=dict(mapping or {}) or None, no_manager=list(no_manager))

    return [one(org)] + [one(t) for t in to_be if not (isinstance(t, str) and t == "")]


def report_tables(org: Org | str, to_be: Org | str | Sequence[Org | str] = (), *, lang: str = "zh",
                  span_target: str | float | None = "coach", title: str | None = None,
                  author: str = "", simulation: Mapping[str, Any] | None = None,
                  findings: Sequence[Any] | None = None, mapping: Mapping[str, str] | None = None,
                  no_manager: Iterable[str] = ()) -> ReportTables:
    """Load the designs and prepare the analysis behind every table of the report.

    Parameters
    ----------
    org, to_be : Org or str
        As-is and to-be designs (Orgs, template ids or files).
    lang : {"zh", "en"}
    span_target : archetype key, number or None
        Span target of the flags (default the coach range 6–7).
    title, author : str
    simulation : mapping, optional
        Settings of :func:`orglib.sim.simulate` (``months``, ``runs``, ``seed``, ``growth`` ...);
        given, the tables include the simulation bands.
    findings : sequence, optional
        Findings to show instead of the computed ones (objects with ``text(lang)``,
        ``evidence(lang)``, ``recommendation(lang)``, or dicts with those keys, or strings).

    >>> t = report_tables("duocai-asis", "duocai-tobe", lang="en")
    >>> t.summary_table()["Layers"].tolist()
    [2, 3]
    """
    check_lang(lang)
    if isinstance(span_target, str):
        span_target = span_target.strip() or None
    resolve_target(span_target)  # a bad target fails here
    designs = load_designs(org, to_be, mapping=mapping, no_manager=no_manager)
    tables = ReportTables(designs, lang=lang, span_target=span_target, title=title or "",
                          author=author or "", simulation=dict(simulation) if simulation else None)
    for d in designs:
        try:
            tables.spans.append(spans_layers(d, target=span_target))
        except OrgInputError:
            tables.spans.append(None)
    if findings is not None:
        tables._cache["findings"] = [_finding_dict(f, lang) for f in findings]
    return tables


# ----------------------------------------------------------------------------- findings
def _finding_dict(f: Any, lang: str) -> dict[str, str]:
    if isinstance(f, str):
        return {"finding": f, "evidence": "", "recommendation": ""}
    if isinstance(f, Mapping):
        return {k: str(f.get(k, "") or "") for k in ("finding", "evidence", "recommendation")}
    out = {}
    for k, meth in (("finding", "text"), ("evidence", "evidence"), ("recommendation", "recommendation")):
        v = getattr(f, meth, "")
        out[k] = str(v(lang) if callable(v) else v or "")
    return out


def _findings_of(t: ReportTables) -> list[dict[str, str]]:
    """Findings from ``orglib.analysis.findings`` when this version has it, else :func:`basic_findings`."""
    rules = getattr(analysis, "findings", None)
    s = t.spans[0]
    if callable(rules) and s is not None:
        kw: dict[str, Any] = {"target": t.span_target}
        try:
            if len(t.designs) > 1 and t.spans[1] is not None:
                kw["to_be"] = t.spans[1]
            if hasattr(analysis, "raci"):
                kw["raci"] = analysis.raci(t.designs[0], lang=t.lang)
            wm = t.workflow_metrics(0)
            if wm is not None:
                kw["workflows"] = wm
            sim = t.simulation_series()
            if sim is not None:
                kw["simulation"] = sim
            items = rules(t.designs[0], s, **kw)
            return [_finding_dict(f, t.lang) for f in items]
        except TypeError:  # another signature: fall back to the basic rules
            pass
    return basic_findings(t)


def basic_findings(t: ReportTables) -> list[dict[str, str]]:
    """Findings from spans and layers flags, design principles and coverage gaps (most important first).

    >>> f = basic_findings(report_tables("duocai-asis", lang="en"))
    >>> f[0]["finding"].startswith("Marketing Manager leads 10")
    True
    """
    out: list[dict[str, str]] = []
    s = t.spans[0]
    if s is None:
        return out
    rng = resolve_target(t.span_target)
    titles = t.titles(0)
    to_be = t.spans[1] if len(t.spans) > 1 else None
    sep = t.t("、", ", ")
    if rng is not None:
        wide = s.managers[s.managers["span"] > rng[1]].sort_values("span", ascending=False)
        for r in wide.head(3).to_dict("records"):
            name, span = titles.get(str(r["id"]), str(r["id"])), r["span"]
            teams = max(2, math.ceil(span / rng[1])) if math.isfinite(rng[1]) else 2
            effect = ""
            if to_be is not None:
                effect = t.t(f"方案中最大幅度为 {_n(to_be.summary['max_span'])} 人。",
                             f" The to-be's widest span is {_n(to_be.summary['max_span'])} people.")
            out.append({
                "finding": t.t(f"{name}每人管理 {_n(span)} 人,超出{t.target_text()}的范围。",
                               f"{name} leads {_n(span)} people against a {t.target_text()} range."),
                "evidence": t.t(f"管理幅度 = 直接下级人数 ÷ 本岗定员;{_n(r['direct_reports'])} 个直接下级岗位,"
                                f"{_n(r['people_below'])} 人在其下。",
                                f"Span = direct reports' headcount ÷ the post's headcount; "
                                f"{_n(r['direct_reports'])} direct report posts, {_n(r['people_below'])} people below."),
                "recommendation": t.t(f"将{name}的团队拆分为 {teams} 个小组,各设一名主管。",
                                      f"Split the team of {name} into {teams} teams under {teams} leads.") + effect,
            })
        if len(wide) > 3:
            out.append({"finding": t.t(f"另有 {len(wide) - 3} 个管理岗位幅度过大。",
                                       f"{len(wide) - 3:,} more manager posts are above the target range."),
                        "evidence": t.t("见问题标记。", "See the flags."),
                        "recommendation": t.t("按同一规则拆分团队。", "Split those teams by the same rule.")})
    flags = s.flags
    oo = flags[flags["flag"] == "one_over_one"]
    if len(oo):
        names = sep.join(titles.get(str(x), str(x)) for x in oo["id"].head(3))
        out.append({"finding": t.t(f"{len(oo):,} 个一对一管理岗位(如{names})。",
                                   f"{len(oo):,} one-over-one manager posts (e.g. {names})."),
                    "evidence": t.t("每人仅管理 1 人或更少。", "Each leads one person or fewer."),
                    "recommendation": t.t("合并一对一层级,减少管理层次。",
                                          "Merge the one-over-one layers to remove a layer.")})
    vac = flags[flags["flag"] == "vacant_manager"]
    if len(vac):
        out.append({"finding": t.t(f"{len(vac):,} 个管理岗位空缺。", f"{len(vac):,} manager posts are vacant."),
                    "evidence": t.t("定员为 0 的岗位有直接下级。", "Posts with headcount 0 have direct reports."),
                    "recommendation": t.t("补齐或撤销空缺的管理岗位。", "Fill or remove the vacant manager posts.")})
    p = t.principles(0).set_index("principle")
    for key, rec_zh, rec_en in (
            ("principle.clear_responsibility", "一条指挥线:同级之间不设领导关系,由共同上级或专职主管统一领导。",
             "One line of command: no authority between peers; a common manager or a dedicated lead directs."),
            ("principle.efficiency", "减少一个管理层级。", "Remove a layer of management."),
            ("principle.information_flow", "缩短一线到负责人的汇报链。", "Shorten the chain from the front line to the head."),
            ("principle.coordination", "把跨单位重复的职能集中到一个单位。",
             "Centralize the functions duplicated across units in one unit.")):
        if key in p.index and p.loc[key, "status"] == "warn":
            out.append({"finding": t.t(f"{p.loc[key, 'name']}未满足。", f"{p.loc[key, 'name']}: not met."),
                        "evidence": str(p.loc[key, "proxy"]) if key == "principle.clear_responsibility"
                        else f"{p.loc[key, 'proxy']}: {_n(p.loc[key, 'value'])}",
                        "recommendation": t.t(rec_zh, rec_en)})
    roles, mix = t.coverage_gaps(0)
    if roles or mix:
        parts = []
        if roles:
            parts.append(t.t(f"四大职能缺 {len(roles)} 项({sep.join(roles)})",
                             f"{len(roles)} of the four roles ({sep.join(roles)})"))
        if mix:
            parts.append(t.t(f"4P/4C/4R 缺 {len(mix)} 项({sep.join(mix)})",
                             f"{len(mix)} 4P/4C/4R elements ({sep.join(mix)})"))
        out.append({"finding": t.t("无人负责:" + ";".join(parts) + "。", "No unit owns " + "; ".join(parts) + "."),
                    "evidence": t.t("单位的职能与岗位主要职责的标签。", "Unit functions and the tags of posts' primary duties."),
                    "recommendation": t.t("为每个缺口指定负责单位。", "Give each gap an owning unit.")})
    return out


def _n(v: Any) -> str:
    """A number for a sentence: thousands separators, at most 1 decimal."""
    v = _number(v)
    if isinstance(v, int):
        return f"{v:,}"
    if isinstance(v, float):
        return f"{v:,.1f}"
    return "—" if v is None else str(v)


# ----------------------------------------------------------------------------- workbook
def _cell(v: Any) -> Any:
    """A value for a cell: numbers typed as numbers, missing empty, text escaped."""
    v = _number(v)
    if v is None or isinstance(v, bool | int | float):
        return v
    if isinstance(v, list | tuple):
        v = "; ".join(str(x) for x in v)
    return escape_cell(str(v))


def _width(values: Iterable[Any]) -> float:
    """Column width in Excel characters (CJK characters count double), 8–60."""
    best = 0
    for v in values:
        if v is None:
            continue
        text = f"{v:,.2f}" if isinstance(v, float) else str(v)
        best = max(best, sum(2 if ord(ch) > 0x2E7F else 1 for ch in text))
    return float(min(60, max(8, best + 2)))


def write_report_xlsx(org: Org | str | ReportTables, to_be: Org | str | Sequence[Org | str] = (), *,
                      lang: str = "zh", path: str | os.PathLike, **kw: Any) -> str:
    """Write every table of the report to ``path`` (.xlsx), one sheet each, atomically.

    Parameters
    ----------
    org, to_be : Org or str
        As-is and to-be designs; or ``org`` a :class:`ReportTables` already computed.
    lang : {"zh", "en"}
        Language of sheet names, headers and labels.
    path : path
        The workbook to write (its folder is created).
    **kw
        More options of :func:`report_tables` (span_target, title, simulation, findings,
        mapping, no_manager).

    Returns
    -------
    str
        The path written.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    tables = org if isinstance(org, ReportTables) else report_tables(org, to_be, lang=lang, **kw)
    wb = Workbook()
    wb.remove(wb.active)
    head_font = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="DCE6F1")
    for name, df in tables.sheets():
        ws = wb.create_sheet(title=name[:31])
        ws.append([escape_cell(str(c)) for c in df.columns])
        for row in df.itertuples(index=False):
            ws.append([_cell(v) for v in row])
        for c in ws[1]:
            c.font, c.fill = head_font, head_fill
            c.alignment = Alignment(wrap_text=True, vertical="top")
        ws.freeze_panes = "A2"
        pct_cols = {j for j, col in enumerate(df.columns, start=1) if "(%)" in str(col)}
        for j, col in enumerate(df.columns, start=1):
            ws.column_dimensions[get_column_letter(j)].width = _width([col, *df[col].head(2000).tolist()])
        for cells in ws.iter_rows(min_row=2):
            pct_row = isinstance(cells[0].value, str) and cells[0].value.endswith("(%)")
            for cell in cells:
                v = cell.value
                if isinstance(v, bool) or not isinstance(v, int | float):
                    continue
                if pct_row or cell.column in pct_cols:
                    cell.number_format = "0.0%"
                else:
                    cell.number_format = "#,##0" if isinstance(v, int) else "#,##0.0#"
        if len(df):
            ws.auto_filter.ref = ws.dimensions
    wb.properties.title = tables.heading()
    if tables.author:
        wb.properties.creator = tables.author
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(out, lambda tmp: wb.save(tmp))
    return str(out)
