"""Check an Org and name every problem at once, with file, row and field.

Errors make a design unusable (cycles, several tops, unknown managers, duplicate
ids, bad headcounts, unknown units, broken links); warnings point at design smells
the seeds themselves contain (peers holding authority over each other). Checks on
positions are vectorized so a million-row HR table validates in about a second.

Examples
--------
>>> from orglib._core.model import Org
>>> org = Org.from_records([{"id": "a", "reports_to": "b"}, {"id": "b", "reports_to": "a"}])
>>> [p.code for p in validate(org)]
['cycle']
>>> print(validate(org)[0].message)
reporting cycle: a → b → a
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .._core import ERROR, LINK_KINDS, WARNING, Org, OrgValidationError, Problem
from ._limits import COST_RANGE, HEADCOUNT_RANGE

_INVISIBLE = "[\ufeff\u200b\u200c\u200d\u2060\u00ad\u180e]"
_INVISIBLE_RE = re.compile(_INVISIBLE)


def check(org: Org) -> Org:
    """Return ``org`` if it has no errors, else raise :class:`OrgValidationError`.

    >>> check(Org.from_records([{"id": "a"}])).headcount_total
    1.0
    """
    problems = validate(org)
    if any(p.severity == ERROR for p in problems):
        raise OrgValidationError(problems)
    return org


def validate(org: Org) -> list[Problem]:
    """Every problem in ``org``: positions, units, links and workflows."""
    out: list[Problem] = []
    out += _check_positions(org)
    out += _check_units(org)
    out += _check_links(org)
    out += _check_workflows(org)
    return out


def _where(org: Org, table: str, k: int) -> tuple[str, int]:
    return org.row_of(table, int(k))


def _check_positions(org: Org) -> list[Problem]:
    pos = org.positions
    out: list[Problem] = []
    n = len(pos)
    file = org.origin.get("positions", (org.path, None))[0]
    if n == 0:
        return [Problem(file, None, "", "no_positions", "the org has no positions", "组织中没有岗位")]
    ids = pos["id"].to_numpy(dtype=object)
    rt = pos["reports_to"].to_numpy(dtype=object)

    def add(k: int, fld: str, code: str, en: str, zh: str, sev: str = ERROR) -> None:
        f, r = _where(org, "positions", k)
        out.append(Problem(f, r, fld, code, en, zh, sev))

    empty_id = ids == ""
    for k in np.flatnonzero(empty_id):
        add(k, "id", "missing_id", "id is empty", "编号为空")
    dup = np.zeros(n, dtype=bool) if org.ids_unique else (
        pd.Series(ids, dtype=object).duplicated(keep="first").to_numpy() & ~empty_id)
    if dup.any():
        first = {}
        for k, v in enumerate(ids):
            first.setdefault(v, k)
        for k in np.flatnonzero(dup):
            _, r0 = _where(org, "positions", first[ids[k]])
            add(k, "id", "duplicate_id", f"id {ids[k]!r} is used again (first on row {r0})",
                f"编号 {ids[k]!r} 重复(首次出现在第 {r0} 行)")

    hc = pos["headcount"].to_numpy(dtype=float)
    for k in np.flatnonzero(hc < 0):
        add(k, "headcount", "headcount_negative", f"headcount {hc[k]:g} is negative",
            f"岗位定员 {hc[k]:g} 为负数")
    lo, hi = HEADCOUNT_RANGE
    for k in np.flatnonzero(~np.isfinite(hc)):
        add(k, "headcount", "headcount_not_finite",
            f"headcount {hc[k]:g} is not a finite number (allowed: {lo:g} to {hi:,.0f})",
            f"岗位定员 {hc[k]:g} 不是有限的数(允许 {lo:g} 至 {hi:,.0f})")
    for k in np.flatnonzero(np.isfinite(hc) & (hc > hi)):
        add(k, "headcount", "headcount_too_large", f"headcount {hc[k]:g} is over {hi:,.0f}, the limit of one post",
            f"岗位定员 {hc[k]:g} 超过单个岗位的上限 {hi:,.0f}")
    if "cost" in pos:
        cost = pos["cost"].to_numpy(dtype=float)
        for k in np.flatnonzero(cost < 0):
            add(k, "cost", "cost_negative", f"cost {cost[k]:g} is negative", f"成本 {cost[k]:g} 为负数")
        clo, chi = COST_RANGE
        for k in np.flatnonzero(np.isinf(cost) | (cost > chi)):
            add(k, "cost", "cost_out_of_range",
                f"cost {cost[k]:g} is out of range (allowed: {clo:g} to {chi:g} per incumbent and year)",
                f"成本 {cost[k]:g} 超出范围(允许每人每年 {clo:g} 至 {chi:g})")
    hidden = np.zeros(n, dtype=bool)
    try:  # one search over all ids joined; row by row only when one holds such a character
        joined = "".join(ids.tolist())
    except TypeError:
        joined = None
    if joined is None or _INVISIBLE_RE.search(joined):
        hidden = pd.Series(ids, dtype=object).str.contains(_INVISIBLE, regex=True, na=False).to_numpy(dtype=bool)
    for k in np.flatnonzero(hidden):
        add(k, "id", "invisible_character",
            f"id {ids[k]!r} holds an invisible character (BOM, zero-width space or similar): "
            "it will not match the same id typed by hand",
            f"编号 {ids[k]!r} 含有不可见字符(BOM、零宽空格等):与手工输入的同一编号不会匹配", WARNING)

    self_ref = (rt == ids) & (rt != "")
    for k in np.flatnonzero(self_ref):
        add(k, "reports_to", "self_report", f"post {ids[k]!r} reports to itself",
            f"岗位 {ids[k]!r} 的上级是自己")
    pidx = org.parent_index()
    unknown = (rt != "") & (pidx < 0)
    for k in np.flatnonzero(unknown):
        add(k, "reports_to", "unknown_manager", f"manager {rt[k]!r} is not a post id or title",
            f"上级 {rt[k]!r} 不是任何岗位的编号或名称")

    roots = np.flatnonzero(rt == "")
    if len(roots) > 1:
        names = ", ".join(f"{ids[k]}" + (f" ({pos['title'].iat[k]})" if pos["title"].iat[k] else "")
                          for k in roots[:10])
        more = f" and {len(roots) - 10} more" if len(roots) > 10 else ""
        f, r = _where(org, "positions", roots[1])
        out.append(Problem(f, r, "reports_to", "multiple_roots",
                           f"{len(roots)} posts have no manager: {names}{more}; a department has one head: "
                           "set reports_to for all but one, or add one head over them with "
                           "--add-root \"TITLE\" (Python add_root=)",
                           f"有 {len(roots)} 个岗位没有上级:{names};一个部门只应有一个负责人:"
                           "请只保留一个无上级岗位,或用 --add-root \"职位名\"(Python 中 add_root=)在其上增加一个负责人"))
    out += _cycles(org, ids, pidx, self_ref)
    out += _check_units_of_positions(org)
    return out


def _cycles(org: Org, ids: np.ndarray, pidx: np.ndarray, self_ref: np.ndarray) -> list[Problem]:
    """Find reporting cycles by pointer jumping; name each cycle's posts once."""
    n = len(ids)
    parent = np.where(self_ref, -1, pidx)
    # pointer jumping: after log2(n) rounds, nodes that reach a root point to -1
    jump = parent.copy()
    for _ in range(max(1, int(np.ceil(np.log2(n + 1)))) + 1):
        ok = jump >= 0
        if not ok.any():
            break
        nxt = jump.copy()
        nxt[ok] = jump[jump[ok]]
        if np.array_equal(nxt, jump):
            break
        jump = nxt
    stuck = np.flatnonzero(jump >= 0)
    if len(stuck) == 0:
        return []
    out: list[Problem] = []
    seen: set[int] = set()
    on_cycle: set[int] = set()
    for start in stuck:
        if start in seen:
            continue
        path: list[int] = []
        pos_in_path: dict[int, int] = {}
        k = int(start)
        while k >= 0 and k not in seen and k not in pos_in_path:
            pos_in_path[k] = len(path)
            path.append(k)
            k = int(parent[k])
        if k >= 0 and k in pos_in_path:
            cyc = path[pos_in_path[k]:]
            on_cycle.update(cyc)
            names = " → ".join(str(ids[c]) for c in cyc + [cyc[0]])
            f, r = _where(org, "positions", min(cyc))
            out.append(Problem(f, r, "reports_to", "cycle", f"reporting cycle: {names}",
                               f"汇报关系成环:{names}"))
        seen.update(path)
    return out


