"""Large client reports as a person looks at them (issue 13, "Done when"): a 1,516-post UK
organogram and a 100,000-person HR export, both generated from a seed (tests/_client_like.py),
render paginated PDF org charts (an overview, then a page per unit or manager) whose
"continued on page n" markers name the page that holds that team's chart, text no smaller
than 7 pt, no mostly blank page, a deck whose org-chart slides stay on the slide, and an
HTML chart that opens the overview and drills down offline."""

from __future__ import annotations

import math
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from _client_like import DIRECTORATES, HR_UNITS, UNITS, hr_export_csv, organogram_csv
from _deck_fit import overflows

from orglib.reporting import render

pytestmark = [pytest.mark.notebook, pytest.mark.slow]
FAST = {"runs": 10, "months": 3, "author": "orglib test", "date": "2026-01-31"}
HEAD = {"en": re.compile(r"^\s*Chart (3\.1\.\d+): (.*)$", re.M), "zh": re.compile(r"^\s*图 (3\.1\.\d+):(.*)$", re.M)}
MARK = {"en": re.compile(r"continued on pages? (\d+)(?:–(\d+))?"), "zh": re.compile(r"续见第 (\d+)(?:–(\d+))? 页")}
LEFT = {"en": "continued on chart", "zh": "续见图"}


def _need_tools():
    for tool in ("pdftotext", "pdftoppm", "pdfinfo"):
        if not shutil.which(tool):
            pytest.skip(f"{tool} (poppler-utils) not installed")


@pytest.fixture(scope="module")
def agency(tmp_path_factory):
    d = tmp_path_factory.mktemp("agency")
    res = render(str(organogram_csv(d / "agency.csv")), lang="en", out_dir=d, name="agency", pdf=True,
                 pptx=True, xlsx=True, params=FAST)
    if res.pdf is None:
        pytest.skip("no Chromium")
    return res


@pytest.fixture(scope="module")
def hr100k(tmp_path_factory):
    d = tmp_path_factory.mktemp("hr100k")
    res = render(str(hr_export_csv(d / "hr100000.csv")), lang="zh", out_dir=d, name="hr", pdf=True,
                 pptx=True, xlsx=True, params=FAST)
    if res.pdf is None:
        pytest.skip("no Chromium")
    return res


def _pages(pdf: str) -> list[str]:
    n = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", pdf], capture_output=True,
                                                           text=True).stdout).group(1))
    return [subprocess.run(["pdftotext", "-f", str(p), "-l", str(p), pdf, "-"], capture_output=True,
                           text=True).stdout for p in range(1, n + 1)]


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _charts(pages: list[str], lang: str) -> dict[str, tuple[int, str]]:
    """Chart number → (page, heading text) of every chart page."""
    out = {}
    for k, text in enumerate(pages, start=1):
        for m in HEAD[lang].finditer(text):
            out[m.group(1)] = (k, m.group(2).strip())
    return out


def _check_markers(pdf: str, lang: str) -> int:
    """Every marker names a page holding a chart, that chart is the team of a box on the
    marker's page, and the marker is a link to that page. Returns the markers seen."""
    from pypdf import PdfReader

    pages = _pages(pdf)
    charts = _charts(pages, lang)
    chart_at = {p: (num, head) for num, (p, head) in charts.items()}
    reader = PdfReader(pdf)
    seen = 0
    for k, text in enumerate(pages, start=1):
        assert LEFT[lang] not in text, f"page {k}: a chart number left where a page number belongs"
        flat = _flat(text)
        marks = MARK[lang].findall(text)
        for first, last in marks:
            seen += 1
            for target in {int(first), int(last or first)}:
                assert target in chart_at, f"page {k}: 'page {target}' holds no chart"
            num, head = chart_at[int(first)]
            # the box with the marker is that manager (its title, and its unit when the heading names one)
            who, *where = re.split(r"\s*[(\uff08]|[)\uff09]|及其下属| and the ", head)[:2]
            assert _flat(who)[:14] in flat, (k, head)
            assert not where or not where[0] or where[0] in flat, (k, head)
        links = {reader.get_destination_page_number(reader.named_destinations[str(a.get_object()["/Dest"])]) + 1
                 for a in reader.pages[k - 1].get("/Annots", []) or []
                 if str(a.get_object().get("/Dest", "")).startswith("/chart-")}
        assert links == {int(f) for f, _ in marks}, f"page {k}: links {links} vs markers {marks}"
    return seen


def _min_font_pt(pdf: str) -> list[tuple[int, float]]:
    """Smallest text size (pt) drawn on each page, from the PDF's text matrices."""
    from pypdf import PdfReader

    out = []
    for k, page in enumerate(PdfReader(pdf).pages, start=1):
        sizes: list[float] = []

        def visit(text, cm, tm, font, size, sizes=sizes):
            if text.strip():
                a, b = tm[0] * cm[0] + tm[1] * cm[2], tm[0] * cm[1] + tm[1] * cm[3]
                c, d = tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3]
                sizes.append(size * math.sqrt(abs(a * d - b * c)))

        page.extract_text(visitor_text=visit)
        if sizes:
            out.append((k, min(sizes)))
    return out


