"""Walking the reporting tree: the one place for depths, sub-tree totals, the head and orders.

Every module that needs the shape of the tree works from ``org.parent_index()`` (row
number of each post's manager, -1 for none) through these functions, so "layer",
"people below" and "head of the department" mean the same everywhere.

**Head of the department** (:func:`head_index`): the post without a manager whose
sub-tree (the post and everyone below it) holds the most people; on a tie, the first
such row. On a one-top org it is simply the top post.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from .errors import OrgInputError


def depths(parent: np.ndarray) -> np.ndarray:
    """Number of ancestors of each row.

    Breadth first from the rows without a manager, one numpy step per layer (O(n) in
    all); an org deeper than :data:`BFS_LAYERS` layers (long chains) is measured by
    pointer jumping instead (log2(depth) passes over the rows). Raises OrgInputError on
    a reporting cycle.

    >>> depths(np.array([-1, 0, 1, 0])).tolist()
    [0, 1, 2, 1]
    >>> depths(np.arange(-1, 9999)).max()  # a chain of 10,000 posts
    np.int64(9999)
    """
    parent = np.asarray(parent, dtype=np.int64)
    return _depths(parent, np.bincount(parent[parent >= 0], minlength=len(parent)))


def _depths(parent: np.ndarray, count: np.ndarray) -> np.ndarray:
    """:func:`depths` given each row's number of direct reports.

    A shallow org (no sampled row deeper than :data:`JUMP_LAYERS`) is measured by pointer
    jumping, a few passes with no sort; a deeper one breadth first (one numpy step per
    layer after one sort of the rows by manager). Both give the same depths.
    """
    if _sampled_depth(parent) < JUMP_LAYERS:
        return _depths_jump(parent)
    out = _depths_bfs(parent, count, BFS_LAYERS)
    return out if out is not None else _depths_jump(parent)


JUMP_LAYERS = 16
"""Sampled depth under which :func:`depths` uses pointer jumping (at most a few passes)."""


def _sampled_depth(parent: np.ndarray, samples: int = 64) -> int:
    """Largest number of ancestors among ``samples`` rows spread over the table, counted up
    to :data:`JUMP_LAYERS` (it only chooses the method: both are exact)."""
    n = len(parent)
    deepest = 0
    for r in range(0, n, max(1, n // samples)):
        d, row = 0, int(parent[r])
        while row >= 0 and d < JUMP_LAYERS:
            row, d = int(parent[row]), d + 1
        deepest = max(deepest, d)
        if deepest >= JUMP_LAYERS:
            break
    return deepest


BFS_LAYERS = 2048
"""Layers beyond which :func:`depths` switches from breadth first to pointer jumping."""


def _depths_bfs(parent: np.ndarray, count: np.ndarray, max_layers: int) -> np.ndarray | None:
    """Depths layer by layer from the roots, or None when the org is deeper than
    ``max_layers``; ``count`` is each row's number of direct reports."""
    n = len(parent)
    order = np.argsort(parent)  # rows grouped by manager; rows without one (-1) first
    n_roots = n - int(count.sum())
    start = np.cumsum(count) - count + n_roots  # where each row's reports begin in ``order``
    depth = np.empty(n, dtype=np.int64)
    frontier = order[:n_roots]
    d, seen = 0, 0
    while frontier.size:
        depth[frontier] = d
        seen += frontier.size
        c = count[frontier]
        has = c > 0
        if not has.any():
            break
        d += 1
        if d > max_layers:
            return None
        f, c = frontier[has], c[has]
        ends = np.cumsum(c)
        frontier = order[np.repeat(start[f] - (ends - c), c) + np.arange(int(ends[-1]))]
    if seen < n:  # rows no top post reaches: each is in, or under, a reporting cycle
        raise OrgInputError("the reporting lines contain a cycle / 汇报关系存在循环")
    return depth


def _depths_jump(parent: np.ndarray) -> np.ndarray:
    """Depths by pointer jumping (log2(depth) passes): for very deep orgs."""
    n = len(parent)
    dist = (parent >= 0).astype(np.int64)
    jump = parent.copy()
    active = np.flatnonzero(jump >= 0)
    limit = max(1, int(np.ceil(np.log2(max(n, 2)))) + 2)
    for _ in range(limit):
        if active.size == 0:
            break
        j = jump[active]
        # synchronous update: read both arrays before writing
        dist_j = dist[j]
        jump_j = jump[j]
        dist[active] += dist_j
        jump[active] = jump_j
        active = active[jump_j >= 0]
    if active.size:
        raise OrgInputError("the reporting lines contain a cycle / 汇报关系存在循环")
    return dist


@dataclass(frozen=True)
class TreeMetrics:
    """Per-row arrays (same order as ``org.positions``)."""

    layer: np.ndarray            # int64, top = 1
    direct_reports: np.ndarray   # int64, number of direct report posts
    direct_people: np.ndarray    # float, headcount of direct reports
    span: np.ndarray             # float, direct_people / headcount; NaN if not a manager or vacant
    people_below: np.ndarray     # float
    cost_below: np.ndarray       # float, NaN where unknown
    is_manager: np.ndarray       # bool


