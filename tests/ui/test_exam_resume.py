"""The exam in progress: abandoning it asks first, and the dialog says why the clock stopped."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from quizapp.core.progress.store import ProgressStore
from quizapp.ui.screens.exam import ExamScreen
from quizapp.ui.screens.exam_modals import ConfirmAbandon, ResumeExamModal
from quizapp.ui.screens.home import HomeScreen
from tests.ui.conftest import AppFactory


def dialog_text(screen: object) -> str:
    return " ".join(str(s.content) for s in screen.query(Static))  # type: ignore[attr-defined]


async def _exam_left_with_two_answers(app: object, pilot: object) -> None:
    app.start_exam(5, 10, replace_screen=False)  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.press("1", "n", "2", "escape")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


async def test_x_in_the_resume_dialog_does_not_abandon_the_exam(
    make_app: AppFactory, data_dir: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _exam_left_with_two_answers(app, pilot)
        await pilot.press("e")
        assert isinstance(app.screen, ResumeExamModal)
        await pilot.press("x")
        await pilot.pause()
        assert not isinstance(app.screen, HomeScreen)
        assert app.store.active_exam is not None
    assert ProgressStore(data_dir).active_exam is not None


async def test_abandoning_asks_for_confirmation(make_app: AppFactory, data_dir: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _exam_left_with_two_answers(app, pilot)
        await pilot.press("e", "delete")
        await pilot.pause()
        confirm = app.screen
        assert isinstance(confirm, ConfirmAbandon)
        assert "2 answers" in dialog_text(confirm)
        await pilot.press("n")  # keep it: back to the choice
        await pilot.pause()
        assert isinstance(app.screen, ResumeExamModal)
        assert app.store.active_exam is not None
        await pilot.press("delete", "y")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.store.active_exam is None
    assert ProgressStore(data_dir).active_exam is None


async def test_the_resume_dialog_says_why_the_clock_stopped(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _exam_left_with_two_answers(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        text = dialog_text(app.screen)
        assert "when quizapp closed" not in text
        assert "when you left the exam" in text
    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, ResumeExamModal)
        assert "when quizapp closed" in dialog_text(again.screen)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(again.screen, ExamScreen)
