"""Figures draw Chinese with a CJK font: any missing-glyph warning fails."""

from __future__ import annotations

import io
import warnings

import matplotlib
import numpy as np
import pandas as pd
import pytest

from orglib.viz import _plotting as plotting


def _render(fig) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(io.BytesIO(), format="png")
    return [str(w.message) for w in caught if "missing from" in str(w.message) or "Glyph" in str(w.message)]


def test_cjk_font_first_with_latin_fallback():
    fams = plotting.setup_fonts()
    if len(fams) == 1:
        pytest.skip("no CJK font installed: apt-get install fonts-noto-cjk")
    assert "CJK" in fams[0] or fams[0] in plotting.CJK_FONTS
    assert fams[-1] == "DejaVu Sans"
    assert matplotlib.rcParams["font.family"][0] == fams[0]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_missing_glyphs(lang):
    if not plotting.has_cjk_font():
        pytest.skip("no CJK font installed: apt-get install fonts-noto-cjk")
    figs = [
        plotting.span_histogram([1, 3, 5, 8, 12], target=(6, 7), lang=lang, title="管理幅度 Span ≥ 6–7"),
        plotting.layer_pyramid({1: 1, 2: 6, 3: 40}, lang=lang),
        plotting.comparison_bars(pd.DataFrame({"现状": [11, 2], "方案": [11, 3]}, index=["人数", "层级"]),
                                 lang=lang),
        plotting.fan_chart(pd.DataFrame({"month": np.arange(5), "p10": np.arange(5), "p50": np.arange(5) + 1,
                                         "p90": np.arange(5) + 2}), lang=lang, title="增长模拟 growth −1"),
    ]
    for fig in figs:
        assert _render(fig) == []


def test_stale_font_cache_is_rebuilt(monkeypatch):
    """A font list built before fonts-noto-cjk was installed is rescanned."""
    if not plotting.has_cjk_font():
        pytest.skip("no CJK font installed")
    fm = plotting.fm
    real = fm.fontManager
    stale = fm.FontManager.__new__(fm.FontManager)
    stale.__dict__.update(real.__dict__)
    stale.ttflist = [f for f in real.ttflist if "CJK" not in f.name]
    calls = []

    def reload(try_read_cache=True):
        calls.append(try_read_cache)
        return real

    monkeypatch.setattr(fm, "fontManager", stale)
    monkeypatch.setattr(fm, "_load_fontmanager", reload)
    monkeypatch.setattr(plotting, "_FONT_STATE", {})
    fams = plotting.setup_fonts()
    assert calls == [False]
    assert "CJK" in fams[0]


def test_figure_html_is_inline_png_and_escapes_alt():
    tag = plotting.figure_html(plotting.span_histogram([2, 3]), alt='<script>"x"</script>')
    assert tag.startswith('<img class="figure" alt="&lt;script&gt;&quot;x&quot;&lt;/script&gt;"')
    assert 'src="data:image/png;base64,' in tag
    assert "http" not in tag


def test_empty_spans_and_bad_lang():
    assert plotting.span_histogram([], lang="en").axes[0].get_ylabel() == "Managers"
    from orglib._core.errors import OrgInputError

    with pytest.raises(OrgInputError):
        plotting.layer_pyramid([1, 2], lang="fr")


def test_span_heatmap_by_unit_and_layer_in_the_report_language():
    from orglib._core.model import Org
    from orglib.reporting import build
    from orglib.viz import span_heatmap

    rows = [{"id": "h", "title": "总监", "headcount": 1, "unit": "m"}]
    rows += [{"id": f"a{i}", "title": "经理", "reports_to": "h", "headcount": 1, "unit": "a"} for i in range(2)]
    rows += [{"id": f"a{i}_{j}", "title": "专员", "reports_to": f"a{i}", "headcount": 1, "unit": "a"}
             for i in range(2) for j in (range(4) if i == 0 else range(10))]
    rows += [{"id": "b0", "title": "经理", "reports_to": "h", "headcount": 2, "unit": "b"}]
    rows += [{"id": f"b_{j}", "title": "专员", "reports_to": "b0", "headcount": 1, "unit": "b"} for j in range(6)]
    units = [{"id": "m", "name": "市场部"}, {"id": "a", "name": "品牌部", "name_en": "Brand"},
             {"id": "b", "name": "渠道部", "name_en": "Channels"}]
    rep = build(Org.from_records(rows, units), lang="en", runs=10, months=3)
    grid = rep.span_grid(0)
    # Brand's two managers lead 4 and 10 (mean 7); Channels' post of 2 leads 6 people: 3 each
    assert grid.loc["Brand", 2] == 7 and grid.loc["Channels", 2] == 3 and grid.loc["市场部", 1] == 4  # 1 + 1 + 2 people
    assert list(grid.columns) == [1, 2]  # layer 3 has no managers: no empty column
    fig = span_heatmap(grid, target=(6, 7), lang="zh")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["第1层", "第2层"]
    assert sorted(t.get_text() for t in ax.texts) == ["3", "4", "7"]
    assert _render(fig) == []  # every Chinese label drawn (no missing glyph)
