"""Org explorer: a live what-if panel for consultants and teachers (组织设计探索面板).

Two layers, so the logic is testable without a browser:

* :class:`ExplorerState` — pure Python. The current :class:`~orglib._core.model.Org`, an undo
  stack, the what-if edits (:meth:`~ExplorerState.move_post`,
  :meth:`~ExplorerState.set_headcount`, :meth:`~ExplorerState.add_post`,
  :meth:`~ExplorerState.remove_post`, :meth:`~ExplorerState.undo`), uploads
  (:meth:`~ExplorerState.load_upload`: a file that fails validation returns its problems
  and keeps the previous design) and :meth:`~ExplorerState.export`.
* :func:`compute_view` — the tables the panel shows for a set of :class:`Params`
  (summary of spans & layers, flags, comparison with a generated layout, figure data)
  plus plain-language notes for slider combinations that cannot be honoured (they
  explain themselves instead of raising).
* :func:`explorer` — the ipywidgets panel wiring controls to both. Key widgets carry
  stable CSS classes (``orglib-span-slider``, ``orglib-summary`` …) for browser tests.

Speed: a slider move recomputes spans with the vectorized :func:`orglib.analysis._spans.spans_layers`
on a light copy of the design (no networkx graph is built) and reuses the generated
comparison layout cached per parameter set; the org chart is redrawn only when the
design or the language changes.

Examples
--------
>>> from orglib._core.model import Org
>>> org = Org.from_records([
...     {"id": "m", "title": "市场部经理", "headcount": 1},
...     {"id": "a", "title": "推广主管", "reports_to": "m", "headcount": 1},
...     {"id": "a1", "title": "推广专员", "reports_to": "a", "headcount": 6},
...     {"id": "b", "title": "销售主管", "reports_to": "m", "headcount": 1},
...     {"id": "b1", "title": "销售代表", "reports_to": "b", "headcount": 9},
... ])
>>> st = ExplorerState(org)
>>> view = compute_view(st, Params(span_target=8, lang="en"))
>>> view.metrics["layers"], view.metrics["above_target"]
(3, 1)
>>> st.move_post("b1", "a").en
"moved 'b1' from 'b' to 'a'"
>>> compute_view(st, Params(span_target=8)).metrics["max_span"]
15.0
>>> st.undo().en
"undone: moved 'b1' from 'b' to 'a'"
"""

from __future__ import annotations

import base64
import copy as _copy
import html
import math
import re
import tempfile
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .._core import ERROR, Org, OrgError, OrgInputError, OrgValidationError, Problem, check_lang, tr
from .._core.tree import head_index

__all__ = [
    "LAYOUT_CHOICES", "UPLOAD_SUFFIXES", "EditError", "Note", "Params", "ExplorerState",
    "ExplorerView", "UploadResult", "compute_view", "check_params", "derive_functions",
    "synthetic_org", "explorer", "Explorer",
]

LAYOUT_CHOICES: dict[str, tuple[str, str]] = {
    "centralized": ("集中式", "centralized"),
    "by_region": ("分权式(按区域)", "by region"),
    "by_product": ("分权式(按产品线)", "by product"),
    "matrix": ("矩阵式(职能×区域)", "matrix (functions × regions)"),
}
"""Layouts the explorer compares against (keys of :data:`orglib.designs._layouts.LAYOUTS`)."""

UPLOAD_SUFFIXES: tuple[str, ...] = (".csv", ".xlsx", ".xlsm", ".yaml", ".yml", ".json")
EXPORT_SUFFIXES: tuple[str, ...] = (".xlsx", ".yaml", ".yml", ".json", ".csv")
SPAN_RANGE: tuple[int, int] = (1, 30)
REGION_RANGE: tuple[int, int] = (1, 12)
GROWTH_RANGE: tuple[int, int] = (-50, 300)
MAX_FUNCTIONS = 12
"""A generated layout groups the current design's smaller functions beyond this into 其他."""
SYNTHETIC_ID = "synthetic-5000"
DEFAULT_TEMPLATE = "duocai-asis"


# ============================================================================ notes & errors
@dataclass(frozen=True)
class Note:
    """A bilingual message (an edit done, a slider combination explained).

    >>> Note("已撤销", "undone").text("en")
    'undone'
    """

    zh: str
    en: str
    level: str = "info"
    """``"info"`` (something to know) or ``"warn"`` (a setting was adjusted)."""

    def text(self, lang: str = "zh") -> str:
        return tr(self.zh, self.en, lang)


class EditError(OrgInputError):
    """A what-if edit that cannot be made; the design is left unchanged.

    >>> EditError("no post 'x'", "没有岗位 'x'").text("zh")
    "没有岗位 'x'"
    """

    def __init__(self, en: str, zh: str):
        super().__init__(f"{en} / {zh}")
        self.en, self.zh = en, zh

    def text(self, lang: str = "zh") -> str:
        return tr(self.zh, self.en, lang)


def _headcount_value(headcount: object) -> float:
    """A headcount typed by a user as a float ≥ 0, or an :class:`EditError` saying why not."""
    try:
        h = float(headcount)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        h = math.nan
    if not math.isfinite(h) or h < 0:
        raise EditError(f"headcount must be a number ≥ 0, got {headcount!r}",
                        f"岗位定员须为不小于 0 的数,收到 {headcount!r}")
    return h


@dataclass(frozen=True)
class UploadResult:
    """Outcome of :meth:`ExplorerState.load_upload`.

    ``ok`` is False when the file could not be used (the previous design stays);
    ``problems`` lists every error, or the warnings of an accepted file.
    """

    ok: bool
    problems: list[Problem] = field(default_factory=list)
    filename: str = ""

    def lines(self, lang: str = "zh") -> list[str]:
        return [p.text(lang) for p in self.problems]


# ============================================================================ synthetic org
def synthetic_org(people: int = 5000, *, regions: int = 4, seed: int = 0) -> Org:
    """A large, realistic marketing department of ``people`` people (one row per person).

    Head → six function heads (the six departments of seed 000) → one regional manager
    per region → team leads with 3–10 people each. Names are generated (员工0001 …).

    Parameters
    ----------
    people : int
        Total rows (≥ 1 + 6 × (1 + regions)).
    regions : int
    seed : int
        Team sizes are drawn with ``numpy.random.default_rng(seed)``.

    Examples
    --------
    >>> org = synthetic_org(300, seed=1)
    >>> len(org.positions), org.headcount_total, len(org.roots())
    (300, 300.0, 1)
    """
    from ..designs import DEFAULT_REGIONS, FUNCTIONS_DEFAULT

    rng = np.random.default_rng(seed)
    regs = list(DEFAULT_REGIONS) + [f"区域{i}" for i in range(len(DEFAULT_REGIONS) + 1, regions + 1)]
    regs = regs[:regions]
    fns = FUNCTIONS_DEFAULT
    need = 1 + len(fns) * (1 + len(regs))
    if people < need:
        raise OrgInputError(f"synthetic_org needs at least {need} people, got {people} "
                            f"/ 合成组织至少需要 {need} 人")
    rows: list[dict[str, Any]] = [{"id": "E00000", "title": "市场部总监", "title_en": "Marketing Director",
                                   "unit": "mkt", "reports_to": "", "headcount": 1}]
    units = [{"id": "mkt", "name": "市场部", "name_en": "Marketing department"}]
    leaders: list[tuple[str, str, str, str, str]] = []  # (post id, unit, title stem zh, en, region)
    k = 1

    def nid() -> str:
        nonlocal k
        k += 1
        return f"E{k - 1:05d}"

    weights = np.array([f["headcount"] for f in fns], dtype=float)
    for f in fns:
        fid = nid()
        stem = f["name"][:-1] if f["name"].endswith("部") else f["name"]
        units.append({"id": f["id"], "name": f["name"], "name_en": f["name_en"], "parent": "mkt",
                      "functions": list(f["tags"])})
        rows.append({"id": fid, "title": f"{stem}经理", "title_en": f"{f['name_en']} Manager",
                     "unit": f["id"], "reports_to": "E00000", "headcount": 1})
        for r in regs:
            rid = nid()
            rows.append({"id": rid, "title": f"{r}{stem}主管", "title_en": f"{f['name_en']} Lead ({r})",
                         "unit": f["id"], "reports_to": fid, "headcount": 1, "region": r})
            leaders.append((rid, f["id"], stem, f["name_en"], r))
    # share the remaining people across function × region teams by the default weights
    rest = people - len(rows)
    share = np.repeat(weights / weights.sum() / len(regs), len(regs))
    counts = np.floor(share * rest).astype(int)
    counts[: rest - counts.sum()] += 1
    for (lid, unit, stem, stem_en, r), n in zip(leaders, counts, strict=True):
        while n > 0:
            size = int(min(n - 1, rng.integers(3, 11))) if n > 1 else 0
            tl = nid()
            rows.append({"id": tl, "title": f"{stem}组长", "title_en": f"{stem_en} Team Lead",
                         "unit": unit, "reports_to": lid, "headcount": 1, "region": r})
            for _ in range(size):
                rows.append({"id": nid(), "title": f"{stem}专员", "title_en": f"{stem_en} Specialist",
                             "unit": unit, "reports_to": tl, "headcount": 1, "region": r})
            n -= size + 1
    for i, rec in enumerate(rows):
        rec["姓名"] = f"员工{i:05d}"
    return Org.from_records(rows, units, meta={
        "id": SYNTHETIC_ID, "name": f"合成市场部({people} 人)",
        "name_en": f"Synthetic marketing department ({people} people)", "source": "assumed"})


