"""The lessons' tables as a student reads them: headers and values in the chosen language, no
internal tags, template ids, seed-file hashes or NaN; the figures a lecturer would check."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from orglib import designs
from orglib.analysis import spans_layers
from orglib.sim import latency_sweep
from orglib.teaching import (
    archetypes_table,
    case_table,
    compare_table,
    coordination_table,
    design_summary_table,
    discussion_table,
    element_coverage_table,
    frameworks_table,
    graicunas_table,
    kpi_categories_table,
    kpi_elements_table,
    latency_table,
    layer_people_table,
    layout_variants,
    manager_spans_table,
    mix_pairs_table,
    mix_relations_table,
    mix_table,
    peer_authority_table,
    principle_detail_table,
    principle_status_table,
    principles_table,
    role_coverage_table,
    role_duties_table,
    roles_table,
    score_design,
    score_row,
    score_row_table,
    score_table,
    selection_rule_table,
    span_flags_table,
    span_tradeoff,
    stage_focus_table,
    structure_effect_table,
    tradeoff_table,
    uncovered_elements_table,
    workflow_steps_table,
)

HAN = re.compile(r"[\u3400-\u9fff]")
TAG = re.compile(r"\b(?:4[PCR]|role|principle|stage|kpi|coord)\.[a-z_]+\b")
SEED_FILE = re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt\b")
TEMPLATE_IDS = set(designs.template_ids())
GLOSS = re.compile(r"\([^()]*\)|[\u3400-\u9fff]+ \([A-Za-z][^()]*\)")


@pytest.fixture(scope="module")
def jucao():
    return spans_layers(designs.template("jucao-ops-center"), target="coach")


def _tables(lang: str, jucao) -> dict[str, pd.DataFrame]:
    return {
        "roles": roles_table(lang=lang), "duties": role_duties_table(lang=lang),
        "focus": stage_focus_table(lang=lang),
        "role coverage": role_coverage_table(["duocai-asis", "four-posts", "sales-system-vacancies"], lang=lang),
        "frameworks": frameworks_table(lang=lang), "mix": mix_table(lang=lang), "pairs": mix_pairs_table(lang=lang),
        "relations": mix_relations_table(lang=lang),
        "element coverage": element_coverage_table(["beigang-hospital", "duocai-asis", "duocai-tobe"], lang=lang),
        "uncovered": uncovered_elements_table(["duocai-asis", "duocai-tobe"], lang=lang),
        "kpi elements": kpi_elements_table(lang=lang),
        "variants": compare_table(layout_variants(lang=lang), lang=lang),
        "duocai": compare_table(["duocai-asis", "duocai-tobe"], lang=lang),
        "meinian": design_summary_table(["meinian-3dept", "meinian-4dept", "meinian-5dept"], lang=lang),
        "layers": layer_people_table(designs.template("china-mobile-3tier"), lang=lang),
        "graicunas": graicunas_table(lang=lang), "archetypes": archetypes_table(lang=lang),
        "managers": manager_spans_table(jucao, lang=lang), "flags": span_flags_table(jucao, lang=lang),
        "tradeoff": tradeoff_table(span_tradeoff(200, range(2, 16)), lang=lang),
        "latency": latency_table(latency_sweep(200, spans=range(2, 16)), lang=lang),
        "principles": principles_table(lang=lang),
        "principle status": principle_status_table(["duocai-asis", "duocai-tobe", "china-mobile-3tier"], lang=lang),
        "principle detail": principle_detail_table("china-mobile-3tier", lang=lang),
        "peers": peer_authority_table("duocai-asis", lang=lang), "coordination": coordination_table(lang=lang),
        "kpi categories": kpi_categories_table(lang=lang),
        "steps": workflow_steps_table("SC-001", lang=lang),
        "effect": structure_effect_table("SC-002", lang=lang),
        "case": case_table("mature-2000", lang=lang),
        "score": score_table(score_design(designs.template("centralized-sme"), "startup-70", lang=lang), lang=lang),
        "discussion": discussion_table(3, lang=lang), "rule": selection_rule_table(lang=lang),
        "grading row": score_row_table(score_row("Ann", "growth-400", designs.template("decentralized-large"),
                                                 {"why": "size"}, design="decentralized/8"), lang=lang),
    }


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_tables_speak_the_chosen_language(lang, jucao):
    tables = _tables(lang, jucao)
    assert len(tables) == 34
    for name, t in tables.items():
        assert len(t), name
        assert t.index.name is None, name  # one header row: the row headers' title is columns.name
        headers = [str(c) for c in t.columns] + ([str(t.columns.name)] if t.columns.name else [])
        for h in headers:
            assert "_" not in h and not TAG.search(h) and h not in TEMPLATE_IDS, (name, h)
            if lang == "en":
                assert not HAN.search(GLOSS.sub("", h)), (name, h)
            elif not re.fullmatch(r"4[PCR]", h):
                assert HAN.search(h), (name, h)
        unnamed_rows = t.columns.name is None and isinstance(t.index, pd.RangeIndex) and t.index.start == 0
        assert not unnamed_rows, name  # row headers, not pandas' row numbers 0, 1, 2 …
        cells = [str(v) for v in t.to_numpy().ravel()] + [str(i) for i in t.index if not isinstance(i, int)]
        for v in cells:
            assert not TAG.search(v) and not SEED_FILE.search(v) and v not in TEMPLATE_IDS, (name, v)
            assert v not in ("nan", "NaN", "None", "inf", "True", "False"), (name, v)
            if lang == "en":
                assert not HAN.search(GLOSS.sub("", v)), (name, v)


def test_the_figures_a_lecturer_checks(jucao):
    duocai = compare_table(["duocai-asis", "duocai-tobe"], lang="en")
    assert duocai.loc["management overhead share"].tolist() == ["9%", "27%"]
    assert duocai.loc["mean span"].tolist() == ["10", "3.33"] and "cost" not in duocai.index
    unc = uncovered_elements_table(["duocai-asis", "duocai-tobe"], lang="zh")
    assert unc["个数"].tolist() == [7, 4] and unc.iloc[1]["未覆盖的要素"] == "价格、成本、关联、回报"
    assert unc.index.tolist() == ["多彩科技 国内市场部(现状)", "多彩科技 国内市场部(调整方案)"]
    cov = element_coverage_table(["duocai-tobe"], lang="en")
    assert (cov.iloc[:, 0] == "✓").sum() == 8 and cov.index.tolist()[:4] == ["Product", "Price", "Place", "Promotion"]
    roles = role_coverage_table(["sales-system-vacancies"], lang="zh")
    assert roles.columns.name == "设计" and roles.columns.tolist() == ["情报机构", "参谋机构", "监管机构", "公关机构"]
    assert roles.loc["销售系统组织架构(市场部暂时空缺)"].tolist() == ["—", "✓", "✓", "✓"]
    assert kpi_categories_table(lang="en")["count"].sum() == 15
    lat = latency_table(latency_sweep(200, spans=range(2, 16)), lang="en")
    assert lat.loc[14, "mean latency (days)"] == "overload" and lat.loc[6, "mean latency (days)"] == "1.14"
    eff = structure_effect_table("SC-002", lang="en")
    assert eff.loc["hand-offs between units"].tolist() == [0, 0, 3]
    status = principle_status_table(["duocai-asis"], lang="zh").iloc[0]
    assert status["清晰责任原则"] == "警告" and status["协调性原则"] == "通过"
    fw = frameworks_table(lang="en")
    assert fw["proposed by"].tolist() == ["E. Jerome McCarthy", "Robert F. Lauterborn", "Don E. Schultz"]
    assert fw["year"].tolist() == ["1960", "1990", ""]
    assert frameworks_table(lang="zh")["提出者"].iloc[0] == "麦卡锡(E. Jerome McCarthy)"
    peers = peer_authority_table("duocai-asis", lang="en")
    assert len(peers) == 9 and (peers["lead each other"] == "yes").sum() == 6
    assert roles_table(lang="en")["seed"].unique().tolist() == ["seed\u00a0000"]
    mgr = manager_spans_table(jucao, lang="en")
    assert mgr.index[0] == "Market Operations Director" and mgr["band"].tolist()[0] == "2–3"
    score = score_table(score_design(designs.template("centralized-sme"), "startup-70", lang="en"), lang="en")
    assert score.index[0] == "structure" and score["points"].tolist()[0] == "15"
    case = case_table("mature-2000", lang="en")
    assert case.index.tolist() == ["a 2,000-person mature firm"] and case.iloc[0].tolist()[:1] == ["2,000"]
    row = score_row("学生甲", "startup-70", designs.template("centralized-sme"), design="centralized/6")
    shown = score_row_table(row, lang="zh").iloc[:, 0]
    assert shown["设计"] == "集中式,幅度目标 6" and shown["合计"] == "92.5" and shown["案例"] == "70 人的初创企业"


def test_bad_language_and_lesson():
    from orglib._core.errors import OrgInputError

    with pytest.raises(OrgInputError):
        roles_table(lang="fr")
    with pytest.raises(OrgInputError):
        discussion_table(9, lang="en")
