"""The explorer as a standalone web page: Voilà serving the shipped ``explorer.ipynb``.

``orglib app`` (see :mod:`orglib.cli`) and ``voila notebooks/explorer.ipynb`` both
show the org explorer of :mod:`orglib.explorer` without code cells. Safe defaults:

* the server binds ``127.0.0.1`` and requires a token: a freshly generated one, or the
  user's own of at least :data:`MIN_TOKEN_LENGTH` characters; only an explicit
  ``--no-token`` turns access control off;
* the token never appears on a command line (any local user can read
  ``/proc/PID/cmdline``): it reaches Voilà through the ``JUPYTER_TOKEN`` environment
  variable, which only the same user can read;
* kernels do not pile up: a page's kernel is shut when the page is closed (see
  :mod:`orglib.explorer._voila` for why plain Voilà does not), and a kernel left behind
  (a crashed browser, a lost connection) is culled after :data:`DEFAULT_IDLE_TIMEOUT`
  seconds without a connection;
* uploads: the panel says its limit (:data:`~orglib.explorer.UPLOAD_MAX_BYTES`) next to the
  button, and the server lets messages up to :data:`MAX_MESSAGE_BYTES` through so a file
  somewhat above the limit is refused with a message instead of vanishing.

Everything works offline: the widgets' JavaScript ships with voila/ipywidgets and the
org chart is embedded inline.

Examples
--------
>>> cmd = voila_command("explorer.ipynb", port=8900)
>>> cmd[1:3], "--Voila.ip=127.0.0.1" in cmd, "--Voila.auto_token=True" in cmd
(['-m', 'orglib.explorer._voila'], True, True)
>>> any("token=" in c.lower() and "auto_token" not in c for c in cmd)  # no token on the command line
False
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
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from .._core import OrgInputError

DEFAULT_IP = "127.0.0.1"
DEFAULT_PORT = 8866
MIN_TOKEN_LENGTH = 16
"""Shortest ``--token`` accepted (a generated token has 32 characters)."""
DEFAULT_IDLE_TIMEOUT = 600
"""Seconds a kernel may sit idle without any page connected before it is shut down."""
CULL_INTERVAL = 60
"""How often (seconds, at most) idle kernels are looked for."""
MAX_MESSAGE_BYTES = 32 * 1024 * 1024
"""Largest websocket message the server accepts (tornado's default is 10 MiB)."""
ENV_LANG, ENV_TEMPLATE, ENV_EXPORT = "ORGLIB_APP_LANG", "ORGLIB_APP_TEMPLATE", "ORGLIB_APP_EXPORT_DIR"
ENV_TOKEN = "JUPYTER_TOKEN"
"""Environment variable through which the server gets its token (read by jupyter_server)."""
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
    raise OrgInputError(en=f"no free port on {ip}", zh=f"{ip} 上没有空闲端口")


def app_url(ip: str, port: int, token: str = "") -> str:
    """The address to open (with the token as a query parameter)."""
    host = "127.0.0.1" if ip in ("", "0.0.0.0") else ip
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{port}/" + (f"?token={urllib.parse.quote(token, safe='')}" if token else "")


def check_token(token: str) -> str:
    """``token`` if it is fit to guard the app, else an :class:`~orglib.OrgInputError` saying why.

    >>> len(check_token(secrets.token_urlsafe(24)))
    32
    >>> check_token("x")
    Traceback (most recent call last):
    ...
    orglib._core.errors.OrgInputError: the token is 1 character(s) long: use at least 16 (or leave --token out to get a generated one) / 令牌只有 1 个字符:至少需要 16 个(或不指定 --token,自动生成)
    """
    tok = str(token)
    if len(tok) < MIN_TOKEN_LENGTH:
        raise OrgInputError(
            en=f"the token is {len(tok)} character(s) long: use at least {MIN_TOKEN_LENGTH} "
               "(or leave --token out to get a generated one)",
            zh=f"令牌只有 {len(tok)} 个字符:至少需要 {MIN_TOKEN_LENGTH} 个(或不指定 --token,自动生成)")
    if any(ch.isspace() or not ch.isprintable() for ch in tok):
        raise OrgInputError(en="the token must not contain spaces or control characters",
                            zh="令牌不能包含空格或控制字符")
    return tok


def voila_command(notebook: str | os.PathLike, *, port: int, ip: str = DEFAULT_IP, auth: bool = True,
                  idle_timeout: int = DEFAULT_IDLE_TIMEOUT, extra: list[str] | None = None) -> list[str]:
    """The command line serving ``notebook`` with Voilà (never opens a browser itself).

    It runs :mod:`orglib.explorer._voila` (Voilà plus the settings a command line cannot
    carry: the cookie that lets a closing page shut its kernel, the upload message size).

    It holds no secret: with ``auth`` the token comes from the :data:`ENV_TOKEN`
    environment variable (see :func:`start`); ``auth=False`` serves without one.
    ``idle_timeout`` seconds after its last page went away, a kernel is shut down.
    """
    idle = int(idle_timeout)
    if idle < 1:
        raise OrgInputError(en=f"idle timeout must be at least 1 second, got {idle_timeout}",
                            zh=f"空闲超时至少为 1 秒,收到 {idle_timeout}")
    cmd = [sys.executable, "-m", "orglib.explorer._voila", str(notebook), f"--port={int(port)}", "--no-browser",
           f"--Voila.ip={ip}", "--Voila.port_retries=0", "--strip_sources=True", "--theme=light",
           "--show_tracebacks=False",
           f"--MappingKernelManager.cull_idle_timeout={idle}",
           f"--MappingKernelManager.cull_interval={max(1, min(CULL_INTERVAL, idle // 2 or 1))}",
           "--MappingKernelManager.cull_connected=False"]
    if auth:
        cmd.append("--Voila.auto_token=True")
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
          log: str | os.PathLike | None = None, idle_timeout: int = DEFAULT_IDLE_TIMEOUT) -> AppServer:
    """Start the Voilà app in the background and return it (not yet ready: see ``wait_ready``).

    Parameters
    ----------
    port : int, optional
        Default 8866 when free, else any free port.
    ip : str
        Interface to bind; loopback by default.
    token : str, optional
        Access token (at least :data:`MIN_TOKEN_LENGTH` characters); generated when None
        (unless ``no_token``). Passed to the server by environment, never on its command line.
    no_token : bool
        Serve without a token: anyone who can reach the port can use the app.
    lang, template_id, export_dir
        Passed to the notebook through ``ORGLIB_APP_*`` environment variables.
    notebook : path, optional
        Notebook to serve (default :func:`explorer_notebook`).
    log : path, optional
        File receiving the server's output (default: inherit the terminal).
    idle_timeout : int
        Seconds before a kernel no page is connected to is shut down.
    """
    if lang not in ("zh", "en"):
        raise OrgInputError(en=f"unknown language {lang!r}: use zh or en", zh=f"未知语言 {lang!r}:请用 zh 或 en")
    if no_token and token:
        raise OrgInputError(en="--token and --no-token contradict each other", zh="--token 与 --no-token 不能同时使用")
    tok = "" if no_token else (secrets.token_urlsafe(24) if token is None else check_token(token))
    nb = Path(notebook) if notebook else explorer_notebook()
    if not nb.is_file():
        raise OrgInputError(en=f"notebook not found: {nb}", zh=f"找不到笔记本:{nb}")
    port = int(port) if port else free_port(ip, DEFAULT_PORT)
    env = {k: v for k, v in os.environ.items() if k not in (ENV_TOKEN, "JUPYTER_TOKEN_FILE")}
    if tok:
        env[ENV_TOKEN] = tok
    env[ENV_LANG] = lang
    env[ENV_EXPORT] = str(Path(export_dir or os.getcwd()).resolve())
    if template_id:
        env[ENV_TEMPLATE] = template_id
    cmd = voila_command(nb, port=port, ip=ip, auth=bool(tok), idle_timeout=idle_timeout)
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
