"""Words that say what happens: the palette's theme entry, score changes in points, the
review session's own name."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from quizapp.core.progress.store import ProgressStore
from quizapp.ui.screens.exam_results import ExamResultsScreen
from quizapp.ui.widgets.footer import KeyFooter
from tests.conftest import FakeClock, finished_exam
from tests.ui.conftest import AppFactory
from tests.ui.screen_text import screen_lines


async def test_the_palette_offers_change_theme(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Change theme" in titles
        assert "Theme" not in titles


async def test_results_compare_scores_in_points(
    make_app: AppFactory, progress: ProgressStore, clock: FakeClock, data_dir: Path
) -> None:
    earlier = finished_exam(clock, -1, correct=1)  # 25%
    progress.finish_exam(earlier, {})
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        app.start_exam(4, 4, replace_screen=False)
        await pilot.pause()
        session = app.screen.session  # type: ignore[attr-defined]
        for position in range(4):  # all right: 100%, 75 points up
            await pilot.press(str(session.presented(position).correct_display_index + 1), "n")
        await pilot.press("s", "y")
        await pilot.pause()
        results = app.screen
        assert isinstance(results, ExamResultsScreen)
        text = str(results.query_one("#results-score", Static).content)
        assert "+75 points on the previous one" in text
        assert "%" not in text.split("previous one")[0].split("exam #2:")[1]


async def test_the_review_session_ends_a_review(
    make_app: AppFactory, progress: ProgressStore
) -> None:
    progress.record_answer("a2-one", 1, False, 10, "drill")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        keys, _ = app.screen.query_one(KeyFooter).entries
        descriptions = [k.description for k in keys]
        assert "End review" in descriptions and "End drill" not in descriptions
        assert "End review" in screen_lines(app)[-1]
