"""Growth simulation: conservation, policy rules, determinism, snapshots, bad input, CLI."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from orglib._core.errors import OrgInputError
from orglib._core.model import Org
from orglib.sim import METRICS, SpanPolicy, simulate, start_state


def small_org() -> Org:
    """15 people: a head, two functions with a lead and ICs, an assistant."""
    return Org.from_records([
        {"id": "h", "title": "市场部经理", "unit": "mkt", "headcount": 1},
        {"id": "a", "title": "推广主管", "unit": "promo", "reports_to": "h", "headcount": 1},
        {"id": "a1", "title": "推广专员", "unit": "promo", "reports_to": "a", "headcount": 6},
        {"id": "b", "title": "销售主管", "unit": "sales", "reports_to": "h", "headcount": 1},
        {"id": "b1", "title": "销售代表", "unit": "sales", "reports_to": "b", "headcount": 5},
        {"id": "s", "title": "秘书", "unit": "mkt", "reports_to": "h", "headcount": 1},
    ], units=[{"id": "mkt", "name": "市场部"}, {"id": "promo", "name": "推广部", "parent": "mkt"},
              {"id": "sales", "name": "销售部", "parent": "mkt"}])


def test_start_state_counts():
    st = start_state(small_org())
    assert st.head == 1
    assert st.functions["key"].tolist() == ["promo", "sales", "staff"]
    assert st.functions["name"].tolist() == ["推广部", "销售部", "直属人员"]
    assert st.ic.tolist() == [6, 5, 1]
    assert st.m[:, 0].tolist() == [1, 1, 0]
    assert st.cost_unit == "relative" and st.cost_step == 1.4


def test_month_zero_is_the_org_as_is():
    res = simulate(small_org(), months=3, seed=0)
    w = res.wide()
    assert w.loc[0, "headcount"] == 15
    assert w.loc[0, "managers"] == 3  # head + two leads
    assert w.loc[0, "layers"] == 3
    assert w.loc[0, "span_max"] == 6 and w.loc[0, "span_min"] == 3  # head: 2 leads + assistant
    assert w.loc[0, "span_mean"] == pytest.approx(14 / 3)


@pytest.mark.parametrize("kw", [
    {"growth": 0.04, "attrition": 0.02, "lead_time": 2},
    {"target": 150, "attrition": 0.03, "lead_time": 0, "fill_rate": 0.7},
    {"growth": 0.0, "attrition": 0.05, "promote_share": 1.0},
    {"target": 60, "attrition": 0.01, "span_max": 5, "promote_share": 0.0},
])
def test_conservation_hired_minus_left_is_change_in_headcount(kw):
    res = simulate(small_org(), months=48, runs=300, seed=11, keep_runs=True, **kw)
    hc, hired, left = res.runs["headcount"], res.runs["hired"], res.runs["left"]
    assert np.array_equal(np.diff(hc, axis=0), hired[1:] - left[1:])
    assert np.array_equal(hc[-1] - hc[0], hired.sum(axis=0) - left.sum(axis=0))
    # people split exactly into ICs and managers
    assert np.array_equal(hc, res.runs["ics"] + res.runs["managers"])
    assert (left >= 0).all() and (hired >= 0).all()


def test_growth_from_15_to_150_keeps_spans_within_max():
    res = simulate(small_org(), months=60, target=150, runs=200, seed=3, keep_runs=True)
    over = res.runs["over_max"]
    assert over[1:].max() == 0  # restructured every month: nobody above the maximum
    assert (res.runs["span_max"][1:] <= 8).all()
    hc = res.band("headcount")
    assert 135 <= hc.loc[60, "p50"] <= 150
    layers = res.band("layers")
    assert layers.loc[0, "p50"] == 3 and layers.loc[60, "p50"] >= 4


def test_policy_may_wait_between_reviews():
    org = small_org()
    monthly = simulate(org, months=36, growth=0.08, attrition=0.0, seed=1, span_max=6)
    waiting = simulate(org, months=36, growth=0.08, attrition=0.0, seed=1, span_max=6,
                       review_every=12)
    wm, ww = monthly.wide(), waiting.wide()
    assert wm["over_max"].iloc[1:].max() == 0
    assert ww["over_max"].max() > 0
    # on review months the waiting policy is back within the maximum
    assert (ww.loc[[12, 24, 36], "over_max"] == 0).all()


def test_split_merge_and_new_layer_rules():
    # one function of 40 ICs under a single lead: the first review splits it
    org = Org.from_records([
        {"id": "h", "headcount": 1},
        {"id": "a", "reports_to": "h", "headcount": 1},
        {"id": "e", "reports_to": "a", "headcount": 40},
    ])
    res = simulate(org, months=1, attrition=0.0, seed=0, span_min=3, span_target=6, span_max=8,
                   promote_share=1.0, snapshot_months=[1])
    w = res.wide()
    # 41 people in the function: ceil(40/6) = 7 leads and one function head above them
    # (7 <= max 8), all promoted from the ICs
    assert w.loc[1, "headcount"] == 42
    assert w.loc[1, "ics"] == 33 and w.loc[1, "managers"] == 1 + 1 + 7
    assert w.loc[1, "layers"] == 4
    assert w.loc[1, "promoted"] == 7 and w.loc[1, "hired"] == 0
    snap = res.orgs[1]
    assert snap.headcount_total == 42
    # merge: 12 ICs under 6 leads (span 2 < min 3) → ceil((12+6)/7) = 3 leads
    org2 = Org.from_records(
        [{"id": "h", "headcount": 1}, {"id": "a", "reports_to": "h", "headcount": 1}]
        + [{"id": f"l{i}", "reports_to": "a", "headcount": 1} for i in range(6)]
        + [{"id": f"e{i}", "reports_to": f"l{i}", "headcount": 2} for i in range(6)])
    w2 = simulate(org2, months=1, attrition=0.0, seed=0).wide()
    assert w2.loc[0, "under_min"] == 6 + 1  # six leads of 2, the head over one
    assert w2.loc[1, "managers"] == 1 + 1 + 3 and w2.loc[1, "ics"] == 15
    assert w2.loc[1, "headcount"] == 20


def test_director_layer_when_head_cannot_hold():
    org = Org.from_records(
        [{"id": "h", "headcount": 1}]
        + [{"id": f"f{i}", "unit": f"u{i}", "reports_to": "h", "headcount": 1} for i in range(12)]
        + [{"id": f"e{i}", "unit": f"u{i}", "reports_to": f"f{i}", "headcount": 4} for i in range(12)])
    res = simulate(org, months=1, attrition=0.0, seed=0, snapshot_months=[1])
    w = res.wide()
    assert w.loc[0, "over_max"] == 1  # the head with 12 function heads
    assert w.loc[1, "over_max"] == 0
    assert w.loc[1, "layers"] == w.loc[0, "layers"] + 1
    snap = res.orgs[1]
    directors = snap.positions[snap.positions["id"].str.startswith("D")]
    assert len(directors) == 2  # ceil(12 / 6)
    assert set(snap.positions.loc[snap.positions["id"].str.match(r"F\d+-M0"), "reports_to"]) \
        == set(directors["id"])


def test_same_seed_same_numbers_and_runs_are_independent_of_snapshots():
    a = simulate(small_org(), months=24, runs=50, seed=42, growth=0.03)
    b = simulate(small_org(), months=24, runs=50, seed=42, growth=0.03, snapshot_months=[12])
    c = simulate(small_org(), months=24, runs=50, seed=43, growth=0.03)
    pd.testing.assert_frame_equal(a.series, b.series)
    assert not a.series.equals(c.series)
    np.random.seed(0)  # global numpy state has no influence
    d = simulate(small_org(), months=24, runs=50, seed=42, growth=0.03)
    pd.testing.assert_frame_equal(a.series, d.series)


def test_known_figures_for_a_fixed_seed():
    # exact numbers pin the random stream (numpy PCG64 + binomial) and the rules
    w = simulate(small_org(), months=12, seed=1, growth=0.05, attrition=0.02).wide()
    assert w["headcount"].astype(int).tolist() == _FIXED_HEADCOUNT


_FIXED_HEADCOUNT = [15, 14, 14, 17, 17, 17, 18, 20, 21, 23, 24, 25, 26]


def test_bands_are_ordered_and_tidy():
    res = simulate(small_org(), months=12, runs=100, seed=5, growth=0.05)
    s = res.series
    assert list(s.columns) == ["month", "metric", "mean", "p10", "p50", "p90"]
    assert set(s["metric"]) == set(METRICS)
    assert len(s) == 13 * len(METRICS)
    ok = s.dropna()
    assert (ok["p10"] <= ok["p50"] + 1e-12).all() and (ok["p50"] <= ok["p90"] + 1e-12).all()


def test_snapshots_are_valid_orgs_matching_the_series():
    from orglib.io._validation import validate

    res = simulate(small_org(), months=36, target=80, seed=9, snapshot_months=[0, 18, 36])
    w = res.wide()
    for month, org in res.orgs.items():
        assert org.headcount_total == w.loc[month, "headcount"]
        assert [p for p in validate(org) if p.severity == "error"] == []
        assert len(org.roots()) == 1
        managers = org.positions[org.positions["id"].isin(org.positions["reports_to"])]
        assert managers["headcount"].sum() == w.loc[month, "managers"]


def test_cost_from_the_org():
    org = Org.from_records([
        {"id": "h", "headcount": 1, "cost": 400000},
        {"id": "a", "unit": "u", "reports_to": "h", "headcount": 1, "cost": 200000},
        {"id": "e", "unit": "u", "reports_to": "a", "headcount": 4, "cost": 100000},
    ])
    st = start_state(org)
    assert st.cost_ic == 100000 and st.cost_unit == "currency"
    assert st.cost_step == pytest.approx(2.0)
    w = simulate(org, months=1, attrition=0.0, seed=0).wide()
    assert w.loc[0, "cost"] == pytest.approx(1000000)
    assert w.loc[0, "mgmt_cost_share"] == pytest.approx(0.6)


def test_plan_per_function():
    org = small_org()
    plan = {"promo": [7, 7, 10, 10, 20], "销售部": [6, 6, 6, 6, 6]}
    res = simulate(org, months=6, plan=plan, attrition=0.0, lead_time=0, seed=0)
    w = res.wide()
    assert w.loc[6, "target"] == 1 + 20 + 6 + 1
    assert w.loc[6, "headcount"] >= 28


def test_policy_from_archetype_and_overrides():
    assert SpanPolicy.of("coach") == SpanPolicy(6, 6, 7, archetype="coach")
    assert SpanPolicy.of("coordinator").max == 20
    p = SpanPolicy.of(None, max=5)
    assert (p.min, p.target, p.max) == (3, 5, 5)
    res = simulate(small_org(), months=2, archetype="player_coach", seed=0)
    assert res.params["span_max"] == 5 and res.policy.archetype == "player_coach"


@pytest.mark.parametrize("kw, msg", [
    ({"growth": -0.1}, "growth must be non-negative"),
    ({"attrition": -0.01}, "attrition must be non-negative"),
    ({"months": 0}, "months must be at least 1"),
    ({"runs": 0}, "runs must be at least 1"),
    ({"span_max": 2, "span_min": 3}, "maximum span 2 is below the minimum 3"),
    ({"span_max": 1}, "maximum span must be at least 2"),
    ({"lead_time": 1.5}, "lead_time must be a whole number"),
    ({"fill_rate": 0}, "fill_rate must be positive"),
    ({"archetype": "boss"}, "unknown manager archetype"),
    ({"snapshot_months": [99]}, "snapshot months"),
    ({"plan": {"nope": [1, 2]}}, "unknown function"),
])
def test_bad_input_one_line_errors(kw, msg):
    params = {"months": 12, **kw}
    with pytest.raises(OrgInputError) as err:
        simulate(small_org(), **params)
    text = str(err.value)
    assert msg in text and "\n" not in text and " / " in text  # bilingual, one line


# ----------------------------------------------------------------- command line
@pytest.fixture()
def org_file(tmp_path):
    path = tmp_path / "org.json"
    path.write_text(json.dumps(small_org().to_dict(), ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_cli_json_bands(org_file, capsys):
    from orglib.cli._main import main

    code = main(["simulate", org_file, "--months", "12", "--runs", "20", "--seed", "4",
                 "--growth", "0.05", "--attrition", "0.02", "--span-max", "7", "--json"])
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert out["params"]["span_max"] == 7 and out["params"]["runs"] == 20
    rows = [r for r in out["series"] if r["metric"] == "headcount"]
    assert len(rows) == 13 and {"p10", "p50", "p90"} <= set(rows[0])
    again = main(["simulate", org_file, "--months", "12", "--runs", "20", "--seed", "4",
                  "--growth", "0.05", "--attrition", "0.02", "--span-max", "7", "--json"])
    assert again == 0 and json.loads(capsys.readouterr().out) == out


def test_cli_table(org_file, capsys):
    from orglib.cli._main import main

    assert main(["simulate", org_file, "--months", "6", "--seed", "1", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "headcount" in out and "layers" in out


@pytest.mark.parametrize("args, msg", [
    (["--growth", "-0.1"], "growth must be non-negative"),
    (["--months", "0"], "months must be at least 1"),
    (["--runs", "0"], "runs must be at least 1"),
    (["--span-max", "2", "--span-min", "3"], "maximum span 2 is below the minimum 3"),
])
def test_cli_bad_input(org_file, capsys, args, msg):
    from orglib.cli._main import main

    code = main(["simulate", org_file, "--json", *args])
    cap = capsys.readouterr()
    assert code == 2 and cap.out == ""
    err = cap.err.strip()
    assert msg in err and "\n" not in err


# --------------------------------------------------------------------- golden numbers
def _golden():
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent))
    import _sim_golden

    return _sim_golden


@pytest.mark.parametrize("i", range(12))
def test_same_numbers_for_the_same_seed_as_recorded(i):
    """The kernel gives, bit for bit, the numbers recorded before it was made fast."""
    g = _golden()
    want = json.loads(g.GOLDEN.read_text(encoding="utf-8"))
    assert len(want) == len(g.CASES) == 12
    got = g.digest(g.run_case(i))
    assert got == {k: want[i][k] for k in got}


# --------------------------------------------------------------------- bounds (issue 12 item 5)
@pytest.mark.parametrize("args, msg", [
    (["--seed", "-1"], "seed must be a whole number from 0 to 2**63 - 1, got -1"),
    (["--months", "10000000"], "months must be at most 1200"),
    (["--lead-time", "1000000000"], "lead_time must be at most 1200"),
    (["--runs", "1000000000"], "runs fit"),
    (["--span-max", "500", "--span-min", "3"], "maximum span must be at most 100"),
])
def test_cli_bounds_are_one_line_errors_before_any_work(org_file, capsys, args, msg):
    from orglib.cli._main import main

    code = main(["simulate", org_file, "--json", "--lang", "en", *args])
    cap = capsys.readouterr()
    assert code == 2 and cap.out == ""
    err = cap.err.strip()
    assert msg in err and "\n" not in err


def test_memory_check_says_what_fits():
    from orglib.sim import check_size, simulation_bytes

    budget = 2**30
    per_run = simulation_bytes(months=60, runs=1, functions=5, levels=8)
    with pytest.raises(OrgInputError) as e:
        check_size(months=60, runs=10**7, functions=5, levels=8, budget=budget)
    assert f"at most {budget // per_run:,} runs fit" in e.value.en
    assert f"最多 {budget // per_run:,} 次" in e.value.zh
    check_size(months=60, runs=budget // per_run, functions=5, levels=8, budget=budget)  # fits: no error


def test_simulate_checks_the_orgs_own_size_before_allocating(monkeypatch):
    from orglib.sim import _policy

    monkeypatch.setattr(_policy, "memory_budget", lambda: 50 * 2**20)
    with pytest.raises(OrgInputError, match="runs fit"):
        simulate(small_org(), months=60, runs=200_000, seed=0)


@pytest.mark.parametrize("seed", [-1, 2**63, 1.5, "7", True])
def test_bad_seed(seed):
    with pytest.raises(OrgInputError, match="seed must be a whole number"):
        simulate(small_org(), months=2, seed=seed)


def test_plan_headcount_is_bounded():
    with pytest.raises(OrgInputError, match="planned headcount reaches"):
        simulate(small_org(), months=1200, growth=0.5, seed=0)


def test_a_chain_of_2600_layers_does_not_overflow():
    rows = [{"id": "p0", "headcount": 1}] + [
        {"id": f"p{i}", "reports_to": f"p{i - 1}", "headcount": 1} for i in range(1, 2600)]
    res = simulate(Org.from_records(rows), months=3, runs=20, seed=1, snapshot_months=[0, 3])
    w = res.wide()
    assert w.loc[0, "layers"] == 2600 and w.loc[0, "headcount"] == 2600
    assert np.isfinite(w.loc[1:, "cost"]).all() and w.loc[3, "layers"] < 10
    assert len(res.orgs[0].positions) == 2600


def test_one_policy_object_or_its_fields_not_both():
    with pytest.raises(OrgInputError, match="give either policy or its fields"):
        simulate(small_org(), months=2, policy="coach", span_max=9)
    a = simulate(small_org(), months=6, seed=2, policy=SpanPolicy.of("coach")).series
    b = simulate(small_org(), months=6, seed=2, archetype="coach").series
    pd.testing.assert_frame_equal(a, b)


def test_archetype_bands_come_from_the_analysis_table():
    from orglib.analysis import ARCHETYPES
    from orglib.sim import ARCHETYPE_POLICIES

    assert set(ARCHETYPE_POLICIES) == set(ARCHETYPES)
    for key, a in ARCHETYPES.items():
        lo, _, hi = ARCHETYPE_POLICIES[key]
        assert lo == a.low and (hi == a.high or not np.isfinite(a.high))


@pytest.mark.parametrize("params", [{"months": "-3"}, {"runs": "1000000000"}, {"seed": "-1"},
                                    {"months": 10_000_000}])
def test_report_parameters_get_the_simulation_messages(params):
    from orglib.reporting._render import coerce_parameters
    from orglib.sim import check_params

    with pytest.raises(OrgInputError) as sim_err:
        check_params(**{k: int(v) for k, v in params.items()})
    with pytest.raises(OrgInputError) as rep_err:
        coerce_parameters(params)
    assert rep_err.value.en.split(";")[0] == sim_err.value.en.split(";")[0]


# ---------------------------------------------------------------- fractional FTE (issue 11, item 16)


def half_fte_org() -> Org:
    """A head, a lead with 3 ICs, and staff of 0.5 + 2.5 FTE directly under the head: 8 FTE."""
    return Org.from_records([
        {"id": "m", "title": "Head", "headcount": 1},
        {"id": "a", "title": "Analyst", "reports_to": "m", "headcount": 0.5},
        {"id": "b", "title": "Writer", "reports_to": "m", "headcount": 2.5},
        {"id": "c", "title": "Lead", "reports_to": "m", "headcount": 1},
        {"id": "d", "title": "IC", "reports_to": "c", "headcount": 3},
    ])


def test_simulate_accepts_a_half_fte_post():
    org = half_fte_org()
    st = start_state(org)
    # the lead's function: 3 ICs and 1 manager; direct staff 0.5 + 2.5 = 3 people, carried, not rounded per post
    assert st.ic.tolist() == [3, 3] and st.m.tolist() == [[1], [0]] and st.head == 1
    res = simulate(org, months=3, seed=0, attrition=0.0)
    assert res.wide().loc[0, "headcount"] == 8 == org.headcount_total


def test_fractional_fte_rounded_by_largest_remainder():
    from orglib.sim import whole_people

    org = Org.from_records([{"id": "m", "headcount": 1}] + [
        {"id": f"p{k}", "reports_to": "m", "headcount": 0.5} for k in range(5)])  # 3.5 FTE in all
    st = start_state(org)
    assert st.head + int(st.ic.sum() + st.m.sum()) == 4  # 3.5 rounds half up
    assert whole_people(np.array([0.4, 0.4, 0.4, 0.9])).tolist() == [1, 0, 0, 1]  # total 2.1 → 2


def test_cli_simulate_half_fte_file(tmp_path, capsys):
    from orglib.cli import main

    p = tmp_path / "fte.csv"
    p.write_text("id,title,reports_to,headcount\nm,Head,,1\na,Analyst,m,0.5\nb,Writer,m,2.5\n"
                 "c,Lead,m,1\nd,IC,c,3\n", encoding="utf-8")
    assert main(["simulate", str(p), "--months", "2", "--json"]) == 0
    series = json.loads(capsys.readouterr().out)["series"]
    assert [r["value"] for r in series if r["metric"] == "headcount" and r["month"] == 0] == [8.0]


def test_simulate_refuses_a_negative_headcount():
    org = Org.from_records([{"id": "m", "headcount": 1}, {"id": "e", "reports_to": "m", "headcount": 1}])
    org.positions.loc[1, "headcount"] = -0.5
    with pytest.raises(OrgInputError, match="finite, non-negative headcounts"):
        start_state(org)
