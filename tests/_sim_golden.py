"""Golden cases for the simulation kernel: outputs recorded from the code before the speed-up.

``python tests/_sim_golden.py`` rewrites tests/simulate_golden.json (only when the model
changes on purpose); tests/test_simulate.py asserts every case still gives the same numbers.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import numpy as np

from orglib._core.model import Org

GOLDEN = Path(__file__).with_name("simulate_golden.json")


def random_org(n: int = 500, seed: int = 0, lo: int = 1, hi: int = 12, p_mgr: float = 0.35) -> Org:
    """``n`` one-person posts; each manager's span drawn from lo..hi (breadth first)."""
    rng = np.random.default_rng(seed)
    rows = [{"id": "P0", "title": "市场总监", "headcount": 1}]
    queue, k = [0], 1
    while queue and k < n:
        mgr = queue.pop(0)
        for _ in range(int(rng.integers(lo, hi + 1))):
            if k >= n:
                break
            rows.append({"id": f"P{k}", "title": "岗位", "reports_to": f"P{mgr}", "headcount": 1})
            if rng.random() < p_mgr or not queue:
                queue.append(k)
            k += 1
    return Org.from_records(rows)


def chain_org(functions: int = 4, depth: int = 12, team: int = 5) -> Org:
    """Chain-heavy: each function a chain of ``depth`` one-person posts over a team."""
    rows = [{"id": "H", "title": "市场总监", "headcount": 1}]
    for f in range(functions):
        par = "H"
        for d in range(depth):
            rows.append({"id": f"F{f}L{d}", "title": "经理", "reports_to": par, "headcount": 1})
            par = f"F{f}L{d}"
        rows.append({"id": f"F{f}E", "title": "专员", "reports_to": par, "headcount": team})
    return Org.from_records(rows)


def wide_org(functions: int = 20) -> Org:
    """A head with many small functions (director levels appear)."""
    rows = [{"id": "H", "title": "市场总监", "headcount": 1}]
    for f in range(functions):
        rows.append({"id": f"F{f}", "title": "主管", "unit": f"u{f}", "reports_to": "H", "headcount": 1})
        rows.append({"id": f"F{f}E", "title": "专员", "unit": f"u{f}", "reports_to": f"F{f}", "headcount": 3})
    rows.append({"id": "S", "title": "秘书", "reports_to": "H", "headcount": 2})
    return Org.from_records(rows)


def small_org() -> Org:
    return Org.from_records([
        {"id": "h", "title": "市场部经理", "headcount": 1, "cost": 30},
        {"id": "a", "title": "推广主管", "reports_to": "h", "headcount": 1, "cost": 18},
        {"id": "a1", "title": "推广专员", "reports_to": "a", "headcount": 6, "cost": 10},
        {"id": "b", "title": "销售主管", "reports_to": "h", "headcount": 1, "cost": 16},
        {"id": "b1", "title": "销售代表", "reports_to": "b", "headcount": 5, "cost": 11},
        {"id": "s", "title": "秘书", "reports_to": "h", "headcount": 1, "cost": 9},
    ])


def template_org(name: str = "jucao-ops-center", scale: int = 8) -> Org:
    """A seed template with every leaf post's headcount multiplied by ``scale``."""
    from orglib.designs import template

    org = template(name)
    pos = org.positions.copy()
    parents = set(pos["reports_to"].astype(str))
    leaf = ~pos["id"].astype(str).isin(parents)
    pos.loc[leaf, "headcount"] = pos.loc[leaf, "headcount"].fillna(1).round() * scale
    pos.loc[~leaf, "headcount"] = pos.loc[~leaf, "headcount"].fillna(1).round()
    return Org(pos, units=org.units, meta=org.meta)


def tiny_org() -> Org:
    """A vacant head over two people: runs lose every manager (NaN spans in the bands)."""
    return Org.from_records([{"id": "h", "headcount": 0}, {"id": "e", "reports_to": "h", "headcount": 2},
                             {"id": "f", "reports_to": "h", "headcount": 1}])


ORGS = {
    "small": small_org, "tiny": tiny_org, "random0": lambda: random_org(seed=0, p_mgr=0.2),
    "random1": lambda: random_org(seed=1), "random2": lambda: random_org(seed=2, p_mgr=0.6),
    "chain": chain_org, "wide": wide_org, "template": template_org,
}

CASES = [
    ("small", {"months": 48, "runs": 300, "seed": 11, "growth": 0.04, "attrition": 0.02}),
    ("small", {"months": 36, "runs": 1, "seed": 3, "target": 150, "fill_rate": 0.7, "lead_time": 0}),
    ("small", {"months": 40, "runs": 200, "seed": 5, "target": 60, "span_max": 5, "promote_share": 0.0,
               "snapshot_months": [0, 20, 40], "snapshot_run": 7}),
    ("small", {"months": 30, "runs": 150, "seed": 9, "plan": {"total": [15, 40, 80, 200]},
               "review_every": 3, "archetype": "coach"}),
    ("random0", {"months": 60, "runs": 400, "seed": 1, "growth": 0.01}),
    ("random1", {"months": 60, "runs": 300, "seed": 2, "growth": 0.03, "attrition": 0.03,
                 "snapshot_months": [60]}),
    ("random2", {"months": 24, "runs": 250, "seed": 4, "target": 200, "archetype": "supervisor"}),
    ("chain", {"months": 36, "runs": 200, "seed": 6, "growth": 0.02, "keep_runs": True}),
    ("wide", {"months": 36, "runs": 300, "seed": 8, "growth": 0.05, "span_max": 5, "span_min": 2,
              "span_target": 4, "keep_runs": True, "snapshot_months": [36]}),
    ("wide", {"months": 24, "runs": 100, "seed": 12, "target": 20, "attrition": 0.1, "fill_rate": 0.5}),
    ("tiny", {"months": 24, "runs": 200, "seed": 14, "attrition": 0.2, "fill_rate": 0.6}),
    ("template", {"months": 60, "runs": 300, "seed": 13, "growth": 0.015, "promote_share": 1.0}),
]


def digest(res) -> dict:
    """sha256 of every number the result holds, plus a few readable figures."""
    h = hashlib.sha256()
    s = res.series
    h.update("|".join(map(str, s["metric"])).encode())
    for col in s.columns:
        if col != "metric":
            h.update(np.ascontiguousarray(s[col].to_numpy(dtype=float)).tobytes())
    if res.runs is not None:
        for k in sorted(res.runs):
            h.update(k.encode())
            h.update(np.ascontiguousarray(res.runs[k], dtype=float).tobytes())
    for t in sorted(res.orgs):
        h.update(res.orgs[t].positions.to_csv(index=False).encode())
    w = res.wide()
    return {"sha256": h.hexdigest(), "final_headcount": float(w["headcount"].iloc[-1]),
            "final_layers": float(w["layers"].iloc[-1]), "final_cost": float(w["cost"].iloc[-1])}


def run_case(i: int):
    from orglib.sim import simulate

    name, kw = CASES[i]
    return simulate(ORGS[name](), **kw)


if __name__ == "__main__":
    out = [{"org": name, "params": {k: v for k, v in kw.items()}, **digest(run_case(i))}
           for i, (name, kw) in enumerate(CASES)]
    GOLDEN.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(out)} cases to {GOLDEN}", file=sys.stderr)
