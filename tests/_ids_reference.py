"""The obvious id lookup the fast ones are held to (tests/test_model_ids.py, test_id_rows_dense.py)."""

from __future__ import annotations

import numpy as np


def _reference(ids: list[str], values: list[str]) -> list[int]:
    """The obvious dict walk: the first row of each id, -1 for anything else."""
    first: dict[str, int] = {}
    for k, v in enumerate(ids):
        first.setdefault(v, k)
    return [first.get(v, -1) for v in values]


def _obj(xs: list[str]) -> np.ndarray:
    return np.array(xs, dtype=object)
