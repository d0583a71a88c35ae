"""Org charts: an interactive pyvis chart and a static chart for print.

The interactive chart is a self-contained HTML page (vis-network inlined, no
URL fetched) with positions computed here, so the browser never runs a
physics simulation or a layout: top-down tree, one box per post, coloured by
unit, headcount in the label, tooltip as plain text. Dotted-line and
assisting links are drawn dashed in their own colours.

Large organisations are collapsed before drawing: to the top layers that fit
under ``node_cap`` (default 1,500 boxes), or to one box per unit, and the
boxes that hide people say how many posts and people are below them.

The static chart (for PDF) is an SVG made by graphviz ``dot``, or a matplotlib
PNG when ``dot`` is not installed.

Examples
--------
>>> from orglib._core.model import Org
>>> org = Org.from_records([
...     {"id": "m", "title": "经理", "title_en": "Manager", "headcount": 1},
...     {"id": "s", "title": "主管", "reports_to": "m", "headcount": 2},
...     {"id": "e", "title": "专员", "reports_to": "s", "headcount": 10},
... ])
>>> view = chart_view(org, lang="en")
>>> view.nodes[["id", "x", "y"]].values.tolist()
[['m', 0.0, 0.0], ['s', 0.0, 1.0], ['e', 0.0, 2.0]]
>>> page = interactive_html(org)
>>> "https://" in page.split("<body>")[0].split("vis-network")[0]
False
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .._core import LINK_LABELS, Org, OrgInputError, check_lang, depths, preorder, tr
from .._core import subtree_totals as tree_subtree_totals

NODE_CAP = 1500
"""Most boxes drawn in an interactive chart before the org is collapsed."""

STATIC_CAP = 120
"""Most boxes in the static (print) chart."""

PALETTE: tuple[str, ...] = (
    "#a0cbe8", "#ffbe7d", "#8cd17d", "#ff9d9a", "#86bcb6", "#f1ce63", "#d4a6c8",
    "#fabfd2", "#d7b5a6", "#b6992d", "#79706e", "#9d7660", "#e15759", "#59a14f",
)

LINK_STYLES: dict[str, dict[str, Any]] = {
    "reports": {"color": "#8c8c8c", "dashes": False, "width": 1.2},
    "dotted": {"color": "#4e79a7", "dashes": [2, 5], "width": 1.5},
    "assists": {"color": "#f28e2b", "dashes": [8, 5], "width": 1.5},
    "collaborates": {"color": "#59a14f", "dashes": [1, 3], "width": 1.0},
    "approves": {"color": "#b07aa1", "dashes": [10, 3, 2, 3], "width": 1.2},
    "directs": {"color": "#e15759", "dashes": [6, 3], "width": 1.5},
}
"""How each relation is drawn (vis-network edge options)."""

_URL_ATTR = re.compile(
    r"<(script|link)\b[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//[^>]*>(?:\s*</script>)?",
    re.IGNORECASE | re.DOTALL,
)


# ----------------------------------------------------------------------------- tree
def tree_levels(org: Org) -> tuple[np.ndarray, np.ndarray]:
    """Parent row and depth of every post; a reporting cycle is cut at its first row.

    The walk is :func:`orglib._core.tree.depths`; a chart must show every post, so a
    cycle (which ``depths`` refuses) is cut at its first row and the walk repeated.

    Returns
    -------
    parent : ndarray of int64
        Row of each post's manager, -1 for a top post (or a cut cycle).
    depth : ndarray of int64
        0 for top posts.

    Examples
    --------
    >>> org = Org.from_records([{"id": "a"}, {"id": "b", "reports_to": "a"}])
    >>> tree_levels(org)[1].tolist()
    [0, 1]
    >>> tree_levels(Org.from_records([{"id": "a", "reports_to": "b"}, {"id": "b", "reports_to": "a"}]))[1].tolist()
    [0, 1]
    """
    parent = np.asarray(org.parent_index(), dtype=np.int64).copy()
    while True:
        try:
            return parent, depths(parent)
        except OrgInputError:  # a reporting cycle: cut it at the first row no top post reaches
            reached = np.zeros(len(parent), dtype=bool)
            reached[[r for r, _ in preorder(parent)]] = True
            parent[int(np.flatnonzero(~reached)[0])] = -1


def subtree_totals(parent: np.ndarray, depth: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Sum of ``values`` over each post and everyone below it (:func:`orglib._core.tree.subtree_totals`).

    ``depth`` (from :func:`tree_levels`) is not needed any more and is ignored.

    >>> subtree_totals(np.array([-1, 0, 1]), np.array([0, 1, 2]), np.ones(3)).tolist()
    [3.0, 2.0, 1.0]
    """
    return tree_subtree_totals(parent, values)


