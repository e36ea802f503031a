"""An unanswered exam question counts against the exam score, not against the topic:
it feeds neither topic accuracy nor the review schedule, and the screen says so."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from quizapp.core.progress.store import ProgressStore
from quizapp.ui.screens.exam import ExamScreen
from quizapp.ui.screens.exam_results import ExamResultsScreen
from quizapp.ui.screens.home import HomeScreen
from tests.ui.conftest import AppFactory


async def test_unanswered_questions_count_in_the_score_only(
    make_app: AppFactory, data_dir: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        app.start_exam(5, 5, replace_screen=False)
        await pilot.pause()
        exam = app.screen
        assert isinstance(exam, ExamScreen)
        session = exam.session
        right_id = session.presented(0).question.id
        await pilot.press(str(session.presented(0).correct_display_index + 1))
        await pilot.press("s", "y")
        await pilot.pause()
        results = app.screen
        assert isinstance(results, ExamResultsScreen)
        score = str(results.query_one("#results-score", Static).content)
        assert "1 of 5 correct" in score
        assert "4 unanswered" in score and "not in your topic accuracy" in score
        # only the answered question has a history (and so a card and a topic score)
        assert set(app.store.histories) == {right_id}
        assert set(app.store.cards) == {right_id}
        await pilot.press("escape")
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        weakest = str(home.query_one("#home-weakest", Static).content)
        assert "100%" not in weakest
        standing = str(home.query_one("#home-standing", Static).content)
        assert "over 1 answer" in standing
    reopened = ProgressStore(data_dir)
    assert set(reopened.histories) == {right_id}
    assert len(reopened.answers) == 5  # all five are kept in the log (export shows them)
