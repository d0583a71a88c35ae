"""HTML pieces of the explorer panel: tables, bar charts, notes and upload problems.

Every text that comes from a design or a file is escaped (``html.escape``); tests check it
with hostile titles and file names.
"""

from __future__ import annotations

import html

import pandas as pd

from .._core import tr
from ._state import Note, UploadResult
from ._view import fmt_value

__all__ = ["CSS", "bars_html", "message_html", "notes_html", "problems_html", "table_html"]

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
        f"<td>{html.escape(fmt_value(float(v)))}</td></tr>" for lab, v in items)
    return (f'<div class="{html.escape(css_class)}"><h4>{html.escape(title)}</h4>'
            f'<table class="orglib-table">{rows}</table></div>')


def notes_html(notes: list[Note], lang: str) -> str:
    """Notes as an escaped HTML list (class ``orglib-note-info`` or ``-warn``).

    >>> notes_html([Note("<注>", "<note>", "warn")], "en")
    '<ul class="orglib-notes"><li class="orglib-note-warn">&lt;note&gt;</li></ul>'
    """
    if not notes:
        return ""
    items = "".join(f'<li class="orglib-note-{html.escape(n.level)}">{html.escape(n.text(lang))}</li>'
                    for n in notes)
    return f'<ul class="orglib-notes">{items}</ul>'


def message_html(text: str, *, ok: bool) -> str:
    """One escaped status line (``orglib-ok`` or ``orglib-error``).

    >>> message_html("<x>", ok=False)
    '<div class="orglib-error">&lt;x&gt;</div>'
    """
    return f'<div class="{"orglib-ok" if ok else "orglib-error"}">{html.escape(text)}</div>'


EXAMPLES_SHOWN = 3
"""Problems shown per kind in the upload panel; the count says how many more there are."""


def problems_html(result: UploadResult, lang: str) -> str:
    """The problems of an upload as escaped HTML, grouped by kind as ``orglib validate`` prints them.

    One heading per kind with its count, then its first :data:`EXAMPLES_SHOWN` problems (file,
    row, field, message), then how many more of that kind there are.

    >>> from orglib._core import Problem
    >>> ps = [Problem("hr.csv", r, "id", "missing_id", "id is empty", "编号为空") for r in range(2, 9)]
    >>> out = problems_html(UploadResult(False, ps, "hr.csv"), "en")
    >>> "missing_id: 7 errors" in out, out.count("<li>"), "4 more of this kind" in out
    (True, 4, True)
    """
    from ..io import count_text, group_problems

    n = len(result.problems)
    if result.ok:
        head = tr(f"已载入 {result.filename}", f"loaded {result.filename}", lang)
        cls = "orglib-ok"
        if result.problems:
            head += tr(f"({n} 条警告)", f" ({n} warning{'' if n == 1 else 's'})", lang)
    else:
        head = tr(f"{result.filename} 未载入:发现 {n} 个问题,仍显示之前的设计",
                  f"{result.filename} was not loaded: {n} problem{'' if n == 1 else 's'}; "
                  "the previous design is still shown", lang)
        cls = "orglib-error"
    parts = []
    for code, severity, ps in group_problems(result.problems):
        items = "".join(f"<li>{html.escape(p.text(lang))}</li>" for p in ps[:EXAMPLES_SHOWN])
        more = len(ps) - EXAMPLES_SHOWN
        if more > 0:
            items += f"<li>{html.escape(tr(f'…… 同类另有 {more} 条', f'… {more} more of this kind', lang))}</li>"
        parts.append(f"<p><b>{html.escape(code)}: {html.escape(count_text(len(ps), severity, lang))}</b></p>"
                     f"<ul>{items}</ul>")
    return f'<div class="{cls}"><b>{html.escape(head)}</b>{"".join(parts)}</div>'
