"""Designs: seed templates, theory catalogues, layout generators and synthetic orgs.
"""

from __future__ import annotations

from ..data import template_ids, template_path  # noqa: F401
from ._catalog import (  # noqa: F401
    CATALOGS,
    aida,
    all_tags,
    ars,
    catalog,
    coordination,
    elements,
    frameworks,
    kpis,
    lifecycle,
    marketing_mix,
    mix_relations,
    principles,
    roles,
    service_3p,
    stp,
)
from ._layouts import (  # noqa: F401
    DEFAULT_PRODUCTS,
    DEFAULT_PROJECTS,
    DEFAULT_REGIONS,
    DEFAULT_SEGMENTS,
    FUNCTIONS_DEFAULT,
    LAYOUTS,
    SOURCE,
    by_product,
    by_region,
    by_segment,
    centralized,
    decentralized,
    matrix,
    project_teams,
    team_levels,
)
from ._synthetic import (  # noqa: F401
    SYNTHETIC_ID,
    breadth_first_parents,
    synthetic_org,
)
from ._templates import (  # noqa: F401
    describe_templates,
    template,
    top_post,
    tree_text,
)

__all__ = ['template_ids', 'template_path', 'roles', 'lifecycle', 'principles', 'coordination', 'kpis', 'marketing_mix', 'elements', 'frameworks', 'mix_relations', 'stp', 'aida', 'service_3p', 'ars', 'CATALOGS', 'catalog', 'all_tags', 'SOURCE', 'FUNCTIONS_DEFAULT', 'DEFAULT_REGIONS', 'DEFAULT_PRODUCTS', 'DEFAULT_SEGMENTS', 'DEFAULT_PROJECTS', 'team_levels', 'centralized', 'decentralized', 'by_region', 'by_product', 'by_segment', 'matrix', 'project_teams', 'LAYOUTS', 'template', 'top_post', 'describe_templates', 'tree_text', 'SYNTHETIC_ID', 'breadth_first_parents', 'synthetic_org']
