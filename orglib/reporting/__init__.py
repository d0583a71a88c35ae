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
from ._exports import (  # noqa: F401
    EA_FONT,
    FONT,
    export_files,
    safe_cell,
    write_xlsx,
)
from ._format import (  # noqa: F401
    REPORT_CSS,
    HTMLFragment,
    cell_text,
    esc,
    fmt,
    pct,
    table_html,
)
from ._pptx import (  # noqa: F401
    write_pptx,
)
from ._render import (  # noqa: F401
    CHROMIUM_ARGS,
    CHROMIUM_CANDIDATES,
    PDF_HINT,
    REPORT_NOTEBOOK,
    WARM_IMPORTS,
    IPCKernelManager,
    KernelForkServer,
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
    SECTIONS,
    Report,
    build,
    load_design,
    simulation_frame,
)
from ._workbook import (  # noqa: F401
    typed_cell,
    write_report_xlsx,
    write_workbook,
)

__all__ = ['read_params_text', 'read_params', 'render_one', 'run_batch', 'summary_text', 'timings_text', 'batch_timings_text', 'jobs_from', 'REPORT_NOTEBOOK', 'CHROMIUM_CANDIDATES', 'CHROMIUM_ARGS', 'PDF_HINT', 'ReportError', 'ReportResult', 'IPCKernelManager', 'KernelForkServer', 'KernelPool', 'WARM_IMPORTS', 'kernel_pool', 'start_kernel', 'stop_kernel', 'notebook_parameters', 'coerce_parameters', 'find_chromium', 'default_name', 'remote_references', 'to_html', 'print_pdf', 'render', 'parse_literal', 'REPORT_CSS', 'HTMLFragment', 'esc', 'fmt', 'table_html', 'load_design', 'Report', 'simulation_frame', 'build', 'EA_FONT', 'FONT', 'export_files', 'safe_cell', 'write_pptx', 'write_xlsx', 'cell_text', 'pct', 'SECTIONS', 'typed_cell', 'write_report_xlsx', 'write_workbook']
