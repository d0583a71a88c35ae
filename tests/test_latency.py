"""Span-of-control trade-off: closed form vs simulation, hierarchy, sweep, CLI."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from orglib._core.errors import OrgInputError
from orglib.sim._latency import (
    LatencyModel,
    graicunas_total,
    hierarchy,
    latency_closed_form,
    latency_optimum,
    latency_sweep,
    simulate_latency,
)


def test_hierarchy_is_balanced_and_fills_the_headcount():
    for n in (2, 7, 15, 150, 1000):
        for s in (2, 3, 6, 11, 20):
            ic, ms = hierarchy(n, s)
            assert ms[-1] == 1
            assert ic + sum(ms) <= n
            assert all(-(-b // s) == m for b, m in zip([ic, *ms[:-1]], ms, strict=True))
            # one more IC would not fit
            ic2, ms2 = ic + 1, []
            cur = ic2
            while True:
                cur = -(-cur // s)
                ms2.append(cur)
                if cur == 1:
                    break
            assert ic2 + sum(ms2) > n


def test_single_manager_is_an_mm1_queue():
    model = LatencyModel(request_rate=0.5, service_rate=4.0, supervision=0.05, handoff=0.1)
    r = latency_closed_form(6, 5, model)  # one manager, five ICs
    lam, mu = 0.5 * 5, 4.0 * (1 - 0.05 * 5)
    assert r["layers"] == 2 and r["managers"] == 1
    assert r["mean_latency"] == pytest.approx(1 / (mu - lam) + 0.1, rel=1e-12)
    assert r["p90_latency"] == pytest.approx(math.log(10) / (mu - lam) + 0.1, rel=1e-8)
    sim = simulate_latency(6, 5, model, requests=40000, customers=200000, seed=3)
    assert abs(sim["mean_latency"] - r["mean_latency"]) < 4 * sim["se_mean"]
    assert sim["p90_latency"] == pytest.approx(r["p90_latency"], rel=0.03)


@pytest.mark.parametrize("headcount, span", [(150, 3), (150, 6), (150, 10), (600, 8), (40, 2)])
def test_simulation_agrees_with_closed_form(headcount, span):
    model = LatencyModel()
    closed = latency_closed_form(headcount, span, model)
    assert closed["stable"]
    sim = simulate_latency(headcount, span, model, requests=40000, customers=100000, seed=span)
    assert abs(sim["mean_latency"] - closed["mean_latency"]) < 4 * sim["se_mean"]
    assert sim["p90_latency"] == pytest.approx(closed["p90_latency"], rel=0.04)


def test_closed_form_mean_by_hand_for_two_levels():
    model = LatencyModel(request_rate=0.2, escalate=0.3, service_rate=6.0, supervision=0.02, handoff=0.5)
    r = latency_closed_form(13, 3, model)  # 9 ICs, 3 leads, 1 head
    lam1, mu1 = 0.2 * 3, 6 * (1 - 0.02 * 3)
    lam2, mu2 = 0.2 * 9 * 0.3, 6 * (1 - 0.02 * 3)
    expected = (1 / (mu1 - lam1) + 0.5) + 0.3 * (1 / (mu2 - lam2) + 0.5)
    assert r["mean_latency"] == pytest.approx(expected, rel=1e-12)
    # p90 of the mixture, checked against the CDF computed independently (distinct rates)
    a, b = mu1 - lam1, mu2 - lam2
    x = r["p90_latency"]
    one = 1 - math.exp(-a * (x - 0.5))
    y = x - 1.0
    two = 1 - (b * math.exp(-a * y) - a * math.exp(-b * y)) / (b - a)
    assert 0.7 * one + 0.3 * two == pytest.approx(0.9, abs=1e-8)


def test_sweep_columns_cost_and_optimum():
    df = latency_sweep(150)
    assert df["span"].tolist() == list(range(2, 21))
    for col in ("layers", "managers", "management_cost", "mean_latency", "p90_latency"):
        assert col in df.columns
    assert (np.diff(df["management_cost"]) <= 1e-9).all()
    assert (np.diff(df["layers"]) <= 0).all()
    best = latency_optimum(df)
    assert best["span"].tolist() == [5]
    # an interior optimum: narrower and wider spans are both slower
    lat = df.set_index("span")["mean_latency"]
    assert lat[2] > lat[5] and lat[9] > lat[5]
    # the optimum moves with headcount
    spans = latency_optimum(latency_sweep([30, 600]))["span"].tolist()
    assert spans == [5, 3]


def test_graicunas_option():
    assert graicunas_total(np.array([0, 5, 10])).tolist() == [0.0, 100.0, 5210.0]
    lin = latency_sweep(150, spans=[4, 8, 14])
    gra = latency_sweep(150, spans=[4, 8, 14], coordination="graicunas")
    assert gra.loc[0, "mean_latency"] == pytest.approx(lin.loc[0, "mean_latency"], rel=0.05)
    assert math.isinf(gra.loc[2, "mean_latency"]) and not gra.loc[2, "stable"]


def test_simulated_sweep_is_deterministic():
    a = latency_sweep(60, spans=[3, 6], simulate=True, requests=2000, seed=9)
    b = latency_sweep(60, spans=[3, 6], simulate=True, requests=2000, seed=9)
    assert a.equals(b)


@pytest.mark.parametrize("call, msg", [
    (lambda: LatencyModel(escalate=1.5), "escalate must be in [0, 1]"),
    (lambda: LatencyModel(coordination="x"), "coordination must be"),
    (lambda: LatencyModel(request_rate=-1), "request_rate must be a non-negative"),
    (lambda: hierarchy(1, 3), "headcount must be at least 2"),
    (lambda: hierarchy(10, 1), "span must be at least 2"),
    (lambda: latency_sweep(10, spans=[]), "at least one"),
])
def test_bad_input(call, msg):
    with pytest.raises(OrgInputError) as err:
        call()
    assert msg in str(err.value) and "\n" not in str(err.value)


def test_cli_latency_json(capsys):
    from orglib.cli._main import main

    assert main(["latency", "--headcount", "150", "--spans", "3-8", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [r["span"] for r in out["sweep"]] == [3, 4, 5, 6, 7, 8]
    assert out["optimum"][0]["span"] == 5
    assert main(["latency", "--headcount", "150", "--spans", "3-8", "--lang", "en"]) == 0
    assert "shortest mean latency is 5" in capsys.readouterr().out
    assert main(["latency", "--headcount", "150", "--escalate", "2"]) == 2
    err = capsys.readouterr().err.strip()
    assert "escalate" in err and "\n" not in err


# ---------------------------------------------------------------- infinite latency explained (issue 11, item 16)


def test_optimum_ignores_spans_whose_queue_cannot_keep_up():
    df = latency_sweep(200, spans=range(2, 9), service_rate=1)
    unstable = df.loc[~df["stable"], "span"].tolist()
    assert unstable == [4, 5, 6, 7, 8]
    # the bottleneck is overloaded exactly where the latency is infinite
    assert ((df["max_load"] >= 1) == ~df["stable"]).all()
    assert latency_optimum(df)["span"].tolist() == [2]  # the shortest finite latency, never an inf row


def test_no_feasible_span_gives_no_recommendation():
    df = latency_sweep([100, 200], spans=range(2, 6), service_rate=0.1)
    assert not df["stable"].any() and latency_optimum(df).empty


def test_unstable_text_explains_in_both_languages():
    from orglib.sim import unstable_text

    df = latency_sweep(200, spans=range(2, 9), service_rate=1)
    (en,) = unstable_text(df, "en")
    r = df[df["span"] == 4].iloc[0]
    assert "200 people, spans 4–8: the decision latency is infinite" in en
    assert f"receives {r['arrival_rate']:.3g} requests a day but can decide only {r['service_capacity']:.3g}" in en
    assert "left out of the recommendation" in en
    (zh,) = unstable_text(df, "zh")
    assert "决策时延为无穷大" in zh and "幅度 4–8" in zh and not any(c.isascii() and c.isalpha() for c in zh)
    assert unstable_text(latency_sweep(150, spans=[4, 5, 6]), "en") == []


def test_cli_latency_explains_infinite_rows(capsys):
    from orglib.cli._main import main

    assert main(["latency", "--headcount", "200", "--spans", "2-8", "--service-rate", "1", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "inf " not in out and "∞ (overloaded)" in out
    assert "a manager's queue cannot keep up" in out and "shortest mean latency is 2" in out
    assert main(["latency", "--headcount", "200", "--spans", "2-5", "--service-rate", "0.1", "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert "没有可行的管理幅度" in out and "平均时延最短" not in out  # no recommendation at all
    assert main(["latency", "--headcount", "200", "--spans", "2-5", "--service-rate", "0.1", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["optimum"] == [] and len(data["unstable"]) == 1
    assert all(r["mean_latency"] is None and r["stable"] is False for r in data["sweep"])
