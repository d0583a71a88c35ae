"""Reports: the papermill notebook, its sections, rendering and batch runs.
"""

from __future__ import annotations

from ._batch import (  # noqa: F401
    batch_timings_text,
    jobs_from,
    read_params,
    read_params_text,
    render_one,
    run_batch,
    summary_text,
    timings_text,
)
from ._render import (  # noqa: F401
    CHROMIUM_ARGS,
    CHROMIUM_CANDIDATES,
    PDF_HINT,
    REPORT_NOTEBOOK,
    WARM_IMPORTS,
    IPCKernelManager,
    KernelPool,
    ReportError,
    ReportResult,
    coerce_parameters,
    default_name,
    find_chromium,
    kernel_pool,
    notebook_parameters,
    parse_literal,
    print_pdf,
    remote_references,
    render,
    start_kernel,
    stop_kernel,
    to_html,
)
from ._sections import (  # noqa: F401
    REPORT_CSS,
    HTMLFragment,
    Report,
    build,
    duties_table,
    esc,
    fmt,
    load_design,
    missing_html,
    simple_diff,
    simulation_frame,
    table_html,
)

__all__ = ['read_params_text', 'read_params', 'render_one', 'run_batch', 'summary_text', 'timings_text', 'batch_timings_text', 'jobs_from', 'REPORT_NOTEBOOK', 'CHROMIUM_CANDIDATES', 'CHROMIUM_ARGS', 'PDF_HINT', 'ReportError', 'ReportResult', 'IPCKernelManager', 'KernelPool', 'WARM_IMPORTS', 'kernel_pool', 'start_kernel', 'stop_kernel', 'notebook_parameters', 'coerce_parameters', 'find_chromium', 'default_name', 'remote_references', 'to_html', 'print_pdf', 'render', 'parse_literal', 'REPORT_CSS', 'HTMLFragment', 'esc', 'fmt', 'table_html', 'missing_html', 'load_design', 'Report', 'simulation_frame', 'simple_diff', 'duties_table', 'build']
