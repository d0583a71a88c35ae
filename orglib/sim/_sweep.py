"""Sweeps that outgrow one machine: a grid of simulation parameters on dask.distributed.

:func:`sweep` runs every parameter set of a grid (a dict of lists → their product, a
DataFrame or a CSV file, one row per set) through :func:`orglib.sim.simulate` and
collects one tidy DataFrame: the set's parameters, ``set`` (row number), ``month``,
``metric`` and ``mean, p10, p50, p90`` (or ``value`` when ``runs == 1``).

Where it runs: ``scheduler="sync"`` in this process; ``None`` or ``"local"`` on a
``distributed.LocalCluster`` started for the sweep (``workers`` processes, one thread
each, no dashboard) and closed afterwards (worker processes are spawned: call it from
a notebook, the command line or under ``if __name__ == "__main__":`` in a script); an address (``"tcp://host:8786"``) or a
``distributed.Client`` on an existing cluster. Each set's seed is derived from the base
seed and its row number (``numpy.random.SeedSequence(seed, spawn_key=(row,))``), so the
result is identical wherever and in whatever order the sets run.

Examples
--------
>>> from orglib._core.model import Org
>>> org = Org.from_records([{"id": "h", "headcount": 1},
...     {"id": "a", "reports_to": "h", "headcount": 1},
...     {"id": "e", "reports_to": "a", "headcount": 8}])
>>> df = sweep({"growth": [0.0, 0.05], "span_max": [6, 10]}, org, months=12, runs=20,
...            scheduler="sync", progress=False, at="final")
>>> df[df.metric == "headcount"][["growth", "span_max", "p50"]].values.tolist()
[[0.0, 6.0, 10.0], [0.0, 10.0, 10.0], [0.05, 6.0, 17.0], [0.05, 10.0, 17.0]]
"""

from __future__ import annotations

import itertools
import math
import os
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from .._core import Org, OrgInputError
from ._driver import simulate
from ._policy import SpanPolicy, check_params

__all__ = ["SWEEP_PARAMS", "parameter_grid", "sweep", "run_set"]

SWEEP_PARAMS: dict[str, type] = {
    "growth": float, "target": float, "attrition": float, "lead_time": int, "fill_rate": float,
    "span_min": int, "span_target": int, "span_max": int, "archetype": str, "review_every": int,
    "promote_share": float, "months": int, "runs": int, "cost_step": float,
}
"""Parameters a grid may vary (keyword arguments of :func:`orglib.sim.simulate`)."""


def parameter_grid(grid: Mapping[str, Sequence[Any]] | pd.DataFrame | str | os.PathLike) -> pd.DataFrame:
    """The grid as a DataFrame, one row per parameter set.

    A dict of lists gives the product of its values (first key varies slowest); a
    DataFrame or CSV file is taken row by row. Empty cells mean "the default".

    >>> parameter_grid({"growth": [0.0, 0.02], "span_max": [6, 8]}).values.tolist()
    [[0.0, 6.0], [0.0, 8.0], [0.02, 6.0], [0.02, 8.0]]
    """
    if isinstance(grid, str | os.PathLike):
        try:
            df = pd.read_csv(grid, encoding="utf-8-sig")
        except FileNotFoundError:
            raise OrgInputError(f"grid file not found: {os.fspath(grid)} / 找不到参数表 {os.fspath(grid)}") from None
        except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
            raise OrgInputError(f"cannot read grid file {os.fspath(grid)}: {str(exc).splitlines()[0]} / "
                                f"无法读取参数表") from None
    elif isinstance(grid, pd.DataFrame):
        df = grid.reset_index(drop=True).copy()
    elif isinstance(grid, Mapping):
        keys = list(grid)
        values = []
        for k in keys:
            v = grid[k]
            v = [v] if isinstance(v, str) or not isinstance(v, Sequence | np.ndarray | pd.Series) else list(v)
            if not v:
                raise OrgInputError(f"grid parameter {k!r} has no values / 参数 {k!r} 没有取值")
            values.append(v)
        df = pd.DataFrame(list(itertools.product(*values)), columns=keys)
    else:
        raise OrgInputError("grid must be a dict of lists, a DataFrame or a CSV path / 参数网格须为字典、表格或 CSV")
    df.columns = [str(c).strip() for c in df.columns]
    unknown = [c for c in df.columns if c not in SWEEP_PARAMS]
    if unknown:
        raise OrgInputError(f"unknown sweep parameter(s) {', '.join(unknown)}; use "
                            f"{', '.join(SWEEP_PARAMS)} / 未知参数 {', '.join(unknown)}")
    if df.empty:
        raise OrgInputError("the grid has no parameter sets / 参数网格为空")
    return df


