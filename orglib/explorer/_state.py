"""The design being explored: what-if edits, undo, uploads and export (no widgets).

Pure Python, importable without ipywidgets: :class:`ExplorerState` holds the current
:class:`~orglib.Org` and an undo stack; every edit returns a bilingual :class:`Note` or
raises :class:`EditError` (an :class:`~orglib.OrgInputError`) leaving the design as it
was. :class:`Params` are the panel's slider settings and :func:`clamp_params` turns any
combination into one that can be shown, with a note for each adjustment.

Examples
--------
>>> from orglib import Org
>>> org = Org.from_records([
...     {"id": "m", "title": "市场部经理", "headcount": 1},
...     {"id": "a", "title": "推广主管", "reports_to": "m", "headcount": 1},
...     {"id": "b", "title": "销售主管", "reports_to": "m", "headcount": 1},
...     {"id": "b1", "title": "销售代表", "reports_to": "b", "headcount": 9},
... ])
>>> st = ExplorerState(org)
>>> st.move_post("b1", "a").en
"moved 'b1' from 'b' to 'a'"
>>> st.undo().en
"undone: moved 'b1' from 'b' to 'a'"
"""

from __future__ import annotations

import math
import re
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .._core import (
    ERROR,
    Org,
    OrgInputError,
    OrgValidationError,
    Problem,
    clean_stale_temp_dirs,
    descendants,
    temp_dir_prefix,
    tr,
)
from ..analysis import ARCHETYPES
from ..designs import template
from ..io import load, save

__all__ = [
    "DEFAULT_TEMPLATE", "EXPORT_SUFFIXES", "GROWTH_RANGE", "LAYOUT_CHOICES", "REGION_RANGE",
    "SPAN_RANGE", "UPLOAD_MAX_BYTES", "UPLOAD_SUFFIXES", "EditError", "ExplorerState", "Note", "Params", "UploadResult",
    "clamp_params", "clean_controls",
]

LAYOUT_CHOICES: dict[str, tuple[str, str]] = {
    "centralized": ("集中式", "centralized"),
    "by_region": ("分权式(按区域)", "by region"),
    "by_product": ("分权式(按产品线)", "by product"),
    "matrix": ("矩阵式(职能×区域)", "matrix (functions × regions)"),
}
"""Layouts the explorer compares against (keys of :data:`orglib.designs.LAYOUTS`)."""

UPLOAD_SUFFIXES: tuple[str, ...] = (".csv", ".xlsx", ".xlsm", ".yaml", ".yml", ".json")
UPLOAD_MAX_BYTES = 10_000_000
"""Largest upload the panel reads (10 MB, said next to the upload button). ``orglib app``
lets messages a little larger than this through, so a bigger file is refused with a
message instead of vanishing."""
EXPORT_SUFFIXES: tuple[str, ...] = (".xlsx", ".yaml", ".yml", ".json", ".csv")
SPAN_RANGE: tuple[int, int] = (1, 30)
REGION_RANGE: tuple[int, int] = (1, 12)
GROWTH_RANGE: tuple[int, int] = (-50, 300)
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

    One of the :class:`~orglib.OrgError` family: ``EditError(en=..., zh=...)``,
    ``.text(lang)`` picks the language, ``str(err)`` gives both.

    >>> e = EditError(en="no post 'x'", zh="没有岗位 'x'")
    >>> e.text("zh"), str(e)
    ("没有岗位 'x'", "no post 'x' / 没有岗位 'x'")
    """


def _headcount_value(headcount: object) -> float:
    """A headcount typed by a user as a float ≥ 0, or an :class:`EditError` saying why not."""
    try:
        h = float(headcount)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        h = math.nan
    if not math.isfinite(h) or h < 0:
        raise EditError(en=f"headcount must be a number ≥ 0, got {headcount!r}",
                        zh=f"岗位定员须为不小于 0 的数,收到 {headcount!r}")
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
        Manager archetype key of :data:`orglib.analysis.ARCHETYPES`, or ``""`` for none.
    lang : str
        ``"zh"`` or ``"en"``.
    """

    layout: str = "centralized"
    span_target: int = 8
    regions: int = 3
    growth: float = 0.0
    archetype: str = ""
    lang: str = "zh"


