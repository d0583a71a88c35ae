"""The Excel workbook of the report, opened with openpyxl as Excel would read it."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from orglib._core import Org
from orglib.designs import synthetic_org
from orglib.reporting import build, typed_cell, write_report_xlsx


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    d = tmp_path_factory.mktemp("books")
    out = {}
    for lang in ("zh", "en"):
        p = d / f"duocai-{lang}.xlsx"
        write_report_xlsx("duocai-asis", ["duocai-tobe"], lang=lang, path=p, runs=20, months=6)
        out[lang] = load_workbook(p)
    return out


def _rows(ws):
    head = [c.value for c in ws[1]]
    return head, [dict(zip(head, (c.value for c in row), strict=True)) for row in ws.iter_rows(min_row=2)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_table_on_its_own_sheet(books, lang):
    wb = books[lang]
    want = (["汇总", "发现与建议", "管理幅度", "问题标记", "方案对比", "结构差异", "覆盖", "设计原则", "增长模拟"]
            if lang == "zh" else
            ["Summary", "Findings", "Spans", "Flags", "Comparison", "Diff", "Coverage", "Principles", "Simulation"])
    for name in want:
        assert name in wb.sheetnames, (name, wb.sheetnames)
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2", ws.title  # header row frozen
        assert ws.max_row >= 2, ws.title
        widths = [ws.column_dimensions[c].width for c in "AB" if ws.max_column >= 2]
        assert all(w and w >= 8 for w in widths), ws.title
        assert all(ws.cell(1, j).font.bold for j in range(1, ws.max_column + 1))


def test_numbers_are_numbers(books):
    wb = books["en"]
    head, rows = _rows(wb["Spans"])
    mgr = next(r for r in rows if r["Post"] == "Marketing Manager")
    span = next(v for k, v in mgr.items() if k.startswith("Span"))
    assert isinstance(span, int | float) and span == 10
    _, cmp = _rows(wb["Comparison"])
    hc = next(r for r in cmp if r["Measure"] == "Headcount")
    assert hc["As-is"] == 11 and isinstance(hc["As-is"], int)
    share = next(r for r in cmp if r["Measure"].startswith("Management overhead"))
    assert share["As-is"] == pytest.approx(0.091, abs=1e-3)  # 9.1% stored as a number, shown as %
    ws = wb["Comparison"]
    cell = next(c for row in ws.iter_rows(min_row=2) for c in row if c.value == share["As-is"])
    assert cell.number_format == "0.0%"
    # no cell holds NaN text or an internal tag
    for ws in wb.worksheets:
        for row in ws.iter_rows(min_row=1, values_only=True):
            for v in row:
                assert v not in ("nan", "NaN", "None")


def test_formula_looking_text_is_escaped(tmp_path):
    org = Org.from_records([
        {"id": "m", "title": "=HYPERLINK(\"http://x\",\"click\")", "headcount": 1},
        {"id": "e", "title": "+cmd|' /C calc'!A0", "reports_to": "m", "headcount": 3},
        {"id": "f", "title": "@SUM(1)", "reports_to": "m", "headcount": 2},
    ], meta={"name": "-2+3"})
    p = tmp_path / "evil.xlsx"
    write_report_xlsx(org, lang="en", path=p, runs=10, months=3)
    wb = load_workbook(p)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", (ws.title, c.coordinate, c.value)
                if isinstance(c.value, str):
                    assert not c.value.startswith(("=", "+", "@")), (ws.title, c.value)
    text = [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert "'=HYPERLINK(\"http://x\",\"click\")" in text
    assert typed_cell("-2+3") == ("'-2+3", None)


@pytest.mark.slow
def test_large_org_has_all_flags(tmp_path):
    org = synthetic_org(1516, seed=1)
    rep = build(org, lang="en", runs=10, months=3)
    p = tmp_path / "big.xlsx"
    write_report_xlsx(rep, path=p)
    wb = load_workbook(p, read_only=True)
    flags = wb["Flags"]
    n = sum(1 for _ in flags.iter_rows(min_row=2))
    assert n == len(rep.flags_table(0)) > 20  # every flag, not the deck's top 20


def test_batch_rows_ask_for_pptx_and_xlsx():
    from orglib.reporting import jobs_from, read_params_text

    jobs = read_params_text("org,lang,pptx,xlsx\nduocai-asis,en,yes,1\nduocai-tobe,zh,,\n")
    assert [(j["pptx"], j["xlsx"]) for j in jobs] == [(True, True), (False, False)]
    assert "pptx" not in jobs[0]["params"] and "xlsx" not in jobs[0]["params"]
    assert jobs_from([{"org": "a", "pptx": True}])[0]["pptx"] is True


def test_org_files_and_report_workbooks_share_one_cell_rule(tmp_path):
    """The same text lands in the same cell in an org file and in a report workbook."""
    import pandas as pd

    from orglib.io import load, save, xlsx_cell
    from orglib.reporting import write_workbook

    texts = ["=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(1)", "＝1", "a\x1bb", "-", "plain 市场"]
    org = Org.from_records([{"id": f"p{k}", "title": t, "headcount": 1, "reports_to": "p0" if k else ""}
                            for k, t in enumerate(texts)])
    save(org, tmp_path / "org.xlsx")
    ws = load_workbook(tmp_path / "org.xlsx")["positions"]
    head = [c.value for c in ws[1]]
    in_org = [r[head.index("title")] for r in ws.iter_rows(min_row=2, values_only=True)]
    write_workbook({"=evil[1]": pd.DataFrame({"=title": texts, "n": range(len(texts))})}, tmp_path / "rep.xlsx")
    wb = load_workbook(tmp_path / "rep.xlsx")
    assert wb.sheetnames == ["_=evil 1"]  # a valid sheet name, never formula-looking
    rep = wb.worksheets[0]
    assert rep["A1"].value == "'=title" and rep["A1"].font.bold and rep.freeze_panes == "A2"
    in_report = [r[0] for r in rep.iter_rows(min_row=2, values_only=True)]
    assert in_org == in_report == [xlsx_cell(t) for t in texts]
    assert in_report[:5] == ["'=1+1", "'+cmd|' /C calc'!A0", "'-2+3", "'@SUM(1)", "'＝1"]
    assert in_report[5:] == ["a_x001B_b", "-", "plain 市场"]
    assert [r[1] for r in rep.iter_rows(min_row=2, values_only=True)] == list(range(len(texts)))
    back = load(tmp_path / "org.xlsx", validate=False)
    assert back.positions["title"].tolist() == texts  # and the org file reads back as written


def test_same_titled_posts_are_told_apart_by_id_and_long_text_wraps(tmp_path, books):
    org = synthetic_org(300, seed=1)
    rep = build(org, lang="zh", runs=10, months=3)
    p = tmp_path / "ids.xlsx"
    write_report_xlsx(rep, path=p)
    wb = load_workbook(p)
    head, rows = _rows(wb["问题标记"])
    assert head[:3] == ["岗位", "岗位编号", "部门"]
    ids = set(org.positions["id"].astype(str))
    assert rows and all(r["岗位编号"] in ids for r in rows)
    assert len({(r["岗位"], r["部门"]) for r in rows}) < len({r["岗位编号"] for r in rows})  # titles alone repeat
    head, rows = _rows(wb["岗位"])
    assert head == ["岗位", "岗位编号", "部门", "上级", "上级编号", "定员"]
    assert len(rows) == 300 and all(r["岗位编号"] in ids for r in rows)
    # the sample's titles are unique: no id column (its ids are internal names)
    for lang, sheet, col in (("en", "Flags", "Post ID"), ("zh", "岗位", "岗位编号")):
        assert col not in [c.value for c in books[lang][sheet][1]]
    # text longer than the widest column wraps instead of running over its neighbours
    ws = books["en"]["Findings"]
    long = [c for row in ws.iter_rows(min_row=2) for c in row if isinstance(c.value, str) and len(c.value) > 60]
    assert long and all(c.alignment.wrap_text for c in long)
    assert all(ws.column_dimensions[c.column_letter].width == 60 for c in long)
