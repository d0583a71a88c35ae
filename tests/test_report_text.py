"""The report's text read as a client reads it: cover, flags, notes on the input, counts.

Sections are built in the library (no kernel) and turned into the text a reader sees.
"""

from __future__ import annotations

import html
import re

import pytest
from openpyxl import load_workbook

from orglib._core import Problem
from orglib.io import load
from orglib.reporting import build, write_report_xlsx

FAST = {"runs": 10, "months": 3}
CJK = re.compile(r"[\u3400-\u9fff]")


def text(fragment: str) -> str:
    """What a reader sees of an HTML fragment: tags dropped, entities decoded, spaces folded."""
    out = re.sub(r"<(p|div|li|tr|h\d)[^>]*>", "\n", str(fragment))
    out = re.sub(r"</t[dh]>", " | ", out)
    return re.sub(r"[ \t]+", " ", html.unescape(re.sub(r"<[^>]+>", "", out)))


@pytest.fixture(scope="module")
def duocai():
    return {lang: build("duocai-asis", "duocai-tobe", lang=lang, **FAST) for lang in ("zh", "en")}


@pytest.fixture()
def client_csv(tmp_path):
    p = tmp_path / "acme-hr.csv"
    p.write_text("id,title,reports_to,headcount\nm,Head of marketing,,1\ne,Clerk,m,3\n", encoding="utf-8")
    return p


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_flags_list_posts_only_and_notes_say_where(duocai, lang):
    rep = duocai[lang]
    flags = text(rep.flags())
    # the peer-authority warnings are about links, not rows of posts: no fake "row 1" among the flags
    assert not re.search(r"\brow \d|第 \d+ 行|validation warning|校验警告", flags), flags
    assert list(rep.flags_table(0).iloc[:, 0]) == [rep._t("市场部经理", "Marketing Manager")] * 2
    assert rep._t("另有 6 条输入数据说明,见附录 B", "6 notes on the input data: see Appendix B") in flags
    notes = rep.input_notes(0)
    assert len(notes) == 6
    place = notes.iloc[:, 0].tolist()
    assert place[:2] == ([rep._t("关系表第 1 项", "Links, item 1"), rep._t("关系表第 3 项", "Links, item 3")])
    appendix = text(rep.appendix())
    assert rep._t("输入数据说明", "Notes on the input") in appendix
    if lang == "en":  # titles in English, no post ids, no Chinese
        first = notes.iloc[0, 1]
        assert first.startswith("Peers Regional Promotion Manager (promotion lead) and Regional Promotion "
                                "Manager (retail-terminal lead) (same manager) hold authority over each other")
        assert notes.iloc[3, 1].startswith("Regional Promotion Manager (promotion lead) holds authority over its "
                                           "peer Regional Promotion Manager (same manager)")
        assert not any(CJK.search(n) for n in notes.iloc[:, 1]), notes
        assert "rpm_promo" not in appendix and not CJK.search(appendix)
    else:
        assert "相互领导" in notes.iloc[0, 1] and "rpm_promo" not in notes.iloc[0, 1]


def test_a_file_level_note_shows_no_row_and_no_path(client_csv):
    org = load(client_csv)
    org.problems.append(Problem(str(client_csv), None, "", "several_sheets", "read positions from sheet 'A'",
                                "从工作表 'A' 读取岗位", "warning"))
    org.problems.append(Problem(f"{client_csv}[units]", 4, "parent", "x", "unknown parent", "未知上级",
                                "warning"))
    for lang, whole, row in (("en", "Whole file", "Units, row 4"), ("zh", "整个文件", "部门表第 4 行")):
        rep = build(org, lang=lang, **FAST)
        assert rep.input_notes(0).iloc[:, 0].tolist() == [whole, row]
        every = "".join(text(getattr(rep, s)()) for s in ("header", "summary", "flags", "appendix"))
        assert str(client_csv.parent) not in every  # never a machine path


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_nameless_client_file_cover_reads_well(client_csv, lang):
    rep = build(load(client_csv), lang=lang, **FAST)
    cover = text(rep.header())
    lines = [x.strip() for x in cover.split("\n") if x.strip()]
    # the cover's band, then the title
    assert lines[0] == rep._t("组织设计 · 诊断与建议", "Organisation design · diagnosis and recommendations")
    assert lines[1] == rep._t("组织诊断报告", "Organisation review")
    assert "the organisation" not in cover.lower() and "本组织" not in cover
    assert rep._t("组织:", "Organisation:") not in cover and "acme" not in cover.lower()
    assert rep.cover_title() == lines[1]
    first = rep.summary_points()[0]
    assert first == rep._t("本组织共有 4 人、2 个岗位、1 个部门,管理层级 2 层。",
                           "The organisation has 4 people in 2 posts and 1 unit, over 2 layers.")
    assert "acme" not in text(rep.summary()).lower()
    # the file stem is the source line of the appendix, and only there
    appendix = text(rep.appendix())
    assert rep._t("来源:", "Source: ") + "acme-hr" in appendix
    # without a to-be, section 6 is the as-is's key measures, not "As-is vs to-be"
    assert rep._t("6. 主要指标", "6. Key measures") in cover
    assert rep._t("现状与方案对比", "As-is vs to-be") not in cover


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_named_organisation_is_named_once_on_the_cover(duocai, client_csv, lang):
    rep = duocai[lang]
    cover = text(rep.header())
    name = rep._t("多彩科技 国内市场部(现状)", "Duocai Technology domestic marketing department (as-is)")
    assert cover.count(name) == 1, cover
    assert rep._t("方案", "To-be") in cover  # the to-be design is named
    titled = build(load(client_csv), lang=lang, title="ACME marketing", **FAST)
    cover = text(titled.header())
    assert cover.count("ACME marketing") == 1 and titled.cover_title() == "ACME marketing"
    assert titled.summary_points()[0].startswith("ACME marketing")


