"""Simulation: growth simulation, span/latency trade-off, Dask parameter sweeps.
"""

from __future__ import annotations

from ._latency import (  # noqa: F401
    LatencyModel,
    graicunas_total,
    hierarchy,
    latency_closed_form,
    latency_optimum,
    latency_sweep,
    simulate_latency,
)
from ._simulate import (  # noqa: F401
    ARCHETYPE_POLICIES,
    METRIC_LABELS,
    METRICS,
    SimulationResult,
    SpanPolicy,
    StartState,
    check_params,
    simulate,
    start_state,
    with_params,
)
from ._sweep import (  # noqa: F401
    SWEEP_PARAMS,
    parameter_grid,
    run_set,
    sweep,
)

__all__ = ['LatencyModel', 'graicunas_total', 'hierarchy', 'latency_closed_form', 'simulate_latency', 'latency_sweep', 'latency_optimum', 'ARCHETYPE_POLICIES', 'SpanPolicy', 'METRICS', 'METRIC_LABELS', 'StartState', 'start_state', 'check_params', 'SimulationResult', 'simulate', 'with_params', 'SWEEP_PARAMS', 'parameter_grid', 'run_set', 'sweep']
