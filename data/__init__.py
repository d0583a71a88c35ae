"""orglib's shipped data: seed templates (``orgs/*.yaml``) and theory catalogues (``catalog/*.yaml``).

This folder sits at the repository's top level and is installed as the package
``orglib.data`` (``[tool.setuptools.package-dir]`` in pyproject.toml), so the same
files serve a checkout, an editable install and a wheel. Code reaches the files only
through the functions here, which use :mod:`importlib.resources`.

>>> "duocai-asis" in template_ids()
True
>>> catalog_path("kpis").name
'kpis.yaml'
"""

from __future__ import annotations

from ._lookup import CATALOG_DIR, TEMPLATE_DIR, catalog_ids, catalog_path, data_root, template_ids, template_path

__all__ = ["CATALOG_DIR", "TEMPLATE_DIR", "catalog_ids", "catalog_path", "data_root", "template_ids", "template_path"]
