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
    POSITION_COLUMNS,
    WARNING,
    Org,
    OrgInputError,
    OrgValidationError,
    Problem,
    id_codes,
    to_text,
)
from ._cells import _maybe_json
from ._client import CLIENT_KEY, client_layout, format_number, number_style
from ._columns import NO_MANAGER, ORGANOGRAM, _norm, map_columns
from ._organogram import (
    SENIOR_JUNIOR,
    TOP_MARKERS,
    is_junior,
    is_senior,
    junior_posts,
    prepare_senior,
)
from ._reconcile import TitleIndex, reconcile_direct_reports
from ._source import RawOrg

_MULTI_SPLIT = re.compile(r"\s*[;；|]\s*|\s*[、,，]\s*")
_HEADCOUNT_TEXT = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*(?:人|名|个|位)?\s*$")
_MONEY_TEXT = re.compile(
    r"^\s*(?:[£$€¥￥]|RMB|CNY|USD|GBP|EUR)?\s*"
    r"([+-]?[0-9]{1,3}(?:[,\s\u00a0\u202f'][0-9]{3})+(?:\.[0-9]+)?|[+-]?[0-9]+(?:\.[0-9]+)?)"
    r"\s*(?:元|RMB|CNY|USD|GBP|EUR)?\s*$")
"""Numbers as people write pay and cost: ``160,000``, ``£48,500.50``, ``¥1,200``, ``1 200``."""

# --------------------------------------------------------------------------- interpretation


