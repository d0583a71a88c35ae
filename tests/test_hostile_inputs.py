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
from orglib.io._cells import xlsx_safe

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
    text = out if command == "validate" else err  # validate's report is its output
    assert "不是岗位编号或名称" in text or "上级" in text, text  # Chinese, like every other command


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
    code, out, _ = run_main(capsys, "validate", str(p), "--lang", "en")
    assert code == 2 and "empty" in out
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
    assert r.returncode == 2 and "missing.yaml" in r.stdout and "no such file" in r.stdout


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
    assert "\\x1b]0" in out and "PWNED\\x07" in out  # shown escaped, in the report on standard output


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


# ====================================================================== resource limits (bombs)

ALIAS_BOMB = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
positions: [{id: a, title: *h}]
"""
BOMB_AS = 1536 * 2**20  # a bomb must be refused well inside 1.5 GB of address space
BOMB_CPU = 60


def input_error(path, **kw) -> OrgInputError:
    with bounded(), pytest.raises(OrgInputError) as info:
        orglib.load(path, **kw)
    return info.value


def test_yaml_alias_bomb_refused_in_process(tmp_path):
    p = tmp_path / "bomb.yaml"
    p.write_text(ALIAS_BOMB)
    err = input_error(p)
    assert err.codes() == ["alias_bomb"] and "max_alias_nodes" in err.en


@pytest.mark.parametrize("command", ["validate", "convert", "spans"])
def test_yaml_alias_bomb_cli_bounded(tmp_path, command):
    p = tmp_path / "bomb.yaml"
    p.write_text(ALIAS_BOMB)
    args = [command, str(p)] + ([str(tmp_path / "o.csv")] if command == "convert" else []) + ["--lang", "en"]
    r = cli(*args, memory=BOMB_AS, cpu=BOMB_CPU)
    text = r.stdout if command == "validate" else r.stderr  # validate's report is its output
    assert r.returncode == 2 and "alias" in text and "limit" in text
    assert not (tmp_path / "o.csv").exists()


def test_yaml_few_anchors_still_load(tmp_path):
    p = tmp_path / "dry.yaml"
    p.write_text("defaults: &d {headcount: 2, unit: mkt}\nunits: [{id: mkt, name: 市场部}]\n"
                 "positions:\n  - {id: m, <<: *d}\n  - {id: e, reports_to: m, <<: *d}\n")
    with bounded():
        org = orglib.load(p, validate=False)
    assert org.positions["headcount"].tolist() == [2.0, 2.0]


def test_yaml_recursive_alias_refused(tmp_path):
    p = tmp_path / "loop.yaml"
    p.write_text("positions: &p [{id: a, children: *p}]\n")
    err = input_error(p)
    assert err.codes() == ["alias_bomb"] and "refers to itself" in err.en


@pytest.mark.parametrize("depth", [5_000, 100_000])
def test_deep_json_refused(tmp_path, depth):
    p = tmp_path / "deep.json"
    p.write_text('{"positions": [{"id": "a", "x": ' + "[" * depth + "]" * depth + "}]}")
    err = input_error(p)
    assert err.codes() == ["too_deep"] and "max_depth" in err.en


def test_deep_json_cli_bounded(tmp_path):
    p = tmp_path / "deep.json"
    p.write_text("[" * 100_000 + "]" * 100_000)
    r = cli("validate", str(p), "--lang", "en", memory=BOMB_AS, cpu=BOMB_CPU)
    assert r.returncode == 2 and "nested more than" in r.stdout  # validate reports on stdout


def test_deep_yaml_flow_refused(tmp_path):
    p = tmp_path / "deep.yaml"
    p.write_text("positions: [{id: a, x: " + "[" * 5_000 + "]" * 5_000 + "}]\n")
    err = input_error(p)
    assert err.codes() == ["too_deep"]


def test_deep_yaml_block_refused(tmp_path):
    lines = ["positions:", "  - id: a", "    x:"]
    lines += [" " * (6 + 2 * k) + "k:" for k in range(2_000)]
    p = tmp_path / "deepblock.yaml"
    p.write_text("\n".join(lines) + " 1\n")
    err = input_error(p)
    assert err.codes() == ["too_deep"]


def test_deep_meta_json_refused(tmp_path, good):
    (tmp_path / "good.meta.json").write_text("[" * 50_000 + "]" * 50_000)
    err = input_error(good)
    assert err.codes() == ["too_deep"] and "good.meta.json" in err.en


def test_file_over_max_bytes_refused_naming_limit(capsys, good):
    code, out, _ = run_main(capsys, "validate", str(good), "--max-bytes", "10", "--lang", "en")
    assert code == 2 and "over the limit of 10 bytes (max_bytes; --max-bytes)" in out


def test_max_bytes_python_keyword(good):
    err = input_error(good, max_bytes=10)
    assert err.codes() == ["too_large"]


def test_rows_over_max_rows_refused(capsys, tmp_path):
    p = tmp_path / "many.csv"
    p.write_text("id,reports_to\nr,\n" + "".join(f"p{k},r\n" for k in range(200)))
    code, _, err = run_main(capsys, "spans", str(p), "--max-rows", "100", "--lang", "en")
    assert code == 2 and "more than 100 rows, the limit (max_rows; --max-rows)" in one_line(err)
    assert orglib.load(p, max_rows=1000).headcount_total == 201


def test_xlsx_rows_over_max_rows_refused(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["id", "reports_to"])
    ws.append(["r", ""])
    for k in range(60):
        ws.append([f"p{k}", "r"])
    p = tmp_path / "many.xlsx"
    wb.save(p)
    assert input_error(p, max_rows=50).codes() == ["too_many_rows"]


def test_bad_limit_values_refused(good):
    with pytest.raises(OrgInputError):
        orglib.load(good, max_rows=0)
    with pytest.raises(SystemExit):
        main(["validate", str(good), "--max-bytes", "lots"])


def test_too_many_columns_refused(tmp_path):
    p = tmp_path / "wide.csv"
    p.write_text("id," + ",".join(f"c{k}" for k in range(6_000)) + "\na" + "," * 6_000 + "\n")
    assert input_error(p).codes() == ["too_many_columns"]


def _xlsx_with(tmp_path: Path, name: str, patch) -> Path:
    """A small workbook whose sheet XML is rewritten by ``patch(xml) -> xml``."""
    import zipfile

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "positions"
    ws.append(["id", "title", "reports_to", "headcount"])
    ws.append(["m", "经理", "", 1])
    for k in range(11):
        ws.append([f"e{k}", "专员", "m", 1])
    plain = tmp_path / f"plain-{name}"
    wb.save(plain)
    out = tmp_path / name
    with zipfile.ZipFile(plain) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = patch(data)
            zout.writestr(item, data)
    return out


def test_xlsx_stale_dimension_reads_every_row(tmp_path):
    import re

    p = _xlsx_with(tmp_path, "stale.xlsx", lambda x: re.sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1:D3"', x))
    with bounded():
        org = orglib.load(p)
    assert len(org.positions) == 12


def test_xlsx_claimed_huge_dimension_is_cheap(tmp_path):
    import re

    p = _xlsx_with(tmp_path, "huge.xlsx",
                   lambda x: re.sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1:XFD1048576"', x))
    with bounded(cpu=20):
        org = orglib.load(p)
    assert len(org.positions) == 12


def test_xlsx_one_cell_at_xfd1048576_bounded(tmp_path):
    def far(x: bytes) -> bytes:
        x = x.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is>'
                                       b'</c></row></sheetData>')
        import re
        return re.sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1:XFD1048576"', x)

    p = _xlsx_with(tmp_path, "far.xlsx", far)
    r = cli("validate", str(p), "--lang", "en", memory=BOMB_AS, cpu=BOMB_CPU)
    assert r.returncode in (0, 1, 2) and r.stderr.count("\n") <= 20


def test_xlsx_zip_bomb_refused(tmp_path):
    import zipfile

    p = _xlsx_with(tmp_path, "zb.xlsx", lambda x: x)
    with zipfile.ZipFile(p, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/media/padding.bin", b"\0" * (40 * 2**20))
    assert p.stat().st_size < 2**20
    err = input_error(p, max_bytes=2**20)
    assert err.codes() == ["too_large"] and "inflates to 40." in err.en


def test_xlsx_zip_bomb_cli_bounded(tmp_path):
    import zipfile

    p = _xlsx_with(tmp_path, "zb.xlsx", lambda x: x)
    with zipfile.ZipFile(p, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/media/padding.bin", b"\0" * (40 * 2**20))
    r = cli("validate", str(p), "--max-bytes", "1M", "--lang", "en", memory=BOMB_AS, cpu=BOMB_CPU)
    assert r.returncode == 2 and "inflates to" in r.stdout and "--max-bytes" in r.stdout


# ====================================================================== formula injection (headers, meta)

HYPER = '=HYPERLINK("http://x/?"&A2,"click")'


def _org_with_column(name: str, value: str = "v") -> Org:
    return Org.from_records([{"id": "m", "title": "经理", name: value},
                             {"id": "e", "title": "专员", "reports_to": "m", name: value}])


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_formula_header_escaped_and_round_trips(tmp_path, suffix):
    p = tmp_path / f"h{suffix}"
    with bounded():
        orglib.save(_org_with_column(HYPER), p)
        back = orglib.load(p)
    assert HYPER in back.positions.columns and "column17" not in back.positions.columns
    if suffix == ".xlsx":
        import openpyxl

        ws = openpyxl.load_workbook(p)["positions"]
        headers = [c.value for c in ws[1]]
        assert f"'{HYPER}" in headers and HYPER not in headers
        assert all(c.data_type != "f" for c in ws[1])
    else:
        first = p.read_text(encoding="utf-8-sig").splitlines()[0]
        assert "'=HYPERLINK" in first


def test_meta_key_formula_escaped_in_xlsx(tmp_path):
    import openpyxl

    org = _org_with_column("x").replace(meta={"name": "d", "=2+2": "four"})
    p = tmp_path / "m.xlsx"
    orglib.save(org, p)
    ws = openpyxl.load_workbook(p)["meta"]
    keys = [r[0].value for r in ws.iter_rows(min_row=2)]
    assert "'=2+2" in keys and all(r[0].data_type != "f" for r in ws.iter_rows(min_row=2))
    assert orglib.load(p).meta["=2+2"] == "four"


@pytest.mark.parametrize("lead", ["+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"])
def test_every_formula_lead_escaped_in_header_and_value(tmp_path, lead):
    text = f"{lead}cmd|' /C calc'!A0"
    p = tmp_path / "f.xlsx"
    orglib.save(_org_with_column(text, text), p)
    import openpyxl

    ws = openpyxl.load_workbook(p)["positions"]
    cells = [c.value for c in ws[1]] + [c.value for c in ws[2]]
    assert cells.count(xlsx_safe("'" + text)) == 2  # CR is stored as _x000D_, as Excel does
    back = orglib.load(p)
    assert text in back.positions.columns and back.positions[text].tolist() == [text, text]


def test_sidecar_header_escaped(tmp_path):
    org = Org.from_records([{"id": "m", "unit": "u"}], units=[{"id": "u", "name": "市场部", "=1+1": "x"}])
    p = tmp_path / "s.csv"
    orglib.save(org, p)
    assert "'=1+1" in (tmp_path / "s.units.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert "=1+1" in orglib.load(p).units.columns


def test_control_characters_survive_xlsx(tmp_path):
    title = "经理\x1b[31m\x07\x00end_x0041_"
    p = tmp_path / "c.xlsx"
    with bounded():
        orglib.save(hostile_org(title), p)
        back = orglib.load(p)
    assert back.positions.loc[0, "title"] == title and back.meta["name"] == title


def test_control_characters_via_cli_convert(capsys, tmp_path):
    src = tmp_path / "c.yaml"
    orglib.save(hostile_org("a\x01b"), src)
    code, _, err = run_main(capsys, "convert", str(src), str(tmp_path / "c.xlsx"), "--lang", "en")
    assert code == 0 and err == ""


# ====================================================================== XLSX read right


def test_xlsx_formula_without_cached_value_is_named(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["id", "reports_to", "headcount"])
    ws.append(["m", "", 1])
    ws.append(["e", "m", "=B2*2"])
    p = tmp_path / "f.xlsx"
    wb.save(p)
    with bounded():
        org = orglib.load(p, validate=False)
    w = [x for x in org.problems if x.code == "formula_not_computed"]
    assert len(w) == 1 and "C3" in w[0].message and w[0].severity == "warning"


def test_xlsx_merged_cells_filled_from_top_left(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["id", "reports_to", "unit"])
    ws.append(["m", "", "市场部"])
    ws.append(["a", "m", None])
    ws.append(["b", "m", None])
    ws.merge_cells("C2:C4")
    p = tmp_path / "merged.xlsx"
    wb.save(p)
    with bounded():
        org = orglib.load(p, validate=False)
    assert org.positions["unit"].tolist() == ["市场部"] * 3
    w = [x for x in org.problems if x.code == "merged_cells"]
    assert len(w) == 1 and "C2:C4" in w[0].message


def test_xlsx_duplicate_header_kept_with_warning(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["id", "reports_to", "note", "note"])
    ws.append(["m", "", "x", "y"])
    p = tmp_path / "dup.xlsx"
    wb.save(p)
    with bounded():
        org = orglib.load(p, validate=False)
    assert org.positions["note"].tolist() == ["x"] and org.positions["note.1"].tolist() == ["y"]
    assert any(x.code == "duplicate_column" for x in org.problems)


def test_xlsm_refused_as_target(tmp_path, good):
    with pytest.raises(OrgInputError) as info:
        orglib.convert(good, tmp_path / "o.xlsm")
    assert ".xlsx" in info.value.en and not (tmp_path / "o.xlsm").exists()


# ====================================================================== structure that used to crash


def test_meta_json_a_list(capsys, good):
    good.with_name("good.meta.json").write_text("[1, 2]")
    code, out, _ = run_main(capsys, "validate", str(good), "--lang", "en")
    assert code == 2 and "good.meta.json" in out and "JSON object" in out


def test_meta_json_a_string(good):
    good.with_name("good.meta.json").write_text('"hello"')
    assert input_error(good).codes() == ["wrong_format"]


@pytest.mark.parametrize("steps", ["5", "hello", "[1, 2]", "[[a]]"])
def test_workflow_steps_not_a_list_of_steps(tmp_path, steps):
    p = tmp_path / "w.yaml"
    p.write_text(f"positions: [{{id: a}}]\nworkflows: [{{id: W, steps: {steps}}}]\n")
    with bounded(), pytest.raises(OrgValidationError) as info:
        orglib.load(p)
    assert info.value.codes() == ["bad_structure"]


def test_symlink_loop_named(tmp_path):
    a = tmp_path / "a.csv"
    a.symlink_to(tmp_path / "b.csv")
    (tmp_path / "b.csv").symlink_to(a)
    assert input_error(a).codes() == ["symlink_loop"]


def test_fifo_is_not_a_folder(tmp_path):
    f = tmp_path / "pipe.csv"
    os.mkfifo(f)
    err = input_error(f)  # must not block reading the pipe
    assert err.codes() == ["not_a_file"] and "FIFO" in err.en and "is a folder" not in err.en


def test_gb18030_bad_line_named(tmp_path):
    lines = ["工号,岗位,上级工号", "1,经理,", "2,专员,1", "3,专员,1"]
    data = "\n".join(lines).encode("gb18030") + b"\n4,\xff\xfe\xfd,1\n"
    p = tmp_path / "g.csv"
    p.write_bytes(data)
    err = input_error(p)
    assert err.codes() == ["encoding"] and err.problems[0].row == 5 and "line 5" in err.en


@pytest.mark.parametrize("char", ["\ufeff", "\u200b"])
def test_invisible_character_in_id_warned(tmp_path, char):
    p = tmp_path / "i.csv"
    p.write_text(f"id,reports_to\nm,\n{char}e,m\n", encoding="utf-8")
    with bounded():
        org = orglib.load(p)
    (w,) = [x for x in org.problems if x.code == "invisible_character"]
    assert w.row == 3 and w.severity == "warning"


# ====================================================================== numbers in range


@pytest.mark.parametrize("value,code", [("inf", "headcount_not_finite"), ("-inf", "headcount_negative"),
                                        ("1e7", "headcount_too_large")])
def test_absurd_headcount_refused(tmp_path, value, code):
    p = tmp_path / "h.csv"
    p.write_text(f"id,reports_to,headcount\nm,,1\ne,m,{value}\n")
    with bounded(), pytest.raises(OrgValidationError) as info:
        orglib.load(p)
    assert code in info.value.codes()


@pytest.mark.parametrize("value", ["1e308", "inf", "1e13"])
def test_absurd_cost_refused(tmp_path, value):
    p = tmp_path / "c.csv"
    p.write_text(f"id,reports_to,cost\nm,,100\ne,m,{value}\n")
    with bounded(), pytest.raises(OrgValidationError) as info:
        orglib.load(p)
    assert info.value.codes() == ["cost_out_of_range"]


def test_inf_headcount_not_ok_in_cli(capsys, tmp_path):
    p = tmp_path / "h.csv"
    p.write_text("id,reports_to,headcount\nm,,1\ne,m,inf\n")
    code, out, err = run_main(capsys, "validate", str(p), "--lang", "en")
    assert code == 1 and "inf people" not in out and "not a finite number" in out


# ====================================================================== CSV sets are atomic (issue 12.2)


def test_csv_set_unchanged_when_a_sidecar_is_a_folder(capsys, tmp_path):
    org = Org.from_records([{"id": "m", "unit": "u"}], units=[{"id": "u", "name": "旧"}],
                           meta={"name": "old"})
    p = tmp_path / "s.csv"
    orglib.save(org, p)
    before = {f.name: f.read_bytes() for f in tmp_path.iterdir()}
    (tmp_path / "s.links.csv").mkdir()
    new = Org.from_records([{"id": "n", "unit": "u"}, {"id": "k", "unit": "u", "reports_to": "n"}],
                           units=[{"id": "u", "name": "新"}],
                           links=[{"from": "k", "to": "n", "kind": "assists"}], meta={"name": "new"})
    src = tmp_path / "new.yaml"
    orglib.save(new, src)
    code, _, err = run_main(capsys, "convert", str(src), str(p), "--lang", "en")
    assert code == 2 and "s.links.csv" in one_line(err)
    after = {f.name: f.read_bytes() for f in tmp_path.iterdir() if f.is_file() and f.name != "new.yaml"}
    assert after == before


def test_csv_set_unchanged_when_disk_fills_mid_set(tmp_path, monkeypatch):
    import errno

    org = Org.from_records([{"id": "m", "unit": "u"}], units=[{"id": "u", "name": "旧"}], meta={"name": "old"})
    p = tmp_path / "s.csv"
    orglib.save(org, p)
    before = {f.name: f.read_bytes() for f in tmp_path.iterdir()}
    real = Path.write_bytes

    def full(self, data):
        if self.name.startswith(".s.meta.json."):
            raise OSError(errno.ENOSPC, "No space left on device", str(self))
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", full)
    new = Org.from_records([{"id": "n", "unit": "u"}], units=[{"id": "u", "name": "新"}], meta={"name": "new"})
    with pytest.raises(OSError):
        orglib.save(new, p)
    assert {f.name: f.read_bytes() for f in tmp_path.iterdir()} == before
