"""A client's cells come back as the client wrote them (issue 11, items 5 and 11).

Rule: a numeric cell (cost, headcount, an organogram's pay columns) whose value is
unchanged is written back with the client's own text (``£48,500.50``, ``1200`` in a
column of ``1,200``s, an empty FTE cell); a changed value is written in the column's
style. ``orglib convert --encoding`` chooses the encoding of a CSV target.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import orglib
from orglib.cli import main

MONEY = ('Employee ID,Job Title,Manager ID,Salary\n1,Head,,"£160,000"\n2,Analyst,1,"£48,500.50"\n'
         '3,Writer,1,"£48,500.5"\n4,Clerk,1,"£1,200.00"\n')


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


@pytest.fixture
def money(tmp_path) -> Path:
    p = tmp_path / "money.csv"
    p.write_bytes(MONEY.encode("utf-8"))
    return p


def test_money_text_survives_convert_csv_to_csv(capsys, money, tmp_path):
    out = tmp_path / "back.csv"
    code, _, _ = run(capsys, "convert", str(money), str(out), "--lang", "en")
    assert code == 0 and out.read_bytes() == money.read_bytes()  # "£48,500.50", not "£48,500.5"
    org = orglib.load(out)
    assert org.positions["cost"].tolist() == [160000.0, 48500.5, 48500.5, 1200.0]  # read as numbers


@pytest.mark.parametrize("cells", [
    ["160000", "48500.50", "1200.00"],  # plain numbers with the client's decimals
    ['"160,000"', '"48,500.50"', "1200"],  # 1200 among 1,000-separated numbers
    ["", "2", "0.5"],  # an empty FTE cell (read as 1) stays empty
])
def test_plain_numbers_keep_their_text(tmp_path, cells):
    col = "headcount" if cells[0] == "" else "cost"
    text = f"id,title,reports_to,{col}\n1,Head,,{cells[0]}\n2,A,1,{cells[1]}\n3,B,1,{cells[2]}\n"
    src = tmp_path / "in.csv"
    src.write_text(text, encoding="utf-8")
    orglib.convert(src, tmp_path / "out.csv")
    assert (tmp_path / "out.csv").read_text(encoding="utf-8") == text


def test_changed_value_written_in_the_column_style(money, tmp_path):
    org = orglib.load(money)
    pos = org.positions
    pos.loc[pos["id"] == "2", "cost"] = 50000.0  # a raise: the client's style, not the old text
    orglib.save(org, tmp_path / "w.csv")
    lines = (tmp_path / "w.csv").read_text(encoding="utf-8").splitlines()
    assert lines[2] == '2,Analyst,1,"£50,000"'
    assert lines[4] == '4,Clerk,1,"£1,200.00"'  # unchanged: as written


def test_money_text_survives_a_yaml_round_trip(money, tmp_path):
    orglib.convert(money, tmp_path / "x.yaml")
    orglib.convert(tmp_path / "x.yaml", tmp_path / "y.csv")
    assert (tmp_path / "y.csv").read_bytes() == money.read_bytes()


def test_xlsx_keeps_numbers_typed(money, tmp_path):
    pytest.importorskip("openpyxl")
    import openpyxl

    orglib.convert(money, tmp_path / "x.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "x.xlsx").worksheets[0]
    assert [ws.cell(r, 4).value for r in range(2, 6)] == [160000, 48500.5, 48500.5, 1200]


# ====================================================================== convert --encoding


GB = "工号,姓名,岗位,上级工号\n001,张三,市场部经理,\n002,李四,专员,001\n"


@pytest.fixture
def gb(tmp_path) -> Path:
    p = tmp_path / "gb.csv"
    p.write_bytes(GB.encode("gb18030"))
    return p


def test_convert_keeps_gb18030_without_encoding(capsys, gb, tmp_path):
    code, _, _ = run(capsys, "convert", str(gb), str(tmp_path / "o.csv"))
    assert code == 0 and (tmp_path / "o.csv").read_bytes() == gb.read_bytes()


@pytest.mark.parametrize("encoding, prefix", [("utf-8-sig", b"\xef\xbb\xbf"), ("utf-8", b"")])
def test_convert_encoding_chooses_the_output_encoding(capsys, gb, tmp_path, encoding, prefix):
    out = tmp_path / "o.csv"
    code, _, _ = run(capsys, "convert", str(gb), str(out), "--encoding", encoding)
    assert code == 0 and out.read_bytes() == prefix + GB.encode("utf-8")
    assert orglib.load(out).positions["title"].tolist() == ["市场部经理", "专员"]


def test_convert_encoding_gb18030_from_utf8(capsys, tmp_path):
    src = tmp_path / "u.csv"
    src.write_text(GB, encoding="utf-8")
    code, _, _ = run(capsys, "convert", str(src), str(tmp_path / "o.csv"), "--encoding", "gb18030")
    assert code == 0 and (tmp_path / "o.csv").read_bytes() == GB.encode("gb18030")


def test_convert_unknown_encoding_refused_before_reading(capsys, gb, tmp_path):
    code, _, err = run(capsys, "convert", str(tmp_path / "missing.csv"), str(tmp_path / "o.csv"),
                       "--encoding", "klingon", "--lang", "en")
    assert code == 2 and "unknown encoding 'klingon'" in err and "missing" not in err
    assert not (tmp_path / "o.csv").exists()


def test_convert_encoding_for_a_non_csv_target_refused(capsys, gb, tmp_path):
    code, _, err = run(capsys, "convert", str(gb), str(tmp_path / "o.yaml"), "--encoding", "utf-8",
                       "--lang", "zh")
    assert code == 2 and "--encoding 只用于 CSV 输出" in err and not (tmp_path / "o.yaml").exists()


def test_convert_character_the_encoding_cannot_hold_names_the_line(capsys, tmp_path):
    src = tmp_path / "lat.csv"
    src.write_text("id,title,reports_to\na,Head,\nb,Ærø café,a\n", encoding="utf-8")
    out = tmp_path / "o.csv"
    code, _, err = run(capsys, "convert", str(src), str(out), "--encoding", "ascii", "--lang", "en")
    assert code == 2 and "o.csv: line 3: 'Æ' (U+00C6) cannot be written in ascii" in err
    assert "orglib-tmp" not in err and not out.exists()
    assert not [p for p in tmp_path.iterdir() if "orglib-tmp" in p.name]
