"""orglib — design marketing departments (市场部) as data.

Load a design (a template id or a client's HR file), validate it, measure spans
and layers, compare centralized and decentralized layouts, simulate growth and
render a bilingual report.

>>> import orglib
>>> org = orglib.Org.from_records([{"id": "m", "headcount": 1},
...                                {"id": "e", "reports_to": "m", "headcount": 4}])
>>> org.headcount_total
5.0
"""

from __future__ import annotations

import importlib
from typing import Any

from .errors import OrgError, OrgInputError, OrgValidationError, Problem
from .model import Org

__version__ = "0.1.0"

# Public names and the module that defines each; imported on first use so that
# `import orglib` stays fast and light (no matplotlib, no dask until needed).
_LAZY: dict[str, str] = {
    # io & validation
    "load": "orglib.io", "save": "orglib.io", "convert": "orglib.io",
    "validate": "orglib.validation", "check": "orglib.validation",
    # templates & catalogues
    "template": "orglib.templates", "template_ids": "orglib.templates",
    "catalog": "orglib.catalog",
    # analytics
    "spans_layers": "orglib.spans", "graicunas": "orglib.spans",
    "compare": "orglib.compare", "diff": "orglib.compare",
    "layouts": "orglib.layouts", "raci": "orglib.raci", "workflows": "orglib.workflows",
    # simulation
    "simulate": "orglib.simulate", "latency_sweep": "orglib.latency", "sweep": "orglib.sweep",
    # visuals & reports
    "viz": "orglib.viz", "report": "orglib.report",
    "widgets": "orglib.widgets",
}

__all__ = ["Org", "OrgError", "OrgInputError", "OrgValidationError", "Problem", *_LAZY]


def __getattr__(name: str) -> Any:
    mod_name = _LAZY.get(name)
    if mod_name is None:
        raise AttributeError(f"module 'orglib' has no attribute {name!r}")
    mod = importlib.import_module(mod_name)
    # a name equal to its module's last part is the module itself (orglib.viz); where the
    # module has a function of that name the module is callable (see orglib._callable)
    value = mod if mod_name.rsplit(".", 1)[1] == name else getattr(mod, name)
    globals()[name] = value
    return value
