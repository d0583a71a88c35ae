"""Layers of the reporting tree: breadth first, pointer jumping for very deep orgs, cycles
found either way; spans_layers' tables built on first use give the same figures (issue 14)."""

from __future__ import annotations

import numpy as np
import pytest

from orglib._core import Org, OrgInputError, depths
from orglib._core.tree import BFS_LAYERS
from orglib.analysis import spans_layers


def _walk(parent: np.ndarray) -> list[int]:
    """The obvious walk up each row's chain of managers."""
    out = []
    for i in range(len(parent)):
        d, j = 0, parent[i]
        while j >= 0:
            d, j = d + 1, parent[j]
        out.append(d)
    return out


def _random_forest(rng: np.random.Generator, n: int) -> np.ndarray:
    order = rng.permutation(n)
    parent = np.full(n, -1)
    for k in range(1, n):
        if rng.random() < 0.95:
            parent[order[k]] = order[rng.integers(max(0, k - 5), k)]  # chains and bushes
    return parent


def test_depths_equal_the_walk_up_on_random_forests():
    rng = np.random.default_rng(7)
    for _ in range(50):
        parent = _random_forest(rng, int(rng.integers(1, 400)))
        assert depths(parent).tolist() == _walk(parent)


def test_an_org_deeper_than_the_breadth_first_limit():
    n = BFS_LAYERS * 2 + 3
    chain = np.arange(-1, n - 1)  # row i reports to row i-1
    perm = np.random.default_rng(1).permutation(n)
    inv = np.argsort(perm)
    shuffled = np.where(chain[perm] >= 0, inv[np.maximum(chain[perm], 0)], -1)
    got = depths(shuffled)
    assert got.max() == n - 1
    assert got.tolist() == _walk(shuffled)


@pytest.mark.parametrize("parent", [[1, 0], [-1, 2, 3, 1], [-1, 0, 3, 2, 2]])
def test_cycles_are_found(parent):
    with pytest.raises(OrgInputError, match="cycle"):
        depths(np.array(parent))


def test_a_cycle_below_a_chain_deeper_than_the_limit():
    n = BFS_LAYERS + 10
    parent = np.arange(-1, n - 1)
    parent = np.append(parent, [n + 1, n])  # two posts reporting to each other
    with pytest.raises(OrgInputError, match="cycle"):
        depths(parent)


def test_managers_and_flags_tables_are_built_on_first_use_with_the_same_rows():
    org = Org.from_records([
        {"id": "d", "title": "总监"},
        {"id": "e1", "title": "专员", "reports_to": "b"},
        {"id": "a", "title": "经理A", "reports_to": "d"},
        {"id": "b", "title": "主管", "reports_to": "a", "headcount": 2},
        {"id": "c", "title": "经理C", "reports_to": "d"},
        {"id": "e2", "title": "专员", "reports_to": "c", "headcount": 0},
    ])
    sl = spans_layers(org, target=1.5)
    assert "managers" not in sl.__dict__  # not built yet
    assert sl.managers[["id", "layer", "span", "band"]].values.tolist() == [
        ["d", 1, 2.0, "2-3"], ["a", 2, 2.0, "2-3"], ["c", 2, 0.0, "1"], ["b", 3, 0.5, "1"]]
    assert sl.managers["id"].dtype == object
    flags = sl.flags.groupby("flag")["id"].apply(list).to_dict()
    assert flags == {"above_target": ["d", "a"], "micro_team": ["d", "a"], "one_over_one": ["c", "b"]}
    assert sl.summary["median_span"] == 0.5 and sl.summary["mean_span"] == 1.0  # 0, .5, .5, 2, 2
