"""The what-if explorer: ipywidgets panel and the Voila app that serves it.
"""

from __future__ import annotations

from ._app import (  # noqa: F401
    DEFAULT_IP,
    DEFAULT_PORT,
    PACKAGE_NOTEBOOK,
    AppServer,
    app_url,
    explorer_notebook,
    free_port,
    serve,
    start,
    voila_command,
)
from ._widgets import (  # noqa: F401
    CSS,
    DEFAULT_TEMPLATE,
    EXPORT_SUFFIXES,
    GROWTH_RANGE,
    LABELS,
    LAYOUT_CHOICES,
    MAX_FUNCTIONS,
    METRIC_LABELS,
    REGION_RANGE,
    SPAN_RANGE,
    SYNTHETIC_ID,
    UPLOAD_SUFFIXES,
    EditError,
    Explorer,
    ExplorerState,
    ExplorerView,
    Note,
    Params,
    UploadResult,
    bars_html,
    check_params,
    compute_view,
    derive_functions,
    explorer,
    notes_html,
    problems_html,
    synthetic_org,
    table_html,
)

__all__ = ['DEFAULT_IP', 'DEFAULT_PORT', 'PACKAGE_NOTEBOOK', 'explorer_notebook', 'free_port', 'app_url', 'voila_command', 'AppServer', 'start', 'serve', 'LAYOUT_CHOICES', 'UPLOAD_SUFFIXES', 'EXPORT_SUFFIXES', 'SPAN_RANGE', 'REGION_RANGE', 'GROWTH_RANGE', 'MAX_FUNCTIONS', 'SYNTHETIC_ID', 'DEFAULT_TEMPLATE', 'Note', 'EditError', 'UploadResult', 'synthetic_org', 'Params', 'check_params', 'ExplorerState', 'derive_functions', 'METRIC_LABELS', 'ExplorerView', 'compute_view', 'CSS', 'table_html', 'bars_html', 'notes_html', 'problems_html', 'LABELS', 'Explorer', 'explorer']
