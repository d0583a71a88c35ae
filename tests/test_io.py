"""Loaders and writers: round trips lose nothing; HR exports read as a person means them."""

from __future__ import annotations

import json
import os
import stat
import tempfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import orglib
from orglib._core import OrgInputError
from orglib._core.model import Org
from orglib.io import escape_cell

FORMATS = [".yaml", ".json", ".csv", ".xlsx"]

# printable text incl. CJK, formula-looking prefixes, quotes, commas and newlines
TEXT = st.text(
    alphabet=st.sampled_from(list("abcXYZ 012-=+@'\",;\n市场部经理主管专员()[]{}:#")),
    max_size=12,
)
EXTRA_NAMES = st.sampled_from(["姓名", "入职日期", "Employee Name", "备注", "grade"])


@st.composite
def random_orgs(draw) -> Org:
    n = draw(st.integers(1, 25))
    ids = [f"P{i:03d}" for i in range(n)]
    parents = [""] + [ids[draw(st.integers(0, i - 1))] for i in range(1, n)]
    extras = draw(st.lists(EXTRA_NAMES, unique=True, max_size=3))
    units = draw(st.lists(st.sampled_from(["mkt", "pr", "sales"]), min_size=1, max_size=3, unique=True))
    positions = []
    for i in range(n):
        rec = {
            "id": ids[i],
            "title": draw(TEXT),
            "title_en": draw(TEXT),
            "unit": draw(st.sampled_from(units + [""])),
            "reports_to": parents[i],
            "headcount": draw(st.sampled_from([0, 1, 2, 3, 0.5, 12])),
            "cost": draw(st.sampled_from([np.nan, 100000.0, 2.5e5, 0.0])),
            "region": draw(TEXT),
        }
        if draw(st.booleans()):
            rec["duties"] = {"primary": [draw(TEXT)], "assisting": [{"text": draw(TEXT),
                                                                     "roles": ["role.pr"]}]}
        if draw(st.booleans()):
            rec["kpis"] = [draw(TEXT) for _ in range(draw(st.integers(0, 2)))] or None
        if draw(st.booleans()):
            rec["requirements"] = {"education": draw(TEXT), "age": "25岁以上"}
        for col in extras:
            rec[col] = draw(TEXT)
        positions.append(rec)
    unit_rows = [{"id": u, "name": u.upper(), "name_en": draw(TEXT), "functions": ["4P.promotion"]}
                 for u in units]
    links = []
    if n >= 2 and draw(st.booleans()):
        links.append({"from": ids[1], "to": ids[0], "kind": "assists", "label": draw(TEXT)})
    workflows = []
    if draw(st.booleans()):
        workflows = [{"workflow": "SC-001", "name": draw(TEXT), "step": s + 1, "role": ids[s % n],
                      "action": draw(TEXT), "approves": draw(st.booleans()), "duration_days": 1.5}
                     for s in range(draw(st.integers(1, 3)))]
    meta = {"id": "rand", "name": draw(TEXT), "tags": ["x", "y"]}
    return Org.from_records(positions, unit_rows, links, workflows, meta)


@pytest.mark.parametrize("suffix", FORMATS)
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(org=random_orgs())
def test_round_trip_every_format(suffix, org):
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / f"org{suffix}"
        orglib.save(org, path)
        back = orglib.load(path, validate=False)
        assert back.canonical() == org.canonical()
        assert set(back.extra_columns) >= set(org.extra_columns) - {
            c for c in org.extra_columns if (org.positions[c] == "").all()}


def test_round_trip_chain_through_all_formats(tmp_path):
    org = Org.from_records(
        [{"id": "007", "title": "=SUM(A1)", "headcount": 1, "工号备注": "-5"},
         {"id": "008", "title": "专员", "reports_to": "007", "headcount": 6, "工号备注": "@x"}],
        meta={"name": "链"})
    current = org
    for suffix in FORMATS + [".yaml"]:
        p = tmp_path / f"o{suffix}"
        orglib.save(current, p)
        current = orglib.load(p)
    assert current.canonical() == org.canonical()
    assert current.positions["id"].tolist() == ["007", "008"]


