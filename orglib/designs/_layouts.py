"""Layout generators: build alternative marketing departments from a list of functions.

Each generator takes functions with headcounts (a list of dicts, a DataFrame, or
``(name, headcount)`` pairs; default :data:`FUNCTIONS_DEFAULT`, the six departments of
the 市场部组织结构设计方案 in seed 000) and returns a new, valid :class:`~orglib._core.model.Org`:

* :func:`centralized` — 集中式: one unit per function under the department head.
* :func:`by_region`, :func:`by_product`, :func:`by_segment` — 分权式: one unit per
  region / product line / customer segment, each with its own copy of the *local*
  functions; *shared* functions stay central (shared services).
* :func:`matrix` — functions × regions: staff report to their function (solid line)
  and to a regional manager (``dotted`` links).
* :func:`project_teams` — the seeds' 以项目为运营单元时可进行自由组合: function pools
  plus project leads who draw staff from every pool by ``dotted`` links.

A function's ``headcount`` counts everyone in it, its manager included. Teams are
built bottom-heavy: a function of ``h`` people gets the fewest layers such that no
incumbent manages more than ``span_target`` people (1 经理 over s 主管 over the rest),
so spans respect the target wherever the headcount allows. Where it cannot —
a level's share cannot be split evenly — the remainder goes to the supervisors'
level, and if that still breaks the target the team is filled top-down (every level
full but the last); the head gains a layer of deputies (副总监) when it would have more
direct reports than the target. In a decentralized layout every unit gets at least
one person per local function, so the total can exceed the input headcount when a
function has fewer people than units.

Examples
--------
>>> org = centralized(span_target=6)
>>> org.headcount_total == 1 + sum(f["headcount"] for f in FUNCTIONS_DEFAULT)
True
>>> from orglib.analysis._spans import spans_layers
>>> spans_layers(org).summary["max_span"] <= 6
True
>>> reg = by_region(regions=["华东", "华南"])
>>> sorted(reg.units.query("kind == 'region'")["name"])
['华东', '华南']
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd
import yaml

from .._core import Org, OrgInputError
from ..data import catalog_path

SOURCE = "000_3a511c0ba4c578c6.txt"

def _default_functions() -> list[dict[str, Any]]:
    with catalog_path("functions").open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)["entries"]


FUNCTIONS_DEFAULT: list[dict[str, Any]] = _default_functions()
"""The six departments of 市场部组织结构设计方案 (seed 000, data/catalog/functions.yaml) with
assumed headcounts; ``shared`` marks the functions a decentralized layout keeps central by default."""

DEFAULT_REGIONS = ("华东", "华南", "华北")
DEFAULT_PRODUCTS = ("产品线A", "产品线B")
DEFAULT_SEGMENTS = ("大客户", "中小客户")
DEFAULT_PROJECTS = ("项目一", "项目二")


# ----------------------------------------------------------------- inputs
def _functions(functions: Any) -> list[dict[str, Any]]:
    if functions is None:
        functions = FUNCTIONS_DEFAULT
    if isinstance(functions, pd.DataFrame):
        functions = functions.to_dict("records")
    if isinstance(functions, Mapping):
        functions = [{"name": k, "headcount": v} for k, v in functions.items()]
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i, f in enumerate(list(functions), start=1):
        if isinstance(f, Mapping):
            f = dict(f)
        elif isinstance(f, Sequence) and not isinstance(f, str) and len(f) == 2:
            f = {"name": f[0], "headcount": f[1]}
        else:
            raise OrgInputError(f"function {i}: expected a dict or (name, headcount), got {f!r} "
                                f"/ 第 {i} 个职能格式不对")
        name = str(f.get("name") or f.get("id") or "").strip()
        if not name:
            raise OrgInputError(f"function {i} has no name / 第 {i} 个职能没有名称")
        try:
            h = float(f.get("headcount"))
        except (TypeError, ValueError):
            h = math.nan
        if not math.isfinite(h) or h < 1 or not h.is_integer():
            raise OrgInputError(f"function {name!r}: headcount must be a whole number ≥ 1, got "
                                f"{f.get('headcount')!r} / 职能 {name!r} 的人数须为不小于 1 的整数")
        fid = str(f.get("id") or _slug(name, i))
        if fid in seen:
            raise OrgInputError(f"duplicate function {fid!r} / 职能重复 {fid!r}")
        seen.add(fid)
        tags = f.get("tags") or f.get("functions") or []
        if isinstance(tags, str):
            tags = [t.strip() for t in tags.split(",") if t.strip()]
        out.append({"id": fid, "name": name, "name_en": str(f.get("name_en") or name),
                    "headcount": int(h), "tags": list(tags), "shared": bool(f.get("shared", False)),
                    "duty": str(f.get("duty") or f"负责{_stem(name)}工作"),
                    "duty_en": str(f.get("duty_en") or f"{f.get('name_en') or name} work")})
    if not out:
        raise OrgInputError("no functions given / 没有提供职能")
    return out


def _slug(name: str, i: int) -> str:
    s = re.sub(r"[^A-Za-z0-9]+", "_", name).strip("_").lower()
    return s or f"f{i}"


def _stem(name: str) -> str:
    """市场策划部 → 市场策划 (post titles drop the unit suffix)."""
    for suf in ("部门", "部", "中心", "科", "组"):
        if name.endswith(suf) and len(name) > len(suf):
            return name[: -len(suf)]
    return name


def _stem_en(name: str) -> str:
    for suf in (" Department", " Dept", " Center", " Centre", " Section", " Group"):
        if name.endswith(suf):
            return name[: -len(suf)]
    return name


def _target(span_target: Any) -> int:
    try:
        t = float(span_target)
    except (TypeError, ValueError):
        t = math.nan
    if not math.isfinite(t) or t < 1:
        raise OrgInputError(f"span target must be a number ≥ 1, got {span_target!r} "
                            f"/ 管理幅度目标须为不小于 1 的数")
    return int(t)


def _names(values: int | Sequence[str] | None, default: Sequence[str], zh: str, en: str) -> list[str]:
    if values is None:
        return list(default)
    if isinstance(values, int | float) and not isinstance(values, bool):
        if values < 1 or int(values) != values:
            raise OrgInputError(f"number of {en}s must be a whole number ≥ 1, got {values!r} "
                                f"/ {zh}数量须为不小于 1 的整数")
        return [f"{zh}{i}" for i in range(1, int(values) + 1)]
    if isinstance(values, str):
        values = [v.strip() for v in values.split(",") if v.strip()]
    names = [str(v) for v in values]
    if not names:
        raise OrgInputError(f"no {en}s given / 没有提供{zh}")
    if len(set(names)) != len(names):
        raise OrgInputError(f"duplicate {en} names / {zh}名称重复")
    return names


# ----------------------------------------------------------------- teams
def team_levels(h: int, t: int) -> list[int]:
    """People per level of a team of ``h`` (its manager included) under span target ``t``.

    Bottom-heavy with the fewest levels; each level is at most ``t`` times the one above
    wherever possible.

    >>> team_levels(1, 8), team_levels(9, 8), team_levels(12, 8), team_levels(30, 5)
    ([1], [1, 8], [1, 2, 9], [1, 5, 24])
    """
    if h <= 1:
        return [1] if h == 1 else []
    if t <= 1:
        return [1] * h
    n_levels, cap = 2, 1 + t
    while cap < h:
        n_levels += 1
        cap += t ** (n_levels - 1)
    for x in range(min(h - 1, t ** (n_levels - 1)), 0, -1):
        ups, u = [], x
        for _ in range(n_levels - 2):
            u = max(1, math.ceil(u / t))
            ups.append(u)
        levels = [1, *ups[::-1], x]
        if levels[1] > t or sum(levels) > h:
            continue
        r = h - sum(levels)
        for i in range(1, n_levels - 1):  # spare people strengthen the middle levels, top first
            add = min(t * levels[i - 1] - levels[i], r)
            levels[i] += add
            r -= add
        if r == 0:
            return levels
    # fall back: fill top-down
    levels, left = [1], h - 1
    while left > 0:
        n = min(left, levels[-1] * t)
        levels.append(n)
        left -= n
    return levels


_LEVEL_TITLES = {
    1: [("经理", "Manager")],
    2: [("经理", "Manager"), ("专员", "Specialist")],
    3: [("经理", "Manager"), ("主管", "Supervisor"), ("专员", "Specialist")],
}


def _level_titles(n: int) -> list[tuple[str, str]]:
    if n in _LEVEL_TITLES:
        return _LEVEL_TITLES[n]
    mids = [(f"{'高级' * (n - 3 - i)}主管", f"{'Senior ' * (n - 3 - i)}Supervisor") for i in range(n - 2)]
    return [("经理", "Manager"), *mids, ("专员", "Specialist")]


class _Builder:
    """Accumulates positions, units and links with unique ids."""

    def __init__(self, t: int):
        self.t = t
        self.positions: list[dict[str, Any]] = []
        self.units: list[dict[str, Any]] = []
        self.links: list[dict[str, Any]] = []
        self._deputies = 0

    def unit(self, uid: str, name: str, name_en: str, parent: str, kind: str, tags: Iterable[str] = ()) -> str:
        self.units.append({"id": uid, "name": name, "name_en": name_en, "parent": parent,
                           "kind": kind, "functions": list(tags), "source": "assumed"})
        return uid

    def post(self, pid: str, title: str, title_en: str, unit: str, reports_to: str, h: int,
             region: str = "", duty: tuple[str, str, list[str]] | None = None) -> str:
        rec: dict[str, Any] = {"id": pid, "title": title, "title_en": title_en, "unit": unit,
                               "reports_to": reports_to, "headcount": float(h), "region": region,
                               "source": "assumed"}
        if duty is not None:
            text, text_en, tags = duty
            roles = [x for x in tags if x.startswith("role.")]
            elements = [x for x in tags if not x.startswith("role.")]
            rec["duties"] = {"primary": [{"text": text, "text_en": text_en, "roles": roles,
                                          "elements": elements}]}
        self.positions.append(rec)
        return pid

    def team(self, prefix: str, fn: dict, h: int, unit: str, reports_to: str, region: str = "",
             label: tuple[str, str] = ("", ""), split: Sequence[str] = ()) -> tuple[str, list[str]]:
        """A function team of ``h`` people; returns (top post id, bottom post ids).

        ``split`` names split the bottom level into one post per name (matrix/projects).
        """
        levels = team_levels(h, self.t)
        titles = _level_titles(len(levels))
        stem, stem_en = label[0] + _stem(fn["name"]), (label[1] + " " if label[1] else "") + _stem_en(fn["name_en"])
        duty = (fn["duty"], fn["duty_en"], fn["tags"])
        if len(levels) == 1:
            pid = self.post(f"{prefix}", f"{stem}专员", f"{stem_en} Specialist", unit, reports_to, 1,
                            region, duty)
            return pid, [pid]
        parent = reports_to
        top = ""
        for k, (n, (tz, te)) in enumerate(zip(levels, titles, strict=True)):
            last = k == len(levels) - 1
            if last and split and n >= 1:
                shares = _split(n, len(split))
                bottoms = []
                for j, (name, share) in enumerate(zip(split, shares, strict=True)):
                    if share == 0:
                        continue
                    bottoms.append(self.post(f"{prefix}_{k + 1}_{j + 1}", f"{stem}{tz}({name})",
                                             f"{stem_en} {te} ({name})", unit, parent, share, name))
                return top, bottoms
            pid = self.post(f"{prefix}_{k + 1}", f"{stem}{tz}", f"{stem_en} {te}", unit, parent, n,
                            region, duty if k == 0 else None)
            top = top or pid
            parent = pid
        return top, [parent]

    def attach(self, head: str, unit: str, children: list[str],
               title: tuple[str, str] = ("副总监", "Deputy Director")) -> None:
        """Point ``children`` (post ids) at ``head``, adding deputies while over the target."""
        hc = {p["id"]: p["headcount"] for p in self.positions}
        people = sum(hc[c] for c in children)
        if people <= self.t or len(children) <= 1:
            for p in self.positions:
                if p["id"] in children:
                    p["reports_to"] = head
            return
        k = min(len(children), math.ceil(people / self.t))
        groups = [children[i::k] for i in range(k)]
        deputies = []
        for g in groups:
            self._deputies += 1
            did = self.post(f"{head}_dep{self._deputies}", title[0], title[1], unit, head, 1)
            deputies.append(did)
            for p in self.positions:
                if p["id"] in g:
                    p["reports_to"] = did
        if k > self.t:
            self.attach(head, unit, deputies, title)

    def org(self, meta: dict[str, Any]) -> Org:
        return Org.from_records(self.positions, self.units, self.links, (), meta)


def _split(n: int, k: int) -> list[int]:
    base, rem = divmod(n, k)
    return [base + (1 if i < rem else 0) for i in range(k)]


def _start(t: int, head: str, head_en: str) -> _Builder:
    b = _Builder(t)
    b.unit("mkt", "市场部", "Marketing Department", "", "department")
    b.post("head", head, head_en, "mkt", "", 1,
           duty=("全面负责市场部的运营和管理", "Run the marketing department", ["role.advisory"]))
    return b


def _meta(kind: str, zh: str, en: str, **extra: Any) -> dict[str, Any]:
    return {"id": f"layout-{kind}", "name": zh, "name_en": en, "source": SOURCE,
            "description": f"由 orglib.layouts 生成的{zh}", "description_en": f"{en}, generated by orglib.layouts",
            **extra}


# ----------------------------------------------------------------- layouts
def centralized(functions: Any = None, *, span_target: int = 8, head: str = "市场部总监",
                head_en: str = "Marketing Director") -> Org:
    """集中式 — a centralized functional department.

    Parameters
    ----------
    functions : list of dicts (id, name, name_en, headcount, tags, shared), DataFrame,
        mapping name → headcount, or (name, headcount) pairs; default :data:`FUNCTIONS_DEFAULT`.
    span_target : int
        Most people per incumbent manager, respected wherever the headcount allows.
    head, head_en : titles of the department head.

    Examples
    --------
    >>> org = centralized([("市场策划部", 3), ("市场推广部", 10)], span_target=8)
    >>> org.positions[["id", "title", "reports_to", "headcount"]].values.tolist()[:4]
    [['head', '市场部总监', '', 1.0], ['f1', '市场策划经理', 'head', 1.0], ['f1_2', '市场策划专员', 'f1', 2.0], ['f2', '市场推广经理', 'head', 1.0]]
    """
    fns = _functions(functions)
    t = _target(span_target)
    b = _start(t, head, head_en)
    tops = []
    for i, fn in enumerate(fns, start=1):
        uid = b.unit(f"u_{fn['id']}", fn["name"], fn["name_en"], "mkt", "department", fn["tags"])
        top, _ = b.team(f"f{i}", fn, fn["headcount"], uid, "head")
        tops.append(top)
    _rename_top(b, tops)
    b.attach("head", "mkt", tops)
    return b.org(_meta("centralized", "集中式市场部", "Centralized marketing department", span_target=t))


def _rename_top(b: _Builder, tops: list[str]) -> None:
    """A team's top post id f1_1 → f1 (shorter ids for the function managers)."""
    ren = {t: t[:-2] for t in tops if t.endswith("_1")}
    if not ren:
        return
    for p in b.positions:
        p["id"] = ren.get(p["id"], p["id"])
        p["reports_to"] = ren.get(p["reports_to"], p["reports_to"])
    tops[:] = [ren.get(t, t) for t in tops]


