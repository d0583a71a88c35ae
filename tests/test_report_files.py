"""The report as a person looks at it: PDF pages (pdftoppm/pdftotext), the PowerPoint deck
(python-pptx) and the Excel workbook (openpyxl), all from one render."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from orglib._core.model import Org
from orglib.designs import breadth_first_parents
from orglib.reporting import render
from orglib.viz import MIN_PT, chart_pages

pytestmark = pytest.mark.notebook
FAST = {"runs": 20, "months": 6, "author": "orglib test", "date": "2026-01-31"}
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    out = tmp_path_factory.mktemp("files")
    return render("duocai-asis", ["duocai-tobe"], lang="en", out_dir=out, pdf=True, pptx=True, xlsx=True,
                  params=FAST)


@pytest.fixture(scope="module")
def files_zh(tmp_path_factory):
    out = tmp_path_factory.mktemp("files_zh")
    return render("duocai-asis", ["duocai-tobe"], lang="zh", out_dir=out, pdf=True, params=FAST)


def _pages_text(pdf: str) -> list[str]:
    n = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", pdf], capture_output=True,
                                                           text=True).stdout).group(1))
    return [subprocess.run(["pdftotext", "-layout", "-f", str(p), "-l", str(p), pdf, "-"],
                           capture_output=True, text=True).stdout for p in range(1, n + 1)]


def test_files_written(files):
    assert [Path(p).suffix for p in files.paths] == [".html", ".pdf", ".pptx", ".xlsx"]
    assert all(Path(p).stat().st_size > 10_000 for p in files.paths[1:] if p)


def test_pdf_pages_numbered_no_screen_hints_no_chinese(files):
    if files.pdf is None or not shutil.which("pdftotext"):
        pytest.skip("no Chromium/poppler")
    pages = _pages_text(files.pdf)
    n = len(pages)
    for k, text in enumerate(pages, start=1):
        assert f"{k} / {n}" in text  # running footer
    whole = "\n".join(pages)
    assert "Drag and zoom" not in whole and "hover" not in whole.lower()
    assert CJK.findall(whole) == []  # every post, unit and duty of duocai has an English name
    assert "Organisation review" in pages[0] and "Duocai Technology" in pages[0] and "2026-01-31" in pages[0]
    for head in ("1. Executive summary", "2. Recommendations", "3. Org chart", "Appendix A: method"):
        assert head in whole
    assert "Graicunas (1933)" in whole
    for raw in ("4P.price", "role.intelligence", "principle.", "nan", "NaN", "0.0909"):
        assert raw not in whole
    assert "9.1%" in whole  # management share as a percentage
    # findings: peers leading each other (相互领导) ranks first
    summary = next(p for p in pages[2:] if "1.1 Findings" in p)
    assert summary.index("Peers leading each other") < summary.index("Span above target")


def test_pdf_tables_and_text_read_as_a_client_would(files):
    """What a reader checks on paper: flags are posts (no fake "row 1"), input notes say where,
    table rows hold whole titles, counts are words, the simulation is a band per measure."""
    if files.pdf is None or not shutil.which("pdftotext"):
        pytest.skip("no Chromium/poppler")
    pages = _pages_text(files.pdf)
    whole = "\n".join(pages)
    flags = next(p for p in pages[2:] if "5.1 As-is" in p)
    assert not re.search(r"\brow \d|validation warning", flags)
    assert "6 notes on the input data: see Appendix B." in flags
    # the flag on one line, never "Span above / target"
    assert re.search(r"Marketing Manager\s+Span above target\s+10\s+Span 10 is above 7", flags)
    assert re.search(r"Marketing Manager\s+Graicunas overload\s+10\s+Span 10 means", flags)
    # a principle's value with its unit; clear responsibility as its parts, not a bare 13
    checks = next(p for p in pages[2:] if "Design-principle checks" in p)
    assert re.search(r"Clear responsibility\s+9 peer links \+ 4 posts\s+Needs attention", checks)
    assert re.search(r"Open information\s+1 step\s+OK", checks) and re.search(r"Efficiency\s+2 layers", checks)
    notes = next(p for p in pages[2:] if "Notes on the input" in p)
    assert re.search(r"Links, item 1\s+Peers Regional Promotion Manager \(promotion lead\)", notes)
    # a manager's row on one line: the title and unit are not squeezed by the number columns
    assert re.search(r"\n\s*Marketing Manager\s+Domestic Marketing Dept\s+1\s+1\s+6\s+10\s+10\n", whole)
    sim = next(p for p in pages[2:] if re.search(r"Month\s0", p))  # the fixture simulates months 0, 3, 6
    assert re.search(r"Measure\s+Month\s0\s+Month\s3\s+Month\s6", sim)
    assert re.search(r"Headcount \(people\)\s+11\s+\d+( \(\d+–\d+\))?\s+\d+( \(\d+–\d+\))?\n", sim)
    assert re.search(r"4P/4C/4R covered\s+5/12\s+8/12\s+\+3", whole)  # a change, not "≠"
    assert re.search(r"Removed\s+Headcount", whole) and "removed" not in whole
    assert "(s)" not in whole and "directs" not in whole
    # the to-be's appendix heading is on the page of its source line and its posts
    tobe = [p for p in pages[2:] if "To-be: Duocai Technology domestic marketing department (to-be)" in p
            and "Source: duocai-tobe" in p]
    assert tobe and "Promotion Specialist" in tobe[-1]


def test_pdf_chart_pages_hold_labels(files):
    if files.pdf is None or not shutil.which("pdftotext"):
        pytest.skip("no Chromium/poppler")
    pages = _pages_text(files.pdf)
    chart = [p for p in pages[2:] if "Chart 3.1.1" in p]
    assert len(chart) == 1
    for label in ("Marketing Manager", "Clerk", "Regional Promotion", "HC 3"):
        assert label in chart[0]
    tobe = [p for p in pages[2:] if "Chart 3.2.1" in p]
    assert tobe and "Promotion Lead" in tobe[0] and "Market Data Analyst" in tobe[0]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_pdf_no_mostly_blank_page(lang, request, tmp_path):
    res = request.getfixturevalue("files" if lang == "en" else "files_zh")
    if res.pdf is None or not shutil.which("pdftoppm"):
        pytest.skip("no Chromium/poppler")
    from PIL import Image

    subprocess.run(["pdftoppm", "-r", "30", "-png", res.pdf, str(tmp_path / "pg")], check=True)
    pngs = sorted(tmp_path.glob("pg-*.png"))
    assert 12 <= len(pngs) <= 22
    for png in pngs:
        ink = np.asarray(Image.open(png).convert("L")) < 200
        h = ink.shape[0]
        body = ink[: int(h * 0.93)]  # above the footer
        rows = body.any(axis=1).mean()
        assert rows > 0.12, f"{lang} {png.name}: only {rows:.0%} of the page has ink"
        # nothing in the foot margin but the page number (no clipped heading from the next page)
        foot = ink[int(h * 0.935): int(h * 0.975)]
        assert not foot.any(), f"{lang} {png.name}: ink in the foot margin"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_pdf_cover_and_contents_with_real_page_numbers(lang, request):
    """The cover is a designed page (title, organisation, key figures of both designs, the
    findings' headlines, author, date, language); the contents list every numbered heading
    with the page it is on."""
    res = request.getfixturevalue("files" if lang == "en" else "files_zh")
    if res.pdf is None or not shutil.which("pdftotext"):
        pytest.skip("no Chromium/poppler")
    pages = _pages_text(res.pdf)
    cover = re.sub(r"\s+", " ", pages[0])
    words = {"en": ["Organisation review", "Duocai Technology domestic marketing department (as-is)", "Key figures",
                    "As-is To-be", "Mean span (people) 10 3.33", "Management share 9.1% 27.3%", "Main findings",
                    "1. Peers leading each other: 9 functional-authority links join peers", "Author orglib test", "Date 2026-01-31", "Language English"],
             "zh": ["组织诊断报告", "多彩科技 国内市场部(现状)", "关键指标", "现状 方案", "平均管理幅度(人) 10 3.33",
                    "主要发现", "1. 相互领导:", "作者 orglib test", "日期 2026-01-31", "语言 中文"]}[lang]
    for w in words:
        assert w in cover, w
    contents = pages[1]
    assert contents.lstrip().startswith("Contents" if lang == "en" else "目录")
    entries = re.findall(r"^\s*((?:\d+\.\d* |Appendix |附录 ).+?)\s{2,}(\d+)\s*$", contents, re.M)
    heads = [h for h, _ in entries]
    assert len(entries) >= 15, entries
    assert heads[0] == ("1. Executive summary" if lang == "en" else "1. 执行摘要")
    assert ("4.2 To-be: Duocai Technology domestic marketing department (to-be)" if lang == "en"
            else "4.2 方案:多彩科技 国内市场部(调整方案)") in heads
    numbers = [int(n) for _, n in entries]
    assert numbers == sorted(numbers) and 3 <= numbers[0] and numbers[-1] <= len(pages)
    flat = [re.sub(r"\s+", "", p) for p in pages]
    for head, n in entries:  # each heading is on the page the contents give
        assert re.sub(r"\s+", "", head) in flat[int(n) - 1], (head, n)


def test_report_charts_legible_at_print_width(monkeypatch):
    """Every chart the report draws is sized for the width it is printed at: its smallest
    text is at least 7 pt on A4 (figure inches against the placed millimetres)."""
    import orglib.viz as viz
    from orglib.reporting import build
    from orglib.reporting._format import FIGURE_MM
    from orglib.viz import printed_min_pt

    seen = []
    real = viz.fit_width

    def record(fig, width_mm, **kw):
        seen.append((real(fig, width_mm, **kw), width_mm))
        return seen[-1][0]

    monkeypatch.setattr(viz, "fit_width", record)
    rep = build("duocai-asis", ["duocai-tobe"], lang="en", runs=20, months=6)
    rep.spans_layers(), rep.comparison(), rep.simulation()
    assert len(seen) == 2 * 2 + 1 + 3  # histogram + pyramid per design, comparison, three fan charts
    for fig, mm in seen:
        assert mm in FIGURE_MM.values()
        assert printed_min_pt(fig, mm) >= MIN_PT - 1e-6, (fig.axes[0].get_title(), mm)


def test_pdf_chart_images_placed_at_the_width_they_were_sized_for(files):
    if files.pdf is None or not shutil.which("pdfimages"):
        pytest.skip("no Chromium/poppler")
    from orglib.reporting._format import FIGURE_MM

    out = subprocess.run(["pdfimages", "-list", files.pdf], capture_output=True, text=True).stdout
    rows = [r.split() for r in out.splitlines()[2:] if r.strip()]
    assert len(rows) >= 8
    for r in rows:
        width_px, ppi = int(r[3]), float(r[12])
        placed = width_px / ppi * 25.4
        assert min(abs(placed - mm) for mm in FIGURE_MM.values()) < 2.5, (r, placed)


def test_pptx_slides_tables_fonts_no_overflow(files):
    from pptx import Presentation
    from pptx.oxml.ns import qn

    prs = Presentation(files.pptx)
    w, h = prs.slide_width, prs.slide_height

    def title(s):
        if s.shapes.title is not None:
            return s.shapes.title.text_frame.text
        return next(sh.text_frame.text for sh in s.shapes if sh.has_text_frame)

    titles = [title(s) for s in prs.slides]
    assert len(titles) >= 12
    assert titles[0].startswith("Organisation review")
    for need in ("Findings", "Recommendations", "Org chart", "Spans and layers", "Flags", "Coverage"):
        assert any(need in t for t in titles), need
    tables = charts = 0
    for s in prs.slides:
        for sh in s.shapes:
            assert sh.left >= 0 and sh.top >= 0, (title(s), sh.name)
            assert sh.left + sh.width <= w and sh.top + sh.height <= h, (title(s), sh.name)
            tables += sh.has_table
            charts += sh.has_chart
            if sh.has_text_frame:
                for p in sh.text_frame.paragraphs:
                    for run in p.runs:
                        if CJK.search(run.text):
                            ea = run._r.get_or_add_rPr().find(qn("a:ea"))
                            assert ea is not None and ea.get("typeface"), run.text
    assert tables >= 6 and charts >= 1
    text = " ".join(c.text_frame.text for s in prs.slides for sh in s.shapes if sh.has_table
                    for r in sh.table.rows for c in r.cells)
    assert CJK.findall(text) == [] and "4P.price" not in text and "nan" not in text.split()


def test_xlsx_sheets_typed_frozen(files):
    import openpyxl

    wb = openpyxl.load_workbook(files.xlsx)
    names = wb.sheetnames
    for need in ("Summary", "Findings", "Spans", "Flags", "Comparison", "Diff", "Coverage", "Simulation", "Posts"):
        assert need in names, need
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2"
        assert ws.column_dimensions["A"].width >= 8
    spans = wb["Spans"]
    head = [c.value for c in spans[1]]
    col = head.index("Span (people per incumbent)") + 1
    assert spans.cell(2, col).value == 10 and isinstance(spans.cell(2, col).value, int | float)
    assert spans.cell(2, 1).value == "Marketing Manager"
    sim = wb["Simulation"]
    assert all(isinstance(sim.cell(r, 3).value, int | float) for r in range(2, sim.max_row + 1))
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f"  # nothing is a formula
                assert c.value is None or not (isinstance(c.value, str) and c.value.lower() == "nan")


def test_xlsx_escapes_formula_text(tmp_path):
    import openpyxl
    import pandas as pd

    from orglib.reporting import write_workbook, write_xlsx

    tables = {"T": pd.DataFrame({"a": ["=HYPERLINK(\"http://x\")", "+cmd|' /C calc'!A0", "ok"],
                                 "n": [1, 2.5, None]})}
    with pytest.warns(DeprecationWarning, match="write_workbook"):
        p = write_xlsx(tables, tmp_path / "t.xlsx")  # the old name runs the one writer
    ws = openpyxl.load_workbook(p)["T"]
    # one rule for every orglib workbook (orglib.io.xlsx_cell): one apostrophe, a text cell
    assert ws["A2"].value == "'=HYPERLINK(\"http://x\")" and ws["A2"].data_type == "s"
    assert ws["A3"].value == "'+cmd|' /C calc'!A0" and ws["A4"].value == "ok"
    assert ws["B2"].value == 1 and ws["B3"].value == 2.5 and ws["B4"].value is None
    same = openpyxl.load_workbook(write_workbook(tables, tmp_path / "u.xlsx"))["T"]
    assert [[c.value for c in r] for r in same.iter_rows()] == [[c.value for c in r] for r in ws.iter_rows()]


def _big_org(n: int, seed: int = 1) -> Org:
    parent = breadth_first_parents(n, seed=seed)
    rows = [{"id": "p0", "title": "总监", "title_en": "Director", "headcount": 1, "unit": "u0"}]
    for i in range(1, n):
        p = int(parent[i])
        unit = f"u{i % 7 + 1}" if p == 0 else rows[p]["unit"]
        rows.append({"id": f"p{i}", "title": "经理" if p == 0 else "专员", "title_en": "",
                     "reports_to": f"p{p}", "headcount": 1, "unit": unit})
    return Org.from_records(rows)


def test_large_org_charts_paginated_and_legible():
    org = _big_org(5_000)
    pages = chart_pages(org, lang="en", prefix="3.1")
    assert 5 <= len(pages) <= 40
    assert pages[0].heading.startswith("Chart 3.1.1: overview")
    for p in pages:
        if p.svg:
            assert p.font_pt >= MIN_PT, (p.heading, p.font_pt)
        assert p.posts <= 16 * 4 + 1
    # the overview names the pages its managers continue on
    assert "continued on chart 3.1.2" in pages[0].dot
    # a head with 40 direct reports: split over pages, never one line of 40 boxes
    wide = Org.from_records([{"id": "h", "headcount": 1}] +
                            [{"id": f"e{i}", "reports_to": "h", "headcount": 1} for i in range(40)])
    pw = chart_pages(wide, lang="en")
    assert [p.posts for p in pw] == [1, 17, 17, 9]  # 16 + 16 + 8 reports, each page with the head
    assert all(p.font_pt >= MIN_PT for p in pw if p.svg)


def test_batch_columns_pptx_xlsx(tmp_path):
    from orglib.reporting import read_params_text, run_batch

    jobs = read_params_text("org,lang,pptx,xlsx,runs,months,name\nduocai-asis,zh,yes,1,20,6,b1\n")
    assert jobs[0]["pptx"] is True and jobs[0]["xlsx"] is True and "pptx" not in jobs[0]["params"]
    table = run_batch(jobs, str(tmp_path), workers=0)
    assert bool(table["ok"].all())
    assert (tmp_path / "b1.pptx").exists() and (tmp_path / "b1.xlsx").exists()
    import openpyxl

    wb = openpyxl.load_workbook(tmp_path / "b1.xlsx")
    assert "汇总" in wb.sheetnames and "发现与建议" in wb.sheetnames
