"""Bad input: every problem named at once, with file, row and field; never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import orglib
from orglib._core.errors import OrgInputError, OrgValidationError
from orglib._core.model import Org
from orglib.io._validation import validate


def write(tmp_path: Path, name: str, text: str | bytes, encoding: str = "utf-8") -> Path:
    p = tmp_path / name
    if isinstance(text, bytes):
        p.write_bytes(text)
    else:
        p.write_text(text, encoding=encoding)
    return p


def problems_of(path: Path, **kw) -> list[tuple]:
    """(code, row, field) of every problem loading ``path`` reports."""
    with pytest.raises(OrgValidationError) as info:
        orglib.load(path, **kw)
    return [(p.code, p.row, p.field) for p in info.value.problems]


def input_error(path: Path, **kw) -> OrgInputError:
    with pytest.raises(OrgInputError) as info:
        orglib.load(path, **kw)
    return info.value


# ------------------------------------------------------------------ structure


def test_cycle_names_the_posts(tmp_path):
    p = write(tmp_path, "c.csv", "id,reports_to\nhead,\na,c\nb,a\nc,b\n")
    with pytest.raises(OrgValidationError) as info:
        orglib.load(p)
    (prob,) = info.value.problems
    assert prob.code == "cycle" and prob.row == 3 and prob.field == "reports_to"
    assert prob.message == "reporting cycle: a → c → b → a"


def test_two_separate_cycles_each_reported(tmp_path):
    p = write(tmp_path, "c.csv", "id,reports_to\nhead,\na,b\nb,a\nx,y\ny,x\n")
    assert sorted(c for c, *_ in problems_of(p)) == ["cycle", "cycle"]


def test_several_roots(tmp_path):
    p = write(tmp_path, "r.csv", "id,title,reports_to\na,经理,\nb,总监,\nc,专员,a\n")
    probs = problems_of(p)
    assert probs == [("multiple_roots", 3, "reports_to")]


def test_several_roots_message_names_them(tmp_path):
    p = write(tmp_path, "r.csv", "id,title,reports_to\na,经理,\nb,总监,\n")
    with pytest.raises(OrgValidationError) as info:
        orglib.load(p)
    assert "a (经理), b (总监)" in info.value.problems[0].message


def test_unknown_manager(tmp_path):
    p = write(tmp_path, "u.csv", "id,reports_to\na,\nb,zz\n")
    assert problems_of(p) == [("unknown_manager", 3, "reports_to")]


def test_duplicate_id(tmp_path):
    p = write(tmp_path, "d.csv", "id,reports_to\na,\nb,a\nb,a\n")
    with pytest.raises(OrgValidationError) as info:
        orglib.load(p)
    (prob,) = info.value.problems
    assert (prob.code, prob.row, prob.field) == ("duplicate_id", 4, "id")
    assert "first on row 3" in prob.message


def test_empty_id(tmp_path):
    p = write(tmp_path, "e.csv", "id,reports_to\na,\n,a\n")
    assert problems_of(p) == [("missing_id", 3, "id")]


def test_self_reference_is_top_post_with_warning(tmp_path):
    p = write(tmp_path, "s.csv", "id,reports_to\nceo,ceo\nb,ceo\n")
    org = orglib.load(p)
    assert org.positions["reports_to"].tolist() == ["", "ceo"]
    assert [(w.code, w.row) for w in org.problems] == [("self_report", 2)]


def test_self_reference_in_python_org_is_error():
    org = Org.from_records([{"id": "a", "reports_to": "a"}])
    assert [p.code for p in validate(org)] == ["self_report"]


def test_self_reference_plus_other_root_is_two_roots(tmp_path):
    p = write(tmp_path, "s.csv", "id,reports_to\nceo,ceo\nb,\n")
    assert ("multiple_roots", 3, "reports_to") in problems_of(p)


def test_headcount_negative(tmp_path):
    p = write(tmp_path, "h.csv", "id,reports_to,headcount\na,,1\nb,a,-2\n")
    assert problems_of(p) == [("headcount_negative", 3, "headcount")]


def test_headcount_not_a_number(tmp_path):
    p = write(tmp_path, "h.csv", "id,reports_to,定员\na,,1\nb,a,两个\n")
    with pytest.raises(OrgValidationError) as info:
        orglib.load(p)
    (prob,) = info.value.problems
    assert (prob.code, prob.row, prob.field) == ("headcount_not_number", 3, "headcount")
    assert "'两个'" in prob.message


def test_headcount_with_unit_suffix_is_read(tmp_path):
    p = write(tmp_path, "h.csv", "id,reports_to,岗位定员\na,,1人\nb,a,6 名\n")
    assert orglib.load(p).positions["headcount"].tolist() == [1.0, 6.0]


def test_cost_not_a_number(tmp_path):
    p = write(tmp_path, "c.csv", "id,reports_to,cost\na,,100\nb,a,lots\n")
    assert problems_of(p) == [("cost_not_number", 3, "cost")]


def test_unknown_unit(tmp_path):
    p = write(tmp_path, "o.yaml", """