def _check_ink(pdf: str, tmp_path: Path) -> None:
    from PIL import Image

    subprocess.run(["pdftoppm", "-r", "30", "-png", pdf, str(tmp_path / "pg")], check=True)
    for png in sorted(tmp_path.glob("pg-*.png"))[1:]:  # after the cover (a title block by design)
        ink = np.asarray(Image.open(png).convert("L")) < 200
        rows = ink[: int(ink.shape[0] * 0.93)].any(axis=1).mean()
        assert rows > 0.08, f"{png.name}: only {rows:.0%} of the page has ink"


def test_organogram_overview_then_a_page_per_unit(agency):
    _need_tools()
    pages = _pages(agency.pdf)
    charts = _charts(pages, "en")
    page, head = charts["3.1.1"]
    assert head == "overview (top layers)"
    overview = _flat(pages[page - 1])
    assert "Chief Executive" in overview
    for d in DIRECTORATES:
        assert f"Director of {d}" in overview
        assert any(h.startswith(f"Director of {d} ({d}) and the ") for _, h in charts.values()), d
    for _, u in UNITS:  # every unit has its own page: nothing left undrawn
        assert any(h.startswith(f"Deputy Director, {u} ({u})") for _, h in charts.values()), u
    assert not any("posts not drawn" in p for p in pages)
    # a team of officers is one box listing its titles
    campaigns = next(pages[p - 1] for p, h in charts.values() if h.startswith("Deputy Director, Campaigns"))
    assert re.search(r"\d+ posts · \d+ people", campaigns) and "× Officer" in campaigns


def test_organogram_markers_are_real_page_numbers(agency):
    _need_tools()
    assert _check_markers(agency.pdf, "en") >= 35  # the overview's 7, the directors' 28


def test_organogram_pages_legible_and_inked(agency, tmp_path):
    _need_tools()
    small = [(k, round(pt, 2)) for k, pt in _min_font_pt(agency.pdf) if pt < 7.0]
    assert small == []
    _check_ink(agency.pdf, tmp_path)


def test_hr100k_charts_paginated_legible_and_linked(hr100k, tmp_path):
    _need_tools()
    pages = _pages(hr100k.pdf)
    charts = _charts(pages, "zh")
    page, head = charts["3.1.1"]
    assert head == "总览(上层)"
    overview = _flat(pages[page - 1])
    assert "市场总监" in overview
    for u in HR_UNITS:
        assert u in overview
        assert any(h.startswith(f"部门经理({u})及其下属") for _, h in charts.values()), u
    assert 20 <= len(charts) <= 40
    assert _check_markers(hr100k.pdf, "zh") >= 30
    assert [(k, round(pt, 2)) for k, pt in _min_font_pt(hr100k.pdf) if pt < 7.0] == []
    _check_ink(hr100k.pdf, tmp_path)
    # the spans section summarises by unit with a heatmap (one figure, labels in Chinese)
    assert "各部门各层级的平均管理幅度" in Path(hr100k.html).read_text(encoding="utf-8")


@pytest.mark.parametrize("which", ["agency", "hr100k"])
def test_large_decks_stay_on_the_slide(which, request):
    from pptx import Presentation
    from pptx.util import Pt

    from orglib.reporting._pptx import MAX_BOXES, MIN_PT, wrap_lines

    res = request.getfixturevalue(which)
    deck = Presentation(res.pptx)
    W, H = deck.slide_width, deck.slide_height
    titles = [s.shapes.title.text_frame.text if s.shapes.title is not None else "" for s in deck.slides]
    prefix, overview = ("Org chart", "Org chart: overview") if which == "agency" else ("组织结构图", "组织结构图:总览")
    assert any(t.startswith(overview) for t in titles)
    charts = [i for i, t in enumerate(titles) if t.startswith(prefix)]
    assert len(charts) >= 9
    # one slide per top-level unit: same-titled managers are told apart by their units
    for u in (UNITS[:3] if which == "agency" else HR_UNITS):
        want = f"Org chart: Deputy Director, {u[1]}" if which == "agency" else f"组织结构图:部门经理({u}"
        assert any(t.startswith(want) for t in titles), want
    heat = "Mean span by unit and layer" if which == "agency" else "各部门各层级的平均管理幅度"
    hs = [s for s, t in zip(deck.slides, titles, strict=True) if t.startswith(heat)]
    assert len(hs) == 1 and any(sh.shape_type == 13 for sh in hs[0].shapes)  # a picture
    for n, slide in enumerate(deck.slides, start=1):
        for sh in slide.shapes:
            assert sh.left >= 0 and sh.top >= 0 and sh.left + sh.width <= W and sh.top + sh.height <= H, \
                (n, titles[n - 1], sh.name)
    for i in charts:
        boxes = [sh for sh in deck.slides[i].shapes if sh.shape_type == 1]
        assert 1 <= len(boxes) <= MAX_BOXES, titles[i]
        for b in boxes:  # the text of each box fits in it
            tf = b.text_frame
            need = 0.0
            for p in tf.paragraphs:
                size = max((r.font.size for r in p.runs if r.font.size is not None), default=Pt(MIN_PT))
                assert size >= Pt(MIN_PT)
                lines = wrap_lines(p.text, b.width / 914400 - 0.1, size.pt) if p.text else [""]
                need += len(lines) * size.pt * 1.2 / 72
            assert need <= b.height / 914400 + 0.05, (titles[i], tf.text)
    # measured independently of the deck's own estimate: no text runs out of its box
    assert overflows(deck) == []
    # two slides never share a title: same-titled managers of one unit are named by post id
    assert len({titles[i] for i in charts}) == len(charts), [titles[i] for i in charts]
    if which == "hr100k":
        # every department head has its slide; when the slides run out within the next layer,
        # its teams are taken in turn from each department, not all from the first ones
        heads = {re.sub(r"\(第 \d+/\d+ 部分\)$", "", titles[i]) for i in charts
                 if titles[i].startswith("组织结构图:部门经理")}
        rows = [line.split(",") for line in (Path(res.pptx).parent / "hr100000.csv").read_text("utf-8").splitlines()]
        reports_of_head = sum(1 for r in rows[1:] if r[2] == "E000000")
        assert len(heads) == reports_of_head > len(HR_UNITS), heads  # some departments have two heads
        sup = [titles[i] for i in charts if titles[i].startswith("组织结构图:主管")]
        assert {u for u in HR_UNITS if any(f"主管({u}" in t for t in sup)} == set(HR_UNITS), sup
        assert any(re.search(r"部门经理\(品牌部,E0+\d+\)", t) for t in heads), heads


