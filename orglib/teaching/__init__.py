"""Lesson support: self-checking exercises, open questions, the seed's structure rule,
lesson figures, the workflows lesson, the capstone's scoring, the lessons in one language
(:func:`lesson_notebook`) and the teacher's pack.
"""

from __future__ import annotations

from ._capstone import (  # noqa: F401
    CASES,
    SPAN_BAND,
    WEIGHTS,
    Case,
    case,
    design_from_choices,
    score_design,
    score_row,
    scores_csv,
    structure_of,
    write_scores,
)
from ._exercises import (  # noqa: F401
    EXERCISES,
    LESSONS,
    Exercise,
    Feedback,
    answer,
    check_exercise,
    element_coverage,
    exercise_widget,
    exercises,
    feedback_html,
    handout_html,
    prompt,
    question_html,
    show_exercises,
    span_tradeoff,
)
from ._figures import (  # noqa: F401
    mix_relation_figure,
    orgcharts_side_by_side,
    overload_spans,
    stage_role_counts,
    stage_role_heatmap,
    tradeoff_figure,
)
from ._lesson_lang import (  # noqa: F401
    PARAMETER_TEXT_EN,
    block_language,
    lesson_notebook,
    lesson_source,
    markdown_in,
    write_lesson_notebooks,
)
from ._open import open_questions  # noqa: F401
from ._pack import (  # noqa: F401
    answer_key,
    build_pack,
    lesson_handout,
    lesson_page,
    lesson_slides,
    syllabus_page,
)
from ._plans import (  # noqa: F401
    PLANS,
    Plan,
    Slide,
    plan,
    syllabus,
    timing_table,
)
from ._structure import (  # noqa: F401
    LARGE_FIRM,
    STAGES,
    StructureAdvice,
    recommend_structure,
    stage_key,
    structure_rule_table,
)
from ._workflow_lesson import (  # noqa: F401
    ROLE_MAPS,
    WORKFLOWS,
    metric_label,
    steps,
    structure_effect,
    structure_effect_all,
    under_company,
    workflow_table,
)

__all__ = [
    'CASES', 'EXERCISES', 'LARGE_FIRM', 'LESSONS', 'PLANS', 'ROLE_MAPS', 'SPAN_BAND', 'STAGES', 'WEIGHTS',
    'WORKFLOWS', 'Case', 'Exercise', 'Feedback', 'Plan', 'Slide', 'StructureAdvice', 'answer', 'answer_key',
    'PARAMETER_TEXT_EN', 'block_language', 'build_pack', 'case', 'check_exercise', 'design_from_choices', 'element_coverage', 'exercise_widget',
    'exercises', 'feedback_html', 'handout_html', 'lesson_handout', 'lesson_notebook', 'lesson_page', 'lesson_slides', 'lesson_source', 'markdown_in', 'metric_label',
    'mix_relation_figure', 'open_questions', 'orgcharts_side_by_side', 'overload_spans', 'plan', 'prompt',
    'question_html', 'recommend_structure', 'score_design', 'score_row', 'scores_csv', 'show_exercises',
    'span_tradeoff', 'stage_key', 'stage_role_counts', 'stage_role_heatmap', 'steps', 'structure_effect',
    'structure_effect_all', 'structure_of', 'structure_rule_table', 'syllabus', 'syllabus_page', 'timing_table',
    'tradeoff_figure', 'under_company', 'workflow_table', 'write_lesson_notebooks', 'write_scores',
]
