"""Reading and writing orgs: one module per format, client-file interpretation, validation.
"""

from __future__ import annotations

from ._columns import (  # noqa: F401
    ALIASES,
    map_columns,
)
from ._encoding import (  # noqa: F401
    OLE_MAGIC,
    ZIP_MAGIC,
    decode_bytes,
    read_text,
    sniff_format,
)
from ._load import (  # noqa: F401
    FORMATS,
    READERS,
    SIDECARS,
    WRITERS,
    RawOrg,
    build_org,
    convert,
    escape_cell,
    load,
    read_csv,
    read_json,
    read_xlsx,
    read_yaml,
    resolve_source,
    save,
    table_for_sheet,
    write_csv,
    write_json,
    write_xlsx,
    write_yaml,
)
from ._reconcile import (  # noqa: F401
    ROLE_SUFFIXES,
    match_title,
    normalize_title,
    reconcile_direct_reports,
)
from ._validation import (  # noqa: F401
    check,
    validate,
)

__all__ = ['ALIASES', 'map_columns', 'ZIP_MAGIC', 'OLE_MAGIC', 'sniff_format', 'decode_bytes', 'read_text', 'FORMATS', 'SIDECARS', 'RawOrg', 'resolve_source', 'load', 'read_yaml', 'read_json', 'read_csv', 'read_xlsx', 'READERS', 'build_org', 'escape_cell', 'save', 'convert', 'write_yaml', 'write_json', 'table_for_sheet', 'write_csv', 'write_xlsx', 'WRITERS', 'ROLE_SUFFIXES', 'normalize_title', 'match_title', 'reconcile_direct_reports', 'check', 'validate']