units: [{id: mkt, name: 市场部}]
positions:
  - {id: a, unit: mkt}
  - {id: b, unit: sales, reports_to: a}
""")
    assert problems_of(p) == [("unknown_unit", 2, "unit")]


def test_unknown_parent_unit(tmp_path):
    p = write(tmp_path, "o.yaml", """
units: [{id: mkt, name: 市场部, parent: hq}]
positions: [{id: a, unit: mkt}]
""")
    assert problems_of(p) == [("unknown_unit", 1, "parent")]


def test_peers_holding_authority_over_each_other_is_a_warning(tmp_path):
    p = write(tmp_path, "o.yaml", """
positions:
  - {id: m, title: 经理}
  - {id: a, title: 大区推广经理A, reports_to: m}
  - {id: b, title: 大区推广经理B, reports_to: m}
links:
  - {from: a, to: b, kind: directs}
  - {from: b, to: a, kind: directs}
""")
    org = orglib.load(p)
    (w,) = org.problems
    assert (w.code, w.severity, w.row) == ("peer_authority", "warning", 1)
    assert "each other" in w.message and "大区推广经理A (a)" in w.message


def test_two_managers_not_dotted(tmp_path):
    p = write(tmp_path, "t.csv", "id,reports_to\nm,\nx,m\ny,m;x\n")
    assert problems_of(p) == [("two_managers", 4, "reports_to")]


def test_two_managers_one_marked_dotted_is_fine(tmp_path):
    p = write(tmp_path, "t.yaml", """
positions:
  - {id: m}
  - {id: x, reports_to: m}
  - {id: y, reports_to: "m;x"}
links:
  - {from: x, to: y, kind: dotted}
