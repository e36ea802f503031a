"""Reviewing an answered question: the choices as they were shown, letters, marks, time."""

from __future__ import annotations

from textual.widgets import Markdown, OptionList

from quizapp.ui.screens.exam import ExamScreen
from quizapp.ui.screens.exam_results import ExamResultsScreen
from quizapp.ui.screens.question_review import QuestionReviewModal
from tests.conftest import FakeClock
from tests.ui.conftest import AppFactory


def review_source(app: object) -> str:
    modal = app.screen  # type: ignore[attr-defined]
    assert isinstance(modal, QuestionReviewModal)
    return str(modal.query_one("#review-markdown", Markdown).source)


async def test_exam_review_shows_the_choices_as_the_candidate_saw_them(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_exam(5, 5, replace_screen=False)
        await pilot.pause()
        exam = app.screen
        assert isinstance(exam, ExamScreen)
        session = exam.session
        # a question whose choices were shuffled away from the bank's order
        position = next(p for p in range(session.count) if session.state.orders[p] != [0, 1, 2, 3])
        session.goto(position)
        presented = session.presented()
        wrong = (presented.correct_display_index + 1) % 4
        await pilot.press("abcd"[wrong])
        clock.advance(42)
        await pilot.press("s", "y")
        await pilot.pause()
        results = app.screen
        assert isinstance(results, ExamResultsScreen)
        await pilot.press("a")
        review = results.query_one("#results-review", OptionList)
        review.highlighted = position
        await pilot.press("enter")
        await pilot.pause()
        source = review_source(app)
        texts = presented.choice_texts
        pairs = zip("ABCD", texts, strict=True)
        at = [source.index(f"**{letter}.** {text}") for letter, text in pairs]
        assert at == sorted(at)  # in the order shown, each with the letter shown
        letter = "ABCD"[wrong]
        right = "ABCD"[presented.correct_display_index]
        assert f"You answered **{letter}**; the answer is **{right}**." in source
        assert "42s on this question" in source
