"""Reading and writing orgs: one module per format, client-file interpretation, validation.
"""

from __future__ import annotations

from ._cells import (  # noqa: F401
    escape_cell,
    table_for_sheet,
)
from ._columns import (  # noqa: F401
    ALIASES,
    map_columns,
)
from ._csv import (  # noqa: F401
    read_csv,
    write_csv,
)
from ._encoding import (  # noqa: F401
    OLE_MAGIC,
    ZIP_MAGIC,
    decode_bytes,
    read_text,
    sniff_format,
)
from ._hr import (  # noqa: F401
    build_org,
)
from ._load import (  # noqa: F401
    READERS,
    WRITERS,
    convert,
    load,
    save,
)
from ._reconcile import (  # noqa: F401
    ROLE_SUFFIXES,
    match_title,
    normalize_title,
    reconcile_direct_reports,
)
from ._source import (  # noqa: F401
    FORMATS,
    SIDECARS,
    RawOrg,
    resolve_source,
)
from ._validation import (  # noqa: F401
    check,
    validate,
)
from ._xlsx import (  # noqa: F401
    read_xlsx,
    write_xlsx,
)
from ._yaml_json import (  # noqa: F401
    read_json,
    read_yaml,
    write_json,
    write_yaml,
)

__all__ = ['ALIASES', 'map_columns', 'ZIP_MAGIC', 'OLE_MAGIC', 'sniff_format', 'decode_bytes', 'read_text', 'FORMATS', 'SIDECARS', 'RawOrg', 'resolve_source', 'load', 'read_yaml', 'read_json', 'read_csv', 'read_xlsx', 'READERS', 'build_org', 'escape_cell', 'save', 'convert', 'write_yaml', 'write_json', 'table_for_sheet', 'write_csv', 'write_xlsx', 'WRITERS', 'ROLE_SUFFIXES', 'normalize_title', 'match_title', 'reconcile_direct_reports', 'check', 'validate']
