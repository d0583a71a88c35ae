"""Problems a person can read on the command line (issue 11, items 13 and 14).

``orglib validate`` prints each file's problems grouped by kind, with a count and the
first examples, on standard output; ``--all`` lists every one, ``--json`` gives the
groups to scripts; every other command stops on the same summary (standard error).
One default language (Chinese, or ``ORGLIB_LANG``) for every command; ``--lang``
chooses the language of the errors too.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import orglib
from orglib.cli import main

ESC = "\x1b[31mPWNED\x07"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in err, err
    return code, out, err


@pytest.fixture
def big(tmp_path) -> Path:
    """4,000 rows, 3,400 of them without an id (the audit's file)."""
    lines = ["id,title,reports_to", "top,Head,"] + [",Analyst,top"] * 3400 + [
        f"p{k},Analyst,top" for k in range(599)]
    p = tmp_path / "big.csv"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


@pytest.fixture
def mixed(tmp_path) -> Path:
    """Three kinds of problem: 5 unknown managers, 2 duplicate ids, 1 bad headcount."""
    rows = ["id,title,reports_to,headcount", "top,Head,,1"]
    rows += [f"u{k},Analyst,ghost{k},1" for k in range(5)]
    rows += ["d,Analyst,top,1", "d,Writer,top,1", "d,Editor,top,1"]
    rows += ["h,Analyst,top,many"]
    p = tmp_path / "mixed.csv"
    p.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return p


# ====================================================================== item 13: grouped, on stdout


def test_validate_4000_rows_3400_empty_ids_prints_a_screen(capsys, big):
    code, out, err = run(capsys, "validate", str(big), "--lang", "en")
    lines = out.splitlines()
    assert code == 1 and err == ""
    assert len(lines) <= 40, out
    assert lines[0] == f"{big}: 3400 problems"
    assert lines[1] == "  missing_id: 3400 errors"
    assert lines[2] == f"    {big}:3: id: id is empty [missing_id]"  # file, row, field
    assert lines[4] == f"    {big}:5: id: id is empty [missing_id]"
    assert lines[5] == "    ... and 3397 more (--all lists every one)"


def test_validate_all_lists_every_problem(capsys, big):
    code, out, _ = run(capsys, "validate", str(big), "--all", "--lang", "en")
    rows = [ln for ln in out.splitlines() if "[missing_id]" in ln]
    assert code == 1 and len(rows) == 3400
    assert rows[-1] == f"    {big}:3402: id: id is empty [missing_id]"
    assert "more (--all" not in out


def test_validate_report_survives_a_redirect(big, tmp_path):
    """``orglib validate f > problems.txt`` keeps the problems (a real shell redirect)."""
    target = tmp_path / "problems.txt"
    env = {**os.environ, "PYTHONPATH": str(Path(orglib.__file__).parent.parent)}
    with open(target, "w", encoding="utf-8") as fh:
        r = subprocess.run([sys.executable, "-m", "orglib.cli", "validate", str(big), "--lang", "en"],
                           stdout=fh, stderr=subprocess.PIPE, text=True, env=env, timeout=300)
    kept = target.read_text(encoding="utf-8")
    assert r.returncode == 1 and r.stderr == ""
    assert "missing_id: 3400 errors" in kept and f"{big}:3: id:" in kept


def test_validate_groups_errors_first_then_by_count(capsys, mixed):
    code, out, _ = run(capsys, "validate", str(mixed), "--lang", "en")
    heads = [ln.strip() for ln in out.splitlines() if ln.startswith("  ") and not ln.startswith("    ")]
    assert code == 1
    assert heads[:3] == ["unknown_manager: 5 errors", "duplicate_id: 2 errors",
                         "headcount_not_number: 1 error"]
    assert f"{mixed}:3: reports_to:" in out  # the first unknown manager, row 3
    assert "... and 2 more" in out  # 5 unknown managers, 3 shown


def test_validate_groups_in_chinese(capsys, big):
    code, out, _ = run(capsys, "validate", str(big), "--lang", "zh")
    lines = out.splitlines()
    assert code == 1 and lines[0] == f"{big}:3400 个问题"
    assert lines[1] == "  missing_id:3400 个错误" and "编号为空" in lines[2]
    assert lines[5] == "    …另有 3397 条(--all 列出全部)"
    assert "errors" not in out and "more" not in out


def test_validate_json_gives_the_groups(capsys, big, mixed):
    code, out, _ = run(capsys, "validate", str(big), str(mixed), "--json")
    data = json.loads(out)
    assert code == 1 and data["ok"] is False
    f_big, f_mixed = data["files"]
    assert f_big["errors"] == 3400 and f_big["warnings"] == 0
    assert len(f_big["problems"]) == 3400  # every problem, for scripts
    (group,) = f_big["groups"]
    assert (group["code"], group["severity"], group["count"], group["more"]) == ("missing_id", "error", 3400, 3397)
    assert [(p["file"], p["row"], p["field"]) for p in group["problems"]] == [
        (str(big), 3, "id"), (str(big), 4, "id"), (str(big), 5, "id")]
    assert [(g["code"], g["count"]) for g in f_mixed["groups"]][:3] == [
        ("unknown_manager", 5), ("duplicate_id", 2), ("headcount_not_number", 1)]


def test_validate_json_all_puts_every_row_in_its_group(capsys, big):
    code, out, _ = run(capsys, "validate", str(big), "--json", "--all")
    (group,) = json.loads(out)["files"][0]["groups"]
    assert code == 1 and len(group["problems"]) == 3400 and group["more"] == 0
    assert group["problems"][-1]["row"] == 3402


def test_validate_ok_file_with_warnings_groups_them(capsys, tmp_path):
    p = tmp_path / "share.csv"  # a job share: two rows, one post, one warning
    p.write_text("id,title,reports_to\nm,Head,\ne,Analyst,m\ne,Analyst,m\n", encoding="utf-8")
    code, out, _ = run(capsys, "validate", str(p), "--lang", "en")
    lines = out.splitlines()
    assert code == 0 and lines[0] == f"{p}: OK (2 posts, 3 people), 1 warning"
    assert lines[1].startswith("  ") and ": 1 warning" in lines[1] and "(warning)" in lines[2]


def test_validate_unreadable_file_reported_on_stdout_exit_2(capsys, big, tmp_path):
    code, out, err = run(capsys, "validate", str(big), str(tmp_path / "none.csv"), "--lang", "en")
    assert code == 2 and err == ""
    assert f"{tmp_path / 'none.csv'}: cannot be read" in out and "missing_id: 3400 errors" in out


@pytest.mark.parametrize("command", ["spans", "show", "report"])
def test_other_commands_stop_on_the_same_summary(capsys, big, tmp_path, command):
    extra = ["--out", str(tmp_path / "r")] if command == "report" else []
    code, out, err = run(capsys, command, str(big), *extra, "--lang", "en")
    lines = err.splitlines()
    assert code == 1 and out == ""
    assert len(lines) <= 40, err
    assert lines[0] == "orglib: 3400 problems found:"
    assert lines[1] == "  missing_id: 3400 errors" and lines[2] == f"    {big}:3: id: id is empty [missing_id]"
    assert lines[-1] == f"    ... and 3397 more (orglib validate {big} --all lists every one)"


def test_a_one_letter_title_is_not_read_into_a_longer_manager_name(capsys, tmp_path):
    """'nobody' held the letter of post d's title 'B': it is an unknown manager, not post d."""
    p = tmp_path / "t.csv"
    p.write_text("id,title,reports_to\ntop,Head,\nu,A,nobody\nd,B,top\n", encoding="utf-8")
    code, out, _ = run(capsys, "validate", str(p), "--lang", "en")
    assert code == 1 and f"{p}:3: reports_to: manager 'nobody' is not a post id or title" in out


def test_summary_escapes_control_characters_and_newlines(capsys, tmp_path):
    """A manager cell holding an escape sequence and a newline stays one escaped line."""
    p = tmp_path / "t.csv"
    p.write_text(f'id,title,reports_to\nm,Head,\ne,x,"a{ESC}\nb"\n', encoding="utf-8")
    code, out, _ = run(capsys, "validate", str(p), "--lang", "en")
    assert code == 1 and "\x1b" not in out and "\x07" not in out
    (line,) = [ln for ln in out.splitlines() if "[unknown_manager]" in ln]
    assert "\\x1b[31mPWNED\\x07" in line and "\\n" in line and line.endswith("[unknown_manager]")
    code, _, err = run(capsys, "spans", str(p), "--lang", "en")
    assert code == 1 and "\x1b" not in err and "\\x1b[31m" in err


# ====================================================================== item 14: one language


BAD = "id,reports_to\na,\nb,zz\n"  # 'zz' is not a post: unknown_manager


@pytest.fixture
def bad(tmp_path) -> Path:
    p = tmp_path / "bad.csv"
    p.write_text(BAD, encoding="utf-8")
    return p


def _cmd(command: str, src: str, tmp_path: Path) -> list[str]:
    if command == "layouts":
        return ["layouts", "centralized", "--from", src]
    extra = {"convert": [str(tmp_path / "o.yaml")], "report": ["--out", str(tmp_path / "r")],
             "compare": ["four-posts"], "simulate": ["--months", "2"],
             "sweep": ["--param", "growth=0.01,0.02", "--months", "2", "--workers", "1"]}
    return [command, src, *extra.get(command, [])]


FAMILIES = ["validate", "convert", "spans", "show", "compare", "raci", "workflows", "layouts",
            "simulate", "latency", "sweep", "report"]
"""One command per family: checking, converting, measuring, comparing, simulating, reporting."""


@pytest.mark.parametrize("command", FAMILIES)
def test_lang_en_chooses_the_language_of_errors(capsys, bad, tmp_path, command, monkeypatch):
    monkeypatch.delenv("ORGLIB_LANG", raising=False)
    code, out, err = run(capsys, *_cmd(command, str(bad), tmp_path), "--lang", "en")
    text = out + err
    assert code == 1 and "zz" in text
    assert "is not a post id or title" in text
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in text), text  # no Chinese in an English run


