"""Figures for reports and notebooks, with fonts that draw Chinese.

Every figure goes through this module so that one place sets the fonts:
:func:`setup_fonts` puts a CJK font (Noto Sans CJK from Debian's
``fonts-noto-cjk``) first in ``font.family`` with DejaVu Sans as the Latin
fallback, and rebuilds matplotlib's font cache when the CJK font was installed
after the cache was written.

The chart functions take plain data (arrays, mappings, DataFrames) so that they
do not depend on how a metric was computed; each returns a
:class:`matplotlib.figure.Figure`. :func:`figure_html` turns a figure into an
``<img>`` tag holding a base64 PNG, which needs nothing from the network.

Examples
--------
>>> from orglib.viz._plotting import span_histogram, figure_html
>>> fig = span_histogram([2, 3, 5, 8, 8, 12], target=(4, 8), lang="zh")
>>> figure_html(fig, alt="管理幅度").startswith("<img")
True
"""

from __future__ import annotations

import base64
import html
import io
import warnings
from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib
import matplotlib.font_manager as fm
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .._core import check_lang, tr

MIN_PT = 7.0
"""Smallest legible text on paper (points): charts, chart pages and their labels."""

CJK_FONTS: tuple[str, ...] = (
    "Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans CJK TC", "Source Han Sans SC",
    "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Microsoft YaHei", "SimHei", "PingFang SC",
)
"""CJK fonts tried in order (the first one matplotlib knows is used)."""

LATIN_FALLBACK = "DejaVu Sans"

PALETTE: tuple[str, ...] = (
    "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1",
    "#ff9da7", "#9c755f", "#bab0ac", "#86bcb6", "#d37295", "#a0cbe8", "#ffbe7d",
)
"""Colours for units, comparisons and bands (Tableau 10 plus a few)."""

_FONT_STATE: dict[str, Any] = {}


def _known_cjk() -> list[str]:
    names = {f.name for f in fm.fontManager.ttflist}
    return [n for n in CJK_FONTS if n in names]


def setup_fonts(rebuild: bool = True) -> list[str]:
    """Make matplotlib draw Chinese: CJK font first, DejaVu Sans as fallback.

    Parameters
    ----------
    rebuild : bool
        When no CJK font is in matplotlib's font list, rebuild the list from the
        system fonts (the cache may predate ``apt-get install fonts-noto-cjk``).

    Returns
    -------
    list of str
        The ``font.family`` list now set; its first item is the CJK font, or
        just ``["DejaVu Sans"]`` when no CJK font is installed.

    Examples
    --------
    >>> fams = setup_fonts()
    >>> fams[-1]
    'DejaVu Sans'
    """
    if "families" in _FONT_STATE:
        fams = _FONT_STATE["families"]
    else:
        found = _known_cjk()
        if not found and rebuild:
            # the cache was built before the CJK font was installed: rescan
            fm.fontManager = fm._load_fontmanager(try_read_cache=False)
            found = _known_cjk()
        fams = [found[0], LATIN_FALLBACK] if found else [LATIN_FALLBACK]
        if not found:
            warnings.warn(
                "no CJK font found: Chinese text will show as boxes; install fonts-noto-cjk "
                "/ 未找到中文字体,请安装 fonts-noto-cjk",
                RuntimeWarning, stacklevel=2,
            )
        _FONT_STATE["families"] = fams
    matplotlib.rcParams["font.family"] = list(fams)
    matplotlib.rcParams["font.sans-serif"] = list(fams) + [
        f for f in matplotlib.rcParams["font.sans-serif"] if f not in fams
    ]
    matplotlib.rcParams["axes.unicode_minus"] = False
    matplotlib.rcParams["svg.fonttype"] = "path"
    return list(fams)


def has_cjk_font() -> bool:
    """True when a CJK font is available to matplotlib.

    >>> isinstance(has_cjk_font(), bool)
    True
    """
    return len(setup_fonts()) > 1


