"""Nested org trees (a list of objects whose reports sit under ``children``,
``childOrgs``, ``subordinates``, ``items`` ...), as org-chart libraries and some HR
systems export them, flattened into one post per node.

>>> recs, rows, probs = flatten_tree([{"id": "1", "title": "总监", "children": [
...     {"id": "2", "title": "经理", "children": [{"id": "3", "title": "专员"}]}]}], "t.json")
>>> [(r["id"], r["reports_to"]) for r in recs], rows, probs
([('1', ''), ('2', '1'), ('3', '2')], [1, 2, 3], [])
"""

from __future__ import annotations

from typing import Any

from .._core import NESTED_FIELDS, WARNING, Problem
from ._columns import CHILD_KEYS, _norm, field_for


def child_key(item: Any) -> str | None:
    """The key of ``item`` holding its reports as a list, or None."""
    if not isinstance(item, dict):
        return None
    for key, value in item.items():
        if _norm(key) in CHILD_KEYS and isinstance(value, list) and key not in NESTED_FIELDS:
            return str(key)
    return None


def is_tree(items: list) -> bool:
    """True when some item keeps nested reports under a child key with objects in it."""
    for item in items:
        key = child_key(item)
        if key is not None and any(isinstance(c, dict) for c in item[key]):
            return True
    return False


def flatten_tree(items: list, label: str) -> tuple[list[dict], list[int], list[Problem]]:
    """Preorder records with ``reports_to`` filled from the nesting (iterative: any depth).

    The id is the node's own id column when it has one (found by alias), else a
    generated ``n1, n2, ...`` in preorder; a manager column a node already fills wins.
    Rows are preorder numbers (1-based), so problems name the n-th node.
    """
    problems: list[Problem] = []
    nodes: list[tuple[dict, int]] = []  # (node, parent number or 0)
    stack: list[tuple[Any, int]] = [(it, 0) for it in reversed(items)]
    while stack:
        node, parent = stack.pop()
        if not isinstance(node, dict):
            problems.append(Problem(label, None, "children", "bad_structure",
                                    f"a node under post {parent} is not an object: {str(node)[:40]!r}",
                                    f"第 {parent} 个节点下有一项不是对象:{str(node)[:40]!r}"))
            continue
        nodes.append((node, parent))
        me = len(nodes)
        key = child_key(node)
        if key is not None:
            stack.extend((c, me) for c in reversed(node[key]))
    keys: list[str] = []
    for node, _ in nodes:
        for k in node:
            if k not in keys and _norm(k) not in CHILD_KEYS:
                keys.append(str(k))
    id_key = next((k for k in keys if k == "id"), None) or next(
        (k for k in keys if field_for(k) == "id"), None)
    rt_key = next((k for k in keys if k == "reports_to"), None) or next(
        (k for k in keys if field_for(k) == "reports_to"), "reports_to")
    if id_key is None:
        id_key = "id"
        problems.append(Problem(label, None, "id", "generated_ids",
                                "the tree's nodes have no id: numbered n1, n2, ... in order",
                                "树的节点没有编号:按顺序编为 n1、n2…", WARNING))
    records: list[dict] = []
    ids: list[str] = []
    for k, (node, parent) in enumerate(nodes, start=1):
        rec = {c: v for c, v in node.items() if _norm(c) not in CHILD_KEYS or c in NESTED_FIELDS}
        own = rec.get(id_key)
        pid = str(own) if own not in (None, "") else (f"n{k}" if id_key == "id" and "id" not in node else "")
        rec[id_key] = pid
        ids.append(pid)
        if parent and rec.get(rt_key) in (None, ""):
            rec[rt_key] = ids[parent - 1]
        elif rec.get(rt_key) is None:
            rec[rt_key] = ""
        records.append(rec)
    return records, list(range(1, len(nodes) + 1)), problems


def nested_cells(records: list[dict]) -> list[tuple[int, str]]:
    """(item number, key) of cells holding objects that look like posts (they carry an
    id or a title): reports nested under a key that is not a known child key."""
    out = []
    for i, rec in enumerate(records, start=1):
        for k, v in rec.items():
            if k in NESTED_FIELDS:
                continue
            items = [v] if isinstance(v, dict) else v if isinstance(v, list) else []
            if any(isinstance(x, dict) and any(field_for(c) in ("id", "title") for c in x) for x in items):
                out.append((i, str(k)))
    return out