def _row_params(row: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in row.items():
        if v is None or (isinstance(v, float) and math.isnan(v)) or v == "":
            continue
        kind = SWEEP_PARAMS[k]
        if kind is int:
            f = float(v)
            if not f.is_integer():
                raise OrgInputError(f"{k} must be a whole number, got {v!r} / {k} 须为整数")
            v = int(f)
        elif kind is float:
            try:
                v = float(v)
            except (TypeError, ValueError):
                raise OrgInputError(f"{k} must be a number, got {v!r} / {k} 须为数字") from None
        else:
            v = str(v)
        out[k] = v
    return out


def _check_row(params: dict, months: int, runs: int) -> None:
    check_params(months=params.get("months", months), runs=params.get("runs", runs),
                 **{k: params[k] for k in ("growth", "attrition", "lead_time", "fill_rate", "target")
                    if k in params})
    SpanPolicy.of(None, min=params.get("span_min"), target=params.get("span_target"),
                  max=params.get("span_max"), archetype=params.get("archetype"),
                  review_every=params.get("review_every"), promote_share=params.get("promote_share"))


def run_set(org: Org, index: int, params: dict, months: int, runs: int, seed: int,
            at: Sequence[int] | None) -> pd.DataFrame:
    """Simulate one parameter set (row ``index``) and return its tidy rows."""
    kw = dict(params)
    m = int(kw.pop("months", months))
    r = int(kw.pop("runs", runs))
    ss = np.random.SeedSequence(entropy=int(seed), spawn_key=(int(index),))
    res = simulate(org, months=m, runs=r, seed=ss, **kw)
    s = res.series
    if at is not None:
        want = {m if a == -1 else a for a in at}
        s = s[s["month"].isin(want)]
    s = s.reset_index(drop=True)
    s.insert(0, "set", index)
    return s


def _run_chunk(org: Org, chunk: list[tuple[int, dict]], months: int, runs: int, seed: int,
               at: Sequence[int] | None) -> list[tuple[int, pd.DataFrame]]:
    return [(i, run_set(org, i, p, months, runs, seed, at)) for i, p in chunk]


def _connect(scheduler: Any, workers: int | None, processes: bool, timeout: float):
    """``(client, cluster_or_None, own_client)`` for ``scheduler``."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:  # pragma: no cover - a dependency
        raise OrgInputError("dask.distributed is not installed / 未安装 dask.distributed") from None
    if isinstance(scheduler, Client):
        return scheduler, None, False
    if scheduler in (None, "local"):
        n = workers or min(2, os.cpu_count() or 1)
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=processes,
                               dashboard_address=None, scheduler_kwargs={"dashboard": False})
        return Client(cluster), cluster, True
    address = str(scheduler)
    try:
        client = Client(address, timeout=timeout)
    except (OSError, TimeoutError, ValueError) as exc:
        first = (str(exc).splitlines() or [type(exc).__name__])[0]
        raise OrgInputError(f"cannot reach the Dask scheduler at {address}: {first} / "
                            f"无法连接 Dask 调度器 {address}") from None
    return client, None, True


def sweep(
    grid: Mapping[str, Sequence[Any]] | pd.DataFrame | str | os.PathLike,
    org: Org,
    *,
    months: int = 36,
    runs: int = 100,
    seed: int = 0,
    scheduler: Any = None,
    workers: int | None = None,
    processes: bool = True,
    chunk_size: int | None = None,
    at: Sequence[int] | str | None = None,
    progress: bool = True,
    timeout: float = 5.0,
) -> pd.DataFrame:
    """Run every parameter set of ``grid`` through :func:`~orglib.sim.simulate`.

    Parameters
    ----------
    grid : dict of lists, DataFrame or CSV path
        Parameter sets (see :func:`parameter_grid`, :data:`SWEEP_PARAMS`).
    org : Org
        The starting department, shared by every set.
    months, runs : int
        Horizon and Monte Carlo runs of every set (a grid column may override them).
    seed : int
        Base seed; set ``i`` uses ``SeedSequence(seed, spawn_key=(i,))``.
    scheduler : None, "local", "sync", address or distributed.Client
        Where to run (see the module docstring). ``None`` = a LocalCluster.
    workers : int, optional
        LocalCluster workers (default ``min(2, cpu_count)``).
    processes : bool
        LocalCluster workers as processes (True) or threads.
    chunk_size : int, optional
        Sets per task (default: about four tasks per worker).
    at : "final", list of int or None
        Months to keep (``-1`` = the last); None keeps every month.
    progress : bool
        Show a tqdm progress bar (on stderr).
    timeout : float
        Seconds to wait when connecting to a scheduler address.

    Returns
    -------
    DataFrame
        Parameter columns, ``set``, ``month``, ``metric`` and the statistics, sorted by
        ``set``, then ``metric`` and ``month`` as :func:`simulate` orders them.
    """
    from tqdm.auto import tqdm

    if not isinstance(org, Org):
        raise OrgInputError(f"sweep needs an Org, got {type(org).__name__} / 扫描需要 Org 对象")
    check_params(months=months, runs=runs, seed=seed)
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer):
        raise OrgInputError(en=f"seed must be a whole number from 0 to 2**63 - 1, got {seed!r}",
                            zh=f"随机种子须为 0 到 2**63 - 1 之间的整数,而不是 {seed!r}")
    if at == "final":
        at = [-1]
    elif at is not None:
        at = [int(a) for a in at]
    table = parameter_grid(grid)
    sets = [(i, _row_params(row)) for i, row in enumerate(table.to_dict("records"))]
    for _i, p in sets:  # every set is checked before anything runs
        _check_row(p, months, runs)
    results: dict[int, pd.DataFrame] = {}
    bar = tqdm(total=len(sets), desc="sweep / 参数扫描", unit="set", disable=not progress, leave=False)
    try:
        if scheduler == "sync":
            for i, p in sets:
                results[i] = run_set(org, i, p, months, runs, seed, at)
                bar.update(1)
        else:
            client, cluster, own = _connect(scheduler, workers, processes, timeout)
            try:
                from distributed import as_completed

                n_workers = max(1, len(client.scheduler_info().get("workers", {})) or (workers or 2))
                size = chunk_size or max(1, math.ceil(len(sets) / (4 * n_workers)))
                chunks = [sets[k:k + size] for k in range(0, len(sets), size)]
                org_f = client.scatter(org, broadcast=True)
                futures = [client.submit(_run_chunk, org_f, c, months, runs, seed, at, pure=False)
                           for c in chunks]
                for fut in as_completed(futures):
                    done = fut.result()
                    for i, df in done:
                        results[i] = df
                    bar.update(len(done))
            finally:
                if own:
                    client.close()
                if cluster is not None:
                    cluster.close()
    finally:
        bar.close()
    frames = []
    for i, row in enumerate(table.to_dict("records")):
        df = results[i]
        params = pd.DataFrame({k: [v] * len(df) for k, v in row.items()})
        frames.append(pd.concat([params, df], axis=1))
    return pd.concat(frames, ignore_index=True)


