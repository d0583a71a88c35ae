"""compare / diff: exact figures on the seed templates and hand-built orgs."""

from __future__ import annotations

import contextlib
import io
import json
import math

import pytest

import orglib
from orglib._core.errors import OrgInputError
from orglib._core.model import Org
from orglib.analysis._compare import METRICS, compare, diff, metrics


def run_cli(*argv: str) -> tuple[int, str, str]:
    from orglib.cli._main import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def test_centralized_vs_decentralized_templates():
    a, b = orglib.load("centralized-sme"), orglib.load("decentralized-large")
    t = compare(a, b, names=["集中", "分权"])
    assert list(t.columns) == ["集中", "分权"]
    assert list(t.index) == list(METRICS)
    assert t.loc["headcount"].tolist() == [5.0, 11.0]
    assert t.loc["layers"].tolist() == [2, 3]
    assert t.loc["managers"].tolist() == [1.0, 4.0]
    assert t.loc["management_overhead", "集中"] == pytest.approx(1 / 5)
    assert t.loc["management_overhead", "分权"] == pytest.approx(4 / 11)
    # star = 1; decentralized: degrees 4,2,1,2,1,2,1,1 → 18 / (7·6)
    assert t.loc["centralization", "集中"] == pytest.approx(1.0)
    assert t.loc["centralization", "分权"] == pytest.approx(3 / 7)
    # front line: 4 posts one step away vs 3 posts two steps + the analyst one step
    assert t.loc["avg_steps_to_head"].tolist() == [1.0, 1.75]
    assert t.loc["head_span"].tolist() == [4.0, 4.0]
    assert t.loc["head_graicunas"].tolist() == [44, 44]
    assert t.loc["roles_covered"].tolist() == ["4/4", "4/4"]
    assert math.isnan(t.loc["cost", "集中"])


def test_meinian_coordination_load():
    """美年 5 部 (seed 000): 16 cross-unit 辅助任务 links; 促销、公关、关系 each owned by two units."""
    m = metrics(orglib.load("meinian-5dept"))
    assert m["cross_unit_assists"] == 16
    assert m["duplicated_functions"] == 3
    assert m["layers"] == 2 and m["head_span"] == 5.0
    assert m["head_graicunas"] == 5 * (2 ** 4 + 5 - 1)


def test_decentralized_layout_duplicates_functions():
    from orglib import designs as layouts

    m = metrics(layouts.by_region(regions=["华东", "华南", "华北"]))
    c = metrics(layouts.centralized())
    # centrally, 情报 (planning + analytics) and 沟通 (promotion + new media) are shared
    assert c["duplicated_functions"] == 2
    # planning (4 tags), promotion (3), sales (4) copied into 3 regions: 11 distinct tags
    assert m["duplicated_functions"] == 11


def test_cost_and_labels():
    org = Org.from_records([
        {"id": "m", "title": "经理", "headcount": 1, "cost": 100},
        {"id": "e", "title": "专员", "reports_to": "m", "headcount": 3, "cost": 50},
    ])
    t = compare(org, lang="en")
    assert t.loc["cost"].tolist() == [250.0]
    assert "management overhead share" in t.index


def test_duplicate_names_are_made_unique():
    org = orglib.load("centralized-sme")
    assert len(set(compare(org, org).columns)) == 2


def test_compare_errors():
    with pytest.raises(OrgInputError):
        compare()
    org = orglib.load("centralized-sme")
    with pytest.raises(OrgInputError):
        compare(org, org, names=["a"])
    with pytest.raises(OrgInputError):
        compare(Org.from_records([]))


def test_diff_templates():
    d = diff(orglib.load("centralized-sme"), orglib.load("decentralized-large"))
    assert d.summary == {"added": 5, "removed": 2, "moved": 1, "retitled": 0, "headcount_changed": 1}
    moved = d.changes.query("change == 'moved'")
    assert moved[["field", "before", "after"]].values.tolist() == [
        ["reports_to", "mgr", "plan_head"], ["unit", "mkt", "plan"]]


def test_diff_retitle_and_identity():
    a = Org.from_records([{"id": "m", "title": "经理", "headcount": 1},
                          {"id": "x", "title": "专员", "reports_to": "m", "headcount": 2}])
    b = Org.from_records([{"id": "m", "title": "总监", "headcount": 1},
                          {"id": "x", "title": "专员", "reports_to": "m", "headcount": 3}])
    d = diff(a, b)
    assert d.summary == {"added": 0, "removed": 0, "moved": 0, "retitled": 1, "headcount_changed": 1}
    assert diff(a, a).changes.empty


def test_cli_compare_json():
    code, out, err = run_cli("compare", "centralized-sme", "decentralized-large", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["metrics"]["layers"] == {data["designs"][0]: 2, data["designs"][1]: 3}
    assert data["diff"]["summary"]["added"] == 5


def test_cli_compare_table_and_errors():
    code, out, _ = run_cli("compare", "centralized-sme", "meinian-5dept", "centralized-sme", "--lang", "en")
    assert code == 0 and "degree centralization" in out and "Structural diff" not in out
    code, _, err = run_cli("compare", "centralized-sme", "nope-template")
    assert code == 2 and "Traceback" not in err
    code, _, err = run_cli("compare", "centralized-sme", "--names", "a,b")
    assert code != 0 and "names" in err


def test_duocai_asis_vs_tobe():
    """多彩 (seed 000): the flat 经理-over-10 becomes 经理 over 5 with three 主管."""
    a, b = orglib.load("duocai-asis"), orglib.load("duocai-tobe")
    t = compare(a, b, names=["现状", "调整"])
    assert t.loc["headcount"].tolist() == [11.0, 11.0]
    assert t.loc["layers"].tolist() == [2, 3]
    assert t.loc["head_span"].tolist() == [10.0, 5.0]
    assert t.loc["head_graicunas"].tolist() == [5210, 100]
    assert t.loc["centralization", "现状"] == pytest.approx(1.0)
    d = diff(a, b)
    assert d.summary == {"added": 5, "removed": 4, "moved": 1, "retitled": 0, "headcount_changed": 0}
    assert set(d.changes.query("change == 'removed'")["id"]) == {"rpm_promo", "rpm_terminal", "rpm_training", "rpm"}


def test_diff_by_title():
    a = Org.from_records([{"id": "1", "title": "经理", "headcount": 1},
                          {"id": "2", "title": "专员", "reports_to": "1", "headcount": 2}])
    b = Org.from_records([{"id": "E9", "title": "经理", "headcount": 1},
                          {"id": "E7", "title": "主管", "reports_to": "E9", "headcount": 1},
                          {"id": "E8", "title": "专员", "reports_to": "E7", "headcount": 4}])
    assert diff(a, b).summary["removed"] == 2
    d = diff(a, b, match="title")
    assert d.summary == {"added": 1, "removed": 0, "moved": 1, "retitled": 0, "headcount_changed": 1}
    assert d.changes.query("change == 'moved'")[["id", "before", "after"]].values.tolist() == [
        ["E8", "经理", "主管"]]
    with pytest.raises(OrgInputError):
        diff(a, b, match="name")


def test_cli_compare_english_uses_english_names():
    code, out, _ = run_cli("compare", "centralized-sme", "decentralized-large", "--lang", "en")
    assert code == 0
    assert "Centralized marketing department (start-up / SME)" in out and "集中式市场部" not in out