def _check_units_of_positions(org: Org) -> list[Problem]:
    units = org.units
    if not len(units):
        return []
    known = set(units["id"]) | set(units["name"]) - {""}
    out: list[Problem] = []
    vals = org.positions["unit"].to_numpy(dtype=object)
    bad = (vals != "") & ~pd.Series(vals, dtype=object).isin(known).to_numpy()
    for k in np.flatnonzero(bad):
        f, r = _where(org, "positions", k)
        out.append(Problem(f, r, "unit", "unknown_unit", f"unit {vals[k]!r} is not in the units table",
                           f"部门 {vals[k]!r} 不在部门表中"))
    return out


def _check_units(org: Org) -> list[Problem]:
    units = org.units
    out: list[Problem] = []
    if not len(units):
        return out
    ids = units["id"].tolist()
    seen: dict[str, int] = {}
    for k, uid in enumerate(ids):
        f, r = _where(org, "units", k)
        if uid == "":
            out.append(Problem(f, r, "id", "missing_id", "unit id is empty", "部门编号为空"))
        elif uid in seen:
            out.append(Problem(f, r, "id", "duplicate_id", f"unit id {uid!r} is used again",
                               f"部门编号 {uid!r} 重复"))
        seen.setdefault(uid, k)
    idset = set(ids)
    for k, par in enumerate(units["parent"].tolist()):
        if par and par not in idset:
            f, r = _where(org, "units", k)
            out.append(Problem(f, r, "parent", "unknown_unit", f"parent unit {par!r} is not a unit",
                               f"上级部门 {par!r} 不存在"))
    return out


