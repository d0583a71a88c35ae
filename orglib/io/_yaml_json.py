"""Read and write YAML and JSON org documents.

Layout: ``{org: {...meta}, units: [...], positions: [...], links: [...], workflows:
[{id, name, name_en, steps: [...]}]}``; a bare list is read as positions.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from .._core import (
    WARNING,
    Org,
    OrgValidationError,
    Problem,
    atomic_write_text,
    workflows_from_nested,
)
from ._encoding import decode_bytes
from ._limits import check_json_depth, depth_error, safe_yaml
from ._source import RawOrg, _fail, _problem_error, _read_bytes
from ._tree import child_key, flatten_tree, is_tree, nested_cells


def read_yaml(path: Path, label: str, sheet: str | None = None) -> RawOrg:
    """Read a YAML org document (see module doc)."""
    text, _ = decode_bytes(_read_bytes(path, label, "yaml"), label)
    try:
        doc = safe_yaml(text, label)  # alias bombs and deep nesting refused before values are built
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        _fail(label, "wrong_format", f"is not valid YAML: {getattr(exc, 'problem', exc)}",
              f"不是有效的 YAML:{getattr(exc, 'problem', exc)}", row=line)
    return _from_document(doc, label)


def read_json(path: Path, label: str, sheet: str | None = None) -> RawOrg:
    """Read a JSON org document (same shape as YAML)."""
    data = _read_bytes(path, label, "json")
    check_json_depth(label, data)
    text, _ = decode_bytes(data, label)
    try:
        doc = json.loads(text)
    except RecursionError:
        raise depth_error(label) from None
    except json.JSONDecodeError as exc:
        _fail(label, "wrong_format", f"is not valid JSON: {exc.msg} (column {exc.colno})",
              f"不是有效的 JSON:{exc.msg}(第 {exc.colno} 列)", row=exc.lineno)
    return _from_document(doc, label)


def _from_document(doc: Any, label: str) -> RawOrg:
    raw = RawOrg(structured=True)
    if doc is None:
        raise _problem_error(label, "empty_file", "the file is empty", "文件为空")
    if isinstance(doc, dict) and child_key(doc) and not ({"positions", "org", "meta"} & set(doc)):
        doc = [doc]  # one tree root, as org-chart libraries write it
    bare = isinstance(doc, list)  # a client's dump, not an orglib document
    if isinstance(doc, list):
        doc = {"positions": doc}
    if not isinstance(doc, dict):
        _fail(label, "wrong_format", "expected a mapping with 'positions' (and org, units, links, workflows)",
              "应为包含 positions(及 org、units、links、workflows)的映射")
    known = {"org", "meta", "units", "positions", "links", "workflows"}
    for key in doc:
        if key not in known:
            raw.problems.append(Problem(label, None, str(key), "unknown_section",
                                        f"unknown section {key!r} ignored (sections: {', '.join(sorted(known))})",
                                        f"未知部分 {key!r} 已忽略", WARNING))
    meta = doc.get("org", doc.get("meta")) or {}
    if not isinstance(meta, dict):
        raw.problems.append(Problem(label, None, "org", "bad_structure", "'org' must be a mapping",
                                    "'org' 应为映射"))
        meta = {}
    raw.meta = dict(meta)
    for table in ("positions", "units", "links", "workflows"):
        items = doc.get(table) or []
        if not isinstance(items, list):
            raw.problems.append(Problem(label, None, table, "bad_structure",
                                        f"'{table}' must be a list", f"'{table}' 应为列表"))
            items = []
        good = []
        for i, item in enumerate(items, start=1):
            if not isinstance(item, dict):
                raw.problems.append(Problem(label, i, table, "bad_structure",
                                            f"item {i} of '{table}' is not a mapping",
                                            f"'{table}' 的第 {i} 项不是映射"))
                continue
            good.append((i, item))
        if table == "positions" and is_tree([it for _, it in good]):
            records, rows, probs = flatten_tree([it for _, it in good], label)
            raw.problems += probs
            raw.structured = False  # a client's tree: its keys are read through the aliases
            good = list(zip(rows, records, strict=True))
            raw.problems.append(Problem(label, None, "positions", "nested_tree",
                                        f"read a nested tree of {len(good)} posts (reports under "
                                        "each node's children)",
                                        f"按嵌套树读取了 {len(good)} 个岗位(下级在各节点的 children 中)",
                                        WARNING))
        if table == "positions" and (bare or not raw.structured):
            bad = nested_cells([it for _, it in good])
            if bad:
                i, key = bad[0]
                where = ", ".join(f"item {n} {k!r}" for n, k in bad[:3])
                raise OrgValidationError([Problem(
                    label, i, key, "not_understood",
                    f"{len(bad)} cells hold nested objects where one value was expected ({where}); "
                    "expected one post per item with reports_to, or a tree whose reports sit under "
                    "children, childOrgs, subordinates or items",
                    f"{len(bad)} 个单元格是嵌套对象而不是单个值({where});应为每项一个岗位并写明 reports_to,"
                    "或下级放在 children、childOrgs、subordinates、items 中的树")])
        if table == "workflows":
            good = _good_workflows(good, label, raw.problems)
            df = workflows_from_nested([it for _, it in good])
            raw.rows[table] = np.arange(len(df)) + 1
        else:
            df = pd.DataFrame([it for _, it in good]) if good else pd.DataFrame()
            raw.rows[table] = np.array([i for i, _ in good], dtype=np.int64)
        raw.tables[table] = df
        raw.files[table] = f"{label}[{table}]"
    if not len(raw.tables.get("positions", [])) and not raw.problems:
        raise _problem_error(label, "no_positions", "the file has no positions",
                             "文件中没有岗位(positions)")
    return raw


def _good_workflows(items: list[tuple[int, dict]], label: str, problems: list[Problem]) -> list[tuple[int, dict]]:
    """Workflows whose ``steps`` is a list of mappings; each other one is a problem, not a crash."""
    out = []
    for i, wf in items:
        steps = wf.get("steps")
        if steps is None:
            out.append((i, wf))
            continue
        if not isinstance(steps, list):
            problems.append(Problem(label, i, "steps", "bad_structure",
                                    f"'steps' of workflow {i} must be a list of steps, not {type(steps).__name__}",
                                    f"第 {i} 个流程的 steps 应为步骤列表,而不是 {type(steps).__name__}"))
            continue
        bad = [n for n, st in enumerate(steps, start=1) if not isinstance(st, dict)]
        if bad:
            problems.append(Problem(label, i, "steps", "bad_structure",
                                    f"step {bad[0]} of workflow {i} is not a mapping (role, action, ...)",
                                    f"第 {i} 个流程的第 {bad[0]} 步不是映射(role、action…)"))
            continue
        out.append((i, wf))
    return out


def write_yaml(org: Org, path: Path) -> None:
    text = "# orglib org design\n" + yaml.safe_dump(
        org.to_dict(), allow_unicode=True, sort_keys=False, width=1000, default_flow_style=False)
    atomic_write_text(path, text)


def write_json(org: Org, path: Path) -> None:
    atomic_write_text(path, json.dumps(org.to_dict(), ensure_ascii=False, indent=1) + "\n")
