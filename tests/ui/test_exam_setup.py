"""Exam set-up: the preview is the real draw, and a clamped input is said, not silent."""

from __future__ import annotations

from textual.widgets import Input, RadioSet, Static

from quizapp.ui.screens.exam import ExamScreen
from quizapp.ui.screens.exam_setup import ExamSetupScreen
from tests.ui.conftest import AppFactory


def plan_text(screen: ExamSetupScreen) -> str:
    return str(screen.query_one("#exam-plan", Static).content)


async def _custom(app: object, pilot: object, own_time: bool) -> ExamSetupScreen:
    """Custom length (after the mini outline's two profiles), and maybe my own time."""
    await pilot.press("e")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    setup = app.screen  # type: ignore[attr-defined]
    assert isinstance(setup, ExamSetupScreen)
    setup.query_one("#exam-mode", RadioSet).focus()
    await pilot.press("down", "down", "enter")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    if own_time:
        setup.query_one("#exam-time", RadioSet).focus()
        await pilot.press("down", "enter")  # type: ignore[attr-defined]
        await pilot.pause()  # type: ignore[attr-defined]
    return setup


async def test_the_preview_shows_the_real_draw(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        setup = await _custom(app, pilot, own_time=False)
        setup.query_one("#exam-questions", Input).value = "9999"
        await pilot.pause()
        text = plan_text(setup)
        # the mini bank has 4 questions in A and 2 in B: all of them are drawn
        assert "A 4  B 2" in text, text
        assert "6 questions" in text
        assert "the bank has 6 questions" in text
        await pilot.press("ctrl+s")
        await pilot.pause()
        exam = app.screen
        assert isinstance(exam, ExamScreen)
        domains = [exam.session.presented(p).question.domain_code for p in range(6)]
        assert (domains.count("A"), domains.count("B")) == (4, 2)


async def test_clamped_inputs_are_explained(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        setup = await _custom(app, pilot, own_time=True)
        setup.query_one("#exam-questions", Input).value = "0"
        setup.query_one("#exam-minutes", Input).value = "-5"
        await pilot.pause()
        text = plan_text(setup)
        assert "1 question in 1 minute" in text
        assert "at least 1 question" in text
        assert "at least 1 minute" in text


async def test_the_disabled_minutes_box_shows_the_minutes_used(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        setup = await _custom(app, pilot, own_time=False)
        setup.query_one("#exam-questions", Input).value = "3"
        await pilot.pause()
        minutes = setup.query_one("#exam-minutes", Input)
        assert minutes.disabled
        assert minutes.value == "3"  # one minute per question: 3 questions, 3 minutes
