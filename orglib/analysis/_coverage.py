"""Duty tables and coverage of the theory catalogues (four roles, 4P/4C/4R) by unit.

A tag of the four roles (情报/参谋/监管/公关) or of 4P/4C/4R is *owned* by a unit when the
unit lists it in ``functions`` or one of its posts has a primary duty tagged with it
(``roles`` / ``elements``). A tag no unit owns is a **gap**.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from .._core import Org, tr
from ..designs import all_tags

FOUR_ROLES: tuple[str, ...] = ("role.intelligence", "role.advisory", "role.oversight", "role.pr")
MIX: dict[str, tuple[str, ...]] = {
    "4P": ("4P.product", "4P.price", "4P.place", "4P.promotion"),
    "4C": ("4C.customer", "4C.cost", "4C.convenience", "4C.communication"),
    "4R": ("4R.relevance", "4R.response", "4R.relationship", "4R.return"),
}
CATALOGUE_TAGS: tuple[str, ...] = FOUR_ROLES + MIX["4P"] + MIX["4C"] + MIX["4R"]


def _catalogue_labels() -> dict[str, tuple[str, str]]:
    """tag → (zh, en) as the theory catalogues (data/catalog) name them: the one source."""
    tags = all_tags()
    return {r.tag: (r.zh, r.en) for r in tags.itertuples(index=False)}


TAG_LABELS: dict[str, tuple[str, str]] = _catalogue_labels()
"""Display names of the catalogue tags, derived from data/catalog (never typed here)."""
LINK_LETTER: dict[str, str] = {"assists": "S", "approves": "A", "directs": "A",
                               "collaborates": "C", "dotted": "I"}
LETTER_ORDER = "RASCI"


def tag_group(tag: str) -> str:
    """Catalogue group of a tag.

    >>> tag_group("role.pr"), tag_group("4P.price")
    ('roles', '4P')
    """
    return "roles" if tag.startswith("role.") else tag.split(".", 1)[0]


def tag_label(tag: str, lang: str = "zh") -> str:
    """Display name of a catalogue tag.

    >>> tag_label("4P.place", "en"), tag_label("role.pr")
    ('Place', '公关机构')
    """
    zh, en = TAG_LABELS.get(tag, (tag, tag))
    return tr(zh, en, lang)


# ----------------------------------------------------------------- duty rows
def _unit_of(org: Org) -> dict[str, str]:
    return {pid: (u or f"@{pid}") for pid, u in zip(org.positions["id"], org.positions["unit"], strict=True)}


def _items(value: Any) -> list:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    if isinstance(value, str | dict):
        return [value]
    return list(value)


def _item_fields(item: Any) -> tuple[str, str, list[str], str]:
    if isinstance(item, dict):
        text = str(item.get("text") or item.get("zh") or "").strip()
        text_en = str(item.get("text_en") or item.get("en") or "").strip()
        tags = [str(t) for t in _items(item.get("roles")) + _items(item.get("elements"))]
        letter = str(item.get("raci") or "").strip().upper()[:1]
        return text, text_en, tags, letter
    return str(item).strip(), "", [], ""


def duty_table(org: Org) -> pd.DataFrame:
    """One row per (post, duty): post, unit, duty, duty_en, kind, letter, tags, via.

    ``via`` is ``"duties"`` or the link kind that gave the letter.

    >>> from orglib._core.model import Org
    >>> org = Org.from_records([{"id": "a", "unit": "u", "duties": {"primary": ["调研"]}}])
    >>> duty_table(org)[["post", "unit", "duty", "letter"]].values.tolist()
    [['a', 'u', '调研', 'R']]
    """
    unit_of = _unit_of(org)
    rows: list[dict] = []
    primaries: dict[str, list[tuple[str, str, list[str]]]] = {}
    for pid, duties in zip(org.positions["id"], org.positions["duties"], strict=True):
        if not isinstance(duties, dict):
            continue
        for kind, default in (("primary", "R"), ("assisting", "S")):
            for item in _items(duties.get(kind)):
                text, text_en, tags, letter = _item_fields(item)
                if not text:
                    continue
                rows.append({"post": pid, "unit": unit_of[pid], "duty": text, "duty_en": text_en,
                             "kind": kind, "letter": letter if letter in LETTER_ORDER and letter else default,
                             "tags": tags, "via": "duties"})
                if kind == "primary":
                    primaries.setdefault(pid, []).append((text, text_en, tags))
    for rec in org.links.to_dict("records"):
        letter = LINK_LETTER.get(rec["kind"])
        src, dst = rec["from"], rec["to"]
        if letter is None or src not in unit_of or dst not in primaries:
            continue
        for text, text_en, tags in primaries[dst]:
            rows.append({"post": src, "unit": unit_of[src], "duty": text, "duty_en": text_en,
                         "kind": "link", "letter": letter, "tags": tags, "via": rec["kind"]})
    cols = ["post", "unit", "duty", "duty_en", "kind", "letter", "tags", "via"]
    return pd.DataFrame(rows, columns=cols)


def _unit_ancestors(org: Org) -> dict[str, set[str]]:
    parent = dict(zip(org.units["id"], org.units["parent"], strict=True))
    out: dict[str, set[str]] = {}
    for u in parent:
        seen: set[str] = set()
        p = parent.get(u, "")
        while p and p not in seen and p != u:
            seen.add(p)
            p = parent.get(p, "")
        out[u] = seen
    return out


def coverage(org: Org) -> pd.DataFrame:
    """Which unit owns each catalogue tag (four roles, 4P, 4C, 4R).

    Returns one row per tag: tag, group, name, name_en, units (owning unit ids), covered.

    >>> from orglib._core.model import Org
    >>> org = Org.from_records([{"id": "a", "unit": "u"}],
    ...                        units=[{"id": "u", "functions": ["role.pr", "4P.price"]}])
    >>> coverage(org).query("covered")["tag"].tolist()
    ['role.pr', '4P.price']
    """
    owners: dict[str, list[str]] = {t: [] for t in CATALOGUE_TAGS}
    for uid, funcs in zip(org.units["id"], org.units["functions"], strict=True):
        for t in _items(funcs):
            if isinstance(t, str) and t in owners and uid not in owners[t]:
                owners[t].append(uid)
    duties = duty_table(org)
    for rec in duties[duties["kind"] == "primary"].to_dict("records"):
        for t in rec["tags"]:
            if t in owners and rec["unit"] not in owners[t]:
                owners[t].append(rec["unit"])
    return pd.DataFrame([{"tag": t, "group": tag_group(t), "name": TAG_LABELS[t][0],
                          "name_en": TAG_LABELS[t][1], "units": owners[t], "covered": bool(owners[t])}
                         for t in CATALOGUE_TAGS])
