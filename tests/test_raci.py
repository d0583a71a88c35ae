"""RACI matrix, coverage gaps, overlaps, unclear units and the five principles."""

from __future__ import annotations

import contextlib
import io
import json
import re

import pytest

import orglib
from orglib._core.errors import OrgInputError
from orglib._core.model import Org
from orglib.analysis import CATALOGUE_TAGS, coverage, duty_table, principles, raci
from orglib.designs import template, template_ids


def run_cli(*argv: str) -> tuple[int, str, str]:
    from orglib.cli._main import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def test_meinian_matrix_and_gaps():
    """美年 5 部 (seed 000): every department assists the others; nobody owns price/cost/relevance."""
    r = raci(orglib.load("meinian-5dept"))
    assert list(r.matrix.columns) == ["mkt", "research", "plan", "promo", "expand", "pr"]
    assert r.matrix.shape == (40, 6)
    assert r.matrix.loc["策划开发新市场的方案"].to_dict() == {
        "mkt": "", "research": "S", "plan": "S", "promo": "S", "expand": "R", "pr": "S"}
    assert r.gaps["tag"].tolist() == ["4P.price", "4C.cost", "4R.relevance"]
    assert r.overlaps.empty and r.unclear_units.empty
    status = dict(zip(r.principles["principle"], r.principles["status"], strict=True))
    assert status == {"principle.coordination": "warn", "principle.clear_responsibility": "ok",
                      "principle.information_flow": "ok", "principle.flexibility": "n/a",
                      "principle.efficiency": "ok"}


def test_jucao_overlaps():
    """巨巢 (seed 002): the 营销部经理's description copies the 市场拓展部经理's — 5 duties
    are word for word the same (others share only their opening words)."""
    r = raci(orglib.load("jucao-ops-center"))
    assert len(r.overlaps) == 5
    assert all(u == ["tz", "yx"] for u in r.overlaps["units"])
    assert "负责信用政策的制定,对应收账款的及时回收和对长期应收款的风险控制" in set(r.overlaps["duty"])
    assert r.unclear_units[["unit", "posts"]].values.tolist() == [["center", 1]]
    assert r.gaps.empty
    # 产品定位分析师 directs the 招商部经理: A on the 招商部经理's duty
    assert r.matrix.loc["领导招商部完成招商政策、商源库和招商工作", "yx"] == "A"
    cr = r.principles.set_index("principle").loc["principle.clear_responsibility"]
    assert cr["value"] == 6 and cr["status"] == "warn"  # 5 overlaps + 1 unclear unit
    # as a reader reads it: the kinds that make up the 6, each with its unit
    assert cr["value_text"] == "5 项职责 + 1 个单位"
    en = raci(orglib.load("jucao-ops-center"), lang="en").principles.set_index("principle")["value_text"]
    assert re.fullmatch(r"\d+ duties \+ 1 unit", en["principle.clear_responsibility"])
    assert en["principle.efficiency"].endswith(" layers")


def test_letters_from_links_and_explicit():
    org = Org.from_records(
        [{"id": "m", "unit": "a", "headcount": 1,
          "duties": {"primary": [{"text": "定价", "roles": [], "elements": ["4P.price"]},
                                 {"text": "审计", "raci": "A"}]}},
         {"id": "x", "unit": "b", "reports_to": "m", "headcount": 1},
         {"id": "y", "unit": "c", "reports_to": "m", "headcount": 1}],
        units=[{"id": "a"}, {"id": "b"}, {"id": "c"}],
        links=[{"from": "x", "to": "m", "kind": "collaborates"},
               {"from": "y", "to": "m", "kind": "dotted"}])
    r = raci(org)
    assert r.matrix.loc["定价"].to_dict() == {"a": "R", "b": "C", "c": "I"}
    assert r.matrix.loc["审计", "a"] == "A"
    cov = coverage(org).set_index("tag")
    assert cov.loc["4P.price", "units"] == ["a"]
    assert len(cov) == len(CATALOGUE_TAGS) == 16
    assert set(r.unclear_units["unit"]) == {"b", "c"}


def test_english_labels():
    org = Org.from_records([{"id": "a", "unit": "u", "headcount": 1,
                             "duties": {"primary": [{"text": "调研", "text_en": "Research"}]}}])
    assert raci(org, lang="en").matrix.index.tolist() == ["Research"]
    assert duty_table(org)["duty_en"].tolist() == ["Research"]


def test_principles_thresholds():
    org = orglib.load("jucao-ops-center")
    p = principles(org, max_layers=3).set_index("principle")
    assert p.loc["principle.efficiency", "value"] == 4 and p.loc["principle.efficiency", "status"] == "warn"


def test_raci_errors():
    with pytest.raises(OrgInputError):
        raci(Org.from_records([]))
    with pytest.raises(OrgInputError):
        raci(orglib.load("meinian-5dept"), lang="fr")


def test_cli_raci():
    code, out, err = run_cli("raci", "meinian-5dept", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert [g["tag"] for g in data["gaps"]] == ["4P.price", "4C.cost", "4R.relevance"]
    assert len(data["principles"]) == 5
    code, out, _ = run_cli("raci", "jucao-ops-center", "--lang", "en")
    assert code == 0 and "Overlaps" in out
    code, _, err = run_cli("raci", "no-such-id")
    assert code == 2 and "Traceback" not in err


@pytest.mark.parametrize("tid", template_ids())
def test_duties_and_overlaps_count_the_same_in_both_languages(tid):
    """A duty is its source text: jucao's '做好市场调研…' translated two ways in two units is one
    duty held by both (an overlap in English too), and two source texts sharing a translation
    stay two rows (was: en 4 overlaps, zh 5)."""
    org = template(tid)
    zh, en = raci(org, lang="zh"), raci(org, lang="en")
    assert len(en.matrix) == len(zh.matrix) and en.matrix.index.is_unique
    assert len(en.overlaps) == len(zh.overlaps)
    assert (en.matrix.to_numpy() == zh.matrix.to_numpy()).all()


def test_jucao_overlaps_in_english_name_the_research_duty():
    over = raci(template("jucao-ops-center"), lang="en").overlaps
    assert len(over) == 5
    assert any(d.startswith("Research the market") for d in over["duty"])