_AXES = {
    "region": ("区域", "region", "区域经理", "Regional Manager", DEFAULT_REGIONS, "r"),
    "product": ("产品线", "product line", "产品线经理", "Product Line Manager", DEFAULT_PRODUCTS, "p"),
    "segment": ("客户群", "customer segment", "客户群经理", "Segment Manager", DEFAULT_SEGMENTS, "s"),
}


def decentralized(functions: Any = None, *, by: str = "region", units: int | Sequence[str] | None = None,
                  shared: Sequence[str] | None = None, span_target: int = 8,
                  head: str = "市场部总监", head_en: str = "Marketing Director") -> Org:
    """分权式 — one unit per region / product line / customer segment (``by``).

    Each unit gets a manager and its own copy of every *local* function, with the
    function's headcount split evenly across units (at least one person each); the
    ``shared`` functions (ids or names; default those marked ``shared``) stay central.

    Examples
    --------
    >>> org = decentralized(by="product", units=["家电", "数码"], shared=["analytics"])
    >>> org.units.query("kind == 'product_line'")["name"].tolist()
    ['家电', '数码']
    >>> int((org.positions["title"] == "数码产品线经理").sum())
    1
    """
    if by not in _AXES:
        raise OrgInputError(f"unknown split {by!r}: use region, product or segment / 未知划分方式 {by!r}")
    zh, en, mgr_zh, mgr_en, default, letter = _AXES[by]
    fns = _functions(functions)
    t = _target(span_target)
    names = _names(units, default, zh, en)
    if shared is None:
        shared_ids = {f["id"] for f in fns if f["shared"]}
    else:
        shared_set = {str(s) for s in ([shared] if isinstance(shared, str) else shared)}
        unknown = shared_set - {f["id"] for f in fns} - {f["name"] for f in fns}
        if unknown:
            raise OrgInputError(f"unknown shared function(s) {sorted(unknown)} / 未知的共享职能 {sorted(unknown)}")
        shared_ids = {f["id"] for f in fns if f["id"] in shared_set or f["name"] in shared_set}
    local = [f for f in fns if f["id"] not in shared_ids]
    kind = {"region": "region", "product": "product_line", "segment": "segment"}[by]
    b = _start(t, head, head_en)
    tops = []
    for i, fn in enumerate(fns, start=1):
        if fn["id"] in shared_ids:
            uid = b.unit(f"u_{fn['id']}", fn["name"], fn["name_en"], "mkt", "department", fn["tags"])
            top, _ = b.team(f"f{i}", fn, fn["headcount"], uid, "head")
            tops.append(top)
    for j, name in enumerate(names, start=1):
        rid = f"{letter}{j}"
        tags = sorted({t for f in local for t in f["tags"]})
        uid = b.unit(rid, name, f"{name} {en}", "mkt", kind)
        mid = b.post(rid, f"{name}{mgr_zh}", f"{name} {mgr_en}", uid, "head", 1,
                     region=name if by == "region" else "",
                     duty=(f"负责{name}{zh}的市场工作", f"Run marketing for {name}", tags[:0]))
        tops.append(mid)
        sub = []
        for i, fn in enumerate(local, start=1):
            share = max(1, _split(fn["headcount"], len(names))[j - 1])
            fu = b.unit(f"{rid}_{fn['id']}", f"{name}{_stem(fn['name'])}组", f"{name} {_stem_en(fn['name_en'])}",
                        uid, "group", fn["tags"])
            top, _ = b.team(f"{rid}_f{i}", fn, share, fu, mid, region=name if by == "region" else "",
                            label=(name, name))
            sub.append(top)
        b.attach(mid, uid, sub, (f"{name}副经理", f"{name} Deputy Manager"))
    b.attach("head", "mkt", tops)
    zh_name = f"分权式市场部(按{zh})"
    return b.org(_meta(f"by-{by}", zh_name, f"Decentralized marketing department (by {en})",
                       span_target=t, split_by=by))


