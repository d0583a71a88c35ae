"""Interpreting a client's file: column mapping, numbers as people write them,
managers given by id or by title, 直接下级 reconciliation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from .._core import (
    NESTED_FIELDS,
    NUMERIC_FIELDS,
    WARNING,
    Org,
    OrgValidationError,
    Problem,
    to_text,
)
from ._cells import _maybe_json
from ._columns import map_columns
from ._reconcile import match_title, reconcile_direct_reports
from ._source import RawOrg

_MULTI_SPLIT = re.compile(r"\s*[;；|]\s*|\s*[、,，]\s*")
_HEADCOUNT_TEXT = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*(?:人|名|个|位)?\s*$")

# --------------------------------------------------------------------------- interpretation


def build_org(
    raw: RawOrg,
    *,
    mapping: Mapping[str, str] | None = None,
    no_manager: Iterable[str] = (),
    path: str = "",
) -> Org:
    """Turn what a reader found into an Org: map columns, parse numbers, resolve
    managers by id or title, reconcile 直接下级. Problems go to ``org.problems``."""
    problems = list(raw.problems)
    pos_file = raw.files.get("positions", path)
    pos = raw.tables.get("positions", pd.DataFrame())
    rows = raw.rows.get("positions", np.arange(len(pos)) + 1)
    pos = _map_position_columns(pos, mapping, pos_file, rows, problems, raw.structured)
    n = len(pos)

    # ids are kept exactly as written (a padded id is not mangled); a manager written
    # with stray spaces is still found, in _resolve_managers
    ids = _text(pos["id"]) if "id" in pos else pd.Series([""] * n, dtype=object)
    pos["id"] = ids.to_numpy(dtype=object)
    for fld in ("headcount", "cost"):
        if fld in pos.columns:
            pos[fld] = _parse_numbers(pos[fld], fld, pos_file, rows, problems,
                                      default=1.0 if fld == "headcount" else np.nan)
    if "headcount" not in pos.columns:
        pos["headcount"] = np.ones(n)
    for fld in NESTED_FIELDS & set(pos.columns):
        pos[fld] = [_maybe_json(v) if isinstance(v, str) else v for v in pos[fld].tolist()]
    titles = _text(pos["title"]).to_numpy(dtype=object) if "title" in pos else np.array([""] * n, dtype=object)
    pos["title"] = titles

    links = raw.tables.get("links")
    links = links.copy() if links is not None else pd.DataFrame()
    dotted_pairs: set[tuple[str, str]] = set()
    if len(links) and {"from", "to"} <= set(links.columns):
        kinds = _text(links["kind"]) if "kind" in links else pd.Series([""] * len(links), dtype=object)
        for a, b, k in zip(_text(links["from"]), _text(links["to"]), kinds, strict=True):
            if k == "dotted":
                dotted_pairs.add((a, b))

    parent_hint: list[np.ndarray] = []
    rt_raw = _text(pos["reports_to"]) if "reports_to" in pos else pd.Series([""] * n, dtype=object)
    pos["reports_to"] = _resolve_managers(
        pos["id"].to_numpy(dtype=object), titles, rt_raw.to_numpy(dtype=object), set(no_manager),
        dotted_pairs, pos_file, rows, problems, parent_hint,
    )

    units = raw.tables.get("units")
    workflows = raw.tables.get("workflows")
    needs_titles = len(links) or (workflows is not None and len(workflows))
    title_index = _unique_title_index(pos["id"].tolist(), titles.tolist()) if needs_titles else {}
    if len(links):
        for col in ("from", "to"):
            if col in links:
                links[col] = [title_index.get(v, v) for v in _text(links[col]).str.strip()]
    if workflows is not None and len(workflows) and "role" in workflows:
        workflows = workflows.copy()
        workflows["role"] = [title_index.get(v, v) for v in _text(workflows["role"]).str.strip()]
    for table, df in (("units", units), ("links", links), ("workflows", workflows)):
        if df is not None:
            for fld in NESTED_FIELDS & set(df.columns):
                df[fld] = [_maybe_json(v) if isinstance(v, str) else v for v in df[fld].tolist()]
            for fld in NUMERIC_FIELDS & set(df.columns):
                df[fld] = _parse_numbers(df[fld], fld, raw.files.get(table, path),
                                         raw.rows.get(table, np.arange(len(df)) + 1), problems,
                                         default=np.nan)

    origin = {t: (raw.files.get(t, path), raw.rows.get(t)) for t in raw.tables}
    org = Org(pos, units, links, workflows, raw.meta, [], path, origin)
    if parent_hint:  # managers all given by id: the index is already known
        org.__dict__["_parent_index"] = parent_hint[0]
    if "direct_reports" in pos.columns:
        problems += reconcile_direct_reports(org.positions, pos_file, rows)
    org.problems = problems
    return org


def _text(s: pd.Series) -> pd.Series:
    vals = s.to_numpy(dtype=object)
    if pd.api.types.infer_dtype(vals, skipna=False) == "string":
        return pd.Series(vals, dtype=object, index=s.index)
    return pd.Series([to_text(v) for v in vals], dtype=object, index=s.index)



def _map_position_columns(pos: pd.DataFrame, mapping, file: str, rows: np.ndarray,
                          problems: list[Problem], structured: bool = False) -> pd.DataFrame:
    chosen, extras = map_columns(list(pos.columns), mapping, file=file, aliases=not structured)
    cols: dict[str, pd.Series] = {}
    for fld, col in chosen.items():
        cols[fld] = pd.Series(pos[col].to_numpy(dtype=object), dtype=object, index=pos.index)
    if "id" not in chosen:
        if "title" in chosen:
            cols["id"] = pd.Series([f"row{r}" for r in rows], dtype=object, index=pos.index)
            problems.append(Problem(file, None, "id", "generated_ids",
                                    "no id column: posts are identified by row number (row2, row3, ...)",
                                    "没有编号列:按行号生成岗位编号(row2、row3…)", WARNING))
        else:
            cols = ", ".join(map(str, pos.columns))
            raise OrgValidationError([Problem(
                file, 1, "id", "missing_column",
                f"no id column (looked for id, 工号, 员工编号, 岗位编号 ...); columns are: {cols}; "
                "use --map id=COLUMN",
                f"没有编号列(如 id、工号、员工编号、岗位编号);现有列:{cols};请用 --map id=列名")])
    for col in extras:
        if col in cols:  # an extra named like a core field after mapping
            continue
        cols[col] = pd.Series(pos[col].to_numpy(dtype=object), dtype=object, index=pos.index)
    return pd.DataFrame(cols, index=pos.index)


def _parse_numbers(s: pd.Series, fld: str, file: str, rows: np.ndarray, problems: list[Problem],
                   default: float) -> np.ndarray:
    text = _text(s).str.strip()
    nums = np.array(pd.to_numeric(text, errors="coerce"), dtype=float)
    empty = (text == "").to_numpy()
    bad = np.isnan(nums) & ~empty
    if bad.any():
        for k in np.flatnonzero(bad):
            val = text.iat[k]
            m = _HEADCOUNT_TEXT.match(val)
            if m:
                nums[k] = float(m.group(1))
                continue
            if val.lower() in {"nan", "none", "null"}:
                nums[k] = np.nan
                continue
            problems.append(Problem(file, int(rows[k]), fld, f"{fld}_not_number",
                                    f"{fld} {val!r} is not a number", f"{fld} 的值 {val!r} 不是数字"))
            nums[k] = np.nan
    nums[empty] = default
    return nums


def _unique_title_index(ids: list[str], titles: list[str]) -> dict[str, str]:
    count: dict[str, int] = {}
    for t in titles:
        count[t] = count.get(t, 0) + 1
    id_set = set(ids)
    return {t: i for i, t in zip(ids, titles, strict=True) if t and count[t] == 1 and t not in id_set}


def _resolve_managers(ids: np.ndarray, titles: np.ndarray, rt: np.ndarray, no_manager: set[str],
                      dotted: set[tuple[str, str]], file: str, rows: np.ndarray,
                      problems: list[Problem], parent_hint: list[np.ndarray]) -> np.ndarray:
    """reports_to as post ids: by id, else exact title, else a leniently matched title."""
    rt = rt.copy()
    none_vals = {v.strip() for v in no_manager} | {""}
    rt[pd.Series(rt, dtype=object).isin(none_vals).to_numpy()] = ""
    self_ref = (rt == ids) & (rt != "")
    for k in np.flatnonzero(self_ref):
        problems.append(Problem(file, int(rows[k]), "reports_to", "self_report",
                                f"post {ids[k]!r} reports to itself; read as the top post",
                                f"岗位 {ids[k]!r} 的上级是自己;按最高岗位处理", WARNING))
        rt[k] = ""
    id_index = pd.Index(ids, dtype=object)
    if id_index.is_unique:
        found = id_index.get_indexer(rt)
        unresolved = (rt != "") & (found < 0)
    else:
        found = None
        unresolved = (rt != "") & ~pd.Series(rt, dtype=object).isin(set(ids)).to_numpy()
    if not unresolved.any():
        if found is not None:
            found[rt == ""] = -1
            parent_hint.append(found.astype(np.int64))
        return rt
    by_title: dict[str, list[str]] = {}
    for i, t in zip(ids, titles, strict=True):
        if t:
            by_title.setdefault(t, []).append(i)
    all_titles = list(by_title)
    id_set = set(ids)
    cache: dict[str, tuple[str | None, Problem | None]] = {}

    def one(name: str, k: int) -> tuple[str | None, Problem | None]:
        row = int(rows[k])
        cands = by_title.get(name)
        if cands and len(cands) == 1:
            return cands[0], None
        if cands:
            return None, Problem(file, row, "reports_to", "ambiguous_manager",
                                 f"manager title {name!r} matches several posts: {', '.join(cands)}; use an id",
                                 f"上级名称 {name!r} 对应多个岗位:{', '.join(cands)};请用编号")
        hit = match_title(name, all_titles)
        if hit is not None and len(by_title[hit]) == 1:
            return by_title[hit][0], Problem(
                file, row, "reports_to", "title_spelling",
                f"manager {name!r} read as post {by_title[hit][0]!r} ({hit}): spelled differently",
                f"上级 {name!r} 按岗位 {by_title[hit][0]!r}({hit})处理:名称写法不同", WARNING)
        return None, None

    stripped_ids: dict[str, str] = {}
    for i in ids:
        stripped_ids.setdefault(i.strip(), i)
    for k in np.flatnonzero(unresolved):
        value = rt[k]
        if value.strip() in none_vals:
            rt[k] = ""
            continue
        if value.strip() in stripped_ids:
            rt[k] = stripped_ids[value.strip()]
            continue
        value = value.strip()
        key = (value, int(rows[k]))
        res, prob = one(value, k) if key not in cache else cache[key]
        if res is not None:
            rt[k] = res
            if prob:
                problems.append(prob)
            continue
        if prob is not None:  # ambiguous: reported; keep the first so nothing else cascades
            problems.append(prob)
            rt[k] = by_title[value][0]
            continue
        parts = [p for p in _MULTI_SPLIT.split(value) if p]
        if len(parts) > 1:
            resolved = []
            for p in parts:
                r = p if p in id_set else one(p, k)[0]
                resolved.append(r if r else p)
            solid = [r for r in resolved if (r, ids[k]) not in dotted]
            if len(solid) == 1 and all(r in id_set for r in resolved):
                rt[k] = solid[0]
                continue
            problems.append(Problem(
                file, int(rows[k]), "reports_to", "two_managers",
                f"post {ids[k]!r} has {len(parts)} managers ({', '.join(parts)}); keep one in reports_to "
                "and mark the others as dotted lines (links kind=dotted)",
                f"岗位 {ids[k]!r} 有 {len(parts)} 个直接上级({'、'.join(parts)});reports_to 只留一个,"
                "其余用虚线汇报(links kind=dotted)标注"))
            rt[k] = resolved[0] if resolved[0] in id_set else ""
            continue
        # leave as is: validation reports unknown_manager
    return rt
