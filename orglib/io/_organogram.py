"""UK government organograms: the data.gov.uk senior/junior format, widely reused.

Senior file columns (as published): ``Post Unique Reference``, ``Name``, ``Grade (or
equivalent)``, ``Job Title``, ``Job/Team Function``, ``Parent Department``,
``Organisation``, ``Unit``, ``Contact Phone``, ``Contact E-mail``, ``Reports to Senior
Post`` (``XX`` = the top), ``Salary Cost of Reports (£)``, ``FTE``, ``Actual Pay Floor
(£)``, ``Actual Pay Ceiling (£)``, a blank column, ``Professional/Occupational Group``,
``Notes``, ``Valid?``. Junior file: ``Parent Department``, ``Organisation``, ``Unit``,
``Reporting Senior Post``, ``Grade``, ``Payscale Minimum (£)``, ``Payscale Maximum (£)``,
``Generic Job Title``, ``Number of Posts in FTE``, ``Professional/Occupational Group``.

In ``Name``, ``Eliminated`` means the post no longer exists (dropped, one warning);
``Vacant`` means a vacant post (headcount 0, the listed FTE kept in ``listed_fte``).
Each junior row becomes a post under its senior post with headcount = its FTE and the
id ``SENIOR-J1``, ``SENIOR-J2`` ... in file order (stable from run to run).

>>> import pandas as pd
>>> df = pd.DataFrame({"Post Unique Reference": ["1", "2"], "Name": ["A", "Vacant"],
...                    "Reports to Senior Post": ["XX", "1"], "FTE": ["1", "0.5"]})
>>> is_senior(df.columns), is_junior(df.columns)
(True, False)
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from .._core import ERROR, WARNING, Problem
from ._columns import ORGANOGRAM, _norm

SENIOR_JUNIOR = "Senior/Junior"
"""The column marking senior and junior rows (as compiled organogram tables name it)."""

TOP_MARKERS: tuple[str, ...] = ORGANOGRAM["top"]


def _cols(columns: Sequence[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for c in columns:
        out.setdefault(_norm(c), str(c))
    return out


def is_senior(columns: Sequence[str]) -> bool:
    """True for a senior organogram (``Post Unique Reference`` + ``Reports to Senior Post``)."""
    have = _cols(columns)
    return all(k in have for k in ORGANOGRAM["senior"])


def is_junior(columns: Sequence[str]) -> bool:
    """True for a junior organogram (``Reporting Senior Post`` + ``Number of Posts in FTE``, no ids)."""
    have = _cols(columns)
    return all(k in have for k in ORGANOGRAM["junior"]) and "postuniquereference" not in have


def _status(df: pd.DataFrame, name: str | None) -> np.ndarray:
    if name is None:
        return np.array([""] * len(df), dtype=object)
    return df[name].astype(str).str.strip().str.lower().to_numpy(dtype=object)


def prepare_senior(df: pd.DataFrame, rows: np.ndarray, file: str, problems: list[Problem]
                   ) -> tuple[pd.DataFrame, np.ndarray, set[str]]:
    """Drop eliminated posts, zero vacant ones, read a compiled table's junior rows.

    Returns the table, its row numbers and the ids of the eliminated posts.
    """
    have = _cols(df.columns)
    pid, rt, fte = have["postuniquereference"], have["reportstoseniorpost"], have.get("fte")
    name = have.get("name")
    df = df.copy()
    kind = have.get(_norm(SENIOR_JUNIOR))
    if kind is not None:  # a compiled table: junior rows carry their own ids and junior columns
        junior = df[kind].astype(str).str.strip().str.lower().eq("junior").to_numpy()
        for senior_col, junior_key in ((rt, "reportingseniorpost"), (fte, "numberofpostsinfte"),
                                       (have.get("jobtitle"), "genericjobtitle"),
                                       (have.get("gradeorequivalent"), "grade")):
            jcol = have.get(junior_key)
            if senior_col is None or jcol is None or jcol == senior_col:
                continue
            fill = junior & (df[senior_col].astype(str).str.strip() == "").to_numpy()
            df.loc[fill, senior_col] = df.loc[fill, jcol]
    status = _status(df, name)
    eliminated = status == "eliminated"
    gone: set[str] = set()
    if eliminated.any():
        gone = set(df.loc[eliminated, pid].astype(str).str.strip())
        problems.append(Problem(file, int(rows[np.flatnonzero(eliminated)[0]]), name or "", "eliminated_posts",
                                f"{int(eliminated.sum())} eliminated post(s) dropped (Name 'Eliminated')",
                                f"已删除 {int(eliminated.sum())} 个已撤销岗位(姓名为 'Eliminated')", WARNING))
        live = ~eliminated
        for k in np.flatnonzero(live & df[rt].astype(str).str.strip().isin(gone).to_numpy()):
            problems.append(Problem(file, int(rows[k]), rt, "reports_to_eliminated",
                                    f"post {df[pid].iat[k]!r} reports to eliminated post {df[rt].iat[k]!r}",
                                    f"岗位 {df[pid].iat[k]!r} 的上级 {df[rt].iat[k]!r} 已撤销", ERROR))
        df, rows, status = df[live].reset_index(drop=True), rows[live], status[live]
    vacant = np.isin(status, ["vacant", "vacancy"])
    if vacant.any() and fte is not None:
        df["listed_fte"] = np.where(vacant, df[fte].to_numpy(dtype=object), "")
        # zero written the way the file writes its FTE ("1.00" -> "0.00"), so its format is kept
        df.loc[vacant, fte] = [re.sub(r"\d", "0", str(v)) or "0" for v in df.loc[vacant, fte]]
        problems.append(Problem(file, int(rows[np.flatnonzero(vacant)[0]]), name or "", "vacant_posts",
                                f"{int(vacant.sum())} vacant post(s) counted with headcount 0 "
                                "(their FTE kept in listed_fte)",
                                f"{int(vacant.sum())} 个空缺岗位按定员 0 计(原 FTE 保留在 listed_fte)", WARNING))
    return df, rows, gone


def junior_posts(senior: pd.DataFrame, junior: pd.DataFrame, file: str, rows: np.ndarray,
                 problems: list[Problem]) -> pd.DataFrame:
    """Junior rows as posts in the senior file's columns, under their senior posts."""
    s, j = _cols(senior.columns), _cols(junior.columns)
    ids = set(senior[s["postuniquereference"]].astype(str).str.strip())
    boss = junior[j["reportingseniorpost"]].astype(str).str.strip().to_numpy(dtype=object)
    out = pd.DataFrame({c: [""] * len(junior) for c in senior.columns}, dtype=object)
    rename = {"reportingseniorpost": "reportstoseniorpost", "genericjobtitle": "jobtitle",
              "numberofpostsinfte": "fte", "grade": "gradeorequivalent"}
    for key, col in j.items():
        target = s.get(rename.get(key, key))
        if target is None:
            target = col
            if target not in out:
                out[target] = ""
        out[target] = junior[col].to_numpy(dtype=object)
    count: dict[str, int] = {}
    new_ids = []
    for b in boss:
        count[b] = count.get(b, 0) + 1
        new_ids.append(f"{b}-J{count[b]}")
    out[s["postuniquereference"]] = new_ids
    for k in np.flatnonzero(~np.isin(boss, list(ids))):
        problems.append(Problem(file, int(rows[k]), j["reportingseniorpost"], "unknown_senior_post",
                                f"junior row reports to {boss[k]!r}, which is not a post of the senior file",
                                f"初级岗位行的上级 {boss[k]!r} 不在高级岗位文件中", ERROR))
    return out
