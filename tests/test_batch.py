"""Batch rendering on Dask: several kernels at once (IPC, no port clash), failures isolated."""

from __future__ import annotations

from pathlib import Path

import pytest

from orglib.cli._main import main
from orglib.reporting._batch import read_params, run_batch, summary_text

pytestmark = [pytest.mark.notebook, pytest.mark.slow]


def test_several_reports_at_once_and_a_failure_does_not_stop_others(tmp_path):
    csv = tmp_path / "params.csv"
    csv.write_text(
        "org,to_be,lang,name,runs,months,seed,span_target\n"
        "duocai-asis,duocai-tobe,zh,a,20,6,1,coach\n"
        "duocai-asis,,en,b,20,6,2,8\n"
        "centralized-sme,,en,c,20,6,3,supervisor\n"
        "duocai-asis,,en,bad,20,6,4,boss\n",
        encoding="utf-8")
    jobs = read_params(csv)
    assert [j["name"] for j in jobs] == ["a", "b", "c", "bad"]
    table = run_batch(jobs, tmp_path / "out", workers=2, progress=False)
    assert table["ok"].tolist() == [True, True, True, False]
    assert "unknown manager archetype" in table.loc[3, "error"]
    for name in "abc":
        assert (tmp_path / "out" / f"{name}.html").exists()
    assert not (tmp_path / "out" / "bad.html").exists()
    assert (table.loc[:2, "startup"] > 0).all()
    assert summary_text(table).splitlines()[-1] == "3 succeeded, 1 failed"


def test_simultaneous_kernels_in_one_process_use_ipc(tmp_path):
    """Threads starting kernels at the same instant: IPC sockets cannot collide."""
    import asyncio

    from orglib.reporting._render import IPCKernelManager

    async def start_many(n):
        kms = [IPCKernelManager(kernel_name="python3") for _ in range(n)]
        await asyncio.gather(*(km.start_kernel() for km in kms))
        try:
            assert all(km.transport == "ipc" for km in kms)
            assert len({km.ip for km in kms}) == n
            for km in kms:
                kc = km.client()
                kc.start_channels()
                await kc.wait_for_ready(timeout=180)
                kc.stop_channels()
        finally:
            await asyncio.gather(*(km.shutdown_kernel(now=True) for km in kms))
        return [km._ipc_dir for km in kms]

    # a fresh thread has no event loop, whatever an earlier test left on this one
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        dirs = pool.submit(asyncio.run, start_many(4)).result()
    assert not any(Path(d).exists() for d in dirs)


def test_cli_batch_exit_code(tmp_path, capsys):
    csv = tmp_path / "p.csv"
    csv.write_text("org,lang,runs,months\nduocai-asis,en,20,6\nno-such-org-xyz,en,20,6\n", encoding="utf-8")
    rc = main(["report", "--batch", str(csv), "--out", str(tmp_path / "o"), "--workers", "0", "--lang", "en"])
    out = capsys.readouterr().out
    assert rc == 1 and "1 succeeded, 1 failed" in out


# ----------------------------------------------------------------------------- fresh kernels
_PROBE = """
import builtins, os, sys
import matplotlib
seen = sorted(k for k in ("LEAK",) if k in globals())
user = sorted(k for k in globals() if not k.startswith("_") and k not in
              {"In", "Out", "get_ipython", "exit", "quit", "open", "org", "to_be", "lang", "mode",
               "builtins", "os", "sys", "matplotlib", "seen"})
print("PROBE", os.getpid(), "seen=" + (",".join(seen) or "-"),
      "builtins=" + str(hasattr(builtins, "orglib_leak")), "sys=" + str(getattr(sys, "orglib_leak", None)),
      "lw=" + str(matplotlib.rcParams["lines.linewidth"]), "user=" + ",".join(user),
      "warm=" + str(all(m in sys.modules for m in ("orglib.reporting", "pandas", "matplotlib.pyplot"))),
      "rng=" + str(sys.modules["numpy"].random.randint(1 << 30)))
LEAK = org
builtins.orglib_leak = org
sys.orglib_leak = org
matplotlib.rcParams["lines.linewidth"] = 9.5
if mode == "crash":
    os._exit(3)
if mode == "fail":
    raise RuntimeError("this report fails on purpose")
"""


def _probe_notebook(path: Path) -> Path:
    import nbformat

    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell('org: str = "x"\nto_be: list = []\nlang: str = "zh"\nmode: str = "ok"\n')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, nbformat.v4.new_code_cell(_PROBE)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, str(path))
    return path


