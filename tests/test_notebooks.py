"""Every notebook in notebooks/ runs top to bottom under nbval (lax; key figures checked)."""

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
        checked = "NBVAL_CHECK_OUTPUT" in "".join(c["source"])
        assert checked or not c.get("outputs"), "outputs must be stripped (except checked figures)"
        assert "def " not in "".join(c["source"]), "logic belongs in orglib, not in notebooks"


def test_nbval_passes_on_all_notebooks():
    assert NOTEBOOKS, "no notebooks found"
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval-lax",
         "--nbval-current-env", "--nbval-cell-timeout=120", "-o", "addopts=", *map(str, NOTEBOOKS)],
        cwd=ROOT / "notebooks", capture_output=True, text=True, timeout=900)
    tail = "\n".join((proc.stdout + proc.stderr).splitlines()[-30:])
    assert proc.returncode == 0, tail
