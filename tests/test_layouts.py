"""Layout generators: valid Orgs, spans within target, exact structure on small inputs."""

from __future__ import annotations

import contextlib
import io
import json

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orglib import designs as layouts
from orglib._core.errors import OrgInputError
from orglib.analysis._spans import spans_layers
from orglib.designs._layouts import FUNCTIONS_DEFAULT, LAYOUTS, team_levels
from orglib.io._validation import validate


def run_cli(*argv: str) -> tuple[int, str, str]:
    from orglib.cli._main import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def test_team_levels_exact():
    assert team_levels(1, 8) == [1]
    assert team_levels(2, 8) == [1, 1]
    assert team_levels(9, 8) == [1, 8]
    assert team_levels(10, 8) == [1, 1, 8]
    assert team_levels(12, 8) == [1, 2, 9]
    assert team_levels(30, 5) == [1, 5, 24]
    assert team_levels(4, 1) == [1, 1, 1, 1]


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 400), st.integers(2, 15))
def test_team_levels_respect_target(h, t):
    lv = team_levels(h, t)
    assert sum(lv) == h and lv[0] == 1
    assert all(lv[i + 1] <= t * lv[i] for i in range(len(lv) - 1))


@pytest.mark.parametrize("name", sorted(LAYOUTS))
@pytest.mark.parametrize("target", [3, 5, 8, 12])
def test_every_layout_validates_and_respects_target(name, target):
    org = LAYOUTS[name](span_target=target)
    assert validate(org) == []
    assert spans_layers(org).summary["max_span"] <= target


def test_centralized_exact():
    org = layouts.centralized([("市场策划部", 3), ("市场推广部", 10)], span_target=8)
    p = org.positions
    assert p[["id", "title", "reports_to", "headcount"]].values.tolist() == [
        ["head", "市场部总监", "", 1.0],
        ["f1", "市场策划经理", "head", 1.0],
        ["f1_2", "市场策划专员", "f1", 2.0],
        ["f2", "市场推广经理", "head", 1.0],
        ["f2_2", "市场推广主管", "f2", 1.0],
        ["f2_3", "市场推广专员", "f2_2", 8.0],
    ]
    assert org.headcount_total == 14.0
    assert org.units["id"].tolist() == ["mkt", "u_f1", "u_f2"]


def test_centralized_adds_deputies_over_target():
    org = layouts.centralized(span_target=3)
    head_reports = org.positions.query("reports_to == 'head'")
    assert set(head_reports["title"]) == {"副总监"}
    assert len(head_reports) == 2
    assert org.headcount_total == 1 + 2 + sum(f["headcount"] for f in FUNCTIONS_DEFAULT)


def test_by_region_copies_local_functions():
    org = layouts.by_region(regions=["华东", "华南"], shared=["analytics", "new_media", "projects"])
    regions = org.units.query("kind == 'region'")
    assert regions["name"].tolist() == ["华东", "华南"]
    # each region: planning 3, promotion 4, sales 6 + its manager = 14
    for r in ("华东", "华南"):
        assert org.positions.loc[org.positions["region"] == r, "headcount"].sum() == 14.0
    assert org.positions.query("reports_to == 'head'")["title"].tolist() == [
        "数据分析经理", "新媒体与市场营销经理", "项目管理经理", "华东区域经理", "华南区域经理"]
    assert org.headcount_total == 1 + 38 + 2


def test_small_function_still_one_per_region():
    org = layouts.by_region([{"name": "策划部", "headcount": 2}], regions=3)
    assert org.positions.query("title.str.contains('策划')")["headcount"].sum() == 3.0


def test_by_product_and_segment_units():
    assert layouts.by_product(products=["A", "B", "C"]).units.query("kind == 'product_line'").shape[0] == 3
    assert layouts.by_segment().units.query("kind == 'segment'")["name"].tolist() == ["大客户", "中小客户"]


def test_matrix_dotted_lines():
    org = layouts.matrix(regions=["华东", "华南"])
    links = org.links
    assert set(links["kind"]) == {"dotted"}
    assert set(links["from"]) == {"r1", "r2"}
    # every dotted target is a staff post in its lead's region
    region = dict(zip(org.positions["id"], org.positions["region"], strict=True))
    assert all(region[t] == region[f] for f, t in zip(links["from"], links["to"], strict=True))
    # 2 regional managers + front-line staff of planning (1+5), promotion (1+7), sales (1+2+9)
    assert org.positions.loc[org.positions["region"] != "", "headcount"].sum() == 2 + 5 + 7 + 9


def test_project_teams():
    org = layouts.project_teams(projects=["新品上市", "渠道下沉"])
    assert org.units.query("kind == 'project'")["name"].tolist() == ["新品上市", "渠道下沉"]
    assert (org.links["kind"] == "dotted").all() and len(org.links) > 0


def test_functions_as_dataframe_and_mapping():
    df = pd.DataFrame({"name": ["策划部", "推广部"], "headcount": [4, 6]})
    a = layouts.centralized(df)
    b = layouts.centralized({"策划部": 4, "推广部": 6})
    assert a.headcount_total == b.headcount_total == 11.0


@pytest.mark.parametrize("kwargs", [
    {"functions": []}, {"functions": [("x", 0)]}, {"functions": [("x", 2.5)]},
    {"functions": [("x", -3)]}, {"span_target": 0}, {"span_target": -2},
])
def test_bad_inputs(kwargs):
    with pytest.raises(OrgInputError):
        layouts.centralized(**kwargs)


def test_bad_region_inputs():
    with pytest.raises(OrgInputError):
        layouts.by_region(regions=0)
    with pytest.raises(OrgInputError):
        layouts.by_region(regions=["a", "a"])
    with pytest.raises(OrgInputError):
        layouts.by_region(shared=["nope"])
    with pytest.raises(OrgInputError):
        layouts.decentralized(by="colour")


def test_cli_layouts(tmp_path):
    out_path = tmp_path / "r.yaml"
    code, out, err = run_cli("layouts", "by_region", "--units", "华东,华南", "--span-target", "5",
                             "--out", str(out_path))
    assert code == 0, err
    assert out_path.exists() and "华东区域经理" in out
    code, out, _ = run_cli("layouts", "centralized", "--functions", "策划部=3,推广部=10", "--json")
    data = json.loads(out)
    assert code == 0 and len(data["positions"]) == 6
    code, out, _ = run_cli("layouts", "matrix", "--from", "jucao-ops-center", "--json")
    assert code == 0 and json.loads(out)["links"]
    code, _, err = run_cli("layouts", "centralized", "--functions", "策划部=x")
    assert code == 2 and "Traceback" not in err
    code, _, err = run_cli("layouts", "centralized", "--span-target", "-1")
    assert code == 2 and err.strip()


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(1, 40), min_size=1, max_size=8), st.integers(2, 12),
       st.sampled_from(sorted(LAYOUTS)), st.integers(1, 4))
def test_random_functions_validate_and_respect_target(sizes, target, name, k):
    functions = [{"name": f"职能{i}部", "headcount": h, "shared": i % 2 == 0} for i, h in enumerate(sizes)]
    unit_kw = {"by_region": "regions", "by_product": "products", "by_segment": "segments",
               "matrix": "regions", "project_teams": "projects"}
    kw = {unit_kw[name]: k} if name in unit_kw else {}
    org = LAYOUTS[name](functions, span_target=target, **kw)
    assert validate(org) == []
    assert spans_layers(org).summary["max_span"] <= target
    if name == "centralized":
        deputies = int((org.positions["title"] == "副总监").sum())
        assert org.headcount_total == 1 + sum(sizes) + deputies
