"""Browser tests: the explorer and a lesson used as a person would, in JupyterLab and Voilà.

Playwright drives Debian's Chromium (/usr/bin/chromium; never a downloaded browser).
JupyterLab and the Voilà app (``orglib app``) run on loopback with a token, on free
ports, and are stopped in the fixtures' teardown. Notebooks are copied to a temporary
folder first (JupyterLab's autosave writes outputs back). JupyterLab's windowing mode is
set to ``none`` through a user-settings folder so every cell is rendered. Screenshots go
to ``test-artifacts/`` (git-ignored).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from orglib.explorer._app import free_port
from orglib.io._load import load
from orglib.teaching._exercises import answer

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
LONG = 180_000  # ms: kernels and widget bundles are slow on a shared 2-core machine
HR_CSV = ("工号,姓名,职位,上级工号\n"
          "1,张伟,市场部经理,\n2,王芳,推广主管,1\n3,李娜,推广专员,2\n4,刘洋,推广专员,2\n"
          "5,陈静,销售主管,1\n6,杨磊,销售代表,5\n7,赵敏,销售代表,5\n")
BAD_CSV = "工号,姓名,上级工号\n1,张伟,\n2,王芳,99\n2,李娜,1\n"


def shot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def wait_http(url: str, proc: subprocess.Popen, timeout: float = 180.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode} before answering {url}")
        try:
            urllib.request.urlopen(url, timeout=3)  # noqa: S310 - loopback
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"no answer from {url} within {timeout:.0f} s")


def stop_group(proc: subprocess.Popen) -> None:
    """Stop a server started in its own process group (and its kernels)."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait(10)


# ------------------------------------------------------------------ fixtures
@pytest.fixture(scope="module")
def chromium(browser):
    """Debian's headless Chromium, shared with the report tests (tests/conftest.py)."""
    return browser


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("lab")
    shutil.copy(ROOT / "notebooks" / "explorer.ipynb", d / "explorer.ipynb")
    shutil.copy(ROOT / "notebooks" / "teaching" / "04_span_of_control.ipynb", d / "lesson4.ipynb")
    (d / "员工名单.csv").write_bytes(HR_CSV.encode("gb18030"))
    (d / "bad.csv").write_text(BAD_CSV, encoding="utf-8")
    return d