# ============================================================================ params
@dataclass(frozen=True)
class Params:
    """Slider and dropdown settings of the explorer.

    Attributes
    ----------
    layout : str
        Generated layout to compare against, a key of :data:`LAYOUT_CHOICES`.
    span_target : int
        Most people per manager: flags managers above it and builds the layout with it.
    regions : int
        Regions (or product lines for ``by_product``) of the generated layout.
    growth : float
        Headcount growth in percent applied to front-line posts (−50 … 300).
    archetype : str
        Manager archetype key of :data:`orglib.analysis._spans.ARCHETYPES`, or ``""`` for none.
    lang : str
        ``"zh"`` or ``"en"``.
    """

    layout: str = "centralized"
    span_target: int = 8
    regions: int = 3
    growth: float = 0.0
    archetype: str = ""
    lang: str = "zh"


def check_params(params: Params) -> tuple[Params, list[Note]]:
    """Effective parameters and a note for every setting that had to be adjusted.

    Never raises for a slider combination: an impossible one is adjusted and explained.

    Examples
    --------
    >>> p, notes = check_params(Params(span_target=12, archetype="coach", lang="en"))
    >>> p.span_target, notes[0].level
    (7, 'warn')
    >>> check_params(Params(span_target=1))[0].span_target
    2
    """
    from ..analysis import ARCHETYPES

    notes: list[Note] = []
    lang = params.lang if params.lang in ("zh", "en") else "zh"
    layout = params.layout if params.layout in LAYOUT_CHOICES else "centralized"
    if layout != params.layout:
        notes.append(Note(f"未知布局 {params.layout!r},改用集中式",
                          f"unknown layout {params.layout!r}: using centralized", "warn"))
    try:
        span = int(round(float(params.span_target)))
    except (TypeError, ValueError):
        span = 8
        notes.append(Note(f"管理幅度目标 {params.span_target!r} 不是数字,改用 8",
                          f"span target {params.span_target!r} is not a number: using 8", "warn"))
    if span < 2:
        notes.append(Note(
            f"管理幅度目标 {span} 意味着每位管理者只管一个人,组织会变成一条长链:生成布局时按 2 计算",
            f"a span target of {span} means one report per manager, a chain of layers: "
            "the generated layout uses 2", "warn"))
        span = 2
    span = min(span, SPAN_RANGE[1])
    arche = (params.archetype or "").strip()
    if arche and arche not in ARCHETYPES:
        notes.append(Note(f"未知管理者类型 {arche!r},已忽略", f"unknown archetype {arche!r}: ignored", "warn"))
        arche = ""
    if arche:
        a = ARCHETYPES[arche]
        hi = a.high if math.isfinite(a.high) else SPAN_RANGE[1]
        if not (a.low <= span <= hi):
            new = int(min(max(span, a.low), hi))
            rng_zh = f"{a.low:g}–{a.high:g}" if math.isfinite(a.high) else f"{a.low:g} 以上"
            rng_en = f"{a.low:g}–{a.high:g}" if math.isfinite(a.high) else f"{a.low:g}+"
            notes.append(Note(
                f"管理幅度目标 {span} 不在「{a.name}」型管理者的适宜范围 {rng_zh} 内:按 {new} 计算"
                "(移动滑块或改选管理者类型)",
                f"span target {span} is outside the {a.name_en} archetype's range {rng_en}: "
                f"using {new} (move the slider or pick another archetype)", "warn"))
            span = new
    try:
        regions = int(round(float(params.regions)))
    except (TypeError, ValueError):
        regions = 3
    if regions < 1:
        notes.append(Note("区域数至少为 1,按 1 计算", "at least one region is needed: using 1", "warn"))
        regions = 1
    if regions > REGION_RANGE[1]:
        notes.append(Note(f"区域数最多 {REGION_RANGE[1]},按 {REGION_RANGE[1]} 计算",
                          f"at most {REGION_RANGE[1]} regions: using {REGION_RANGE[1]}", "warn"))
        regions = REGION_RANGE[1]
    try:
        growth = float(params.growth)
    except (TypeError, ValueError):
        growth = 0.0
    if not math.isfinite(growth) or growth <= -100:
        notes.append(Note(f"增长 {params.growth}% 会让人数变为零或负数:按 0% 计算",
                          f"growth of {params.growth}% would leave no one: using 0%", "warn"))
        growth = 0.0
    return Params(layout, span, regions, growth, arche, lang), notes


