"""The exam date: a day already past is refused, and a date that has passed is said so."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input, Static

from quizapp.core.progress.store import ProgressStore
from quizapp.ui.screens.exam_date import ExamDateModal
from quizapp.ui.screens.home import HomeScreen
from tests.ui.conftest import AppFactory


async def test_a_past_exam_date_is_refused(make_app: AppFactory) -> None:
    app = make_app()  # the fake clock says 2026-11-24
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, ExamDateModal)
        modal.query_one(Input).value = "2020-01-01"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is modal
        assert "has passed" in str(modal.query_one("#exam-date-error", Static).content)
        assert app.store.exam_date is None
        modal.query_one(Input).value = "2026-12-24"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.store.exam_date == date(2026, 12, 24)
        standing = str(app.screen.query_one("#home-standing", Static).content)
        assert "30 days left" in standing


async def test_home_says_when_the_exam_date_has_passed(
    make_app: AppFactory, progress: ProgressStore
) -> None:
    progress.set_exam_date(date(2026, 11, 1))  # set earlier; the day has gone by since
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        standing = str(app.screen.query_one("#home-standing", Static).content)
        assert "-23" not in standing and "day(s)" not in standing
        assert "01 Nov 2026 has passed" in standing