def build_org(
    raw: RawOrg,
    *,
    mapping: Mapping[str, str] | None = None,
    no_manager: Iterable[str] = (),
    path: str = "",
    where: Mapping[str, str] | Iterable[tuple[str, str]] | None = None,
    add_root: str | None = None,
    junior: RawOrg | None = None,
) -> Org:
    """Turn what a reader found into an Org: filter rows (``where``), read organograms
    (``junior`` joins a junior file), map columns, parse numbers, merge job shares,
    resolve managers by id or title, find the top (``add_root``), reconcile 直接下级.
    Problems go to ``org.problems``; a client's own layout goes to ``org.meta["client_file"]``."""
    problems = list(raw.problems)
    pos_file = raw.files.get("positions", path)
    pos = raw.tables.get("positions", pd.DataFrame())
    rows = raw.rows.get("positions", np.arange(len(pos)) + 1)
    pos, rows = _filter_rows(pos, rows, where, pos_file, problems)
    tokens = set(NO_MANAGER)
    if not raw.structured and is_senior(pos.columns):
        pos, rows, _ = prepare_senior(pos, rows, pos_file, problems)
        tokens |= set(TOP_MARKERS)
        if junior is not None:
            jdf = junior.tables.get("positions", pd.DataFrame())
            jfile = junior.files.get("positions", "")
            if not is_junior(jdf.columns):
                raise OrgValidationError([Problem(
                    jfile, 1, "", "not_junior_organogram",
                    "is not a junior organogram (expected columns Reporting Senior Post, Generic Job "
                    f"Title, Number of Posts in FTE); columns are: {', '.join(map(str, jdf.columns))}",
                    "不是初级岗位组织图(应有 Reporting Senior Post、Generic Job Title、"
                    "Number of Posts in FTE 列)")])
            jp = junior_posts(pos, jdf, jfile, junior.rows["positions"], problems)
            if SENIOR_JUNIOR not in pos.columns:
                pos[SENIOR_JUNIOR] = "Senior"
            jp[SENIOR_JUNIOR] = "Junior"
            pos = pd.concat([pos, jp[[c for c in jp.columns]]], ignore_index=True).fillna("")
            rows = np.concatenate([rows, junior.rows["positions"]])
    elif junior is not None:
        raise OrgValidationError([Problem(
            pos_file, 1, "", "junior_needs_senior",
            "--junior joins a junior organogram to a senior one, but this file is not a senior "
            "organogram (no Post Unique Reference / Reports to Senior Post columns)",
            "--junior 用于把初级岗位表并入高级岗位组织图,但此文件不是高级岗位组织图")])
    client_columns = [str(c) for c in pos.columns if c != "listed_fte"]
    pos, chosen = _map_position_columns(pos, mapping, pos_file, rows, problems, raw.structured)
    n = len(pos)
    styles: dict[str, dict] = {}
    texts: dict[str, dict[str, list[str]]] = {}  # cells a plain rewrite would change, see _remember_texts
    row_ids = _text(pos["id"]).to_numpy(dtype=object) if "id" in pos else np.array([""] * n, dtype=object)
    if not raw.structured:
        for col in pos.columns:
            if _norm(col) in ORGANOGRAM["numeric"]:
                _remember_style(styles, col, pos[col])
                written = pos[col].to_numpy(dtype=object)
                nums = _parse_numbers(pos[col], col, pos_file, rows, problems, default=np.nan)
                pos[col] = _obj(np.array([to_text(v) for v in nums], dtype=object))  # extras stay text
                _remember_texts(texts, col, written, nums, row_ids, styles.get(col))

    # ids are kept exactly as written (a padded id is not mangled); a manager written
    # with stray spaces is still found, in _resolve_managers
    ids = _text(pos["id"]) if "id" in pos else pd.Series([""] * n, dtype=object)
    pos["id"] = _obj(ids.to_numpy(dtype=object))
    for fld in ("headcount", "cost"):
        if fld in pos.columns:
            written = pos[fld].to_numpy(dtype=object)
            if not raw.structured and fld in chosen:
                _remember_style(styles, chosen[fld], pos[fld])
            pos[fld] = _parse_numbers(pos[fld], fld, pos_file, rows, problems,
                                      default=1.0 if fld == "headcount" else np.nan)
            if not raw.structured and fld in chosen:
                _remember_texts(texts, chosen[fld], written, pos[fld].to_numpy(), row_ids,
                                styles.get(chosen[fld]))
    if "headcount" not in pos.columns:
        pos["headcount"] = np.ones(n)
    for fld in NESTED_FIELDS & set(pos.columns):
        pos[fld] = _obj([_maybe_json(v) if isinstance(v, str) else v for v in pos[fld].tolist()])
    titles = _text(pos["title"]).to_numpy(dtype=object) if "title" in pos else np.array([""] * n, dtype=object)
    pos["title"] = _obj(titles)
    rt_raw = _text(pos["reports_to"]) if "reports_to" in pos else pd.Series([""] * n, dtype=object)
    pos["reports_to"] = _obj(rt_raw.to_numpy(dtype=object))
    # one hash pass over ids, managers and the "no manager" tokens (id_codes) answers: are the
    # ids unique, which token is an id, which rows name no manager, the manager's row
    user_none = {v.strip() for v in no_manager}
    extra = sorted(tokens | user_none | {""})
    codes = id_codes(pos["id"].to_numpy(dtype=object), pos["reports_to"].to_numpy(dtype=object), extra)
    unique = bool((codes[3][codes[0]] == np.arange(n)).all())
    if not unique:
        pos, rows = _merge_job_shares(pos, rows, pos_file, problems, history=where is None)
        if len(pos) != n:  # rows were merged: number them again
            n = len(pos)
            codes = id_codes(pos["id"].to_numpy(dtype=object), pos["reports_to"].to_numpy(dtype=object), extra)
    titles = pos["title"].to_numpy(dtype=object)
    rt_raw = pd.Series(pos["reports_to"].to_numpy(dtype=object), dtype=object)

    links = raw.tables.get("links")
    links = links.copy() if links is not None else pd.DataFrame()
    dotted_pairs: set[tuple[str, str]] = set()
    if len(links) and {"from", "to"} <= set(links.columns):
        kinds = _text(links["kind"]) if "kind" in links else pd.Series([""] * len(links), dtype=object)
        for a, b, k in zip(_text(links["from"]), _text(links["to"]), kinds, strict=True):
            if k == "dotted":
                dotted_pairs.add((a, b))

    parent_hint: list[np.ndarray] = []
    ids_arr = pos["id"].to_numpy(dtype=object)
    code_of = dict(zip(extra, codes[2].tolist(), strict=True))
    clash = {t for t in tokens if codes[3][code_of[t]] >= 0}  # a token that is an id
    tokens = (tokens - clash) | user_none
    pos["reports_to"] = _obj(_resolve_managers(
        ids_arr, titles, rt_raw.to_numpy(dtype=object), tokens,
        dotted_pairs, pos_file, rows, problems, parent_hint, codes=(codes, code_of),
    ))
    top = _top_marker(rt_raw.to_numpy(dtype=object), pos["reports_to"].to_numpy(dtype=object), ids_arr)
    if "reports_to" not in chosen and n > 1:
        problems.append(Problem(
            pos_file, 1, "reports_to", "no_manager_column",
            f"no manager column found (looked for reports_to, manager, ManagerID, parentId, 上级工号, "
            f"直接上级 ...); columns are: {', '.join(client_columns)}; use --map reports_to=COLUMN",
            f"没有找到上级列(如 reports_to、manager、上级工号、直接上级);现有列:{'、'.join(client_columns)};"
            "请用 --map reports_to=列名"))
    outside: dict[str, str] = {}
    pos, rows, added = _find_top(pos, rows, pos_file, problems, outside, add_root,
                                 parent_hint[0] if parent_hint else None)
    if added or outside:
        parent_hint.clear()

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

    meta = dict(raw.meta)
    if not raw.structured:
        layout = client_layout(raw.layout, client_columns, chosen, top, outside, styles, texts)
        if layout:
            meta[CLIENT_KEY] = layout
        else:
            meta.pop(CLIENT_KEY, None)
    origin = {t: (raw.files.get(t, path), raw.rows.get(t)) for t in raw.tables}
    origin["positions"] = (pos_file, rows)
    org = Org(pos, units, links, workflows, meta, [], path, origin)
    if parent_hint:  # managers all given by id: the index is already known
        org.__dict__["_parent_index"] = parent_hint[0]
        org.__dict__["ids_unique"] = True
    if "direct_reports" in pos.columns:
        problems += reconcile_direct_reports(org.positions, pos_file, rows)
    org.problems = problems
    return org