""")
    assert orglib.load(p).positions["reports_to"].tolist() == ["", "m", "m"]


def test_ambiguous_manager_title_names_candidates(tmp_path):
    p = write(tmp_path, "a.csv", "id,title,reports_to\nm,经理,\nr1,区域经理,经理\nr2,区域经理,经理\nc,客户经理,区域经理\n")
    with pytest.raises(OrgValidationError) as info:
        orglib.load(p)
    (prob,) = info.value.problems
    assert (prob.code, prob.row) == ("ambiguous_manager", 5)
    assert "r1, r2" in prob.message


def test_manager_given_by_title(tmp_path):
    p = write(tmp_path, "t.csv", "岗位编号,岗位名称,直接上级\n1,市场总监,\n2,区域经理,市场总监\n")
    assert orglib.load(p).positions["reports_to"].tolist() == ["", "1"]


def test_no_manager_value_configurable(tmp_path):
    # issue 11 item 7: one post whose manager is outside the file is the head, with a warning
    p = write(tmp_path, "n.csv", "id,manager\nceo,NONE\nb,ceo\nc,zz\n")
    assert problems_of(p) == [("unknown_manager", 2, "reports_to"), ("unknown_manager", 4, "reports_to")]
    assert orglib.load(p, no_manager=["NONE"], validate=False).roots() == ["ceo"]
    assert [(p.code, p.row) for p in orglib.load(p, no_manager=["NONE"], validate=False).problems] == [
        ("unknown_manager", 4)]


# ------------------------------------------------------------------ links & workflows


def test_link_to_unknown_post(tmp_path):
    p = write(tmp_path, "l.yaml", "positions: [{id: a}]\nlinks: [{from: a, to: ghost, kind: assists}]\n")
    assert problems_of(p) == [("unknown_post", 1, "to")]


def test_unknown_link_kind(tmp_path):
    p = write(tmp_path, "l.yaml", "positions: [{id: a}, {id: b, reports_to: a}]\n"
              "links: [{from: a, to: b, kind: friends}]\n")
    assert problems_of(p) == [("unknown_link_kind", 1, "kind")]


def test_link_to_itself(tmp_path):
    p = write(tmp_path, "l.yaml", "positions: [{id: a}]\nlinks: [{from: a, to: a, kind: assists}]\n")
    assert problems_of(p) == [("link_self", 1, "to")]


def test_workflow_step_with_unknown_role(tmp_path):
    p = write(tmp_path, "w.yaml", "positions: [{id: a}]\n"
              "workflows: [{id: W1, steps: [{role: a, action: x}, {role: b, action: y}]}]\n")
    assert problems_of(p) == [("unknown_post", 2, "role")]


def test_workflow_step_without_role(tmp_path):
    p = write(tmp_path, "w.yaml", "positions: [{id: a}]\nworkflows: [{id: W1, steps: [{action: x}]}]\n")
    assert problems_of(p) == [("missing_role", 1, "role")]


# ------------------------------------------------------------------ files


def test_empty_file(tmp_path):
    p = write(tmp_path, "e.csv", "")
    assert problems_of(p) == [("empty_file", None, "")]


def test_whitespace_only_yaml_is_empty(tmp_path):
    p = write(tmp_path, "e.yaml", "   \n\n")
    assert problems_of(p) == [("empty_file", None, "")]


def test_header_without_rows(tmp_path):
    p = write(tmp_path, "h.csv", "id,title,reports_to\n")
    assert problems_of(p) == [("header_only", None, "")]


def test_xlsx_header_without_rows(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["工号", "岗位", "上级工号"])
    p = tmp_path / "h.xlsx"
    wb.save(p)
    assert problems_of(p) == [("header_only", None, "")]


def test_xlsx_named_csv(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["id"])
    wb.save(tmp_path / "x.xlsx")
    p = write(tmp_path, "x.csv", (tmp_path / "x.xlsx").read_bytes())
    err = input_error(p)
    assert err.codes() == ["wrong_format"] and "Excel workbook" in str(err)


def test_text_named_xlsx(tmp_path):
    p = write(tmp_path, "t.xlsx", "id,reports_to\na,\n")
    err = input_error(p)
    assert err.codes() == ["wrong_format"] and "not an Excel .xlsx" in str(err)


def test_broken_yaml_names_the_line(tmp_path):
    p = write(tmp_path, "b.yaml", "positions:\n  - {id: a\n  - id: b\n")
    err = input_error(p)
    assert err.codes() == ["wrong_format"] and err.problems[0].row is not None


def test_broken_json_names_the_line(tmp_path):
    p = write(tmp_path, "b.json", '{"positions": [\n {"id": "a"},\n ]}')
    err = input_error(p)
    assert err.codes() == ["wrong_format"] and err.problems[0].row == 3


def test_unsupported_suffix(tmp_path):
    p = write(tmp_path, "org.rtf", "id\na\n")  # .txt is delimited text since issue 11 item 3
    assert input_error(p).codes() == ["unsupported_format"]


def test_missing_file(tmp_path):
    assert input_error(tmp_path / "nope.csv").codes() == ["not_found"]


def test_unknown_encoding_is_a_clear_error(tmp_path):
    p = write(tmp_path, "l.csv", "id,name\n1,Å\x80\x81\n".encode("latin-1") + b"\xff\xfe\xfd\n")
    err = input_error(p)
    assert err.codes() == ["encoding"] and "UTF-8 or GB18030" in str(err)


def test_utf16_is_named(tmp_path):
    p = write(tmp_path, "u.csv", "id\na\n".encode("utf-16"))
    err = input_error(p)
    assert err.codes() == ["encoding"] and "UTF-16" in str(err)


def test_no_id_column_says_how_to_map(tmp_path):
    p = write(tmp_path, "n.csv", "姓名,部门\n张三,市场部\n")
    with pytest.raises(OrgValidationError) as info:
        orglib.load(p)
    (prob,) = info.value.problems
    assert prob.code == "missing_column" and "--map id=COLUMN" in prob.message


def test_map_names_a_missing_column(tmp_path):
    p = write(tmp_path, "m.csv", "EmpNo,Boss\n1,\n")
    err = input_error(p, mapping={"id": "EmpNo", "reports_to": "Manager"})
    assert err.codes() == ["unknown_column"] and "EmpNo, Boss" in str(err)


def test_map_names_an_unknown_field(tmp_path):
    p = write(tmp_path, "m.csv", "EmpNo\n1\n")
    assert input_error(p, mapping={"idd": "EmpNo"}).codes() == ["unknown_field"]


def test_yaml_item_not_a_mapping(tmp_path):
    p = write(tmp_path, "i.yaml", "positions:\n  - {id: a}\n  - just text\n")
    assert problems_of(p) == [("bad_structure", 2, "positions")]


def test_every_problem_listed_at_once(tmp_path):
    p = write(tmp_path, "many.csv",
              "id,reports_to,headcount\nhead,,1\na,zz,1\nb,head,-1\nb,head,x\n,head,1\n")
    codes = sorted(c for c, *_ in problems_of(p))
    assert codes == ["duplicate_id", "headcount_negative", "headcount_not_number", "missing_id",
                     "unknown_manager"]


# ------------------------------------------------------------------ command line


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "orglib.cli", *args], capture_output=True,
                          text=True, timeout=120)


def test_cli_validate_exit_codes_and_no_traceback(tmp_path):
    good = write(tmp_path, "g.csv", "id,reports_to\na,\nb,a\n")
    bad = write(tmp_path, "b.csv", "id,reports_to\na,\nb,zz\nc,a\nc,a\n")
    unreadable = write(tmp_path, "u.xlsx", "not a workbook")
    r = run_cli("validate", str(good))
    assert r.returncode == 0 and "OK" in r.stdout
    r = run_cli("validate", str(good), str(bad))
    assert r.returncode == 1
    assert f"{bad}:3: reports_to:" in r.stdout and f"{bad}:5: id:" in r.stdout  # the report is the output
    assert "Traceback" not in r.stderr
    r = run_cli("validate", str(bad), str(unreadable))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "wrong_format" in r.stdout and "unknown_manager" in r.stdout


def test_cli_validate_with_map_and_no_manager(tmp_path):
    p = write(tmp_path, "hr.csv", "EmpNo,Boss,Job\n1,-,CMO\n2,1,Analyst\n", encoding="gb18030")
    r = run_cli("validate", str(p), "--map", "id=EmpNo,reports_to=Boss,title=Job", "--no-manager", "-")
    assert r.returncode == 0, r.stderr


def test_cli_convert_bad_input_no_traceback(tmp_path):
    r = run_cli("convert", str(tmp_path / "missing.csv"), str(tmp_path / "o.yaml"))
    assert r.returncode == 2 and "Traceback" not in r.stderr and "no such file" in r.stderr
    assert not (tmp_path / "o.yaml").exists()
