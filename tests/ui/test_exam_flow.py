"""Pilot flows for the practice exam: run, review grid, submit, results, resume, time-out."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, OptionList, RadioButton, RadioSet, Static

from quizapp.core.progress.store import ProgressStore
from quizapp.ui.screens.exam import ExamScreen
from quizapp.ui.screens.exam_modals import ConfirmSubmit, ResumeExamModal, ReviewGridModal
from quizapp.ui.screens.exam_results import ExamResultsScreen
from quizapp.ui.screens.exam_setup import ExamSetupScreen
from quizapp.ui.screens.home import HomeScreen
from quizapp.ui.screens.question_review import QuestionReviewModal
from tests.conftest import FakeClock
from tests.ui.conftest import AppFactory


def progress(data_dir: Path) -> dict[str, object]:
    """What is on disk, as another instance opening the data dir now reads it."""
    store = ProgressStore(data_dir)
    active = store.active_exam
    return {
        "active_exam": active.model_dump(mode="json") if active else None,
        "exam_history": store.exam_history,
        "answers": [a.to_json() for a in store.answers],
    }


def text(screen: object, selector: str) -> str:
    return str(screen.query_one(selector, Static).content)  # type: ignore[attr-defined]


async def test_short_exam_end_to_end(
    make_app: AppFactory, data_dir: Path, clock: FakeClock
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("e")
        setup = app.screen
        assert isinstance(setup, ExamSetupScreen)
        setup.query_one(RadioSet).focus()
        await pilot.press("down", "down", "enter")  # past the two profiles: custom length
        setup.query_one("#exam-questions", Input).value = "4"
        await pilot.pause()
        assert "4 questions in 4 minutes" in text(setup, "#exam-plan")
        assert "our assumption" in text(setup, "#exam-plan")
        await pilot.press("ctrl+s")
        await pilot.pause()
        exam = app.screen
        assert isinstance(exam, ExamScreen)
        session = exam.session
        assert session.count == 4
        assert progress(data_dir)["active_exam"] is not None  # saved from the start
        assert "4:00" in text(exam, "#exam-clock")

        # question 1: right answer, then flag
        await pilot.press(str(session.presented().correct_display_index + 1), "f")
        assert "flagged" in text(exam, "#exam-position")
        # question 2: strike a choice, answer wrong, change to another wrong one
        await pilot.press("n")
        wrong = (session.presented().correct_display_index + 1) % 4
        exam.query_one("#exam-choices", OptionList).highlighted = wrong
        await pilot.press("x", "x")
        assert session.struck() == {wrong}
        other = (wrong + 1) % 4
        if other == session.presented().correct_display_index:
            other = (other + 1) % 4
        await pilot.press(str(other + 1))
        assert session.chosen() == other
        saved = progress(data_dir)["active_exam"]
        assert saved["answers"] == {"0": session.chosen(0), "1": other}  # type: ignore[index]
        assert saved["struck"] == {"1": [wrong]}  # type: ignore[index]
        assert saved["flagged"] == [0]  # type: ignore[index]

        # review grid: filter unanswered, jump to the last question
        await pilot.press("v")
        grid = app.screen
        assert isinstance(grid, ReviewGridModal)
        await pilot.press("u")
        table = grid.query_one(DataTable)
        assert table.row_count == 1 and "3 ·" in str(table.get_cell_at((0, 0)))
        await pilot.press("right", "enter")
        assert app.screen is exam and session.position == 3
        clock.advance(100)
        exam._tick()

        # submit: the confirmation counts what is open
        await pilot.press("s")
        confirm = app.screen
        assert isinstance(confirm, ConfirmSubmit)
        assert "2 unanswered" in text(confirm, "#submit-detail")
        assert "1 flagged" in text(confirm, "#submit-detail")
        await pilot.press("y")
        await pilot.pause()
        results = app.screen
        assert isinstance(results, ExamResultsScreen)
        assert "1 of 4 correct (25%)" in text(results, "#results-score")
        assert "first practice exam" in text(results, "#results-score")
        review = results.query_one("#results-review", OptionList)
        assert review.option_count == 3  # incorrect, incl. unanswered
        await pilot.press("f")
        assert review.option_count == 1
        await pilot.press("enter")
        assert isinstance(app.screen, QuestionReviewModal)
        await pilot.press("escape", "escape")
        assert isinstance(app.screen, HomeScreen)
        assert "25%" in text(app.screen, "#home-exams")

    saved_file = progress(data_dir)
    assert saved_file["active_exam"] is None
    assert len(saved_file["exam_history"]) == 1  # type: ignore[arg-type]
    modes = [a["mode"] for a in saved_file["answers"]]  # type: ignore[union-attr]
    assert modes == ["exam"] * 4


async def test_setup_names_each_profile_source_and_lets_the_time_be_set(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("e")
        setup = app.screen
        assert isinstance(setup, ExamSetupScreen)
        labels = [str(b.label) for b in setup.query_one("#exam-mode", RadioSet).query(RadioButton)]
        assert labels == [
            "mini: 5 questions",
            "mini split: 6 questions (5 scored + 1 pilot)",
            "Custom length",
        ]
        assert "Source: Mini board, exam page, example.org (2024-03)" in text(setup, "#exam-source")
        assert "our assumption" in text(setup, "#exam-time-note")
        assert "5 questions in 5 minutes (time: our assumption)" in text(setup, "#exam-plan")
        assert setup.query_one("#exam-minutes", Input).disabled

        setup.query_one("#exam-mode", RadioSet).focus()
        await pilot.press("down", "enter")  # the second profile
        await pilot.pause()
        assert "6 questions in 6 minutes" in text(setup, "#exam-plan")

        setup.query_one("#exam-time", RadioSet).focus()
        await pilot.press("down", "enter")  # my own time limit
        await pilot.pause()
        minutes = setup.query_one("#exam-minutes", Input)
        assert not minutes.disabled and minutes.value == "6"
        minutes.value = "45"
        await pilot.pause()
        assert "6 questions in 45 minutes (your time limit)" in text(setup, "#exam-plan")
        await pilot.press("ctrl+s")
        await pilot.pause()
        exam = app.screen
        assert isinstance(exam, ExamScreen)
        assert exam.session.count == 6 and "45:00" in text(exam, "#exam-clock")


async def test_resume_after_closing_mid_exam(
    make_app: AppFactory, data_dir: Path, clock: FakeClock
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_exam(5, 10, replace_screen=False)
        await pilot.pause()
        exam = app.screen
        assert isinstance(exam, ExamScreen)
        await pilot.press("2", "n", "f")
        clock.advance(180)
        exam._tick()
        await pilot.press("n")  # a change: saved with the time used so far
    clock.advance(7200)  # closed for two hours: must not count

    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        offer = again.screen
        assert isinstance(offer, ResumeExamModal)
        assert offer.session.position == 2
        assert "7:00 left" in "".join(str(s.content) for s in offer.query(Static))
        await pilot.press("r")
        await pilot.pause()
        exam = again.screen
        assert isinstance(exam, ExamScreen)
        assert exam.session.position == 2
        assert exam.session.chosen(0) == 1 and exam.session.is_flagged(1)
        assert round(exam.session.remaining) == 420
        assert "7:00" in text(exam, "#exam-clock")


async def test_abandon_offered_exam(make_app: AppFactory, data_dir: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_exam(3, 3, replace_screen=False)
        await pilot.pause()
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        assert "Resume exam" in str(
            app.screen.query_one("#home-menu", OptionList).get_option("exam").prompt
        )
    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, ResumeExamModal)
        await pilot.press("delete", "y")
        await pilot.pause()
        assert isinstance(again.screen, HomeScreen)
    assert progress(data_dir)["active_exam"] is None


async def test_time_out_submits_automatically(
    make_app: AppFactory, data_dir: Path, clock: FakeClock
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_exam(3, 10, replace_screen=False)
        await pilot.pause()
        exam = app.screen
        assert isinstance(exam, ExamScreen)
        await pilot.press("1")
        clock.advance(6 * 60)
        exam._tick()
        await pilot.pause()
        assert any("5 minutes remaining" in n.message for n in app._notifications)
        clock.advance(5 * 60)
        exam._tick()
        await pilot.pause()
        results = app.screen
        assert isinstance(results, ExamResultsScreen)
        assert results.record.auto_submitted
        assert "submitted at 0:00" in text(results, "#results-score")
    assert len(progress(data_dir)["exam_history"]) == 1  # type: ignore[arg-type]


async def test_pause_stops_the_clock(make_app: AppFactory, clock: FakeClock) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_exam(3, 3, replace_screen=False)
        await pilot.pause()
        exam = app.screen
        assert isinstance(exam, ExamScreen)
        await pilot.press("space")
        clock.advance(600)
        exam._tick()
        assert "PAUSED" in text(exam, "#exam-clock")
        await pilot.press("space")
        assert exam.session.remaining == 180


async def test_strike_out_a_choice_by_its_letter(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_exam(3, 3, replace_screen=False)
        await pilot.pause()
        exam = app.screen
        assert isinstance(exam, ExamScreen)
        await pilot.press("x")
        assert "strike out which?" in text(exam, "#exam-position")
        await pilot.press("c")  # strikes C out; does not answer it
        assert exam.session.struck() == {2}
        assert exam.session.chosen() is None
        await pilot.press("x", "3")  # the same choice by number: restored
        assert exam.session.struck() == set()
        await pilot.press("x", "escape")  # cancelled, and the exam is still open
        assert app.screen is exam and not exam.striking
        await pilot.press("b")
        assert exam.session.chosen() == 1