# ============================================================================ state
class ExplorerState:
    """The design being explored, its undo stack and what-if edits (no widgets).

    Every edit returns a :class:`Note` saying what changed, or raises :class:`EditError`
    leaving the design as it was. :meth:`undo` goes back one step (edits, uploads and
    template changes alike).

    Parameters
    ----------
    org : Org, optional
        Starting design (default the ``duocai-asis`` template).
    max_undo : int
        Steps kept on the undo stack.

    Examples
    --------
    >>> st = ExplorerState()
    >>> st.add_post("new1", "数据分析专员", manager="mgr", headcount=2).en
    "added 'new1' under 'mgr' (headcount 2)"
    >>> st.remove_post("rpm").en.startswith("removed 'rpm'")
    True
    >>> [n.en for n in st.history_notes()]
    ["added 'new1' under 'mgr' (headcount 2)", "removed 'rpm'; its 0 report(s) now report to 'mgr'"]
    """

    def __init__(self, org: Org | None = None, *, max_undo: int = 50):
        if org is None:
            from ..designs import template

            org = template(DEFAULT_TEMPLATE)
        if not isinstance(org, Org):
            raise OrgInputError(f"expected an Org, got {type(org).__name__} / 需要一个 Org 对象")
        self.org: Org = org
        self.max_undo = int(max_undo)
        self._undo: list[tuple[Org, Note]] = []
        self.version = 0
        self._light: tuple[int, Org] | None = None
        self._grown: tuple[tuple[int, float], Org] | None = None
        self._layouts: OrderedDict[tuple, Any] = OrderedDict()
        self._functions: dict[tuple[int, float, int], list[dict]] = {}

    # ------------------------------------------------------------------ history
    def _set(self, org: Org, note: Note) -> Note:
        self._undo.append((self.org, note))
        del self._undo[: max(0, len(self._undo) - self.max_undo)]
        self.org = org
        self.version += 1
        return note

    def set_org(self, org: Org, label: str = "") -> Note:
        """Replace the design (a template, an upload); undoable.

        >>> st = ExplorerState()
        >>> st.set_org(Org.from_records([{"id": "a"}, {"id": "b", "reports_to": "a"}]), "x").en
        "loaded 'x' (2 posts, 2 people)"
        """
        name = label or org.name
        n, hc = len(org.positions), org.headcount_total
        return self._set(org, Note(f"已载入 {name!r}({n} 个岗位,{hc:g} 人)",
                                   f"loaded {name!r} ({n} posts, {hc:g} people)"))

    def undo(self) -> Note:
        """Go back one step; raises :class:`EditError` when there is nothing to undo."""
        if not self._undo:
            raise EditError("nothing to undo", "没有可撤销的操作")
        org, note = self._undo.pop()
        self.org = org
        self.version += 1
        return Note(f"已撤销:{note.zh}", f"undone: {note.en}")

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def history_notes(self) -> list[Note]:
        """What the undo stack would undo, oldest first."""
        return [n for _, n in self._undo]

    # ------------------------------------------------------------------ helpers
    def _row(self, post_id: str) -> int:
        pid = str(post_id).strip()
        ids = self.org.positions["id"].to_numpy(dtype=object)
        rows = np.flatnonzero(ids == pid)
        if not pid or len(rows) == 0:
            raise EditError(f"no post with id {pid!r}", f"没有编号为 {pid!r} 的岗位")
        return int(rows[0])

    def _with_positions(self, pos: pd.DataFrame, links: pd.DataFrame | None = None) -> Org:
        kw: dict[str, Any] = {"positions": pos.reset_index(drop=True)}
        if links is not None:
            kw["links"] = links.reset_index(drop=True)
        new = self.org.replace(**kw)
        new.origin = {}
        return new

    def _below(self, row: int) -> np.ndarray:
        """Rows under ``row`` (all levels)."""
        parent = self.org.parent_index()
        inside = np.zeros(len(parent), dtype=bool)
        inside[row] = True
        frontier = np.array([row])
        while frontier.size:
            kids = np.flatnonzero(np.isin(parent, frontier) & ~inside)
            inside[kids] = True
            frontier = kids
        inside[row] = False
        return inside

    # ------------------------------------------------------------------ edits
    def move_post(self, post_id: str, new_manager: str) -> Note:
        """Move a post (with everyone under it) to report to ``new_manager``.

        >>> st = ExplorerState()
        >>> st.move_post("clerk", "rpm").zh
        "已将 'clerk' 从 'mgr' 调到 'rpm' 之下"
        >>> st.move_post("mgr", "clerk")
        Traceback (most recent call last):
        ...
        orglib.explorer._widgets.EditError: cannot move 'mgr' under 'clerk': 'clerk' is below it (a reporting cycle) / 不能把 'mgr' 调到 'clerk' 之下:'clerk' 是它的下属(会形成循环汇报)
        """
        row = self._row(post_id)
        pid = self.org.positions["id"].iat[row]
        mgr = str(new_manager).strip()
        old = self.org.positions["reports_to"].iat[row]
        if mgr == "":
            raise EditError(f"give the id of the new manager of {pid!r}", f"请填写 {pid!r} 的新上级编号")
        mrow = self._row(mgr)
        if mrow == row:
            raise EditError(f"a post cannot report to itself ({pid!r})", f"岗位不能向自己汇报({pid!r})")
        if self._below(row)[mrow]:
            raise EditError(f"cannot move {pid!r} under {mgr!r}: {mgr!r} is below it (a reporting cycle)",
                            f"不能把 {pid!r} 调到 {mgr!r} 之下:{mgr!r} 是它的下属(会形成循环汇报)")
        if old == mgr:
            raise EditError(f"{pid!r} already reports to {mgr!r}", f"{pid!r} 已经向 {mgr!r} 汇报")
        pos = self.org.positions.copy()
        pos.iat[row, pos.columns.get_loc("reports_to")] = mgr
        return self._set(self._with_positions(pos),
                         Note(f"已将 {pid!r} 从 {old or '(无)'!r} 调到 {mgr!r} 之下",
                              f"moved {pid!r} from {old or '(none)'!r} to {mgr!r}"))

    def set_headcount(self, post_id: str, headcount: float) -> Note:
        """Change a post's headcount (岗位定员); 0 makes it vacant.

        >>> ExplorerState().set_headcount("rpm", 5).en
        "headcount of 'rpm': 3 → 5"
        """
        row = self._row(post_id)
        h = _headcount_value(headcount)
        pos = self.org.positions.copy()
        col = pos.columns.get_loc("headcount")
        old = float(pos.iat[row, col])
        if old == h:
            raise EditError(f"headcount of {pos['id'].iat[row]!r} is already {h:g}",
                            f"{pos['id'].iat[row]!r} 的定员已是 {h:g}")
        pos.iat[row, col] = h
        pid = pos["id"].iat[row]
        return self._set(self._with_positions(pos),
                         Note(f"{pid!r} 的定员:{old:g} → {h:g}", f"headcount of {pid!r}: {old:g} → {h:g}"))

    def add_post(self, post_id: str | None, title: str, manager: str, headcount: float = 1.0,
                 *, title_en: str = "", unit: str | None = None) -> Note:
        """Add a post under ``manager``; ``post_id`` None or ``""`` picks ``new1``, ``new2`` …

        >>> ExplorerState().add_post(None, "新媒体专员", "mgr").en
        "added 'new1' under 'mgr' (headcount 1)"
        """
        ids = set(self.org.positions["id"])
        pid = str(post_id or "").strip()
        if not pid:
            k = 1
            while f"new{k}" in ids:
                k += 1
            pid = f"new{k}"
        if pid in ids:
            raise EditError(f"id {pid!r} is already used", f"编号 {pid!r} 已被使用")
        title = str(title or "").strip()
        if not title:
            raise EditError("give the new post a title", "请填写新岗位的名称")
        mrow = self._row(manager)
        h = _headcount_value(headcount)
        pos = self.org.positions
        mgr = pos["id"].iat[mrow]
        rec = {c: ("" if pos[c].dtype == object else np.nan) for c in pos.columns}
        for c in ("duties", "kpis", "requirements", "authority", "records", "direct_reports"):
            if c in rec:
                rec[c] = None
        rec.update({"id": pid, "title": title, "title_en": str(title_en or ""), "reports_to": mgr,
                    "headcount": h, "unit": pos["unit"].iat[mrow] if unit is None else str(unit),
                    "region": pos["region"].iat[mrow], "source": "what-if"})
        new_pos = pd.concat([pos, pd.DataFrame([rec], columns=pos.columns)], ignore_index=True)
        return self._set(self._with_positions(new_pos),
                         Note(f"已在 {mgr!r} 之下新增 {pid!r}(定员 {h:g})",
                              f"added {pid!r} under {mgr!r} (headcount {h:g})"))

    def remove_post(self, post_id: str) -> Note:
        """Remove a post; its direct reports move up to its manager. Its links are dropped.

        >>> ExplorerState().remove_post("mgr")
        Traceback (most recent call last):
        ...
        orglib.explorer._widgets.EditError: cannot remove the head 'mgr' while posts report to it: move them first / 负责人 'mgr' 仍有下属,不能删除:请先调走下属
        """
        row = self._row(post_id)
        pos = self.org.positions
        pid = pos["id"].iat[row]
        mgr = pos["reports_to"].iat[row]
        kids = pos["reports_to"].to_numpy(dtype=object) == pid
        if mgr == "" and kids.any():
            raise EditError(f"cannot remove the head {pid!r} while posts report to it: move them first",
                            f"负责人 {pid!r} 仍有下属,不能删除:请先调走下属")
        if len(pos) == 1:
            raise EditError("cannot remove the last post", "不能删除最后一个岗位")
        new_pos = pos.copy()
        new_pos.loc[kids, "reports_to"] = mgr
        new_pos = new_pos.drop(index=row)
        links = self.org.links
        links = links[(links["from"] != pid) & (links["to"] != pid)]
        n = int(kids.sum())
        return self._set(self._with_positions(new_pos, links),
                         Note(f"已删除 {pid!r};其 {n} 个直接下级改向 {mgr!r} 汇报",
                              f"removed {pid!r}; its {n} report(s) now report to {mgr!r}"))

    # ------------------------------------------------------------------ files
    def load_upload(self, data: bytes, filename: str) -> UploadResult:
        """Read an uploaded HR/design file; on success it becomes the design (undoable).

        The bytes are written to a temporary file named like the upload and read with
        :func:`orglib.io._load.load` (CSV/XLSX/YAML/JSON, UTF-8 or GB18030 …). A file that
        cannot be read or fails validation returns every problem and the previous design
        stays on screen.

        Examples
        --------
        >>> st = ExplorerState()
        >>> bad = "工号,姓名,上级工号\\n1,张三,\\n2,李四,9\\n".encode("gb18030")
        >>> res = st.load_upload(bad, "hr.csv")
        >>> res.ok, [p.code for p in res.problems], st.org.meta["id"]
        (False, ['unknown_manager'], 'duocai-asis')
        >>> good = "工号,姓名,上级工号\\n1,张三,\\n2,李四,1\\n".encode("gb18030")
        >>> st.load_upload(good, "hr.csv").ok, st.org.positions["姓名"].tolist()
        (True, ['张三', '李四'])
        """
        from ..io import load

        name = Path(str(filename or "upload").replace("\\", "/")).name or "upload"
        suffix = Path(name).suffix.lower()
        if suffix not in UPLOAD_SUFFIXES:
            return UploadResult(False, [Problem(
                name, None, "", "unsupported_format",
                f"unsupported file type {suffix or '(none)'!r}: use .csv, .xlsx, .yaml or .json",
                f"不支持的文件类型 {suffix or '(无)'!r}:请用 .csv、.xlsx、.yaml 或 .json")], name)
        if not data:
            return UploadResult(False, [Problem(name, None, "", "empty_file", "the file is empty",
                                                "文件为空")], name)
        with tempfile.TemporaryDirectory(prefix="orglib-upload-") as tmp:
            path = Path(tmp) / re.sub(r"[^\w.\-]+", "_", name)
            path.write_bytes(bytes(data))

            def relabel(problems: list[Problem]) -> list[Problem]:
                return [replace(p, file=name) if (not p.file or tmp in p.file) else p for p in problems]

            try:
                org = load(path)
            except OrgValidationError as exc:
                return UploadResult(False, relabel(exc.problems), name)
            except OrgInputError as exc:
                probs = exc.problems or [Problem(name, None, "", "unreadable", str(exc), str(exc))]
                return UploadResult(False, relabel(probs), name)
            except Exception as exc:  # noqa: BLE001 - a live panel must survive any bad file
                return UploadResult(False, [Problem(
                    name, None, "", "unreadable", f"cannot read the file: {type(exc).__name__}: {exc}",
                    f"无法读取文件:{type(exc).__name__}: {exc}")], name)
        org.path = name
        org.problems = relabel(org.problems)
        org.origin = {}
        if not org.meta.get("name"):
            org.meta["name"] = name
        self.set_org(org, name)
        return UploadResult(True, [p for p in org.problems if p.severity != ERROR], name)

    def export(self, path: str | Path) -> Path:
        """Write the current design with :func:`orglib.io._load.save` (XLSX, YAML, JSON or CSV).

        >>> import tempfile, pathlib
        >>> p = ExplorerState().export(pathlib.Path(tempfile.mkdtemp()) / "design.yaml")
        >>> p.name
        'design.yaml'
        """
        from ..io import save

        p = Path(path)
        if p.suffix.lower() not in EXPORT_SUFFIXES:
            raise EditError(f"cannot export to {p.suffix or '(no suffix)'!r}: use .xlsx or .yaml",
                            f"不能导出为 {p.suffix or '(无后缀)'!r}:请用 .xlsx 或 .yaml")
        save(self.org, p)
        return p

    # ------------------------------------------------------------------ fast views
    def light(self) -> Org:
        """The design reduced to the columns the metrics need (cached per version)."""
        if self._light is None or self._light[0] != self.version:
            cols = ["id", "title", "title_en", "unit", "reports_to", "headcount"]
            light = Org(self.org.positions[cols].copy(), self.org.units, meta=self.org.meta)
            light.parent_index()
            self._light = (self.version, light)
        return self._light[1]

    def grown(self, growth: float) -> Org:
        """The light design with front-line headcount × (1 + growth/100) (cached)."""
        key = (self.version, float(growth))
        if self._grown is not None and self._grown[0] == key:
            return self._grown[1]
        base = self.light()
        if growth == 0:
            out = base
        else:
            parent = base.parent_index()
            hc = base.headcounts()
            front = np.bincount(parent[parent >= 0], minlength=len(parent)) == 0
            new_hc = np.where(front, hc * (1.0 + growth / 100.0), hc)
            out = _copy.copy(base)  # shares the cached parent array: same tree, new headcounts
            out.positions = base.positions.assign(headcount=new_hc)
        self._grown = (key, out)
        return out

    def functions(self, growth: float, regions: int) -> list[dict]:
        """Functions of the current design for the layout generators (cached)."""
        key = (self.version, float(growth), int(regions))
        if key not in self._functions:
            self._functions.clear()
            self._functions[key] = derive_functions(self.grown(growth), shared_below=regions)
        return self._functions[key]

    def layout(self, p: Params) -> tuple[Org | None, Any, list[Note]]:
        """The generated comparison layout for ``p`` with its spans (LRU-cached)."""
        from ..analysis import spans_layers
        from ..designs import LAYOUTS

        key = (self.version, p.layout, p.span_target, p.regions, p.growth)
        hit = self._layouts.get(key)
        if hit is not None:
            self._layouts.move_to_end(key)
            return hit
        notes: list[Note] = []
        try:
            fns = self.functions(p.growth, p.regions)
            kw: dict[str, Any] = {"span_target": p.span_target}
            if p.layout in ("by_region", "matrix"):
                kw["regions"] = p.regions
            elif p.layout == "by_product":
                kw["products"] = p.regions
            org = LAYOUTS[p.layout](fns, **kw)
            sl = spans_layers(org, target=p.span_target)
            result: tuple[Org | None, Any, list[Note]] = (org, sl, notes)
        except OrgError as exc:
            notes.append(Note(f"无法生成对比布局:{exc}", f"cannot generate the comparison layout: {exc}", "warn"))
            result = (None, None, notes)
        self._layouts[key] = result
        while len(self._layouts) > 64:
            self._layouts.popitem(last=False)
        return result


