"""The CSV read path (issue 14 goal 5): pyarrow's reader and pandas' C parser give the same
Org, the same problems on the same rows; one hash pass over ids finds what a dict walk finds;
encodings are detected by what the bytes read as, or named with ``encoding=`` /
``--input-encoding``; the file limits still hold."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

import orglib
import orglib.io._csv as csv_mod
from orglib._core import OrgInputError, OrgValidationError, id_codes, id_rows
from orglib.cli import main

# --------------------------------------------------------------------------- fixtures


def _gb_aliases() -> bytes:
    rows = ["市场部花名册 2026", "工号,姓名,岗位,部门,上级工号,年薪,定员,备注"]
    rows += ["E001,张三,市场总监,市场部,,\"1,200,000\",1,总部", "E002,李四,品牌经理,市场部,E001,360000,1,",
             "E003,王五,专员,推广部,E002,\"¥120,000\",2人,\"外包, 季度\""]
    rows += [f"E{k:03d},员工{k},专员,推广部,E00{2 + k % 2},{80000 + k},1,x{k % 3}" for k in range(4, 40)]
    return ("\r\n".join(rows) + "\r\n").encode("gb18030")


def _bom_utf8() -> bytes:
    text = "id,title,reports_to,headcount,Grade\na,Director,,1,G7\nb,Manager,a,1.5,\nc,Analyst,b,,G3\n"
    return b"\xef\xbb\xbf" + text.encode("utf-8")


def _quoted() -> bytes:
    text = ('id,title,reports_to,note\n1,"CEO, Group",,"line one\nline two"\n2,"VP ""Sales""",1,\n'
            '3,Rep,2,"a,b,c"\n4,,2,\n')
    return text.encode("utf-8")


def _empty_cells_semicolons() -> bytes:
    text = "工号;岗位;上级工号;部门;入职日期\n1;经理;;;\n2;;1;;2020-01-01\n3;专员;1;市场部;\n\n4;专员;1;;\n"
    return text.encode("gb18030")


def _problem_heavy() -> bytes:
    rows = ["id,title,reports_to,headcount,cost,Region"]
    rows += ["A,Head,,1,100,N", "B,Lead,A,x,200,N", "C,Lead,Z,1,-5,S", "C,Lead,Z,1,,S",  # job share, unknown
             "D,Rep,D,1,,", ",Rep,A,1,,", "E,Rep,Lead,1,,", "F,Rep,Head,2,,", "G,Rep,NULL,1,,",
             "H,Rep,A; B,1,,", "I,Rep,Q,1e7,,", "J,Rep,A,1,\"£48,500.50\",", "K,Rep,K2,1,,"]
    return ("\n".join(rows) + "\n").encode("utf-8")


def _tabs_extra_columns() -> bytes:
    rows = ["EmployeeID\tManagerID\tJobTitle\tDepartment\tCostCentre\tStart", "1\t\tCMO\tMarketing\tCC1\t2019",
            "2\t1\tBrand lead\tMarketing\tCC1\t", "3\t2\t'=1+1\tMarketing\tCC2\t2021"]
    return ("\n".join(rows) + "\n").encode("utf-8")


FIXTURES = {
    "gb18030_aliases.csv": _gb_aliases,
    "bom_utf8.csv": _bom_utf8,
    "quoted_newlines.csv": _quoted,
    "empty_cells.csv": _empty_cells_semicolons,
    "problem_heavy.csv": _problem_heavy,
    "tabs_extra.tsv": _tabs_extra_columns,
}

RAGGED = {
    "fewer_fields.csv": b"id,title,reports_to\na,Head,\nb,Lead\nc,Rep,a\n",
    "more_fields.csv": b"id,title,reports_to\na,Head,\nb,Lead,a,extra\nc,Rep,a\n",
}


def _pandas_only(monkeypatch) -> None:
    monkeypatch.setattr(csv_mod, "_arrow_frame", lambda *a, **k: None)


def _read(path, **kw):
    try:
        org = orglib.load(path, validate=False, **kw)
    except (OrgInputError, OrgValidationError) as exc:
        return None, [(p.code, p.row, p.field) for p in exc.problems]
    return org, [(p.file, p.row, p.field, p.code, p.message, p.severity) for p in org.problems]