@pytest.mark.parametrize("which", ["agency", "hr100k"])
def test_large_workbooks_hold_every_flag_as_numbers(which, request):
    from openpyxl import load_workbook

    res = request.getfixturevalue(which)
    xlsx = next(p for p in res.paths if str(p).endswith(".xlsx"))
    wb = load_workbook(xlsx, read_only=True)
    flags = wb["Flags" if which == "agency" else "问题标记"]
    head, *rows = list(flags.iter_rows(values_only=True))
    assert len(rows) > 20  # every flag, not the deck's 20 most important
    span = head.index("Span (people)" if which == "agency" else "幅度(人)")
    assert all(isinstance(r[span], int | float) for r in rows if r[span] is not None)  # typed as numbers
    pid = head.index("Post ID" if which == "agency" else "岗位编号")  # same-titled posts told apart
    flag = head.index("Flag" if which == "agency" else "标记")
    assert len({(r[pid], r[flag]) for r in rows}) == len(rows)
    posts = wb["Posts" if which == "agency" else "岗位"]
    assert sum(1 for _ in posts.iter_rows(min_row=2)) == (1516 if which == "agency" else 100_000)


@pytest.mark.browser
def test_html_chart_overview_then_drill_down_offline(agency, offline_page, tmp_path):
    page = offline_page
    page.goto(Path(agency.html).resolve().as_uri())
    frame_el = page.locator("iframe.orgchart-frame").first
    frame_el.scroll_into_view_if_needed()
    fr = frame_el.element_handle().content_frame()
    fr.wait_for_selector("body[data-drawn='1']", timeout=30_000)
    assert fr.evaluate("document.body.dataset.chart") == "chart-3.1.1"
    options = fr.evaluate("Array.from(document.querySelectorAll('#orgchart-select option')).map(o => o.text)")
    assert options[0] == "Chart 3.1.1: overview (top layers)" and len(options) >= 36
    assert fr.evaluate("nodes.length") == 8  # the head and its 7 directors, not 1,516 boxes
    frame_el.screenshot(path=str(tmp_path / "overview.png"))
    # click the box of the Director of Digital: its team's chart opens
    xy = fr.evaluate("""() => { var id = nodes.getIds().find(i => nodes.get(i).label.startsWith('Director of Digital'));
                                 var p = network.canvasToDOM(network.getPositions([id])[id]); return [p.x, p.y]; }""")
    fr.locator("#mynetwork canvas").click(position={"x": xy[0], "y": xy[1]})
    fr.wait_for_function("document.body.dataset.chart !== 'chart-3.1.1'")
    chosen = fr.evaluate("document.getElementById('orgchart-select').selectedOptions[0].text")
    assert chosen.startswith("Chart 3.1.3: Director of Digital (Digital)")
    labels = fr.evaluate("nodes.get().map(n => n.label.replace(/\\n/g, ' '))")
    assert any(x.startswith("Deputy Director, Web Services") for x in labels)
    frame_el.screenshot(path=str(tmp_path / "digital.png"))
    from PIL import Image

    ink = np.asarray(Image.open(tmp_path / "digital.png").convert("L")) < 200
    assert ink.mean() > 0.01  # boxes were drawn
    fr.click("#orgchart-up")
    assert fr.evaluate("document.body.dataset.chart") == "chart-3.1.1"
    assert page.dialogs == []
    assert [u for u in page.requests if not u.startswith(("file:", "data:", "about:"))] == []
