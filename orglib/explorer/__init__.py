"""The what-if explorer: pure state and edits, the view, the ipywidgets panel and the Voilà app.

``_state`` (ExplorerState, edits, undo, EditError, Params, clamp_params) and ``_view``
(compute_view) need no ipywidgets; ``_panel`` is the only module that uses them;
``_app`` serves ``explorer.ipynb`` with Voilà.
"""

from __future__ import annotations

from ..designs import SYNTHETIC_ID, synthetic_org  # noqa: F401
from ._app import (  # noqa: F401
    CULL_INTERVAL,
    DEFAULT_IDLE_TIMEOUT,
    DEFAULT_IP,
    DEFAULT_PORT,
    ENV_TOKEN,
    MAX_MESSAGE_BYTES,
    MIN_TOKEN_LENGTH,
    PACKAGE_NOTEBOOK,
    AppServer,
    app_url,
    check_token,
    explorer_notebook,
    free_port,
    serve,
    start,
    voila_command,
)
from ._functions import (  # noqa: F401
    MAX_FUNCTIONS,
    derive_functions,
)
from ._html import (  # noqa: F401
    CSS,
    bars_html,
    message_html,
    notes_html,
    problems_html,
    table_html,
)
from ._panel import (  # noqa: F401
    LABELS,
    Explorer,
    explorer,
)
from ._state import (  # noqa: F401
    CONTROL_CHARS,
    DEFAULT_TEMPLATE,
    EXPORT_SUFFIXES,
    GROWTH_RANGE,
    LAYOUT_CHOICES,
    REGION_RANGE,
    SPAN_RANGE,
    UPLOAD_MAX_BYTES,
    UPLOAD_SUFFIXES,
    EditError,
    ExplorerState,
    Note,
    Params,
    UploadResult,
    clamp_params,
    clean_controls,
)
from ._view import (  # noqa: F401
    METRIC_LABELS,
    ExplorerView,
    ViewCache,
    compute_view,
    fmt_value,
    view_cache,
)

__all__ = [
    "CONTROL_CHARS", "CSS", "CULL_INTERVAL", "DEFAULT_IDLE_TIMEOUT", "DEFAULT_IP", "DEFAULT_PORT", "DEFAULT_TEMPLATE", "EXPORT_SUFFIXES",
    "GROWTH_RANGE", "LABELS", "LAYOUT_CHOICES", "ENV_TOKEN", "MAX_FUNCTIONS", "MAX_MESSAGE_BYTES", "MIN_TOKEN_LENGTH", "METRIC_LABELS", "PACKAGE_NOTEBOOK",
    "REGION_RANGE", "SPAN_RANGE", "SYNTHETIC_ID", "UPLOAD_MAX_BYTES", "UPLOAD_SUFFIXES", "AppServer",
    "EditError", "Explorer", "ExplorerState", "ExplorerView", "Note", "Params", "UploadResult", "ViewCache",
    "app_url", "bars_html", "check_token", "clamp_params", "clean_controls", "compute_view", "derive_functions",
    "explorer", "explorer_notebook", "fmt_value", "free_port", "message_html", "notes_html",
    "problems_html", "serve", "start", "synthetic_org", "table_html", "view_cache", "voila_command",
]