def by_region(functions: Any = None, *, regions: int | Sequence[str] | None = None,
              shared: Sequence[str] | None = None, span_target: int = 8) -> Org:
    """分权式按区域 — :func:`decentralized` split by region.

    >>> org = by_region(regions=2)
    >>> org.units.query("kind == 'region'")["name"].tolist()
    ['区域1', '区域2']
    """
    return decentralized(functions, by="region", units=regions, shared=shared, span_target=span_target)


def by_product(functions: Any = None, *, products: int | Sequence[str] | None = None,
               shared: Sequence[str] | None = None, span_target: int = 8) -> Org:
    """分权式按产品线 — :func:`decentralized` split by product line.

    >>> by_product(products=["A", "B", "C"]).units.query("kind == 'product_line'").shape[0]
    3
    """
    return decentralized(functions, by="product", units=products, shared=shared, span_target=span_target)


def by_segment(functions: Any = None, *, segments: int | Sequence[str] | None = None,
               shared: Sequence[str] | None = None, span_target: int = 8) -> Org:
    """分权式按客户群 — :func:`decentralized` split by customer segment.

    >>> by_segment().units.query("kind == 'segment'")["name"].tolist()
    ['大客户', '中小客户']
    """
    return decentralized(functions, by="segment", units=segments, shared=shared, span_target=span_target)


