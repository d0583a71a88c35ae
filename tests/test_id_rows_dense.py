"""The dense numbered-id lookup behind Org.parent_index (ids ``E0000001``…: one prefix and
a fixed number of digits, looked up by index in an array, issue 14 goal 4) gives what a
dict walk gives, whatever the ids and managers look like."""

from __future__ import annotations

import numpy as np
from _ids_reference import _obj, _reference
from hypothesis import given, settings
from hypothesis import strategies as st

from orglib._core import id_rows
from orglib._core.model import _id_rows_dense

# ids that take the dense path, and texts close to them that must not match by accident
_PREFIX = st.sampled_from(["E", "", "EMP-", "0", "e", "经"])
_ODD = st.sampled_from(["", "E", "E0", "E00000", "E0000000", "E00000000", "E0000001\x00", "E000000\x00",
                        "F0000001", "E000000a", "E00000/1", "E00000:1", "e0000001", "E０００００01",
                        "E000000000000000001", "E-000001", " E000001"])


@st.composite
def numbered(draw):
    prefix = draw(_PREFIX)
    digits = draw(st.integers(1, 18))
    base = draw(st.integers(0, 10 ** min(digits, 17) - 1))
    n = draw(st.integers(1, 40))
    step = draw(st.sampled_from([1, 1, 2, 7]))
    nums = [min(base + step * i, 10 ** digits - 1) for i in range(n)]
    ids = [f"{prefix}{k:0{digits}d}" for k in nums]
    ids = draw(st.permutations(ids))
    if draw(st.booleans()):  # a repeated id: its first row
        ids = list(ids) + [draw(st.sampled_from(ids))]
    if draw(st.integers(0, 4)) == 0:  # an id of another shape among them
        ids = list(ids) + [draw(_ODD | st.text(max_size=20))]
    pool = list(ids) + [f"{prefix}{k + 1:0{digits}d}" for k in nums[-3:]]  # unknown numbers
    values = draw(st.lists(st.sampled_from(pool) | _ODD | st.text(max_size=20), max_size=60))
    return list(ids), values


@settings(max_examples=400, deadline=None)
@given(numbered())
def test_numbered_ids_match_a_dict_walk(case):
    ids, values = case
    assert id_rows(_obj(ids), _obj(values)).tolist() == _reference(ids, values)
    dense = _id_rows_dense(_obj(ids), _obj(values)) if values else None
    if dense is not None:  # when the array path answers, it answers exactly
        assert dense.tolist() == _reference(ids, values)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=20), max_size=30), st.lists(st.text(max_size=20), max_size=30))
def test_any_texts_match_a_dict_walk(ids, values):
    assert id_rows(_obj(ids), _obj(values)).tolist() == _reference(ids, values)


def test_a_million_numbered_ids_use_the_array():
    rng = np.random.default_rng(0)
    label = rng.permutation(1_000_000)
    ids = _obj([f"E{i:07d}" for i in label.tolist()])
    pick = rng.integers(0, len(ids), 200_000)
    values = _obj([ids[i] for i in pick.tolist()] + ["", "E9999999", "E1000000"])
    got = _id_rows_dense(ids, values)
    assert got is not None
    assert got[:200_000].tolist() == pick.tolist()
    # E1000000 is beyond the last number (E0999999); "" and E9999999 are not ids either
    assert got[200_000:].tolist() == [-1, -1, -1]
