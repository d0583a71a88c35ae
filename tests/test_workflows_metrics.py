"""Workflow metrics on SC-001 … SC-004 (seed 003) and the same workflow on other designs."""

from __future__ import annotations

import contextlib
import io
import json

import pandas as pd
import pytest

import orglib
from orglib import workflows
from orglib._core.errors import OrgInputError
from orglib._core.model import Org
from orglib.analysis._workflows import (
    DEFAULT_DURATIONS,
    compare_workflow,
    run_on,
    steps_table,
    workflow_metrics,
)


def run_cli(*argv: str) -> tuple[int, str, str]:
    from orglib.cli._main import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def five():
    return orglib.load("five-posts-sales")


def test_sc001(five):
    """市场调研策划流程: 市场助理 drafts; 总监, 事业部经理, 总经理 review; four sign jointly.
    Stages 2+1+1+1+1 = 6 days, 4 hand-offs between 市场部 and 公司领导 × 0.5 = 2."""
    m = workflow_metrics(five, "SC-001").iloc[0]
    got = {k: m[k] for k in ("steps", "stages", "approvals", "handoffs", "role_changes", "roles",
                             "longest_approval_chain", "cycle_days", "unmapped")}
    assert got == {"steps": 8, "stages": 5, "approvals": 7, "handoffs": 4, "role_changes": 7,
                   "roles": 6, "longest_approval_chain": 4, "cycle_days": 8.0, "unmapped": 0}


def test_sc004(five):
    """销售计划: 客户经理 → 区域经理 → 总监 (approves) → 区域经理; 2+2+1+2 days, 3 reporting hops."""
    m = workflow_metrics(five, "SC-004").iloc[0]
    assert (m["steps"], m["approvals"], m["handoffs"], m["roles"], m["reporting_hops"], m["cycle_days"]) == \
        (4, 1, 0, 3, 3, 7.0)


def test_all_workflows_and_alias(five):
    t = workflows(five)
    assert t["workflow"].tolist() == ["SC-001", "SC-002", "SC-003", "SC-004"]
    assert t.equals(workflow_metrics(five))
    assert orglib.workflows(five).equals(t)


def test_duration_overrides(five):
    m = workflow_metrics(five, "SC-004", durations={"action": 1, "approval": 3}).iloc[0]
    assert m["cycle_days"] == 1 + 1 + 3 + 1
    assert DEFAULT_DURATIONS == {"action": 2.0, "approval": 1.0, "handoff": 0.5}
    with pytest.raises(OrgInputError):
        workflow_metrics(five, durations={"coffee": 1})
    with pytest.raises(OrgInputError):
        workflow_metrics(five, durations={"action": -1})


def test_explicit_durations_and_parallel():
    org = Org.from_records(
        [{"id": "a", "unit": "u", "headcount": 1}, {"id": "b", "unit": "u", "reports_to": "a", "headcount": 1}],
        workflows=[{"workflow": "W", "step": 1, "role": "b", "action": "x", "duration_days": 5},
                   {"workflow": "W", "step": 2, "role": "a", "action": "y", "approves": True,
                    "duration_days": 2, "parallel_group": "g"},
                   {"workflow": "W", "step": 3, "role": "b", "action": "z", "approves": True,
                    "duration_days": 4, "parallel_group": "g"}])
    m = workflow_metrics(org).iloc[0]
    assert (m["stages"], m["longest_approval_chain"], m["cycle_days"]) == (2, 1, 9.0)


def test_same_workflow_on_a_decentralized_variant(five):
    """Move the 区域经理 into a regional unit: every step of SC-004 now crosses a unit line."""
    pos = five.positions.copy()
    pos.loc[pos["id"] == "regional", "unit"] = "east"
    units = pd.DataFrame([*five.units.to_dict("records"), {"id": "east", "name": "华东区", "parent": "mkt"}])
    variant = five.replace(positions=pos, units=units)
    t = compare_workflow(five, variant, workflow="SC-004", names=["集中", "分区"])
    assert t.loc["handoffs"].tolist() == [0, 3]
    assert t.loc["cycle_days"].tolist() == [7.0, 8.5]
    assert t.loc["unmapped"].tolist() == [0, 0]


def test_run_on_other_org_maps_by_title(five):
    other = Org.from_records([
        {"id": "boss", "title": "市场总监", "unit": "m", "headcount": 1},
        {"id": "r", "title": "区域经理", "unit": "r", "reports_to": "boss", "headcount": 1},
    ])
    res = run_on(five, other, "SC-004")
    assert res["unmapped"] == 1 and res["roles"] == 2
    res = run_on(five, other, "SC-004", role_map={"account": "r"})
    assert res["unmapped"] == 0
    st = steps_table(five, "SC-004", other)
    assert st["post"].tolist() == ["", "r", "boss", "r"]


def test_errors(five):
    with pytest.raises(OrgInputError, match="SC-999"):
        workflow_metrics(five, "SC-999")
    with pytest.raises(OrgInputError):
        workflow_metrics(orglib.load("centralized-sme"))
    with pytest.raises(OrgInputError):
        compare_workflow(orglib.load("centralized-sme"), workflow="SC-001")


def test_cli_workflows():
    code, out, err = run_cli("workflows", "five-posts-sales", "--json")
    assert code == 0, err
    assert [w["workflow"] for w in json.loads(out)["workflows"]] == ["SC-001", "SC-002", "SC-003", "SC-004"]
    code, out, _ = run_cli("workflows", "five-posts-sales", "-w", "SC-004", "--on", "centralized-sme", "--json")
    assert code == 0 and json.loads(out)["metrics"]["unmapped"]
    code, out, _ = run_cli("workflows", "five-posts-sales", "--days", "handoff=1", "--lang", "en")
    assert code == 0 and "SC-001" in out
    code, _, err = run_cli("workflows", "five-posts-sales", "-w", "SC-999")
    assert code == 2 and "Traceback" not in err
    code, _, err = run_cli("workflows", "five-posts-sales", "--days", "action=-1")
    assert code == 2 and "Traceback" not in err