@pytest.mark.parametrize("command", FAMILIES)
def test_lang_zh_chooses_the_language_of_errors(capsys, bad, tmp_path, command, monkeypatch):
    monkeypatch.delenv("ORGLIB_LANG", raising=False)
    code, out, err = run(capsys, *_cmd(command, str(bad), tmp_path), "--lang", "zh")
    text = out + err
    assert code == 1 and "不是任何岗位的编号或名称" in text and "is not a post id" not in text


@pytest.mark.parametrize("command", FAMILIES)
def test_one_default_language_for_every_command(capsys, bad, tmp_path, command, monkeypatch):
    """No --lang: Chinese for every command; ORGLIB_LANG=en switches every command."""
    monkeypatch.delenv("ORGLIB_LANG", raising=False)
    code, out, err = run(capsys, *_cmd(command, str(bad), tmp_path))
    assert code == 1 and "不是任何岗位的编号或名称" in out + err
    monkeypatch.setenv("ORGLIB_LANG", "en")
    code, out, err = run(capsys, *_cmd(command, str(bad), tmp_path))
    text = out + err
    assert code == 1 and "is not a post id or title" in text
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in text), text


@pytest.mark.parametrize("command", ["validate", "spans", "simulate", "latency", "convert"])
def test_output_default_language_is_chinese(capsys, tmp_path, command, monkeypatch):
    monkeypatch.delenv("ORGLIB_LANG", raising=False)
    extra = {"simulate": ["--months", "2"], "latency": ["--spans", "3,6"],
             "convert": [str(tmp_path / "o.yaml")]}
    args = [command, "four-posts", *extra.get(command, [])]
    code, out, _ = run(capsys, *args)
    assert code == 0 and any("\u4e00" <= ch <= "\u9fff" for ch in out), out
    monkeypatch.setenv("ORGLIB_LANG", "en")
    code, out_en, _ = run(capsys, *args)
    assert code == 0 and out_en != out


