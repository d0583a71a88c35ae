"""nbval over the teaching notebooks and the explorer notebook (executed in a real kernel)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ["notebooks/teaching", "notebooks/explorer.ipynb"]

pytestmark = [pytest.mark.notebook, pytest.mark.slow]


def test_notebooks_exist_and_are_stripped():
    import nbformat

    paths = sorted((ROOT / "notebooks" / "teaching").glob("*.ipynb")) + [ROOT / "notebooks" / "explorer.ipynb"]
    assert len(paths) == 6
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
        assert len(params) == 1, f"{path.name}: one parameters cell"
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert not cell.outputs and cell.execution_count is None, f"{path.name}: outputs not stripped"


def test_nbval_teaching_and_explorer(tmp_path):
    env = dict(os.environ, MPLBACKEND="Agg", PYTHONDONTWRITEBYTECODE="1")
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval-lax", "--nbval-current-env", "-p", "no:cacheprovider",
         "-q", "-o", "addopts=", *NOTEBOOKS],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800, check=False)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