def clamp_params(params: Params) -> tuple[Params, list[Note]]:
    """Effective parameters and a note for every setting that had to be adjusted.

    Never raises for a slider combination: an impossible one is clamped to the nearest
    one that can be shown, and explained (unlike :func:`orglib.sim.check_params`, which
    refuses bad simulation parameters).

    Examples
    --------
    >>> p, notes = clamp_params(Params(span_target=12, archetype="coach", lang="en"))
    >>> p.span_target, notes[0].level
    (7, 'warn')
    >>> clamp_params(Params(span_target=1))[0].span_target
    2
    """

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
    template changes alike). ``version`` grows with every change (views cache on it).

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

            org = template(DEFAULT_TEMPLATE)
        if not isinstance(org, Org):
            raise OrgInputError(en=f"expected an Org, got {type(org).__name__}", zh="需要一个 Org 对象")
        self.org: Org = org
        self.max_undo = int(max_undo)
        self._undo: list[tuple[Org, Note]] = []
        self.version = 0

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
            raise EditError(en="nothing to undo", zh="没有可撤销的操作")
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
            raise EditError(en=f"no post with id {pid!r}", zh=f"没有编号为 {pid!r} 的岗位")
        return int(rows[0])

    def _with_positions(self, pos: pd.DataFrame, links: pd.DataFrame | None = None) -> Org:
        kw: dict[str, Any] = {"positions": pos.reset_index(drop=True)}
        if links is not None:
            kw["links"] = links.reset_index(drop=True)
        new = self.org.replace(**kw)
        new.origin = {}
        return new

    # ------------------------------------------------------------------ edits
    def move_post(self, post_id: str, new_manager: str) -> Note:
        """Move a post (with everyone under it) to report to ``new_manager``.

        >>> st = ExplorerState()
        >>> st.move_post("clerk", "rpm").zh
        "已将 'clerk' 从 'mgr' 调到 'rpm' 之下"
        >>> st.move_post("mgr", "clerk")
        Traceback (most recent call last):
        ...
        orglib.explorer._state.EditError: cannot move 'mgr' under 'clerk': 'clerk' is below it (a reporting cycle) / 不能把 'mgr' 调到 'clerk' 之下:'clerk' 是它的下属(会形成循环汇报)
        """
        row = self._row(post_id)
        pid = self.org.positions["id"].iat[row]
        mgr = str(new_manager).strip()
        old = self.org.positions["reports_to"].iat[row]
        if mgr == "":
            raise EditError(en=f"give the id of the new manager of {pid!r}", zh=f"请填写 {pid!r} 的新上级编号")
        mrow = self._row(mgr)
        if mrow == row:
            raise EditError(en=f"a post cannot report to itself ({pid!r})", zh=f"岗位不能向自己汇报({pid!r})")
        if mrow in descendants(self.org.parent_index(), row):
            raise EditError(en=f"cannot move {pid!r} under {mgr!r}: {mgr!r} is below it (a reporting cycle)",
                            zh=f"不能把 {pid!r} 调到 {mgr!r} 之下:{mgr!r} 是它的下属(会形成循环汇报)")
        if old == mgr:
            raise EditError(en=f"{pid!r} already reports to {mgr!r}", zh=f"{pid!r} 已经向 {mgr!r} 汇报")
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
            raise EditError(en=f"headcount of {pos['id'].iat[row]!r} is already {h:g}",
                            zh=f"{pos['id'].iat[row]!r} 的定员已是 {h:g}")
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
            raise EditError(en=f"id {pid!r} is already used", zh=f"编号 {pid!r} 已被使用")
        title = str(title or "").strip()
        if not title:
            raise EditError(en="give the new post a title", zh="请填写新岗位的名称")
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
        orglib.explorer._state.EditError: cannot remove the head 'mgr' while posts report to it: move them first / 负责人 'mgr' 仍有下属,不能删除:请先调走下属
        """
        row = self._row(post_id)
        pos = self.org.positions
        pid = pos["id"].iat[row]
        mgr = pos["reports_to"].iat[row]
        kids = pos["reports_to"].to_numpy(dtype=object) == pid
        if mgr == "" and kids.any():
            raise EditError(en=f"cannot remove the head {pid!r} while posts report to it: move them first",
                            zh=f"负责人 {pid!r} 仍有下属,不能删除:请先调走下属")
        if len(pos) == 1:
            raise EditError(en="cannot remove the last post", zh="不能删除最后一个岗位")
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
        :func:`orglib.io.load` (CSV/XLSX/YAML/JSON, UTF-8 or GB18030 …). A file that
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
        if len(data) > UPLOAD_MAX_BYTES:
            mb, limit = len(data) / 1e6, UPLOAD_MAX_BYTES // 1_000_000
            return UploadResult(False, [Problem(
                name, None, "", "file_too_large",
                f"the file is {mb:.1f} MB, more than the {limit} MB an upload may have: "
                "load it with orglib.load() in a notebook, or split it",
                f"文件大小 {mb:.1f} MB,超过上传上限 {limit} MB:请在笔记本中用 orglib.load() 读取,或拆分文件")],
                name)
        clean_stale_temp_dirs()  # what a killed server left behind (folders named with their pid)
        with tempfile.TemporaryDirectory(prefix=temp_dir_prefix("upload")) as tmp:
            path = Path(tmp) / re.sub(r"[^\w.\-]+", "_", name)
            path.write_bytes(bytes(data))

            def relabel(problems: list[Problem]) -> list[Problem]:
                return [replace(p, file=name) if (not p.file or tmp in p.file) else p for p in problems]

            try:
                org = load(path)
            except OrgValidationError as exc:
                return UploadResult(False, relabel(exc.problems), name)
            except OrgInputError as exc:
                probs = exc.problems or [Problem(name, None, "", "unreadable", exc.text("en"), exc.text("zh"))]
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
        """Write the current design with :func:`orglib.io.save` (XLSX, YAML, JSON or CSV).

        Control characters (U+0000–U+001F except tab and line breaks, U+007F) cannot be
        stored in XLSX and retitle terminals: they are left out of the written file, and
        ``last_export`` says how many were removed from which fields (None when the design
        was clean). The design on screen is not changed.

        >>> import tempfile, pathlib
        >>> st = ExplorerState()
        >>> p = st.export(pathlib.Path(tempfile.mkdtemp()) / "design.yaml")
        >>> p.name, st.last_export
        ('design.yaml', None)
        """

        p = Path(path)
        if p.suffix.lower() not in EXPORT_SUFFIXES:
            raise EditError(en=f"cannot export to {p.suffix or '(no suffix)'!r}: use .xlsx or .yaml",
                            zh=f"不能导出为 {p.suffix or '(无后缀)'!r}:请用 .xlsx 或 .yaml")
        org, note = clean_controls(self.org)
        save(org, p)
        self.last_export = note
        return p

    last_export: Note | None = None
    """What :meth:`export` had to clean in the last file it wrote (None: nothing)."""


CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""Characters XLSX cannot store (and terminals interpret): C0 controls but tab, LF, CR; DEL."""