def _tidy_x(parent: np.ndarray, keep: np.ndarray, order_key: np.ndarray) -> np.ndarray:
    """x of each kept row: leaves side by side, each manager centred over its reports."""
    n = len(parent)
    children: dict[int, list[int]] = {}
    roots: list[int] = []
    for r in np.flatnonzero(keep)[np.argsort(order_key[keep], kind="stable")]:
        p = int(parent[r])
        if p >= 0 and keep[p]:
            children.setdefault(p, []).append(int(r))
        else:
            roots.append(int(r))
    x = np.full(n, np.nan)
    cursor = 0.0
    for root in roots:
        stack: list[tuple[int, bool]] = [(root, False)]
        while stack:
            node, done = stack.pop()
            kids = children.get(node)
            if not kids:
                x[node] = cursor
                cursor += 1.0
            elif done:
                x[node] = (x[kids[0]] + x[kids[-1]]) / 2
            else:
                stack.append((node, True))
                stack.extend((k, False) for k in reversed(kids))
        cursor += 0.5  # gap between separate trees
    return x


# ----------------------------------------------------------------------------- view
@dataclass(frozen=True)
class ChartView:
    """What a chart draws: boxes with positions, and lines.

    ``nodes`` columns: id, label, tooltip, unit, color, x, y, people, hidden_posts,
    hidden_people. ``edges`` columns: from, to, kind. ``mode`` is ``"full"``,
    ``"layers"`` or ``"units"``; ``total_posts`` the posts in the org.
    """

    nodes: pd.DataFrame
    edges: pd.DataFrame
    mode: str
    total_posts: int
    legend: pd.DataFrame


def _fmt(v: float) -> str:
    return f"{v:g}" if np.isfinite(v) else "?"


def _unit_names(org: Org, lang: str) -> dict[str, str]:
    u = org.units
    names = {}
    for rec in u[["id", "name", "name_en"]].to_dict("records"):
        nm = rec["name_en"] if lang == "en" and rec["name_en"] else rec["name"]
        names[rec["id"]] = nm or rec["id"]
    return names