def _same(a: orglib.Org, b: orglib.Org) -> None:
    pd.testing.assert_frame_equal(a.positions, b.positions, check_exact=True)
    assert a.meta == b.meta
    assert a.parent_index().tolist() == b.parent_index().tolist()
    assert [a.row_of("positions", k) for k in range(len(a.positions))] == \
        [b.row_of("positions", k) for k in range(len(b.positions))]


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_pyarrow_and_pandas_read_the_same_org(tmp_path, monkeypatch, name):
    p = tmp_path / name
    p.write_bytes(FIXTURES[name]())
    used = []
    real = csv_mod._arrow_frame
    monkeypatch.setattr(csv_mod, "_arrow_frame", lambda *a, **k: used.append(real(*a, **k)) or used[-1])
    fast, fast_problems = _read(p)
    assert used and used[0] is not None, "the pyarrow reader was not used"
    _pandas_only(monkeypatch)
    slow, slow_problems = _read(p)
    _same(fast, slow)
    assert fast_problems == slow_problems
    # the round trip keeps the client's columns, and the number texts it remembered
    out = tmp_path / ("back" + p.suffix)
    orglib.save(fast, out)
    assert out.read_bytes() == p.read_bytes() or name in ("empty_cells.csv", "quoted_newlines.csv",
                                                          "problem_heavy.csv")
    assert list(orglib.load(out, validate=False).positions.columns) == list(fast.positions.columns)


def test_fixture_figures(tmp_path):
    """What a user checks in the GB18030 export: aliases, numbers, rows, the title line."""
    p = tmp_path / "hr.csv"
    p.write_bytes(_gb_aliases())
    org = orglib.load(p)
    pos = org.positions
    assert pos["id"].tolist()[:3] == ["E001", "E002", "E003"]
    assert pos["cost"].tolist()[:3] == [1_200_000.0, 360_000.0, 120_000.0]
    assert pos["headcount"].tolist()[:3] == [1.0, 1.0, 2.0]
    assert pos["备注"].tolist()[:3] == ["总部", "", "外包, 季度"]
    assert org.row_of("positions", 2) == (str(p), 5)  # title line 1, header line 2
    assert org.meta["client_file"]["encoding"] == "gb18030"
    orglib.save(org, tmp_path / "back.csv")
    assert (tmp_path / "back.csv").read_bytes() == p.read_bytes()


def test_problem_rows_are_the_files_rows(tmp_path):
    p = tmp_path / "bad.csv"
    p.write_bytes(_problem_heavy())
    _, problems = _read(p)
    got = {(code, row) for _, row, _, code, _, _ in problems}
    assert {("headcount_not_number", 3), ("unknown_manager", 4), ("self_report", 6), ("missing_id", 7),
            ("two_managers", 11), ("headcount_too_large", 12)} <= got, got


@pytest.mark.parametrize("name", sorted(RAGGED))
def test_ragged_rows_read_as_pandas_reads_them(tmp_path, monkeypatch, name):
    p = tmp_path / name
    p.write_bytes(RAGGED[name])
    fast = _read(p)
    _pandas_only(monkeypatch)
    slow = _read(p)
    assert fast[1] == slow[1]
    if name == "more_fields.csv":
        assert fast[0] is None and fast[1] == [("wrong_format", 3, "")]
    else:
        _same(fast[0], slow[0])


# --------------------------------------------------------------------------- ids


def _reference(ids: list[str], values: list[str]) -> list[int]:
    first: dict[str, int] = {}
    for k, v in enumerate(ids):
        first.setdefault(v, k)
    return [first.get(v, -1) for v in values]


@pytest.mark.parametrize("kind", ["short", "two_words", "unicode", "mixed"])
def test_id_codes_match_a_dict_walk(kind):
    rng = np.random.default_rng(7)
    n = 3000
    make = {"short": lambda k: f"E{k:05d}", "two_words": lambda k: f"EMPLOYEE-{k:06d}",
            "unicode": lambda k: f"员{k}", "mixed": lambda k: ["", f"{k}", f"x{k:012d}", f"岗{k}"][k % 4]}[kind]
    ids = [make(int(k)) for k in rng.integers(0, n, n)]  # repeats, as HR exports have
    values = [make(int(k)) for k in rng.integers(0, 2 * n, n)] + [""]
    extra = ["", "NULL", make(3)]
    ic, vc, ec, first = id_codes(np.array(ids, dtype=object), np.array(values, dtype=object), extra)
    assert first[vc].tolist() == _reference(ids, values) == id_rows(np.array(ids, dtype=object),
                                                                       np.array(values, dtype=object)).tolist()
    texts = ids + values + extra
    codes = ic.tolist() + vc.tolist() + ec.tolist()
    by_text: dict[str, int] = {}
    for t, c in zip(texts, codes, strict=True):  # equal text <=> equal code
        assert by_text.setdefault(t, c) == c
    assert len(set(by_text.values())) == len(by_text)
    assert (first[ec] >= 0).tolist() == [t in set(ids) for t in extra]


# --------------------------------------------------------------------------- encodings