def _obj(values) -> pd.Series:
    """Values as an object column, shared not copied (pandas 3 would store ``str`` arrays in its
    own string dtype, through pyarrow when installed: slow to read back as Python strings)."""
    return pd.Series(values, dtype=object, copy=False)


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
    return pd.DataFrame(cols, index=pos.index), chosen


def _parse_numbers(s: pd.Series, fld: str, file: str, rows: np.ndarray, problems: list[Problem],
                   default: float) -> np.ndarray:
    """Numbers as people write them; each distinct text is parsed once (a 1M-row column of
    headcounts or pay holds few of them), a bad one is reported on every row it is on."""
    codes, uniq = pd.factorize(_text(s).to_numpy(dtype=object))
    text = pd.Series(uniq, dtype=object).str.strip()
    nums = np.array(pd.to_numeric(text, errors="coerce"), dtype=float)
    empty = (text == "").to_numpy()
    bad = np.isnan(nums) & ~empty
    wrong = np.zeros(len(uniq), dtype=bool)
    for k in np.flatnonzero(bad):
        val = text.iat[k]
        m = _HEADCOUNT_TEXT.match(val) or _MONEY_TEXT.match(val)
        if m:
            nums[k] = float(re.sub(r"[,\s\u00a0\u202f']", "", m.group(1)))
        elif val.lower() not in {"nan", "none", "null"}:
            wrong[k] = True
        nums[k] = nums[k] if m else np.nan
    nums[empty] = default
    if wrong.any():
        for k in np.flatnonzero(wrong[codes]):
            val = text.iat[codes[k]]
            problems.append(Problem(file, int(rows[k]), fld, f"{fld}_not_number",
                                    f"{fld} {val!r} is not a number", f"{fld} 的值 {val!r} 不是数字"))
    return nums[codes]


def _unique_title_index(ids: list[str], titles: list[str]) -> dict[str, str]:
    count: dict[str, int] = {}
    for t in titles:
        count[t] = count.get(t, 0) + 1
    id_set = set(ids)
    return {t: i for i, t in zip(ids, titles, strict=True) if t and count[t] == 1 and t not in id_set}


