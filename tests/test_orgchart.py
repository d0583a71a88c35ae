"""Org charts: precomputed layout, collapse above the node cap, offline page, escaping."""

from __future__ import annotations

import re

import numpy as np
import pytest
from conftest import XSS, draw_frames  # noqa: F401

from orglib._core.model import Org
from orglib.viz._orgchart import (
    LINK_STYLES,
    chart_view,
    dot_source,
    embed_html,
    interactive_html,
    remote_references,
    static_html,
    static_svg,
    tree_levels,
)


def big_org(n: int, span: int = 5) -> Org:
    rows = [{"id": "0", "title": "总监", "headcount": 1, "unit": "u0"}]
    rows += [{"id": str(i), "title": f"岗位{i}", "reports_to": str((i - 1) // span), "headcount": 1,
              "unit": f"u{i % 4}"} for i in range(1, n)]
    return Org.from_records(rows)


def test_layout_is_a_tidy_tree(small_org):
    v = chart_view(small_org)
    pos = v.nodes.set_index("id")
    assert pos.loc["mgr", "y"] == 0 and pos.loc["shop", "y"] == 2
    kids = pos.loc[["r0", "r1", "r2", "r3", "x"], "x"]
    assert pos.loc["mgr", "x"] == pytest.approx((kids.min() + kids.max()) / 2)
    assert pos.loc["shop", "x"] == pos.loc["r0", "x"]
    # no two boxes on one spot
    assert not v.nodes.duplicated(["x", "y"]).any()
    assert set(v.edges["kind"]) == {"reports", "directs", "dotted", "assists"}


def test_headcount_in_label_and_unit_colours(small_org):
    v = chart_view(small_org, lang="en")
    lab = v.nodes.set_index("id")["label"]
    assert "HC 3" in lab["shop"]
    colours = v.nodes.groupby("unit")["color"].nunique()
    assert (colours == 1).all() and v.nodes["color"].nunique() == 3


def test_collapse_to_layers_with_counts():
    org = big_org(5000)
    v = chart_view(org, node_cap=1500)
    assert v.mode == "layers" and len(v.nodes) <= 1500
    assert v.nodes["hidden_posts"].sum() + len(v.nodes) == 5000
    hidden = v.nodes[v.nodes["hidden_posts"] > 0]
    assert hidden["label"].str.contains("posts|岗位").all()
    assert hidden["hidden_people"].sum() == 5000 - len(v.nodes)


def test_collapse_to_units_for_flat_orgs():
    rows = [{"id": "0", "headcount": 1, "unit": "top"}]
    rows += [{"id": str(i), "reports_to": "0", "headcount": 1, "unit": f"u{i % 7}"} for i in range(1, 3000)]
    v = chart_view(Org.from_records(rows), node_cap=1500)
    assert v.mode == "units" and len(v.nodes) == 8
    assert v.nodes["people"].sum() == 3000


def test_cycle_is_cut_not_looping():
    org = Org.from_records([{"id": "a", "reports_to": "b"}, {"id": "b", "reports_to": "a"}, {"id": "c"}])
    parent, depth = tree_levels(org)
    assert sorted(depth.tolist()) == [0, 0, 1]


def test_page_is_offline_and_escaped(small_org):
    page = interactive_html(small_org)
    assert remote_references(page) == []
    assert XSS not in page  # JSON-escaped in the script
    assert '"physics": {"enabled": false}' in page.replace("false}", "false}")
    assert "tooltip_link" not in page and "innerHTML = nodeData" not in page
    assert "vis.Network" in page


def test_tooltip_mentioning_href_keeps_plain_text_tooltips():
    org = Org.from_records([{"id": "a", "title": '<a href="javascript:alert(1)">x</a>', "headcount": 1}])
    page = interactive_html(org)
    assert "popup.innerHTML" not in page


def test_embed_and_static_escape(small_org):
    frame = embed_html(interactive_html(small_org))
    assert XSS not in frame and frame.count("<iframe") == 1
    assert 'sandbox="allow-scripts"' in frame
    assert '\\"' not in dot_source(chart_view(Org.from_records([{"id": "a", "title": "x"}])))
    html = static_html(small_org)
    assert XSS not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_static_svg_has_every_box(small_org):
    svg = static_svg(small_org)
    if svg is None:
        pytest.skip("graphviz dot not installed: apt-get install graphviz")
    assert svg.startswith("<svg")
    assert len(re.findall(r'class="node"', svg)) == len(small_org.positions)


def test_fill_directly_scales_linearly():
    # 20k posts collapse to under the cap and build without from_nx
    v = chart_view(big_org(20_000), node_cap=1500)
    assert len(v.nodes) <= 1500
    assert np.isfinite(v.nodes[["x", "y"]].to_numpy()).all()


def test_link_styles_differ():
    assert LINK_STYLES["dotted"]["dashes"] != LINK_STYLES["assists"]["dashes"]
    assert LINK_STYLES["dotted"]["color"] != LINK_STYLES["assists"]["color"]


@pytest.mark.browser
def test_chart_draws_offline_and_nothing_executes(small_org, offline_page, tmp_path):
    f = tmp_path / "chart.html"
    f.write_text("<!doctype html><meta charset='utf-8'><body>"
                 + embed_html(interactive_html(small_org)) + "</body>", encoding="utf-8")
    offline_page.goto(f.as_uri())
    assert draw_frames(offline_page) == 1
    frame = offline_page.query_selector("iframe").content_frame()
    labels = frame.evaluate("nodes.get().map(n => n.label)")
    assert any(lab.startswith(XSS) for lab in labels)
    assert frame.evaluate("document.querySelectorAll('img').length") == 0
    assert offline_page.dialogs == []
    assert [u for u in offline_page.requests if u.startswith("http")] == []


# ----------------------------------------------------------------------------- pages
def _team_org(titles: int) -> Org:
    rows = [{"id": "h", "title": "总监", "title_en": "Director", "headcount": 1, "unit": "a"}]
    rows += [{"id": f"m{i}", "title": f"经理{i}", "reports_to": "h", "headcount": 1, "unit": "a"} for i in range(3)]
    rows += [{"id": f"e{i}_{j}", "title": f"专员{j % titles}", "reports_to": f"m{i}", "headcount": 1, "unit": "a"}
             for i in range(3) for j in range(10)]
    return Org.from_records(rows)


def test_team_boxes_for_few_titles_else_pages():
    from orglib.viz import chart_pages

    few = chart_pages(_team_org(4), lang="zh", max_rows=12, render=False)
    assert len(few) == 1 and sum(len(t) for t in few[0].teams.values()) == 30
    assert "10 个岗位 · 10 人" in few[0].dot and "3 × 专员0" in few[0].dot and "未画出" not in few[0].dot
    many = chart_pages(_team_org(10), lang="zh", max_rows=12, render=False)
    assert [p.posts for p in many] == [4, 11, 11, 11] and not any(p.teams for p in many)
    assert many[0].continues == {1: (1, 1), 2: (2, 2), 3: (3, 3)}


def test_continued_markers_link_and_resolve_to_pages():
    from orglib.viz import chart_pages, resolve_chart_refs

    wide = Org.from_records([{"id": "h", "headcount": 1}] + [
        {"id": f"m{i}", "reports_to": "h", "headcount": 1} for i in range(3)] + [
        {"id": f"e{i}", "reports_to": f"m{i % 3}", "headcount": 1} for i in range(45)])  # 15 each: a page each
    for lang, before, after in (("en", "continued on chart 3.1.2", "continued on page 17"),
                                ("zh", "续见图 3.1.2", "续见第 17 页")):
        pages = chart_pages(wide, lang=lang, prefix="3.1")
        if not pages[0].svg:
            pytest.skip("graphviz dot not installed")
        svg = pages[0].svg
        assert '<a href="#chart-3.1.2"><text class="chart-ref" data-first="3.1.2"' in svg and before in svg
        # nbconvert's sanitiser writes attributes sorted: the markers are found either way
        sorted_attrs = re.sub(r'<text class="chart-ref" (data-first="[^"]+") (data-last="[^"]+") (data-lang="[^"]+")',
                              r'<text \3 class="chart-ref" \2 \1', svg)
        for text in (svg, sorted_attrs):
            done = resolve_chart_refs(text, {p.anchor: 16 + k for k, p in enumerate(pages)})
            assert after in done and before not in done
        assert pages[1].anchor == "chart-3.1.2"


def test_drilldown_opens_each_team_and_escapes_titles():
    import json

    from orglib.viz import chart_pages, drilldown_html

    rows = [{"id": "h", "title": XSS, "headcount": 1}]
    rows += [{"id": f"m{i}", "title": f"Manager {i}", "reports_to": "h", "headcount": 1} for i in range(20)]
    rows += [{"id": f"e{i}", "title": f"Specialist {i}", "reports_to": f"m{i % 20}", "headcount": 1} for i in range(400)]
    org = Org.from_records(rows)
    pages = chart_pages(org, lang="en", render=False)
    page = drilldown_html(org, pages, lang="en")
    assert XSS not in page and "<img" not in page.split("<body>", 1)[1].split("<script")[0]
    charts = json.loads(re.search(r"var CHARTS = (.*);\n", page).group(1))
    assert [c["heading"] for c in charts] == [p.heading for p in pages]
    for c in charts:  # each box that opens a chart opens the chart of that box's team
        for nd in c["nodes"]:
            if nd["chart"] >= 0:
                target = charts[nd["chart"]]
                assert target["heading"].split(": ", 1)[1].startswith(nd["label"].split("\n")[0]), target["heading"]
                assert target["up"] >= 0
    assert remote_references(page) == []
