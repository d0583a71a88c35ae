"""The teacher's pack: one folder with everything a lecturer needs for the seven lessons.

``build_pack(out, lang=...)`` writes:

* ``index.html`` — the pack's front page, linking everything;
* ``syllabus.html`` / ``syllabus.csv`` — lessons mapped to common marketing-management topics;
* ``lesson_NN.html`` — learning outcomes, a 90-minute timing plan, discussion questions with
  model answers and rubrics, and the answer key (computed by :mod:`orglib.teaching`, not typed);
* ``answer_key.csv`` — every exercise's computed answer and explanation;
* ``slides/lesson_NN.pptx`` — slides without code (python-pptx): outcomes, the lesson's
  figures, the exercises as text, the discussion questions;
* ``notebooks/NN_<lesson>.ipynb`` — the lesson to run in class, in ``lang`` only (prose, headings,
  the ``LANG`` parameter; see :func:`orglib.teaching.lesson_notebook`), outputs stripped;
* ``handouts/NN_<lesson>.html`` — that notebook executed and exported with every code
  cell hidden: prose, tables, figures and the questions as text, no answers
  (``execute=False`` skips these).

Every file is written atomically; user-visible text is escaped.

Examples
--------
>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as d:
...     paths = build_pack(d, lang="en", execute=False, lessons=[1])
...     sorted(p.name for p in paths)
['01_what_marketing_is_for.ipynb', 'answer_key.csv', 'index.html', 'lesson_01.html', 'lesson_01.pptx', 'syllabus.csv', 'syllabus.html']
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from .._core import atomic_write_bytes, atomic_write_text, check_lang, tr
from ._exercises import EXERCISES, LESSONS, answer, exercises, prompt
from ._lesson_lang import lesson_notebook, write_lesson_notebooks
from ._open import open_questions
from ._plans import PLANS, plan, syllabus, timing_table

_CSS = """
body{font-family:"Noto Sans CJK SC","Noto Sans SC",sans-serif;max-width:60em;margin:2em auto;line-height:1.5;color:#222}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #bbb;padding:.3em .6em;vertical-align:top}
th{background:#eef2f7}h1{color:#1f4e79}.muted{color:#666}
"""


def _page(title: str, body: str, lang: str) -> str:
    return (f'<!doctype html><html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
            f"<title>{html.escape(title)}</title><style>{_CSS}</style></head><body>{body}</body></html>")


def _table(df: pd.DataFrame) -> str:
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in df.columns)
    rows = "".join("<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in r) + "</tr>"
                   for r in df.itertuples(index=False))
    return f"<table><tr>{head}</tr>{rows}</table>"


def answer_key(lesson: int | None = None, *, lang: str = "zh") -> pd.DataFrame:
    """Every exercise (or one lesson's) with its computed answer and explanation.

    >>> answer_key(4, lang="en").loc[0, ["question", "answer"]].tolist()
    ['4.1', '222']
    """
    from ._exercises import _get

    check_lang(lang)
    lessons = sorted({le for le, _ in EXERCISES}) if lesson is None else [int(lesson)]
    rows = []
    for le in lessons:
        for k in exercises(le):
            ex = _get(le, k)
            rows.append({"lesson": le, "question": f"{le}.{k[1:]}", "prompt": prompt(le, k, lang),
                         "reasoning": ex.reasoning, "answer": answer(le, k, lang), "explanation": ex.why(lang)})
    return pd.DataFrame(rows)


def lesson_page(lesson: int, *, lang: str = "zh") -> str:
    """The teacher's page for one lesson (HTML)."""
    check_lang(lang)
    p = plan(lesson)
    title = tr(f"第 {lesson} 课 · {LESSONS[lesson][0]}", f"Lesson {lesson} · {LESSONS[lesson][1]}", lang)
    outcomes = "".join(f"<li>{html.escape(tr(zh, en, lang))}</li>" for zh, en in p.outcomes)
    key = answer_key(lesson, lang=lang)
    key = key.assign(reasoning=key["reasoning"].map({True: tr("推理", "reasoning", lang), False: ""}))
    oq = open_questions(lesson, lang)
    disc = "".join(
        f"<li><p><b>{html.escape(r['question'])}</b></p><p>{html.escape(tr('参考答案', 'Model answer', lang))}: "
        f"{html.escape(r['model_answer'])}</p><p class='muted'>{html.escape(tr('评分', 'Rubric', lang))}: "
        f"{html.escape(r['rubric'])}</p></li>" for r in oq.to_dict("records"))
    body = (f"<h1>{html.escape(title)}</h1>"
            f"<p class='muted'>{html.escape(tr('笔记本', 'notebook', lang))}: notebooks/teaching/{p.notebook}.ipynb · "
            f"{html.escape(tr('种子', 'seeds', lang))}: {html.escape(p.seeds)}</p>"
            f"<h2>{html.escape(tr('学习目标', 'Learning outcomes', lang))}</h2><ol>{outcomes}</ol>"
            f"<h2>{html.escape(tr('90 分钟安排', '90-minute plan', lang))}</h2>{_table(timing_table(lesson, lang=lang))}"
            f"<h2>{html.escape(tr('讨论题(含参考答案与评分)', 'Discussion questions (model answers and rubric)', lang))}"
            f"</h2><ol>{disc}</ol>"
            f"<h2>{html.escape(tr('答案(由程序计算)', 'Answer key (computed)', lang))}</h2>"
            f"{_table(key[['question', 'prompt', 'reasoning', 'answer', 'explanation']])}")
    return _page(title, body, lang)


def syllabus_page(*, lang: str = "zh") -> str:
    """The syllabus: lessons → course topics (HTML)."""
    title = tr("教学大纲:课程与营销管理课程主题", "Syllabus: lessons and marketing-management course topics", lang)
    note = tr("每课 90 分钟;课程主题按常见的营销管理课程(营销职能与组织、营销组合、组织设计、绩效与控制)归类,是本课的对应。",
              "Each lesson is 90 minutes; topics follow a common marketing-management course (the marketing function "
              "and organisation, the marketing mix, organisation design, performance and control) — our mapping.", lang)
    return _page(title, f"<h1>{html.escape(title)}</h1><p>{html.escape(note)}</p>{_table(syllabus(lang=lang))}", lang)


# ----------------------------------------------------------------- slides
def slide_figure(key: str, *, lang: str = "zh") -> list[tuple[str, object]]:
    """The figures (caption, matplotlib Figure) or tables (caption, DataFrame) a slide shows."""
    from ..designs import template
    from ..sim import latency_sweep
    from ..viz import static_png
    from ._capstone import score_design
    from ._exercises import span_tradeoff
    from ._figures import (
        mix_relation_figure,
        stage_role_heatmap,
        tradeoff_figure,
        workflow_effect_figure,
    )
    from ._structure import structure_rule_table

    if key == "heatmap":
        return [("", stage_role_heatmap(lang=lang))]
    if key == "mix":
        return [("", mix_relation_figure(lang=lang))]
    if key == "tradeoff":
        return [("", tradeoff_figure(span_tradeoff(200, range(2, 16)), latency_sweep(200, spans=range(2, 16)),
                                     lang=lang))]
    if key == "workflows":
        return [("", workflow_effect_figure(lang=lang))]
    if key == "duocai":
        return [(tr("现状(种子 000)", "as-is (seed 000)", lang), static_png(template("duocai-asis"), lang=lang)),
                (tr("改进方案(本课设计)", "to-be (our design)", lang), static_png(template("duocai-tobe"), lang=lang))]
    if key == "rule":
        return [("", structure_rule_table(lang=lang))]
    if key == "score":
        s = score_design(template("centralized-sme"), "startup-70", lang=lang)
        return [(tr("示例:centralized-sme 用于 70 人初创企业", "Example: centralized-sme for the 70-person start-up",
                    lang), s[["name", "value", "points", "max_points"]])]
    return []


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=150)
    return buf.getvalue()


def lesson_slides(lesson: int, *, lang: str = "zh") -> bytes:
    """The lesson's slides as a PPTX file (bytes): no code, only prose, figures and questions."""
    from pptx import Presentation
    from pptx.util import Emu, Pt

    check_lang(lang)
    p = plan(lesson)
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)  # 16:9
    title_layout, body_layout, blank_title = prs.slide_layouts[0], prs.slide_layouts[1], prs.slide_layouts[5]

    def bullets(title: str, lines: Iterable[str]) -> None:
        s = prs.slides.add_slide(body_layout)
        s.shapes.title.text = title
        body = s.placeholders[1].text_frame
        body.clear()
        for i, line in enumerate(lines):
            para = body.paragraphs[0] if i == 0 else body.add_paragraph()
            para.text = line
            para.font.size = Pt(20)

    s = prs.slides.add_slide(title_layout)
    s.shapes.title.text = tr(f"第 {lesson} 课 · {LESSONS[lesson][0]}", f"Lesson {lesson} · {LESSONS[lesson][1]}", lang)
    s.placeholders[1].text = tr(f"90 分钟 · 种子 {p.seeds}", f"90 minutes · seeds {p.seeds}", lang)
    bullets(tr("学习目标", "Learning outcomes", lang), [tr(zh, en, lang) for zh, en in p.outcomes])
    for sl in p.slides:
        lines = sl.bullets_zh if lang == "zh" else sl.bullets_en
        if lines:
            bullets(tr(sl.title_zh, sl.title_en, lang), lines)
        for caption, item in slide_figure(sl.figure, lang=lang):
            slide = prs.slides.add_slide(blank_title)
            slide.shapes.title.text = tr(sl.title_zh, sl.title_en, lang) + (f" · {caption}" if caption else "")
            top, width = Emu(1400000), prs.slide_width - Emu(1200000)
            if isinstance(item, pd.DataFrame):
                rows, cols = item.shape[0] + 1, item.shape[1]
                shape = slide.shapes.add_table(rows, cols, Emu(600000), top, width, Emu(400000 * rows)).table
                for j, c in enumerate(item.columns):
                    shape.cell(0, j).text = str(c)
                for i, r in enumerate(item.itertuples(index=False), start=1):
                    for j, v in enumerate(r):
                        shape.cell(i, j).text = f"{v:g}" if isinstance(v, float) else str(v)
            else:
                pic = slide.shapes.add_picture(io.BytesIO(_png(item)), Emu(600000), top)
                scale = min(width / pic.width, (prs.slide_height - top - Emu(300000)) / pic.height, 1.0)
                pic.width, pic.height = int(pic.width * scale), int(pic.height * scale)
                pic.left = int((prs.slide_width - pic.width) / 2)
    bullets(tr("练习", "Exercises", lang), [f"{lesson}.{k[1:]} {prompt(lesson, k, lang)}" for k in exercises(lesson)])
    bullets(tr("讨论题", "Discussion", lang), open_questions(lesson, lang)["question"].tolist())
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


# ----------------------------------------------------------------- handouts
def lesson_handout(lesson: int, *, lang: str = "zh", notebooks: str | Path | None = None,
                   timeout: int = 600) -> str:
    """The lesson executed in ``lang`` and exported as HTML with every code cell hidden."""
    from jupyter_client.manager import AsyncKernelManager
    from nbclient import NotebookClient
    from nbconvert import HTMLExporter

    from ..viz import strip_remote_resources

    check_lang(lang)
    nb = lesson_notebook(lesson, lang=lang, notebooks=notebooks)  # prose, headings and LANG in one language
    with tempfile.TemporaryDirectory() as tmp:
        # IPC sockets in the temp directory: handouts built side by side never clash on TCP ports
        km = AsyncKernelManager(kernel_name="python3", transport="ipc", ip=os.path.join(tmp, "k"))
        NotebookClient(nb, km=km, timeout=timeout, kernel_name="python3",
                       resources={"metadata": {"path": tmp}}).execute()
    nb.cells = [c for c in nb.cells  # no parameters cell in a handout
                if not (c.cell_type == "code" and "parameters" in c.metadata.get("tags", []))]
    for c in nb.cells:  # widgets render nothing once saved: drop their views, keep the question text
        if c.cell_type == "code":
            c.outputs = [o for o in c.outputs
                         if not (o.get("output_type") == "stream" and o.get("name") == "stderr")
                         and "application/vnd.jupyter.widget-view+json" not in o.get("data", {})]
    nb.metadata.pop("widgets", None)
    exporter = HTMLExporter(template_name="lab", exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True, embed_images=True)
    body, _ = exporter.from_notebook_node(nb)
    body = body.replace('<html lang="en">', f'<html lang="{"zh-CN" if lang == "zh" else "en"}">', 1)
    body = body.replace("</head>", _HANDOUT_CSS + "</head>", 1)
    return strip_remote_resources(body)


# tables read left to right on paper: text columns left-aligned, cells aligned at the top, the
# lesson's own (markdown) tables at the margin like the others
_HANDOUT_CSS = ("<style>:not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon td,"
                ":not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon th{text-align:left;vertical-align:top}"
                ".jp-RenderedMarkdown table{margin-left:0}</style>")


# ----------------------------------------------------------------- the pack
def build_pack(out: str | Path, *, lang: str = "zh", execute: bool = True,
               lessons: Iterable[int] | None = None, notebooks: str | Path | None = None) -> list[Path]:
    """Write the teacher's pack into ``out``; returns the files written."""
    check_lang(lang)
    out = Path(out)
    chosen = sorted(PLANS) if lessons is None else [plan(n).lesson for n in lessons]
    (out / "slides").mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def text(path: Path, content: str) -> None:
        atomic_write_text(path, content)
        written.append(path)

    text(out / "syllabus.html", syllabus_page(lang=lang))
    syl = syllabus(lang=lang)
    syl = syl[syl["lesson"].isin(chosen)]
    text(out / "syllabus.csv", "\ufeff" + syl.to_csv(index=False))
    key = answer_key(lang=lang)
    key = key[key["lesson"].isin(chosen)]
    buf = io.StringIO()
    key.to_csv(buf, index=False, quoting=csv.QUOTE_NONNUMERIC)
    text(out / "answer_key.csv", "\ufeff" + buf.getvalue())
    nb_paths = write_lesson_notebooks(out / "notebooks", lang=lang, lessons=chosen, notebooks=notebooks)
    written += nb_paths
    links = []
    for n in chosen:
        text(out / f"lesson_{n:02d}.html", lesson_page(n, lang=lang))
        path = out / "slides" / f"lesson_{n:02d}.pptx"
        atomic_write_bytes(path, lesson_slides(n, lang=lang))
        written.append(path)
        item = (f"<li><a href='lesson_{n:02d}.html'>{html.escape(tr(f'第 {n} 课 · {LESSONS[n][0]}', f'Lesson {n} · {LESSONS[n][1]}', lang))}</a>"
                f" · <a href='slides/lesson_{n:02d}.pptx'>{html.escape(tr('幻灯片', 'slides', lang))}</a>"
                f" · <a href='notebooks/{plan(n).notebook}.ipynb'>{html.escape(tr('笔记本', 'notebook', lang))}</a>")
        if execute:
            (out / "handouts").mkdir(exist_ok=True)
            hpath = out / "handouts" / f"{plan(n).notebook}.html"
            text(hpath, lesson_handout(n, lang=lang, notebooks=notebooks))
            item += f" · <a href='handouts/{hpath.name}'>{html.escape(tr('讲义', 'handout', lang))}</a>"
        links.append(item + "</li>")
    title = tr("教师包", "Teacher's pack", lang)
    body = (f"<h1>{html.escape(title)}</h1><p><a href='syllabus.html'>{html.escape(tr('教学大纲', 'Syllabus', lang))}"
            f"</a> · <a href='answer_key.csv'>{html.escape(tr('答案(CSV)', 'answer key (CSV)', lang))}</a></p>"
            f"<ol>{''.join(links)}</ol>")
    text(out / "index.html", _page(title, body, lang))
    atomic_write_text(out / "pack.json", json.dumps({"lang": lang, "lessons": chosen,
                                                     "files": [str(p.relative_to(out)) for p in written]},
                                                    ensure_ascii=False, indent=1))
    return written