def test_formula_cells_escaped_in_xlsx(tmp_path):
    import openpyxl

    org = Org.from_records([{"id": "a", "title": "=HYPERLINK(\"http://x\")", "note": "+1"}])
    orglib.save(org, tmp_path / "f.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "f.xlsx")["positions"]
    values = [c.value for c in ws[2]]
    assert "'=HYPERLINK(\"http://x\")" in values and "'+1" in values
    assert all(c.data_type != "f" for c in ws[2])


def test_escape_cell_rules():
    assert escape_cell("-3") == "'-3"
    assert escape_cell("'=x") == "''=x"
    assert escape_cell("市场") == "市场"


def test_hr_export_gb18030_chinese_aliases_extra_columns_survive(tmp_path):
    text = "工号,姓名,岗位,部门,直接上级,入职日期\n0001,王总,市场总监,市场部,,2019-01-01\n" \
           "0002,李四,区域经理,市场部,0001,2020-05-01\n0003,张三,客户经理,市场部,区域经理,2021-03-09\n"
    src = tmp_path / "hr.csv"
    src.write_bytes(text.encode("gb18030"))
    org = orglib.load(src)
    assert org.positions["id"].tolist() == ["0001", "0002", "0003"]
    assert org.positions["reports_to"].tolist() == ["", "0001", "0002"]
    assert org.extra_columns == ["姓名", "入职日期"]
    assert org.headcount_total == 3
    out = tmp_path / "hr.xlsx"
    orglib.save(org, out)
    back = orglib.load(out)
    assert back.positions["入职日期"].tolist() == ["2019-01-01", "2020-05-01", "2021-03-09"]
    assert back.positions["姓名"].tolist() == ["王总", "李四", "张三"]


def test_utf8_bom_and_english_aliases(tmp_path):
    src = tmp_path / "hr.csv"
    src.write_bytes("\ufeffEmployee ID,Job Title,Manager ID,FTE,Department\nA1,CMO,,1,Mkt\n"
                    "A2,Analyst,A1,0.5,Mkt\n".encode())
    org = orglib.load(src)
    assert org.positions[["id", "title", "reports_to"]].values.tolist() == [
        ["A1", "CMO", ""], ["A2", "Analyst", "A1"]]
    assert org.positions["headcount"].tolist() == [1.0, 0.5]


def test_explicit_mapping(tmp_path):
    src = tmp_path / "hr.csv"
    src.write_text("EmpNo,Boss,Seats,Job,Org\n1,,1,CMO,M\n2,1,3,PR,M\n", encoding="utf-8")
    org = orglib.load(src, mapping={"id": "EmpNo", "reports_to": "Boss", "headcount": "Seats",
                                    "title": "Job", "unit": "Org"})
    assert org.positions["headcount"].tolist() == [1.0, 3.0]
    assert org.positions["unit"].tolist() == ["M", "M"]
    assert org.extra_columns == []


def test_client_xlsx_first_sheet_with_numbers_and_dates(tmp_path):
    import datetime

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "花名册"
    ws.append(["员工编号", "上级编号", "职位", "年薪", "入职"])
    ws.append([101, None, "市场部经理", 300000, datetime.datetime(2020, 1, 2)])
    ws.append([102, 101, "策划员", 120000.5, datetime.datetime(2021, 2, 3)])
    p = tmp_path / "client.xlsx"
    wb.save(p)
    org = orglib.load(p)
    assert org.positions["id"].tolist() == ["101", "102"]
    assert org.positions["reports_to"].tolist() == ["", "101"]
    assert org.positions["cost"].tolist() == [300000.0, 120000.5]
    assert org.positions["入职"].tolist() == ["2020-01-02", "2021-02-03"]


def test_titles_spelled_differently_and_direct_reports_reconciled(tmp_path):
    p = tmp_path / "jd.yaml"
    p.write_text("""
positions:
  - {id: dir, title: 市场运营总监, direct_reports: [市场拓展部经理, 招商部经理]}
  - {id: mgr, title: 市场拓展部经理, reports_to: 市场运营总监, direct_reports: [市场主管]}
  - {id: sup, title: 市场拓展部主管, reports_to: 市场部经理, headcount: 2, direct_reports: 无}
  - {id: clerk, title: 文员, reports_to: 市场运营总监}
""", encoding="utf-8")
    org = orglib.load(p)
    assert org.positions["reports_to"].tolist() == ["", "dir", "mgr", "dir"]
    codes = [(w.code, w.row) for w in org.problems]
    assert ("title_spelling", 3) in codes
    msgs = [w.message for w in org.problems if w.code == "reports_mismatch"]
    assert any("招商部经理" in m and "no post" in m for m in msgs)
    assert any("文员 (clerk) reports to 市场运营总监 (dir)" in m for m in msgs)
    assert all(w.severity == "warning" for w in org.problems)


def test_csv_sidecars_round_trip(tmp_path):
    org = Org.from_records([{"id": "a"}, {"id": "b", "reports_to": "a"}],
                           units=[{"id": "u", "name": "市场部"}],
                           links=[{"from": "b", "to": "a", "kind": "assists"}],
                           workflows=[{"workflow": "W", "step": 1, "role": "a", "action": "批"}],
                           meta={"name": "x"})
    orglib.save(org, tmp_path / "o.csv")
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["o.csv", "o.links.csv", "o.meta.json", "o.units.csv", "o.workflows.csv"]
    assert json.loads((tmp_path / "o.meta.json").read_text(encoding="utf-8")) == {"name": "x"}
    assert orglib.load(tmp_path / "o.csv").equals(org)


def test_save_is_atomic_on_failure(tmp_path, monkeypatch):
    target = tmp_path / "o.yaml"
    target.write_text("positions: [{id: old}]\n", encoding="utf-8")
    org = Org.from_records([{"id": "new"}])
    import orglib.io._yaml_json as io_mod

    def boom(*a, **k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(io_mod.yaml, "safe_dump", boom)
    with pytest.raises(RuntimeError):
        orglib.save(org, target)
    assert target.read_text(encoding="utf-8") == "positions: [{id: old}]\n"
    assert [p.name for p in tmp_path.iterdir()] == ["o.yaml"]


def test_cli_convert_round_trip(tmp_path):
    import subprocess
    import sys

    src = tmp_path / "hr.csv"
    src.write_text("工号,上级,姓名\n1,,甲\n2,1,乙\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "orglib.cli", "convert", str(src), str(tmp_path / "o.xlsx")],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert orglib.load(tmp_path / "o.xlsx").positions["姓名"].tolist() == ["甲", "乙"]


def test_padded_manager_values_still_resolve_and_ids_are_not_mangled(tmp_path):
    src = tmp_path / "hr.csv"
    src.write_text("id,reports_to,姓名\n0001,,甲\n0002, 0001 ,乙\n 0003,0001,丙\n", encoding="utf-8")
    org = orglib.load(src)
    assert org.positions["id"].tolist() == ["0001", "0002", " 0003"]
    assert org.positions["reports_to"].tolist() == ["", "0001", "0001"]


def test_csv_save_is_atomic_as_a_set(tmp_path):
    """Issue 12 item 2: a sidecar that cannot be written leaves the old set untouched."""
    org = Org.from_records([{"id": "a"}, {"id": "b", "reports_to": "a"}],
                           units=[{"id": "u", "name": "市场部"}], meta={"name": "x"})
    orglib.save(org, tmp_path / "o.csv")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    (tmp_path / "o.links.csv").mkdir()  # a sidecar path that is a folder
    org2 = Org.from_records([{"id": "z"}], links=[{"from": "z", "to": "z", "kind": "assists"}],
                            meta={"name": "y"})
    with pytest.raises(OrgInputError, match="o.links.csv"):
        orglib.save(org2, tmp_path / "o.csv")
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    assert after == before


def test_saved_files_are_readable_by_others(tmp_path):
    """Issue 11 item 12: 0644 under umask 022, in every format (CSV sidecars too)."""
    old = os.umask(0o022)
    try:
        org = Org.from_records([{"id": "a"}], units=[{"id": "u", "name": "市场部"}], meta={"n": 1})
        for name in ("o.csv", "o.xlsx", "o.yaml", "o.json"):
            orglib.save(org, tmp_path / name)
    finally:
        os.umask(old)
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in tmp_path.iterdir()}
    assert set(modes) == {"o.csv", "o.units.csv", "o.meta.json", "o.xlsx", "o.yaml", "o.json"}
    assert set(modes.values()) == {0o644}


# --------------------------------------------------------------------------- issue 11: silently wrong


def test_duplicate_id_without_validation_keeps_managers_and_records_problem(tmp_path):
    src = tmp_path / "dup.csv"
    src.write_text("id,title,reports_to\n1,CEO,\n2,VP,1\n2,VP2,1\n3,Mgr,2\n4,E,3\n", encoding="utf-8")
    org = orglib.load(src, validate=False)
    ids = org.positions["id"].tolist()
    parents = [ids[p] if p >= 0 else "" for p in org.parent_index()]
    assert parents == ["", "1", "1", "2", "3"]  # 4 reports to 3, not to the row before it
    assert [p.code for p in org.problems] == ["duplicate_id"]
    assert org.problems[0].row == 4


def test_manager_resolution_does_not_depend_on_row_order(tmp_path):
    rows = ["1,CEO,", "2,VP,1", "2,VP2,1", "3,Mgr,2", "4,E,3", "5,F,4"]
    a = tmp_path / "a.csv"
    b = tmp_path / "b.csv"
    a.write_text("id,title,reports_to\n" + "\n".join(rows) + "\n", encoding="utf-8")
    b.write_text("id,title,reports_to\n" + "\n".join(rows[::-1][:-1] + [rows[0]]) + "\n", encoding="utf-8")

    def edges(org):
        ids = org.positions["id"].tolist()
        return sorted((i, ids[p] if p >= 0 else "") for i, p in zip(ids, org.parent_index(), strict=True))

    assert edges(orglib.load(a, validate=False)) == edges(orglib.load(b, validate=False))


def test_nested_json_tree_is_read_as_posts_not_one_cell(tmp_path):
    src = tmp_path / "tree.json"
    src.write_text(json.dumps([{"employeeID": "1", "JobTitle": "CEO", "childOrgs": [
        {"employeeID": "2", "JobTitle": "VP", "childOrgs": [{"employeeID": "3", "JobTitle": "Analyst"}]},
        {"employeeID": "4", "JobTitle": "CFO"}]}]), encoding="utf-8")
    org = orglib.load(src)
    assert org.positions[["id", "title", "reports_to"]].values.tolist() == [
        ["1", "CEO", ""], ["2", "VP", "1"], ["3", "Analyst", "2"], ["4", "CFO", "1"]]
    assert org.headcount_total == 4
    assert "nested_tree" in [p.code for p in org.problems]


@pytest.mark.parametrize("key", ["children", "childOrgs", "subordinates", "items"])
def test_nested_tree_child_keys(tmp_path, key):
    src = tmp_path / "t.json"
    src.write_text(json.dumps({"id": "a", "title": "总监", key: [{"id": "b", "title": "经理"}]}),
                   encoding="utf-8")
    assert orglib.load(src).positions["reports_to"].tolist() == ["", "a"]


def test_deep_nested_tree_needs_no_recursion(tmp_path):
    depth = 300  # json's own parser stops near 500 levels; the flattening itself has no limit
    text = "".join(f'{{"id": "n{k}", "children": [' for k in range(depth)) + "]}" * depth
    src = tmp_path / "deep.json"
    src.write_text(text, encoding="utf-8")
    org = orglib.load(src, validate=False)
    assert len(org.positions) == depth and org.positions["reports_to"].iat[-1] == f"n{depth - 2}"


def test_structure_not_understood_is_an_error_not_one_post(tmp_path):
    src = tmp_path / "odd.json"
    src.write_text(json.dumps([{"id": "1", "team": [{"id": "2"}, {"id": "3"}]}]), encoding="utf-8")
    with pytest.raises(orglib.OrgValidationError) as exc:
        orglib.load(src)
    assert exc.value.codes() == ["not_understood"]
    assert "children" in str(exc.value)
