"""Resolving managers' ids to rows (Org.parent_index / id_rows) and building an Org without
copying the table (issue 14, goal 4); a light `import orglib` (goal 6)."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from _ids_reference import _obj, _reference

from orglib._core import Org, OrgInputError, id_rows
from orglib.analysis import spans_layers

CASES = {
    "short ascii": (["E001", "E002", "E003"], ["E002", "E009", "", "E001", "E0011"]),
    "duplicates name the first row": (["a", "b", "a", "b"], ["b", "a", "c"]),
    "9-16 characters": (["E00000000001", "E00000000002", "x"],
                        ["E00000000002", "E00000000003", "x", "E000000000012345678", "E0000000000"]),
    "duplicates of long ids": (["E00000000001", "E00000000002", "E00000000001"], ["E00000000001"]),
    "longer than 16": (["department-head-001", "department-head-002"], ["department-head-002", "d"]),
    "trailing NUL is its own id": (["a", "a\x00", "b"], ["a\x00", "a", "b\x00"]),
    "chinese ids": (["经理", "主管", "E1"], ["主管", "E1", "专员"]),
    "a value in chinese, ids ascii": (["E1", "E2"], ["经理", "E2"]),
    "empty id": (["", "a"], ["", "a"]),
    "digits that look alike": (["007", "7", "07"], ["7", "07", "007", "0007"]),
}


@pytest.mark.parametrize("name", list(CASES))
def test_id_rows_matches_a_dict_walk(name):
    ids, values = CASES[name]
    assert id_rows(_obj(ids), _obj(values)).tolist() == _reference(ids, values)


def test_id_rows_on_many_random_ids_of_mixed_lengths():
    rng = np.random.default_rng(3)
    ids = [f"E{i}" for i in rng.integers(0, 10**12, 5000)] + ["E1", "E1"]  # some duplicates
    values = [ids[i] for i in rng.integers(0, len(ids), 3000)] + [f"X{i}" for i in range(50)] + [""]
    assert id_rows(_obj(ids), _obj(values)).tolist() == _reference(ids, values)


def test_parent_index_duplicate_and_unknown_managers():
    org = Org.from_records([
        {"id": "E1", "headcount": 1}, {"id": "E2", "reports_to": "E1"},
        {"id": "E1", "reports_to": "E2"},          # a duplicated id: managers name its first row
        {"id": "E3", "reports_to": "E9"},          # an unknown manager: no parent
    ])
    assert org.parent_index().tolist() == [-1, 0, 1, -1]


def test_cycle_through_packed_ids_is_still_found():
    org = Org.from_records([{"id": "E1", "reports_to": "E2"}, {"id": "E2", "reports_to": "E1"},
                            {"id": "E3"}, {"id": "E4", "reports_to": "E3"}])
    with pytest.raises(OrgInputError, match="cycle"):
        spans_layers(org)


def test_org_from_a_table_is_independent_of_it():
    """Columns are shared, not copied; changing either side leaves the other as it was."""
    table = pd.DataFrame({"id": pd.Series(["m", "e"], dtype=object),
                          "reports_to": pd.Series(["", "m"], dtype=object), "headcount": [1.0, 4.0]})
    org = Org(table)
    table.loc[0, "id"] = "changed"
    table.loc[1, "headcount"] = 9.0
    assert org.positions["id"].tolist() == ["m", "e"]
    assert org.positions["headcount"].tolist() == [1.0, 4.0]
    org.positions.loc[1, "reports_to"] = "x"
    assert table["reports_to"].tolist() == ["", "m"]
    assert spans_layers(Org(table.assign(id=["m", "e"]))).summary["max_span"] == 9.0  # the new table


def test_absent_text_fields_are_separate_columns():
    org = Org(pd.DataFrame({"id": ["a", "b"], "reports_to": ["", "a"]}))
    org.positions.loc[0, "unit"] = "u1"
    org.positions.loc[1, "region"] = "north"
    assert org.positions[["unit", "region", "level", "title_en"]].values.tolist() == [
        ["u1", "", "", ""], ["", "north", "", ""]]
    again = org.replace()
    assert again.positions[["unit", "region", "source"]].values.tolist() == [["u1", "", ""], ["", "north", ""]]


def test_org_from_a_table_with_its_own_index():
    table = pd.DataFrame({"id": ["m", "e", "f"], "reports_to": ["", "m", None],
                          "headcount": [1.0, np.nan, 2.0]}, index=[7, 3, 5])
    org = Org(table)
    assert org.positions.index.tolist() == [0, 1, 2]
    assert org.positions["reports_to"].tolist() == ["", "m", ""]
    assert org.positions["headcount"].tolist() == [1.0, 1.0, 2.0]
    assert org.parent_index().tolist() == [-1, 0, -1]


def test_nested_fields_missing_and_empty_become_none():
    org = Org.from_records([{"id": "a", "duties": {"primary": ["x"]}, "kpis": ""},
                            {"id": "b", "kpis": ["k"]}, {"id": "c", "duties": float("nan")}])
    assert org.positions["duties"].tolist() == [{"primary": ["x"]}, None, None]
    assert org.positions["kpis"].tolist() == [None, ["k"], None]


def test_import_and_help_load_no_pandas():
    code = ("import sys, orglib; from orglib.cli import build_parser; build_parser()\n"
            "print(sorted(m for m in ('pandas', 'numpy', 'networkx', 'yaml') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    help_text = subprocess.run([sys.executable, "-m", "orglib", "--help"], capture_output=True,
                               text=True, check=True).stdout
    assert "simulate" in help_text and "spans" in help_text
