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


# --------------------------------------------------------------------------- every string, both languages
def _flow_entries_without_key(text: str) -> list[str]:
    """Token-level check, independent of the parsed document: in a flow mapping every
    entry must start with a key (``{a: b, c}`` has a key-less entry ``c`` — the tail of a
    value cut at a bare comma)."""
    tokens = list(yaml.scan(text))
    stack: list[str] = []
    bad = []
    for i, tok in enumerate(tokens):
        if isinstance(tok, yaml.FlowMappingStartToken):
            stack.append("map")
        elif isinstance(tok, yaml.FlowSequenceStartToken):
            stack.append("seq")
        elif isinstance(tok, yaml.FlowMappingEndToken | yaml.FlowSequenceEndToken):
            stack.pop()
        elif isinstance(tok, yaml.FlowEntryToken) and stack and stack[-1] == "map":
            nxt = tokens[i + 1]
            if isinstance(nxt, yaml.ScalarToken):
                bad.append(f"line {nxt.start_mark.line + 1}: {tokens[i - 1].value!r} cut before {nxt.value!r}")
    return bad


def _null_values(obj, path="") -> list[str]:
    """Parse-level check: no mapping value is null (a cut-off tail parses as a key with no value)."""
    found = []
    if isinstance(obj, dict):
        for k, v in obj.items():
            if v is None:
                found.append(f"{path}/{k}")
            found += _null_values(v, f"{path}/{k}")
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            found += _null_values(v, f"{path}[{i}]")
    return found


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_no_flow_entry_without_key(path):
    assert _flow_entries_without_key(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_no_null_values(path):
    assert _null_values(yaml.safe_load(path.read_text(encoding="utf-8"))) == []


def test_the_checks_catch_a_cut_english_sentence():
    cut = "- {id: x, en: Sales force, sales promotion and advertising, source: s}\n"
    assert _flow_entries_without_key(cut)
    assert _null_values(yaml.safe_load(cut))
    fixed = '- {id: x, en: "Sales force, sales promotion and advertising", source: s}\n'
    assert _flow_entries_without_key(fixed) == [] and _null_values(yaml.safe_load(fixed)) == []


def test_known_english_sentences_are_whole():
    from orglib import designs as catalog

    mix = catalog.marketing_mix().set_index("id")["definition_en"]
    assert mix["4P.promotion"] == ("Sales force, sales promotion, advertising and other promotion "
                                   "that inform the market.")
    assert mix["4C.communication"].startswith("Customer-centred, two-way")
    assert mix["4R.relationship"] == "Build long-term, stable relationships with customers."
    duties = [d["en"] for r in catalog.roles()["duties"] for d in r]
    assert "Set short-, medium- and long-term business targets" in duties
    assert "Provide pre-sales, in-sales and after-sales service" in duties
    # every duty of the four roles has both languages and no stray text keys
    assert all(set(d) == {"zh", "en", "source"} for r in catalog.roles()["duties"] for d in r)