def _unit_colors(units: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for u in units:
        if u not in out:
            out[u] = PALETTE[len(out) % len(PALETTE)]
    return out


def chart_view(
    org: Org,
    *,
    lang: str = "zh",
    node_cap: int = NODE_CAP,
    collapse: str = "auto",
    links: bool = True,
) -> ChartView:
    """Boxes and lines of an org chart, collapsed to at most ``node_cap`` boxes.

    Parameters
    ----------
    org : Org
    lang : {"zh", "en"}
        Language of labels and tooltips.
    node_cap : int
        Most boxes; above it the org is collapsed.
    collapse : {"auto", "layers", "units", "none"}
        ``layers`` keeps the top layers that fit; ``units`` draws one box per
        unit; ``auto`` uses layers, or units when layers keep too little.
    links : bool
        Draw non-reporting links (dotted, assists, ...) between kept posts.

    Returns
    -------
    ChartView

    Examples
    --------
    >>> rows = [{"id": "0", "headcount": 1}] + [
    ...     {"id": str(i), "reports_to": "0", "headcount": 1} for i in range(1, 30)]
    >>> v = chart_view(Org.from_records(rows), node_cap=10)
    >>> v.mode, len(v.nodes), int(v.nodes["hidden_posts"].sum())
    ('layers', 1, 29)
    """
    check_lang(lang)
    n = len(org.positions)
    parent, depth = tree_levels(org)
    hc = org.headcounts()
    if collapse == "units" or (collapse == "auto" and n > node_cap and _layers_too_few(depth, node_cap)
                               and org.positions["unit"].ne("").any()):
        return _unit_view(org, lang, parent, hc, node_cap)
    keep = np.ones(n, dtype=bool)
    mode = "full"
    if collapse != "none" and n > node_cap:
        counts = np.bincount(depth)
        cum = np.cumsum(counts)
        ok = np.flatnonzero(cum <= node_cap)
        max_d = int(ok[-1]) if ok.size else 0
        keep = depth <= max_d
        if keep.sum() > node_cap:  # even the top layer is too wide
            keep &= np.cumsum(keep) <= node_cap
        mode = "layers"
    posts_below = subtree_totals(parent, depth, np.ones(n)) - 1
    people_below = subtree_totals(parent, depth, hc) - hc
    kept_posts_below = subtree_totals(parent, depth, keep.astype(float)) - keep
    rows = np.flatnonzero(keep)
    x = _tidy_x(parent, keep, np.arange(n))
    pos = org.positions
    title = pos["title"].to_numpy(dtype=object)
    title_en = pos["title_en"].to_numpy(dtype=object)
    ids = pos["id"].to_numpy(dtype=object)
    units = pos["unit"].to_numpy(dtype=object)
    unit_names = _unit_names(org, lang)
    colors = _unit_colors([str(u) for u in units[rows]])
    recs = []
    for r in rows:
        t = (title_en[r] or title[r]) if lang == "en" else (title[r] or title_en[r])
        t = str(t or ids[r])
        # a box hides its whole subtree when none of its reports is drawn
        hidden_posts = float(posts_below[r]) if kept_posts_below[r] == 0 else 0.0
        hidden_people = float(people_below[r]) if hidden_posts > 0 else 0.0
        label = f"{t}\n{tr('定员', 'HC', lang)} {_fmt(hc[r])}"
        if hidden_posts > 0:
            label += "\n" + tr(f"+{hidden_posts:g} 岗位 / {hidden_people:g} 人",
                               f"+{hidden_posts:g} posts / {hidden_people:g} people", lang)
        unit = str(units[r])
        tip = [t, f"{tr('编号', 'id', lang)}: {ids[r]}",
               f"{tr('部门', 'unit', lang)}: {unit_names.get(unit, unit) or '—'}",
               f"{tr('定员', 'headcount', lang)}: {_fmt(hc[r])}",
               f"{tr('下属人数', 'people below', lang)}: {_fmt(people_below[r])}"]
        recs.append({
            "id": str(ids[r]), "label": label, "tooltip": "\n".join(tip), "unit": unit,
            "color": colors.get(unit, PALETTE[0]), "x": float(x[r]), "y": float(depth[r]),
            "people": float(hc[r]), "hidden_posts": hidden_posts, "hidden_people": hidden_people,
        })
    nodes = pd.DataFrame(recs, columns=["id", "label", "tooltip", "unit", "color", "x", "y", "people",
                                        "hidden_posts", "hidden_people"])
    edge_rows = [(str(ids[parent[r]]), str(ids[r]), "reports") for r in rows
                 if parent[r] >= 0 and keep[parent[r]]]
    if links and len(org.links):
        kept_ids = set(nodes["id"])
        for rec in org.links[["from", "to", "kind"]].to_dict("records"):
            if rec["from"] in kept_ids and rec["to"] in kept_ids:
                edge_rows.append((rec["from"], rec["to"], rec["kind"] or "collaborates"))
    edges = pd.DataFrame(edge_rows, columns=["from", "to", "kind"])
    legend = pd.DataFrame(
        [{"unit": u, "name": unit_names.get(u, u) or tr("(未指定)", "(none)", lang), "color": c}
         for u, c in colors.items()], columns=["unit", "name", "color"])
    return ChartView(nodes, edges, mode, n, legend)


def _layers_too_few(depth: np.ndarray, cap: int) -> bool:
    cum = np.cumsum(np.bincount(depth))
    ok = np.flatnonzero(cum <= cap)
    # keeping fewer than 2 layers (or under 5% of the cap) says little
    return ok.size < 2 or cum[ok[-1]] < 0.05 * cap


def _unit_view(org: Org, lang: str, parent: np.ndarray, hc: np.ndarray, cap: int) -> ChartView:
    pos = org.positions
    units = pos["unit"].to_numpy(dtype=object)
    people = pd.Series(hc).groupby(units).sum()
    posts = pd.Series(np.ones(len(units))).groupby(units).sum()
    names = _unit_names(org, lang)
    uparent = dict(zip(org.units["id"], org.units["parent"], strict=True))
    # units without a parent in the unit table hang under the unit of their top post's manager
    for u in people.index:
        if u not in uparent or not uparent[u]:
            rows = np.flatnonzero(units == u)
            mgr_units = {units[parent[r]] for r in rows if parent[r] >= 0 and units[parent[r]] != u}
            uparent[u] = sorted(mgr_units)[0] if mgr_units else ""
    ids = [str(u) for u in people.index][:cap]
    keep_set = set(ids)
    p_arr = np.array([ids.index(uparent.get(u, "")) if uparent.get(u, "") in keep_set else -1
                      for u in ids], dtype=np.int64)
    fake = Org.from_records([{"id": u, "reports_to": ids[p] if p >= 0 else ""}
                             for u, p in zip(ids, p_arr, strict=True)])
    fparent, fdepth = tree_levels(fake)
    x = _tidy_x(fparent, np.ones(len(ids), dtype=bool), np.arange(len(ids)))
    colors = _unit_colors(ids)
    recs = []
    for i, u in enumerate(ids):
        nm = names.get(u, u) or tr("(未指定部门)", "(no unit)", lang)
        label = f"{nm}\n" + tr(f"{posts[u]:g} 岗位 / {people[u]:g} 人",
                               f"{posts[u]:g} posts / {people[u]:g} people", lang)
        tip = f"{nm}\n{tr('岗位', 'posts', lang)}: {posts[u]:g}\n{tr('人数', 'people', lang)}: {people[u]:g}"
        recs.append({"id": u or "(none)", "label": label, "tooltip": tip, "unit": u,
                     "color": colors[u], "x": float(x[i]), "y": float(fdepth[i]),
                     "people": float(people[u]), "hidden_posts": float(posts[u]),
                     "hidden_people": float(people[u])})
    nodes = pd.DataFrame(recs)
    edges = pd.DataFrame([(ids[p] or "(none)", ids[i] or "(none)", "reports")
                          for i, p in enumerate(fparent) if p >= 0], columns=["from", "to", "kind"])
    legend = pd.DataFrame([{"unit": u, "name": names.get(u, u), "color": c} for u, c in colors.items()])
    return ChartView(nodes, edges, "units", len(pos), legend)


# ----------------------------------------------------------------------------- interactive
def interactive_html(
    org: Org,
    *,
    lang: str = "zh",
    node_cap: int = NODE_CAP,
    collapse: str = "auto",
    height: str = "620px",
    view: ChartView | None = None,
) -> str:
    """A self-contained HTML page with the interactive org chart (pyvis / vis-network).

    Positions are precomputed (physics off), vis-network's JS and CSS are inlined
    and no ``http(s)`` script or stylesheet is referenced, so the page works offline.
    Labels and tooltips are plain text (vis-network draws labels on a canvas and
    sets tooltips with ``innerText``); the node data is JSON-escaped.

    Parameters
    ----------
    org : Org
    lang : {"zh", "en"}
    node_cap : int
        Most boxes before collapsing (see :func:`chart_view`).
    collapse : {"auto", "layers", "units", "none"}
    height : str
        CSS height of the chart.
    view : ChartView, optional
        A precomputed view (skips :func:`chart_view`).

    Examples
    --------
    >>> org = Org.from_records([{"id": "a", "title": "<b>q7", "headcount": 1}])
    >>> page = interactive_html(org)
    >>> "<b>q7" in page, "\\\\u003cb\\\\u003eq7" in page
    (False, True)
    """
    view = view if view is not None else chart_view(org, lang=lang, node_cap=node_cap,
                                                    collapse=collapse)
    longest = max((max((len(x) for x in str(lab).split("\n")), default=0)
                   for lab in view.nodes["label"]), default=8)
    xs, ys = float(min(360, max(170, 15 * longest + 40))), 120.0
    nodes = []
    for rec in view.nodes.to_dict("records"):
        hidden = rec["hidden_posts"] > 0
        nodes.append(vis_node(rec["id"], rec["label"], rec["tooltip"], rec["color"], rec["x"] * xs,
                              rec["y"] * ys, emphasis=hidden))
    edges = [vis_edge(rec["from"], rec["to"], rec["kind"], lang=lang) for rec in view.edges.to_dict("records")]
    return vis_page(nodes, edges, height=height)


def vis_node(node_id: str, label: str, tooltip: str, color: str, x: float, y: float, *,
             emphasis: bool = False, **extra: Any) -> dict[str, Any]:
    """One box of a vis-network chart at a fixed position (labels and tooltips are plain text).

    >>> vis_node("r1", "经理\\nHC 1", "经理", "#a0cbe8", 0.0, 120.0, chart=2)["chart"]
    2
    """
    return {
        "id": node_id, "label": label, "title": tooltip, "shape": "box", "x": x, "y": y,
        "physics": False, "color": {"background": color, "border": "#555555" if emphasis else "#9a9a9a"},
        "borderWidth": 2 if emphasis else 1,
        "font": {"face": "Noto Sans CJK SC, Microsoft YaHei, PingFang SC, sans-serif", "size": 14},
        **extra,
    }


def vis_edge(src: str, dst: str, kind: str = "reports", *, lang: str = "zh") -> dict[str, Any]:
    """One line of a vis-network chart, styled by :data:`LINK_STYLES`; a non-reporting
    link says what it is when hovered (in ``lang``).

    >>> vis_edge("a", "b", "directs", lang="en")["title"]
    'functional authority'
    """
    style = LINK_STYLES.get(kind, LINK_STYLES["collaborates"])
    e = {"from": src, "to": dst, "arrows": "to", "color": style["color"], "dashes": style["dashes"],
         "width": style["width"]}
    if kind != "reports":
        e["title"] = tr(*LINK_LABELS.get(kind, (kind, kind)), lang)
        e["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.25}
    return e


def vis_page(nodes: list[dict[str, Any]], edges: list[dict[str, Any]], *, height: str = "620px",
             body_top: str = "", script: str = "", horizontal: bool = False) -> str:
    """A self-contained pyvis page of ``nodes`` and ``edges`` (physics off, scripts inlined).

    ``body_top`` (HTML) goes first in the body, ``script`` (JavaScript) runs after the
    network is drawn; both are the caller's, already escaped. ``horizontal``: a tree
    drawn left to right (lines leave a box sideways).

    >>> page = vis_page([vis_node("a", "<a>", "", "#fff", 0, 0)], [], script="window.x = 1;")
    >>> "<a>" in page, "window.x = 1;" in page, "https://" in page.split("<body>")[0].split("vis-network")[0]
    (False, True, False)
    """
    from pyvis.network import Network

    net = Network(height=height, width="100%", directed=True, cdn_resources="in_line",
                  bgcolor="#ffffff")
    # fill pyvis's tables directly: add_node/from_nx are slow on big charts
    net.nodes = nodes
    net.edges = edges
    net.node_ids = [n["id"] for n in nodes]
    net.node_map = {n["id"]: n for n in nodes}
    net.options = {
        "physics": {"enabled": False},
        "layout": {"hierarchical": {"enabled": False}, "improvedLayout": False},
        "edges": {"smooth": {"type": "cubicBezier", "forceDirection": "horizontal", "roundness": 0.5}
                  if horizontal else False},
        "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False,
                        "hideEdgesOnDrag": len(nodes) > 500},
        "nodes": {"shape": "box", "margin": 8},
    }
    template = net.templateEnv.get_template(net.path)
    page = template.render(
        height=net.height, width=net.width, nodes=nodes, edges=edges, heading="",
        options=json.dumps(net.options), physics_enabled=False, use_DOT=False, dot_lang="",
        widget=False, bgcolor=net.bgcolor, conf=False,
        tooltip_link=False,  # pyvis switches to innerHTML tooltips when a title mentions "href"
        neighborhood_highlight=False, select_menu=False, filter_menu=False, notebook=False,
        cdn_resources="in_line",
    )
    page = strip_remote_resources(page)
    page = page.replace("<center>\n<h1></h1>\n</center>", "").replace(
        "<center>\n          <h1></h1>\n        </center>", "")
    # drawn flag for tests and for the report's print fallback
    page = page.replace("network = new vis.Network(container, data, options);",
                        "network = new vis.Network(container, data, options);\n"
                        "network.once('afterDrawing', function(){document.body.dataset.drawn='1';});")
    if body_top:
        page = page.replace("<body>", "<body>\n" + body_top, 1)
    if script:
        k = page.rindex("</body>")
        page = page[:k] + f"<script>\n{script}\n</script>\n" + page[k:]
    return page


def script_json(value: Any) -> str:
    """``value`` as JSON safe inside a ``<script>`` (``<``, ``>``, ``&`` and line separators escaped).

    >>> print(script_json({"a": "</script><b>"}))
    {"a": "\\u003c/script\\u003e\\u003cb\\u003e"}
    """
    text = json.dumps(value, ensure_ascii=False)
    for ch, rep in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                    ("\u2029", "\\u2029")):
        text = text.replace(ch, rep)
    return text


