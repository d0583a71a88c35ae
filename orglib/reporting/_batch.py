"""Render many reports in parallel on Dask (``orglib report --batch params.csv``).

One report per row of a CSV (or a list of dicts). Columns: ``org`` (required),
``to_be`` (optional; several separated by ``;``), ``lang``, ``name``, ``pdf``,
and any report-notebook parameter (``span_target``, ``title``, ``author``,
``seed``, ``months``, ``runs``, ...). Every row runs in its own kernel with IPC
sockets (see :class:`orglib.reporting._render.IPCKernelManager`), so kernels started at the
same moment never clash on TCP ports. A failing row is recorded and the others go on.

By default a :class:`distributed.LocalCluster` of process workers (one thread
each: papermill changes the working directory of the process) is started;
``scheduler="tcp://host:8786"`` uses an existing cluster, ``scheduler=None`` with
``workers=0`` runs in this process one by one.

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

from .._core import OrgError, OrgInputError

_ROW_KEYS = {"org", "to_be", "lang", "name", "pdf"}


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
            "name": row.get("name") or None,
            "pdf": row.get("pdf", "").lower() in ("1", "true", "yes", "y"),
            "params": {k: v for k, v in row.items() if k not in _ROW_KEYS and v != ""},
        })
    return jobs


def read_params(path: str | os.PathLike) -> list[dict[str, Any]]:
    """Jobs from a batch CSV file (UTF-8, with or without BOM)."""
    p = Path(path)
    if not p.is_file():
        raise OrgInputError(f"{path}: no such batch file / 批量参数文件不存在")
    return read_params_text(p.read_text(encoding="utf-8-sig"))


def render_one(job: Mapping[str, Any], out_dir: str, pdf: bool = False) -> dict[str, Any]:
    """Render one job; never raises: returns a row of the summary table."""
    from ._render import render

    # one kernel per core: keep BLAS/OpenMP pools from oversubscribing the machine
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    t = time.perf_counter()
    rec: dict[str, Any] = {"row": job.get("row"), "org": job["org"], "lang": job.get("lang", "zh"),
                           "ok": False, "html": "", "pdf": "", "error": "", "startup": float("nan"),
                           "execute": float("nan"), "seconds": float("nan")}
    try:
        res = render(job["org"], job.get("to_be") or (), lang=job.get("lang") or "zh", out_dir=out_dir,
                     pdf=bool(job.get("pdf") or pdf), params=job.get("params") or {},
                     name=job.get("name"))
        rec.update(ok=True, html=res.html, pdf=res.pdf or "", error=res.message,
                   startup=res.timings["startup"], execute=res.timings["execute"])
    except OrgError as exc:
        rec["error"] = str(exc).splitlines()[0]
    except Exception as exc:  # noqa: BLE001 - a batch row must never stop the others
        rec["error"] = f"{type(exc).__name__}: {exc}".splitlines()[0]
    rec["seconds"] = time.perf_counter() - t
    return rec


def run_batch(
    jobs: Sequence[Mapping[str, Any]] | str | os.PathLike,
    out_dir: str | os.PathLike = "reports",
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    pdf: bool = False,
    progress: bool | Callable[[int, int], None] = True,
) -> pd.DataFrame:
    """Render one report per job, in parallel; returns the summary table.

    Parameters
    ----------
    jobs : list of dicts or a CSV path
        See :func:`read_params_text`.
    out_dir : path
        Where the reports go.
    scheduler : str, optional
        Address of a Dask scheduler; default: a LocalCluster.
    workers : int, optional
        LocalCluster workers (default: number of CPUs, at most the number of jobs);
        0 renders in this process, one after another.
    pdf : bool
        PDF for every row (a row's ``pdf`` column also turns it on).
    progress : bool or callable
        Show a tqdm progress bar, or call ``progress(done, total)``.

    Returns
    -------
    DataFrame
        One row per job: row, org, lang, ok, html, pdf, error, startup, execute, seconds.

    Examples
    --------
    >>> run_batch([], "out").empty
    True
    """
    if isinstance(jobs, str | os.PathLike):
        jobs = read_params(jobs)
    jobs = list(jobs)
    cols = ["row", "org", "lang", "ok", "html", "pdf", "error", "startup", "execute", "seconds"]
    if not jobs:
        return pd.DataFrame(columns=cols)
    out = str(Path(out_dir).resolve())
    Path(out).mkdir(parents=True, exist_ok=True)
    tick = _progress(progress, len(jobs))
    results: list[dict[str, Any]] = []
    if scheduler is None and workers == 0:
        for job in jobs:
            results.append(render_one(job, out, pdf))
            tick()
    else:
        from distributed import Client, LocalCluster, as_completed

        cluster = None
        if scheduler is None:
            n = workers or min(os.cpu_count() or 1, len(jobs))
            cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=40)
            client = Client(cluster)
        else:
            client = Client(scheduler)
        try:
            futures = [client.submit(render_one, job, out, pdf, pure=False) for job in jobs]
            for fut in as_completed(futures):
                try:
                    results.append(fut.result())
                except Exception as exc:  # noqa: BLE001 - worker died
                    results.append({"ok": False, "error": f"{type(exc).__name__}: {exc}"})
                tick()
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
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
                    "params": r.pop("params", {}) | r})
    return out