def _fig(width: float = 7.0, height: float = 3.6) -> tuple[Figure, Any]:
    setup_fonts()
    fig = Figure(figsize=(width, height), dpi=100, layout="constrained")
    ax = fig.add_subplot()
    ax.spines[["top", "right"]].set_visible(False)
    return fig, ax


def figure_html(fig: Figure, alt: str = "", dpi: int = 130, css_class: str = "figure") -> str:
    """A figure as an ``<img>`` tag with an embedded base64 PNG (works offline).

    Parameters
    ----------
    fig : Figure
        The figure to draw.
    alt : str
        Alternative text; escaped.
    dpi : int
        Resolution of the PNG.
    css_class : str
        Class of the ``<img>``.

    Examples
    --------
    >>> figure_html(span_histogram([1, 2, 3]), alt="<x>").count("&lt;x&gt;")
    1
    """
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return (f'<img class="{html.escape(css_class)}" alt="{html.escape(alt)}" '
            f'src="data:image/png;base64,{data}"/>')


def fit_width(fig: Figure, width_mm: float, *, min_pt: float = MIN_PT) -> Figure:
    """Size ``fig`` for the width it is printed at, so that its smallest text is at least
    ``min_pt`` on paper.

    A figure drawn ``w`` inches wide and placed ``width_mm`` wide prints its text scaled by
    ``width_mm / 25.4 / w``; a figure whose smallest text would print below ``min_pt`` is
    made narrower (same aspect; the text keeps its size in points, so it takes more of the
    figure). A figure already legible is left as it is.

    Parameters
    ----------
    fig : Figure
        The figure (changed in place and returned).
    width_mm : float
        Width the figure is placed at on the page, in millimetres.
    min_pt : float
        Smallest text size on paper, in points.

    Examples
    --------
    >>> fig = fit_width(span_histogram([2, 4, 6, 12], lang="en"), 84)
    >>> printed_min_pt(fig, 84) >= MIN_PT - 1e-9
    True
    """
    smallest = _smallest_text_pt(fig)
    w, h = fig.get_size_inches()
    widest = width_mm / 25.4 * smallest / min_pt  # widest figure whose smallest text prints at min_pt
    if smallest and w > widest:
        fig.set_size_inches(widest, float(h * widest / w))
    return fig


def printed_min_pt(fig: Figure, width_mm: float) -> float:
    """Size on paper (points) of the smallest text of ``fig`` placed ``width_mm`` wide.

    >>> fig = span_histogram([2, 4, 6, 12], lang="en")      # 7 in wide, 10 pt ticks
    >>> round(printed_min_pt(fig, 84), 1)                   # 84 mm = 3.3 in: 10 × 3.3 / 7
    4.7
    """
    return float(_smallest_text_pt(fig) * width_mm / 25.4 / fig.get_size_inches()[0])


