"""Reading and writing orgs: one module per format, client-file interpretation, validation.
"""

from __future__ import annotations

from ._cells import (  # noqa: F401
    escape_cell,
    sheet_title,
    table_for_sheet,
    xlsx_cell,
    xlsx_safe,
)
from ._client import (  # noqa: F401
    CLIENT_KEY,
    client_positions,
    format_number,
    number_style,
)
from ._columns import (  # noqa: F401
    ALIASES,
    CHILD_KEYS,
    COLUMNS_FILE,
    NO_MANAGER,
    field_for,
    map_columns,
)
from ._csv import (  # noqa: F401
    DELIMITERS,
    read_csv,
    sniff_delimiter,
    write_csv,
)
from ._encoding import (  # noqa: F401
    OLE_MAGIC,
    ZIP_MAGIC,
    check_input_encoding,
    decode_bytes,
    guess_encoding,
    input_encoding,
    read_text,
    sniff_format,
    text_score,
)
from ._header import (  # noqa: F401
    find_header,
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
from ._organogram import (  # noqa: F401
    SENIOR_JUNIOR,
    is_junior,
    is_senior,
)
from ._reconcile import (  # noqa: F401
    ROLE_SUFFIXES,
    TitleIndex,
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
from ._summary import (  # noqa: F401
    EXAMPLES,
    MORE_HINT,
    count_text,
    group_problems,
    problems_json,
    summarize_problems,
)
from ._tree import (  # noqa: F401
    flatten_tree,
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

__all__ = [
    "ALIASES",
    "CHILD_KEYS",
    "CLIENT_KEY",
    "COLUMNS_FILE",
    "DELIMITERS",
    "EXAMPLES",
    "FORMATS",
    "MORE_HINT",
    "NO_MANAGER",
    "OLE_MAGIC",
    "READERS",
    "ROLE_SUFFIXES",
    "RawOrg",
    "SENIOR_JUNIOR",
    "SIDECARS",
    "TitleIndex",
    "WRITERS",
    "ZIP_MAGIC",
    "build_org",
    "check",
    "client_positions",
    "convert",
    "count_text",
    "check_input_encoding",
    "decode_bytes",
    "guess_encoding",
    "input_encoding",
    "escape_cell",
    "field_for",
    "find_header",
    "flatten_tree",
    "format_number",
    "group_problems",
    "is_junior",
    "is_senior",
    "load",
    "map_columns",
    "match_title",
    "normalize_title",
    "number_style",
    "problems_json",
    "read_csv",
    "read_json",
    "read_text",
    "text_score",
    "read_xlsx",
    "read_yaml",
    "reconcile_direct_reports",
    "resolve_source",
    "save",
    "sniff_delimiter",
    "sheet_title",
    "sniff_format",
    "summarize_problems",
    "table_for_sheet",
    "validate",
    "write_csv",
    "write_json",
    "write_xlsx",
    "write_yaml",
    "xlsx_cell",
    "xlsx_safe",
]
