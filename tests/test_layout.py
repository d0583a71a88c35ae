"""The package's architecture: layers, shipped data, public API (issue 10)."""

from __future__ import annotations

import ast
import doctest
import inspect
import pickle
from pathlib import Path

import orglib.data._lookup

import orglib

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "orglib"


def test_data_doctests():
    res = doctest.testmod(orglib.data._lookup)
    assert res.attempted > 0 and res.failed == 0
    res = doctest.testmod(orglib.data)
    assert res.attempted > 0 and res.failed == 0


def test_data_is_the_top_level_folder_in_a_checkout():
    assert orglib.data.TEMPLATE_DIR.resolve() == (ROOT / "data" / "orgs").resolve()
    assert len(orglib.template_ids()) == len(list((ROOT / "data" / "orgs").glob("*.yaml"))) == 17


def test_public_functions_are_functions_with_signatures():
    for name in ("compare", "raci", "simulate", "sweep", "workflows", "report", "load", "save"):
        fn = getattr(orglib, name)
        assert inspect.isfunction(fn), name
        params = inspect.signature(fn).parameters
        assert list(params) != ["args", "kwargs"], name
    assert "org" in inspect.signature(orglib.simulate).parameters
    assert pickle.loads(pickle.dumps(orglib.compare)) is orglib.compare


def test_star_import_and_dir():
    ns: dict = {}
    exec("from orglib import *", ns)
    for name in orglib.__all__:
        assert name in ns
    assert {"compare", "load", "report", "designs", "analysis"} <= set(dir(orglib))


def test_no_module_rewrites_its_class():
    for f in PKG.rglob("*.py"):
        assert "__class__ =" not in f.read_text(encoding="utf-8"), f


def test_explorer_notebook_shipped_copy_matches_the_repository_copy():
    from orglib.explorer import explorer_notebook

    assert explorer_notebook().read_bytes() == (ROOT / "notebooks" / "explorer.ipynb").read_bytes()


LAYERS = ["_core", "data", "io", "designs", "analysis", "sim", "viz",
          ("reporting", "explorer", "teaching"), "cli"]


def _rank(pkg: str) -> int:
    for i, layer in enumerate(LAYERS):
        if pkg == layer or (isinstance(layer, tuple) and pkg in layer):
            return i
    raise KeyError(pkg)


def _package_of(path: Path) -> str | None:
    if path.is_relative_to(ROOT / "data"):
        return "data"
    rel = path.relative_to(PKG).parts
    return rel[0] if len(rel) > 1 else None


def _imports(path: Path):
    """(lineno, absolute target module, names) of every orglib import in ``path``, nested included."""
    pkg = _package_of(path)
    mod_parts = ["orglib", pkg] if pkg else ["orglib"]
    if path.name != "__init__.py":
        mod_parts = [*mod_parts, path.stem]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = mod_parts[: len(mod_parts) - node.level] if path.name != "__init__.py" \
                    else mod_parts[: len(mod_parts) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            yield node.lineno, target, [a.name for a in node.names]
        elif isinstance(node, ast.Import):
            for a in node.names:
                yield node.lineno, a.name, []


def _files():
    return [*PKG.rglob("*.py"), *(ROOT / "data").glob("*.py")]


def test_imports_point_down_the_layers_and_no_private_name_crosses():
    bad = []
    for f in _files():
        pkg = _package_of(f)
        if pkg is None:
            continue
        for line, target, names in _imports(f):
            parts = target.split(".")
            if parts[0] != "orglib" or len(parts) < 2:
                continue
            tpkg = parts[1]
            if tpkg == pkg:
                continue
            if _rank(tpkg) >= _rank(pkg):
                bad.append(f"{f.relative_to(ROOT)}:{line} {pkg} imports {target} (upward)")
            if len(parts) > 2 and parts[2].startswith("_") or any(n.startswith("_") for n in names):
                bad.append(f"{f.relative_to(ROOT)}:{line} private name from {target}: {names}")
    assert bad == []


def test_no_import_cycle_between_modules():
    import networkx as nx

    g = nx.DiGraph()
    for f in _files():
        pkg = _package_of(f)
        me = ".".join(x for x in ["orglib", pkg, None if f.name == "__init__.py" else f.stem] if x)
        for _, target, _names in _imports(f):
            if not target.startswith("orglib"):
                continue
            if target != me:
                g.add_edge(me, target)
    cycles = list(nx.simple_cycles(g))
    assert cycles == []


def test_tag_labels_are_the_catalogue_labels():
    from orglib.analysis import CATALOGUE_TAGS, TAG_LABELS, tag_label
    from orglib.designs import all_tags

    tags = all_tags()
    assert list(tags["tag"]) == list(CATALOGUE_TAGS)
    for r in tags.itertuples(index=False):
        assert TAG_LABELS[r.tag] == (r.zh, r.en)
        assert tag_label(r.tag, "en") == r.en and tag_label(r.tag, "zh") == r.zh


def test_head_of_department_is_one_rule_everywhere():
    """A two-top org: the first top is small, the second holds most people."""
    from orglib.analysis import metrics
    from orglib.designs import top_post

    org = orglib.Org.from_records([
        {"id": "a", "title": "小", "headcount": 1},
        {"id": "b", "title": "大", "headcount": 1},
        {"id": "c", "reports_to": "b", "headcount": 5},
        {"id": "d", "reports_to": "b", "headcount": 2},
    ])
    assert top_post(org)[0] == "b"
    assert metrics(org)["head_span"] == 7.0


def test_saved_files_get_the_usual_permissions(tmp_path):
    import os

    from orglib._core import current_umask

    org = orglib.template("four-posts")
    for suffix in ("yaml", "json", "csv", "xlsx"):
        out = tmp_path / f"o.{suffix}"
        orglib.save(org, out)
        assert out.stat().st_mode & 0o777 == 0o666 & ~current_umask(), suffix
    old = os.umask(0o022)
    try:
        orglib.save(org, tmp_path / "p.csv")
        assert (tmp_path / "p.csv").stat().st_mode & 0o777 == 0o644
    finally:
        os.umask(old)