def strip_remote_resources(page: str) -> str:
    """Remove ``<script src=http…>`` / ``<link href=http…>`` tags (CDN references).

    >>> strip_remote_resources('<link href="https://cdn/x.css" rel="stylesheet"/><p>x</p>')
    '<p>x</p>'
    """
    return _URL_ATTR.sub("", page)


def remote_references(page: str) -> list[str]:
    """``src``/``href`` attributes pointing at the internet (should be empty).

    >>> remote_references('<img src="https://x/y.png">')
    ['https://x/y.png']
    """
    return re.findall(r"""(?:src|href)\s*=\s*["']?((?:https?:)?//[^"'\s>]+)""", page, re.IGNORECASE)


def embed_html(page: str, *, height: str = "640px", title: str = "org chart") -> str:
    """Embed a full HTML page in a report as an ``<iframe srcdoc>`` (escaped).

    >>> embed_html("<p>a&b</p>").count("&lt;p&gt;a&amp;b")
    1
    """
    return (f'<iframe class="orgchart-frame" title="{html.escape(title)}" '
            f'style="width:100%;height:{html.escape(height)};border:1px solid #ddd" '
            f'sandbox="allow-scripts" srcdoc="{html.escape(page, quote=True)}"></iframe>')


_FRAME = re.compile(r'<iframe\b[^>]*\bclass="orgchart-frame"[^>]*>\s*</iframe>', re.IGNORECASE)


