"""``--json`` output without float noise (issue 11, item 15): one rounding rule,
:func:`orglib.cli._common.json_number`, in every command's JSON."""

from __future__ import annotations

import json
import re

import pytest

from orglib.cli import main
from orglib.cli._common import JSON_DECIMALS, json_number

# a decimal with more than JSON_DECIMALS digits after the point, not in exponent form
NOISE = re.compile(r"(?<![\w.])-?\d+\.\d{" + str(JSON_DECIMALS + 1) + r",}(?![\deE])")


def run_json(capsys, *args: str) -> object:
    code = main([*args, "--json"])
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    assert not NOISE.search(out), NOISE.search(out).group(0)
    return json.loads(out)


def floats(obj):
    if isinstance(obj, float):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from floats(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from floats(v)


def test_json_number_rule():
    assert json_number(15.600000000000001) == 15.6
    assert json_number(0.1 + 0.2) == 0.3
    assert json_number(2 / 3) == 0.6667
    assert json_number(-2 / 3) == -0.6667
    assert json_number(48500.55) == 48500.55  # money keeps its cents
    assert json_number(2e-5) == 2e-05 and json_number(1 / 30000) == 3.333e-05  # small: significant digits
    assert json_number(1e-13) == 1e-13 and json_number(0.0) == 0.0
    assert json_number(float("nan")) is None and json_number(float("-inf")) is None


def test_simulate_json_has_no_float_noise(capsys):
    data = run_json(capsys, "simulate", "duocai-asis", "--months", "6")
    values = list(floats(data))
    assert values and all(v == json_number(v) for v in values)
    spans = [r["value"] for r in data["series"] if r["metric"] == "span_mean"]
    assert 3.6667 in spans  # 3.6666666666666665 before the rule


def test_compare_json_has_no_float_noise(capsys):
    data = run_json(capsys, "compare", "four-posts", "duocai-asis", "--lang", "en")
    values = list(floats(data))
    assert values and all(v == json_number(v) for v in values)
    assert 0.0909 in values  # 1/11 of duocai's people are managers... as a person reads it


def test_spans_json_has_no_float_noise(capsys, tmp_path):
    p = tmp_path / "fte.csv"  # fractional FTE: 0.1 + 0.2 + 0.6 people below the head
    p.write_text("id,reports_to,headcount\nm,,1\na,m,0.1\nb,m,0.2\nc,m,0.6\n", encoding="utf-8")
    data = run_json(capsys, "spans", str(p))
    assert data["summary"]["headcount"] == 1.9 and data["summary"]["max_span"] == 0.9
    assert all(v == json_number(v) for v in floats(data))


def test_validate_json_has_no_float_noise(capsys, tmp_path):
    p = tmp_path / "fte.csv"
    p.write_text("id,reports_to,headcount\nm,,0.1\na,m,0.2\n", encoding="utf-8")
    data = run_json(capsys, "validate", str(p))
    assert data["files"][0]["headcount"] == 0.3  # 0.1 + 0.2, not 0.30000000000000004


@pytest.mark.parametrize("args", [["latency", "duocai-asis", "--spans", "3,6"],
                                  ["show", "duocai-asis"], ["raci", "duocai-asis"]])
def test_other_json_outputs_share_the_rule(capsys, args):
    data = run_json(capsys, *args)
    assert all(v == json_number(v) for v in floats(data))