@pytest.fixture(scope="module")
def lab(chromium, workdir, tmp_path_factory):
    """JupyterLab on 127.0.0.1 with a token; yields its base URL and token."""
    settings = tmp_path_factory.mktemp("lab-settings")
    tracker = settings / "@jupyterlab" / "notebook-extension"
    tracker.mkdir(parents=True)
    (tracker / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
    notif = settings / "@jupyterlab" / "apputils-extension"
    notif.mkdir(parents=True)
    (notif / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    workspaces = tmp_path_factory.mktemp("lab-workspaces")
    port, token = free_port(), secrets.token_hex(16)
    log = open(workdir.parent / "jupyterlab.log", "wb")  # noqa: SIM115 - closed in teardown
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--allow-root",
         "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
         f"--ServerApp.token={token}", f"--ServerApp.root_dir={workdir}",
         f"--LabApp.user_settings_dir={settings}", f"--LabApp.workspaces_dir={workspaces}",
         "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
        cwd=workdir, stdout=log, stderr=log, start_new_session=True,
        env=dict(os.environ, MPLBACKEND="Agg"))
    try:
        wait_http(f"http://127.0.0.1:{port}/api/status?token={token}", proc)
        yield f"http://127.0.0.1:{port}", token
    finally:
        stop_group(proc)
        log.close()


@pytest.fixture(scope="module")
def voila_app(chromium, tmp_path_factory):
    """``orglib app`` (the real command) on a free loopback port; yields (url, export_dir, output)."""
    export = tmp_path_factory.mktemp("app-export")
    port = free_port()
    out = tmp_path_factory.mktemp("app-log") / "app.log"
    fh = open(out, "wb")  # noqa: SIM115 - closed in teardown
    proc = subprocess.Popen(
        [sys.executable, "-m", "orglib.cli", "app", "--no-browser", "--port", str(port),
         "--export-dir", str(export), "--lang", "zh"],
        cwd=ROOT, stdout=fh, stderr=subprocess.STDOUT, start_new_session=True,
        env=dict(os.environ, MPLBACKEND="Agg", PYTHONUNBUFFERED="1"))
    try:
        deadline = time.monotonic() + 60
        url = ""
        while time.monotonic() < deadline and not url:
            m = re.search(r"orglib app: (http://\S+)", out.read_text(encoding="utf-8", errors="replace"))
            url = m.group(1) if m else ""
            if not url:
                if proc.poll() is not None:
                    raise RuntimeError(out.read_text(errors="replace"))
                time.sleep(0.2)
        assert url, "orglib app printed no URL"
        wait_http(url.split("?")[0] + "voila/static/", proc)
        yield url, export, out
    finally:
        stop_group(proc)
        fh.close()


# ipywidgets' FileUpload clicks an <input type=file> it never attaches to the page; Chromium
# then opens no interceptable file chooser for Playwright. Attach such an input (hidden)
# just before its click, so the chooser is the same one a person gets.
ATTACH_FILE_INPUTS = """
(() => {
  const click = HTMLInputElement.prototype.click;
  HTMLInputElement.prototype.click = function () {
    if (this.type === 'file' && !this.isConnected) {
      this.style.display = 'none';
      document.body.appendChild(this);
    }
    return click.call(this);
  };
})();
"""


def open_notebook(chromium, base: str, token: str, name: str):
    ctx = chromium.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    ctx.add_init_script(ATTACH_FILE_INPUTS)
    page = ctx.new_page()
    page.set_default_timeout(LONG)
    page.goto(f"{base}/lab/tree/{name}?token={token}&reset")
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell")
    # the kernel must be connected and idle, or "Run All" has nothing to run on
    page.wait_for_function("() => /\\|\\s*Idle/.test(document.querySelector('.jp-StatusBar-Widget, "
                           "#jp-main-statusbar')?.innerText || '')")
    for attempt in range(3):
        # Run ▸ Run All Cells (the menu, as a person would)
        page.click(".lm-MenuBar-item:has-text('Run')")
        page.click("li.lm-Menu-item[data-command='runmenu:run-all']")
        try:  # a cell has started or finished: an execution count shows
            page.wait_for_function(
                "() => [...document.querySelectorAll('.jp-InputArea-prompt')]"
                ".some(e => /\\[(\\*|\\d+)\\]/.test(e.innerText))", timeout=60_000)
            break
        except Exception:
            if attempt == 2:
                raise
    return ctx, page


def wait_text_change(page, selector: str, before: str) -> str:
    page.wait_for_function(
        "([sel, old]) => { const e = document.querySelector(sel); return e && e.innerText !== old; }",
        arg=[selector, before])
    return page.inner_text(selector)


def move_slider(page, selector: str, presses: int, key: str = "ArrowLeft") -> None:
    handle = page.locator(f"{selector} .noUi-handle")
    handle.focus()
    for _ in range(presses):
        handle.press(key)


def click_until(page, selector: str, condition: str, tries: int = 4) -> None:
    """Click an idempotent button until ``condition`` (JS expression) holds.

    A click that lands while the output re-renders can be lost; clicking again is safe
    for buttons whose effect is the same each time (Export, Check).
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for attempt in range(tries):
        page.click(selector)
        try:
            page.wait_for_function(f"() => Boolean({condition})", timeout=30_000)
            return
        except PlaywrightTimeout:
            if attempt == tries - 1:
                raise


def choose_file(page, path: Path) -> None:
    """Click the upload button and answer the file chooser (retried: the first click after
    a re-render is sometimes swallowed)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for attempt in range(4):
        try:
            with page.expect_file_chooser(timeout=20_000) as fc:
                page.click("button.orglib-upload")
            fc.value.set_files(str(path))
            return
        except PlaywrightTimeout:
            if attempt == 3:
                raise


def wait_chart_drawn(page) -> None:
    """Wait for vis-network's first drawing inside the org-chart iframe (no sleeping).

    A frame locator re-finds the iframe if the chart was redrawn (language, new design).
    """
    from playwright.sync_api import Error as PlaywrightError

    for attempt in range(5):
        try:  # off-screen sandboxed frames are throttled: bring the chart into view first
            page.locator(".orglib-orgchart iframe").scroll_into_view_if_needed(timeout=30_000)
            page.frame_locator(".orglib-orgchart iframe").locator("body[data-drawn='1']").wait_for(
                state="attached", timeout=60_000)
            return
        except PlaywrightError:  # the chart was redrawn meanwhile: find the new one
            if attempt == 4:
                raise


# ------------------------------------------------------------------ JupyterLab
def test_lab_explorer_end_to_end(chromium, lab, workdir):
    base, token = lab
    ctx, page = open_notebook(chromium, base, token, "explorer.ipynb")
    try:
        page.wait_for_selector(".orglib-explorer .orglib-summary table")
        wait_chart_drawn(page)
        shot(page, "lab-explorer-loaded")

        # move the span slider: the comparison table (layout built with the target) changes
        before = page.inner_text(".orglib-comparison")
        move_slider(page, ".orglib-span-slider", 6)  # 8 → 2: teams need more layers
        after = wait_text_change(page, ".orglib-comparison", before)
        assert "超出目标幅度" in after
        assert page.inner_text(".orglib-span-slider .widget-readout").strip() == "2"
        shot(page, "lab-explorer-slider")

        # an impossible combination explains itself
        page.select_option(".orglib-archetype select", label="促进者 (11–15)")
        page.wait_for_selector(".orglib-messages .orglib-note-warn")
        assert "促进者" in page.inner_text(".orglib-messages")

        # switch language
        page.click(".orglib-lang button:has-text('English')")
        page.wait_for_function(
            "() => document.querySelector('.orglib-summary').innerText.includes('people')")
        assert "Span target" in page.inner_text(".orglib-explorer")
        wait_chart_drawn(page)
        shot(page, "lab-explorer-english")

        # a file that fails validation: problems listed, previous design kept
        design_before = page.inner_text(".orglib-design")
        choose_file(page, workdir / "bad.csv")
        page.wait_for_selector(".orglib-problems .orglib-error li")
        problems = page.inner_text(".orglib-problems")
        assert "bad.csv" in problems and "99" in problems and "previous design" in problems
        assert page.inner_text(".orglib-design") == design_before
        shot(page, "lab-explorer-bad-upload")

        # upload an HR file with Chinese names (GB18030)
        choose_file(page, workdir / "员工名单.csv")
        page.wait_for_function(
            "() => document.querySelector('.orglib-posts').innerText.includes('张伟')")
        assert "7 posts" in page.inner_text(".orglib-design")
        wait_chart_drawn(page)
        shot(page, "lab-explorer-upload")

        # what-if edit: 刘洋 (4) now reports to 陈静 (5); then export to XLSX
        page.fill(".orglib-edit-post input", "4")
        page.fill(".orglib-edit-manager input", "5")
        page.click("button.orglib-move")
        page.wait_for_function(
            "() => document.querySelector('.orglib-edit-status').innerText.includes('moved')")
        wait_chart_drawn(page)  # the edit redraws the chart: let the page settle before clicking
        click_until(page, "button.orglib-export", "document.querySelector('.orglib-export-path')")
        exported = Path(page.inner_text(".orglib-export-path"))
        if not exported.is_absolute():
            exported = workdir / exported
        assert exported.suffix == ".xlsx" and exported.is_file()
        org = load(exported)
        rt = dict(zip(org.positions["id"], org.positions["reports_to"], strict=True))
        assert rt["4"] == "5" and "张伟" in set(org.positions["姓名"])
        shot(page, "lab-explorer-export")
    finally:
        shot(page, "lab-explorer-last")
        ctx.close()


def test_lab_teaching_exercise(chromium, lab):
    base, token = lab
    ctx, page = open_notebook(chromium, base, token, "lesson4.ipynb")
    try:
        box = page.locator(".orglib-exercise").first
        box.wait_for()
        box.scroll_into_view_if_needed()
        box.locator(".orglib-exercise-input input").fill("36")
        box.locator("button.orglib-exercise-check").click()
        box.locator(".orglib-exercise-feedback .orglib-wrong").wait_for()
        assert "不对" in box.locator(".orglib-exercise-feedback").inner_text()
        box.locator(".orglib-exercise-input input").fill(answer(4, "q1", "zh"))
        box.locator("button.orglib-exercise-check").click()
        box.locator(".orglib-exercise-feedback .orglib-correct").wait_for()
        assert "正确" in box.locator(".orglib-exercise-feedback").inner_text()
        shot(page, "lab-lesson4-exercise")
    finally:
        ctx.close()


# ------------------------------------------------------------------ Voilà app
def test_voila_app_requires_token_and_hides_code(chromium, voila_app):
    url, _export, log = voila_app
    assert url.startswith("http://127.0.0.1:") and "?token=" in url
    ctx = chromium.new_context()
    try:
        page = ctx.new_page()
        page.set_default_timeout(LONG)
        page.goto(url.split("?")[0])
        assert "/login" in page.url  # no token, no app
        assert "orglib-explorer" not in page.content()
    finally:
        ctx.close()


def test_voila_app_explorer(chromium, voila_app):
    url, export, _log = voila_app
    ctx = chromium.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = ctx.new_page()
        page.set_default_timeout(LONG)
        page.goto(url)
        page.wait_for_selector(".orglib-explorer .orglib-summary table")
        assert "from orglib.explorer import explorer" not in page.inner_text("body")  # no code cells
        wait_chart_drawn(page)
        shot(page, "voila-explorer-loaded")

        before = page.inner_text(".orglib-comparison")
        page.select_option(".orglib-layout select", label="分权式(按区域)")
        before = wait_text_change(page, ".orglib-comparison", before)
        move_slider(page, ".orglib-regions-slider", 2, "ArrowRight")
        wait_text_change(page, ".orglib-comparison", before)
        before = page.inner_text(".orglib-comparison")
        move_slider(page, ".orglib-span-slider", 4)
        wait_text_change(page, ".orglib-comparison", before)

        page.click(".orglib-lang button:has-text('English')")
        page.wait_for_function(
            "() => document.querySelector('.orglib-comparison').innerText.includes('current design')")
        assert "by region" in page.inner_text(".orglib-comparison")  # the choice survives the switch
        assert page.inner_text(".orglib-regions-slider .widget-readout").strip() == "5"
        shot(page, "voila-explorer-english")

        click_until(page, "button.orglib-export", "document.querySelector('.orglib-export-path')")
        exported = Path(page.inner_text(".orglib-export-path"))
        assert exported.parent == export.resolve() and exported.is_file()
    finally:
        ctx.close()


# ------------------------------------------------------------------ Voilà app hardening (issue 12 item 9)
APP_TOKEN = "orglib-test-" + secrets.token_hex(16)


def descendants_of(pid: int) -> list[int]:
    """Every process below ``pid`` (from /proc)."""
    children: dict[int, list[int]] = {}
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            ppid = int((d / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(d.name))
    out, todo = [], [pid]
    while todo:
        for c in children.get(todo.pop(), []):
            out.append(c)
            todo.append(c)
    return out


def cmdline(pid: int) -> str:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def kernels_of(pid: int) -> list[int]:
    return [p for p in descendants_of(pid) if "ipykernel" in cmdline(p)]


def wait_until(cond, timeout: float = 120.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if cond():
            return
        time.sleep(0.5)
    raise AssertionError(f"not within {timeout:.0f} s: {what}")


@pytest.fixture(scope="module")
def hardened_app(chromium, tmp_path_factory):
    """``orglib app`` with the user's own token (by environment) and a short idle timeout.

    Yields (url, proc, export_dir, log).
    """
    export = tmp_path_factory.mktemp("app2-export")
    port = free_port()
    out = tmp_path_factory.mktemp("app2-log") / "app.log"
    fh = open(out, "wb")  # noqa: SIM115 - closed in teardown
    proc = subprocess.Popen(
        [sys.executable, "-m", "orglib.cli", "app", "--no-browser", "--port", str(port),
         "--export-dir", str(export), "--lang", "en", "--idle-timeout", "20"],
        cwd=ROOT, stdout=fh, stderr=subprocess.STDOUT, start_new_session=True,
        env=dict(os.environ, MPLBACKEND="Agg", PYTHONUNBUFFERED="1", ORGLIB_APP_TOKEN=APP_TOKEN))
    try:
        url = f"http://127.0.0.1:{port}/?token={APP_TOKEN}"
        wait_http(f"http://127.0.0.1:{port}/voila/static/", proc)
        yield url, proc, export, out
    finally:
        stop_group(proc)
        fh.close()


def last_kernel_id(log: Path) -> str:
    ids = re.findall(r"Kernel started: ([0-9a-f-]{36})", log.read_text(errors="replace"))
    assert ids, "no kernel started"
    return ids[-1]


def open_app(chromium, url: str):
    ctx = chromium.new_context(viewport={"width": 1400, "height": 1000})
    ctx.add_init_script(ATTACH_FILE_INPUTS)
    page = ctx.new_page()
    page.set_default_timeout(LONG)
    page.goto(url)
    page.wait_for_selector(".orglib-explorer .orglib-summary table")
    return ctx, page


def test_app_token_is_on_no_command_line(chromium, hardened_app):
    url, proc, _export, _log = hardened_app
    ctx, page = open_app(chromium, url)  # the token works (and a kernel is running)
    try:
        procs = [proc.pid, *descendants_of(proc.pid)]
        assert any("voila" in cmdline(p) for p in procs) and kernels_of(proc.pid)
        leaks = [cmdline(p) for p in procs if APP_TOKEN in cmdline(p)]
        assert leaks == []
    finally:
        page.close(run_before_unload=True)
        ctx.close()


def test_app_shuts_the_kernel_when_the_page_closes(chromium, hardened_app):
    url, proc, _export, log = hardened_app
    wait_until(lambda: not kernels_of(proc.pid), what="no kernel left from earlier tests")
    ctx, page = open_app(chromium, url)
    try:
        assert len(kernels_of(proc.pid)) == 1
        kid = last_kernel_id(log)
        page.close(run_before_unload=True)  # Voilà's page asks for the shutdown on beforeunload
        wait_until(lambda: not kernels_of(proc.pid), what="kernel shut down after the page closed")
        text = log.read_text(errors="replace")
        assert f"Kernel shutdown: {kid}" in text
        assert not re.search(rf"Culling .*{kid}", text), "shut by the page, not by the idle culler"
        assert not re.search(rf"403 POST /voila/api/shutdown/{kid}", text)
    finally:
        ctx.close()


def test_app_culls_the_kernel_of_a_lost_page(chromium, hardened_app):
    url, proc, _export, log = hardened_app
    wait_until(lambda: not kernels_of(proc.pid), what="no kernel left from earlier tests")
    ctx, page = open_app(chromium, url)
    try:
        assert len(kernels_of(proc.pid)) == 1
        kid = last_kernel_id(log)
        # the page goes away without saying goodbye (crashed tab, lost network): no shutdown request
        page.evaluate("() => { navigator.sendBeacon = () => true; }")  # its shutdown beacon is lost
        page.close(run_before_unload=True)
        wait_until(lambda: not kernels_of(proc.pid), what="idle kernel culled")
        assert re.search(rf"Culling .*{kid}", log.read_text(errors="replace"))
    finally:
        ctx.close()


def test_app_upload_above_the_limit_says_the_limit(chromium, hardened_app, tmp_path):
    url, _proc, _export, _log = hardened_app
    big = tmp_path / "big_hr.csv"
    big.write_bytes(HR_CSV.encode() + b"#" * 12_000_000)  # 12 MB: above tornado's 10 MiB default too
    ctx, page = open_app(chromium, url)
    try:
        assert "up to 10 MB" in page.inner_text(".orglib-upload-limit")
        design_before = page.inner_text(".orglib-design")
        choose_file(page, big)
        page.wait_for_selector(".orglib-problems .orglib-error li")
        problems = page.inner_text(".orglib-problems")
        assert "big_hr.csv" in problems and "10 MB" in problems and "file_too_large" in problems
        assert page.inner_text(".orglib-design") == design_before
        shot(page, "voila-upload-too-large")
    finally:
        page.close(run_before_unload=True)
        ctx.close()


def test_app_export_of_a_design_with_a_control_character(chromium, hardened_app, tmp_path):
    url, _proc, export, _log = hardened_app
    f = tmp_path / "ctl.csv"
    f.write_text("工号,姓名,职位,上级工号\n1,张伟,市场部\x07经理,\n2,王芳,推广\x1b[31m主管,1\n3,李娜,推广专员,2\n",
                 encoding="utf-8")
    ctx, page = open_app(chromium, url)
    try:
        choose_file(page, f)
        page.wait_for_function("() => document.querySelector('.orglib-posts').innerText.includes('张伟')")
        click_until(page, "button.orglib-export", "document.querySelector('.orglib-export-path')")
        exported = Path(page.inner_text(".orglib-export-path"))
        assert exported.parent == export.resolve() and exported.suffix == ".xlsx"
        assert "2 control character" in page.inner_text(".orglib-export-cleaned")
        org = load(exported)
        titles = dict(zip(org.positions["id"], org.positions["title"], strict=True))
        assert titles["1"] == "市场部经理" and titles["2"] == "推广[31m主管"
        shot(page, "voila-export-control-characters")
    finally:
        page.close(run_before_unload=True)
        ctx.close()
