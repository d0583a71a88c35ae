"""Shared fixtures: small orgs and a headless Chromium page (network off).

The browser fixtures use Debian's chromium at /usr/bin/chromium through Playwright
(never a downloaded browser) and skip with a clear message where it is missing.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from orglib._core.model import Org

CHROMIUM = os.environ.get("ORGLIB_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
XSS = "<img src=x onerror=alert(1)>"


def chromium_missing() -> str | None:
    if not (os.path.isfile(CHROMIUM) or shutil.which(CHROMIUM)):
        return f"{CHROMIUM} not found: apt-get install chromium (or run `make test` as root)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "playwright (python) not installed: pip install -e .[dev]"
    return None


@pytest.fixture(scope="session")
def browser():
    """A headless Chromium (Debian's), shared by the session."""
    reason = chromium_missing()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def offline_page(browser):
    """A fresh page with the network off; ``page.dialogs`` collects any alert()."""
    ctx = browser.new_context(offline=True, viewport={"width": 1200, "height": 900})
    page = ctx.new_page()
    page.dialogs = []
    page.requests = []

    def on_dialog(d):
        page.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", on_dialog)
    page.on("request", lambda r: page.requests.append(r.url))
    yield page
    ctx.close()


def draw_frames(page, timeout: int = 30_000) -> int:
    """Scroll each org-chart iframe into view and wait until vis-network has drawn it."""
    frames = page.query_selector_all("iframe")
    for el in frames:
        el.scroll_into_view_if_needed()
        frame = el.content_frame()
        frame.wait_for_function("document.body && document.body.dataset.drawn === '1'", timeout=timeout)
    return len(frames)


@pytest.fixture
def small_org() -> Org:
    """多彩-like department with a hostile name, links of each style and two units."""
    rows = [{"id": "mgr", "title": "市场部经理", "title_en": "Marketing manager", "headcount": 1, "unit": "mkt"}]
    for i in range(4):
        rows.append({"id": f"r{i}", "title": f"大区推广经理{i}", "title_en": f"Regional manager {i}",
                     "reports_to": "mgr", "headcount": 1, "unit": "region"})
    rows.append({"id": "x", "title": XSS, "title_en": XSS, "reports_to": "mgr", "headcount": 2,
                 "unit": "region"})
    rows.append({"id": "shop", "title": "专卖店设计与管理", "reports_to": "r0", "headcount": 3, "unit": "shop"})
    links = [{"from": "r0", "to": "r1", "kind": "directs"}, {"from": "r2", "to": "shop", "kind": "dotted"},
             {"from": "r3", "to": "shop", "kind": "assists"}]
    units = [{"id": "mkt", "name": "市场部", "name_en": "Marketing"},
             {"id": "region", "name": "大区", "name_en": "Regions", "parent": "mkt"},
             {"id": "shop", "name": "专卖店", "name_en": "Stores", "parent": "mkt"}]
    return Org.from_records(rows, units, links, meta={"id": "small", "name": "小型市场部 " + XSS,
                                                     "name_en": "Small dept " + XSS})


@pytest.fixture
def tmp_out(tmp_path) -> Path:
    d = tmp_path / "out"
    d.mkdir()
    return d
