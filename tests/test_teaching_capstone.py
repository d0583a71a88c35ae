"""Lessons 6 and 7 in the library: workflows under two structures, capstone scoring and its CSV,
and the lesson figures."""

from __future__ import annotations

import csv
import io

import pytest

import orglib
from orglib._core.errors import OrgInputError
from orglib.teaching import (
    CASES,
    WEIGHTS,
    design_from_choices,
    mix_relation_figure,
    overload_spans,
    score_design,
    score_row,
    scores_csv,
    stage_role_counts,
    stage_role_heatmap,
    structure_effect,
    structure_of,
    tradeoff_figure,
    under_company,
    workflow_table,
    write_scores,
)


def test_workflow_table_is_seed_003():
    t = workflow_table(lang="en")
    assert t["workflow"].tolist() == ["SC-001", "SC-002", "SC-003", "SC-004"]
    assert t.set_index("workflow").loc["SC-001", "approval steps"] == 7
    assert "name" in t.columns and "workflow_metrics" not in " ".join(t.columns)


def test_decentralizing_adds_handoffs_and_days():
    for w in ("SC-002", "SC-003", "SC-004"):
        e = structure_effect(w, lang="en")
        assert e.loc["unmapped"].tolist() == [0, 0, 0]
        assert e.loc["handoffs", "decentralized"] > e.loc["handoffs", "centralized"]
        assert float(e.loc["cycle_days", "decentralized"]) > float(e.loc["cycle_days", "centralized"])
    # approval chains are set by the workflow, not by the structure
    e = structure_effect("SC-001", lang="en")
    assert len(set(e.loc["longest_approval_chain"])) == 1


def test_designs_sit_under_the_company():
    org = under_company("decentralized-large")
    assert {"gm", "cto", "bu_mgr"} <= set(org.positions["id"])
    assert org.positions.set_index("id").loc["mgr", "reports_to"] == "gm"


def test_structure_detection_follows_seed_000():
    assert structure_of(orglib.template("centralized-sme")) == "centralized"
    assert structure_of(orglib.template("decentralized-large")) == "decentralized"
    assert structure_of(orglib.template("duocai-asis")) == "centralized"
    assert structure_of(design_from_choices(structure="decentralized")) == "decentralized"
    with pytest.raises(OrgInputError):
        design_from_choices(structure="matrixish")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_scores_add_up_and_reward_the_seed_rule(lang):
    assert sum(WEIGHTS.values()) == 100
    s = score_design(orglib.template("centralized-sme"), "startup-70", lang=lang)
    assert float(s["max_points"].sum()) == 100 and float(s["points"].sum()) == 92.5
    wrong = score_design(orglib.template("decentralized-large"), "startup-70", lang=lang).set_index("criterion")
    assert wrong.loc["structure", "points"] == 0
    duo = score_design(orglib.template("duocai-asis"), "startup-70", lang=lang).set_index("criterion")
    assert duo.loc["principles", "points"] < duo.loc["principles", "max_points"]  # 相互领导
    assert set(CASES) == {"startup-70", "growth-400", "mature-2000"}


def test_scores_export_to_csv(tmp_path):
    rows = [score_row("张三", "startup-70", orglib.template("centralized-sme"),
                      {"structure": "集中式", "why": "=cmd() 小公司,决策快"}),
            score_row("Li", "mature-2000", design_from_choices(structure="decentralized"), {"structure": "分权式"})]
    path = write_scores(rows, tmp_path / "scores.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["student"] for r in table] == ["张三", "Li"]
    assert float(table[0]["total"]) == 92.5
    assert table[0]["answer.why"] == "'=cmd() 小公司,决策快"  # a formula is never run by a spreadsheet
    assert table[1]["answer.why"] == ""
    assert {f"points.{k}" for k in WEIGHTS} <= set(table[0])
    assert scores_csv([]) .strip() == ""


def test_figures():
    fig = mix_relation_figure(lang="zh")
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "4P · 麦卡锡 1960" in texts and "4C · 劳特朋 1990" in texts and "关联" in texts
    assert stage_role_counts(lang="en").loc["Introduction", "Advisory (staff)"] == 4
    assert stage_role_heatmap(lang="en").axes[0].get_xlabel() == "role of the department"
    from orglib.sim import latency_sweep
    from orglib.teaching import span_tradeoff

    q = latency_sweep(200, spans=range(2, 16))
    assert overload_spans(q) == [14, 15]
    f = tradeoff_figure(span_tradeoff(200, range(2, 16)), q, lang="en")
    ax, ax2 = f.axes
    assert ax.get_xlabel() == "span target (people per manager)"
    assert ax.get_ylabel() == "decision latency (days)" and ax2.get_ylabel() == "relationships per manager"
    notes = [t.get_text() for t in ax2.texts]
    assert any("overload region (span ≥ 14)" in n for n in notes)
    assert not any("inf" in n for n in notes)
