"""The shipped YAML data parse as written: no Chinese text split by a flow-style comma.

In a YAML flow mapping (``{text: 甲,乙}``) a bare ASCII comma ends the value, so the
rest of the sentence silently becomes a key with no value. Seed text uses ASCII commas,
so every such value must be quoted.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

DATA = Path(__file__).resolve().parents[1] / "data"
FILES = sorted(DATA.glob("orgs/*.yaml")) + sorted(DATA.glob("catalog/*.yaml"))
CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")


def _split_text_keys(obj, path="") -> list[str]:
    found = []
    if isinstance(obj, dict):
        for k, v in obj.items():
            if v is None and isinstance(k, str) and CJK.search(k):
                found.append(f"{path}/{k}")
            found += _split_text_keys(v, f"{path}/{k}")
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            found += _split_text_keys(v, f"{path}[{i}]")
    return found


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_no_text_split_into_keys(path):
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert _split_text_keys(doc) == []


def test_a_known_sentence_is_whole():
    from orglib import designs as catalog

    assert "明确每个职位的职责与权限,为员工提供明确的工作任务和目标。" in catalog.principles()["definition"].tolist()
