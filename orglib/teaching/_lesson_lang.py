"""The lessons in one language: per-language notebooks built from the bilingual sources.

The seven lessons in ``notebooks/teaching/`` are the single source of their prose: every
markdown cell carries a Chinese paragraph and its English one side by side, and headings read
``## 1. 三个理论 · Three frameworks`` (the lesson title ``# 第 2 课 · … — Lesson 2 · …``).
:func:`lesson_notebook` writes the lesson for one language:

* each markdown **block** (paragraph, list or table, separated by blank lines) keeps or drops by
  its script — Han characters against Latin words, outside code spans, links and parentheses, so
  an English glossary term such as "Relevance (关联)" stays English. A block with no letters
  (a formula, a rule) stays in both; a block that mixes the two (a Chinese line next to an English
  one without a blank line) is an error naming the lesson and the text, never guessed;
* a **heading** splits at the first separator (`` · ``, `` — `` or `` / ``) after which no Chinese
  remains; its ``#`` marks and section number go to both halves;
* **code comments** written ``english / 中文`` (either order) keep the chosen half;
* the **parameters cell** gets ``LANG`` set to the language and, in English, the lesson's sample
  texts in English (:data:`PARAMETER_TEXT_EN`, checked against the source by the tests);
* test-only cells (``# NBVAL_CHECK_OUTPUT``) are dropped: they print raw figures for nbval.

Outputs stay stripped: a per-language notebook is a lesson to run, not a report.

Examples
--------
>>> text = "## 1. 三个理论 · Three frameworks\\n\\n4P:麦卡锡,1960 年。\\n\\n4P: McCarthy, 1960, with Relevance (关联)."
>>> print(markdown_in(text, "en"))
## 1. Three frameworks
<BLANKLINE>
4P: McCarthy, 1960, with Relevance (关联).
>>> print(markdown_in(text, "zh"))
## 1. 三个理论
<BLANKLINE>
4P:麦卡锡,1960 年。
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from collections.abc import Iterable
from pathlib import Path

from .._core import OrgInputError, atomic_write_text, check_lang
from ._plans import PLANS, plan

__all__ = ["PARAMETER_TEXT_EN", "block_language", "lesson_notebook", "lesson_source", "markdown_in",
           "write_lesson_notebooks"]

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[A-Za-z]{2,}(?:['’][A-Za-z]+)?")  # a lone letter (n in a formula) is no word
_CODE = re.compile(r"`[^`]*`")
_LINK_URL = re.compile(r"\]\([^)]*\)")
_PARENS = re.compile(r"\([^()\uff08\uff09]*\)|\uff08[^()\uff08\uff09]*\uff09")
_GLOSSED = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+ +\([A-Za-z][^()]*\)")  # English style: 名 (Name)
_HEADING = re.compile(r"^(#{1,6}\s+)(\d+(?:\.\d+)*\.?\s+)?(.*)$")
_SEPARATORS = (" · ", " — ", " / ")
_CHECK_CELL = "NBVAL_CHECK_OUTPUT"

#: English texts for the Chinese sample values in a lesson's parameters cell (the source keeps
#: the Chinese ones): lesson → {Chinese literal: English literal}.
PARAMETER_TEXT_EN: dict[int, dict[str, str]] = {
    7: {
        "学生甲": "Student A",
        "集中式:初创期、70 人,按种子 000 的规则": "Centralized: a 70-person start-up, by seed 000's rule",
        "人少,每人兼顾多个要素": "Few people: each covers several elements",
    },
}


def _plain(text: str) -> str:
    """Text without code spans, link targets, glossed names (``北钢医院 (Beigang hospital)``) and
    parenthesised asides (glossary terms)."""
    text = _GLOSSED.sub(" ", _LINK_URL.sub("]", _CODE.sub(" ", text)))
    while True:
        stripped = _PARENS.sub(" ", text)
        if stripped == text:
            return text
        text = stripped


def _counts(text: str) -> tuple[int, int]:
    plain = _plain(text)
    return len(_HAN.findall(plain)), len(_WORD.findall(plain))


def _language(han: int, words: int) -> str | None:
    if han == 0 and words == 0:
        return "both"
    if han >= 2 * words and han:
        return "zh"
    if words >= 2 * han and words:
        return "en"
    return None


def block_language(block: str) -> str | None:
    """The language of one markdown block: ``"zh"``, ``"en"``, ``"both"`` (no letters) or ``None``
    when it mixes the two (so no one can tell which reader it is for).

    Every line must agree with the block: a Chinese line followed by its English one is two
    paragraphs, not one.

    >>> block_language("市场部是公司的情报机构。")
    'zh'
    >>> block_language("4R puts **Relevance (关联)** first.")
    'en'
    >>> block_language("n(2^(n−1)+n−1)")
    'both'
    >>> block_language("市场部是公司的情报机构。\\nThe department is the company's intelligence unit.") is None
    True
    """
    han, words = _counts(block)
    lang = _language(han, words)
    if lang in (None, "both"):
        return lang
    for line in block.splitlines():
        line_lang = _language(*_counts(line))
        if line_lang not in ("both", lang):
            return None
    return lang


def _blocks(text: str) -> list[str]:
    """Markdown blocks separated by blank lines; a heading line is a block of its own; fenced code
    stays whole."""
    blocks: list[list[str]] = [[]]
    fence = False
    for line in text.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
        if not fence and not line.strip():
            blocks.append([])
            continue
        if not fence and _HEADING.match(line):
            blocks += [[line], []]
            continue
        blocks[-1].append(line)
    return ["\n".join(b) for b in blocks if b]


def _heading_in(line: str, lang: str) -> str | None:
    marks, number, title = _HEADING.match(line).groups()
    number = number or ""
    if not _HAN.search(_plain(title)):
        return line
    for pos in sorted(i for sep in _SEPARATORS for i in _find_all(title, sep)):
        sep = next(s for s in _SEPARATORS if title.startswith(s, pos))
        zh, en = title[:pos].strip(), title[pos + len(sep):].strip()
        if en and _HAN.search(zh) and not _HAN.search(_plain(en)):
            return f"{marks}{number}{zh if lang == 'zh' else en}"
    return None


def _find_all(text: str, sub: str) -> Iterable[int]:
    start = text.find(sub)
    while start >= 0:
        yield start
        start = text.find(sub, start + 1)


def markdown_in(text: str, lang: str, *, where: str = "") -> str:
    """The markdown ``text`` with only the blocks (and heading halves) in ``lang``.

    Raises :class:`~orglib.OrgInputError` naming ``where`` and the block when a block or a heading
    mixes the two languages.
    """
    check_lang(lang)
    kept = []
    for block in _blocks(text):
        if _HEADING.match(block):
            heading = _heading_in(block, lang)
            if heading is None:
                raise _mixed(block, where, heading=True)
            kept.append(heading)
            continue
        found = block_language(block)
        if found is None:
            raise _mixed(block, where)
        if found in ("both", lang):
            kept.append(block)
    return "\n\n".join(kept)


def _mixed(block: str, where: str, *, heading: bool = False) -> OrgInputError:
    snippet = block.replace("\n", " ")[:80]
    at = f"{where}: " if where else ""
    if heading:
        return OrgInputError(
            en=f"{at}heading {snippet!r} is not '中文 · English' (separator ' · ', ' — ' or ' / ')",
            zh=f"{at}标题 {snippet!r} 不是「中文 · English」的形式(分隔符 ' · '、' — ' 或 ' / ')")
    return OrgInputError(
        en=f"{at}paragraph {snippet!r} mixes Chinese and English: put each language in its own paragraph "
           f"(a blank line between them)",
        zh=f"{at}段落 {snippet!r} 混合了中文和英文:每种语言各成一段(中间空一行)")


def _comment_in(comment: str, lang: str) -> str:
    """``# english / 中文`` → the half in ``lang`` (a comment in one language stays)."""
    body = comment[1:].strip()
    if " / " not in body:
        return comment
    left, right = body.split(" / ", 1)
    langs = (_language(*_counts(left)), _language(*_counts(right)))
    if set(langs) != {"zh", "en"}:
        return comment
    return "# " + (left if langs[0] == lang else right)


