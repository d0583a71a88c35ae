"""The Voilà app's command line and start-up checks (no browser: see test_browser_explorer.py)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from orglib import OrgInputError
from orglib.explorer import MIN_TOKEN_LENGTH, app_url, check_token, start, voila_command


def test_voila_command_holds_no_secret():
    cmd = voila_command("explorer.ipynb", port=8900)
    assert "--Voila.auto_token=True" in cmd
    assert not [c for c in cmd if "token=" in c.lower() and not c.startswith("--Voila.auto_token")]
    assert "--MappingKernelManager.cull_idle_timeout=600" in cmd
    assert "--MappingKernelManager.cull_connected=False" in cmd
    assert cmd[1:3] == ["-m", "orglib.explorer._voila"]
    assert "--Voila.auto_token=True" not in voila_command("x.ipynb", port=1, auth=False)


@pytest.mark.parametrize("token", ["x", "a" * (MIN_TOKEN_LENGTH - 1), ""])
def test_short_tokens_are_refused(token):
    with pytest.raises(OrgInputError) as exc:
        start(token=token, port=1)
    assert "16" in exc.value.text("en") and "16" in exc.value.text("zh")


@pytest.mark.parametrize("token", ["with space 123456789", "tab\there-0123456789"])
def test_tokens_with_spaces_are_refused(token):
    with pytest.raises(OrgInputError):
        check_token(token)


def test_a_long_token_is_kept_and_quoted_in_the_url():
    tok = "abc/def+ghi=jkl&mno0123"
    assert check_token(tok) == tok
    assert app_url("127.0.0.1", 8900, tok) == "http://127.0.0.1:8900/?token=abc%2Fdef%2Bghi%3Djkl%26mno0123"


def test_cli_refuses_a_one_character_token():
    out = subprocess.run([sys.executable, "-m", "orglib.cli", "app", "--no-browser", "--token", "x"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 2
    assert "16" in out.stderr + out.stdout and "Traceback" not in out.stderr


def test_token_and_no_token_contradict():
    with pytest.raises(OrgInputError):
        start(token="a" * 20, no_token=True, port=1)


def _run_app(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    import os

    return subprocess.run([sys.executable, "-m", "orglib.cli", "app", "--no-browser", "--port", "1", *args],
                          capture_output=True, text=True, timeout=120, env=dict(os.environ, **(env or {})))


def test_cli_token_file_must_be_private(tmp_path):
    f = tmp_path / "token"
    f.write_text("x" * 24 + "\n")
    f.chmod(0o644)
    out = _run_app("--token-file", str(f))
    assert out.returncode == 2 and "chmod 600" in out.stderr + out.stdout
    f.chmod(0o600)
    f.write_text("short\n")
    out = _run_app("--token-file", str(f))
    assert out.returncode == 2 and "16" in out.stderr + out.stdout


def test_cli_token_from_the_environment_is_checked_too():
    out = _run_app(env={"ORGLIB_APP_TOKEN": "tooshort"})
    assert out.returncode == 2 and "16" in out.stderr + out.stdout and "Traceback" not in out.stderr


def test_voila_launcher_config():
    from orglib.explorer import MAX_MESSAGE_BYTES
    from orglib.explorer._voila import config, set_xsrf_cookie

    cfg = config()
    assert cfg.VoilaConfiguration.prelaunch_hook is set_xsrf_cookie
    assert cfg.Voila.tornado_settings == {"websocket_max_message_size": MAX_MESSAGE_BYTES}
    assert MAX_MESSAGE_BYTES > 10 * 1024 * 1024  # above tornado's default, which drops bigger uploads
