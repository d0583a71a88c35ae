"""Designs: seed templates, theory catalogues and layout generators.
"""

from __future__ import annotations

from ._catalog import (  # noqa: F401
    roles,
    lifecycle,
    principles,
    coordination,
    kpis,
    marketing_mix,
    elements,
    frameworks,
    mix_relations,
    stp,
    aida,
    service_3p,
    ars,
    CATALOGS,
    catalog,
    all_tags,
)
from ._layouts import (  # noqa: F401
    SOURCE,
    FUNCTIONS_DEFAULT,
    DEFAULT_REGIONS,
    DEFAULT_PRODUCTS,
    DEFAULT_SEGMENTS,
    DEFAULT_PROJECTS,
    team_levels,
    centralized,
    decentralized,
    by_region,
    by_product,
    by_segment,
    matrix,
    project_teams,
    LAYOUTS,
)
from ..data import template_ids, template_path  # noqa: F401
from ._templates import (  # noqa: F401
    template,
    top_post,
    describe_templates,
    tree_text,
)

__all__ = ['template_ids', 'template_path', 'roles', 'lifecycle', 'principles', 'coordination', 'kpis', 'marketing_mix', 'elements', 'frameworks', 'mix_relations', 'stp', 'aida', 'service_3p', 'ars', 'CATALOGS', 'catalog', 'all_tags', 'SOURCE', 'FUNCTIONS_DEFAULT', 'DEFAULT_REGIONS', 'DEFAULT_PRODUCTS', 'DEFAULT_SEGMENTS', 'DEFAULT_PROJECTS', 'team_levels', 'centralized', 'decentralized', 'by_region', 'by_product', 'by_segment', 'matrix', 'project_teams', 'LAYOUTS', 'template', 'top_post', 'describe_templates', 'tree_text']
