"""Lesson exercises: every check gives feedback for right and wrong answers, in zh and en."""

from __future__ import annotations

import pytest

from orglib._core.errors import OrgInputError
from orglib.analysis._spans import graicunas
from orglib.teaching._exercises import (
    EXERCISES,
    Feedback,
    answer,
    check_exercise,
    exercise_widget,
    exercises,
    prompt,
    span_tradeoff,
)

ALL = sorted(EXERCISES)
WRONG = {"number": "99999", "yesno": "是", "set": "灵活性"}


def wrong_answer(ex) -> str:
    """A valid but wrong answer: another choice of the same list."""
    if ex.kind != "choice":
        return WRONG[ex.kind]
    right = ex.solve()
    return next(alias for alias, key in ex.aliases().items() if key != right)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("key", ALL, ids=[f"L{k[0]}{k[1]}" for k in ALL])
def test_right_answer_is_accepted_and_explained(key, lang):
    lesson, q = key
    fb = check_exercise(lesson, q, answer(lesson, q, lang), lang)
    assert isinstance(fb, Feedback)
    assert fb.correct, fb.explanation
    assert fb.explanation.startswith("正确" if lang == "zh" else "Correct")
    assert len(fb.explanation) > 20
    assert fb.answer == answer(lesson, q, lang)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("key", ALL, ids=[f"L{k[0]}{k[1]}" for k in ALL])
def test_wrong_answer_gets_the_answer_and_why(key, lang):
    lesson, q = key
    ex = EXERCISES[key]
    fb = check_exercise(lesson, q, wrong_answer(ex), lang)
    assert not fb.correct
    assert fb.answer in fb.explanation
    assert fb.explanation.startswith("不对" if lang == "zh" else "Not quite")


@pytest.mark.parametrize("key", ALL, ids=[f"L{k[0]}{k[1]}" for k in ALL])
def test_unreadable_and_empty_answers_explain_themselves(key):
    lesson, q = key
    fb = check_exercise(lesson, q, "???", "en")
    assert not fb.correct and fb.answer in fb.explanation
    empty = check_exercise(lesson, q, "", "zh")
    assert not empty.correct and "请先填写答案" in empty.explanation


def test_prompts_are_bilingual():
    for lesson, q in ALL:
        zh, en = prompt(lesson, q, "zh"), prompt(lesson, q, "en")
        assert zh != en and any("\u4e00" <= c <= "\u9fff" for c in zh)


def test_answers_come_from_the_library():
    assert answer(4, "q1", "en") == str(graicunas(6).total)
    t = span_tradeoff(200, [4, 10])
    assert answer(4, "q3", "en") == str(int(t["layers"].iloc[0] - t["layers"].iloc[1]))


def test_aliases_in_both_languages():
    assert check_exercise(1, "q1", "intelligence", "zh").correct
    assert check_exercise(1, "q1", "情报机构", "en").correct
    assert check_exercise(1, "q2", "成长", "en").correct
    assert check_exercise(2, "q1", "Price", "zh").correct
    assert check_exercise(2, "q2", "No", "en").correct
    assert check_exercise(4, "q2", "监督者", "en").correct
    assert check_exercise(5, "q3", "效率, 协调性 、清晰责任", "zh").correct
    assert not check_exercise(5, "q3", "效率", "zh").correct  # only part of the set


def test_span_tradeoff_shape():
    t = span_tradeoff(200, range(2, 8))
    assert list(t["layers"]) == sorted(t["layers"], reverse=True)
    assert list(t["graicunas"]) == sorted(t["graicunas"])
    with pytest.raises(OrgInputError):
        span_tradeoff(0)


def test_unknown_lesson_and_question():
    with pytest.raises(OrgInputError):
        exercises(9)
    with pytest.raises(OrgInputError):
        check_exercise(1, "q9", "x", "zh")
    with pytest.raises(OrgInputError):
        check_exercise(1, "q1", "x", "fr")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_widget_checks_and_shows_feedback(lang):
    box = exercise_widget(3, "q3", lang)
    assert "orglib-exercise" in box._dom_classes
    text = box.children[1].children[0]
    button = box.children[1].children[1]
    feedback = box.children[2]
    text.value = "2"
    button.click()
    assert "✗" in feedback.value
    text.value = answer(3, "q3", lang)
    button.click()
    assert "✓" in feedback.value
    assert box.check("<script>").correct is False
    assert "<script>" not in feedback.value
