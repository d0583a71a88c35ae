"""Analysis of one org or several: spans and layers, coverage and RACI, metrics, compare, workflows.
"""

from __future__ import annotations

from ._compare import (  # noqa: F401
    CHANGES,
    OrgDiff,
    compare,
    diff,
)
from ._coverage import (  # noqa: F401
    CATALOGUE_TAGS,
    FOUR_ROLES,
    LETTER_ORDER,
    LINK_LETTER,
    MIX,
    TAG_LABELS,
    coverage,
    duty_table,
    tag_group,
    tag_label,
)
from ._findings import (  # noqa: F401
    RULES,
    SEVERITY_LABELS,
    Finding,
    benchmark_layers,
    findings,
    findings_frame,
    has_responsibilities,
)
from ._metrics import (  # noqa: F401
    METRICS,
    metrics,
    span_metrics,
)
from ._raci import (  # noqa: F401
    PRINCIPLES,
    Raci,
    peer_authority,
    principles,
    raci,
)
from ._spans import (  # noqa: F401
    ARCHETYPES,
    DEFAULT_BANDS,
    FLAG_CODES,
    GRAICUNAS_LIMIT,
    MICRO_TEAM,
    Archetype,
    Graicunas,
    SpansLayers,
    band_labels,
    graicunas,
    resolve_target,
    spans_layers,
    spans_layers_networkx,
)
from ._workflows import (  # noqa: F401
    DEFAULT_DURATIONS,
    METRIC_LABELS,
    compare_workflow,
    run_on,
    steps_table,
    workflow_ids,
    workflow_metrics,
)

__all__ = ['RULES', 'SEVERITY_LABELS', 'Finding', 'benchmark_layers', 'findings', 'findings_frame', 'has_responsibilities', 'compare', 'OrgDiff', 'CHANGES', 'diff', 'FOUR_ROLES', 'MIX', 'CATALOGUE_TAGS', 'TAG_LABELS', 'LINK_LETTER', 'LETTER_ORDER', 'tag_group', 'tag_label', 'duty_table', 'coverage', 'METRICS', 'metrics', 'span_metrics', 'PRINCIPLES', 'Raci', 'raci', 'principles', 'peer_authority', 'Archetype', 'ARCHETYPES', 'DEFAULT_BANDS', 'GRAICUNAS_LIMIT', 'MICRO_TEAM', 'Graicunas', 'graicunas', 'resolve_target', 'band_labels', 'SpansLayers', 'FLAG_CODES', 'spans_layers', 'spans_layers_networkx', 'DEFAULT_DURATIONS', 'METRIC_LABELS', 'workflow_ids', 'workflow_metrics', 'steps_table', 'run_on', 'compare_workflow']