def strip_embedded(page: str) -> str:
    """``page`` without the interactive charts :func:`embed_html` put in it (for print,
    where they are hidden anyway: the printer need not load their scripts).

    >>> strip_embedded("<p>a</p>" + embed_html("<p>chart</p>") + "<p>b</p>")
    '<p>a</p><p>b</p>'
    """
    return _FRAME.sub("", page)


def legend_html(view: ChartView | pd.DataFrame) -> str:
    """Unit colour legend as escaped HTML (of a view, or of a frame with ``name`` and ``color``)."""
    legend = view if isinstance(view, pd.DataFrame) else view.legend
    items = "".join(
        f'<span class="legend-item"><span class="swatch" style="background:{html.escape(c)}"></span>'
        f"{html.escape(str(n))}</span>"
        for n, c in zip(legend["name"], legend["color"], strict=True))
    return f'<div class="orgchart-legend">{items}</div>'


# ----------------------------------------------------------------------------- static
def _dot_quote(text: str) -> str:
    text = str(text).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + text.replace("\r", "").replace("\n", "\\n") + '"'


def dot_source(view: ChartView) -> str:
    """Graphviz DOT text for a chart view (labels quoted; user text never markup).

    >>> v = chart_view(Org.from_records([{"id": "a", "title": 'x"y', "headcount": 1}]))
    >>> 'x\\\\"y' in dot_source(v)
    True
    """
    lines = [
        "digraph org {",
        '  graph [rankdir=TB, nodesep=0.25, ranksep=0.45, splines=ortho, bgcolor="white"];',
        '  node [shape=box, style="rounded,filled", fontname="Noto Sans CJK SC", fontsize=10, '
        'margin="0.08,0.04", color="#888888"];',
        '  edge [arrowsize=0.5, color="#888888"];',
    ]
    for rec in view.nodes.to_dict("records"):
        lines.append(f"  {_dot_quote(rec['id'])} [label={_dot_quote(rec['label'])}, "
                     f"fillcolor={_dot_quote(rec['color'])}, tooltip={_dot_quote(rec['tooltip'])}];")
    for rec in view.edges.to_dict("records"):
        if rec["kind"] == "reports":
            lines.append(f"  {_dot_quote(rec['from'])} -> {_dot_quote(rec['to'])};")
        else:
            st = LINK_STYLES.get(rec["kind"], LINK_STYLES["collaborates"])
            lines.append(f"  {_dot_quote(rec['from'])} -> {_dot_quote(rec['to'])} "
                         f'[style=dashed, constraint=false, color="{st["color"]}"];')
    lines.append("}")
    return "\n".join(lines)


