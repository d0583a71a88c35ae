"""Let ``orglib.compare(a, b)`` work whether ``orglib.compare`` is the function or its module.

Importing a submodule sets the package attribute of the same name to the module, so
``orglib.compare`` turns from the function into the module as soon as any code runs
``import orglib.compare``. Modules whose main function shares their name call
:func:`callable_module` at the end: the module object then forwards calls to that
function, and both spellings keep working.

>>> import orglib.compare, orglib
>>> callable(orglib.compare)
True
"""

from __future__ import annotations

import sys
import types
from typing import Any


def callable_module(module_name: str, func_name: str | None = None) -> None:
    """Make module ``module_name`` callable as its function ``func_name`` (default: same name)."""
    module = sys.modules[module_name]
    name = func_name or module_name.rsplit(".", 1)[1]

    class _CallableModule(types.ModuleType):
        def __call__(self, *args: Any, **kwargs: Any) -> Any:
            return getattr(self, name)(*args, **kwargs)

    _CallableModule.__doc__ = f"Module {module_name}; calling it calls {name}()."
    module.__class__ = _CallableModule
