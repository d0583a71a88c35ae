"""Render the org report: papermill runs the report notebook, nbconvert makes HTML, Chromium a PDF.

:func:`render` (also exported as ``orglib.report``) takes an as-is design (a
template id, a file or an :class:`~orglib._core.model.Org`), optional to-be designs and
report parameters, and writes ``<out_dir>/<name>.html`` (and ``.pdf``):

1. parameters are checked against the notebook's ``parameters`` cell (a misspelt
   name is an error, not papermill's warning) and converted to the declared types;
2. papermill executes ``orglib/notebooks/report.ipynb`` in a fresh kernel whose
   sockets are IPC files in a private temp directory (parallel renders cannot
   clash on TCP ports);
3. nbconvert exports the outputs only (inputs hidden) with a template that loads
   no MathJax, require.js or widget scripts; the HTML is checked for any
   ``http(s)`` script or stylesheet;
4. the system Chromium prints the HTML to PDF (``--pdf``); without Chromium the
   HTML is still written and a one-line message says how to get the PDF.

Every output is written to a temp file in the target directory and renamed, so a
failed run leaves no half report; the executed notebook of a failed run is kept
as ``<name>.failed.ipynb`` and the error names the failing cell.

Examples
--------
>>> sorted(notebook_parameters())[:4]
['author', 'date', 'growth', 'lang']
>>> coerce_parameters({"seed": "7", "to_be": "a,b"})
{'seed': 7, 'to_be': ['a', 'b']}
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jupyter_client.manager import AsyncKernelManager

from .._core import (
    Org,
    OrgError,
    OrgInputError,
    atomic_write,
    atomic_write_bytes,
    check_file_stem,
    check_folder,
    check_lang,
    clean_stale_temp_dirs,
    temp_dir_prefix,
)
from ..io import load
from ..sim import check_params as check_sim_params

REPORT_NOTEBOOK = Path(__file__).resolve().parent / "report.ipynb"
"""The report template executed by papermill."""

CHROMIUM_CANDIDATES: tuple[str, ...] = (
    "/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable",
)
CHROMIUM_ARGS: tuple[str, ...] = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync", "--no-pdf-header-footer",
    "--run-all-compositor-stages-before-draw", "--virtual-time-budget=15000",
)
PDF_HINT = ("PDF skipped: Chromium not found; install Debian's chromium (apt-get install chromium) "
            "or set ORGLIB_CHROMIUM / 未找到 Chromium,未生成 PDF:请 apt-get install chromium")

_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block extra_css -%}<style type="text/css">ORGLIB_CSS</style>{%- endblock extra_css -%}
"""


class ReportError(OrgError):
    """A report could not be rendered; ``notebook`` is the kept failed notebook, if any."""

    def __init__(self, message: str, notebook: str = "", cell: int | None = None):
        super().__init__(message)
        self.notebook = notebook
        self.cell = cell


@dataclass(frozen=True)
class ReportResult:
    """Paths written by :func:`render` and how long each stage took (seconds)."""

    html: str
    pdf: str | None = None
    message: str = ""
    timings: dict = field(default_factory=dict)
    pptx: str | None = None
    xlsx: str | None = None

    @property
    def paths(self) -> list[str]:
        return [p for p in (self.html, self.pdf, self.pptx, self.xlsx) if p]


# ----------------------------------------------------------------------------- kernels
WARM_IMPORTS: tuple[str, ...] = ("orglib.reporting", "pandas", "matplotlib.pyplot")
"""Modules every report kernel imports while it starts (the report's first cell then finds them
loaded); the kernel's user namespace stays empty."""

KERNEL_ARGS: tuple[str, ...] = ("--HistoryManager.enabled=False",)
"""Extra kernel options: no shared IPython history database (many kernels at once, killed at the end)."""