@pytest.mark.parametrize("command", ["convert", "show"])
def test_warnings_of_a_command_are_grouped_too(capsys, tmp_path, command):
    """100 job shares are one group of warnings, not 100 lines."""
    rows = ["id,title,reports_to", "m,Head,"] + [f"p{k},Analyst,m" for k in range(100) for _ in (0, 1)]
    p = tmp_path / "shares.csv"
    p.write_text("\n".join(rows) + "\n", encoding="utf-8")
    extra = [str(tmp_path / "o.yaml")] if command == "convert" else []
    code, out, err = run(capsys, command, str(p), *extra, "--lang", "en")
    text = out if command == "convert" else err
    lines = [ln for ln in text.splitlines() if "job_share" in ln or "more (" in ln]
    assert code == 0 and lines[0] == "  job_share: 100 warnings" and len(lines) == 5
    assert lines[-1] == f"    ... and 97 more (orglib validate {p} --all lists every one)"


def test_app_follows_the_one_default_language(capsys, monkeypatch):
    """``orglib app`` had its own default (zh, whatever ORGLIB_LANG said)."""
    args = ["app", "--no-browser", "--port", "1", "--token", "short"]
    monkeypatch.setenv("ORGLIB_LANG", "en")
    code, _, err = run(capsys, *args)
    assert code == 2 and "use at least 16" in err and "令牌" not in err
    monkeypatch.delenv("ORGLIB_LANG")
    code, _, err = run(capsys, *args, "--lang", "zh")
    assert code == 2 and "令牌只有 5 个字符" in err and "use at least" not in err


def test_report_passes_the_load_limits_to_the_render(monkeypatch, tmp_path):
    """``orglib report --max-rows/--max-bytes`` hold for the kernel's read too, not only the early check."""
    import orglib.reporting

    src = tmp_path / "hr.csv"
    src.write_text("id,title,reports_to\n1,Head,\n2,Lead,1\n3,Rep,2\n", encoding="utf-8")
    seen = {}

    class Done:
        paths, message, timings = [], "", {}

    def fake_render(*args, **kwargs):
        seen.update(kwargs)
        return Done()

    monkeypatch.setattr(orglib.reporting, "render", fake_render)  # the CLI imports it when it runs
    assert main(["report", str(src), "--out", str(tmp_path), "--max-rows", "50", "--max-bytes", "4096"]) == 0
    assert seen["max_rows"] == 50 and seen["max_bytes"] == 4096