def tree_metrics(parent: np.ndarray, hc: np.ndarray, cost: np.ndarray | None = None) -> TreeMetrics:
    """The per-post arrays behind :func:`spans_layers`, from a parent array.

    Parameters
    ----------
    parent : int array, row number of each row's manager (-1 for none)
    hc : float array, headcount per row
    cost : float array or None, cost per incumbent (NaN = unknown)

    Examples
    --------
    >>> t = tree_metrics(np.array([-1, 0, 0, 1]), np.array([1.0, 1, 2, 3]))
    >>> t.layer.tolist(), t.span.tolist()[:2], t.people_below.tolist()
    ([1, 2, 2, 3], [3.0, 3.0], [6.0, 3.0, 0.0, 0.0])
    """
    parent = np.asarray(parent, dtype=np.int64)
    hc = np.asarray(hc, dtype=np.float64)
    n = len(parent)
    has_p = parent >= 0
    p = parent[has_p]
    direct_reports = np.bincount(p, minlength=n)
    depth = _depths(parent, direct_reports)
    direct_people = np.bincount(p, weights=hc[has_p], minlength=n)
    is_manager = direct_reports > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        span = np.where(is_manager & (hc > 0), direct_people / np.where(hc > 0, hc, 1.0), np.nan)

    # subtree sums: rows sorted by depth make each layer a contiguous slice whose
    # parents lie in the slice before it; visit layers deepest first, O(n) in all.
    max_d = int(depth.max()) if n else 0
    order = np.argsort(depth.astype(np.uint16) if max_d < 65535 else depth, kind="stable")
    starts = np.zeros(max_d + 2, dtype=np.int64)
    np.cumsum(np.bincount(depth, minlength=max_d + 1), out=starts[1:])
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n)
    prank = rank[parent[order]]  # roots (parent -1) sit in layer 0, whose prank is never read
    want_cost = cost is not None
    own = [hc]
    if want_cost:
        cost = np.asarray(cost, dtype=np.float64)
        known = ~np.isnan(cost) | (hc == 0)
        own_cost = np.where(known, np.nan_to_num(cost) * hc, 0.0)
        own_unknown = (~known).astype(np.float64)
        own += [own_cost, own_unknown]
    sorted_tot = [v[order] for v in own]  # self + below, in depth order
    for d in range(max_d, 0, -1):
        a, b, c = starts[d - 1], starts[d], starts[d + 1]
        idx = prank[b:c] - a
        for t in sorted_tot:
            t[a:b] += np.bincount(idx, weights=t[b:c], minlength=b - a)
    total = [np.empty(n) for _ in own]
    for t, s in zip(total, sorted_tot, strict=True):
        t[order] = s
    people_below = total[0] - hc
    if want_cost:
        cost_below = np.where(total[2] - own_unknown > 0, np.nan, total[1] - own_cost)
    else:
        cost_below = np.full(n, np.nan)
    return TreeMetrics(depth + 1, direct_reports, direct_people, span, people_below, cost_below,
                       is_manager)




def subtree_totals(parent: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Sum of ``values`` over each row's sub-tree (the row itself included).

    >>> subtree_totals(np.array([-1, 0, 0, 1]), np.array([1.0, 1, 2, 3])).tolist()
    [7.0, 4.0, 2.0, 3.0]
    """
    values = np.asarray(values, dtype=np.float64)
    return tree_metrics(parent, values).people_below + values


def head_index(parent: np.ndarray, hc: np.ndarray) -> int:
    """Row of the head of the department (see the module docstring); -1 for an empty org.

    >>> head_index(np.array([-1, -1, 1, 1]), np.array([1.0, 1, 2, 3]))
    1
    >>> head_index(np.array([-1, -1]), np.array([1.0, 1.0]))
    0
    """
    parent = np.asarray(parent, dtype=np.int64)
    roots = np.flatnonzero(parent < 0)
    if roots.size == 0:
        return -1
    if roots.size == 1:
        return int(roots[0])
    tot = subtree_totals(parent, np.asarray(hc, dtype=np.float64))
    return int(roots[np.argmax(tot[roots])])


def children_lists(parent: np.ndarray) -> list[list[int]]:
    """Direct reports of each row, in row order.

    >>> children_lists(np.array([-1, 0, 0, 1]))
    [[1, 2], [3], [], []]
    """
    parent = np.asarray(parent, dtype=np.int64)
    kids: list[list[int]] = [[] for _ in range(len(parent))]
    for i in np.flatnonzero(parent >= 0).tolist():
        kids[int(parent[i])].append(i)
    return kids


def preorder(parent: np.ndarray, roots: list[int] | None = None) -> Iterator[tuple[int, int]]:
    """``(row, depth)`` in depth-first pre-order (children in row order), without recursion.

    Starts from ``roots`` (default: every row without a manager, in row order), so a
    chain thousands of layers deep is walked without a stack overflow.

    >>> list(preorder(np.array([-1, 0, 0, 1])))
    [(0, 0), (1, 1), (3, 2), (2, 1)]
    """
    parent = np.asarray(parent, dtype=np.int64)
    kids = children_lists(parent)
    start = np.flatnonzero(parent < 0).tolist() if roots is None else list(roots)
    stack = [(r, 0) for r in reversed(start)]
    while stack:
        row, d = stack.pop()
        yield row, d
        stack.extend((c, d + 1) for c in reversed(kids[row]))


def descendants(parent: np.ndarray, row: int) -> list[int]:
    """Rows below ``row`` (not ``row`` itself), in pre-order.

    >>> descendants(np.array([-1, 0, 0, 1]), 1)
    [3]
    """
    return [r for r, _ in preorder(parent, [row])][1:]