def _code_in(source: str, lang: str) -> str:
    """A code cell with its bilingual comments in ``lang`` (code itself unchanged)."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError):
        return source
    lines = source.splitlines(keepends=True)
    for tok in reversed([t for t in tokens if t.type == tokenize.COMMENT]):
        (row, col), (_, end) = tok.start, tok.end
        line = lines[row - 1]
        lines[row - 1] = line[:col] + _comment_in(tok.string, lang) + line[end:]
    return "".join(lines)


def _set_literals(source: str, values: dict[str, str], lang: str) -> str:
    """The parameters cell with ``LANG`` set to ``lang`` and string literals replaced by ``values``."""
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    edits = []
    for node in ast.walk(tree):
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.target.id == "LANG":
            edits.append((node.value, lang))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in values:
            edits.append((node, values[node.value]))
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))

    def at(row: int, col: int) -> int:  # ast columns are UTF-8 byte offsets
        return offsets[row - 1] + len(lines[row - 1].encode()[:col].decode())

    out = source
    for node, value in sorted(edits, key=lambda e: (e[0].lineno, e[0].col_offset), reverse=True):
        start, end = at(node.lineno, node.col_offset), at(node.end_lineno, node.end_col_offset)
        out = out[:start] + _quote(value) + out[end:]
    return out


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def lesson_source(lesson: int, notebooks: str | Path | None = None) -> Path:
    """The bilingual source notebook of a lesson (``notebooks/teaching/NN_<name>.ipynb``)."""
    folder = Path(notebooks) if notebooks else lesson_dir()
    path = folder / f"{plan(lesson).notebook}.ipynb"
    if not path.is_file():
        raise OrgInputError(en=f"lesson notebook not found: {path}",
                            zh=f"找不到课程笔记本:{path}")
    return path


def lesson_dir() -> Path:
    """The folder of the seven bilingual lessons: ``notebooks/teaching/`` of a checkout, which the
    wheel installs as the data-only package ``orglib.lessons`` (pyproject's ``package-dir``).

    >>> sorted(p.name for p in lesson_dir().glob("0[12]_*.ipynb"))
    ['01_what_marketing_is_for.ipynb', '02_4p_4c_4r.ipynb']
    """
    checkout = Path(__file__).resolve().parents[2] / "notebooks" / "teaching"
    if checkout.is_dir():
        return checkout
    from importlib.util import find_spec

    spec = find_spec("orglib.lessons")  # a folder of notebooks, no code: a namespace package
    return Path(next(iter(spec.submodule_search_locations))) if spec else checkout


def lesson_notebook(lesson: int, *, lang: str = "zh", notebooks: str | Path | None = None):
    """The lesson as a notebook in one language (an ``nbformat`` node, outputs stripped).

    >>> nb = lesson_notebook(2, lang="en")
    >>> nb.cells[0].source.splitlines()[0]
    '# Lesson 2 · From 4P to 4C to 4R'
    >>> [c.source.splitlines()[1] for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    ['LANG: str = "en"  # language of tables and exercises: "zh" or "en"']
    """
    import nbformat

    check_lang(lang)
    path = lesson_source(lesson, notebooks)
    nb = nbformat.read(path, as_version=4)
    where = path.name
    cells = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = markdown_in(cell.source, lang, where=where)
            if not cell.source.strip():
                continue
        elif cell.cell_type == "code":
            if _CHECK_CELL in cell.source:
                continue
            if "parameters" in cell.metadata.get("tags", []):
                cell.source = _set_literals(cell.source, PARAMETER_TEXT_EN.get(lesson, {}) if lang == "en" else {},
                                            lang)
            cell.source = _code_in(cell.source, lang)
            cell.outputs, cell.execution_count = [], None
        cells.append(cell)
    nb.cells = cells
    nb.metadata["orglib"] = {"lesson": lesson, "lang": lang, "source": f"notebooks/teaching/{path.name}"}
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def write_lesson_notebooks(out: str | Path, *, lang: str = "zh", lessons: Iterable[int] | None = None,
                           notebooks: str | Path | None = None) -> list[Path]:
    """Write ``out/NN_<name>.ipynb`` for each lesson in ``lang``; returns the paths written.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     [p.name for p in write_lesson_notebooks(d, lang="en", lessons=[4])]
    ['04_span_of_control.ipynb']
    """
    import nbformat

    check_lang(lang)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    chosen = sorted(PLANS) if lessons is None else [plan(n).lesson for n in lessons]
    written = []
    for n in chosen:
        nb = lesson_notebook(n, lang=lang, notebooks=notebooks)
        path = out / f"{plan(n).notebook}.ipynb"
        atomic_write_text(path, nbformat.writes(nb) + "\n")
        written.append(path)
    return written
