"""Issue 11: client files load as they are and come back as they were.

Fixtures in tests/fixtures/ are small files written for these tests in each public
format (HR/database exports, a 花名册 with a title line, UK organograms, nested trees).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import orglib
from orglib import OrgInputError, OrgValidationError
from orglib.io import ALIASES, NO_MANAGER

FIX = Path(__file__).parent / "fixtures"


def edges(org):
    ids = org.positions["id"].tolist()
    return [(i, ids[p] if p >= 0 else "") for i, p in zip(ids, org.parent_index(), strict=True)]


def codes(org):
    return [p.code for p in org.problems]


# --------------------------------------------------------------------------- 1. aliases

ALIAS_CASES = [(fld, name) for fld, names in ALIASES.items() for name in names]


@pytest.mark.parametrize(("field", "alias"), ALIAS_CASES, ids=[f"{f}:{a}" for f, a in ALIAS_CASES])
def test_every_alias_in_the_data_file_maps_its_field(tmp_path, field, alias):
    # the other two columns use names no alias has, so only `alias` can map `field`
    cols = {"id": "Xa", "title": "Xb", "reports_to": "Xc"}
    cols[field] = alias
    mapping = {f: c for f, c in cols.items() if f != field}
    values = {"id": ["1", "2"], "title": ["a", "b"], "reports_to": ["", "1"], "headcount": ["1", "2"],
              "cost": ["10", "20"]}
    header = list(dict.fromkeys(cols.values()))
    rows = [[values.get(f, ["x", "y"])[k] for f in cols if cols[f] in header] for k in range(2)]
    src = tmp_path / "a.csv"
    src.write_text("\n".join(",".join(r) for r in [header, *rows]) + "\n", encoding="utf-8")
    org = orglib.load(src, mapping=mapping, validate=False)
    assert org.meta["client_file"]["fields"][field] == alias
    assert org.positions[field].tolist()[:2] in (values.get(field), [1.0, 2.0], [10.0, 20.0], ["x", "y"])


@pytest.mark.parametrize("spelling", ["employeeID", "EmployeeId", "employee_id", "EMPLOYEE-ID", "Employee ID"])
def test_aliases_ignore_case_spaces_underscores_and_camel_humps(tmp_path, spelling):
    src = tmp_path / "a.csv"
    src.write_text(f"{spelling},reportsTo\n1,\n2,1\n", encoding="utf-8")
    assert edges(orglib.load(src)) == [("1", ""), ("2", "1")]


@pytest.mark.parametrize("header", ["EmployeeKey,ParentEmployeeKey", "ManagerID", "manager_id", "reportsTo",
                                    "ReportsTo", "parentId", "parent_id", "pid", "supervisor", "SupervisorID"])
def test_database_export_manager_columns(tmp_path, header):
    first, _, second = header.partition(",")
    id_col, mgr_col = (first, second) if second else ("id", first)
    src = tmp_path / "db.csv"
    src.write_text(f"{id_col},{mgr_col}\n1,\n2,1\n3,2\n", encoding="utf-8")
    assert edges(orglib.load(src)) == [("1", ""), ("2", "1"), ("3", "2")]


def test_camelcase_hr_export_loads_with_money_and_fractional_fte():
    org = orglib.load(FIX / "hr_camel.csv")
    assert edges(org) == [("100", ""), ("101", "100"), ("102", "100"), ("103", "101")]
    assert org.positions["cost"].tolist() == [160000.0, 48500.5, 52000.0, 38250.0]
    assert org.positions["headcount"].tolist() == [1.0, 1.0, 0.5, 0.8]
    assert org.headcount_total == pytest.approx(3.3)
    assert org.positions["unit"].tolist() == ["Marketing", "Brand", "Content", "Brand"]


# --------------------------------------------------------------------------- 2. no-manager tokens


@pytest.mark.parametrize("token", sorted(NO_MANAGER))
def test_no_manager_token(tmp_path, token):
    src = tmp_path / "t.csv"
    src.write_text(f"id,manager\nceo,{token}\nb,ceo\n", encoding="utf-8")
    org = orglib.load(src)
    assert org.roots() == ["ceo"]
    assert org.meta["client_file"]["top"] == token


def test_a_token_that_is_an_id_is_that_post(tmp_path):
    src = tmp_path / "t.csv"
    src.write_text("id,manager\nNA,\nb,NA\n", encoding="utf-8")
    assert edges(orglib.load(src)) == [("NA", ""), ("b", "NA")]


def test_no_manager_column_says_so_and_suggests_map(tmp_path):
    src = tmp_path / "t.csv"
    src.write_text("工号,姓名,岗位\n1,甲,总监\n2,乙,经理\n3,丙,专员\n", encoding="utf-8")
    with pytest.raises(OrgValidationError) as exc:
        orglib.load(src)
    assert exc.value.codes() == ["no_manager_column"]
    assert "--map reports_to=COLUMN" in str(exc.value)
    assert "posts have no manager" not in str(exc.value)


# --------------------------------------------------------------------------- 3. delimited text


@pytest.mark.parametrize(("delim", "suffix"), [(",", ".csv"), (";", ".csv"), ("|", ".txt"), ("\t", ".tsv"),
                                               ("\t", ".txt"), (";", ".txt")])
def test_delimiter_is_sniffed(tmp_path, delim, suffix):
    src = tmp_path / f"d{suffix}"
    rows = [["id", "title", "reports_to", "note"], ["1", "Head, Marketing", "", "a"], ["2", "Analyst", "1", "b"]]
    src.write_text("\n".join(delim.join(f'"{c}"' if "," in c else c for c in r) for r in rows) + "\n",
                   encoding="utf-8")
    org = orglib.load(src)
    assert org.positions["title"].tolist() == ["Head, Marketing", "Analyst"]
    assert org.positions["note"].tolist() == ["a", "b"]


def test_pipe_txt_database_export():
    org = orglib.load(FIX / "adventure_pipe.txt")
    assert edges(org) == [("1", ""), ("2", "1"), ("3", "2")]
    assert org.positions["unit"].tolist() == ["Executive", "Sales", "Sales"]


def test_tsv_chart_export():
    org = orglib.load(FIX / "chart.tsv")
    assert edges(org) == [("A", ""), ("B", "A"), ("C", "B")]
    assert org.positions["title"].tolist() == ["Director", "Manager", "Analyst"]


def test_roster_with_title_line_semicolons_gb18030_and_quoted_newline():
    org = orglib.load(FIX / "roster_gb18030.csv")
    assert org.positions["id"].tolist() == ["0001", "0002", "0003"]  # leading zeros kept
    assert edges(org) == [("0001", ""), ("0002", "0001"), ("0003", "0001")]
    assert org.positions["title"].tolist() == ["市场总监", "品牌经理", "内容\n主管"]
    assert org.positions["cost"].tolist() == [1200000.0, 360000.0, 300000.0]
    (p,) = [p for p in org.problems if p.code == "title_rows"]
    assert p.row == 3 and "市场部花名册" in p.message
    # rows are numbered as in the file (header on line 3)
    assert org.row_of("positions", 1)[1] == 5


def test_xlsx_title_row_above_header(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "花名册"
    ws.append(["市场部花名册"])
    ws.merge_cells("A1:D1")
    ws.append(["工号", "姓名", "职务", "上级工号"])
    ws.append(["001", "张三", "总监", None])
    ws.append(["002", "李四", "经理", "001"])
    wb.save(tmp_path / "r.xlsx")
    org = orglib.load(tmp_path / "r.xlsx")
    assert edges(org) == [("001", ""), ("002", "001")]
    assert "title_rows" in codes(org)
    assert org.row_of("positions", 0)[1] == 3


# --------------------------------------------------------------------------- 4. sheets


def _two_sheet_book(path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Notes"
    ws.append(["read me"])
    ws.append(["this sheet is notes"])
    ws2 = wb.create_sheet("Staff")
    ws2.append(["id", "title", "reports_to"])
    ws2.append(["a", "Head", ""])
    ws2.append(["b", "Analyst", "a"])
    ws3 = wb.create_sheet("Old staff")
    ws3.append(["id", "title", "reports_to"])
    ws3.append(["z", "Old head", ""])
    wb.save(path)


def test_sheet_by_name_and_number(tmp_path):
    _two_sheet_book(tmp_path / "b.xlsx")
    assert orglib.load(tmp_path / "b.xlsx", sheet="Staff").positions["id"].tolist() == ["a", "b"]
    assert orglib.load(tmp_path / "b.xlsx", sheet=3).positions["id"].tolist() == ["z"]
    assert orglib.load(tmp_path / "b.xlsx", sheet="2").positions["id"].tolist() == ["a", "b"]


def test_several_data_sheets_warn_naming_the_others(tmp_path):
    _two_sheet_book(tmp_path / "b.xlsx")
    org = orglib.load(tmp_path / "b.xlsx", validate=False)
    (p,) = [p for p in org.problems if p.code == "several_sheets"]
    assert "'Notes'" in p.message and "'Staff'" in p.message and "'Old staff'" in p.message


def test_unknown_sheet_number_is_an_error(tmp_path):
    _two_sheet_book(tmp_path / "b.xlsx")
    with pytest.raises(OrgInputError) as exc:
        orglib.load(tmp_path / "b.xlsx", sheet=9)
    assert "unknown_sheet" in exc.value.codes()


@pytest.mark.parametrize("command", ["validate", "spans", "show", "convert"])
def test_cli_sheet_option_on_every_reading_command(tmp_path, command):
    _two_sheet_book(tmp_path / "b.xlsx")
    args = [sys.executable, "-m", "orglib.cli", command, str(tmp_path / "b.xlsx"), "--sheet", "Staff"]
    if command == "convert":
        args.insert(5, str(tmp_path / "o.csv"))
    r = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr + r.stdout
    if command == "convert":
        assert orglib.load(tmp_path / "o.csv").positions["id"].tolist() == ["a", "b"]


# --------------------------------------------------------------------------- 5. numbers


@pytest.mark.parametrize(("text", "value"), [("160,000", 160000.0), ("£48,500.50", 48500.5), ("¥1,200", 1200.0),
                                             ("1 200", 1200.0), ("$3,000", 3000.0), ("1,200元", 1200.0),
                                             ("€12.5", 12.5)])
def test_money_as_people_write_it(tmp_path, text, value):
    src = tmp_path / "m.csv"
    src.write_text(f'id,reports_to,salary\na,,"{text}"\n', encoding="utf-8")
    assert orglib.load(src).positions["cost"].tolist() == [value]


def test_bad_money_is_reported_not_guessed(tmp_path):
    src = tmp_path / "m.csv"
    src.write_text('id,reports_to,salary\na,,"12,34,5"\n', encoding="utf-8")
    with pytest.raises(OrgValidationError) as exc:
        orglib.load(src)
    assert exc.value.codes() == ["cost_not_number"]


# --------------------------------------------------------------------------- 6. organograms


def test_uk_senior_organogram_recognised_without_options():
    org = orglib.load(FIX / "organogram-senior.csv")
    assert edges(org) == [("CEO01", ""), ("DIR01", "CEO01"), ("DD01", "DIR01")]
    assert org.positions["headcount"].tolist() == [1.0, 0.0, 0.6]  # DIR01 vacant
    assert org.positions["listed_fte"].tolist() == ["", "1.00", ""]
    assert org.positions["level"].tolist() == ["SCS3", "SCS2", "SCS1"]
    assert org.positions["Actual Pay Floor (£)"].tolist() == ["150000", "95000", "70000"]
    assert {"eliminated_posts", "vacant_posts"} <= set(codes(org))
    (p,) = [p for p in org.problems if p.code == "eliminated_posts"]
    assert p.message.startswith("1 eliminated")
    assert org.meta["client_file"]["top"] == "XX"


def test_uk_junior_file_joins_its_senior_file():
    org = orglib.load(FIX / "organogram-senior.csv", junior=FIX / "organogram-junior.csv")
    assert edges(org)[3:] == [("DD01-J1", "DD01"), ("DD01-J2", "DD01"), ("CEO01-J1", "CEO01")]
    assert org.positions["headcount"].tolist() == [1.0, 0.0, 0.6, 2.5, 4.0, 1.0]
    assert org.headcount_total == pytest.approx(9.1)
    assert org.positions["Senior/Junior"].tolist() == ["Senior"] * 3 + ["Junior"] * 3
    again = orglib.load(FIX / "organogram-senior.csv", junior=FIX / "organogram-junior.csv")
    assert again.positions["id"].tolist() == org.positions["id"].tolist()  # stable ids


def test_live_post_reporting_to_eliminated_post_is_an_error(tmp_path):
    text = (FIX / "organogram-senior.csv").read_text(encoding="utf-8").rstrip("\r\n")
    text += '\r\n"DD03","Al Ng","SCS1","Deputy Director, Web","Web","D","O","Web","","","DD02","0","1.00","0","0","","","","1"\r\n'
    (tmp_path / "s.csv").write_text(text, encoding="utf-8")
    with pytest.raises(OrgValidationError) as exc:
        orglib.load(tmp_path / "s.csv")
    assert "reports_to_eliminated" in exc.value.codes()


def test_junior_row_under_unknown_senior_post_is_an_error(tmp_path):
    text = (FIX / "organogram-junior.csv").read_text(encoding="utf-8").replace('"DD01","HEO"', '"DD99","HEO"')
    (tmp_path / "j.csv").write_text(text, encoding="utf-8")
    with pytest.raises(OrgValidationError) as exc:
        orglib.load(FIX / "organogram-senior.csv", junior=tmp_path / "j.csv")
    assert "unknown_senior_post" in exc.value.codes()


def test_junior_option_needs_a_senior_organogram():
    with pytest.raises(OrgValidationError) as exc:
        orglib.load(FIX / "chart.tsv", junior=FIX / "organogram-junior.csv")
    assert exc.value.codes() == ["junior_needs_senior"]


def test_junior_file_that_is_not_junior_is_an_error():
    with pytest.raises(OrgValidationError) as exc:
        orglib.load(FIX / "organogram-senior.csv", junior=FIX / "chart.tsv")
    assert exc.value.codes() == ["not_junior_organogram"]


def test_compiled_organogram_with_senior_junior_column(tmp_path):
    src = tmp_path / "c.csv"
    src.write_text("Post Unique Reference,Senior/Junior,Job Title,Generic Job Title,Reports to Senior Post,"
                   "Reporting Senior Post,FTE,Number of Posts in FTE\n"
                   "A,Senior,Director,,XX,,1,\nJ1,Junior,,Officer,,A,,3.5\n", encoding="utf-8")
    org = orglib.load(src)
    assert edges(org) == [("A", ""), ("J1", "A")]
    assert org.positions["headcount"].tolist() == [1.0, 3.5]
    assert org.positions["title"].tolist() == ["Director", "Officer"]


def test_cli_junior(tmp_path):
    r = subprocess.run([sys.executable, "-m", "orglib.cli", "validate", str(FIX / "organogram-senior.csv"),
                        "--junior", str(FIX / "organogram-junior.csv"), "--lang", "en"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "6 posts, 9.1 people" in r.stdout


# --------------------------------------------------------------------------- 7. several tops, head outside


def test_several_tops_error_suggests_add_root():
    with pytest.raises(OrgValidationError) as exc:
        orglib.load(FIX / "several_tops.csv")
    assert exc.value.codes() == ["multiple_roots"]
    assert "--add-root" in str(exc.value) and "add_root=" in str(exc.value)


def test_add_root_adds_one_assumed_head():
    org = orglib.load(FIX / "several_tops.csv", add_root="Marketing Director")
    assert org.roots() == ["ROOT"]
    head = org.positions.iloc[0]
    assert (head["title"], head["headcount"], head["source"]) == ("Marketing Director", 0.0, "assumed")
    assert edges(org)[1:] == [("B1", "ROOT"), ("B2", "B1"), ("C1", "ROOT"), ("C2", "C1")]
    assert org.headcount_total == 4
    assert "added_root" in codes(org)


def test_cli_add_root(tmp_path):
    r = subprocess.run([sys.executable, "-m", "orglib.cli", "validate", str(FIX / "several_tops.csv"),
                        "--add-root", "Marketing Director", "--lang", "en"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "5 posts, 4 people" in r.stdout


def test_head_reporting_outside_the_file_is_the_top_with_a_warning():
    org = orglib.load(FIX / "dept_extract.csv")
    assert org.roots() == ["S10"]
    (p,) = [p for p in org.problems if p.code == "head_outside"]
    assert "'S01'" in p.message and p.row == 2


def test_several_posts_reporting_outside_are_several_tops(tmp_path):
    src = tmp_path / "x.csv"
    src.write_text("id,reports_to\na,X1\nb,X2\nc,a\n", encoding="utf-8")
    with pytest.raises(OrgValidationError) as exc:
        orglib.load(src)
    assert set(exc.value.codes()) == {"unknown_manager"}
    org = orglib.load(src, add_root="Head")
    assert edges(org) == [("ROOT", ""), ("a", "ROOT"), ("b", "ROOT"), ("c", "a")]


# --------------------------------------------------------------------------- 8. job shares


def test_job_share_rows_merge_into_one_post():
    org = orglib.load(FIX / "job_share.csv")
    assert org.positions["id"].tolist() == ["M1", "JS1", "E1"]
    assert org.positions["headcount"].tolist() == [1.0, 1.0, 1.0]
    assert org.positions["name"].tolist() == ["Ana", "Bo; Cy", "Di"]
    (p,) = [p for p in org.problems if p.code == "job_share"]
    assert "'JS1'" in p.message and "rows 3, 4" in p.message


def test_same_id_different_title_stays_an_error_naming_both_rows(tmp_path):
    src = tmp_path / "j.csv"
    src.write_text("id,title,reports_to\nM,Dir,\nJ,Manager,M\nJ,Officer,M\n", encoding="utf-8")
    with pytest.raises(OrgValidationError) as exc:
        orglib.load(src)
    (p,) = exc.value.problems
    assert (p.code, p.row) == ("duplicate_id", 4) and "first on row 3" in p.message


# --------------------------------------------------------------------------- 9. history tables


def test_history_table_warns_and_where_filters():
    with pytest.raises(OrgValidationError) as exc:
        orglib.load(FIX / "history_scd2.csv")
    assert "history_rows" in exc.value.codes() and "duplicate_id" in exc.value.codes()
    org = orglib.load(FIX / "history_scd2.csv", where={"Status": "Current"})
    assert edges(org) == [("E1", ""), ("E2", "E1"), ("E3", "E2")]
    assert org.positions["title"].tolist() == ["CMO", "Brand Director", "Analyst"]


def test_where_unknown_column_and_no_rows_are_errors():
    with pytest.raises(OrgInputError):
        orglib.load(FIX / "history_scd2.csv", where={"Nope": "x"})
    with pytest.raises(OrgValidationError) as exc:
        orglib.load(FIX / "history_scd2.csv", where=[("Status", "Gone")])
    assert exc.value.codes() == ["where_no_rows"]


def test_cli_where_repeatable(tmp_path):
    r = subprocess.run([sys.executable, "-m", "orglib.cli", "validate", str(FIX / "history_scd2.csv"),
                        "--where", "Status=Current", "--where", "EndDate=", "--lang", "en"], capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0, r.stderr + r.stdout
    assert "3 posts" in r.stdout


# --------------------------------------------------------------------------- nested trees (fixtures)


def test_nested_tree_fixtures():
    org = orglib.load(FIX / "nested_tree.json")
    assert edges(org) == [("1", ""), ("2", "1"), ("4", "2"), ("3", "1"), ("5", "3")]
    assert org.positions["unit"].tolist() == ["Marketing", "Brand", "Brand", "Digital", "Digital"]
    org = orglib.load(FIX / "nested_tree.yaml")
    assert edges(org) == [("n1", ""), ("n2", "n1"), ("n3", "n2"), ("n4", "n1")]
    assert org.positions["title"].tolist() == ["市场总监", "品牌经理", "品牌专员", "数字营销经理"]


# --------------------------------------------------------------------------- 10-11. back as they were


@pytest.mark.parametrize("name", ["chart.tsv", "adventure_pipe.txt", "several_tops.csv", "dept_extract.csv",
                                  "history_scd2.csv", "organogram-senior.csv"])
def test_client_file_comes_back_byte_for_byte(tmp_path, name):
    src = FIX / name
    org = orglib.load(src, validate=False)
    out = tmp_path / ("back" + src.suffix)
    orglib.save(org, out)
    if name == "organogram-senior.csv":  # the eliminated post is gone, everything else as it was
        lines = src.read_bytes().split(b"\r\n")
        assert out.read_bytes() == b"\r\n".join(ln for ln in lines if b'"Eliminated"' not in ln)
    else:
        assert out.read_bytes() == src.read_bytes()


def test_gb18030_roster_comes_back_gb18030_with_its_columns(tmp_path):
    org = orglib.load(FIX / "roster_gb18030.csv")
    orglib.save(org, tmp_path / "o.csv")
    text = (tmp_path / "o.csv").read_bytes().decode("gb18030")
    lines = text.split("\r\n")
    assert lines[0] == "市场部花名册(2024年3月)"
    assert lines[2] == "工号;姓名;职务;直属上级;所属部门;年薪"
    assert lines[3] == "0001;张三;市场总监;-;市场部;¥1,200,000"
    orglib.save(org, tmp_path / "u.csv", encoding="utf-8-sig")
    assert (tmp_path / "u.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_money_and_markers_restored_with_orglib_columns_after(tmp_path):
    org = orglib.load(FIX / "hr_camel.csv")
    org.positions.loc[1, "level"] = "L3"  # an orglib field the client's file did not have
    orglib.save(org, tmp_path / "o.csv")
    lines = (tmp_path / "o.csv").read_bytes().decode("utf-8").split("\r\n")
    assert lines[0] == "employeeID,firstName,JobTitle,ManagerID,Department,Salary,FTE,level"
    assert lines[1] == '100,Ada,Head of Marketing,NULL,Marketing,"£160,000",1,'
    assert lines[2] == '101,Ben,Brand Manager,100,Brand,"£48,500.50",1,L3'  # unchanged: as written


def test_yaml_keeps_originals_in_meta_and_next_csv_restores_them(tmp_path):
    org = orglib.load(FIX / "hr_camel.csv")
    orglib.save(org, tmp_path / "o.yaml")
    doc = (tmp_path / "o.yaml").read_text(encoding="utf-8")
    assert "employeeID" in doc and "\n- id: '100'" in doc  # orglib's names for the posts
    again = orglib.load(tmp_path / "o.yaml")
    orglib.save(again, tmp_path / "o.csv")
    assert (tmp_path / "o.csv").read_bytes() == (FIX / "hr_camel.csv").read_bytes()  # byte for byte


def test_xlsx_cells_are_typed_and_sum_works(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    org = orglib.load(FIX / "roster_gb18030.csv")
    orglib.save(org, tmp_path / "o.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "o.xlsx")
    ws = wb.worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "市场部花名册(2024年3月)"  # the title line comes back above the header
    header = rows[2]
    assert list(header[:6]) == ["工号", "姓名", "职务", "直属上级", "所属部门", "年薪"]
    data = rows[rows.index(header) + 1:]
    assert [r[0] for r in data] == ["0001", "0002", "0003"]  # ids as text, zeros kept
    assert [r[5] for r in data] == [1200000, 360000, 300000]  # pay as numbers
    assert sum(r[5] for r in data) == 1860000


def test_xlsx_headcount_numbers_and_dates(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    import datetime

    org = orglib.load(FIX / "history_scd2.csv", where={"Status": "Current"})
    org.positions.loc[2, "headcount"] = 0.5
    orglib.save(org, tmp_path / "o.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "o.xlsx").worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:6] == ("EmployeeID", "Title", "ManagerID", "Status", "StartDate", "EndDate")
    assert rows[1][4] == datetime.datetime(2020, 1, 1)
    hc = rows[0].index("headcount")
    assert [r[hc] for r in rows[1:]] == [1, 1, 0.5]
    back = orglib.load(tmp_path / "o.xlsx")
    assert back.positions["StartDate"].tolist() == ["2020-01-01", "2021-07-01", "2022-01-01"]
    assert back.positions["headcount"].tolist() == [1.0, 1.0, 0.5]


def test_organogram_xlsx_round_trip_keeps_the_format(tmp_path):
    org = orglib.load(FIX / "organogram-senior.csv")
    orglib.save(org, tmp_path / "o.xlsx")
    back = orglib.load(tmp_path / "o.xlsx")
    cols = ["id", "title", "reports_to", "headcount", "level", "Actual Pay Floor (£)"]
    assert back.positions[cols].values.tolist() == org.positions[cols].values.tolist()
    assert back.meta["client_file"]["top"] == "XX"
    assert back.meta["client_file"]["header"][15] == ""


def test_json_keeps_client_layout_in_meta(tmp_path):
    org = orglib.load(FIX / "chart.tsv")
    orglib.save(org, tmp_path / "o.json")
    doc = json.loads((tmp_path / "o.json").read_text(encoding="utf-8"))
    assert doc["org"]["client_file"]["fields"]["reports_to"] == "parentId"
    assert doc["positions"][1]["reports_to"] == "A"
    back = orglib.load(tmp_path / "o.json")
    orglib.save(back, tmp_path / "o.tsv")
    assert (tmp_path / "o.tsv").read_bytes() == (FIX / "chart.tsv").read_bytes()


def test_orglib_own_csv_layout_unchanged(tmp_path):
    org = orglib.load("duocai-asis")
    orglib.save(org, tmp_path / "o.csv")
    assert (tmp_path / "o.csv").read_bytes().startswith(b"\xef\xbb\xbfid,title,title_en,unit,reports_to")
    assert "client_file" not in orglib.load(tmp_path / "o.csv").meta


def test_fixture_figures_checked_by_hand():
    """Spans and layers of the joined organogram, as counted on paper."""
    org = orglib.load(FIX / "organogram-senior.csv", junior=FIX / "organogram-junior.csv")
    kids = np.bincount(org.parent_index()[org.parent_index() >= 0], minlength=len(org.positions))
    assert dict(zip(org.positions["id"], kids, strict=True)) == {
        "CEO01": 2, "DIR01": 1, "DD01": 2, "DD01-J1": 0, "DD01-J2": 0, "CEO01-J1": 0}


# --------------------------------------------------------------------------- property: round trips

from hypothesis import HealthCheck, assume, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from orglib._core import POSITION_COLUMNS  # noqa: E402
from orglib.io import field_for  # noqa: E402

_CHARS = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ0123456789市场部品牌经理张三李四数字营销总监 _-.()"


def _ok_name(name: str) -> bool:
    return (name == name.strip() and bool(name) and field_for(name) is None and name not in POSITION_COLUMNS
            and not name.lower().startswith(("unnamed", "column")) and name[0] not in "=+-@")


names = st.text(alphabet=_CHARS, min_size=1, max_size=12).filter(_ok_name)
cell = st.text(alphabet=_CHARS, min_size=0, max_size=10).map(str.strip).filter(
    lambda v: not v.startswith(("=", "+", "-", "@")))
ident = st.text(alphabet="0123456789ABCDEFGH市场", min_size=1, max_size=6).filter(
    lambda v: v not in NO_MANAGER and v != "XX")


@st.composite
def client_tables(draw):
    n_extra = draw(st.integers(0, 3))
    cols = draw(st.lists(names, min_size=3 + n_extra, max_size=3 + n_extra,
                         unique_by=lambda c: c.replace(" ", "").replace("_", "").lower()))
    n = draw(st.integers(1, 8))
    ids = draw(st.lists(ident, min_size=n, max_size=n, unique=True))
    parents = [draw(st.integers(0, k - 1)) if k else -1 for k in range(n)]
    marker = draw(st.sampled_from(["", "NULL", "-", "N/A", "None", "0"]))
    assume_ok = marker not in ids
    heads = draw(st.lists(st.sampled_from(["1", "2", "0.5", "0.25", "3"]), min_size=n, max_size=n))
    extras = [draw(st.lists(cell, min_size=n, max_size=n)) for _ in range(n_extra)]
    order = draw(st.permutations(list(range(3 + n_extra))))
    fields = {"id": cols[0], "reports_to": cols[1], "headcount": cols[2]}
    body = {cols[0]: ids, cols[1]: [ids[p] if p >= 0 else marker for p in parents], cols[2]: heads}
    for k in range(n_extra):
        body[cols[3 + k]] = extras[k]
    header = [cols[i] for i in order]
    rows = [[body[c][r] for c in header] for r in range(n)]
    return header, rows, fields, assume_ok


def _csv_bytes(header, rows, delimiter, line_end, encoding):
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator=line_end)
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue().encode(encoding)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=client_tables(), delimiter=st.sampled_from([",", ";", "\t", "|"]),
       line_end=st.sampled_from(["\n", "\r\n"]), encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]))
def test_property_csv_round_trip_is_byte_for_byte(tmp_path, table, delimiter, line_end, encoding):
    header, rows, fields, ok = table
    if not ok:
        return
    data = _csv_bytes(header, rows, delimiter, line_end, encoding)
    if encoding == "gb18030" and data != data.decode("gb18030").encode("utf-8"):
        try:  # GB18030 bytes that are also valid UTF-8 are read as UTF-8 (documented)
            data.decode("utf-8")
            assume(False)
        except UnicodeDecodeError:
            pass
    src = tmp_path / "client.csv"
    src.write_bytes(data)
    org = orglib.load(src, mapping=fields, validate=False)
    assert org.roots() == [rows[0][header.index(fields["id"])]]
    out = tmp_path / "out.csv"
    orglib.save(org, out)
    assert out.read_bytes() == data


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=client_tables())
def test_property_xlsx_round_trip_cell_for_cell_with_types(tmp_path, table):
    import openpyxl

    header, rows, fields, ok = table
    if not ok:
        return
    src = tmp_path / "client.csv"
    src.write_bytes(_csv_bytes(header, rows, ",", "\r\n", "utf-8"))
    org = orglib.load(src, mapping=fields, validate=False)
    orglib.save(org, tmp_path / "o.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "o.xlsx").worksheets[0]
    got = list(ws.iter_rows(values_only=True))
    assert list(got[0]) == header
    hc = header.index(fields["headcount"])
    for want, have in zip(rows, got[1:], strict=True):
        for k, (w, h) in enumerate(zip(want, have, strict=True)):
            if k == hc:
                assert isinstance(h, int | float) and h == float(w)  # numbers as numbers
            else:
                assert (h if h is not None else "") == w and (h is None or isinstance(h, str))
    back = orglib.load(tmp_path / "o.xlsx", mapping=fields, validate=False)
    cols = ["id", "reports_to", "headcount", *[c for c in header if c not in fields.values()]]
    assert back.positions[cols].values.tolist() == org.positions[cols].values.tolist()


def test_managers_by_title_spelled_differently_resolve_to_the_right_posts(tmp_path):
    """Issue 12 item 10: titles are indexed once; every row still gets its own manager."""
    n = 3000
    rng = np.random.default_rng(1)
    parents = [-1] + [int(rng.integers(0, k)) for k in range(1, n)]
    lines = ["岗位,上级"] + [f"市场{k}部经理," + ("" if p < 0 else f"市场{p}部 经理") for k, p in enumerate(parents)]
    (tmp_path / "t.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    org = orglib.load(tmp_path / "t.csv")
    assert org.parent_index().tolist() == parents
    assert sum(p.code == "title_spelling" for p in org.problems) == n - 1


def test_problems_grouped_by_kind_with_counts(tmp_path):
    """Issue 11 item 13 (library side): 3,400 empty ids are one group, not 3,400 lines."""
    from orglib.io import problems_json, summarize_problems

    lines = ["id,reports_to", "top,"] + [",top" for _ in range(3400)] + [f"p{k},top" for k in range(600)]
    (tmp_path / "big.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    org = orglib.load(tmp_path / "big.csv", validate=False)
    text = summarize_problems(org.problems)
    assert text[0] == "missing_id: 3400 errors"
    assert text[-1] == "  ... and 3397 more (--all lists every one)"
    assert len(text) < 20
    assert len(summarize_problems(org.problems, all=True)) > 3400
    assert summarize_problems(org.problems, lang="zh")[0] == "missing_id:3400 个错误"
    (group,) = [g for g in problems_json(org.problems) if g["code"] == "missing_id"]
    assert group["count"] == 3400 and group["problems"][0]["row"] == 3