def _check_links(org: Org) -> list[Problem]:
    links = org.links
    out: list[Problem] = []
    if not len(links):
        return out
    ids = set(org.positions["id"])
    manager = dict(zip(org.positions["id"], org.positions["reports_to"], strict=False))
    label = dict(zip(org.positions["id"], org.positions["title"], strict=False))
    authority: dict[tuple[str, str], int] = {}
    for k, rec in enumerate(links.to_dict("records")):
        f, r = _where(org, "links", k)
        a, b, kind = rec["from"], rec["to"], rec["kind"]
        if kind not in LINK_KINDS:
            out.append(Problem(f, r, "kind", "unknown_link_kind",
                               f"link kind {kind!r} is not one of {', '.join(LINK_KINDS)}",
                               f"关系类型 {kind!r} 无效(可用:{', '.join(LINK_KINDS)})"))
        for fld, v in (("from", a), ("to", b)):
            if v not in ids:
                out.append(Problem(f, r, fld, "unknown_post", f"link {fld} {v!r} is not a post",
                                   f"关系的 {fld} {v!r} 不是岗位"))
        if a == b and a:
            out.append(Problem(f, r, "to", "link_self", f"link from {a!r} to itself",
                               f"岗位 {a!r} 与自身建立了关系"))
        if kind in ("directs", "approves") and a in ids and b in ids and a != b:
            authority[(a, b)] = k
    done: set[frozenset] = set()
    for (a, b), k in authority.items():
        if manager.get(a) != manager.get(b) or frozenset((a, b)) in done:
            continue
        done.add(frozenset((a, b)))
        mutual = (b, a) in authority
        f, r = _where(org, "links", k)
        la, lb = f"{label.get(a) or a} ({a})", f"{label.get(b) or b} ({b})"
        if mutual:
            en = f"peers {la} and {lb} (same manager) hold authority over each other: unclear command line"
            zh = f"同级岗位 {la} 与 {lb}(同一上级)相互领导:指挥链不清"
        else:
            en = f"{la} holds authority over its peer {lb} (same manager): unclear command line"
            zh = f"{la} 领导同级岗位 {lb}(同一上级):指挥链不清"
        out.append(Problem(f, r, "kind", "peer_authority", en, zh, WARNING))
    return out


def _check_workflows(org: Org) -> list[Problem]:
    wf = org.workflows
    out: list[Problem] = []
    if not len(wf):
        return out
    ids = set(org.positions["id"])
    for k, rec in enumerate(wf.to_dict("records")):
        f, r = _where(org, "workflows", k)
        if not rec["workflow"]:
            out.append(Problem(f, r, "workflow", "missing_id", "workflow id is empty", "流程编号为空"))
        if not rec["role"]:
            out.append(Problem(f, r, "role", "missing_role", "workflow step has no role",
                               "流程步骤没有执行岗位"))
        elif rec["role"] not in ids:
            out.append(Problem(f, r, "role", "unknown_post",
                               f"workflow {rec['workflow']} step {rec['step']:g}: role {rec['role']!r} is not a post",
                               f"流程 {rec['workflow']} 第 {rec['step']:g} 步:岗位 {rec['role']!r} 不存在"))
    return out
