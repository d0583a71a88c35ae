"""Shared base of orglib: errors, i18n, the Org model, tree walks, file writes, labels.

Every other subpackage imports from here; this package imports none of them.
"""

from __future__ import annotations

from .errors import (  # noqa: F401
    ERROR,
    WARNING,
    Problem,
    OrgError,
    OrgInputError,
    OrgValidationError,
)
from .i18n import (  # noqa: F401
    LANGS,
    check_lang,
    tr,
    pick,
)
from .model import (  # noqa: F401
    POSITION_COLUMNS,
    UNIT_COLUMNS,
    LINK_COLUMNS,
    WORKFLOW_COLUMNS,
    LINK_KINDS,
    NESTED_FIELDS,
    NUMERIC_FIELDS,
    BOOL_FIELDS,
    TABLES,
    TABLE_COLUMNS,
    normalize_table,
    to_text,
    is_missing,
    Org,
    plain,
    workflows_to_nested,
    workflows_from_nested,
)

__all__ = ['ERROR', 'WARNING', 'Problem', 'OrgError', 'OrgInputError', 'OrgValidationError', 'LANGS', 'check_lang', 'tr', 'pick', 'POSITION_COLUMNS', 'UNIT_COLUMNS', 'LINK_COLUMNS', 'WORKFLOW_COLUMNS', 'LINK_KINDS', 'NESTED_FIELDS', 'NUMERIC_FIELDS', 'BOOL_FIELDS', 'TABLES', 'TABLE_COLUMNS', 'normalize_table', 'to_text', 'is_missing', 'Org', 'plain', 'workflows_to_nested', 'workflows_from_nested']