def _clean(value: Any, counts: list[int]) -> Any:
    if isinstance(value, str):
        new, n = CONTROL_CHARS.subn("", value)
        counts[0] += n
        return new
    if isinstance(value, list | tuple):
        return type(value)(_clean(v, counts) for v in value)
    if isinstance(value, dict):
        return {_clean(k, counts): _clean(v, counts) for k, v in value.items()}
    return value


def clean_controls(org: Org) -> tuple[Org, Note | None]:
    """``org`` without control characters in any text (tables, nested lists, meta), and a note.

    Returns ``org`` itself and None when it has none. Raises :class:`EditError` when
    removing them would make two post ids equal.

    >>> org = Org.from_records([{"id": "m", "title": "经理\x1b[31m"}, {"id": "a", "reports_to": "m"}])
    >>> new, note = clean_controls(org)
    >>> new.positions["title"].tolist(), note.en
    (['经理[31m', ''], 'removed 1 control character(s) before writing the file (positions.title)')
    """
    fields: list[str] = []
    total = 0
    tables: dict[str, Any] = {}
    for name in ("positions", "units", "links", "workflows"):
        df = getattr(org, name)
        out = None
        for col in df.columns:
            if df[col].dtype != object:
                continue
            counts = [0]
            cleaned = [_clean(v, counts) for v in df[col].tolist()]
            if counts[0]:
                out = df.copy() if out is None else out
                out[col] = pd.Series(cleaned, index=df.index, dtype=object)
                fields.append(f"{name}.{col}")
                total += counts[0]
        clean_cols = [_clean(c, [0]) for c in df.columns]
        if clean_cols != list(df.columns):
            out = (df.copy() if out is None else out)
            fields.append(f"{name} (column names)")
            total += sum(len(CONTROL_CHARS.findall(str(c))) for c in df.columns)
            out.columns = clean_cols
        if out is not None:
            tables[name] = out
    counts = [0]
    meta = _clean(org.meta, counts)
    if counts[0]:
        tables["meta"] = meta
        fields.append("meta")
        total += counts[0]
    if not total:
        return org, None
    pos = tables.get("positions")
    if pos is not None and pos["id"].duplicated().any():
        dup = pos.loc[pos["id"].duplicated(), "id"].iloc[0]
        raise EditError(
            en=f"cannot export: post ids differ only by control characters ({dup!r}); "
               "fix them in the source file",
            zh=f"无法导出:有岗位编号仅相差控制字符({dup!r}),请在源文件中修改")
    new = org.replace(**tables)
    where = ", ".join(fields)
    return new, Note(f"写入文件前已删除 {total} 个控制字符({where})",
                     f"removed {total} control character(s) before writing the file ({where})", "warn")
