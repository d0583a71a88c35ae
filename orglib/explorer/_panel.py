"""The explorer panel: ipywidgets controls wired to :class:`ExplorerState` and :func:`compute_view`.

The only module of :mod:`orglib.explorer` that needs ipywidgets (imported inside
:class:`Explorer`). Key widgets carry stable CSS classes (``orglib-span-slider``,
``orglib-summary`` …) for browser tests. The org chart is redrawn only when the design or
the language changes.
"""

from __future__ import annotations

import base64
import html
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from .._core import Org, OrgError, check_lang, tr
from ..analysis import ARCHETYPES
from ..designs import SYNTHETIC_ID, describe_templates, synthetic_org, template, template_ids
from ..viz import embed_html, interactive_html
from ._html import CSS, bars_html, message_html, notes_html, problems_html, table_html
from ._state import (
    DEFAULT_TEMPLATE,
    GROWTH_RANGE,
    LAYOUT_CHOICES,
    REGION_RANGE,
    SPAN_RANGE,
    UPLOAD_MAX_BYTES,
    UPLOAD_SUFFIXES,
    EditError,
    ExplorerState,
    Note,
    Params,
    UploadResult,
)
from ._view import ExplorerView, compute_view

__all__ = ["LABELS", "Explorer", "explorer"]


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
    "upload_limit": (f"最大 {UPLOAD_MAX_BYTES // 1_000_000} MB:CSV、XLSX、YAML、JSON",
                     f"up to {UPLOAD_MAX_BYTES // 1_000_000} MB: CSV, XLSX, YAML, JSON"),
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
            org = _template(tid)
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
        self.upload_hint = cls(w.HTML(), "orglib-upload-limit")
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
            w.HBox([self.template_dd, self.upload, self.upload_hint]),
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
            self.upload_hint.value = f"<small>{html.escape(_lab('upload_limit', lang))}</small>"
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

        lang = self.lang
        try:
            page = interactive_html(self.state.org, lang=lang, height="520px")
            self.chart_html.value = (f"<h4>{html.escape(_lab('chart', lang))}</h4>"
                                     + embed_html(page, height="560px", title=_lab("chart", lang)))
        except OrgError as exc:
            self.chart_html.value = message_html(exc.text(lang), ok=False)

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
            org = _template(tid)
        except OrgError as exc:
            self.problems_html.value = message_html(exc.text(self.lang), ok=False)
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
            self.edit_status.value = message_html(err.text(self.lang), ok=False)
        elif note is not None:
            self.edit_status.value = message_html(note.text(self.lang), ok=True)
        else:
            self.edit_status.value = ""

    def export(self, fmt: str | None = None) -> Path | None:
        """Write the edited design to ``export_dir`` (``<name>-edited.xlsx|yaml``) and offer a link.

        Never fails silently: a design that cannot be written shows why (in the panel's
        language), and control characters removed on the way are reported next to the link.
        """
        fmt = fmt or self.format_dd.value
        stem = re.sub(r"[^\w\-]+", "_", str(self.state.org.meta.get("id") or self.state.org.name)).strip("_")
        path = self.export_dir / f"{stem or 'design'}-edited.{fmt}"
        lang = self.lang
        try:
            self.export_dir.mkdir(parents=True, exist_ok=True)
            self.state.export(path)
        except OrgError as exc:
            self.export_status.value = message_html(exc.text(lang), ok=False)
            return None
        except OSError as exc:
            self.export_status.value = message_html(
                tr(f"无法写入 {path}:{exc.strerror or exc}", f"cannot write {path}: {exc.strerror or exc}",
                   lang), ok=False)
            return None
        except Exception as exc:  # noqa: BLE001 - the button must answer, whatever the writer raised
            self.export_status.value = message_html(
                tr(f"导出失败:{type(exc).__name__}: {exc}", f"export failed: {type(exc).__name__}: {exc}",
                   lang), ok=False)
            return None
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        mime = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" if fmt == "xlsx"
                else "application/x-yaml")
        cleaned = self.state.last_export
        warn = (f'<div class="orglib-note-warn orglib-export-cleaned">{html.escape(cleaned.text(lang))}</div>'
                if cleaned is not None else "")
        self.export_status.value = (
            f'<div class="orglib-ok">{html.escape(tr("已导出:", "exported: ", lang))}'
            f'<code class="orglib-export-path">{html.escape(str(path.resolve()))}</code> '
            f'<a download="{html.escape(path.name)}" href="data:{mime};base64,{data}">'
            f'{html.escape(_lab("download", lang))}</a></div>{warn}')
        return path


@lru_cache(maxsize=4)
def _template_names(lang: str) -> dict[str, str]:

    try:
        d = describe_templates(lang)
        return dict(zip(d["id"], d["name"], strict=True))
    except Exception:  # noqa: BLE001 - labels only
        return {}


def _template(tid: str) -> Org:

    return synthetic_org() if tid == SYNTHETIC_ID else template(tid)


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
