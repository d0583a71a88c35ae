"""Render many reports at once (``orglib report --batch params.csv``).

One report per row of a CSV (or a list of dicts). Columns: ``org`` (required),
``to_be`` (optional; several separated by ``;``), ``lang``, ``name``, ``pdf``, ``pptx``, ``xlsx`` (yes/no),
and any report-notebook parameter (``span_target``, ``title``, ``author``,
``seed``, ``months``, ``runs``, ...).

On this machine (the default) the batch pays the start-up once: one process
imports orglib, papermill and nbconvert; worker threads each drive one report at
a time and keep one nbconvert exporter; a :class:`~orglib.reporting.KernelPool`
boots the next kernel of every worker (orglib, pandas and matplotlib already
imported) while the current reports run. Every row still runs in a kernel of its
own (a new process, killed afterwards) with IPC sockets (see
:class:`~orglib.reporting.IPCKernelManager`), so nothing leaks between rows and
kernels started at the same moment never clash on TCP ports. A failing row is
recorded and the others go on. ``scheduler="tcp://host:8786"`` runs the rows on
an existing Dask cluster instead.

Examples
--------
>>> rows = read_params_text("org,lang,seed\\nduocai-asis,en,7\\n")
>>> rows[0]["org"], rows[0]["params"]
('duocai-asis', {'seed': '7'})
"""

from __future__ import annotations

import csv
import io
import os
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from .._core import OrgError, OrgInputError, check_file_stem

_ROW_KEYS = {"org", "to_be", "lang", "name", "pdf", "pptx", "xlsx"}


def read_params_text(text: str) -> list[dict[str, Any]]:
    """Rows of a batch CSV as job dicts: org, to_be, lang, name, pdf, params.

    >>> read_params_text("org,to_be\\na,b;c\\n")[0]["to_be"]
    ['b', 'c']
    """
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    if reader.fieldnames is None or "org" not in [f.strip() for f in reader.fieldnames]:
        raise OrgInputError("batch file needs an 'org' column / 批量参数文件需要 org 列")
    jobs = []
    for i, raw in enumerate(reader, start=2):
        row = {str(k).strip(): (v or "").strip() for k, v in raw.items() if k is not None}
        if not row.get("org"):
            raise OrgInputError(f"row {i}: empty org / 第 {i} 行:org 为空")
        jobs.append({
            "row": i,
            "org": row["org"],
            "to_be": [t.strip() for t in row.get("to_be", "").split(";") if t.strip()],
            "lang": row.get("lang") or "zh",
            "name": _stem(row.get("name"), i),
            "pdf": row.get("pdf", "").lower() in ("1", "true", "yes", "y"),
            "pptx": row.get("pptx", "").lower() in ("1", "true", "yes", "y"),
            "xlsx": row.get("xlsx", "").lower() in ("1", "true", "yes", "y"),
            "params": {k: v for k, v in row.items() if k not in _ROW_KEYS and v != ""},
        })
    return jobs


def _stem(name: str | None, row: int) -> str | None:
    """A batch ``name`` must be a plain file stem (never a path out of the output folder)."""
    if not name:
        return None
    try:
        return check_file_stem(name, longest_suffix=".failed.ipynb")
    except OrgInputError as exc:
        raise OrgInputError(en=f"row {row}: {exc.en}", zh=f"第 {row} 行:{exc.zh}") from None


def read_params(path: str | os.PathLike) -> list[dict[str, Any]]:
    """Jobs from a batch CSV file (UTF-8, with or without BOM)."""
    p = Path(path)
    if not p.is_file():
        raise OrgInputError(f"{path}: no such batch file / 批量参数文件不存在")
    return read_params_text(p.read_text(encoding="utf-8-sig"))


_TIMING_COLS = {"kernel": "kernel", "imports": "imports", "cells": "cells", "export": "html"}
"""Summary-table column → key of :attr:`ReportResult.timings`."""


def render_one(job: Mapping[str, Any], out_dir: str, pdf: bool = False,
               notebook: str | os.PathLike | None = None) -> dict[str, Any]:
    """Render one job; never raises: returns a row of the summary table.

    Inside :func:`run_batch` the kernel comes from the batch's :class:`KernelPool`
    (pre-started, imports done); elsewhere (a Dask worker) it is launched for the job.
    Either way the report runs in a kernel no other report has used.
    """
    from ._render import render

    # one kernel per core: keep BLAS/OpenMP pools from oversubscribing the machine
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    t = time.perf_counter()
    nan = float("nan")
    rec: dict[str, Any] = {"row": job.get("row"), "org": job["org"], "lang": job.get("lang", "zh"),
                           "ok": False, "html": "", "pdf": "", "error": "", "startup": nan,
                           "execute": nan, **dict.fromkeys(_TIMING_COLS, nan), "seconds": nan}
    try:
        res = render(job["org"], job.get("to_be") or (), lang=job.get("lang") or "zh", out_dir=out_dir,
                     pdf=bool(job.get("pdf") or pdf), pptx=bool(job.get("pptx")), xlsx=bool(job.get("xlsx")),
                     params=job.get("params") or {},
                     name=job.get("name"), **({"notebook": notebook} if notebook else {}))
        rec.update(ok=True, html=res.html, pdf=res.pdf or "", error=res.message,
                   startup=res.timings["startup"], execute=res.timings["execute"],
                   **{col: res.timings.get(key, nan) for col, key in _TIMING_COLS.items()})
    except OrgError as exc:
        rec["error"] = str(exc).splitlines()[0]
    except Exception as exc:  # noqa: BLE001 - a batch row must never stop the others
        rec["error"] = f"{type(exc).__name__}: {exc}".splitlines()[0]
    rec["seconds"] = time.perf_counter() - t
    return rec


