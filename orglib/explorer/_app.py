"""The explorer as a standalone web page: Voilà serving ``notebooks/explorer.ipynb``.

``orglib app`` (see :mod:`orglib.cli`) and ``voila notebooks/explorer.ipynb`` both
show the org explorer of :mod:`orglib.widgets` without code cells. Safe defaults:
the server binds ``127.0.0.1`` and requires a freshly generated token unless the user
turns it off explicitly (``--no-token``). Everything works offline: the widgets'
JavaScript ships with voila/ipywidgets and the org chart is embedded inline.

The notebook is read from the repository (``notebooks/explorer.ipynb`` beside the
package); an installed copy without it gets an equivalent notebook written to a
temporary folder.

Examples
--------
>>> cmd = voila_command("explorer.ipynb", port=8900, token="abc")
>>> cmd[1:3], "--Voila.ip=127.0.0.1" in cmd, "--token=abc" in cmd
(['-m', 'voila'], True, True)
>>> app_url("127.0.0.1", 8900, "abc")
'http://127.0.0.1:8900/?token=abc'
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from .._core import OrgInputError

DEFAULT_IP = "127.0.0.1"
DEFAULT_PORT = 8866
ENV_LANG, ENV_TEMPLATE, ENV_EXPORT = "ORGLIB_APP_LANG", "ORGLIB_APP_TEMPLATE", "ORGLIB_APP_EXPORT_DIR"
PACKAGE_NOTEBOOK = Path(__file__).resolve().parent / "explorer.ipynb"
"""The notebook the app serves; ``notebooks/explorer.ipynb`` is its user-facing copy (a test
keeps the two identical)."""


def explorer_notebook() -> Path:
    """Path of the explorer notebook the app serves (shipped inside the package).

    >>> explorer_notebook().name
    'explorer.ipynb'
    """
    return PACKAGE_NOTEBOOK


def free_port(ip: str = DEFAULT_IP, preferred: int | None = None) -> int:
    """``preferred`` if it is free on ``ip``, else a free port chosen by the system.

    >>> 0 < free_port() < 65536
    True
    """
    for port in ([preferred] if preferred else []) + [0]:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            try:
                s.bind((ip, port))
            except OSError:
                continue
            return int(s.getsockname()[1])
    raise OrgInputError(f"no free port on {ip} / {ip} 上没有空闲端口")


def app_url(ip: str, port: int, token: str = "") -> str:
    """The address to open (with the token as a query parameter)."""
    host = "127.0.0.1" if ip in ("", "0.0.0.0") else ip
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{port}/" + (f"?token={token}" if token else "")


def voila_command(notebook: str | os.PathLike, *, port: int, ip: str = DEFAULT_IP,
                  token: str = "", extra: list[str] | None = None) -> list[str]:
    """The ``python -m voila`` command line serving ``notebook`` (never opens a browser itself).

    ``token=""`` means no token (only when the user asked for ``--no-token``).
    """
    cmd = [sys.executable, "-m", "voila", str(notebook), f"--port={int(port)}", "--no-browser",
           f"--Voila.ip={ip}", "--Voila.port_retries=0", "--strip_sources=True", "--theme=light",
           "--show_tracebacks=False"]
    if token:
        cmd.append(f"--token={token}")
    return cmd + list(extra or [])


@dataclass
class AppServer:
    """A running Voilà app (``stop()`` ends it)."""

    process: subprocess.Popen
    url: str
    ip: str
    port: int
    token: str
    notebook: Path
    log: Path = field(default=Path(os.devnull))

    def wait_ready(self, timeout: float = 120.0) -> bool:
        """Wait until the server answers on its port (False if it exits or times out)."""
        deadline = time.monotonic() + timeout
        probe = app_url(self.ip, self.port) + "voila/static/"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                urllib.request.urlopen(probe, timeout=2)  # noqa: S310 - loopback only
                return True
            except urllib.error.HTTPError:
                return True  # any HTTP answer means the server is up
            except OSError:
                time.sleep(0.25)
        return False

    def stop(self, timeout: float = 15.0) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout)


def start(*, port: int | None = None, ip: str = DEFAULT_IP, token: str | None = None,
          no_token: bool = False, lang: str = "zh", template_id: str = "",
          export_dir: str | os.PathLike | None = None, notebook: str | os.PathLike | None = None,
          log: str | os.PathLike | None = None) -> AppServer:
    """Start the Voilà app in the background and return it (not yet ready: see ``wait_ready``).

    Parameters
    ----------
    port : int, optional
        Default 8866 when free, else any free port.
    ip : str
        Interface to bind; loopback by default.
    token : str, optional
        Access token; generated when None (unless ``no_token``).
    no_token : bool
        Serve without a token: anyone who can reach the port can use the app.
    lang, template_id, export_dir
        Passed to the notebook through ``ORGLIB_APP_*`` environment variables.
    notebook : path, optional
        Notebook to serve (default :func:`explorer_notebook`).
    log : path, optional
        File receiving the server's output (default: inherit the terminal).
    """
    if lang not in ("zh", "en"):
        raise OrgInputError(f"unknown language {lang!r}: use zh or en / 未知语言 {lang!r}")
    nb = Path(notebook) if notebook else explorer_notebook()
    if not nb.is_file():
        raise OrgInputError(f"notebook not found: {nb} / 找不到笔记本:{nb}")
    port = int(port) if port else free_port(ip, DEFAULT_PORT)
    tok = "" if no_token else (token or secrets.token_urlsafe(24))
    env = dict(os.environ)
    env[ENV_LANG] = lang
    env[ENV_EXPORT] = str(Path(export_dir or os.getcwd()).resolve())
    if template_id:
        env[ENV_TEMPLATE] = template_id
    cmd = voila_command(nb, port=port, ip=ip, token=tok)
    out = open(log, "ab") if log else None  # noqa: SIM115 - owned by the process' lifetime
    proc = subprocess.Popen(cmd, env=env, cwd=str(nb.parent), stdout=out, stderr=out)
    return AppServer(proc, app_url(ip, port, tok), ip, port, tok, nb,
                     Path(log) if log else Path(os.devnull))


def serve(*, open_browser: bool = True, **kwargs) -> int:
    """Run the app in the foreground until Ctrl-C; prints the URL (with its token). Returns the exit code."""
    server = start(**kwargs)

    def _stop(_sig: int, _frame: object) -> None:  # a plain `kill` stops voila too
        raise KeyboardInterrupt

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _stop)
    print(f"orglib app: {server.url}", flush=True)
    if not server.token:
        print("orglib app: WARNING no token: anyone who can reach this port can use the app "
              "/ 警告:未设置令牌,任何能访问此端口的人都能使用", flush=True)
    if server.ip not in ("127.0.0.1", "localhost", "::1"):
        print(f"orglib app: listening on {server.ip}, not only this computer / 监听地址 {server.ip} 不限于本机",
              flush=True)
    try:
        if open_browser and server.wait_ready():
            import webbrowser

            webbrowser.open(server.url)
        return int(server.process.wait() or 0)
    except KeyboardInterrupt:
        return 0
    finally:
        server.stop()
