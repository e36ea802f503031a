"""SVG snapshots of the main screens at 80x24, the size every screen is designed for
first (update with `pytest --snapshot-update`, after looking at the change)."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from quizapp.core.progress.store import ProgressStore
from quizapp.ui.screens.drill import DrillScreen
from tests.ui.conftest import AppFactory, after_load

SIZE = (80, 24)


def test_home(make_app: AppFactory, progress: ProgressStore, snap_compare: Any) -> None:
    app = make_app()
    progress.record_answer("a1-one", 0, True, 20, "drill")
    progress.record_answer("a2-one", 0, False, 40, "drill")
    assert snap_compare(app, terminal_size=SIZE, run_before=after_load())


async def _start_drill(pilot: Pilot[None]) -> None:
    app: Any = pilot.app
    app.action_drill_topic("A.1")
    await pilot.pause()


def test_question_before_answer(make_app: AppFactory, snap_compare: Any) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=after_load(_start_drill))


def test_question_after_wrong_answer(make_app: AppFactory, snap_compare: Any) -> None:
    async def answer_wrong(pilot: Pilot[None]) -> None:
        await _start_drill(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, DrillScreen)
        wrong = (screen.session.current.correct_display_index + 1) % 4
        await pilot.press(str(wrong + 1))
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=after_load(answer_wrong))


def test_drill_summary(make_app: AppFactory, snap_compare: Any) -> None:
    async def finish(pilot: Pilot[None]) -> None:
        await _start_drill(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, DrillScreen)
        await pilot.press(str(screen.session.current.correct_display_index + 1), "n")
        wrong = (screen.session.current.correct_display_index + 1) % 4
        await pilot.press(str(wrong + 1), "n")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=after_load(finish))


def test_study_guide(make_app: AppFactory, progress: ProgressStore, snap_compare: Any) -> None:
    app = make_app()
    progress.record_answer("a1-two", 3, False, 20, "drill")
    assert snap_compare(app, terminal_size=SIZE, press=["g"], run_before=after_load())


async def _exam_with_answers(pilot: Pilot[None]) -> None:
    app: Any = pilot.app
    app.start_exam(5, 5, replace_screen=False)
    await pilot.pause()
    await pilot.press("2", "f", "n", "x", "x", "down", "3")
    await pilot.pause()


def test_exam_question(make_app: AppFactory, snap_compare: Any) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=after_load(_exam_with_answers))


def test_exam_review_grid(make_app: AppFactory, snap_compare: Any) -> None:
    async def grid(pilot: Pilot[None]) -> None:
        await _exam_with_answers(pilot)
        await pilot.press("v")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=after_load(grid))


def test_exam_review_grid_40x12(make_app: AppFactory, snap_compare: Any) -> None:
    async def grid(pilot: Pilot[None]) -> None:
        await _exam_with_answers(pilot)
        await pilot.press("v")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(40, 12), run_before=after_load(grid))


def test_exam_confirm_submit(make_app: AppFactory, snap_compare: Any) -> None:
    async def confirm(pilot: Pilot[None]) -> None:
        await _exam_with_answers(pilot)
        await pilot.press("s")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=after_load(confirm))


def test_exam_results(make_app: AppFactory, snap_compare: Any) -> None:
    async def results(pilot: Pilot[None]) -> None:
        await _exam_with_answers(pilot)
        await pilot.press("s", "y")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=after_load(results))


def test_review_session(make_app: AppFactory, progress: ProgressStore, snap_compare: Any) -> None:
    app = make_app()
    progress.record_answer("a2-one", 1, False, 10, "drill")
    assert snap_compare(app, terminal_size=SIZE, press=["r"], run_before=after_load())


def test_statistics(make_app: AppFactory, progress: ProgressStore, snap_compare: Any) -> None:
    app = make_app()
    for qid, correct in [
        ("a1-one", True),
        ("a1-two", False),
        ("b1-one", False),
        ("b1-one", False),
        ("b1-one", False),
    ]:
        progress.record_answer(qid, 0, correct, 30, "drill")
    assert snap_compare(app, terminal_size=SIZE, press=["s"], run_before=after_load())
