"""The lessons in one language: ``lesson_notebook`` / ``orglib teach notebooks``.

The checks here do not use the splitter's own rule (Han characters against Latin words): they look
at the result the way a reader would — an English lesson shows Chinese only as a glossary term
(in parentheses, or a name followed by its English gloss), a Chinese lesson has no run of English
words outside parentheses and code — so a paragraph left in the other language fails them.
"""

from __future__ import annotations

import ast
import contextlib
import io
import json
import re
from pathlib import Path

import nbformat
import pytest

from orglib._core.errors import OrgInputError
from orglib.cli._main import main
from orglib.teaching import (
    LESSONS,
    PARAMETER_TEXT_EN,
    PLANS,
    block_language,
    lesson_notebook,
    lesson_source,
    markdown_in,
    write_lesson_notebooks,
)

ROOT = Path(__file__).resolve().parents[1]
HAN = re.compile(r"[\u3400-\u9fff]")
PARENS = re.compile(r"\([^()\uff08\uff09]*\)|\uff08[^()\uff08\uff09]*\uff09")
# a Chinese name glossed in English right after it: 北钢医院 (Beigang hospital), 关联保持 (Retention)
GLOSSED = re.compile(r"[\u3400-\u9fff]+\s*\([A-Za-z][^()]*\)")
EN_RUN = re.compile(r"[A-Za-z][A-Za-z'’\-]*(?:[ ,;:]+[A-Za-z][A-Za-z'’\-]*){3,}")
CASES = [(n, lang) for n in sorted(PLANS) for lang in ("zh", "en")]


def _no_asides(text: str) -> str:
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    while PARENS.search(text):
        text = PARENS.sub(" ", text)
    return text


def _chinese_left_in_english(text: str) -> list[str]:
    """Han characters an English reader would meet outside a glossary term."""
    return HAN.findall(_no_asides(GLOSSED.sub(" ", text)))


def _english_runs_in_chinese(text: str) -> list[str]:
    """Runs of four or more English words a Chinese reader would meet outside asides and code."""
    return EN_RUN.findall(_no_asides(text))


def _paragraphs(nb) -> list[str]:
    return [p for c in nb.cells if c.cell_type == "markdown" for p in re.split(r"\n\s*\n", c.source) if p.strip()]


@pytest.mark.parametrize(("lesson", "lang"), CASES, ids=[f"{n}-{lang}" for n, lang in CASES])
def test_lesson_prose_is_in_one_language(lesson, lang):
    nb = lesson_notebook(lesson, lang=lang)
    paras = _paragraphs(nb)
    assert len(paras) >= 8
    title = nb.cells[0].source.splitlines()[0]
    assert title == (f"# 第 {lesson} 课 · {LESSONS[lesson][0]}" if lang == "zh"
                     else f"# Lesson {lesson} · {LESSONS[lesson][1]}")
    for p in paras:
        if lang == "en":
            assert not _chinese_left_in_english(p), f"Chinese left in the English lesson: {p[:120]!r}"
        else:
            assert not _english_runs_in_chinese(p), f"English left in the Chinese lesson: {p[:120]!r}"
            assert HAN.search(p) or not re.search(r"[A-Za-z]{2}", _no_asides(p)), p[:120]
    headings = [line for p in paras for line in p.splitlines() if line.startswith("#")]
    assert len(headings) >= 4
    for h in headings:
        assert bool(HAN.search(_no_asides(h))) == (lang == "zh"), h
        assert " · " not in h[h.find(" ", 3):] or h.startswith("# ")  # no "中文 · English" left


@pytest.mark.parametrize("lesson", sorted(PLANS))
def test_every_paragraph_has_its_other_language(lesson):
    """Nothing is lost in one language: each source cell gives as many paragraphs in zh as in en."""
    source = nbformat.read(lesson_source(lesson), as_version=4)
    for cell in source.cells:
        if cell.cell_type != "markdown":
            continue
        zh, en = markdown_in(cell.source, "zh"), markdown_in(cell.source, "en")
        n_zh, n_en = len(re.split(r"\n\s*\n", zh)), len(re.split(r"\n\s*\n", en))
        assert n_zh == n_en, f"{lesson}: {cell.source[:80]!r}"