def static_svg(org: Org, *, lang: str = "zh", node_cap: int = STATIC_CAP,
               view: ChartView | None = None) -> str | None:
    """The org chart as an SVG string drawn by graphviz ``dot`` (None without ``dot``).

    Examples
    --------
    >>> svg = static_svg(Org.from_records([{"id": "a", "title": "<经理>", "headcount": 1}]))
    >>> svg is None or ("&lt;经理&gt;" in svg and "<经理>" not in svg)
    True
    """
    exe = shutil.which("dot")
    if exe is None:
        return None
    view = view if view is not None else chart_view(org, lang=lang, node_cap=node_cap, links=True)
    proc = subprocess.run([exe, "-Tsvg"], input=dot_source(view).encode("utf-8"),
                          capture_output=True, timeout=120, check=False)
    if proc.returncode != 0:
        return None
    svg = proc.stdout.decode("utf-8")
    start = svg.find("<svg")
    svg = svg[start:]
    # drop dot's <title> elements from nodes (they repeat the id) - keep the tooltips
    return re.sub(r"<!--.*?-->", "", svg, flags=re.DOTALL)


def static_png(org: Org, *, lang: str = "zh", node_cap: int = STATIC_CAP,
               view: ChartView | None = None):
    """The org chart drawn by matplotlib (a :class:`~matplotlib.figure.Figure`).

    Examples
    --------
    >>> fig = static_png(Org.from_records([{"id": "a", "title": "经理", "headcount": 1}]))
    >>> len(fig.axes)
    1
    """
    from matplotlib.figure import Figure

    from ._plotting import setup_fonts

    setup_fonts()
    view = view if view is not None else chart_view(org, lang=lang, node_cap=node_cap)
    nd = view.nodes
    width = max(4.0, min(40.0, 1.3 * (nd["x"].max() - nd["x"].min() + 1) if len(nd) else 4))
    height = max(2.5, 1.1 * (nd["y"].max() + 1) if len(nd) else 2.5)
    fig = Figure(figsize=(width, height), dpi=100, layout="constrained")
    ax = fig.add_subplot()
    ax.set_axis_off()
    pos = {r["id"]: (r["x"], -r["y"]) for r in nd.to_dict("records")}
    for rec in view.edges.to_dict("records"):
        (x0, y0), (x1, y1) = pos[rec["from"]], pos[rec["to"]]
        if rec["kind"] == "reports":
            ym = (y0 + y1) / 2
            ax.plot([x0, x0, x1, x1], [y0, ym, ym, y1], color="#888888", lw=0.8, zorder=1)
        else:
            st = LINK_STYLES.get(rec["kind"], LINK_STYLES["collaborates"])
            ax.plot([x0, x1], [y0, y1], color=st["color"], lw=0.8, ls="--", zorder=1)
    for rec in nd.to_dict("records"):
        x, y = pos[rec["id"]]
        ax.text(x, y, rec["label"], ha="center", va="center", fontsize=7, zorder=2,
                bbox={"boxstyle": "round,pad=0.3", "fc": rec["color"], "ec": "#777777"})
    if len(nd):
        ax.set_xlim(nd["x"].min() - 0.6, nd["x"].max() + 0.6)
        ax.set_ylim(-nd["y"].max() - 0.5, 0.5)
    return fig


def static_html(org: Org, *, lang: str = "zh", node_cap: int = STATIC_CAP,
                view: ChartView | None = None) -> str:
    """Static chart as HTML: inline SVG from ``dot``, else an embedded PNG.

    >>> static_html(Org.from_records([{"id": "a", "headcount": 1}])).startswith("<div")
    True
    """
    view = view if view is not None else chart_view(org, lang=lang, node_cap=node_cap)
    svg = static_svg(org, lang=lang, node_cap=node_cap, view=view)
    if svg is not None:
        return f'<div class="orgchart-static">{svg}</div>'
    from ._plotting import figure_html

    return ('<div class="orgchart-static">'
            + figure_html(static_png(org, lang=lang, node_cap=node_cap, view=view),
                          alt=tr("组织结构图", "org chart", lang)) + "</div>")
