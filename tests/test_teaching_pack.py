"""``orglib teach pack``: the teacher's pack, opened the way a teacher would open it."""

from __future__ import annotations

import contextlib
import csv
import html
import io
import json
import re

import pytest

from orglib.cli._main import main
from orglib.teaching import (
    EXERCISES,
    PLANS,
    answer,
    exercises,
    open_questions,
    prompt,
    question_html,
)


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def _slide_texts(path) -> list[str]:
    from pptx import Presentation

    prs = Presentation(str(path))
    texts = []
    for slide in prs.slides:
        parts = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if shape.has_table:
                parts += [c.text for r in shape.table.rows for c in r.cells]
        texts.append("\n".join(parts))
    return texts


def _english_runs(page: str) -> list[str]:
    page = re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r"data:image/[^\"']+", " ", page)
    page = re.sub(r"</?(?:strong|em|b|i|a|span)\b[^>]*>", "", page)
    page = re.sub(r"<code\b[^>]*>.*?</code>", " ", page, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", "\n", page))
    while re.search(r"\([^()（）]*\)|（[^()（）]*）", text):
        text = re.sub(r"\([^()（）]*\)|（[^()（）]*）", " ", text)
    return re.findall(r"[A-Za-z][A-Za-z'’\-]*(?:[ ,;:]+[A-Za-z][A-Za-z'’\-]*){3,}", text)


@pytest.mark.notebook
@pytest.mark.slow
def test_pack_zh_with_handouts(tmp_path):
    out = tmp_path / "pack"
    code, stdout, _ = _run("teach", "pack", "--lang", "zh", "--out", str(out))
    assert code == 0
    listed = stdout.split()
    assert str(out / "index.html") in listed and len(listed) == 4 + 4 * len(PLANS)
    index = (out / "index.html").read_text(encoding="utf-8")
    for n in PLANS:
        assert f"lesson_{n:02d}.html" in index and f"slides/lesson_{n:02d}.pptx" in index

    # syllabus: every lesson, 90 minutes each, mapped to course topics
    rows = list(csv.DictReader(io.StringIO((out / "syllabus.csv").read_text(encoding="utf-8-sig"))))
    assert [int(r["lesson"]) for r in rows] == list(range(1, 8))
    assert all(r["minutes"] == "90" and r["course topics"] for r in rows)
    assert "营销组合 4P" in (out / "syllabus.html").read_text(encoding="utf-8")

    # the answer key is the computed one
    key = list(csv.DictReader(io.StringIO((out / "answer_key.csv").read_text(encoding="utf-8-sig"))))
    assert len(key) == len(EXERCISES)
    for r in key:
        lesson, q = int(float(r["lesson"])), "q" + r["question"].split(".")[1]
        assert r["answer"] == answer(lesson, q, "zh")

    for n, plan in PLANS.items():
        page = (out / f"lesson_{n:02d}.html").read_text(encoding="utf-8")
        assert "学习目标" in page and "90 分钟安排" in page and f"{90 - plan.timing[-1][0]}–90" in page
        for q in open_questions(n, "zh").to_dict("records"):
            assert html.escape(q["model_answer"]) in page and html.escape(q["rubric"]) in page
        for k in exercises(n):
            assert html.escape(answer(n, k, "zh")) in page

        # slides: no code, the outcomes, every exercise as text, a picture where the plan has a figure
        texts = _slide_texts(out / "slides" / f"lesson_{n:02d}.pptx")
        joined = "\n".join(texts)
        assert len(texts) >= 5
        assert not re.search(r"\bimport \w|show_exercises|LANG\b|def ", joined)
        assert "学习目标" in joined and all(prompt(n, k, "zh") in joined for k in exercises(n))
        from pptx import Presentation

        pics = sum(1 for s in Presentation(str(out / "slides" / f"lesson_{n:02d}.pptx")).slides
                   for sh in s.shapes if sh.shape_type == 13)
        if any(s.figure and s.figure not in ("rule", "score") for s in plan.slides):
            assert pics >= 1, n

        # handouts: prose, tables and figures, every question as text, no code and no answers
        hand = (out / "handouts" / f"{plan.notebook}.html").read_text(encoding="utf-8")
        assert "import pandas" not in hand and "show_exercises" not in hand
        for k in exercises(n):
            assert question_html(n, k, "zh") in hand
            ex = EXERCISES[(n, k)]
            assert html.escape(ex.why("zh")) not in hand
        assert "data:image/png;base64" in hand or "<svg" in hand
        assert '<html lang="zh-CN">' in hand
        runs = _english_runs(hand)  # a Chinese handout has no English prose (names in parentheses aside)
        assert not runs, (plan.notebook, runs[:5])
        assert not re.search(r"<script[^>]+src=\"https?://", hand)
    manifest = json.loads((out / "pack.json").read_text(encoding="utf-8"))
    assert manifest["lang"] == "zh" and manifest["lessons"] == list(range(1, 8))


def test_pack_en_one_lesson_without_handouts(tmp_path):
    code, stdout, _ = _run("teach", "pack", "--lang", "en", "--out", str(tmp_path), "--lesson", "4",
                           "--no-handouts")
    assert code == 0
    assert not (tmp_path / "handouts").exists()
    page = (tmp_path / "lesson_04.html").read_text(encoding="utf-8")
    assert "Learning outcomes" in page and "90-minute plan" in page and "222" in page
    texts = "\n".join(_slide_texts(tmp_path / "slides" / "lesson_04.pptx"))
    assert "Learning outcomes" in texts and "学习目标" not in texts
    # the lesson to run in class, in English only
    nb = json.loads((tmp_path / "notebooks" / "04_span_of_control.ipynb").read_text(encoding="utf-8"))
    prose = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    assert prose.startswith("# Lesson 4 · Span of control") and "管理幅度" not in prose
    assert 'LANG: str = "en"' in "".join(next(c for c in nb["cells"] if c["cell_type"] == "code")["source"])
    assert "notebooks/04_span_of_control.ipynb" in (tmp_path / "index.html").read_text(encoding="utf-8")


def test_teach_without_a_subcommand_and_bad_lesson(tmp_path):
    code, out, _ = _run("teach")
    assert code == 2 and "orglib teach pack" in out
    code, _, err = _run("teach", "pack", "--out", str(tmp_path), "--lesson", "9", "--no-handouts")
    assert code != 0 and "Traceback" not in err and ("1–7" in err)


def test_handout_kernel_talks_over_ipc_sockets(monkeypatch):
    """Handouts built side by side must not race for TCP ports: the kernel uses IPC files."""
    import nbclient

    from orglib.teaching import _pack

    seen = {}

    class Spy(nbclient.NotebookClient):
        def execute(self, **kw):
            seen["transport"], seen["ip"] = self.km.transport, self.km.ip
            return self.nb

    monkeypatch.setattr(nbclient, "NotebookClient", Spy)
    html = _pack.lesson_handout(1, lang="en")
    assert seen["transport"] == "ipc"
    assert seen["ip"].endswith("/k") and "<html" in html
