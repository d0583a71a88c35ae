"""Lesson support: self-checking exercises and their widget.
"""

from __future__ import annotations

from ._exercises import (  # noqa: F401
    Feedback,
    Exercise,
    LESSONS,
    span_tradeoff,
    EXERCISES,
    exercises,
    prompt,
    answer,
    check_exercise,
    feedback_html,
    exercise_widget,
)

__all__ = ['Feedback', 'Exercise', 'LESSONS', 'span_tradeoff', 'EXERCISES', 'exercises', 'prompt', 'answer', 'check_exercise', 'feedback_html', 'exercise_widget']