def _resolve_managers(ids: np.ndarray, titles: np.ndarray, rt: np.ndarray, no_manager: set[str],
                      dotted: set[tuple[str, str]], file: str, rows: np.ndarray,
                      problems: list[Problem], parent_hint: list[np.ndarray], *,
                      codes: tuple | None = None) -> np.ndarray:
    """reports_to as post ids: by id, else exact title, else a leniently matched title.

    ``codes`` is ``(id_codes(ids, rt, extra), {text: code})`` with every "no manager"
    text among ``extra``: then no other hash pass is needed."""
    rt = rt.copy()
    none_vals = {v.strip() for v in no_manager} | {""}
    if codes is None:
        codes = (id_codes(ids, rt, sorted(none_vals)), None)
    (ic, rc, ec, first), code_of = codes
    if code_of is None:
        code_of = dict(zip(sorted(none_vals), ec.tolist(), strict=True))
    is_none = np.zeros(len(first) + 1, dtype=bool)
    is_none[[code_of[v] for v in none_vals if v in code_of]] = True
    none = is_none[rc]
    for v in none_vals - set(code_of):  # pragma: no cover - every token is among the codes
        none |= rt == v
    rt[none] = ""
    self_ref = (rc == ic) & ~none
    for k in np.flatnonzero(self_ref):
        problems.append(Problem(file, int(rows[k]), "reports_to", "self_report",
                                f"post {ids[k]!r} reports to itself; read as the top post",
                                f"岗位 {ids[k]!r} 的上级是自己;按最高岗位处理", WARNING))
        rt[k] = ""
    unique = bool((first[ic] == np.arange(len(ids))).all())
    found = first[rc]
    found[none | self_ref] = -1
    unresolved = (rt != "") & (found < 0)
    if not unresolved.any():
        if unique:
            parent_hint.append(found)
        return rt
    by_title: dict[str, list[str]] = {}
    for i, t in zip(ids, titles, strict=True):
        if t:
            by_title.setdefault(t, []).append(i)
    title_index = TitleIndex(list(by_title))
    id_set = set(ids)
    lenient: dict[str, str | None] = {}  # one lenient match per distinct name, whatever the row

    def one(name: str, k: int) -> tuple[str | None, Problem | None]:
        row = int(rows[k])
        cands = by_title.get(name)
        if cands and len(cands) == 1:
            return cands[0], None
        if cands:
            return None, Problem(file, row, "reports_to", "ambiguous_manager",
                                 f"manager title {name!r} matches several posts: {', '.join(cands)}; use an id",
                                 f"上级名称 {name!r} 对应多个岗位:{', '.join(cands)};请用编号")
        if name not in lenient:
            lenient[name] = title_index.match(name)
        hit = lenient[name]
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
        res, prob = one(value, k)
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


# --------------------------------------------------------------------------- rows of a client's file

HISTORY_COLUMNS = frozenset({"status", "iscurrent", "current", "enddate", "validto", "effectiveto",
                             "currentflag", "active", "状态", "是否在职", "是否当前", "结束日期"})
"""Normalised names of the columns SCD2 history exports mark current rows with."""


def _filter_rows(pos: pd.DataFrame, rows: np.ndarray, where, file: str, problems: list[Problem]
                 ) -> tuple[pd.DataFrame, np.ndarray]:
    """Keep the rows where every ``COLUMN=VALUE`` holds (column names matched like aliases)."""
    if not where:
        return pos, rows
    pairs = list(where.items()) if isinstance(where, Mapping) else list(where)
    by_norm = {_norm(c): c for c in pos.columns}
    keep = np.ones(len(pos), dtype=bool)
    for col, value in pairs:
        real = col if col in pos.columns else by_norm.get(_norm(col))
        if real is None:
            raise OrgInputError(
                en=f"{file}: --where {col}={value}: no column {col!r}; columns are: "
                   f"{', '.join(map(str, pos.columns))}",
                zh=f"{file}:--where {col}={value}:没有列 {col!r};现有列:{'、'.join(map(str, pos.columns))}",
                problems=[Problem(file, 1, col, "unknown_column", f"--where: no column {col!r}",
                                  f"--where:没有列 {col!r}")])
        keep &= (_text(pos[real]).str.strip().str.lower() == str(value).strip().lower()).to_numpy()
    if not keep.any():
        raise OrgValidationError([Problem(
            file, None, "", "where_no_rows",
            f"no row matches --where {', '.join(f'{c}={v}' for c, v in pairs)}",
            f"没有行满足 --where {', '.join(f'{c}={v}' for c, v in pairs)}")])
    if not keep.all():
        problems.append(Problem(file, None, "", "where_filtered",
                                f"--where kept {int(keep.sum())} of {len(keep)} rows",
                                f"--where 保留了 {len(keep)} 行中的 {int(keep.sum())} 行", WARNING))
    return pos[keep].reset_index(drop=True), rows[keep]


