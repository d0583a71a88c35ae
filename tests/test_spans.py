"""Spans & layers: exact figures on hand-computed cases, networkx equality, invariants."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orglib._core.errors import OrgInputError
from orglib._core.model import Org
from orglib.analysis._spans import (
    ARCHETYPES,
    band_labels,
    graicunas,
    resolve_target,
    spans_layers,
    spans_layers_networkx,
    tree_metrics,
)

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))


def jucao() -> Org:
    """巨巢 市场运营中心 as seed 002 describes it (headcounts from 岗位定员)."""
    return Org.from_records([
        {"id": "dir", "title": "市场运营总监", "headcount": 1, "cost": 300000},
        {"id": "zs_m", "title": "招商部经理", "reports_to": "dir", "headcount": 1, "cost": 150000},
        {"id": "zs_s", "title": "招商专员", "reports_to": "zs_m", "headcount": 3, "cost": 80000},
        {"id": "tz_m", "title": "市场拓展部经理", "reports_to": "dir", "headcount": 1, "cost": 150000},
        {"id": "tz_s", "title": "市场拓展部主管", "reports_to": "tz_m", "headcount": 2, "cost": 100000},
        {"id": "yx_m", "title": "营销部经理", "reports_to": "dir", "headcount": 1, "cost": 150000},
        {"id": "yx_p", "title": "营销策划经理", "reports_to": "yx_m", "headcount": 1, "cost": 120000},
        {"id": "yx_s", "title": "商城运营专员", "reports_to": "yx_m", "headcount": 2},
    ])


def chain_org() -> Org:
    return Org.from_records([
        {"id": "m", "title": "经理", "headcount": 1},
        {"id": "s", "title": "主管", "reports_to": "m", "headcount": 2},
        {"id": "e", "title": "专员", "reports_to": "s", "headcount": 10},
    ])


# ----------------------------------------------------------------- exact figures
def test_jucao_spans_per_manager():
    sl = spans_layers(jucao())
    m = sl.managers.set_index("id")
    assert m["span"].to_dict() == {"dir": 3.0, "zs_m": 3.0, "tz_m": 2.0, "yx_m": 3.0}
    assert m["layer"].to_dict() == {"dir": 1, "zs_m": 2, "tz_m": 2, "yx_m": 2}
    assert m["people_below"].to_dict() == {"dir": 11.0, "zs_m": 3.0, "tz_m": 2.0, "yx_m": 3.0}
    assert m.loc["zs_m", "cost_below"] == 240000.0
    assert m.loc["tz_m", "cost_below"] == 200000.0
    assert math.isnan(m.loc["yx_m", "cost_below"])  # 商城运营专员 has no cost
    assert math.isnan(m.loc["dir", "cost_below"])


def test_jucao_summary():
    s = spans_layers(jucao()).summary
    assert s["headcount"] == 12.0
    assert s["layers"] == 3
    assert s["managers"] == 4.0
    assert s["individual_contributors"] == 8.0
    assert s["manager_ratio"] == 2.0
    assert s["mean_span"] == pytest.approx(11 / 4)
    assert s["median_span"] == 3.0
    assert s["bands"] == {"1": 0.0, "2-3": 4.0, "4-7": 0.0, "8-12": 0.0, "13-16": 0.0, "17+": 0.0}
    assert s["people_per_layer"] == {1: 1.0, 2: 3.0, 3: 8.0}


def test_headcount_weighted_span():
    sl = spans_layers(chain_org())
    assert sl.managers["span"].tolist() == [2.0, 5.0]
    assert sl.summary["managers"] == 3.0           # 1 经理 + 2 主管
    assert sl.summary["mean_span"] == pytest.approx((2 + 2 * 5) / 3)
    assert sl.summary["median_span"] == 5.0
    assert sl.summary["bands"]["4-7"] == 2.0
    assert sl.summary["bands"]["2-3"] == 1.0


def test_vacant_manager_nan_span_and_flag():
    org = Org.from_records([
        {"id": "m", "title": "经理", "headcount": 1},
        {"id": "v", "title": "主管", "reports_to": "m", "headcount": 0},
        {"id": "e", "title": "专员", "reports_to": "v", "headcount": 4},
    ])
    sl = spans_layers(org)
    row = sl.managers.set_index("id").loc["v"]
    assert math.isnan(row["span"]) and row["band"] == ""
    assert sl.summary["vacant_managers"] == 1
    assert "vacant_manager" in set(sl.flags["flag"])
    assert json.dumps(sl.summary)  # no inf anywhere
    # the head manages 0 people per incumbent → a one-over-one (0 ≤ 1) flag
    assert sl.managers.set_index("id").loc["m", "span"] == 0.0


def test_flags_and_targets():
    org = Org.from_records(
        [{"id": "h", "title": "总监", "headcount": 1},
         {"id": "a", "title": "经理A", "reports_to": "h", "headcount": 1},
         {"id": "x", "title": "专员", "reports_to": "a", "headcount": 1},
         {"id": "b", "title": "经理B", "reports_to": "h", "headcount": 1},
         {"id": "y", "title": "专员", "reports_to": "b", "headcount": 2},
         {"id": "c", "title": "经理C", "reports_to": "h", "headcount": 1},
         {"id": "z", "title": "专员", "reports_to": "c", "headcount": 9}])
    sl = spans_layers(org, target="coach")
    f = {(r.id, r.flag) for r in sl.flags.itertuples()}
    assert ("a", "one_over_one") in f
    assert ("b", "micro_team") in f
    assert ("c", "above_target") in f and ("c", "graicunas_overload") in f
    assert ("h", "micro_team") not in f and ("h", "one_over_one") not in f
    msg = sl.flags.set_index(["id", "flag"]).loc[("c", "graicunas_overload")]
    assert "2,376" in msg["message"] and "格拉丘纳斯" in msg["message_zh"]
    assert sl.summary["target"] == "coach"
    assert set(spans_layers(org, target=8).flags.query("flag == 'above_target'")["id"]) == {"c"}
    assert spans_layers(org, target="教练").summary["target"] == "coach"


def test_custom_bands():
    sl = spans_layers(chain_org(), bands=(0, 3, 6))
    assert sl.summary["bands"] == {"0-2": 1.0, "3-5": 2.0, "6+": 0.0}
    assert band_labels((1, 2, 4, 8, 13, 17)) == ["1", "2-3", "4-7", "8-12", "13-16", "17+"]


def test_graicunas_values():
    assert graicunas(1).total == 1
    assert graicunas(2).total == 6
    assert graicunas(6).total == 222
    g = graicunas(12)
    assert (g.direct_single, g.cross, g.direct_group, g.total) == (12, 132, 24564, 24708)
    assert g.total == g.direct_single + g.cross + g.direct_group


@pytest.mark.parametrize("bad", [-1, 2.5, "x", True])
def test_graicunas_bad(bad):
    with pytest.raises(OrgInputError):
        graicunas(bad)


def test_archetypes():
    assert [(a.low, a.high) for a in ARCHETYPES.values()][:4] == [(3, 5), (6, 7), (8, 10), (11, 15)]
    assert resolve_target("player/coach")[:2] == (3, 5)
    assert resolve_target("coordinator")[1] == math.inf


@pytest.mark.parametrize("bad", ["boss", -3, 0, "nan"])
def test_bad_targets(bad):
    with pytest.raises(OrgInputError):
        spans_layers(jucao(), target=bad)


def test_empty_and_single():
    with pytest.raises(OrgInputError, match="empty"):
        spans_layers(Org.from_records([]))
    with pytest.raises(OrgInputError, match="single"):
        spans_layers(Org.from_records([{"id": "a", "headcount": 1}]))


def test_cycle_is_an_input_error():
    org = Org.from_records([{"id": "a", "reports_to": "b", "headcount": 1},
                            {"id": "b", "reports_to": "a", "headcount": 1}])
    with pytest.raises(OrgInputError, match="cycle"):
        spans_layers(org)


def test_tree_metrics_forest():
    t = tree_metrics(np.array([-1, 0, -1, 2, 3]), np.ones(5))
    assert t.layer.tolist() == [1, 2, 1, 2, 3]
    assert t.people_below.tolist() == [1, 0, 2, 1, 0]


# ----------------------------------------------------------------- networkx equality
def _assert_equal_to_networkx(org: Org) -> None:
    posts = spans_layers(org).posts
    ref = spans_layers_networkx(org)
    assert posts["id"].tolist() == ref["id"].tolist()
    assert posts["layer"].tolist() == ref["layer"].tolist()
    assert posts["direct_reports"].tolist() == ref["direct_reports"].tolist()
    np.testing.assert_allclose(posts["span"], ref["span"], equal_nan=True)
    np.testing.assert_allclose(posts["people_below"], ref["people_below"])


@pytest.mark.parametrize("n", [50, 2_000, 20_000])
def test_equal_to_networkx_generated(n):
    from bench_spans import generate_org

    _assert_equal_to_networkx(generate_org(n, seed=n))


@st.composite
def random_trees(draw):
    n = draw(st.integers(2, 60))
    parents = [-1] + [draw(st.integers(0, i - 1)) for i in range(1, n)]
    hc = draw(st.lists(st.sampled_from([0.0, 1.0, 1.0, 2.0, 3.0, 0.5]), min_size=n, max_size=n))
    perm = draw(st.permutations(range(n)))
    ids = [f"p{perm[i]}" for i in range(n)]
    rows = [{"id": ids[i], "title": "岗位", "reports_to": ids[p] if p >= 0 else "",
             "headcount": hc[i]} for i, p in enumerate(parents)]
    order = draw(st.permutations(range(n)))
    return Org.from_records([rows[i] for i in order])


@settings(max_examples=60, deadline=None)
@given(random_trees())
def test_properties_random_trees(org):
    hc = org.headcounts()
    sl = spans_layers(org)
    total = hc.sum()
    assert sum(sl.people_per_layer.values()) == pytest.approx(total)
    # direct-report people over all managers = everyone but the top
    top = hc[org.parent_index() < 0].sum()
    assert sl.posts["direct_people"].sum() == pytest.approx(total - top)
    ok = sl.managers["span"].notna()
    assert (sl.managers.loc[ok, "span"] * sl.managers.loc[ok, "headcount"]).sum() == pytest.approx(
        sl.posts.loc[sl.posts["span"].notna(), "direct_people"].sum())
    assert sl.posts.loc[org.parent_index() < 0, "people_below"].sum() == pytest.approx(total - top)
    assert sum(sl.summary["bands"].values()) == pytest.approx(
        sl.managers.loc[sl.managers["span"].notna(), "headcount"].sum())
    assert sl.summary["managers"] + sl.summary["individual_contributors"] == pytest.approx(total)
    _assert_equal_to_networkx(org)


# ----------------------------------------------------------------- command line
def run_cli(*argv: str) -> tuple[int, str, str]:
    import contextlib
    import io

    from orglib.cli._main import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def test_cli_json(tmp_path):
    from orglib.io._load import save

    path = tmp_path / "jucao.yaml"
    save(jucao(), path)
    code, out, err = run_cli("spans", str(path), "--json", "--target", "coach")
    assert code == 0, err
    data = json.loads(out)
    assert data["summary"]["layers"] == 3
    assert data["summary"]["people_per_layer"] == {"1": 1, "2": 3, "3": 8}
    first = data["managers"][0]
    assert {"id", "title", "span", "layer", "people_below"} <= set(first)
    assert first["id"] == "dir" and first["span"] == 3


def test_cli_table(tmp_path):
    from orglib.io._load import save

    path = tmp_path / "jucao.yaml"
    save(jucao(), path)
    code, out, _ = run_cli("spans", str(path), "--lang", "en")
    assert code == 0 and "Layers" in out and "市场运营总监" in out
    code, out, _ = run_cli("spans", str(path))
    assert code == 0 and "管理层级" in out


@pytest.mark.parametrize("argv", [
    ("spans", "no-such-template-xyz"),
    ("spans", "{path}", "--target", "boss"),
    ("spans", "{path}", "--target", "-2"),
    ("spans", "{single}"),
])
def test_cli_bad_input(tmp_path, argv):
    from orglib.io._load import save

    path = tmp_path / "jucao.yaml"
    save(jucao(), path)
    single = tmp_path / "single.yaml"
    save(Org.from_records([{"id": "a", "title": "经理", "headcount": 1}]), single)
    argv = [a.format(path=path, single=single) for a in argv]
    code, out, err = run_cli(*argv)
    assert code != 0
    assert "Traceback" not in err and err.strip()


# ----------------------------------------------------------------- seed templates
def test_template_jucao_spans_in_people():
    """巨巢 市场运营中心 (seed 002): 总监 over 3 经理; 拓展部经理 over 2 主管 + 2 电话营销;
    2 主管 over 10 专员 = 5 each; 营销部经理 over 分析师 + 策划经理."""
    import orglib

    sl = spans_layers(orglib.load("jucao-ops-center"))
    m = sl.managers.set_index("id")
    assert m["span"].to_dict() == {"director": 3.0, "tz_mgr": 4.0, "yx_mgr": 2.0, "tz_sup": 5.0}
    assert m["people_below"].to_dict() == {"director": 19.0, "tz_mgr": 14.0, "yx_mgr": 2.0, "tz_sup": 10.0}
    s = sl.summary
    assert (s["headcount"], s["layers"], s["managers"], s["individual_contributors"]) == (20.0, 4, 5.0, 15.0)
    assert s["mean_span"] == pytest.approx(19 / 5)
    assert s["median_span"] == 4.0
    assert s["people_per_layer"] == {1: 1.0, 2: 3.0, 3: 6.0, 4: 10.0}
    assert s["bands"]["4-7"] == 3.0 and s["bands"]["2-3"] == 2.0


def test_template_duocai_flat_department():
    """多彩 as-is (seed 000): 经理 over 10 staff, one layer of management."""
    import orglib

    sl = spans_layers(orglib.load("duocai-asis"), target="coach")
    assert sl.managers[["id", "span"]].values.tolist() == [["mgr", 10.0]]
    assert set(sl.flags["flag"]) == {"above_target", "graicunas_overload"}
    assert "5,210" in sl.flags.set_index("flag").loc["graicunas_overload", "message"]


def test_cli_invalid_and_empty_orgs(tmp_path):
    bad = tmp_path / "cycle.csv"
    bad.write_text("id,title,reports_to,headcount\na,经理,b,1\nb,主管,a,1\n", encoding="utf-8")
    code, out, err = run_cli("spans", str(bad))
    assert code == 1 and "Traceback" not in err and err.strip()
    empty = tmp_path / "empty.csv"
    empty.write_text("id,title,reports_to,headcount\n", encoding="utf-8")
    code, out, err = run_cli("spans", str(empty), "--json")
    assert code != 0 and "Traceback" not in err and err.strip() and out == ""
    code, out, err = run_cli("spans", "jucao-ops-center", "--bands", "1,x")
    assert code == 2 and "bands" in err


def test_one_over_one_chain():
    org = Org.from_records([
        {"id": "a", "title": "总监", "headcount": 1},
        {"id": "b", "title": "经理", "reports_to": "a", "headcount": 1},
        {"id": "c", "title": "主管", "reports_to": "b", "headcount": 1},
        {"id": "d", "title": "专员", "reports_to": "c", "headcount": 4},
    ])
    f = spans_layers(org).flags
    assert sorted(f.loc[f["flag"] == "one_over_one", "id"]) == ["a", "b"]
    assert f.loc[f["flag"] == "one_over_one_chain", "id"].tolist() == ["b"]
