"""Reports: the papermill notebook, its sections, rendering and batch runs.
"""

from __future__ import annotations

from ._batch import (  # noqa: F401
    read_params_text,
    read_params,
    render_one,
    run_batch,
    summary_text,
    jobs_from,
)
from ._render import (  # noqa: F401
    REPORT_NOTEBOOK,
    CHROMIUM_CANDIDATES,
    CHROMIUM_ARGS,
    PDF_HINT,
    ReportError,
    ReportResult,
    IPCKernelManager,
    notebook_parameters,
    coerce_parameters,
    find_chromium,
    default_name,
    remote_references,
    to_html,
    print_pdf,
    render,
    parse_literal,
)
from ._sections import (  # noqa: F401
    REPORT_CSS,
    HTMLFragment,
    esc,
    fmt,
    table_html,
    missing_html,
    load_design,
    Report,
    simulation_frame,
    simple_diff,
    duties_table,
    build,
)

__all__ = ['read_params_text', 'read_params', 'render_one', 'run_batch', 'summary_text', 'jobs_from', 'REPORT_NOTEBOOK', 'CHROMIUM_CANDIDATES', 'CHROMIUM_ARGS', 'PDF_HINT', 'ReportError', 'ReportResult', 'IPCKernelManager', 'notebook_parameters', 'coerce_parameters', 'find_chromium', 'default_name', 'remote_references', 'to_html', 'print_pdf', 'render', 'parse_literal', 'REPORT_CSS', 'HTMLFragment', 'esc', 'fmt', 'table_html', 'missing_html', 'load_design', 'Report', 'simulation_frame', 'simple_diff', 'duties_table', 'build']