def _merge_job_shares(pos: pd.DataFrame, rows: np.ndarray, file: str, problems: list[Problem],
                      history: bool = True) -> tuple[pd.DataFrame, np.ndarray]:
    """Rows sharing an id, a title and a manager are one post with several incumbents."""
    ids = pos["id"].to_numpy(dtype=object)
    if pd.Index(ids, dtype=object).is_unique:
        return pos, rows
    dup_any = pd.Series(ids, dtype=object).duplicated(keep=False).to_numpy() & (ids != "")
    if not dup_any.any():
        return pos, rows
    hist = [c for c in pos.columns if _norm(c) in HISTORY_COLUMNS]
    if history and hist:
        problems.append(Problem(
            file, None, "id", "history_rows",
            f"ids repeat across history rows (column {hist[0]!r}); keep the current ones with "
            f"--where {hist[0]}=VALUE",
            f"编号在历史记录行中重复(列 {hist[0]!r});请用 --where {hist[0]}=值 只保留当前记录", WARNING))
        return pos, rows
    dup_rows = np.flatnonzero(dup_any)
    titles = pos["title"].to_numpy(dtype=object)
    managers = pos["reports_to"].to_numpy(dtype=object)
    groups: dict[str, list[int]] = {}
    for k in dup_rows.tolist():
        groups.setdefault(ids[k], []).append(k)
    drop: list[int] = []
    hc = pos["headcount"].to_numpy(dtype=float).copy()
    extras = [c for c in pos.columns if c not in POSITION_COLUMNS]
    cells_of = {col: pos[col].to_numpy(dtype=object) for col in extras}
    merged: dict[str, np.ndarray] = {}  # extra columns with a merged cell: a copy, changed in place
    for pid, ks in groups.items():
        same = {(titles[k], to_text(managers[k]).strip()) for k in ks}
        if len(same) > 1 or not str(titles[ks[0]]).strip():
            continue  # differing title or manager, or no title: validation names both rows (duplicate_id)
        first = ks[0]
        hc[first] = np.nansum(hc[ks])
        for col in extras:
            vals = [str(v) for v in cells_of[col][ks] if str(v).strip()]
            distinct = list(dict.fromkeys(vals))
            if len(distinct) > 1:
                if col not in merged:
                    merged[col] = cells_of[col] = cells_of[col].copy()
                merged[col][first] = "; ".join(distinct)
        drop += ks[1:]
        problems.append(Problem(
            file, int(rows[first]), "id", "job_share",
            f"post {pid!r} ({titles[first]}) has {len(ks)} rows with the same title and manager: "
            f"read as one job share, headcount {hc[first]:g} (rows {', '.join(str(int(rows[k])) for k in ks)})",
            f"岗位 {pid!r}({titles[first]})有 {len(ks)} 行,职位与上级相同:按一岗多人合并,"
            f"定员 {hc[first]:g}", WARNING))
    if not drop:
        return pos, rows
    pos = pos.copy()
    pos["headcount"] = hc
    for col, cells in merged.items():
        pos[col] = _obj(cells)
    keep = np.ones(len(pos), dtype=bool)
    keep[drop] = False
    return pos[keep].reset_index(drop=True), rows[keep]


def _top_marker(raw_rt: np.ndarray, rt: np.ndarray, ids: np.ndarray) -> str:
    """The value the file writes for "no manager" at its top (``XX``, ``NULL`` ...), or ""."""
    roots = np.flatnonzero(rt == "")
    stripped = np.array([str(v).strip() for v in raw_rt[roots]], dtype=object)
    marked = stripped[(stripped != "") & (stripped != ids[roots])]
    if not len(marked):
        return ""
    values, counts = np.unique(marked.astype(str), return_counts=True)
    return str(values[np.argmax(counts)])


