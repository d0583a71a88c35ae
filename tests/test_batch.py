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
                await kc.wait_for_ready(timeout=60)
                kc.stop_channels()
        finally:
            await asyncio.gather(*(km.shutdown_kernel(now=True) for km in kms))
        return [km._ipc_dir for km in kms]

    dirs = asyncio.run(start_many(4))
    assert not any(Path(d).exists() for d in dirs)


def test_cli_batch_exit_code(tmp_path, capsys):
    csv = tmp_path / "p.csv"
    csv.write_text("org,lang,runs,months\nduocai-asis,en,20,6\nno-such-org-xyz,en,20,6\n", encoding="utf-8")
    rc = main(["report", "--batch", str(csv), "--out", str(tmp_path / "o"), "--workers", "0", "--lang", "en"])
    out = capsys.readouterr().out
    assert rc == 1 and "1 succeeded, 1 failed" in out