# ============================================================================ functions
_SUFFIXES = ("总经理", "副总监", "总监", "经理", "主管", "负责人", "部长", "主任", "组长")


def derive_functions(org: Org, *, shared_below: int = 0) -> list[dict]:
    """The current design's functions, for :mod:`orglib.layouts`: one per sub-tree under the head.

    Each direct report of the head (the top post with most people below) is a function
    whose headcount is everyone in its sub-tree; posts with the same name (unit name, or
    title without 经理/主管 …) are merged, and beyond :data:`MAX_FUNCTIONS` the smallest are
    pooled as 其他. A function smaller than ``shared_below`` people stays central (shared)
    in a decentralized layout, since it cannot staff every region.

    Examples
    --------
    >>> from orglib.designs._templates import template
    >>> [(f["name"], f["headcount"]) for f in derive_functions(template("duocai-asis"))][:2]
    [('大区推广', 6), ('专卖店设计与管理', 3)]
    """
    from .._core.tree import tree_metrics

    pos = org.positions
    parent = org.parent_index()
    hc = org.headcounts()
    if len(pos) < 2:
        raise OrgInputError("the design has a single post: nothing to lay out / 设计只有一个岗位,无法生成布局")
    t = tree_metrics(parent, hc)
    head = head_index(parent, org.headcounts())
    kids = np.flatnonzero(parent == head)
    if kids.size == 0:
        raise OrgInputError("the head has no reports: nothing to lay out / 负责人没有下属,无法生成布局")
    unit_names = dict(zip(org.units["id"], org.units["name"], strict=True)) if len(org.units) else {}
    unit_en = dict(zip(org.units["id"], org.units["name_en"], strict=True)) if len(org.units) else {}
    unit_tags = dict(zip(org.units["id"], org.units["functions"], strict=True)) if len(org.units) else {}
    head_unit = pos["unit"].iat[head]
    groups: dict[str, dict] = {}
    for k in kids:
        unit = pos["unit"].iat[k]
        if unit and unit != head_unit and unit_names.get(unit):
            name, name_en = unit_names[unit], unit_en.get(unit) or unit_names[unit]
        else:
            title = re.sub(r"[((].*?[))]", "", str(pos["title"].iat[k] or pos["id"].iat[k])).strip()
            name = title
            for suf in _SUFFIXES:
                if name.endswith(suf) and len(name) > len(suf):
                    name = name[: -len(suf)]
                    break
            name = name or title
            name_en = str(pos["title_en"].iat[k] or name)
        g = groups.setdefault(name, {"name": name, "name_en": name_en, "headcount": 0.0, "tags": set()})
        g["headcount"] += float(hc[k] + t.people_below[k])
        tags = unit_tags.get(unit) or []
        g["tags"].update(str(x) for x in (tags if isinstance(tags, list) else []))
    items = sorted(groups.values(), key=lambda g: -g["headcount"])
    if len(items) > MAX_FUNCTIONS:
        rest = items[MAX_FUNCTIONS - 1:]
        items = items[: MAX_FUNCTIONS - 1] + [{
            "name": "其他", "name_en": "Other", "headcount": sum(g["headcount"] for g in rest),
            "tags": set().union(*(g["tags"] for g in rest))}]
    out = []
    for i, g in enumerate(items, start=1):
        h = max(1, int(round(g["headcount"])))
        out.append({"id": f"fn{i}", "name": g["name"], "name_en": g["name_en"], "headcount": h,
                    "tags": sorted(g["tags"]), "shared": h < shared_below})
    return out