def _find_top(pos: pd.DataFrame, rows: np.ndarray, file: str, problems: list[Problem],
              outside: dict[str, str], add_root: str | None, parent: np.ndarray | None = None
              ) -> tuple[pd.DataFrame, np.ndarray, bool]:
    """A head whose manager is outside the file becomes the top; ``add_root`` adds one head
    over several tops. ``parent``: each row's manager row when already known."""
    ids = pos["id"].to_numpy(dtype=object)
    rt = pos["reports_to"].to_numpy(dtype=object)
    n = len(ids)
    if n == 0:
        return pos, rows, False
    if parent is not None:
        unknown = (rt != "") & (parent < 0)
    else:
        unknown = (rt != "") & ~pd.Series(rt, dtype=object).isin(pd.Index(ids, dtype=object)).to_numpy()
    roots = rt == ""
    if not roots.any() and unknown.any():
        ks = np.flatnonzero(unknown)
        if len(ks) == 1 or add_root:
            rt = rt.copy()
            for k in ks:
                outside[str(ids[k])] = str(rt[k])
                rt[k] = ""
            pos = pos.copy()
            pos["reports_to"] = _obj(rt)
            roots = rt == ""
        if len(ks) == 1:
            k = ks[0]
            problems.append(Problem(
                file, int(rows[k]), "reports_to", "head_outside",
                f"post {ids[k]!r} reports to {outside[str(ids[k])]!r}, who is not in the file: "
                "read as the head of this extract",
                f"岗位 {ids[k]!r} 的上级 {outside[str(ids[k])]!r} 不在文件中:按本表的负责人处理", WARNING))
    if not add_root:
        return pos, rows, False
    tops = np.flatnonzero(roots)
    if len(tops) <= 1:
        problems.append(Problem(file, None, "reports_to", "add_root_unneeded",
                                "--add-root: the file already has one top post; nothing added",
                                "--add-root:文件已只有一个最高岗位,未添加", WARNING))
        return pos, rows, False
    root_id = "ROOT"
    taken = set(map(str, ids))
    while root_id in taken:
        root_id += "_"
    pos = pos.copy()
    rt = pos["reports_to"].to_numpy(dtype=object).copy()
    rt[tops] = root_id
    pos["reports_to"] = _obj(rt)
    head = {c: ("" if pos[c].dtype == object else np.nan) for c in pos.columns}
    head.update({"id": root_id, "title": str(add_root), "reports_to": "", "headcount": 0.0})
    head["source"] = "assumed"
    top_row = pd.DataFrame([head])
    for c in NESTED_FIELDS & set(pos.columns):
        top_row[c] = [None]
    pos = pd.concat([top_row, pos], ignore_index=True)
    for c in pos.columns:
        if pos[c].dtype == object:
            pos[c] = pos[c].where(pos[c].notna(), "") if c not in NESTED_FIELDS else pos[c]
    problems.append(Problem(file, None, "reports_to", "added_root",
                            f"added head {root_id!r} ({add_root}, headcount 0, source: assumed) over "
                            f"{len(tops)} top posts",
                            f"在 {len(tops)} 个最高岗位之上增加了负责人 {root_id!r}({add_root},定员 0,来源:假设)",
                            WARNING))
    return pos, np.concatenate([[0], rows]).astype(np.int64), True


def _remember_texts(texts: dict[str, dict[str, list[str]]], col: str, written: np.ndarray,
                    nums: np.ndarray, ids: np.ndarray, style: dict | None) -> None:
    """Note the cells of numeric column ``col`` that writing the number back (plainly, or
    in the column's style) would change: ``texts[col][post id] = [number as orglib writes
    it, the cell as the client wrote it]``, so an unchanged value comes back as written
    (``£48,500.50``, ``1200`` in a column of ``1,200``, an empty FTE cell).

    >>> t = {}
    >>> _remember_texts(t, "Pay", np.array(["£48,500.50", "£160,000"], dtype=object), np.array([48500.5, 160000.]),
    ...                 np.array(["a", "b"], dtype=object), {"prefix": "£", "thousands": ","})
    >>> t
    {'Pay': {'a': ['48500.5', '£48,500.50']}}
    """
    # each distinct (cell, number) pair is formatted once (a 1M-row column has few of them),
    # then only the rows whose pair changes are walked, in file order
    cell_codes, _ = pd.factorize(pd.Series(written, dtype=object), use_na_sentinel=True)
    num_codes, num_uni = pd.factorize(pd.Series(nums, dtype=float), use_na_sentinel=True)
    pair = cell_codes.astype(np.int64) * (len(num_uni) + 1) + (num_codes + 1)
    _, first, inverse = np.unique(pair, return_index=True, return_inverse=True)
    inverse = inverse.ravel()
    changes = np.zeros(len(first), dtype=bool)
    canon: dict[int, str] = {}
    for k, i in enumerate(first):
        cell = written[i]
        if isinstance(cell, str):
            canon[k] = to_text(nums[i])
            changes[k] = cell != (format_number(canon[k], style) if style else canon[k])
    seen: dict[str, list[str]] = {}
    for i in np.flatnonzero(changes[inverse]):
        pid = ids[i]
        if pid in seen or not pid:
            continue
        seen[str(pid)] = [canon[int(inverse[i])], written[i]]
    if seen:
        texts[col] = seen


def _remember_style(styles: dict[str, dict], col: str, values: pd.Series) -> None:
    """Note how the client writes the numbers of ``col`` (from its first filled cells)."""
    texts = []
    for v in values.to_numpy(dtype=object)[:5000]:
        if isinstance(v, str) and v.strip():
            texts.append(v.strip())
            if len(texts) >= 1000:
                break
    style = number_style(texts) if texts else None
    if style:
        styles[col] = style