def _probe_line(html: Path) -> dict[str, str]:
    import re

    line = re.search(r"PROBE (\d+) (.*?)\n", html.read_text(encoding="utf-8")).group(0).split()
    return {"pid": line[1], **dict(part.split("=", 1) for part in line[2:])}


@pytest.mark.parametrize("fork", [True, False], ids=["forked", "launched"])
def test_every_report_gets_a_fresh_kernel_nothing_leaks(tmp_path, fork):
    """Six reports on two workers: each sets globals, builtins, sys and matplotlib state; none
    of the later ones sees any of it, each ran in its own process, and the kernels were warm
    (forked from the fork server, or launched as new interpreters)."""
    nb = _probe_notebook(tmp_path / "probe.ipynb")
    jobs = [{"row": i, "org": f"org{i}", "to_be": [], "lang": "en", "name": f"p{i}", "pdf": False,
             "params": {}} for i in range(6)]
    table = run_batch(jobs, tmp_path / "out", workers=2, progress=False, notebook=nb, fork=fork)
    assert table["ok"].all(), table["error"].tolist()
    probes = [_probe_line(tmp_path / "out" / f"p{i}.html") for i in range(6)]
    assert len({p["pid"] for p in probes}) == 6  # six kernels, one per report
    assert len({p["rng"] for p in probes}) == 6  # forked kernels do not share numpy's random state
    for p in probes:
        assert p["seen"] == "-" and p["builtins"] == "False" and p["sys"] == "None"
        assert p["lw"] == "1.5"  # matplotlib's default, not the 9.5 an earlier report set
        assert p["user"] == ""  # the start-up imports left no names in the namespace
        assert p["warm"] == "True"  # orglib, pandas and matplotlib were imported before the report
    assert (table["imports"] > 0).all()


def test_a_crashing_kernel_only_loses_its_own_row(tmp_path):
    nb = _probe_notebook(tmp_path / "probe.ipynb")
    modes = ["ok", "crash", "ok", "fail", "ok"]
    jobs = [{"row": i, "org": f"org{i}", "to_be": [], "lang": "en", "name": f"p{i}", "pdf": False,
             "params": {"mode": m}} for i, m in enumerate(modes)]
    table = run_batch(jobs, tmp_path / "out", workers=2, progress=False, notebook=nb)
    assert table["ok"].tolist() == [m == "ok" for m in modes]
    assert "this report fails on purpose" in table.loc[3, "error"]
    assert table.loc[1, "error"]  # the dead kernel is reported, not hidden
    for i, m in enumerate(modes):
        assert (tmp_path / "out" / f"p{i}.html").exists() == (m == "ok")
        assert (tmp_path / "out" / f"p{i}.failed.ipynb").exists() == (m == "fail")
    assert "DeadKernelError" in table.loc[1, "error"]


def test_kernel_pool_starts_no_more_kernels_than_reports_and_cleans_up():
    from orglib.reporting import KernelPool, stop_kernel

    with KernelPool(spares=2, limit=3) as pool:
        assert pool.launched == 2
        a = pool.take()
        b = pool.take()
        assert pool.launched == 3  # one replacement, then the limit
        c = pool.take()
        assert pool.launched == 3 and len({id(a), id(b), id(c)}) == 3
        waiting = pool.take()  # beyond the limit: launched on the spot
        assert pool.launched == 4
        for km in (a, b, c, waiting):
            stop_kernel(km)
            assert not km.has_kernel and not Path(km.imports_file).parent.exists()
    with KernelPool(spares=2, limit=2) as pool:
        left = list(pool._ready)
    assert all(not km.has_kernel and not Path(km._ipc_dir).exists() for km in left)


def test_batch_on_a_dask_scheduler(tmp_path):
    """``scheduler=ADDRESS``: rows run on the cluster's workers (a kernel launched per row)."""
    from distributed import LocalCluster

    jobs = [{"row": 1, "org": "duocai-asis", "to_be": [], "lang": "en", "name": "d", "pdf": False,
             "params": {"runs": 20, "months": 6}},
            {"row": 2, "org": "no-such-org-xyz", "to_be": [], "lang": "en", "name": "x", "pdf": False,
             "params": {"runs": 20, "months": 6}}]
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None,
                      silence_logs=40) as cluster:
        table = run_batch(jobs, tmp_path / "o", scheduler=cluster.scheduler_address, progress=False)
    assert table["ok"].tolist() == [True, False]
    assert (tmp_path / "o" / "d.html").exists() and not (tmp_path / "o" / "x.html").exists()
    assert table.loc[0, "imports"] > 0 and table.loc[0, "cells"] > 0