def _render_pooled(job: Mapping[str, Any], out: str, pdf: bool, notebook: Any, pool: Any) -> dict[str, Any]:
    from ._render import kernel_pool

    with kernel_pool(pool):
        return render_one(job, out, pdf, notebook)


def run_batch(
    jobs: Sequence[Mapping[str, Any]] | str | os.PathLike,
    out_dir: str | os.PathLike = "reports",
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    pdf: bool = False,
    progress: bool | Callable[[int, int], None] = True,
    notebook: str | os.PathLike | None = None,
    fork: bool = True,
) -> pd.DataFrame:
    """Render one report per job, in parallel; returns the summary table.

    Locally, this process is the only one that imports orglib, papermill and
    nbconvert: ``workers`` threads each drive one report at a time (the work is in
    the kernels, separate processes), each thread keeps one nbconvert exporter, and
    a :class:`~orglib.reporting.KernelPool` keeps one kernel per worker booting
    (with orglib, pandas and matplotlib imported) while the current reports run.
    Every report still gets a kernel of its own, killed when it ends, so nothing
    leaks from one report into the next, and a failing or crashing report only
    loses its own row.

    Parameters
    ----------
    jobs : list of dicts or a CSV path
        See :func:`read_params_text`.
    out_dir : path
        Where the reports go.
    scheduler : str, optional
        Address of a Dask scheduler: the jobs run on its workers (each launches a
        kernel per job). Default: this machine, as above.
    workers : int, optional
        Reports at a time on this machine (default: number of CPUs, at most the number
        of jobs); 0 renders one after another (still with the next kernel pre-started).
    pdf : bool
        PDF for every row (a row's ``pdf`` column also turns it on).
    progress : bool or callable
        Show a tqdm progress bar, or call ``progress(done, total)``.
    notebook : path, optional
        Another report notebook (default: the packaged one).
    fork : bool
        Fork the kernels from one process that imported ipykernel, orglib, pandas and
        matplotlib once (POSIX; see :class:`~orglib.reporting.KernelForkServer`);
        False launches every kernel as a new interpreter that imports them itself.

    Returns
    -------
    DataFrame
        One row per job: row, org, lang, ok, html, pdf, error, startup, execute, kernel,
        imports, cells, export, seconds (startup = waiting for the kernel until the first
        cell; kernel = that wait less the imports for a kernel launched on the spot;
        imports = inside the kernel, paid while earlier reports ran for pooled kernels;
        cells = execute; export = nbconvert HTML; seconds = the whole row).

    Examples
    --------
    >>> run_batch([], "out").empty
    True
    """
    if isinstance(jobs, str | os.PathLike):
        jobs = read_params(jobs)
    jobs = list(jobs)
    cols = ["row", "org", "lang", "ok", "html", "pdf", "error", "startup", "execute", "kernel",
            "imports", "cells", "export", "seconds"]
    if not jobs:
        return pd.DataFrame(columns=cols)
    out = str(Path(out_dir).resolve())
    Path(out).mkdir(parents=True, exist_ok=True)
    tick = _progress(progress, len(jobs))
    results: list[dict[str, Any]] = []
    if scheduler is None:
        from concurrent.futures import ThreadPoolExecutor, as_completed

        from ._render import KernelPool

        for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ.setdefault(var, "1")  # before the first kernel is launched
        n = 1 if workers == 0 else max(1, min(workers or os.cpu_count() or 1, len(jobs)))
        with KernelPool(spares=n, limit=len(jobs), fork=fork) as pool, \
                ThreadPoolExecutor(max_workers=n, thread_name_prefix="orglib-report") as ex:
            futures = [ex.submit(_render_pooled, job, out, pdf, notebook, pool) for job in jobs]
            for fut in as_completed(futures):
                results.append(fut.result())  # render_one never raises
                tick()
    else:
        from distributed import Client, as_completed

        client = Client(scheduler)
        try:
            futures = [client.submit(render_one, job, out, pdf, notebook, pure=False) for job in jobs]
            job_of = {fut.key: job for fut, job in zip(futures, jobs, strict=True)}
            for fut in as_completed(futures):
                try:
                    results.append(fut.result())
                except Exception as exc:  # noqa: BLE001 - worker died
                    job = job_of[fut.key]
                    results.append({"row": job.get("row"), "org": job.get("org"), "lang": job.get("lang"),
                                    "ok": False, "error": f"{type(exc).__name__}: {exc}"})
                tick()
        finally:
            client.close()
    tick(close=True)
    table = pd.DataFrame(results).reindex(columns=cols)
    return table.sort_values("row", kind="stable").reset_index(drop=True)


