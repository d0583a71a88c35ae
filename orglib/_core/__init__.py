"""Shared base of orglib: errors, i18n, the Org model, tree walks, file writes, labels.

Every other subpackage imports from here; this package imports none of them.
"""

from __future__ import annotations

import importlib
from typing import Any

from .errors import (  # noqa: F401
    ERROR,
    WARNING,
    OrgError,
    OrgInputError,
    OrgValidationError,
    Problem,
)
from .fs import (  # noqa: F401
    MAX_NAME_BYTES,
    TMP_PREFIX,
    TMP_SUFFIX,
    atomic_write,
    atomic_write_bytes,
    atomic_write_set,
    atomic_write_text,
    check_file_stem,
    check_folder,
    check_target,
    clean_stale_temp,
    clean_stale_temp_dirs,
    current_umask,
    temp_dir_prefix,
)
from .i18n import (  # noqa: F401
    LANGS,
    check_lang,
    count_en,
    pick,
    tr,
)
from .labels import LINK_LABELS, METRIC_LABELS, metric_label, metric_labels  # noqa: F401

# The model and the tree walks need numpy/pandas (~0.4 s to import): they load on first use,
# so `import orglib` and `orglib --help` stay light (issue 14, goal 6).
_LAZY: dict[str, str] = {
    **dict.fromkeys((
        "BOOL_FIELDS", "LINK_COLUMNS", "LINK_KINDS", "NESTED_FIELDS", "NUMERIC_FIELDS",
        "POSITION_COLUMNS", "TABLE_COLUMNS", "TABLES", "UNIT_COLUMNS", "WORKFLOW_COLUMNS", "Org",
        "id_codes", "id_rows", "is_missing", "normalize_table", "plain", "to_text", "workflows_from_nested",
        "workflows_to_nested"), "model"),
    **dict.fromkeys((
        "TreeMetrics", "children_lists", "depths", "descendants", "head_index", "preorder",
        "subtree_totals", "tree_metrics"), "tree"),
}


def __getattr__(name: str) -> Any:
    mod = _LAZY.get(name)
    if mod is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{mod}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__all__ = ['LINK_LABELS', 'METRIC_LABELS', 'metric_label', 'metric_labels', 'ERROR', 'WARNING', 'Problem', 'OrgError', 'OrgInputError', 'OrgValidationError', 'TMP_PREFIX', 'TMP_SUFFIX', 'current_umask', 'atomic_write', 'atomic_write_bytes', 'atomic_write_text', 'atomic_write_set', 'MAX_NAME_BYTES', 'check_target', 'check_folder', 'check_file_stem', 'clean_stale_temp', 'clean_stale_temp_dirs', 'temp_dir_prefix', 'LANGS', 'check_lang', 'count_en', 'tr', 'pick', 'POSITION_COLUMNS', 'UNIT_COLUMNS', 'LINK_COLUMNS', 'WORKFLOW_COLUMNS', 'LINK_KINDS', 'NESTED_FIELDS', 'NUMERIC_FIELDS', 'BOOL_FIELDS', 'TABLES', 'TABLE_COLUMNS', 'normalize_table', 'to_text', 'is_missing', 'id_codes', 'id_rows', 'Org', 'plain', 'workflows_to_nested', 'workflows_from_nested', 'depths', 'TreeMetrics', 'tree_metrics', 'subtree_totals', 'head_index', 'children_lists', 'preorder', 'descendants']