def _smallest_text_pt(fig: Figure) -> float:
    """The smallest font size (points) of the visible, non-empty texts of ``fig``."""
    from matplotlib.text import Text

    fig.draw_without_rendering()  # ticks and legends hold their texts once drawn
    sizes = [t.get_fontsize() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
    return float(min(sizes)) if sizes else 0.0


def span_histogram(
    spans: Sequence[float] | np.ndarray | pd.Series,
    *,
    target: tuple[float, float] | None = None,
    lang: str = "zh",
    title: str | None = None,
) -> Figure:
    """Histogram of managers' spans of control, with the target band shaded.

    Parameters
    ----------
    spans : array-like of float
        One span per manager (people per incumbent).
    target : (low, high), optional
        The recommended span band; shaded green, bars outside it in orange.
    lang : {"zh", "en"}
        Language of the labels.
    title : str, optional
        Figure title (default: a bilingual standard title).

    Examples
    --------
    >>> fig = span_histogram([2, 4, 6, 12], target=(4, 8), lang="en")
    >>> fig.axes[0].get_xlabel()
    'Span of control (people per manager)'
    """
    check_lang(lang)
    fig, ax = _fig()
    s = np.asarray(pd.Series(spans, dtype=float).dropna(), dtype=float)
    if s.size:
        hi = max(2.0, float(np.ceil(s.max())) + 1)
        edges = np.arange(0, hi + 1, max(1.0, np.ceil(hi / 30)))
        counts, edges = np.histogram(s, bins=edges)
        colors = [
            PALETTE[2] if target is None or target[0] <= c <= target[1] + 1e-9 else PALETTE[1]
            for c in edges[:-1]
        ]
        ax.bar(edges[:-1], counts, width=np.diff(edges), align="edge", color=colors,
               edgecolor="white")
        ax.set_xlim(0, edges[-1])
    else:
        ax.text(0.5, 0.5, tr("没有管理者", "no managers", lang), ha="center", va="center",
                transform=ax.transAxes)
    if target is not None:
        ax.axvspan(target[0], target[1], color=PALETTE[2], alpha=0.12, zorder=0,
                   label=tr(f"目标幅度 {target[0]:g}–{target[1]:g}",
                            f"target span {target[0]:g}–{target[1]:g}", lang))
        ax.legend(frameon=False, loc="best")  # clear of the bars
    ax.set_xlabel(tr("管理幅度(每位管理者的下属人数)", "Span of control (people per manager)", lang))
    ax.set_ylabel(tr("管理者人数", "Managers", lang))
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_title(title if title is not None else tr("管理幅度分布", "Distribution of spans", lang))
    return fig


def layer_pyramid(
    people_per_layer: Mapping[Any, float] | pd.Series | Sequence[float],
    *,
    lang: str = "zh",
    title: str | None = None,
) -> Figure:
    """Layer pyramid: people in each management layer, top layer at the top.

    Parameters
    ----------
    people_per_layer : mapping layer → people, or a sequence (layer 1 first)
        Headcount in each layer.
    lang : {"zh", "en"}
    title : str, optional

    Examples
    --------
    >>> fig = layer_pyramid({1: 1, 2: 6, 3: 4}, lang="en")
    >>> len(fig.axes[0].patches)
    3
    """
    check_lang(lang)
    if isinstance(people_per_layer, Mapping | pd.Series):
        items = sorted(dict(people_per_layer).items(), key=lambda kv: float(kv[0]))
        layers = [k for k, _ in items]
        people = np.array([float(v) for _, v in items])
    else:
        people = np.asarray(list(people_per_layer), dtype=float)
        layers = list(range(1, len(people) + 1))
    fig, ax = _fig(7.0, max(2.2, 0.55 * len(people) + 1.2))
    y = np.arange(len(people))[::-1]
    ax.barh(y, people, left=-people / 2, color=[PALETTE[i % len(PALETTE)] for i in range(len(people))],
            edgecolor="white", height=0.8)
    top = float(people.max()) if people.size else 1.0
    for yi, p in zip(y, people, strict=True):
        ax.text(p / 2 + top * 0.02, yi, f"{p:g}", va="center", fontsize=9)
    ax.set_yticks(y, [tr(f"第{lay}层", f"Layer {lay}", lang) for lay in layers])
    ax.set_xlim(-top * 0.6, top * 0.75)
    ax.set_xticks([])
    ax.spines[["left", "bottom"]].set_visible(False)
    ax.set_xlabel(tr("人数", "People", lang))
    ax.set_title(title if title is not None else tr("管理层级金字塔", "Layer pyramid", lang))
    return fig


def comparison_bars(
    table: pd.DataFrame,
    *,
    lang: str = "zh",
    title: str | None = None,
) -> Figure:
    """Grouped bars comparing designs on a few metrics.

    Parameters
    ----------
    table : DataFrame
        One row per metric (index = metric label), one column per design.
        Each metric is drawn in its own small panel so scales do not clash.
    lang : {"zh", "en"}
    title : str, optional

    Examples
    --------
    >>> t = pd.DataFrame({"现状": [11, 3], "方案": [11, 2]}, index=["人数", "层级"])
    >>> len(comparison_bars(t).axes)
    2
    """
    check_lang(lang)
    setup_fonts()
    metrics = list(table.index)
    n = max(1, len(metrics))
    cols = min(n, 4)
    rows = int(np.ceil(n / cols))
    fig = Figure(figsize=(min(10, 2.6 * cols), 2.5 * rows + 0.5), dpi=100, layout="constrained")
    designs = [str(c) for c in table.columns]
    colors = [PALETTE[i % len(PALETTE)] for i in range(len(designs))]
    for i, m in enumerate(metrics):
        ax = fig.add_subplot(rows, cols, i + 1)
        vals = pd.to_numeric(table.loc[m], errors="coerce").to_numpy(dtype=float)
        ax.bar(range(len(vals)), np.nan_to_num(vals), color=colors)
        for j, v in enumerate(vals):
            ax.text(j, 0 if np.isnan(v) else v, "—" if np.isnan(v) else f"{v:.3g}",
                    ha="center", va="bottom", fontsize=8)
        ax.set_xticks(range(len(vals)), designs, fontsize=8, rotation=15)
        ax.set_title(str(m), fontsize=10)
        ax.spines[["top", "right"]].set_visible(False)
    fig.suptitle(title if title is not None else tr("方案对比", "Designs compared", lang))
    return fig


def fan_chart(
    series: pd.DataFrame,
    *,
    x: str = "month",
    lang: str = "zh",
    ylabel: str | None = None,
    title: str | None = None,
) -> Figure:
    """Fan chart of a simulated quantity: median line and p10–p90 band.

    Parameters
    ----------
    series : DataFrame
        Columns ``x`` (default ``month``), ``p50`` and optionally ``p10``/``p90``
        (also ``p25``/``p75``). Several series can be stacked with a ``metric``
        or ``design`` column: each gets its own colour.
    x : str
        Name of the time column.
    lang : {"zh", "en"}
    ylabel, title : str, optional

    Examples
    --------
    >>> df = pd.DataFrame({"month": [0, 1, 2], "p10": [10, 10, 11],
    ...                    "p50": [10, 11, 12], "p90": [10, 12, 14]})
    >>> fan_chart(df, lang="en").axes[0].get_xlabel()
    'Month'
    """
    check_lang(lang)
    fig, ax = _fig()
    df = series.reset_index() if x not in series.columns else series
    group_col = next((c for c in ("design", "metric", "scenario") if c in df.columns), None)
    groups = [(None, df)] if group_col is None else list(df.groupby(group_col, sort=False))
    for i, (name, g) in enumerate(groups):
        c = PALETTE[i % len(PALETTE)]
        g = g.sort_values(x)
        xs = g[x].to_numpy(dtype=float)
        if {"p10", "p90"} <= set(g.columns):
            ax.fill_between(xs, g["p10"].to_numpy(float), g["p90"].to_numpy(float), color=c,
                            alpha=0.18, lw=0, label=tr("P10–P90", "P10–P90", lang) if i == 0 else None)
        if {"p25", "p75"} <= set(g.columns):
            ax.fill_between(xs, g["p25"].to_numpy(float), g["p75"].to_numpy(float), color=c,
                            alpha=0.25, lw=0)
        label = tr("中位数", "median", lang) if name is None else str(name)
        ax.plot(xs, g["p50"].to_numpy(float), color=c, lw=2, label=label)
    ax.set_xlabel(tr("月份", "Month", lang))
    ax.set_ylabel(ylabel if ylabel is not None else tr("人数", "Headcount", lang))
    ax.set_title(title if title is not None else tr("增长模拟(扇形图)", "Growth simulation (fan chart)", lang))
    ax.legend(frameon=False)
    return fig


def span_heatmap(
    table: pd.DataFrame,
    *,
    target: tuple[float, float] | None = None,
    lang: str = "zh",
    title: str | None = None,
) -> Figure:
    """Heatmap of the mean span by unit (rows) and layer (columns), with the value in each cell.

    Parameters
    ----------
    table : DataFrame
        Index = unit names (top to bottom), columns = layer numbers, values = mean span
        (people per manager); NaN where the unit has no manager in that layer (left blank).
    target : (low, high), optional
        The recommended span band: cells inside it are pale, below it blue, above it red.
    lang : {"zh", "en"}
    title : str, optional

    Examples
    --------
    >>> t = pd.DataFrame({1: [6.0, np.nan], 2: [3.0, 12.0]}, index=["品牌部", "渠道部"])
    >>> fig = span_heatmap(t, target=(6, 7), lang="en")
    >>> fig.axes[0].get_xlabel(), [x.get_text() for x in fig.axes[0].get_yticklabels()]
    ('Layer', ['品牌部', '渠道部'])
    """
    from matplotlib.colors import FuncNorm, LinearSegmentedColormap

    check_lang(lang)
    vals = table.to_numpy(dtype=float)
    rows, cols = vals.shape
    longest = max((len(str(u)) * (2 if any(ord(c) > 0x2E80 for c in str(u)) else 1) for u in table.index),
                  default=8)
    fig, ax = _fig(min(9.5, 2.4 + 0.075 * longest + 0.75 * max(cols, 3)), max(2.4, 0.34 * rows + 1.5))
    finite = vals[np.isfinite(vals)]
    top = float(finite.max()) if finite.size else 1.0
    if target is not None:
        # below the band: blues, in it: pale, above it: reds (piecewise, in span units)
        lo, hi = float(target[0]), float(target[1])
        vmax = max(top, 2 * hi, hi + 1)
        xs, ys = [0.0, lo, hi, vmax], [0.0, 0.4, 0.6, 1.0]
        norm = FuncNorm((lambda v: np.interp(v, xs, ys), lambda u: np.interp(u, ys, xs)), vmin=0.0, vmax=vmax)
        cmap = LinearSegmentedColormap.from_list(
            "span", [(0.0, "#2c7bb6"), (0.398, "#cfe6f2"), (0.4, "#f2f2ea"), (0.6, "#f2f2ea"),
                     (0.602, "#fdd9b5"), (1.0, "#d7191c")])
    else:
        cmap, norm = matplotlib.colormaps["Blues"], None
    masked = np.ma.masked_invalid(vals)
    im = ax.imshow(masked, cmap=cmap, norm=norm, aspect="auto")
    ax.set_facecolor("white")
    for i in range(rows):
        for j in range(cols):
            v = vals[i, j]
            if np.isfinite(v):
                rgba = im.cmap(im.norm(v))
                dark = 0.299 * rgba[0] + 0.587 * rgba[1] + 0.114 * rgba[2] < 0.5
                ax.text(j, i, f"{v:.1f}".rstrip("0").rstrip("."), ha="center", va="center", fontsize=9,
                        color="white" if dark else "#222222")
    ax.set_xticks(range(cols), [tr(f"第{c}层", f"{c}", lang) for c in table.columns])
    ax.set_yticks(range(rows), [str(u) for u in table.index], fontsize=9)
    ax.tick_params(length=0)
    ax.spines[["left", "bottom"]].set_visible(False)
    ax.set_xlabel(tr("层级", "Layer", lang))
    bar = fig.colorbar(im, ax=ax, shrink=0.8 if rows > 4 else 1.0, pad=0.02)
    bar.set_label(tr("平均管理幅度(人/管理者)", "Mean span (people per manager)", lang))
    if target is not None:
        bar.ax.axhspan(target[0], target[1], color="none", ec="#333333", lw=1.0)
    ax.set_title(title if title is not None else tr(
        "各部门各层级的平均管理幅度" + (f"(目标 {target[0]:g}–{target[1]:g})" if target else ""),
        "Mean span by unit and layer" + (f" (target {target[0]:g}–{target[1]:g})" if target else ""), lang))
    return fig
