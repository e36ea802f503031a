"""Text helpers the screens share."""

from __future__ import annotations

from quizapp.core.bank.models import Choice, Question
from quizapp.core.sessions.answered import review_markdown
from quizapp.ui.formatting import NO_EXPLANATION, SPARK_LEVELS, spark_bars
from quizapp.ui.screens.drill import explanation_content


def test_spark_bars_use_a_fixed_scale() -> None:
    assert spark_bars([0, 50, 100], low=0, high=100) == "▁▅█"
    # a flat run of 70s stays flat, and a one-point wobble does not become a cliff
    assert spark_bars([70, 71, 70], low=0, high=100) == "▆▆▆"


def test_spark_bars_clamp_out_of_range_values_and_survive_an_empty_scale() -> None:
    assert spark_bars([-5, 120], low=0, high=100) == SPARK_LEVELS[0] + SPARK_LEVELS[-1]
    assert spark_bars([3, 4], low=5, high=5) == SPARK_LEVELS[0] * 2
    assert spark_bars([], low=0, high=100) == ""


def bare_question() -> Question:
    return Question(
        id="a1-bare",
        topic="A.1",
        stem="Which one?",
        choices=[Choice(text="This", correct=True), Choice(text="That"), Choice(text="Other")],
        difficulty=2,
    )


def test_a_question_without_explanation_says_so() -> None:
    question = bare_question()
    review = review_markdown(question, None, 1)
    assert NO_EXPLANATION in review and "References" not in review
    drill = str(explanation_content(question))
    assert drill == NO_EXPLANATION


def test_an_explained_question_shows_explanation_and_references() -> None:
    question = bare_question().model_copy(
        update={"explanation": "Because.\n", "references": ["DICOM PS3.4"]}
    )
    drill = str(explanation_content(question))
    assert drill.startswith("Because.") and "References" in drill and "DICOM PS3.4" in drill
    assert NO_EXPLANATION not in review_markdown(question, None, None)