def _both_ways_chars() -> str:
    """Common hanzi whose GB18030 bytes are valid UTF-8 as well (学 = D1 A7 = 'ѧ')."""
    out = []
    for code in range(0x4E00, 0x9FA6):
        ch = chr(code)
        b = ch.encode("gb18030")
        if len(b) == 2 and 0xB0 <= b[0] <= 0xD7:
            try:
                b.decode("utf-8")
            except UnicodeDecodeError:
                continue
            out.append(ch)
    return "".join(out)


def test_gb18030_bytes_that_are_valid_utf8_read_as_gb18030(tmp_path):
    chars = _both_ways_chars()
    assert len(chars) > 20
    titles = [chars[k:k + 2] for k in range(0, 20, 2)]
    text = "id,title,reports_to\n" + "".join(f"{k},{t},{'' if k == 0 else 0}\n" for k, t in enumerate(titles))
    data = text.encode("gb18030")
    data.decode("utf-8")  # the whole file is valid UTF-8 too
    p = tmp_path / "gb.csv"
    p.write_bytes(data)
    org = orglib.load(p)
    assert org.positions["title"].tolist() == titles
    assert org.meta["client_file"]["encoding"] == "gb18030"
    # and the reverse: UTF-8 Chinese whose bytes also decode as GB18030 stays UTF-8
    u = tmp_path / "u.csv"
    u.write_bytes("id,title\n1,专@\n".encode())
    assert orglib.load(u).positions["title"].tolist() == ["专@"]


def test_encoding_option_overrides_detection(tmp_path, capsys):
    chars = _both_ways_chars()
    data = f"id,title,reports_to\n1,{chars[:2]},\n".encode("gb18030")
    p = tmp_path / "x.csv"
    p.write_bytes(data)
    assert orglib.load(p).positions["title"].tolist() == [chars[:2]]
    assert orglib.load(p, encoding="utf-8").positions["title"].tolist() == [data.split(b",")[3].decode()]
    gb = tmp_path / "gb.csv"
    gb.write_bytes("工号,上级工号\n1,\n".encode("gb18030"))
    with pytest.raises(OrgInputError) as exc:
        orglib.load(gb, encoding="utf-8")
    assert exc.value.problems[0].code == "encoding" and "utf-8" in exc.value.problems[0].message
    with pytest.raises(OrgInputError, match="klingon"):
        orglib.load(gb, encoding="klingon")
    # the command line: --input-encoding, for validate and convert (whose --encoding is the target's)
    assert main(["validate", str(p), "--input-encoding", "utf-8", "--json", "--lang", "en"]) == 0
    capsys.readouterr()
    out = tmp_path / "o.csv"
    assert main(["convert", str(p), str(out), "--input-encoding", "utf-8", "--encoding", "utf-8"]) == 0
    assert out.read_bytes().decode("utf-8").splitlines()[1].split(",")[1] == data.split(b",")[3].decode()
    assert main(["validate", str(gb), "--input-encoding", "utf-8", "--lang", "en"]) == 2
    assert "the encoding given" in "".join(capsys.readouterr())


# --------------------------------------------------------------------------- limits


def _people(n: int) -> bytes:
    return ("工号,上级工号\n" + "".join(f"E{k},{'' if k == 0 else 'E0'}\n" for k in range(n))).encode("gb18030")


def test_max_rows_holds_on_both_paths(tmp_path):
    p = tmp_path / "big.csv"
    p.write_bytes(_people(300))
    for limit in (299, 10):  # 299: the pyarrow path reads and refuses; 10: pandas stops at 11 rows
        with pytest.raises(OrgInputError) as exc:
            orglib.load(p, max_rows=limit)
        assert [q.code for q in exc.value.problems] == ["too_many_rows"]
    assert len(orglib.load(p, max_rows=300).positions) == 300


def test_max_bytes_and_columns_hold(tmp_path):
    p = tmp_path / "big.csv"
    p.write_bytes(_people(300))
    with pytest.raises(OrgInputError) as exc:
        orglib.load(p, max_bytes=1000)
    assert [q.code for q in exc.value.problems] == ["too_large"]
    wide = tmp_path / "wide.csv"
    wide.write_bytes((",".join(f"c{k}" for k in range(6000)) + "\n" + ",".join("1" * 6000) + "\n").encode())
    with pytest.raises(OrgInputError) as exc:
        orglib.load(wide)
    assert [q.code for q in exc.value.problems] == ["too_many_columns"]


def test_layout_json_is_plain(tmp_path):
    p = tmp_path / "hr.csv"
    p.write_bytes(_gb_aliases())
    layout = orglib.load(p).meta["client_file"]
    assert json.loads(json.dumps(layout, ensure_ascii=False)) == layout
