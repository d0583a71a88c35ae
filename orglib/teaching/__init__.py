"""Lesson support: self-checking exercises and their widget, the seed's structure rule.
"""

from __future__ import annotations

from ._exercises import (  # noqa: F401
    EXERCISES,
    LESSONS,
    Exercise,
    Feedback,
    answer,
    check_exercise,
    exercise_widget,
    exercises,
    feedback_html,
    handout_html,
    prompt,
    question_html,
    show_exercises,
    span_tradeoff,
)
from ._open import open_questions  # noqa: F401
from ._structure import (  # noqa: F401
    LARGE_FIRM,
    STAGES,
    StructureAdvice,
    recommend_structure,
    stage_key,
    structure_rule_table,
)

__all__ = ['Feedback', 'Exercise', 'LESSONS', 'span_tradeoff', 'EXERCISES', 'exercises', 'prompt', 'answer',
           'check_exercise', 'feedback_html', 'exercise_widget', 'LARGE_FIRM', 'STAGES', 'StructureAdvice',
           'recommend_structure', 'stage_key', 'structure_rule_table', 'handout_html', 'question_html',
           'show_exercises', 'open_questions']