def test_workbook_has_flags_and_input_notes_apart(duocai, tmp_path):
    p = tmp_path / "d.xlsx"
    write_report_xlsx(duocai["en"], path=p)
    wb = load_workbook(p)
    flags = [[c.value for c in r] for r in wb["Flags"].iter_rows()]
    assert flags[0] == ["Post", "Flag", "Span (people)", "Reason"]
    assert [r[0] for r in flags[1:]] == ["Marketing Manager"] * 2
    assert flags[2][3] == "Span 10 means 5,210 Graicunas relationships (limit: 6 people, 222 relationships)"
    notes = [[c.value for c in r] for r in wb["Input notes"].iter_rows()]
    assert notes[0] == ["Where", "Note"] and len(notes) == 7 and notes[1][0] == "Links, item 1"
    assert wb.properties.title == "Organisation review: Duocai Technology domestic marketing department (as-is)"


def test_counts_read_as_english(duocai):
    rep = duocai["en"]
    pts = rep.summary_points()
    assert pts[0].endswith("has 11 people in 7 posts and 1 unit, over 2 layers.")
    assert "(s)" not in " ".join(pts) + text(rep.summary()), pts
    assert "directs" not in text(rep.summary())  # the internal link kind never shows


def test_english_tables_have_no_lower_case_codes(duocai):
    """Values a reader scans (change, field, status, group, covered, flag, severity) read as words."""
    rep = duocai["en"]
    d = rep.structural_diff(1)
    assert set(d["Change"]) == {"Removed", "Moved", "Added"} and set(d["Field"]) == {"Headcount", "Manager", "Unit"}
    rt = rep.raci_tables(0)
    principles, coverage = (rt[k] for k in list(rt)[:2])
    assert set(principles["Status"]) == {"OK", "Needs attention", "Not measured"}
    assert coverage["Group"].iloc[0] == "Four roles" and set(coverage["Covered"]) == {"Yes", "No"}
    assert coverage.loc[coverage["Covered"] == "No", "Owning units"].eq("—").all()  # no empty cell
    assert set(rep.flags_table(0)["Flag"]) == {"Span above target", "Graicunas overload"}
    assert rep.simulation_table()["Measure"].iloc[0] == "Headcount (people)"
    assert list(rep.tables()["Findings"]["Severity"]) == ["High", "High", "Medium"]
    zh = duocai["zh"]
    assert set(zh.structural_diff(1)["变化"]) == {"撤销", "调整汇报/单位", "新增"}


