"""Theory catalogues (``data/catalog/*.yaml``), zh + en, each entry with its seed source.

One loader per catalogue returns a fresh :class:`pandas.DataFrame` (cached
internally, copied on return): :func:`roles`, :func:`lifecycle`,
:func:`principles`, :func:`coordination`, :func:`kpis`, :func:`marketing_mix`
(or :func:`elements` for one framework), :func:`mix_relations`, :func:`stp`,
:func:`aida`, :func:`service_3p`, :func:`ars`. :func:`catalog` dispatches by
name and :func:`all_tags` lists the tags a duty or unit may carry (the four
roles and the twelve 4P/4C/4R elements).

Examples
--------
>>> len(roles()), len(lifecycle()), len(principles()), len(kpis())
(4, 3, 5, 15)
>>> elements("4R")["zh"].tolist()
['关联', '反应', '关系', '回报']
>>> catalog("aida")["en"].tolist()
['Attention', 'Interest', 'Desire', 'Action']
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from functools import lru_cache

import pandas as pd
import yaml

from .._core import OrgInputError
from ..data import catalog_path

_BASE_COLUMNS = ["id", "zh", "en", "definition", "definition_en", "source"]


@lru_cache(maxsize=32)
def _document(name: str) -> dict:
    with catalog_path(name).open(encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


@lru_cache(maxsize=32)
def _frame(name: str, section: str) -> pd.DataFrame:
    rows = _document(name).get(section) or []
    df = pd.DataFrame(rows)
    for col in _BASE_COLUMNS:
        if col not in df.columns:
            df[col] = ""
    first = [c for c in _BASE_COLUMNS if c in df.columns]
    return df[first + [c for c in df.columns if c not in first]]


def _get(name: str, section: str = "entries") -> pd.DataFrame:
    """A copy of a cached table, nested lists/dicts included (callers may mutate it)."""
    df = _frame(name, section).copy(deep=True)
    for col in df.columns:
        if df[col].dtype == object:
            df[col] = [copy.deepcopy(v) if isinstance(v, list | dict) else v for v in df[col]]
    return df


def roles() -> pd.DataFrame:
    """The marketing department's four roles (情报 / 参谋 / 监管 / 公关) with their duties.

    Returns
    -------
    pandas.DataFrame
        ``id`` (``role.intelligence`` ...), ``zh``, ``en``, ``definition``, ``definition_en``,
        ``source``, ``duties`` (list of ``{zh, en, source}``).

    Examples
    --------
    >>> roles()["zh"].tolist()
    ['情报机构', '参谋机构', '监管机构', '公关机构']
    """
    return _get("roles")


def lifecycle() -> pd.DataFrame:
    """Focus of the department at each product stage (导入期 / 成长期 / 成熟期).

    Examples
    --------
    >>> lifecycle()["en"].tolist()
    ['Introduction', 'Growth', 'Maturity']
    """
    return _get("lifecycle")


def principles() -> pd.DataFrame:
    """The five organisation-design principles (协调性 … 效率).

    Examples
    --------
    >>> principles()["zh"].tolist()[0]
    '协调性原则'
    """
    return _get("principles")


def coordination() -> pd.DataFrame:
    """Coordination mechanisms between departments (联席会议, 资源共享, 交叉培训).

    Examples
    --------
    >>> coordination().set_index("id").loc["coord.joint_meeting", "cadence"]
    'monthly'
    """
    return _get("principles", "coordination")


def kpis() -> pd.DataFrame:
    """The fifteen department KPIs (考核指标) of seed 003, in the seed's order.

    Examples
    --------
    >>> kpis()["zh"].iloc[[0, -1]].tolist()
    ['基本工作纪律', '对产品改进拓展的贡献']
    """
    return _get("kpis")


def marketing_mix() -> pd.DataFrame:
    """All twelve 4P / 4C / 4R elements with definitions (column ``framework``).

    Examples
    --------
    >>> marketing_mix().groupby("framework").size().to_dict()
    {'4C': 4, '4P': 4, '4R': 4}
    """
    return _get("marketing_mix")


def elements(framework: str) -> pd.DataFrame:
    """The four elements of one framework: ``"4P"``, ``"4C"`` or ``"4R"``.

    Examples
    --------
    >>> elements("4P")["id"].tolist()
    ['4P.product', '4P.price', '4P.place', '4P.promotion']
    """
    key = str(framework).upper()
    df = marketing_mix()
    if key not in set(df["framework"]):
        raise OrgInputError(f"unknown framework {framework!r}: use 4P, 4C or 4R / 未知理论 {framework!r}:请用 4P、4C 或 4R")
    return df[df["framework"] == key].reset_index(drop=True)


def frameworks() -> pd.DataFrame:
    """The three frameworks (4P, 4C, 4R) with author and period.

    Examples
    --------
    >>> frameworks()["id"].tolist()
    ['4P', '4C', '4R']
    """
    return _get("marketing_mix", "frameworks")


def mix_relations() -> pd.DataFrame:
    """How 4P, 4C and 4R relate: 4R builds on 4P and 4C; none replaces the others.

    Examples
    --------
    >>> sorted(mix_relations()["kind"].unique())
    ['builds_on', 'combine', 'reorients']
    """
    return _get("marketing_mix", "relations")


def stp() -> pd.DataFrame:
    """Segmentation, targeting, positioning.

    Examples
    --------
    >>> stp()["en"].tolist()
    ['Segmentation', 'Targeting', 'Positioning']
    """
    return _get("stp")


def aida() -> pd.DataFrame:
    """AIDA: attention, interest, desire, action (``by_communication`` marks the first three).

    Examples
    --------
    >>> int(aida()["by_communication"].sum())
    3
    """
    return _get("aida")


def service_3p() -> pd.DataFrame:
    """The service-marketing 3P (people, physical evidence, process).

    Examples
    --------
    >>> service_3p()["source"].tolist()[-1]
    'assumed'
    """
    return _get("service_3p")


def ars() -> pd.DataFrame:
    """Deep marketing (区域滚动销售, ARS): its four core market elements.

    Examples
    --------
    >>> ars()["zh"].tolist()
    ['区域市场', '核心客户', '零售网络', '客户顾问']
    """
    return _get("ars")


CATALOGS: dict[str, Callable[[], pd.DataFrame]] = {
    "roles": roles, "lifecycle": lifecycle, "principles": principles,
    "coordination": coordination, "kpis": kpis, "marketing_mix": marketing_mix,
    "frameworks": frameworks, "mix_relations": mix_relations, "stp": stp, "aida": aida,
    "service_3p": service_3p, "ars": ars,
}
"""Catalogue names accepted by :func:`catalog`."""


def catalog(name: str) -> pd.DataFrame:
    """One catalogue by name (see :data:`CATALOGS`); ``"4P"``/``"4C"``/``"4R"`` give one framework.

    Examples
    --------
    >>> len(catalog("kpis")), len(catalog("4C"))
    (15, 4)
    """
    key = str(name).strip()
    if key.upper() in ("4P", "4C", "4R"):
        return elements(key)
    fn = CATALOGS.get(key.lower().replace("-", "_"))
    if fn is None:
        known = ", ".join(sorted(CATALOGS))
        raise OrgInputError(f"unknown catalogue {name!r}; known: {known} / 未知目录 {name!r},可用:{known}")
    return fn()


def all_tags() -> pd.DataFrame:
    """Every valid duty/unit tag: the four roles then the twelve mix elements.

    Returns
    -------
    pandas.DataFrame
        ``tag, kind ("role" | "4P" | "4C" | "4R"), zh, en, source``.

    Examples
    --------
    >>> t = all_tags()
    >>> len(t), t["tag"].iloc[0]
    (16, 'role.intelligence')
    """
    r = roles()
    m = marketing_mix()
    out = pd.concat([
        pd.DataFrame({"tag": r["id"], "kind": "role", "zh": r["zh"], "en": r["en"], "source": r["source"]}),
        pd.DataFrame({"tag": m["id"], "kind": m["framework"], "zh": m["zh"], "en": m["en"],
                      "source": m["source"]}),
    ], ignore_index=True)
    return out