def _progress(progress: bool | Callable[[int, int], None], total: int) -> Callable[..., None]:
    state = {"done": 0}
    bar = None
    if progress is True:
        from tqdm.auto import tqdm

        bar = tqdm(total=total, desc="reports", unit="report")

    def tick(close: bool = False) -> None:
        if close:
            if bar is not None:
                bar.close()
            return
        state["done"] += 1
        if bar is not None:
            bar.update(1)
        elif callable(progress):
            progress(state["done"], total)

    return tick


def summary_text(table: pd.DataFrame, lang: str = "en") -> str:
    """The batch summary as text lines (one per report, then totals).

    >>> t = pd.DataFrame([{"row": 2, "org": "a", "lang": "zh", "ok": True, "html": "a.html",
    ...                    "pdf": "", "error": "", "seconds": 1.0}])
    >>> summary_text(t).splitlines()[-1]
    '1 succeeded, 0 failed'
    """
    lines = []
    for r in table.to_dict("records"):
        status = ("OK" if r["ok"] else "FAILED") if lang == "en" else ("成功" if r["ok"] else "失败")
        what = r.get("html") if r["ok"] else r.get("error")
        lines.append(f"{status:6} row {r.get('row')}: {r.get('org')} [{r.get('lang')}] {what}")
    ok = int(table["ok"].sum()) if len(table) else 0
    bad = len(table) - ok
    lines.append(f"{ok} succeeded, {bad} failed" if lang == "en" else f"成功 {ok} 个,失败 {bad} 个")
    return "\n".join(lines)


_SPLIT_LABELS = {"kernel": ("kernel start", "内核启动"), "imports": ("imports", "导入"),
                 "cells": ("cells", "单元格"), "export": ("export", "导出")}


def timings_text(timings: Mapping[str, float], lang: str = "en") -> str:
    """One line with the split of a report's time (kernel start, imports, cells, export).

    ``timings`` uses the summary-table names (``kernel``, ``imports``, ``cells``,
    ``export``, ``seconds``) or :attr:`ReportResult.timings`' (``html``, ``total``).

    >>> timings_text({"kernel": 0.5, "imports": 1.25, "cells": 2, "export": 0.25, "seconds": 4})
    'kernel start 0.50 s, imports 1.25 s, cells 2.00 s, export 0.25 s, total 4.00 s'
    >>> timings_text({"kernel": 0.5, "imports": 1.25, "cells": 2, "html": 0.25, "total": 4}, "zh")
    '内核启动 0.50 秒,导入 1.25 秒,单元格 2.00 秒,导出 0.25 秒,合计 4.00 秒'
    """
    t = dict(timings)
    t.setdefault("export", t.get("html", float("nan")))
    t.setdefault("seconds", t.get("total", float("nan")))
    en = lang != "zh"
    parts = [(_SPLIT_LABELS[k][0 if en else 1], t.get(k, float("nan"))) for k in _SPLIT_LABELS]
    parts.append(("total" if en else "合计", t["seconds"]))
    unit = " s" if en else " 秒"
    return (", " if en else ",").join(f"{label} {float(v):.2f}{unit}" for label, v in parts)


def batch_timings_text(table: pd.DataFrame, seconds: float, lang: str = "en") -> str:
    """Per-report split of a batch, its mean, and the wall time of the whole batch.

    >>> t = pd.DataFrame([{"row": 2, "org": "a", "ok": True, "kernel": 0.1, "imports": 1.0,
    ...                    "cells": 2.0, "export": 0.2, "seconds": 2.5}])
    >>> batch_timings_text(t, 3.0).splitlines()[-1]
    'batch: 1 reports in 3.00 s'
    """
    en = lang != "zh"
    lines = [f"row {r.get('row')} {r.get('org')}: {timings_text(r, lang)}" for r in table.to_dict("records")]
    if len(table):
        mean = {k: float(table[k].mean()) for k in [*_SPLIT_LABELS, "seconds"]}
        lines.append(("mean: " if en else "平均:") + timings_text(mean, lang))
    lines.append(f"batch: {len(table)} reports in {seconds:.2f} s" if en
                 else f"批量:{len(table)} 个报告,用时 {seconds:.2f} 秒")
    return "\n".join(lines)


def jobs_from(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Jobs from plain dicts (``org`` required), filling defaults.

    >>> jobs_from([{"org": "a", "seed": 3}])[0]["params"]
    {'seed': 3}
    """
    out = []
    for i, r in enumerate(rows, start=1):
        r = dict(r)
        out.append({"row": r.pop("row", i), "org": r.pop("org"), "to_be": r.pop("to_be", []) or [],
                    "lang": r.pop("lang", "zh"), "name": r.pop("name", None), "pdf": r.pop("pdf", False),
                    "pptx": r.pop("pptx", False), "xlsx": r.pop("xlsx", False),
                    "params": r.pop("params", {}) | r})
    return out
