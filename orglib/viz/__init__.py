"""Figures and org charts (matplotlib, pyvis) and their HTML embedding.
"""

from __future__ import annotations

from ._chartpages import (  # noqa: F401
    CHART_REF,
    ChartPage,
    chart_pages,
    drilldown_html,
    pages_legend,
    resolve_chart_refs,
    team_label,
)
from ._orgchart import (  # noqa: F401
    LINK_STYLES,
    NODE_CAP,
    STATIC_CAP,
    ChartView,
    chart_view,
    dot_source,
    embed_html,
    interactive_html,
    legend_html,
    remote_references,
    static_html,
    static_png,
    static_svg,
    strip_embedded,
    strip_remote_resources,
    subtree_totals,
    tree_levels,
)
from ._plotting import (  # noqa: F401
    CJK_FONTS,
    LATIN_FALLBACK,
    MIN_PT,
    PALETTE,
    comparison_bars,
    fan_chart,
    figure_html,
    fit_width,
    has_cjk_font,
    layer_pyramid,
    printed_min_pt,
    setup_fonts,
    span_heatmap,
    span_histogram,
)

__all__ = ['CHART_REF', 'MIN_PT', 'ChartPage', 'chart_pages', 'drilldown_html', 'pages_legend', 'resolve_chart_refs', 'team_label', 'NODE_CAP', 'STATIC_CAP', 'LINK_STYLES', 'tree_levels', 'subtree_totals', 'ChartView', 'chart_view', 'interactive_html', 'strip_embedded', 'strip_remote_resources', 'remote_references', 'embed_html', 'legend_html', 'dot_source', 'static_svg', 'static_png', 'static_html', 'CJK_FONTS', 'LATIN_FALLBACK', 'PALETTE', 'setup_fonts', 'has_cjk_font', 'figure_html', 'fit_width', 'printed_min_pt', 'span_heatmap', 'span_histogram', 'layer_pyramid', 'comparison_bars', 'fan_chart']