@pytest.mark.parametrize(("lesson", "lang"), CASES, ids=[f"{n}-{lang}" for n, lang in CASES])
def test_parameters_and_code_in_the_chosen_language(lesson, lang):
    nb = lesson_notebook(lesson, lang=lang)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    params = [c for c in code if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1
    tree = ast.parse(params[0].source)
    values = {n.target.id: ast.literal_eval(n.value) for n in tree.body if isinstance(n, ast.AnnAssign)}
    assert values["LANG"] == lang
    assert all(not c.outputs and c.execution_count is None for c in code)
    assert not any("NBVAL_CHECK_OUTPUT" in c.source for c in code)  # test hooks stay in the source
    for c in code:
        for line in c.source.splitlines():
            if "#" in line and line.split("#", 1)[1].strip():
                comment = line.split("#", 1)[1]
                if lang == "en":
                    assert not _chinese_left_in_english(comment), line
                elif " / " in comment:
                    assert HAN.search(comment), line
    if lang == "en":  # only Chinese data with its English beside it (FUNCTIONS' name / name_en)
        for node in ast.walk(tree):
            if isinstance(node, ast.Dict):
                d = {ast.literal_eval(k): v for k, v in zip(node.keys, node.values, strict=True)
                     if isinstance(k, ast.Constant)}
                for key, v in d.items():
                    if isinstance(v, ast.Constant) and isinstance(v.value, str) and HAN.search(v.value):
                        assert key == "name" and "name_en" in d, (lesson, key, v.value)
            elif (isinstance(node, ast.AnnAssign) and isinstance(node.value, ast.Constant)
                  and isinstance(node.value.value, str)):
                assert not HAN.search(node.value.value), (lesson, node.target.id)


def test_english_parameter_texts_match_the_source():
    for lesson, texts in PARAMETER_TEXT_EN.items():
        source = nbformat.read(lesson_source(lesson), as_version=4)
        params = next(c for c in source.cells if "parameters" in c.metadata.get("tags", []))
        literals = {n.value for n in ast.walk(ast.parse(params.source))
                    if isinstance(n, ast.Constant) and isinstance(n.value, str)}
        assert set(texts) <= literals, set(texts) - literals
        assert all(not HAN.search(en) for en in texts.values())
    nb = lesson_notebook(7, lang="en")
    params = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    assert 'STUDENT: str = "Student A"' in params.source and "学生甲" not in params.source
    assert '"name_en": "Planning"' in params.source  # the design data itself is unchanged


def test_splitter_rules():
    assert block_language("市场部是公司的情报机构。") == "zh"
    assert block_language("The seed's 关联保持 (Retention) is an alias of Relevance.") == "en"
    assert block_language("| 1 | 2 |\n|---|---|") == "both"
    text = "## 2. 进一步的变体:按区域 / 按产品线分权 · A further variant: by region\n\n中文段落。\n\nAn English paragraph."
    assert markdown_in(text, "zh") == "## 2. 进一步的变体:按区域 / 按产品线分权\n\n中文段落。"
    assert markdown_in(text, "en") == "## 2. A further variant: by region\n\nAn English paragraph."
    assert markdown_in("# 第 2 课 · 从 4P 到 4C — Lesson 2 · From 4P to 4C", "en") == "# Lesson 2 · From 4P to 4C"


@pytest.mark.parametrize("bad", [
    "市场部是公司的情报机构,也是参谋机构。\nThe department is the company's intelligence unit, and its staff.",
    "**指标与要素的对应是本课的分类。** **The mapping of KPIs to the elements is our classification here.**",
    "## 练习 Exercises",
])
def test_a_mixed_paragraph_is_an_error_not_a_guess(bad, tmp_path):
    with pytest.raises(OrgInputError) as err:
        markdown_in(bad, "en", where="x.ipynb")
    assert "x.ipynb" in err.value.text("en") and "x.ipynb" in err.value.text("zh")
    # and a lesson written that way does not build
    src = nbformat.read(lesson_source(1), as_version=4)
    src.cells[3].source += "\n\n" + bad
    nbformat.write(src, tmp_path / lesson_source(1).name)
    with pytest.raises(OrgInputError):
        lesson_notebook(1, lang="zh", notebooks=tmp_path)


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def test_cli_teach_notebooks(tmp_path):
    code, stdout, _ = _run("teach", "notebooks", "--lang", "en", "--out", str(tmp_path), "--lesson", "2",
                           "--lesson", "5")
    assert code == 0
    paths = [Path(p) for p in stdout.split()]
    assert [p.name for p in paths] == ["02_4p_4c_4r.ipynb", "05_design_principles_and_kpis.ipynb"]
    nb = json.loads(paths[0].read_text(encoding="utf-8"))
    assert nb["metadata"]["orglib"] == {"lesson": 2, "lang": "en", "source": "notebooks/teaching/02_4p_4c_4r.ipynb"}
    text = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    assert "Three frameworks" in text and "三个理论" not in text
    code, _, err = _run("teach", "notebooks", "--out", str(tmp_path / "x"), "--lesson", "9")
    assert code != 0 and "Traceback" not in err and "1–7" in err
    assert not (tmp_path / "x").exists() or not any((tmp_path / "x").iterdir())


def test_write_all_lessons_both_languages(tmp_path):
    for lang in ("zh", "en"):
        paths = write_lesson_notebooks(tmp_path / lang, lang=lang)
        assert [p.name for p in paths] == [f"{PLANS[n].notebook}.ipynb" for n in sorted(PLANS)]
        for p in paths:
            nbformat.validate(nbformat.read(p, as_version=4))


def _visible_text(page: str) -> list[str]:
    """The text a reader sees, one block (paragraph, heading, table cell) per item."""
    import html as html_lib

    page = re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r"data:image/[^\"']+", " ", page)
    page = re.sub(r"</?(?:strong|em|b|i|code|a|span|sub|sup)\b[^>]*>", "", page)  # inline: same block
    text = html_lib.unescape(re.sub(r"<[^>]+>", "\n", page))
    return [line.strip() for line in text.splitlines() if line.strip()]


@pytest.mark.notebook
@pytest.mark.slow
def test_english_lessons_render_without_chinese_prose(tmp_path):
    """All seven lessons run in English (real kernels) and render to HTML with no Chinese where
    English exists: glossary terms in parentheses are the only Chinese left."""
    code, stdout, _ = _run("teach", "notebooks", "--lang", "en", "--html", "--out", str(tmp_path))
    assert code == 0
    pages = sorted(Path(p) for p in stdout.split() if p.endswith(".html"))
    assert len(pages) == len(PLANS)
    for page in pages:
        html_text = page.read_text(encoding="utf-8")
        assert '<html lang="en">' in html_text and "import pandas" not in html_text
        blocks = _visible_text(html_text)
        assert len(blocks) > 60, page.name
        left = [b for b in blocks if _chinese_left_in_english(b)]
        assert not left, f"{page.name}: {left[:5]}"
    capstone = (tmp_path / "07_capstone_design_a_department.html").read_text(encoding="utf-8")
    assert "Student A" in capstone and "学生甲" not in capstone  # the grading CSV in English too
