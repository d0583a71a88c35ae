"""The report: papermill with several parameter sets, offline HTML in Chromium, XSS, CJK, failures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import XSS, draw_frames

from orglib._core.errors import OrgInputError
from orglib.cli._main import main
from orglib.reporting._render import (
    REPORT_NOTEBOOK,
    ReportError,
    coerce_parameters,
    notebook_parameters,
    remote_references,
    render,
    to_html,
)

pytestmark = pytest.mark.notebook
FAST = {"runs": 20, "months": 6}


def test_parameters_cell_is_typed_literals():
    nb = json.loads(REPORT_NOTEBOOK.read_text(encoding="utf-8"))
    cell = nb["cells"][0]
    assert "parameters" in cell["metadata"]["tags"]
    params = notebook_parameters()
    for need in ("org", "to_be", "lang", "span_target", "title", "author", "seed"):
        assert need in params and params[need]["help"]
    assert params["seed"]["type"] == "int" and params["to_be"]["type"] == "list"


def test_unknown_or_badly_typed_parameter_is_an_error():
    with pytest.raises(OrgInputError, match="did you mean 'seed'"):
        coerce_parameters({"sede": "1"})
    with pytest.raises(OrgInputError, match="expects a int"):
        coerce_parameters({"seed": "x"})
    assert coerce_parameters({"mapping": "id=工号,reports_to=上级"}) == {
        "mapping": {"id": "工号", "reports_to": "上级"}}


@pytest.mark.parametrize("lang,to_be,extra", [
    ("zh", ["duocai-tobe"], {"span_target": "coach", "author": "测试"}),
    ("en", [], {"span_target": "8", "seed": 3, "title": "Quick look"}),
    ("en", ["centralized-sme", "decentralized-large"], {"span_target": "supervisor"}),
])
def test_render_parameter_sets(tmp_out, lang, to_be, extra):
    res = render("duocai-asis", to_be, lang=lang, out_dir=tmp_out, params={**FAST, **extra})
    page = Path(res.html).read_text(encoding="utf-8")
    assert remote_references(page) == []
    assert "mathjax" not in page.lower() and "require.js" not in page.lower()
    assert page.count("<iframe") == 1 + len(to_be)
    assert page.count("data:image/png;base64") >= 3
    assert ("执行摘要" in page) == (lang == "zh") and ("Executive summary" in page) == (lang == "en")
    if "title" in extra:
        assert extra["title"] in page
    assert not list(tmp_out.glob("*.tmp")) and not list(tmp_out.glob("*.failed.ipynb"))
    assert res.timings["startup"] > 0 and res.timings["execute"] > 0


def test_failed_run_leaves_no_half_report(tmp_out):
    with pytest.raises(ReportError) as err:
        render("duocai-asis", lang="en", out_dir=tmp_out, params={**FAST, "span_target": "boss"})
    msg = str(err.value)
    assert "cell 2" in msg and "rep = build(" in msg and "unknown manager archetype" in msg
    kept = tmp_out / "duocai-asis-en.failed.ipynb"
    assert kept.exists() and err.value.notebook == str(kept)
    assert [p.name for p in tmp_out.iterdir()] == [kept.name]


def test_failed_run_keeps_previous_report(tmp_out):
    ok = render("duocai-asis", lang="en", out_dir=tmp_out, params=FAST)
    before = Path(ok.html).read_bytes()
    with pytest.raises(ReportError):
        render("duocai-asis", lang="en", out_dir=tmp_out, params={**FAST, "span_target": "boss"})
    assert Path(ok.html).read_bytes() == before


def test_cli_prints_paths_and_fails_cleanly(tmp_out, capsys):
    rc = main(["report", "duocai-asis", "--lang", "en", "--out", str(tmp_out), "-p", "runs", "20",
               "-p", "months", "6", "--name", "cli"])
    assert rc == 0
    assert capsys.readouterr().out.strip() == str(tmp_out / "cli.html")
    rc = main(["report", "duocai-asis", "--out", str(tmp_out), "-p", "lnag", "en"])
    err = capsys.readouterr().err
    assert rc == 2 and "lnag" in err and "Traceback" not in err
    rc = main(["report", "no-such-template-xyz", "--out", str(tmp_out)])
    assert rc != 0


def test_pdf_without_chromium_still_writes_html(tmp_out, monkeypatch):
    monkeypatch.setenv("ORGLIB_CHROMIUM", "/nonexistent")
    monkeypatch.setattr("orglib.reporting._render.CHROMIUM_CANDIDATES", ())
    res = render("duocai-asis", lang="en", out_dir=tmp_out, pdf=True, params=FAST)
    assert res.pdf is None and Path(res.html).exists()
    assert "chromium" in res.message.lower() and "\n" not in res.message


@pytest.fixture(scope="module")
def xss_report(tmp_path_factory, ):
    from orglib._core.model import Org

    out = tmp_path_factory.mktemp("xss")
    rows = [{"id": "m", "title": "经理 " + XSS, "title_en": "Manager " + XSS, "headcount": 1, "unit": "u"},
            {"id": "e", "title": "专员", "reports_to": "m", "headcount": 6, "unit": "u"}]
    org = Org.from_records(rows, [{"id": "u", "name": "市场部 " + XSS}],
                           meta={"id": "xss", "name": "恶意 " + XSS, "name_en": "Evil " + XSS})
    return render(org, lang="zh", out_dir=out, pdf=True, params={**FAST, "author": XSS})


def test_xss_text_is_escaped_in_html(xss_report):
    page = Path(xss_report.html).read_text(encoding="utf-8")
    assert XSS not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


@pytest.mark.browser
def test_report_offline_in_chromium_xss_and_cjk(xss_report, offline_page, tmp_path):
    offline_page.goto(Path(xss_report.html).as_uri())
    assert draw_frames(offline_page) == 1
    body = offline_page.inner_text("body")
    assert XSS in body  # shown literally
    assert "执行摘要" in body and "管理幅度与层级" in body
    assert offline_page.evaluate("document.querySelectorAll('img[src=\"x\"]').length") == 0
    frame = offline_page.query_selector("iframe").content_frame()
    assert frame.evaluate("document.querySelectorAll('img').length") == 0
    assert any(XSS in lab for lab in frame.evaluate("nodes.get().map(n => n.label)"))
    figs = offline_page.evaluate(
        "Array.from(document.querySelectorAll('img.figure')).map(i => i.complete && i.naturalWidth > 0)")
    assert figs and all(figs)
    assert offline_page.dialogs == []
    assert [u for u in offline_page.requests if u.startswith("http")] == []
    # the chart canvas has ink: screenshot of the iframe is not blank
    shot = tmp_path / "chart.png"
    offline_page.query_selector("iframe").screenshot(path=str(shot))
    from PIL import Image

    im = Image.open(shot).convert("L")
    assert im.getextrema()[0] < 200  # some dark pixels (boxes, text, lines)


def test_pdf_printed_by_chromium(xss_report):
    if xss_report.pdf is None:
        pytest.skip(xss_report.message)
    data = Path(xss_report.pdf).read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 10_000
    import shutil
    import subprocess

    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", xss_report.pdf, "-"], capture_output=True, text=True).stdout
        assert "执行摘要" in text and "<img src=x onerror=alert(1)>" in text


def test_to_html_rejects_remote_scripts():
    import nbformat

    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("")
    cell.outputs = [nbformat.v4.new_output("display_data", data={
        "text/html": '<script src="https://cdn.example/x.js"></script>'})]
    nb.cells = [cell]
    with pytest.raises(ReportError, match="internet"):
        to_html(nb)


def test_report_reads_a_client_workbook_sheet(tmp_path):
    """``--sheet`` (and the other file options) reach the report, not only validate/convert."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "notes"
    wb.active.append(["a cover sheet"])
    ws = wb.create_sheet("staff")
    ws.append(["工号", "职位", "上级工号", "部门"])
    ws.append(["001", "市场部经理", "", "市场部"])
    for i in range(2, 8):
        ws.append([f"00{i}", "专员", "001", "市场部"])
    wb.save(tmp_path / "hr.xlsx")
    from orglib.cli import main

    assert main(["report", str(tmp_path / "hr.xlsx"), "--sheet", "staff", "--lang", "en",
                 "--out", str(tmp_path / "out"), "-p", "runs", "20", "-p", "months", "6"]) == 0
    import html as _html
    import re

    page = (tmp_path / "out" / "hr-en.html").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", _html.unescape(re.sub(r"<[^>]+>", " ", re.sub(
        r"<(script|style).*?</\1>", "", page, flags=re.S))))
    assert "Managers lead 6 people each on average" in text  # the staff sheet, not the cover sheet
