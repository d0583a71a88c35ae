"""Simulation: growth simulation, span/latency trade-off, Dask parameter sweeps.

Modules: ``_policy`` (span policy, parameter checks and memory limits), ``_start`` (the Org
reduced to counts), ``_kernel`` (the vectorized monthly steps), ``_driver``
(:func:`simulate`, targets, the result and its bands), ``_snapshots`` (counts back to an
Org), ``_latency``, ``_sweep``.
"""

from __future__ import annotations

from ._driver import (  # noqa: F401
    METRIC_LABELS,
    METRICS,
    SimulationResult,
    simulate,
    summarize,
    with_params,
)
from ._kernel import Kernel  # noqa: F401
from ._latency import (  # noqa: F401
    LatencyModel,
    graicunas_total,
    hierarchy,
    latency_closed_form,
    latency_optimum,
    latency_sweep,
    simulate_latency,
    unstable_text,
)
from ._policy import (  # noqa: F401
    ARCHETYPE_POLICIES,
    MAX_HEADCOUNT,
    MAX_MONTHS,
    MAX_SPAN,
    SpanPolicy,
    check_params,
    check_seed,
    check_size,
    memory_budget,
    simulation_bytes,
)
from ._snapshots import snapshot_org  # noqa: F401
from ._start import StartState, start_state, whole_people  # noqa: F401
from ._sweep import (  # noqa: F401
    SWEEP_PARAMS,
    parameter_grid,
    run_set,
    sweep,
)

__all__ = ['LatencyModel', 'graicunas_total', 'hierarchy', 'latency_closed_form', 'simulate_latency', 'latency_sweep',
           'latency_optimum', 'unstable_text', 'METRIC_LABELS', 'METRICS', 'SimulationResult', 'simulate', 'summarize', 'with_params',
           'Kernel', 'ARCHETYPE_POLICIES', 'MAX_HEADCOUNT', 'MAX_MONTHS', 'MAX_SPAN', 'SpanPolicy', 'check_params', 'check_seed',
           'check_size', 'memory_budget', 'simulation_bytes', 'snapshot_org', 'StartState', 'start_state', 'whole_people',
           'SWEEP_PARAMS', 'parameter_grid', 'run_set', 'sweep']
