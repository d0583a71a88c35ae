"""orglib — design marketing departments (市场部) as data.

Load a design (a template id or a client's HR file), validate it, measure spans
and layers, compare centralized and decentralized layouts, simulate growth and
render a bilingual report.

The package is layered; each floor imports only from the floors below it::

    _core ← data ← io ← designs ← analysis ← sim ← viz ← {reporting, explorer, teaching} ← cli

Public functions are listed here and imported on first use, so ``import orglib``
stays light (no matplotlib, no dask until needed). No public name here is also a
module: ``orglib.compare`` is always the function.

>>> import orglib
>>> org = orglib.Org.from_records([{"id": "m", "headcount": 1},
...                                {"id": "e", "reports_to": "m", "headcount": 4}])
>>> org.headcount_total
5.0
>>> import inspect
>>> list(inspect.signature(orglib.compare).parameters)[:2]
['orgs', 'names']
"""

from __future__ import annotations

import importlib
from typing import Any

from ._core import OrgError, OrgInputError, OrgValidationError, Problem

__version__ = "0.1.0"

# Public name -> the subpackage that exports it ("package:attr" where the attribute is named
# differently: orglib.report is orglib.reporting.render).
_LAZY: dict[str, str] = {
    # the model (imports pandas: loaded on first use)
    "Org": "orglib._core",
    # io & validation
    "load": "orglib.io", "save": "orglib.io", "convert": "orglib.io",
    "validate": "orglib.io", "check": "orglib.io",
    # templates, catalogues, layouts
    "template": "orglib.designs", "template_ids": "orglib.designs",
    "catalog": "orglib.designs",
    # analysis
    "spans_layers": "orglib.analysis", "graicunas": "orglib.analysis",
    "compare": "orglib.analysis", "diff": "orglib.analysis", "metrics": "orglib.analysis",
    "raci": "orglib.analysis", "coverage": "orglib.analysis",
    "workflows": "orglib.analysis:workflow_metrics",
    # simulation
    "simulate": "orglib.sim", "SpanPolicy": "orglib.sim",
    "latency_sweep": "orglib.sim", "sweep": "orglib.sim",
    # reports, explorer
    "report": "orglib.reporting:render", "render": "orglib.reporting",
}

# Subpackages reachable as attributes (orglib.designs.kpis(), orglib.viz.figure_html, ...).
_SUBPACKAGES = ("data", "io", "designs", "analysis", "sim", "viz", "reporting", "explorer", "teaching", "cli")

__all__ = ["OrgError", "OrgInputError", "OrgValidationError", "Problem", *_LAZY]


def __getattr__(name: str) -> Any:
    if name in _SUBPACKAGES:
        return importlib.import_module(f"orglib.{name}")
    mod_name = _LAZY.get(name)
    if mod_name is None:
        raise AttributeError(f"module 'orglib' has no attribute {name!r}")
    mod_name, _, attr = mod_name.partition(":")
    value = getattr(importlib.import_module(mod_name), attr or name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__, *_SUBPACKAGES})