class IPCKernelManager(AsyncKernelManager):
    """A kernel manager whose ZMQ sockets are IPC files in a private temp directory.

    Kernels started at the same moment with TCP transport may pick the same free
    port (``ZMQError: Address already in use``); IPC files in one directory per
    kernel cannot clash. The directory is also the kernel's working directory and
    is removed with the kernel.
    """

    def __init__(self, **kwargs: Any):
        super().__init__(**kwargs)
        self._ipc_dir = tempfile.mkdtemp(prefix=temp_dir_prefix("k"))
        self.transport = "ipc"
        self.ip = os.path.join(self._ipc_dir, "k")
        self.connection_file = os.path.join(self._ipc_dir, "kernel.json")
        self.launched_at = float("nan")

    @property
    def imports_file(self) -> str:
        """File where a warm kernel writes how long its start-up imports took (seconds)."""
        return os.path.join(self._ipc_dir, "imports.s")

    def import_seconds(self) -> float:
        """Seconds the kernel spent on :data:`WARM_IMPORTS` (nan if not written yet)."""
        try:
            return float(Path(self.imports_file).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return float("nan")

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        if not restart:
            shutil.rmtree(self._ipc_dir, ignore_errors=True)

    cleanup_resources = _async_cleanup_resources  # type: ignore[assignment]

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
        server = getattr(self, "fork_server", None)
        if server is None or not server.alive():
            await super()._async_launch_kernel(kernel_cmd, **kw)
            return
        prov = self.provisioner
        assert prov is not None
        try:
            pid = server.spawn(kernel_cmd, cwd=str(kw.get("cwd") or self._ipc_dir), env=kw.get("env") or {})
        except (OSError, RuntimeError, ValueError):  # the server is gone: launch normally
            await super()._async_launch_kernel(kernel_cmd, **kw)
            return
        prov.process = _ForkedProcess(pid)  # type: ignore[attr-defined]
        prov.pid, prov.pgid, prov.cwd = pid, pid, kw.get("cwd")  # type: ignore[attr-defined]
        self._reconcile_connection_info(prov.connection_info)


class _ForkedProcess:
    """The ``Popen`` surface jupyter_client's local provisioner uses, for a kernel forked by a
    :class:`KernelForkServer` (its parent, which reaps it, is the fork server)."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                self.returncode = -9
            except PermissionError:
                pass
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        end = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if end is not None and time.monotonic() > end:
                raise subprocess.TimeoutExpired(str(self.pid), timeout or 0)
            time.sleep(0.02)
        return self.returncode  # type: ignore[return-value]

    def send_signal(self, sig: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, sig)

    def kill(self) -> None:
        import signal

        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        import signal

        self.send_signal(signal.SIGTERM)


class KernelForkServer:
    """One process that imports ipykernel and :data:`WARM_IMPORTS` once, then forks kernels.

    Each kernel is a new process (its own IPython shell, empty namespace, module state as
    right after the imports: the server itself never runs report code), but it pays
    neither the interpreter start nor the imports. POSIX only; :class:`KernelPool`
    falls back to launching kernels normally where it cannot start one.
    """

    def __init__(self, warm: Sequence[str] = WARM_IMPORTS):
        import sys

        env = {**os.environ, "MPLBACKEND": os.environ.get("MPLBACKEND")
               or "module://matplotlib_inline.backend_inline"}
        self._lock = threading.Lock()
        self.proc = subprocess.Popen(
            [sys.executable, "-c", "from orglib.reporting._render import _fork_server_main; "
             "_fork_server_main()", *warm],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, text=True, bufsize=1)
        self._ready = False  # the imports run while the caller goes on; spawn() waits for them

    def alive(self) -> bool:
        return self.proc.poll() is None

    def _wait_ready(self) -> None:
        if not self._ready:
            line = self.proc.stdout.readline() if self.proc.stdout else ""
            if line.strip() != "ready":
                raise RuntimeError(f"kernel fork server did not start: {line.strip()!r}")
            self._ready = True

    def spawn(self, cmd: Sequence[str], *, cwd: str, env: Mapping[str, str]) -> int:
        """Fork a kernel running ``cmd``'s ipykernel arguments; returns its pid."""
        req = json.dumps({"argv": list(cmd), "cwd": cwd, "env": dict(env)})
        with self._lock:
            assert self.proc.stdin is not None and self.proc.stdout is not None
            self._wait_ready()
            self.proc.stdin.write(req + "\n")
            self.proc.stdin.flush()
            answer = self.proc.stdout.readline().strip()
        if not answer.isdigit():
            raise RuntimeError(f"kernel fork server failed: {answer!r}")
        return int(answer)

    def close(self) -> None:
        """Stop the server (kernels it forked are killed by their managers)."""
        try:
            if self.proc.stdin:
                self.proc.stdin.close()
            self.proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
        finally:
            if self.proc.stdout:
                self.proc.stdout.close()


def _fork_server_main() -> None:  # pragma: no cover - runs in the fork server process
    """Body of :class:`KernelForkServer`: import, say ready, fork one kernel per request line."""
    import importlib
    import signal
    import sys

    from ipykernel import kernelapp

    for mod in sys.argv[1:]:
        importlib.import_module(mod)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # forked kernels are reaped automatically
    out = sys.stdout
    out.write("ready\n")
    out.flush()
    for line in sys.stdin:
        try:
            req = json.loads(line)
            pid = os.fork()
        except Exception as exc:  # noqa: BLE001 - answer, do not die
            out.write(f"error {type(exc).__name__}: {exc}\n")
            out.flush()
            continue
        if pid == 0:
            code = 1
            try:
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                os.setsid()
                null = os.open(os.devnull, os.O_RDWR)
                os.dup2(null, 0)
                os.dup2(2, 1)
                sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115
                os.chdir(req["cwd"])
                os.environ.clear()
                os.environ.update(req["env"])
                os.environ["JPY_PARENT_PID"] = str(os.getppid())
                if "numpy" in sys.modules:
                    sys.modules["numpy"].random.seed()  # not the server's random state
                argv = req["argv"]
                start = next((i + 1 for i, a in enumerate(argv) if a.endswith("ipykernel_launcher")
                              or a == "ipykernel"), 1)
                # ipykernel read JPY_PARENT_PID when the server imported it: say it again
                sys.argv = ["ipykernel_launcher", *argv[start:],
                            f"--IPKernelApp.parent_handle={os.getppid()}"]
                kernelapp.launch_new_instance()
                code = 0
            finally:
                os._exit(code)
        out.write(f"{pid}\n")
        out.flush()


def _warm_line(modules: Sequence[str], stamp: str) -> str:
    """One start-up line importing ``modules`` that leaves no name behind and writes its duration.

    >>> "import pandas" in _warm_line(["pandas"], "/tmp/x")
    True
    """
    tops = sorted({m.split(".")[0] for m in modules})
    return (f"import time as _ot; _os = _ot.perf_counter(); import {', '.join(modules)}; "
            f"open({stamp!r}, 'w').write(repr(_ot.perf_counter() - _os)); "
            f"del _ot, _os, {', '.join(tops)}")


def start_kernel(*, warm: Sequence[str] = WARM_IMPORTS, kernel_name: str = "python3",
                 fork_server: KernelForkServer | None = None) -> IPCKernelManager:
    """Launch a fresh IPC kernel that imports ``warm`` while it boots; returns at once.

    The kernel process boots (and imports) in the background: whoever executes on
    it waits for it to be ready. Its working directory is its own temp directory.
    With a ``fork_server`` the kernel is forked from it, imports already done.

    Examples
    --------
    >>> km = start_kernel()  # doctest: +SKIP
    >>> stop_kernel(km)  # doctest: +SKIP
    """
    from jupyter_core.utils import run_sync

    km = IPCKernelManager(kernel_name=kernel_name)
    km.fork_server = fork_server
    args = list(KERNEL_ARGS)
    if warm:
        args.append(f"--IPKernelApp.exec_lines={_warm_line(list(warm), km.imports_file)}")
    km.launched_at = time.perf_counter()
    run_sync(km.start_kernel)(cwd=km._ipc_dir, extra_arguments=args)
    return km


def stop_kernel(km: IPCKernelManager) -> None:
    """Kill a kernel started by :func:`start_kernel` and remove its files (never raises)."""
    from jupyter_core.utils import run_sync

    try:
        if km.has_kernel:
            run_sync(km.shutdown_kernel)(now=True)
        else:
            run_sync(km.cleanup_resources)()
    except Exception:  # noqa: BLE001 - best effort: the kernel may be gone already
        shutil.rmtree(km._ipc_dir, ignore_errors=True)


class KernelPool:
    """Fresh kernels started ahead of time, each one used by one report only.

    ``take()`` hands out the oldest pre-started kernel (a new process that has run no
    report, with :data:`WARM_IMPORTS` loaded) and immediately launches its
    replacement, so the next kernel boots while the current report runs. At most
    ``limit`` kernels are ever launched (the number of reports of a batch), so none
    is started for nothing. Thread-safe: one pool serves all workers of a batch.

    Parameters
    ----------
    spares : int
        Kernels kept booting ahead (one per worker).
    limit : int, optional
        Total kernels to launch (default: no limit).
    warm : sequence of str
        Modules imported at kernel start.
    fork : bool
        Fork the kernels from one :class:`KernelForkServer` (POSIX; imports paid once
        per pool instead of once per kernel). Falls back to normal launches.

    Examples
    --------
    >>> with KernelPool(spares=1, limit=1) as pool:  # doctest: +SKIP
    ...     km = pool.take()
    """

    def __init__(self, spares: int = 1, *, limit: int | None = None, warm: Sequence[str] = WARM_IMPORTS,
                 fork: bool = False):
        self.fork_server: KernelForkServer | None = None
        if fork and hasattr(os, "fork"):
            try:
                self.fork_server = KernelForkServer(warm)
            except (OSError, RuntimeError):
                self.fork_server = None
        self.spares = max(int(spares), 0)
        self.limit = limit
        self.warm = tuple(warm)
        self.launched = 0
        self._ready: list[IPCKernelManager] = []
        self._lock = threading.Lock()
        self._closed = False
        if self.fork_server is None:  # forked kernels are started by the first take()
            with self._lock:
                self._top_up()

    def _top_up(self) -> None:
        while len(self._ready) < self.spares and (self.limit is None or self.launched < self.limit):
            self._ready.append(start_kernel(warm=self.warm, fork_server=self.fork_server))
            self.launched += 1

    def take(self) -> IPCKernelManager:
        """A kernel no report has used yet (launched now if none is waiting)."""
        with self._lock:
            if self._closed:
                raise RuntimeError("kernel pool is closed")
            if self._ready:
                km = self._ready.pop(0)
            else:
                km = start_kernel(warm=self.warm, fork_server=self.fork_server)
                self.launched += 1
            self._top_up()
            return km

    def close(self) -> None:
        """Kill the kernels nobody took."""
        with self._lock:
            self._closed = True
            left, self._ready = self._ready, []
        for km in left:
            stop_kernel(km)
        if self.fork_server is not None:
            self.fork_server.close()

    def __enter__(self) -> KernelPool:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


_ACTIVE_POOL: ContextVar[KernelPool | None] = ContextVar("orglib_kernel_pool", default=None)


@contextmanager
def kernel_pool(pool: KernelPool) -> Iterator[KernelPool]:
    """Make :func:`render` take its kernels from ``pool`` (in this thread / context)."""
    token = _ACTIVE_POOL.set(pool)
    try:
        yield pool
    finally:
        _ACTIVE_POOL.reset(token)


def _handoff(km: IPCKernelManager) -> type:
    """A kernel-manager "class" for papermill's ``kernel_manager_class`` hook that yields ``km``.

    nbclient then finds the kernel already started (no second launch), and, owning it,
    kills it (``shutdown_kernel="immediate"``) and closes its client when the report ends.
    """
    return type("PreStartedKernelManager", (IPCKernelManager,), {"__new__": lambda cls, **kw: km})


def execute_report(notebook: str, executed: str, parameters: Mapping[str, Any], *,
                   timeout: float, start_timeout: float = 120) -> tuple[Any, dict[str, float]]:
    """Run the report notebook with papermill in a fresh kernel; returns (notebook, timings).

    The kernel comes from the active :class:`KernelPool` (see :func:`kernel_pool`) or
    is launched now; either way it has run no other report and is killed afterwards.
    Timings (seconds): ``kernel`` (launch or hand-over until the first cell, less the
    imports), ``imports`` (:data:`WARM_IMPORTS` inside the kernel), ``cells``.
    """
    import papermill as pm

    pool = _ACTIVE_POOL.get()
    t0 = time.perf_counter()
    km = pool.take() if pool is not None else start_kernel()
    since = t0 if pool is not None else km.launched_at
    marks: dict[str, float] = {}

    def on_cell_start(cell: Any = None, cell_index: int = 0, **_: Any) -> None:
        if "first_cell" not in marks:  # the kernel is ready; its files go with it at the end
            marks["first_cell"] = time.perf_counter()
            marks["imports"] = km.import_seconds()

    try:
        nb = pm.execute_notebook(
            notebook, executed, parameters=parameters, kernel_name=km.kernel_name,
            progress_bar=False, request_save_on_cell_execute=False,
            kernel_manager_class=_handoff(km), shutdown_kernel="immediate",
            on_cell_start=on_cell_start, execution_timeout=timeout, start_timeout=start_timeout,
        )
    finally:
        if km.has_kernel:  # papermill failed before its own clean-up
            stop_kernel(km)
    t1 = time.perf_counter()
    first = marks.get("first_cell", t1)
    imports = marks.get("imports", float("nan"))
    # a pooled kernel imported while an earlier report ran: only the wait counts here
    waited = first - since
    kernel = waited - imports if pool is None and imports == imports else waited
    return nb, {"kernel": max(kernel, 0.0), "imports": imports, "cells": t1 - first,
                "startup": waited}


# ----------------------------------------------------------------------------- parameters
def notebook_parameters(notebook: str | os.PathLike = REPORT_NOTEBOOK) -> dict[str, dict[str, Any]]:
    """Parameters declared in the notebook's ``parameters`` cell: name → type, default, help.

    >>> notebook_parameters()["lang"]["type"]
    'str'
    """
    from papermill.inspection import _infer_parameters
    from papermill.iorw import load_notebook_node

    nb = load_notebook_node(str(notebook))
    out = {}
    for p in _infer_parameters(nb, name="python3", language="python"):
        out[p.name] = {"type": p.inferred_type_name, "default": p.default, "help": p.help}
    return out


def _parse_value(text: str, kind: str, name: str) -> Any:
    try:
        if kind == "int":
            return int(text)
        if kind == "float":
            return float(text)
        if kind == "bool":
            low = text.strip().lower()
            if low in ("1", "true", "yes", "y", "是"):
                return True
            if low in ("0", "false", "no", "n", "否", ""):
                return False
            raise ValueError(text)
        if kind == "list":
            t = text.strip()
            if t.startswith("["):
                val = json.loads(t)
                if not isinstance(val, list):
                    raise ValueError(text)
                return val
            return [x.strip() for x in t.split(",") if x.strip()]
        if kind == "dict":
            t = text.strip()
            if not t:
                return {}
            if t.startswith("{"):
                val = json.loads(t)
            else:  # FIELD=COL,FIELD=COL like --map
                val = dict(part.split("=", 1) for part in t.split(",") if part.strip())
            if not isinstance(val, dict):
                raise ValueError(text)
            return {str(k).strip(): str(v).strip() for k, v in val.items()}
    except (ValueError, json.JSONDecodeError):
        raise OrgInputError(
            f"parameter {name!r} expects a {kind}, got {text!r} / 参数 {name!r} 需要 {kind} 类型,收到 {text!r}"
        ) from None
    return text


def coerce_parameters(
    params: Mapping[str, Any] | None, notebook: str | os.PathLike = REPORT_NOTEBOOK
) -> dict[str, Any]:
    """Check names against the notebook's parameters and convert text values to their types.

    Raises
    ------
    OrgInputError
        An unknown parameter name (with the list of known ones) or a value of the wrong type.

    Examples
    --------
    >>> coerce_parameters({"lnag": "en"})
    Traceback (most recent call last):
    ...
    orglib._core.errors.OrgInputError: unknown report parameter 'lnag' (did you mean 'lang'?); known: author, date, growth, lang, mapping, months, no_manager, node_cap, org, pptx_file, runs, seed, span_target, title, to_be, xlsx_file / 未知的报告参数 'lnag'
    """
    declared = notebook_parameters(notebook)
    out: dict[str, Any] = {}
    for name, value in (params or {}).items():
        if name not in declared:
            import difflib

            close = difflib.get_close_matches(name, list(declared), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise OrgInputError(
                f"unknown report parameter {name!r}{hint}; known: {', '.join(sorted(declared))} "
                f"/ 未知的报告参数 {name!r}")
        kind = declared[name]["type"]
        if isinstance(value, str) and kind != "str":
            value = _parse_value(value, kind, name)
        elif kind == "int" and (isinstance(value, bool) or not isinstance(value, int)):
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            else:
                raise OrgInputError(f"parameter {name!r} expects an int, got {value!r} / 参数 {name!r} 需要整数")
        elif kind == "list" and isinstance(value, tuple):
            value = list(value)
        out[name] = value
    if "lang" in out:
        check_lang(out["lang"])
    sim = {k: out[k] for k in ("months", "runs", "growth", "seed") if k in out}
    if sim:  # the simulation section's parameters: the messages of orglib simulate
        check_sim_params(**sim)
    return out


# ----------------------------------------------------------------------------- helpers
def find_chromium() -> str | None:
    """Path of a Chromium/Chrome executable (``ORGLIB_CHROMIUM`` first), or None.

    >>> find_chromium() is None or os.path.exists(find_chromium())
    True
    """
    env = os.environ.get("ORGLIB_CHROMIUM")
    for cand in ([env] if env else []) + list(CHROMIUM_CANDIDATES):
        path = cand if os.path.isabs(cand) else shutil.which(cand)
        if path and os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    return None


def _slug(text: str) -> str:
    stem = Path(str(text)).stem if any(s in str(text) for s in "/\\.") else str(text)
    s = re.sub(r"[^\w\-]+", "-", stem, flags=re.UNICODE).strip("-")
    return s or "org"


def default_name(org: Any, to_be: Sequence[Any] = (), lang: str = "zh") -> str:
    """File name (no suffix) of a report: ``<org>[-vs-<to-be>]-<lang>``.

    >>> default_name("duocai-asis", ["data/orgs/duocai-tobe.yaml"], "en")
    'duocai-asis-vs-duocai-tobe-en'
    """
    def one(o: Any) -> str:
        if isinstance(o, Org):
            return _slug(str(o.meta.get("id") or o.path or o.name))
        return _slug(str(o))

    parts = [one(org)] + (["vs", "-".join(one(t) for t in to_be)] if to_be else [])
    return "-".join(parts + [lang])


def _source_for_kernel(src: Any, work: Path, k: str) -> str:
    """A string the kernel can load: an absolute path, a template id, or a saved Org."""
    if isinstance(src, Org):
        from ..io import save

        path = work / f"{k}.yaml"
        save(src, path)
        return str(path)
    p = Path(str(src))
    if p.exists():
        return str(p.resolve())
    return str(src)


def remote_references(page: str) -> list[str]:
    """``src``/``href`` attributes and CSS ``@import``/``url()`` pointing at the internet.

    >>> remote_references('<script src="https://cdn.x/y.js"></script><a href="#a">a</a>')
    ['https://cdn.x/y.js']
    """
    refs = re.findall(r"""<(?:script|link|img|iframe|source|video|audio)\b[^>]*?\b(?:src|href)\s*=\s*["']?((?:https?:)?//[^"'\s>]+)""",
                      page, re.IGNORECASE)
    refs += re.findall(r"""@import\s+(?:url\()?["']?((?:https?:)?//[^"')\s]+)""", page, re.IGNORECASE)
    return refs


def to_html(nb: Any, title: str = "orglib report") -> str:
    """Export an executed report notebook to offline HTML (outputs only).

    Raises
    ------
    ReportError
        The HTML references a script or stylesheet on the internet.
    """
    from ._contents import fill_contents

    nb = _drop_noise(nb)
    body, _ = _html_exporter().from_notebook_node(nb, resources={"metadata": {"name": title}})
    body = fill_contents(body)  # the contents list every numbered heading
    refs = remote_references(body)
    if refs:
        raise ReportError(f"the report would fetch {refs[0]} from the internet / 报告引用了网络资源 {refs[0]}")
    return body


_EXPORTERS = threading.local()


def _html_exporter() -> Any:
    """This thread's nbconvert HTML exporter, built once (template lookup and jinja
    compilation are paid by the first report of each worker, not by every report)."""
    from ._format import REPORT_CSS

    cached = getattr(_EXPORTERS, "value", None)
    if cached is not None and cached[0] == REPORT_CSS:
        return cached[1]
    import jinja2
    from nbconvert import HTMLExporter

    loader = jinja2.DictLoader({"orglib_report.html.j2": _TEMPLATE.replace("ORGLIB_CSS", REPORT_CSS)})
    exporter = HTMLExporter(
        template_name="lab", template_file="orglib_report.html.j2", extra_loaders=[loader],
        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
        embed_images=True,
    )
    _EXPORTERS.value = (REPORT_CSS, exporter)
    return exporter


def _drop_noise(nb: Any) -> Any:
    """Copy of ``nb`` without stderr streams and the parameters cells."""
    import copy

    nb = copy.deepcopy(nb)
    cells = []
    for cell in nb.cells:
        tags = set(cell.get("metadata", {}).get("tags", []))
        if tags & {"parameters", "injected-parameters"}:
            continue
        if cell.get("cell_type") == "code":
            cell["outputs"] = [o for o in cell.get("outputs", [])
                               if not (o.get("output_type") == "stream" and o.get("name") == "stderr")]
        cells.append(cell)
    nb.cells = cells
    return nb


def anchor_pages(pdf_path: str | os.PathLike, prefix: str = "") -> dict[str, int]:
    """Page (1-based) of each named destination of a PDF Chromium printed whose name
    starts with ``prefix``: the anchors the report links to (contents entries, charts).

    Examples
    --------
    >>> import io, tempfile
    >>> from pypdf import PdfWriter
    >>> w = PdfWriter()
    >>> for _ in range(3):
    ...     _ = w.add_blank_page(100, 100)
    >>> _ = w.add_named_destination("chart-3.1.2", 2)
    >>> _ = w.add_named_destination("spans", 1)
    >>> path = Path(tempfile.mkdtemp()) / "r.pdf"
    >>> _ = w.write(path)
    >>> sorted(anchor_pages(path).items()), anchor_pages(path, "chart-")
    ([('chart-3.1.2', 3), ('spans', 2)], {'chart-3.1.2': 3})
    """
    from pypdf import PdfReader  # only for a PDF with cross-references

    reader = PdfReader(str(pdf_path))
    out: dict[str, int] = {}
    for name, dest in reader.named_destinations.items():
        key = str(name).lstrip("/")
        if key.startswith(prefix):
            out[key] = reader.get_destination_page_number(dest) + 1
    return out


def _through_last_chart(page: str) -> str:
    """The report cut before the section that follows its last chart page (the pages up to
    there are the same as in the whole report, so they say where each chart is).

    >>> _through_last_chart('<div class="jp-Cell a"><div class="chart-page">c</div></div>'
    ...                     '<div class="jp-Cell b"><h2 class="section" id="spans">x</h2></div>')
    '<div class="jp-Cell a"><div class="chart-page">c</div></div></body></html>'
    """
    last = page.rfind('class="chart-page"')
    nxt = page.find('<h2 class="section"', last) if last >= 0 else -1
    if nxt < 0:
        return page
    cell = page.rfind('<div class="jp-Cell ', last, nxt)
    return page[: cell if cell >= 0 else nxt] + "</body></html>"


def print_pdf(html_path: str | os.PathLike, pdf_path: str | os.PathLike,
              chromium: str | None = None, timeout: float = 180) -> str:
    """Print an HTML file to PDF with the system Chromium (headless), atomically.

    Chromium prints a copy without the interactive charts (hidden in print). A report
    whose org charts continue on other pages (markers of :func:`orglib.viz.chart_pages`)
    or with a table of contents (:mod:`._contents`) is printed twice: the first print
    tells on which page each chart and heading is, the second says "continued on page n"
    and gives the contents' page numbers (the text replaced is no wider, so the pages
    stay the same).

    Raises
    ------
    ReportError
        Chromium is missing or failed.
    """
    exe = chromium or find_chromium()
    if exe is None:
        raise ReportError(PDF_HINT)
    html_path, pdf_path = Path(html_path), Path(pdf_path)
    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    profile = tempfile.mkdtemp(prefix=temp_dir_prefix("chromium"))

    def chromium_print(src: Path, tmp: Path) -> None:
        cmd = [exe, *CHROMIUM_ARGS, f"--user-data-dir={profile}", f"--print-to-pdf={tmp}",
               src.resolve().as_uri()]
        proc = subprocess.run(cmd, capture_output=True, timeout=timeout, check=False,
                              env={**os.environ, "HOME": profile})
        if proc.returncode != 0 or not tmp.exists() or os.path.getsize(tmp) == 0:
            err = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            raise ReportError(f"Chromium could not print the PDF: {err[0]} / Chromium 生成 PDF 失败")

    def print_to(tmp: Path) -> None:
        from ..viz import CHART_REF, resolve_chart_refs, strip_embedded  # viz loads matplotlib
        from ._contents import TOC_PAGE, resolve_contents_pages

        # the printer gets a copy without the interactive charts (hidden in print anyway)
        text = strip_embedded(html_path.read_text(encoding="utf-8"))
        fd, copy = tempfile.mkstemp(prefix=".print-", suffix=".html", dir=html_path.parent)
        os.close(fd)
        try:
            toc = TOC_PAGE in text
            if CHART_REF in text or toc:
                # first pass: where each chart and heading is (for charts only, the report up
                # to its last chart is enough); second pass: "continued on page n" and the
                # contents' page numbers with those pages
                Path(copy).write_text(text if toc else _through_last_chart(text), encoding="utf-8")
                chromium_print(Path(copy), tmp)
                pages = anchor_pages(tmp)
                text = resolve_contents_pages(resolve_chart_refs(text, pages), pages)
            Path(copy).write_text(text, encoding="utf-8")
            chromium_print(Path(copy), tmp)
        finally:
            os.unlink(copy)

    try:
        atomic_write(pdf_path, print_to)
    except subprocess.TimeoutExpired:
        raise ReportError("Chromium timed out printing the PDF / Chromium 生成 PDF 超时") from None
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return str(pdf_path)


def _failing_cell(nb: Any) -> tuple[int | None, str, str]:
    """(number, source, error line) of the first cell with an error output (1-based,
    counted in the report notebook, papermill's injected cell left out)."""
    n = 0
    for cell in nb.cells:
        tags = cell.get("metadata", {}).get("tags", [])
        if cell.get("cell_type") != "code" or "injected-parameters" in tags:
            continue  # papermill's injected cell and its error-marker markdown cells
        n += 1  # 1-based number of the cell in the report notebook
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                return n, cell.get("source", ""), f"{out.get('ename', '')}: {out.get('evalue', '')}"
    return None, "", ""


# ----------------------------------------------------------------------------- render
def render(
    org: Org | str,
    to_be: Org | str | Sequence[Org | str] = (),
    *,
    lang: str = "zh",
    out_dir: str | os.PathLike = "reports",
    pdf: bool = False,
    pptx: bool = False,
    xlsx: bool = False,
    params: Mapping[str, Any] | None = None,
    name: str | None = None,
    mapping: Mapping[str, str] | None = None,
    no_manager: Iterable[str] = (),
    sheet: str | int | None = None,
    junior: str | os.PathLike | None = None,
    add_root: str | None = None,
    where: Mapping[str, str] | None = None,
    max_rows: int | None = None,
    max_bytes: int | None = None,
    input_encoding: str | None = None,
    notebook: str | os.PathLike = REPORT_NOTEBOOK,
    timeout: float = 600,
    keep_notebook: bool = False,
) -> ReportResult:
    """Render the report of ``org`` (and to-be designs) to HTML, and PDF with ``pdf=True``.

    Parameters
    ----------
    org : Org or str
        As-is design: a template id, a file path, or an Org.
    to_be : Org, str or a sequence of them
        To-be designs to compare.
    lang : {"zh", "en"}
    out_dir : path
        Where ``<name>.html`` / ``.pdf`` go (created if needed).
    pdf : bool
        Also print a PDF with the system Chromium; without Chromium the HTML is still
        written and ``result.message`` says how to get the PDF.
    pptx, xlsx : bool
        Also write ``<name>.pptx`` (PowerPoint deck) / ``<name>.xlsx`` (every table on
        its own sheet), computed in the same kernel from the same analysis.
    params : mapping
        More notebook parameters (span_target, title, author, seed, months, runs,
        node_cap, ...); text values are converted to the declared types; unknown
        names are an error.
    name : str, optional
        File name without suffix (default :func:`default_name`).
    mapping, no_manager, sheet, junior, add_root, where, max_rows, max_bytes, input_encoding
        Loader options for a client's file (see :func:`orglib.load`; ``input_encoding`` is
        its ``encoding``). ``mapping`` and
        ``no_manager`` also apply to the to-be files; the others to ``org`` only, which is
        then read here, before the report starts, so its problems are reported at once.
    notebook : path
        The report notebook (default: the packaged one).
    timeout : float
        Seconds allowed per cell.
    keep_notebook : bool
        Also keep the executed notebook as ``<name>.ipynb``.

    Returns
    -------
    ReportResult
        ``html``, ``pdf`` (or None), ``message`` and ``timings`` (``startup`` = until the
        first cell starts, ``execute`` = cells, ``html``, ``pdf``, ``total``).

    Raises
    ------
    ReportError
        A cell failed (the executed notebook is kept as ``<name>.failed.ipynb`` and the
        message names the cell), or the HTML would need the internet.
    OrgInputError
        Unknown parameter, bad value or language.

    Examples
    --------
    >>> import tempfile
    >>> from orglib._core.model import Org
    >>> org = Org.from_records([{"id": "m", "title": "经理", "headcount": 1},
    ...                         {"id": "e", "title": "专员", "reports_to": "m", "headcount": 5}],
    ...                        meta={"id": "demo", "name": "示例"})
    >>> res = render(org, out_dir=tempfile.mkdtemp(), params={"runs": 20, "months": 6})  # doctest: +SKIP
    >>> res.html.endswith("demo-zh.html")  # doctest: +SKIP
    True
    """
    from papermill.exceptions import PapermillExecutionError

    check_lang(lang)
    t_start = time.perf_counter()
    if isinstance(to_be, str | Org):
        to_be = [to_be]
    to_be = [t for t in to_be if t != ""]
    extra = coerce_parameters(params, notebook)
    for reserved in ("org", "to_be"):
        if reserved in extra:
            raise OrgInputError(f"give {reserved!r} as an argument, not in params / 请直接传入 {reserved!r}")
    if "lang" in extra:
        lang = extra.pop("lang")
    name = check_file_stem(name, longest_suffix=".failed.ipynb") if name else default_name(org, to_be, lang)
    file_options = {k: v for k, v in (("sheet", sheet), ("junior", junior), ("add_root", add_root),
                                      ("where", where), ("max_rows", max_rows),
                                      ("max_bytes", max_bytes), ("encoding", input_encoding))
                    if v not in (None, {}, [])}
    if file_options and not isinstance(org, Org):
        org = load(org, mapping=mapping, no_manager=no_manager, **file_options)
    out = check_folder(out_dir)  # created, and proven writable, before anything is rendered
    clean_stale_temp_dirs()  # what a killed run left in the system temp folder
    html_path, pdf_path = out / f"{name}.html", out / f"{name}.pdf"
    pptx_path = (out / f"{name}.pptx").resolve() if pptx else None
    xlsx_path = (out / f"{name}.xlsx").resolve() if xlsx else None
    failed_nb = out / f"{name}.failed.ipynb"

    with tempfile.TemporaryDirectory(prefix=temp_dir_prefix("report")) as work_s:
        work = Path(work_s)
        parameters = {
            "org": _source_for_kernel(org, work, "org"),
            "to_be": [_source_for_kernel(t, work, f"to_be{i}") for i, t in enumerate(to_be)],
            "lang": lang,
            **extra,
        }
        if pptx_path is not None:
            parameters["pptx_file"] = str(pptx_path)
        if xlsx_path is not None:
            parameters["xlsx_file"] = str(xlsx_path)
        if mapping:
            parameters["mapping"] = dict(mapping)
        if no_manager:
            parameters["no_manager"] = list(no_manager)
        executed = work / "executed.ipynb"
        t0 = time.perf_counter()
        try:
            nb, run_times = execute_report(str(notebook), str(executed), parameters, timeout=timeout)
        except PapermillExecutionError as exc:
            _keep_failed(executed, failed_nb)
            import nbformat

            nbx = nbformat.read(str(failed_nb), as_version=4) if failed_nb.exists() else None
            idx, source, err = _failing_cell(nbx) if nbx is not None else (None, exc.source, "")
            err = err or f"{exc.ename}: {exc.evalue}"
            src = " ".join(source.split()) if source else ""
            src = src if len(src) <= 90 else src[:87] + "..."
            where = f"cell {idx}" if idx is not None else f"cell [{exc.exec_count}]"
            raise ReportError(
                f"report failed in {where} ({src}): {err}; executed notebook kept at {failed_nb} "
                f"/ 报告在第 {idx} 个单元格({src})失败:{err};已保留执行后的笔记本 {failed_nb}",
                notebook=str(failed_nb), cell=idx) from None
        except OrgError:
            raise
        except Exception as exc:  # kernel died, timeout, ...
            _keep_failed(executed, failed_nb)
            raise ReportError(
                f"report failed: {type(exc).__name__}: {exc}; notebook kept at {failed_nb} "
                f"/ 报告生成失败:{exc}", notebook=str(failed_nb)) from None
        t1 = time.perf_counter()
        # a successful run clears an old failure note
        if failed_nb.exists():
            failed_nb.unlink()
        title = parameters.get("title") or name
        page = to_html(nb, title=str(title))
        t2 = time.perf_counter()
        atomic_write_bytes(html_path, page.encode("utf-8"))
        if keep_notebook:
            atomic_write_bytes(out / f"{name}.ipynb", executed.read_bytes())

    pdf_out: str | None = None
    message = ""
    t3 = time.perf_counter()
    if pdf:
        if find_chromium() is None:
            message = PDF_HINT
        else:
            pdf_out = print_pdf(html_path, pdf_path)
    t4 = time.perf_counter()
    timings = {"startup": run_times["startup"], "kernel": run_times["kernel"],
               "imports": run_times["imports"], "execute": run_times["cells"],
               "cells": run_times["cells"], "papermill": t1 - t0, "html": t2 - t1,
               "pdf": t4 - t3, "total": t4 - t_start}
    return ReportResult(str(html_path), pdf_out, message, timings,
                        pptx=str(pptx_path) if pptx_path is not None else None,
                        xlsx=str(xlsx_path) if xlsx_path is not None else None)


def _keep_failed(executed: Path, failed_nb: Path) -> None:
    if executed.exists():
        atomic_write_bytes(failed_nb, executed.read_bytes())


def parse_literal(text: str) -> Any:
    """A ``-p NAME VALUE`` value as a Python literal where it is one, else the text.

    >>> parse_literal("[1, 2]"), parse_literal("abc")
    ([1, 2], 'abc')
    """
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text


