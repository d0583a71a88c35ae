"""nbval over the teaching notebooks, in both languages, and the explorer notebook (real kernels).

Lessons are stored without outputs. Each lesson has one cell marked ``# NBVAL_CHECK_OUTPUT``
whose expected output lives in tests/notebook_figures.json under ``teaching/<stem>``; the
nbval run works on temporary copies with those outputs put back (so nbval compares them),
once with ``LANG = "zh"`` and once with ``LANG = "en"``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted((ROOT / "notebooks" / "teaching").glob("[0-9][0-9]_*.ipynb"))
EXPLORER = ROOT / "notebooks" / "explorer.ipynb"
FIGURES = json.loads((ROOT / "tests" / "notebook_figures.json").read_text(encoding="utf-8"))
LANG_LINE = 'LANG: str = "zh"'

pytestmark = [pytest.mark.notebook, pytest.mark.slow]


def test_notebooks_exist_and_are_stripped():
    import nbformat

    paths = LESSONS + [EXPLORER]
    assert len(paths) == 8
    assert [p.name[:3] for p in LESSONS] == [f"0{i}_" for i in range(1, 8)]
    assert LESSONS[5].name.startswith("06_workflows_") and LESSONS[6].name.startswith("07_capstone_")
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
        assert len(params) == 1, f"{path.name}: one parameters cell"
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert not cell.outputs and cell.execution_count is None, f"{path.name}: outputs not stripped"


@pytest.mark.parametrize("path", LESSONS, ids=[p.stem for p in LESSONS])
def test_lessons_are_thin_and_hide_their_plumbing(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    params = code[0]
    assert "parameters" in params["metadata"].get("tags", [])
    src = "".join(params["source"])
    assert LANG_LINE in src, "language chosen by the LANG parameter"
    for line in src.splitlines():
        if line.strip() and not line.lstrip().startswith(("#", "{", "}", "]", '"')) and "=" in line:
            assert ":" in line.split("=")[0] and "#" in line, f"untyped/uncommented parameter: {line}"
    for c in code:
        assert "def " not in "".join(c["source"]), "logic belongs in orglib, not in notebooks"
    imports = code[1]
    assert "import" in "".join(imports["source"]) and "hide-input" in imports["metadata"].get("tags", [])
    checked = {c["id"] for c in code if "NBVAL_CHECK_OUTPUT" in "".join(c["source"])}
    assert checked and checked == set(FIGURES[f"teaching/{path.stem}"])
    text = "".join("".join(c["source"]) for c in nb["cells"])
    assert "show_exercises(" in text and "discussion_table(" in text


def _copy(path: Path, folder: Path, lang: str) -> Path:
    nb = json.loads(path.read_text(encoding="utf-8"))
    expected = FIGURES.get(f"teaching/{path.stem}", {})
    for c in nb["cells"]:
        if c["cell_type"] != "code":
            continue
        if "parameters" in c["metadata"].get("tags", []):
            c["source"] = "".join(c["source"]).replace(LANG_LINE, f'LANG: str = "{lang}"').splitlines(True)
        if c.get("id") in expected:
            c["outputs"] = expected[c["id"]]
            c["execution_count"] = 1  # nbval compares only cells marked as run
    out = folder / f"{path.stem}_{lang}.ipynb"
    out.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    return out


def test_nbval_teaching_both_languages_and_explorer(tmp_path):
    copies = [_copy(p, tmp_path, lang) for lang in ("zh", "en") for p in LESSONS]
    for c in copies[len(LESSONS):]:
        params = next(x for x in json.loads(c.read_text(encoding="utf-8"))["cells"] if x["cell_type"] == "code")
        assert 'LANG: str = "en"' in "".join(params["source"])
    env = dict(os.environ, MPLBACKEND="Agg", PYTHONDONTWRITEBYTECODE="1")
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval-lax", "--nbval-current-env", "--nbval-cell-timeout=300",
         "-p", "no:cacheprovider", "-q", "-o", "addopts=", *map(str, copies), str(EXPLORER)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=2400, check=False)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    assert " passed" in proc.stdout and "failed" not in proc.stdout.splitlines()[-1]
