"""Findings and recommendations: one test per rule, ranking, and the 多彩 相互领导 critique."""

from __future__ import annotations

import pandas as pd

from orglib._core.model import Org
from orglib.analysis import raci, spans_layers
from orglib.analysis._findings import (
    HIGH,
    benchmark_layers,
    coverage_gap,
    duplicated_duty,
    findings,
    findings_frame,
    growth_pressure,
    layers_above_benchmark,
    long_approval,
    one_over_one,
    peer_leadership,
    span_above_target,
    vacant_manager,
)
from orglib.io import load


def _star(n: int, **head) -> Org:
    return Org.from_records([{"id": "m", "title": "经理", "title_en": "Marketing Manager", "headcount": 1, **head},
                             *[{"id": f"e{i}", "reports_to": "m", "headcount": 1} for i in range(n)]])


def test_span_above_target_recommends_leads_and_states_to_be_effect():
    org = _star(10)
    tobe = Org.from_records([{"id": "m", "title": "经理", "headcount": 1},
                             *[{"id": f"l{i}", "reports_to": "m", "headcount": 1} for i in range(3)],
                             *[{"id": f"e{i}", "reports_to": f"l{i % 3}", "headcount": 1} for i in range(7)]])
    f = span_above_target(spans_layers(org), target="coach", to_be=spans_layers(tobe))
    assert len(f) == 1 and f[0].subject == "m" and f[0].severity == HIGH
    assert f[0].text("en") == "Marketing Manager leads 10 people against a coach range of 6–7."
    assert "2 teams of at most 7 under 2 leads" in f[0].recommendation("en")
    assert "brings this span to 3" in f[0].recommendation("en")
    assert "经理每人管理 10 人" in f[0].text("zh")
    assert span_above_target(spans_layers(_star(6)), target="coach") == []
    assert span_above_target(spans_layers(org), target="coordinator") == []  # no upper bound


def test_layers_above_benchmark():
    assert benchmark_layers(11, 7) == 3 and benchmark_layers(100_000, 7) == 7
    chain = Org.from_records([{"id": f"p{i}", "reports_to": f"p{i - 1}" if i else "", "headcount": 1}
                              for i in range(5)])
    f = layers_above_benchmark(spans_layers(chain), target="coach")
    assert f and f[0].rule == "layers_above_benchmark" and "Remove 3 layers" in f[0].recommendation("en")
    assert layers_above_benchmark(spans_layers(_star(10))) == []


def test_one_over_one_counts_chains():
    org = Org.from_records([{"id": "a", "headcount": 1}, {"id": "b", "reports_to": "a", "headcount": 1},
                            {"id": "c", "reports_to": "b", "headcount": 1},
                            {"id": "d", "reports_to": "c", "headcount": 5}])
    f = one_over_one(spans_layers(org))
    assert len(f) == 1 and f[0].text("en").startswith("2 manager posts lead a single person")
    assert "chains" in f[0].evidence("en")
    assert one_over_one(spans_layers(_star(4))) == []


def test_duocai_peer_authority_is_a_finding():
    """The seed's 相互领导 critique of 多彩: peers directing each other."""
    org = load("duocai-asis")
    f = [x for x in findings(org, spans_layers(org, target="coach"), raci=raci(org)) if x.rule == "peer_authority"]
    assert len(f) == 1 and f[0].severity == HIGH
    assert f[0].text("en").startswith("9 functional-authority links join peers; 3 pairs lead each other")
    assert "相互领导" in f[0].text("zh") and "one line of command" in f[0].recommendation("en")
    # one-way authority from a manager to a report is ordinary and not a finding
    small = Org.from_records([{"id": "m", "headcount": 1}, {"id": "a", "reports_to": "m", "headcount": 1},
                              {"id": "b", "reports_to": "m", "headcount": 1}],
                             links=[{"from": "m", "to": "b", "kind": "directs"}])
    assert peer_leadership(small) == []
    small.links.loc[len(small.links)] = {**small.links.iloc[0].to_dict(), "from": "a", "to": "b"}
    assert peer_leadership(small)[0].text("en").startswith("1 functional-authority link joins peers; 0 pairs")


def test_coverage_gap_uses_catalogue_labels():
    org = Org.from_records([{"id": "a", "unit": "u", "headcount": 1}], units=[{"id": "u", "functions": [
        "role.intelligence", "role.advisory", "role.oversight", "4P.product"]}])
    f = coverage_gap(raci(org), labels={"role.pr": ("公关机构", "Public relations")})
    assert [x.subject for x in f] == ["roles", "mix"]
    assert "Public relations" in f[0].text("en") and f[0].severity == HIGH
    assert f[1].text("en").startswith("11 of 12 4P/4C/4R elements have no owner")


def test_duplicated_duty_names_units():
    org = Org.from_records([{"id": "m", "unit": "a", "headcount": 1, "duties": {"primary": ["定价"]}},
                            {"id": "x", "unit": "b", "reports_to": "m", "headcount": 1,
                             "duties": {"primary": ["定价"]}}], units=[{"id": "a"}, {"id": "b"}])
    f = duplicated_duty(raci(org), unit_names={"a": ("市场部", "Marketing"), "b": ("销售部", "Sales")})
    assert "Centralize" in f[0].recommendation("en") and "Marketing" in f[0].recommendation("en")
    assert "市场部, 销售部" in f[0].text("zh")


def test_long_approval_and_vacant_manager_and_growth():
    wf = pd.DataFrame({"workflow": ["W", "V"], "name": ["报销", "采购"], "name_en": ["Expenses", ""],
                       "longest_approval_chain": [4, 1], "cycle_days": [9.0, 2.0]})
    f = long_approval(wf)
    assert [x.subject for x in f] == ["W"] and "at most 2" in f[0].recommendation("en")
    vac = Org.from_records([{"id": "m", "headcount": 0}, {"id": "e", "reports_to": "m", "headcount": 12}])
    v = vacant_manager(spans_layers(vac))
    assert v[0].severity == HIGH and "12 people" in v[0].text("en")
    s = pd.DataFrame({"month": [0, 24, 0, 24], "metric": ["span_mean"] * 2 + ["headcount"] * 2,
                      "p10": [5, 8, 11, 20], "p50": [5, 9, 11, 22], "p90": [5, 10, 11, 25]})
    g = growth_pressure(s, target="coach", growth=0.03)
    assert g and "9" in g[0].text("en") and "11 → 22" in g[0].evidence("en")
    assert growth_pressure(s, target="facilitator") == []


def test_findings_are_ranked_and_tabulated():
    org = load("duocai-asis")
    items = findings(org, spans_layers(org, target="coach"), raci=raci(org))
    sev = [f.severity for f in items]
    assert sev == sorted(sev, reverse=True)
    assert {"peer_authority", "span_above_target", "coverage_gap"} <= {f.rule for f in items}
    df = findings_frame(items, "en")
    assert df["rank"].tolist() == list(range(1, len(items) + 1))
    assert all(isinstance(x, str) and x for x in df["recommendation"])
    # no internal tags in the text
    text = " ".join(df.astype(str).to_numpy().ravel())
    for tag in ("4P.price", "4C.customer", "role.", "principle."):
        assert tag not in text
