"""Snapshot Orgs: one run's counts at a month turned back into a valid Org (快照组织).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .._core import Org
from ._kernel import rank_factor
from ._policy import SpanPolicy
from ._start import StartState

__all__ = ["snapshot_org"]

# --------------------------------------------------------------------- snapshot Orgs
def _chunks(n: int, m: int) -> list[int]:
    """``n`` items over ``m`` holders as evenly as possible (first ones get one more)."""
    if m <= 0:
        return []
    q, r = divmod(int(n), int(m))
    return [q + 1] * r + [q] * (m - r)


def snapshot_org(st: StartState, s: dict, org: Org, pol: SpanPolicy, month: int) -> Org:
    """A valid Org from one run's counts: generated ids, reports_to, headcount, cost."""
    rows: list[dict] = []
    step, c_ic = st.cost_step, st.cost_ic
    ic, m, d = s["ic"], s["m"], s["d"]
    funcs = st.functions
    nlev = (m > 0).sum(axis=1)
    base_rank = int(nlev.max()) if len(nlev) else 0
    g_act = int((d > 0).sum())
    head_id = "H"
    rows.append({"id": head_id, "title": st.head_title, "title_en": st.head_title_en,
                 "unit": st.head_unit, "reports_to": "", "headcount": float(st.head),
                 "cost": c_ic * rank_factor(step, base_rank + g_act + 1) if st.head else math.nan,
                 "level": "L0", "source": "simulated"})
    # function tops (posts reporting to directors or the head)
    tops: list[str] = []
    for f, fr in funcs.iterrows():
        name, name_en, unit = fr["name"], fr["name_en"], fr["unit"]
        if m[f].sum() == 0:
            for j in range(int(ic[f])):
                pid = f"F{f + 1}-S{j + 1}"
                rows.append({"id": pid, "title": f"{name}", "title_en": f"{name_en}",
                             "unit": unit, "headcount": 1.0, "cost": c_ic, "source": "simulated"})
                tops.append(pid)
            continue
        top = int(np.flatnonzero(m[f] > 0).max())
        prev: list[str] = []
        for lv in range(top, -1, -1):
            cnt = int(m[f, lv])
            ids = [f"F{f + 1}-M{lv}-{i + 1}" for i in range(cnt)]
            if lv == top:
                title, title_en = f"{name}负责人", f"head of {name_en}"
                tops.extend(ids)
                parents = [""] * cnt
            else:
                title = f"{name}经理" if lv > 0 else f"{name}主管"
                title_en = f"{name_en} manager" if lv > 0 else f"{name_en} team lead"
                parents = [p for p, k in zip(prev, _chunks(cnt, len(prev)), strict=True) for _ in range(k)]
            for pid, par in zip(ids, parents, strict=True):
                rows.append({"id": pid, "title": title, "title_en": title_en, "unit": unit,
                             "reports_to": par, "headcount": 1.0, "cost": c_ic * rank_factor(step, lv + 1),
                             "source": "simulated"})
            prev = ids
        for i, (par, k) in enumerate(zip(prev, _chunks(int(ic[f]), len(prev)), strict=True)):
            if k:
                rows.append({"id": f"F{f + 1}-E{i + 1}", "title": f"{name}专员",
                             "title_en": f"{name_en} specialist", "unit": unit, "reports_to": par,
                             "headcount": float(k), "cost": c_ic, "source": "simulated"})
    # director levels, top down; the lowest takes the function tops
    parents_ids = [head_id]
    for g in range(g_act - 1, -1, -1):
        cnt = int(d[g])
        ids = [f"D{g + 1}-{i + 1}" for i in range(cnt)]
        pars = [p for p, k in zip(parents_ids, _chunks(cnt, len(parents_ids)), strict=True) for _ in range(k)]
        for pid, par in zip(ids, pars, strict=True):
            rows.append({"id": pid, "title": "分管总监", "title_en": "director", "unit": st.head_unit,
                         "reports_to": par, "headcount": 1.0,
                         "cost": c_ic * rank_factor(step, base_rank + g + 1), "source": "simulated"})
        parents_ids = ids
    by_id = {r["id"]: r for r in rows}
    sizes = _chunks(len(tops), len(parents_ids))
    it = iter(tops)
    for par, k in zip(parents_ids, sizes, strict=True):
        for _ in range(k):
            by_id[next(it)]["reports_to"] = par
    meta = dict(org.meta)
    base = meta.get("id") or meta.get("name") or "org"
    meta.update({"id": f"{base}-m{month}", "name": f"{org.label('zh')} · 第 {month} 月",
                 "name_en": f"{org.label('en')} · month {month}",
                 "description": f"模拟第 {month} 月(管理幅度政策 {pol.label('zh')})",
                 "description_en": f"simulated month {month} (span policy {pol.label('en')})",
                 "source": "orglib.simulate"})
    units = org.units.copy()
    return Org(pd.DataFrame(rows), units=units, meta=meta)

