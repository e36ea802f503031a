"""Review weak areas: reasons shown, confidence and miss reasons stored; statistics; exam date."""

from __future__ import annotations

from datetime import date, timedelta

from textual.widgets import Input, Static

from quizapp.core.progress.store import ProgressStore
from quizapp.ui.screens.drill import DrillScreen
from quizapp.ui.screens.home import HomeScreen
from quizapp.ui.screens.stats import StatsScreen
from tests.conftest import FakeClock
from tests.ui.conftest import AppFactory


async def test_review_session_explains_and_records(
    make_app: AppFactory, progress: ProgressStore, clock: FakeClock
) -> None:
    app = make_app()
    progress.record_answer("a1-one", 1, False, 10, "drill")
    clock.advance(2 * 86400)  # the miss is now due
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DrillScreen)
        assert screen.session.mode == "review"
        assert screen.session.questions[0].question.id == "a1-one"
        meta = str(screen.query_one("#drill-progress", Static).content)
        assert "Why this question: Spaced repetition" in meta
        wrong = (screen.session.current.correct_display_index + 1) % 4
        await pilot.press(str(wrong + 1), "m", "w")
        await pilot.pause()
    last = app.store.answers[-1]
    assert (last.question_id, last.mode, last.correct) == ("a1-one", "review", False)
    assert (last.miss_reason, last.confidence) == ("misread", "guess")


async def test_statistics_screen_tabs(make_app: AppFactory, progress: ProgressStore) -> None:
    app = make_app()
    store = progress
    for _ in range(3):
        store.record_answer("b1-one", 0, False, 10, "drill")
    store.record_answer("a1-one", 0, True, 10, "drill")
    store.annotate_answer(store.answers[-1].id, confidence="sure")
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        stats = app.screen
        assert isinstance(stats, StatsScreen)
        leeches = str(stats.query_one("#stats-leeches", Static).content)
        assert "b1-one" in leeches and "3 of 3" in leeches
        calibration = str(stats.query_one("#stats-calibration", Static).content)
        assert "sure" in calibration and "1 answer, 100% right" in calibration


async def test_exam_date_on_home(
    make_app: AppFactory, progress: ProgressStore, clock: FakeClock
) -> None:
    app = make_app()
    progress.record_answer("a1-one", 1, False, 10, "drill")
    exam_day = clock().date() + timedelta(days=10)
    async with app.run_test(size=(120, 32)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        app.screen.query_one(Input).value = exam_day.isoformat()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        standing = str(app.screen.query_one("#home-standing", Static).content)
        assert "10 days left" in standing and "1 review before it" in standing
    assert app.store.exam_date == exam_day
    assert app.store.exam_date > date(2026, 1, 1)
