"""Every notebook in notebooks/ runs top to bottom under nbval (lax; key figures checked).

Notebooks are stored in git without outputs. The figures that cells marked
``# NBVAL_CHECK_OUTPUT`` must print live in tests/notebook_figures.json; the nbval run
works on temporary copies with those outputs put back, so nbval really compares them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))

pytestmark = [pytest.mark.notebook, pytest.mark.slow]


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_is_thin_with_parameters_and_stripped(nb):
    data = json.loads(nb.read_text(encoding="utf-8"))
    code = [c for c in data["cells"] if c["cell_type"] == "code"]
    assert "parameters" in code[0]["metadata"].get("tags", [])
    for line in "".join(code[0]["source"]).splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            assert ":" in line.split("=")[0] and "#" in line, f"untyped/uncommented parameter: {line}"
    for c in code:
        assert not c.get("outputs") and c.get("execution_count") is None, "outputs must be stripped"
        assert "def " not in "".join(c["source"]), "logic belongs in orglib, not in notebooks"
    checked = {c["id"] for c in code if "NBVAL_CHECK_OUTPUT" in "".join(c["source"])}
    assert checked and checked == set(FIGURES[nb.stem]), "every checked cell has its expected figure"


FIGURES = json.loads((ROOT / "tests" / "notebook_figures.json").read_text(encoding="utf-8"))


def _with_expected_figures(nb: Path, folder: Path) -> Path:
    data = json.loads(nb.read_text(encoding="utf-8"))
    for c in data["cells"]:
        if c["cell_type"] == "code" and c.get("id") in FIGURES.get(nb.stem, {}):
            c["outputs"] = FIGURES[nb.stem][c["id"]]
            c["execution_count"] = 1  # nbval only compares cells marked as run
    out = folder / nb.name
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return out


def test_nbval_passes_on_all_notebooks(tmp_path):
    assert NOTEBOOKS, "no notebooks found"
    copies = [_with_expected_figures(nb, tmp_path) for nb in NOTEBOOKS]
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval-lax",
         "--nbval-current-env", "--nbval-cell-timeout=120", "-o", "addopts=", *map(str, copies)],
        cwd=tmp_path, capture_output=True, text=True, timeout=900)
    tail = "\n".join((proc.stdout + proc.stderr).splitlines()[-30:])
    assert proc.returncode == 0, tail