# ============================================================================ view
METRIC_LABELS: dict[str, tuple[str, str]] = {
    "headcount": ("人数", "people"),
    "posts": ("岗位数", "posts"),
    "layers": ("管理层级", "layers"),
    "managers": ("管理者(人)", "managers (people)"),
    "management_overhead": ("管理人员占比", "management share"),
    "mean_span": ("平均管理幅度", "mean span"),
    "median_span": ("管理幅度中位数", "median span"),
    "max_span": ("最大管理幅度", "max span"),
    "above_target": ("超出目标幅度的管理岗", "manager posts above target"),
    "below_range": ("低于类型下限的管理岗", "manager posts below the archetype's range"),
    "avg_steps_to_head": ("一线到负责人平均层级数", "avg steps front line → head"),
    "flags": ("提示数", "flags"),
}


@dataclass(frozen=True)
class ExplorerView:
    """What the panel shows for one set of parameters (all text in ``params.lang``).

    Attributes
    ----------
    params : Params
        The effective parameters (after :func:`check_params`).
    notes : list of Note
        Why a setting was adjusted, or why a table is missing.
    metrics : dict
        Metric key → value for the current design (with growth applied).
    summary : DataFrame
        ``指标/metric`` and ``数值/value`` rows of :data:`METRIC_LABELS`.
    comparison : DataFrame
        metric, current design, generated layout, difference.
    flags : DataFrame
        id, title, flag, span, message.
    bands : dict
        Span band label → managers (people).
    people_per_layer : dict
        Layer → people.
    layout_org : Org or None
        The generated layout.
    """

    params: Params
    notes: list[Note]
    metrics: dict
    summary: pd.DataFrame
    comparison: pd.DataFrame
    flags: pd.DataFrame
    bands: dict
    people_per_layer: dict
    layout_org: Org | None = None


def _metrics(sl: Any, org: Org, low: float, high: float) -> dict[str, Any]:
    s = sl.summary
    span = sl.managers["span"].to_numpy(dtype=float)
    posts = sl.posts
    hc = org.headcounts()
    front = (~posts["is_manager"].to_numpy()) & (hc > 0)
    layer = posts["layer"].to_numpy()
    return {
        "headcount": s["headcount"], "posts": s["posts"], "layers": s["layers"],
        "managers": s["managers"],
        "management_overhead": s["managers"] / s["headcount"] if s["headcount"] else math.nan,
        "mean_span": s["mean_span"], "median_span": s["median_span"], "max_span": s["max_span"],
        "above_target": int(np.sum(span > high)),
        "below_range": int(np.sum(span < low)) if low > 0 else 0,
        "avg_steps_to_head": float(np.mean(layer[front] - 1)) if front.any() else math.nan,
        "flags": int(len(sl.flags)),
    }


def _fmt(v: Any, key: str = "") -> str:
    if v is None:
        return "—"
    if isinstance(v, float | np.floating):
        if math.isnan(v):
            return "—"
        if key == "management_overhead":
            return f"{v:.1%}"
        return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}"
    if isinstance(v, int | np.integer):
        return f"{int(v):,}"
    return str(v)


def _empty_flags(lang: str) -> pd.DataFrame:
    return pd.DataFrame(columns=[tr("编号", "id", lang), tr("岗位", "post", lang),
                                 tr("提示", "flag", lang), tr("幅度", "span", lang),
                                 tr("说明", "message", lang)])


def compute_view(state: ExplorerState, params: Params) -> ExplorerView:
    """Tables for ``params``: spans summary, flags and comparison with a generated layout.

    Never raises for a parameter combination or a design the metrics cannot measure:
    the reason goes to ``view.notes`` and the tables are left empty.

    Parameters
    ----------
    state : ExplorerState
    params : Params

    Returns
    -------
    ExplorerView

    Examples
    --------
    >>> st = ExplorerState()
    >>> v = compute_view(st, Params(layout="by_region", regions=2, span_target=4, lang="en"))
    >>> list(v.comparison.columns)
    ['metric', 'current design', 'by region', 'difference']
    >>> v.comparison.iloc[0].tolist()
    ['people', '11', '13', '+2']
    """
    from ..analysis import ARCHETYPES, FLAG_CODES, spans_layers

    p, notes = check_params(params)
    lang = p.lang
    low, high = 0.0, float(p.span_target)
    if p.archetype:
        a = ARCHETYPES[p.archetype]
        low = float(a.low)
        notes.append(Note(f"管理者类型「{a.name}」:适宜幅度 {a.low:g}–{a.high:g} 人",
                          f"archetype {a.name_en}: suits spans of {a.low:g}–{a.high:g}"))
    org = state.grown(p.growth)
    metric_col, value_col = tr("指标", "metric", lang), tr("数值", "value", lang)
    try:
        sl = spans_layers(org, target=high)
    except OrgError as exc:
        notes.append(Note(f"无法计算管理幅度:{exc}", f"cannot measure spans: {exc}", "warn"))
        empty = pd.DataFrame(columns=[metric_col, value_col])
        return ExplorerView(p, notes, {}, empty, pd.DataFrame(columns=[metric_col]),
                            _empty_flags(lang), {}, {}, None)
    m = _metrics(sl, org, low, high)
    summary = pd.DataFrame({metric_col: [tr(*METRIC_LABELS[k], lang) for k in m],
                            value_col: [_fmt(v, k) for k, v in m.items()]})
    if p.growth:
        notes.append(Note(f"一线岗位人数按 {p.growth:+g}% 增长计算(当前设计 {state.org.headcount_total:g} 人"
                          f" → {m['headcount']:g} 人)",
                          f"front-line headcount grown by {p.growth:+g}% ({state.org.headcount_total:g} → "
                          f"{m['headcount']:g} people)"))

    # flags, in the chosen language (first rows only are shown by the panel)
    fl = sl.flags
    code_names = {k: tr(*v, lang) for k, v in FLAG_CODES.items()}
    titles = dict(zip(org.positions["id"], org.positions["title_en" if lang == "en" else "title"],
                      strict=True)) if lang == "en" else None
    flags = pd.DataFrame({
        tr("编号", "id", lang): fl["id"].to_numpy(dtype=object),
        tr("岗位", "post", lang): (fl["title"].to_numpy(dtype=object) if titles is None else
                                  np.array([titles.get(i) or t for i, t in zip(fl["id"], fl["title"],
                                                                               strict=True)], dtype=object)),
        tr("提示", "flag", lang): fl["flag"].map(code_names).to_numpy(dtype=object),
        tr("幅度", "span", lang): fl["value"].to_numpy(dtype=float),
        tr("说明", "message", lang): fl["message_zh" if lang == "zh" else "message"].to_numpy(dtype=object),
    })

    # comparison with the generated layout
    lorg, lsl, lnotes = state.layout(p)
    notes.extend(lnotes)
    cur_name = tr("当前设计", "current design", lang)
    lay_name = tr(*LAYOUT_CHOICES[p.layout], lang)
    keys = ["headcount", "posts", "layers", "managers", "management_overhead", "mean_span",
            "median_span", "max_span", "above_target", "avg_steps_to_head"]
    if lsl is not None:
        lm = _metrics(lsl, lorg, low, high)
        diff = []
        for k in keys:
            a, b = m[k], lm[k]
            if isinstance(a, int | float) and isinstance(b, int | float) and not (
                    math.isnan(float(a)) or math.isnan(float(b))):
                d = float(b) - float(a)
                diff.append(f"{d:+.1%}" if k == "management_overhead" else
                            (f"{d:+,.0f}" if d.is_integer() else f"{d:+,.2f}"))
            else:
                diff.append("—")
        comparison = pd.DataFrame({
            tr("指标", "metric", lang): [tr(*METRIC_LABELS[k], lang) for k in keys],
            cur_name: [_fmt(m[k], k) for k in keys],
            lay_name: [_fmt(lm[k], k) for k in keys],
            tr("差异", "difference", lang): diff,
        })
        if lm["headcount"] > m["headcount"] * 1.02 + 1:
            notes.append(Note(
                f"{lay_name}比当前设计多 {lm['headcount'] - m['headcount']:g} 人:分权后每个区域/产品线的"
                "每个本地职能至少需要 1 人,另加各单位经理",
                f"the {lay_name} layout needs {lm['headcount'] - m['headcount']:g} more people than the "
                "current design: every region or product line needs at least one person per local "
                "function, plus a manager per unit"))
        if p.layout == "centralized" and p.regions != Params.regions:
            notes.append(Note("集中式布局不按区域划分:区域数滑块对它不起作用",
                              "a centralized layout is not split by region: the regions slider has no effect on it"))
    else:
        comparison = pd.DataFrame({
            tr("指标", "metric", lang): [tr(*METRIC_LABELS[k], lang) for k in keys],
            cur_name: [_fmt(m[k], k) for k in keys]})
    return ExplorerView(p, notes, m, summary, comparison, flags, dict(sl.summary["bands"]),
                        dict(sl.people_per_layer), lorg)