def test_workbook_changes_are_signed_numbers(duocai, tmp_path):
    p = tmp_path / "d.xlsx"
    write_report_xlsx(duocai["en"], path=p)
    ws = load_workbook(p)["Comparison"]
    head = [c.value for c in ws[1]]
    rows = {r[0].value: r for r in ws.iter_rows(min_row=2)}
    change = head.index("Change (To-be)")
    posts, span, share = rows["Posts"][change], rows["Mean span"][change], rows["Management overhead share"][change]
    assert (posts.value, posts.number_format) == (1, "+#,##0;-#,##0;0")  # "+1", a number, never "'+1"
    assert span.value == -6.67 and isinstance(span.value, float)
    assert share.value == 0.182 and share.number_format == "+0.0%;-0.0%;0%"
    assert rows["Headcount"][change].value == 0


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_nameless_client_file_deck_and_workbook_titles(client_csv, tmp_path, lang):
    from pptx import Presentation

    from orglib.reporting import write_pptx

    rep = build(load(client_csv), lang=lang, date="2026-12-02", **FAST)
    deck = Presentation(write_pptx(rep, path=tmp_path / "d.pptx"))
    first = [sh.text_frame.text for sh in deck.slides[0].shapes if sh.has_text_frame]
    assert first[0] == rep._t("组织诊断报告", "Organisation review")
    shown = "\n".join(first)
    assert "acme" not in shown.lower() and "the organisation" not in shown.lower() and "本组织" not in shown
    assert rep._t("组织:", "Organisation:") not in shown
    assert rep._t("2026 年 12 月 2 日", "2 December 2026") in shown  # the report's date, not today's
    wb = load_workbook(write_report_xlsx(rep, path=tmp_path / "d.xlsx"))
    assert wb.properties.title == rep._t("组织诊断报告", "Organisation review")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_plain_hr_export_says_responsibilities_cannot_be_assessed(tmp_path, lang):
    """A client file with units but no duties: no 'nobody owns the four roles' finding, no
    list of every unit 'without a primary duty', and the unit count is the same everywhere."""
    p = tmp_path / "hr.csv"
    p.write_text("id,title,reports_to,headcount,unit\nm,Head,,1,HQ\n" +
                 "".join(f"e{k},Clerk,m,1,Team {k % 3}\n" for k in range(6)), encoding="utf-8")
    rep = build(load(p), lang=lang, **FAST)
    assert not [f for f in rep.findings if f.rule == "coverage_gap"]
    resp = text(rep.raci())
    assert rep._t("无法评估", "cannot be assessed") in resp
    assert rep._t("无主要职责的部门", "Units without a primary duty") not in resp
    assert rep._t("设计原则检查", "Design-principle checks") in resp  # the measures that need no duties stay
    assert rep._t("4 个部门", "4 units") in rep.summary_points()[0]
    measures = rep.metrics_frame().set_index(rep._t("指标", "Measure"))
    assert measures.loc[rep._t("单位数", "Units")].iloc[0] == "4"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_findings_tell_managers_with_the_same_title_apart(lang):
    from orglib._core import Org

    rows = [{"id": "h", "title": "总监", "title_en": "Director", "headcount": 1, "unit": "hq"}]
    for u in ("east", "west"):
        rows.append({"id": f"m{u}", "title": "主管", "title_en": "Supervisor", "reports_to": "h", "headcount": 1,
                     "unit": u})
        rows += [{"id": f"e{u}{k}", "title": "专员", "title_en": "Officer", "reports_to": f"m{u}", "headcount": 1,
                  "unit": u} for k in range(12)]
    units = [{"id": "hq", "name": "总部", "name_en": "HQ"}, {"id": "east", "name": "华东", "name_en": "East"},
             {"id": "west", "name": "华西", "name_en": "West"}]
    rep = build(Org.from_records(rows, units=units), lang=lang, **FAST)
    texts = [f.text(lang) for f in rep.findings if f.rule == "span_above_target"]
    assert texts == [rep._t("主管(华东)每人管理 12 人,超出教练区间 6–7 人。",
                            "Supervisor (East) leads 12 people against a coach range of 6–7."),
                     rep._t("主管(华西)每人管理 12 人,超出教练区间 6–7 人。",
                            "Supervisor (West) leads 12 people against a coach range of 6–7.")]



@pytest.mark.parametrize("lang", ["zh", "en"])
def test_findings_tell_same_titled_managers_of_one_unit_apart_by_id(lang):
    """An HR export's department with two 主管 of 12: the findings name E017 and E018, not
    twice '主管(品牌部)'."""
    from orglib._core import Org

    rows = [{"id": "E001", "title": "总监", "title_en": "Director", "headcount": 1, "unit": "b"}]
    for m in ("E017", "E018"):
        rows.append({"id": m, "title": "主管", "title_en": "Supervisor", "reports_to": "E001", "headcount": 1,
                     "unit": "b"})
        rows += [{"id": f"{m}-{k}", "title": "专员", "title_en": "Officer", "reports_to": m, "headcount": 1,
                  "unit": "b"} for k in range(12)]
    rep = build(Org.from_records(rows, units=[{"id": "b", "name": "品牌部", "name_en": "Brand"}]), lang=lang, **FAST)
    texts = [f.text(lang) for f in rep.findings if f.rule == "span_above_target"]
    assert texts == [rep._t(f"主管(品牌部,{m})每人管理 12 人,超出教练区间 6–7 人。",
                            f"Supervisor (Brand, {m}) leads 12 people against a coach range of 6–7.")
                     for m in ("E017", "E018")]
