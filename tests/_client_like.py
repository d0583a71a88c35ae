"""A client-like file for the large-report tests, generated from a seed (no client data).

:func:`organogram_csv` writes a UK government senior organogram (data.gov.uk format, the
shape of the public 1,516-post samples): a Chief Executive, seven directorates, deputy
directors over units, heads of team over teams of 3–12 officers, a few vacant posts.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

HEADER = ["Post Unique Reference", "Name", "Grade (or equivalent)", "Job Title", "Job/Team Function",
          "Parent Department", "Organisation", "Unit", "Contact Phone", "Contact E-mail",
          "Reports to Senior Post", "Salary Cost of Reports (£)", "FTE", "Actual Pay Floor (£)",
          "Actual Pay Ceiling (£)", "", "Professional/Occupational Group", "Notes", "Valid?"]

DIRECTORATES: dict[str, list[str]] = {
    "Communications": ["Campaigns", "Press Office", "Internal Communications", "Events"],
    "Digital": ["Web Services", "Social Media", "Data and Analytics", "Content Design"],
    "Marketing": ["Brand", "Partnerships", "Market Research", "Advertising", "Sponsorship"],
    "Customer Services": ["Contact Centre", "Complaints", "Customer Insight"],
    "Regions": ["North", "Midlands", "South East", "South West", "Scotland and Wales"],
    "Strategy": ["Policy", "Planning", "Performance"],
    "Corporate Services": ["Finance", "People", "Procurement", "Facilities"],
}
OFFICERS = ("Senior Officer", "Officer", "Assistant Officer", "Administrator")
GRADES = {"Senior Officer": "SEO", "Officer": "HEO", "Assistant Officer": "EO", "Administrator": "AO"}
UNITS = [(d, u) for d, us in DIRECTORATES.items() for u in us]


def organogram_rows(posts: int = 1516, *, seed: int = 7) -> list[list[str]]:
    """The rows (without header) of a senior organogram of exactly ``posts`` posts."""
    rng = np.random.default_rng(seed)
    rows: list[list[str]] = []
    k = 0

    def post(title: str, grade: str, unit: str, boss: str, function: str) -> str:
        nonlocal k
        k += 1
        ref = f"P{k:05d}"
        name = "Vacant" if rng.random() < 0.03 and boss != "XX" else f"Person {k:05d}"
        rows.append([ref, name, grade, title, function, "Department for Examples", "Example Agency", unit,
                     "0300 000 0000", f"post{k}@example.gov.uk", boss, "0", "1.00", "30000", "39999", "",
                     "Communications", "", "1"])
        return ref

    ceo = post("Chief Executive", "SCS3", "Executive Office", "XX", "Leads the agency")
    directors = {d: post(f"Director of {d}", "SCS2", d, ceo, d) for d in DIRECTORATES}
    deputies = [(post(f"Deputy Director, {u}", "SCS1", u, directors[d], u), u) for d, u in UNITS]
    # heads of team and their officers, round robin over the units until ``posts`` posts exist
    i = 0
    while k < posts:
        dd, unit = deputies[i % len(deputies)]
        i += 1
        head = post(f"Head of {unit} Team {i // len(deputies) + 1}", "G7", unit, dd, unit)
        for _ in range(int(rng.integers(3, 13))):
            if k >= posts:
                break
            title = OFFICERS[int(rng.integers(0, len(OFFICERS)))]
            post(f"{unit} {title}", GRADES[title], unit, head, unit)
    return rows


def organogram_csv(path: Path, posts: int = 1516, *, seed: int = 7) -> Path:
    """Write :func:`organogram_rows` as a CSV in the published format; returns ``path``."""
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, quoting=csv.QUOTE_ALL)
        w.writerow(HEADER)
        w.writerows(organogram_rows(posts, seed=seed))
    return path


HR_UNITS = ["品牌部", "市场研究部", "渠道部", "促销部", "公关部", "数字营销部", "客户服务部", "产品部"]


def hr_export_csv(path: Path, people: int = 100_000, *, seed: int = 0) -> Path:
    """A Chinese HR export of ``people`` people (工号, 岗位, 上级工号, 部门, 编制): a tree grown
    breadth first with spans 3–12 (:func:`orglib.designs.breadth_first_parents`), one
    department per report of the head (the benchmark's file, benchmarks/bench_report.py)."""
    from orglib.designs import breadth_first_parents

    parent = breadth_first_parents(people, seed=seed)
    depth = np.zeros(people, dtype=np.int64)
    top = np.zeros(people, dtype=np.int64)
    for i in range(1, people):
        depth[i] = depth[parent[i]] + 1
        top[i] = (i - 1) % len(HR_UNITS) if parent[i] == 0 else top[parent[i]]
    titles = ["市场总监", "部门经理", "主管", "组长"] + ["专员"] * 60
    lines = ["工号,岗位,上级工号,部门,编制"]
    for i in range(people):
        boss = "" if parent[i] < 0 else f"E{parent[i]:06d}"
        unit = "市场部" if i == 0 else HR_UNITS[top[i]]
        lines.append(f"E{i:06d},{titles[depth[i]]},{boss},{unit},1")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