# ============================================================================ HTML pieces
CSS = """
<style>
.orglib-explorer {font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif;}
.orglib-explorer table.orglib-table {border-collapse: collapse; font-size: 13px; margin: 4px 0;}
.orglib-explorer table.orglib-table th, .orglib-explorer table.orglib-table td
  {border: 1px solid #ddd; padding: 2px 8px; text-align: left;}
.orglib-explorer table.orglib-table th {background: #f3f5f8;}
.orglib-explorer .orglib-note-warn {color: #9a5b00;}
.orglib-explorer .orglib-note-info {color: #345;}
.orglib-explorer .orglib-error {color: #b00020;}
.orglib-explorer .orglib-ok {color: #1b6e2a;}
.orglib-explorer .orglib-bar {background: #4e79a7; height: 14px; display: inline-block;}
.orglib-explorer h4 {margin: 8px 0 4px 0;}
</style>
"""


def table_html(df: pd.DataFrame, css_class: str = "orglib-table", max_rows: int = 40,
               lang: str = "zh") -> str:
    """A DataFrame as an escaped HTML table (the first ``max_rows`` rows).

    >>> "&lt;b&gt;" in table_html(pd.DataFrame({"a": ["<b>"]}))
    True
    """
    shown = df.head(max_rows)
    out = shown.to_html(index=False, escape=True, classes=css_class, border=0, na_rep="—",
                        float_format=lambda x: f"{x:g}")
    if len(df) > max_rows:
        out += (f'<div class="orglib-more">'
                f'{html.escape(tr(f"…… 另有 {len(df) - max_rows} 行", f"… {len(df) - max_rows} more rows", lang))}'
                "</div>")
    return out


def bars_html(items: list[tuple[str, float]], title: str, css_class: str) -> str:
    """A small horizontal bar chart in plain HTML (labels escaped).

    >>> "&lt;x&gt;" in bars_html([("<x>", 2.0)], "t", "c")
    True
    """
    top = max((v for _, v in items), default=0.0) or 1.0
    rows = "".join(
        f'<tr><td>{html.escape(str(lab))}</td><td style="width:220px">'
        f'<span class="orglib-bar" style="width:{max(0.0, 200 * v / top):.0f}px"></span></td>'
        f"<td>{html.escape(_fmt(float(v)))}</td></tr>" for lab, v in items)
    return (f'<div class="{html.escape(css_class)}"><h4>{html.escape(title)}</h4>'
            f'<table class="orglib-table">{rows}</table></div>')


def notes_html(notes: list[Note], lang: str) -> str:
    if not notes:
        return ""
    items = "".join(f'<li class="orglib-note-{html.escape(n.level)}">{html.escape(n.text(lang))}</li>'
                    for n in notes)
    return f'<ul class="orglib-notes">{items}</ul>'


def problems_html(result: UploadResult, lang: str) -> str:
    """The problems of an upload as an escaped HTML list."""
    if result.ok:
        head = tr(f"已载入 {result.filename}", f"loaded {result.filename}", lang)
        cls = "orglib-ok"
        if result.problems:
            head += tr(f"({len(result.problems)} 条警告)", f" ({len(result.problems)} warnings)", lang)
    else:
        head = tr(f"{result.filename} 未载入:发现 {len(result.problems)} 个问题,仍显示之前的设计",
                  f"{result.filename} was not loaded: {len(result.problems)} problem(s); "
                  "the previous design is still shown", lang)
        cls = "orglib-error"
    items = "".join(f"<li>{html.escape(x)}</li>" for x in result.lines(lang)[:50])
    more = len(result.problems) - 50
    if more > 0:
        items += f"<li>{html.escape(tr(f'…… 另有 {more} 条', f'… {more} more', lang))}</li>"
    return f'<div class="{cls}"><b>{html.escape(head)}</b><ul>{items}</ul></div>'


# ============================================================================ widgets
LABELS: dict[str, tuple[str, str]] = {
    "title": ("市场部组织设计探索", "Marketing department explorer"),
    "template": ("模板", "Template"),
    "upload": ("上传人事文件", "Upload HR file"),
    "layout": ("对比布局", "Compare with"),
    "span": ("管理幅度目标", "Span target"),
    "regions": ("区域数", "Regions"),
    "growth": ("人数增长 %", "Growth %"),
    "archetype": ("管理者类型", "Manager type"),
    "none": ("(不指定)", "(none)"),
    "summary": ("管理幅度与层级", "Spans & layers"),
    "comparison": ("方案对比", "Comparison"),
    "flags": ("提示", "Flags"),
    "bands": ("管理幅度分布(管理者人数)", "Spans (managers, people)"),
    "layers": ("各层人数", "People per layer"),
    "chart": ("组织结构图", "Org chart"),
    "edit": ("假设调整", "What-if edits"),
    "post": ("岗位编号", "Post id"),
    "manager": ("新上级编号", "New manager id"),
    "headcount": ("定员", "Headcount"),
    "new_title": ("新岗位名称", "New post title"),
    "move": ("调整上级", "Move"),
    "set_hc": ("修改定员", "Set headcount"),
    "add": ("新增岗位", "Add post"),
    "remove": ("删除岗位", "Remove post"),
    "undo": ("撤销", "Undo"),
    "export": ("导出", "Export"),
    "format": ("格式", "Format"),
    "search": ("查找岗位", "Find posts"),
    "posts": ("岗位列表", "Posts"),
    "design": ("当前设计", "Current design"),
    "synthetic": ("示例:5000 人合成市场部", "Example: synthetic 5,000-person department"),
    "uploaded": ("(已上传)", "(uploaded)"),
    "download": ("下载", "download"),
}


def _lab(key: str, lang: str) -> str:
    return tr(*LABELS[key], lang)