def _crossed(kind: str, functions: Any, names: list[str], span_target: int, zh: str, en: str,
             lead_zh: str, lead_en: str, unit_kind: str, letter: str, label: str,
             meta: dict[str, Any]) -> Org:
    fns = _functions(functions)
    t = _target(span_target)
    b = _start(t, "市场部总监", "Marketing Director")
    tops = []
    bottoms_by_name: dict[str, list[str]] = {n: [] for n in names}
    for i, fn in enumerate(fns, start=1):
        uid = b.unit(f"u_{fn['id']}", fn["name"], fn["name_en"], "mkt", "department", fn["tags"])
        split = names if not fn["shared"] and fn["headcount"] > 1 else ()
        top, bottoms = b.team(f"f{i}", fn, fn["headcount"], uid, "head", split=split)
        tops.append(top)
        if split:
            for pid in bottoms:
                region = next(p["region"] for p in b.positions if p["id"] == pid)
                bottoms_by_name[region].append(pid)
    leads = []
    for j, name in enumerate(names, start=1):
        rid = f"{letter}{j}"
        uid = b.unit(rid, name, f"{name} {en}", "mkt", unit_kind)
        lid = b.post(rid, f"{name}{lead_zh}", f"{name} {lead_en}", uid, "head", 1,
                     region=name if kind == "matrix" else "",
                     duty=(f"协调{name}的市场工作", f"Coordinate marketing for {name}", []))
        leads.append(lid)
        for pid in bottoms_by_name[name]:
            b.links.append({"from": lid, "to": pid, "kind": "dotted", "label": label, "source": "assumed"})
    _rename_top(b, tops)
    b.attach("head", "mkt", tops + leads)
    return b.org(meta)


