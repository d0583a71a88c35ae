"""Synthetic designs: a large, realistic marketing department generated from a seed.

Used by the explorer's "5,000-person example", the benchmarks and tests that need a big
org with the shape of a real one (head → six function heads → regional managers → teams).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .._core import Org, OrgInputError
from ._layouts import DEFAULT_REGIONS, FUNCTIONS_DEFAULT

SYNTHETIC_ID = "synthetic-5000"
"""Template-like id of the generated example (``meta["id"]`` of :func:`synthetic_org`)."""


def synthetic_org(people: int = 5000, *, regions: int = 4, seed: int = 0) -> Org:
    """A large, realistic marketing department of ``people`` people (one row per person).

    Head → six function heads (the six departments of seed 000) → one regional manager
    per region → team leads with 3–10 people each. Names are generated (员工0001 …).

    Parameters
    ----------
    people : int
        Total rows (≥ 1 + 6 × (1 + regions)).
    regions : int
    seed : int
        Team sizes are drawn with ``numpy.random.default_rng(seed)``.

    Examples
    --------
    >>> org = synthetic_org(300, seed=1)
    >>> len(org.positions), org.headcount_total, len(org.roots())
    (300, 300.0, 1)
    >>> org.meta["id"]
    'synthetic-5000'
    """
    rng = np.random.default_rng(seed)
    regs = list(DEFAULT_REGIONS) + [f"区域{i}" for i in range(len(DEFAULT_REGIONS) + 1, regions + 1)]
    regs = regs[:regions]
    fns = FUNCTIONS_DEFAULT
    need = 1 + len(fns) * (1 + len(regs))
    if people < need:
        raise OrgInputError(en=f"synthetic_org needs at least {need} people, got {people}",
                            zh=f"合成组织至少需要 {need} 人,收到 {people}")
    rows: list[dict[str, Any]] = [{"id": "E00000", "title": "市场部总监", "title_en": "Marketing Director",
                                   "unit": "mkt", "reports_to": "", "headcount": 1}]
    units = [{"id": "mkt", "name": "市场部", "name_en": "Marketing department"}]
    leaders: list[tuple[str, str, str, str, str]] = []  # (post id, unit, title stem zh, en, region)
    k = 1

    def nid() -> str:
        nonlocal k
        k += 1
        return f"E{k - 1:05d}"

    weights = np.array([f["headcount"] for f in fns], dtype=float)
    for f in fns:
        fid = nid()
        stem = f["name"][:-1] if f["name"].endswith("部") else f["name"]
        units.append({"id": f["id"], "name": f["name"], "name_en": f["name_en"], "parent": "mkt",
                      "functions": list(f["tags"])})
        rows.append({"id": fid, "title": f"{stem}经理", "title_en": f"{f['name_en']} Manager",
                     "unit": f["id"], "reports_to": "E00000", "headcount": 1})
        for r in regs:
            rid = nid()
            rows.append({"id": rid, "title": f"{r}{stem}主管", "title_en": f"{f['name_en']} Lead ({r})",
                         "unit": f["id"], "reports_to": fid, "headcount": 1, "region": r})
            leaders.append((rid, f["id"], stem, f["name_en"], r))
    # share the remaining people across function × region teams by the default weights
    rest = people - len(rows)
    share = np.repeat(weights / weights.sum() / len(regs), len(regs))
    counts = np.floor(share * rest).astype(int)
    counts[: rest - counts.sum()] += 1
    for (lid, unit, stem, stem_en, r), n in zip(leaders, counts, strict=True):
        while n > 0:
            size = int(min(n - 1, rng.integers(3, 11))) if n > 1 else 0
            tl = nid()
            rows.append({"id": tl, "title": f"{stem}组长", "title_en": f"{stem_en} Team Lead",
                         "unit": unit, "reports_to": lid, "headcount": 1, "region": r})
            for _ in range(size):
                rows.append({"id": nid(), "title": f"{stem}专员", "title_en": f"{stem_en} Specialist",
                             "unit": unit, "reports_to": tl, "headcount": 1, "region": r})
            n -= size + 1
    for i, rec in enumerate(rows):
        rec["姓名"] = f"员工{i:05d}"
    return Org.from_records(rows, units, meta={
        "id": SYNTHETIC_ID, "name": f"合成市场部({people} 人)",
        "name_en": f"Synthetic marketing department ({people} people)", "source": "assumed"})


def breadth_first_parents(n: int, *, spans: tuple[int, int] = (3, 12), seed: int = 0) -> np.ndarray:
    """Parent rows of an ``n``-post tree grown breadth first: each post, in turn, gets a
    span drawn uniformly from ``spans`` (inclusive) until ``n`` posts exist. Row 0 is the
    top (parent -1). The shape large HR exports have, for tests and benchmarks.

    >>> breadth_first_parents(6, spans=(2, 2)).tolist()
    [-1, 0, 0, 1, 1, 2]
    """
    rng = np.random.default_rng(seed)
    parent = np.full(n, -1, dtype=np.int64)
    frontier, nxt = [0], 1
    while nxt < n:
        new = []
        for p in frontier:
            for _ in range(int(rng.integers(spans[0], spans[1] + 1))):
                if nxt >= n:
                    break
                parent[nxt] = p
                new.append(nxt)
                nxt += 1
        frontier = new
    return parent