class Explorer:
    """The explorer panel: controls wired to an :class:`ExplorerState` and :func:`compute_view`.

    ``widget`` is the ipywidgets box to display; the controls are attributes
    (``span_slider``, ``lang_toggle`` …) so code and tests can drive them.
    ``last_view`` is the latest :class:`ExplorerView`.
    """

    def __init__(self, org: Org | None = None, lang: str = "zh", *, template_id: str | None = None,
                 export_dir: str | Path = ".", chart: bool = True):
        import ipywidgets as w

        check_lang(lang)
        self.w = w
        self.lang = lang
        self.export_dir = Path(export_dir)
        self.show_chart = chart
        self._busy = False
        if org is None:
            tid = template_id or DEFAULT_TEMPLATE
            org = synthetic_org() if tid == SYNTHETIC_ID else _template(tid)
            self._template_id = tid
        else:
            self._template_id = ""
        self.state = ExplorerState(org)
        self.last_view: ExplorerView | None = None
        self.last_upload: UploadResult | None = None
        self._edit_note: tuple[Note | None, EditError | None] = (None, None)

        def cls(widget: Any, name: str) -> Any:
            widget.add_class(name)
            return widget

        lay = w.Layout
        self.title_html = cls(w.HTML(), "orglib-title")
        self.lang_toggle = cls(w.ToggleButtons(options=[("中文", "zh"), ("English", "en")], value=lang),
                               "orglib-lang")
        self.template_dd = cls(w.Dropdown(layout=lay(width="520px")), "orglib-template")
        self.upload = cls(w.FileUpload(accept=",".join(UPLOAD_SUFFIXES), multiple=False,
                                       layout=lay(width="auto")), "orglib-upload")
        self.problems_html = cls(w.HTML(), "orglib-problems")
        self.design_html = cls(w.HTML(), "orglib-design")
        style = {"description_width": "120px"}
        self.layout_dd = cls(w.Dropdown(value="centralized", options=list(LAYOUT_CHOICES), style=style),
                             "orglib-layout")
        wide = lay(width="420px")
        self.span_slider = cls(w.IntSlider(value=8, min=SPAN_RANGE[0], max=SPAN_RANGE[1],
                                           continuous_update=False, style=style, layout=wide), "orglib-span-slider")
        self.regions_slider = cls(w.IntSlider(value=3, min=REGION_RANGE[0], max=REGION_RANGE[1],
                                              continuous_update=False, style=style, layout=wide), "orglib-regions-slider")
        self.growth_slider = cls(w.IntSlider(value=0, min=GROWTH_RANGE[0], max=GROWTH_RANGE[1], step=5,
                                             continuous_update=False, style=style, layout=wide), "orglib-growth-slider")
        self.archetype_dd = cls(w.Dropdown(value="", options=[("", "")], style=style), "orglib-archetype")
        self.notes_html = cls(w.HTML(), "orglib-messages")
        self.summary_html = cls(w.HTML(), "orglib-summary")
        self.comparison_html = cls(w.HTML(), "orglib-comparison")
        self.flags_html = cls(w.HTML(), "orglib-flags")
        self.figures_html = cls(w.HTML(), "orglib-figures")
        self.chart_html = cls(w.HTML(), "orglib-orgchart")
        # what-if edits
        self.edit_title = w.HTML()
        self.post_text = cls(w.Text(style=style), "orglib-edit-post")
        self.manager_text = cls(w.Text(style=style), "orglib-edit-manager")
        self.headcount_text = cls(w.FloatText(value=1.0, style=style), "orglib-edit-headcount")
        self.new_title_text = cls(w.Text(style=style), "orglib-edit-title")
        self.move_btn = cls(w.Button(), "orglib-move")
        self.set_hc_btn = cls(w.Button(), "orglib-set-headcount")
        self.add_btn = cls(w.Button(), "orglib-add")
        self.remove_btn = cls(w.Button(), "orglib-remove")
        self.undo_btn = cls(w.Button(), "orglib-undo")
        self.edit_status = cls(w.HTML(), "orglib-edit-status")
        self.format_dd = cls(w.Dropdown(options=["xlsx", "yaml"], value="xlsx"), "orglib-export-format")
        self.export_btn = cls(w.Button(), "orglib-export")
        self.export_status = cls(w.HTML(), "orglib-export-status")
        self.search_text = cls(w.Text(continuous_update=False, style=style), "orglib-search")
        self.posts_html = cls(w.HTML(), "orglib-posts")

        self.widget = cls(w.VBox([
            w.HTML(CSS),
            w.HBox([self.title_html, self.lang_toggle]),
            w.HBox([self.template_dd, self.upload]),
            self.problems_html, self.design_html,
            w.HBox([w.VBox([self.layout_dd, self.archetype_dd]),
                    w.VBox([self.span_slider, self.regions_slider, self.growth_slider])]),
            self.notes_html,
            w.HBox([w.VBox([self.summary_html], layout=lay(margin="0 24px 0 0")),
                    w.VBox([self.comparison_html])]),
            self.figures_html, self.flags_html, self.chart_html,
            self.edit_title,
            w.HBox([w.VBox([self.post_text, self.manager_text, self.headcount_text, self.new_title_text]),
                    w.VBox([w.HBox([self.move_btn, self.set_hc_btn]), w.HBox([self.add_btn, self.remove_btn]),
                            self.undo_btn])]),
            self.edit_status,
            w.HBox([self.format_dd, self.export_btn]), self.export_status,
            self.search_text, self.posts_html,
        ]), "orglib-explorer")
        self.widget.explorer = self  # reach the controller from the displayed widget

        self._relabel()
        for s in (self.span_slider, self.regions_slider, self.growth_slider, self.layout_dd,
                  self.archetype_dd):
            s.observe(self._on_param, names="value")
        self.lang_toggle.observe(self._on_lang, names="value")
        self.template_dd.observe(self._on_template, names="value")
        self.upload.observe(self._on_upload, names="value")
        self.search_text.observe(lambda _c: self._refresh_posts(), names="value")
        self.move_btn.on_click(lambda _b: self._edit(
            lambda: self.state.move_post(self.post_text.value, self.manager_text.value)))
        self.set_hc_btn.on_click(lambda _b: self._edit(
            lambda: self.state.set_headcount(self.post_text.value, self.headcount_text.value)))
        self.add_btn.on_click(lambda _b: self._edit(
            lambda: self.state.add_post(self.post_text.value, self.new_title_text.value,
                                        self.manager_text.value, self.headcount_text.value)))
        self.remove_btn.on_click(lambda _b: self._edit(lambda: self.state.remove_post(self.post_text.value)))
        self.undo_btn.on_click(lambda _b: self._edit(self.state.undo))
        self.export_btn.on_click(lambda _b: self.export())
        self.refresh_all()

    # ------------------------------------------------------------------ labels
    def _relabel(self) -> None:
        from ..analysis import ARCHETYPES
        from ..designs import template_ids

        lang = self.lang
        self._busy = True
        try:
            self.title_html.value = f"<h3>{html.escape(_lab('title', lang))}</h3>"
            names = _template_names(lang)
            opts = [(f"{names.get(t) or t} [{t}]", t) for t in template_ids()]
            opts.append((_lab("synthetic", lang), SYNTHETIC_ID))
            if not self._template_id:
                opts.insert(0, (f"{self.state.org.label(lang)} {_lab('uploaded', lang)}", ""))
            self.template_dd.options = opts
            self.template_dd.value = self._template_id
            self.template_dd.description = _lab("template", lang)
            self.upload.description = _lab("upload", lang)
            layout = self.layout_dd.value  # new options must not reset the choice
            self.layout_dd.options = [(tr(*v, lang), k) for k, v in LAYOUT_CHOICES.items()]
            self.layout_dd.value = layout
            self.layout_dd.description = _lab("layout", lang)
            arche = self.archetype_dd.value
            self.archetype_dd.options = [(_lab("none", lang), "")] + [
                (f"{tr(a.name, a.name_en, lang)} ({a.low:g}–{a.high:g})", k) for k, a in ARCHETYPES.items()]
            self.archetype_dd.value = arche
            self.archetype_dd.description = _lab("archetype", lang)
            self.span_slider.description = _lab("span", lang)
            self.regions_slider.description = _lab("regions", lang)
            self.growth_slider.description = _lab("growth", lang)
            self.edit_title.value = f"<h4>{html.escape(_lab('edit', lang))}</h4>"
            self.post_text.description = _lab("post", lang)
            self.manager_text.description = _lab("manager", lang)
            self.headcount_text.description = _lab("headcount", lang)
            self.new_title_text.description = _lab("new_title", lang)
            for b, k in ((self.move_btn, "move"), (self.set_hc_btn, "set_hc"), (self.add_btn, "add"),
                         (self.remove_btn, "remove"), (self.undo_btn, "undo"), (self.export_btn, "export")):
                b.description = _lab(k, lang)
            self.format_dd.description = _lab("format", lang)
            self.search_text.description = _lab("search", lang)
        finally:
            self._busy = False

    # ------------------------------------------------------------------ refresh
    def params(self) -> Params:
        return Params(self.layout_dd.value, self.span_slider.value, self.regions_slider.value,
                      float(self.growth_slider.value), self.archetype_dd.value or "", self.lang)

    def refresh_tables(self) -> ExplorerView:
        """Recompute the view and redraw tables and figures (not the chart)."""
        lang = self.lang
        view = compute_view(self.state, self.params())
        self.last_view = view
        self.notes_html.value = notes_html(view.notes, lang)
        self.summary_html.value = (f"<h4>{html.escape(_lab('summary', lang))}</h4>"
                                   + table_html(view.summary, lang=lang))
        self.comparison_html.value = (f"<h4>{html.escape(_lab('comparison', lang))}</h4>"
                                      + table_html(view.comparison, lang=lang))
        self.flags_html.value = (f"<h4>{html.escape(_lab('flags', lang))} ({len(view.flags)})</h4>"
                                 + table_html(view.flags, max_rows=15, lang=lang))
        bands = bars_html(list(view.bands.items()), _lab("bands", lang), "orglib-fig-spans")
        layers = bars_html([(tr(f"第{k}层", f"layer {k}", lang), v) for k, v in view.people_per_layer.items()],
                           _lab("layers", lang), "orglib-fig-layers")
        self.figures_html.value = (f'<div style="display:flex;gap:32px">{bands}{layers}</div>')
        return view

    def refresh_design(self) -> None:
        lang = self.lang
        org = self.state.org
        self.design_html.value = (
            f"<b>{html.escape(_lab('design', lang))}</b>: {html.escape(org.label(lang))} — "
            + html.escape(tr(f"{len(org.positions)} 个岗位,{org.headcount_total:g} 人",
                             f"{len(org.positions)} posts, {org.headcount_total:g} people", lang)))
        self._refresh_posts()

    def _refresh_posts(self) -> None:
        lang = self.lang
        pos = self.state.org.positions
        cols = ["id", "title", "title_en", "reports_to", "headcount", "unit"]
        cols += [c for c in self.state.org.extra_columns[:3]]
        df = pos[cols]
        q = (self.search_text.value or "").strip()
        if q:
            mask = np.zeros(len(df), dtype=bool)
            for c in ("id", "title", "title_en", *self.state.org.extra_columns[:3]):
                mask |= df[c].astype(str).str.contains(q, regex=False).to_numpy()
            df = df[mask]
        self.posts_html.value = (f"<h4>{html.escape(_lab('posts', lang))}</h4>"
                                 + table_html(df, max_rows=25, lang=lang))

    def refresh_chart(self) -> None:
        if not self.show_chart:
            self.chart_html.value = ""
            return
        from ..viz import embed_html, interactive_html

        lang = self.lang
        try:
            page = interactive_html(self.state.org, lang=lang, height="520px")
            self.chart_html.value = (f"<h4>{html.escape(_lab('chart', lang))}</h4>"
                                     + embed_html(page, height="560px", title=_lab("chart", lang)))
        except OrgError as exc:
            self.chart_html.value = f'<div class="orglib-error">{html.escape(str(exc))}</div>'

    def refresh_all(self) -> None:
        self.refresh_design()
        self.refresh_tables()
        self.refresh_chart()

    # ------------------------------------------------------------------ events
    def _on_param(self, _change: dict) -> None:
        if not self._busy:
            self.refresh_tables()

    def _on_lang(self, change: dict) -> None:
        self.lang = change["new"]
        self._relabel()
        if self.last_upload is not None:
            self.problems_html.value = problems_html(self.last_upload, self.lang)
        self._show_edit_status()
        self.refresh_all()

    def _on_template(self, change: dict) -> None:
        if self._busy or not change["new"]:
            return
        tid = change["new"]
        try:
            org = synthetic_org() if tid == SYNTHETIC_ID else _template(tid)
        except OrgError as exc:
            self.problems_html.value = f'<div class="orglib-error">{html.escape(str(exc))}</div>'
            return
        self._template_id = tid
        note = self.state.set_org(org, tid)
        self._edit_note = (note, None)
        self._show_edit_status()
        self.last_upload = None
        self.problems_html.value = ""
        self._relabel()
        self.refresh_all()

    def _on_upload(self, change: dict) -> None:
        files = change["new"]
        if not files:
            return
        item = files[0] if isinstance(files, list | tuple) else next(iter(files.values()))
        content = item["content"]
        data = content.tobytes() if hasattr(content, "tobytes") else bytes(content)
        self.handle_upload(data, item.get("name") or "upload")

    def handle_upload(self, data: bytes, filename: str) -> UploadResult:
        """Load an uploaded file; show its problems; keep the previous design if it fails."""
        result = self.state.load_upload(data, filename)
        self.last_upload = result
        self.problems_html.value = problems_html(result, self.lang)
        if result.ok:
            self._template_id = ""
            self._relabel()
            self.refresh_all()
        return result

    def _edit(self, action: Any) -> None:
        try:
            note = action()
            self._edit_note = (note, None)
        except EditError as exc:
            self._edit_note = (None, exc)
            self._show_edit_status()
            return
        self._show_edit_status()
        self.refresh_all()

    def _show_edit_status(self) -> None:
        note, err = self._edit_note
        if err is not None:
            self.edit_status.value = f'<div class="orglib-error">{html.escape(err.text(self.lang))}</div>'
        elif note is not None:
            self.edit_status.value = f'<div class="orglib-ok">{html.escape(note.text(self.lang))}</div>'
        else:
            self.edit_status.value = ""

    def export(self, fmt: str | None = None) -> Path | None:
        """Write the edited design to ``export_dir`` (``<name>-edited.xlsx|yaml``) and offer a link."""
        fmt = fmt or self.format_dd.value
        stem = re.sub(r"[^\w\-]+", "_", str(self.state.org.meta.get("id") or self.state.org.name)).strip("_")
        path = self.export_dir / f"{stem or 'design'}-edited.{fmt}"
        lang = self.lang
        try:
            self.export_dir.mkdir(parents=True, exist_ok=True)
            self.state.export(path)
        except (OrgError, OSError) as exc:
            self.export_status.value = f'<div class="orglib-error">{html.escape(str(exc))}</div>'
            return None
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        mime = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" if fmt == "xlsx"
                else "application/x-yaml")
        self.export_status.value = (
            f'<div class="orglib-ok">{html.escape(tr("已导出:", "exported: ", lang))}'
            f'<code class="orglib-export-path">{html.escape(str(path.resolve()))}</code> '
            f'<a download="{html.escape(path.name)}" href="data:{mime};base64,{data}">'
            f'{html.escape(_lab("download", lang))}</a></div>')
        return path