def matrix(functions: Any = None, *, regions: int | Sequence[str] | None = None,
           span_target: int = 8) -> Org:
    """矩阵式 — functions × regions.

    Each function's front-line staff are split by region (one post per region, solid
    line to the function); a regional manager per region, reporting to the head, has a
    ``dotted`` link to each of its region's staff posts. Shared functions are not split.

    >>> org = matrix(regions=["华东", "华南"])
    >>> sorted(set(org.links["kind"]))
    ['dotted']
    """
    names = _names(regions, DEFAULT_REGIONS, "区域", "region")
    return _crossed("matrix", functions, names, span_target, "区域", "region", "区域经理",
                    "Regional Manager", "region", "r", "区域",
                    _meta("matrix", "矩阵式市场部(职能×区域)", "Matrix marketing department (functions × regions)",
                          span_target=_target(span_target)))


def project_teams(functions: Any = None, *, projects: int | Sequence[str] | None = None,
                  span_target: int = 8) -> Org:
    """项目制 — function pools plus project leads (以项目为运营单元时可进行自由组合, seed 000).

    Staff stay in their function (solid line); each project has a lead reporting to the
    head, with ``dotted`` links to the staff posts assigned to the project.

    >>> org = project_teams(projects=2)
    >>> org.units.query("kind == 'project'")["name"].tolist()
    ['项目1', '项目2']
    """
    names = _names(projects, DEFAULT_PROJECTS, "项目", "project")
    return _crossed("projects", functions, names, span_target, "项目", "project", "项目负责人",
                    "Project Lead", "project", "pj", "项目",
                    _meta("projects", "项目制市场部(自由组合)", "Project-team marketing department",
                          span_target=_target(span_target)))


LAYOUTS = {"centralized": centralized, "by_region": by_region, "by_product": by_product,
           "by_segment": by_segment, "matrix": matrix, "project_teams": project_teams}
"""Generators by name (used by ``orglib layouts``)."""
