"""Parameter sweeps: grid building, Dask/local equality, bad input, CLI."""

from __future__ import annotations

import json
import os

import pandas as pd
import pytest

from orglib._core.errors import OrgInputError
from orglib._core.model import Org
from orglib.sim import simulate
from orglib.sim._sweep import parameter_grid, sweep


def org() -> Org:
    return Org.from_records([
        {"id": "h", "headcount": 1},
        {"id": "a", "unit": "u", "reports_to": "h", "headcount": 1},
        {"id": "e", "unit": "u", "reports_to": "a", "headcount": 8},
    ])


GRID = {"growth": [0.0, 0.05], "span_max": [6, 8]}


def test_parameter_grid_product_and_csv(tmp_path):
    g = parameter_grid(GRID)
    assert g.to_dict("list") == {"growth": [0.0, 0.0, 0.05, 0.05], "span_max": [6, 8, 6, 8]}
    path = tmp_path / "grid.csv"
    path.write_text("growth,attrition\n0.01,0.02\n0.03,\n", encoding="utf-8")
    g2 = parameter_grid(str(path))
    assert len(g2) == 2 and list(g2.columns) == ["growth", "attrition"]


def test_sweep_matches_simulate_with_derived_seeds():
    import numpy as np

    df = sweep(GRID, org(), months=6, runs=10, seed=5, scheduler="sync", progress=False)
    assert df["set"].unique().tolist() == [0, 1, 2, 3]
    one = df[df["set"] == 2].reset_index(drop=True)
    ref = simulate(org(), months=6, runs=10, growth=0.05, span_max=6,
                   seed=np.random.SeedSequence(5, spawn_key=(2,))).series
    pd.testing.assert_frame_equal(one[ref.columns].reset_index(drop=True), ref)
    assert (one["growth"] == 0.05).all() and (one["span_max"] == 6).all()


def test_dask_and_local_give_identical_results():
    local = sweep(GRID, org(), months=6, runs=10, seed=1, scheduler="sync", progress=False)
    dask = sweep(GRID, org(), months=6, runs=10, seed=1, scheduler="local", processes=False,
                 workers=2, chunk_size=1, progress=False)
    pd.testing.assert_frame_equal(local, dask)


def test_final_month_only():
    df = sweep(GRID, org(), months=6, runs=5, scheduler="sync", progress=False, at="final")
    assert set(df["month"]) == {6}


@pytest.mark.parametrize("grid, kw, msg", [
    ({"growth": [-0.1]}, {}, "growth must be non-negative"),
    ({"span_max": [2], "span_min": [3]}, {}, "maximum span 2 is below the minimum 3"),
    ({"bogus": [1]}, {}, "unknown sweep parameter"),
    (GRID, {"months": 0}, "months must be at least 1"),
    (GRID, {"runs": 0}, "runs must be at least 1"),
])
def test_bad_grid(grid, kw, msg):
    with pytest.raises(OrgInputError) as err:
        sweep(grid, org(), scheduler="sync", progress=False, **kw)
    assert msg in str(err.value) and "\n" not in str(err.value)


def test_unreachable_scheduler():
    with pytest.raises(OrgInputError) as err:
        sweep(GRID, org(), months=3, runs=2, scheduler="tcp://127.0.0.1:9", timeout=1, progress=False)
    text = str(err.value)
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in text and "\n" not in text


@pytest.fixture()
def org_file(tmp_path):
    path = tmp_path / "org.json"
    path.write_text(json.dumps(org().to_dict(), ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_cli_sweep_out_and_json(org_file, tmp_path, capsys):
    from orglib.cli._main import main

    out = tmp_path / "res.csv"
    code = main(["sweep", org_file, "--param", "growth=0,0.05", "--param", "span-max=6,8",
                 "--months", "6", "--runs", "5", "--scheduler", "sync", "--final", "--out", str(out),
                 "--json"])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["sets"] == 4
    table = pd.read_csv(out, encoding="utf-8-sig")
    assert len(table) == len(data["rows"]) and set(table["set"]) == {0, 1, 2, 3}
    assert [f for f in os.listdir(tmp_path) if f.startswith(".sweep-")] == []


@pytest.mark.parametrize("args, msg", [
    (["--param", "growth=-1"], "growth must be non-negative"),
    (["--param", "span_max=2", "--param", "span_min=3"], "maximum span 2 is below the minimum 3"),
    (["--param", "growth=0", "--scheduler", "tcp://127.0.0.1:9", "--timeout", "1"],
     "cannot reach the Dask scheduler"),
    (["--param", "growth=0", "--months", "0"], "months must be at least 1"),
])
def test_cli_bad_input_writes_nothing(org_file, tmp_path, capsys, args, msg):
    from orglib.cli._main import main

    out = tmp_path / "never.csv"
    code = main(["sweep", org_file, "--months", "3", "--runs", "2", *args, "--out", str(out)])
    cap = capsys.readouterr()
    assert code == 2 and not out.exists()
    assert msg in cap.err and len(cap.err.strip().splitlines()) == 1