@lru_cache(maxsize=4)
def _template_names(lang: str) -> dict[str, str]:
    from ..designs import describe_templates

    try:
        d = describe_templates(lang)
        return dict(zip(d["id"], d["name"], strict=True))
    except Exception:  # noqa: BLE001 - labels only
        return {}


def _template(tid: str) -> Org:
    from ..designs import template

    return template(tid)


def explorer(org: Org | None = None, lang: str = "zh", *, template_id: str | None = None,
             export_dir: str | Path = ".", chart: bool = True):
    """The org explorer panel (an ipywidgets widget) — display it in a notebook or Voilà.

    Parameters
    ----------
    org : Org, optional
        Design to start from (default the template ``template_id`` or ``duocai-asis``).
    lang : {"zh", "en"}
        Starting language (a toggle on the panel switches it).
    template_id : str, optional
        A template id, or ``"synthetic-5000"`` for the 5,000-person example.
    export_dir : path
        Folder the Export button writes to.
    chart : bool
        Draw the interactive org chart.

    Returns
    -------
    ipywidgets.VBox
        With ``.explorer`` the :class:`Explorer` controller.

    Examples
    --------
    >>> box = explorer(lang="en", chart=False)
    >>> box.explorer.span_slider.value = 3
    >>> box.explorer.last_view.params.span_target
    3
    """
    return Explorer(org, lang, template_id=template_id, export_dir=export_dir, chart=chart).widget
