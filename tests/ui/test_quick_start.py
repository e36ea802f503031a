"""Quick start: the home screen is painted from the cache's summary and the file's head,
then the bank and the store open; keys pressed meanwhile wait for them."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from textual.widgets import Static

from quizapp.core.bank.bank import Bank
from quizapp.core.bank.loader import load_bank
from quizapp.core.errors import BankError, Problem
from quizapp.core.progress.head import read_progress_head
from quizapp.core.progress.store import ProgressStore
from quizapp.ui.app import QuickStart, QuizApp
from quizapp.ui.launch import prepare, quick_start
from quizapp.ui.screens.home import width_class
from tests.conftest import FakeClock, exam_in_progress, modules_imported_by

HOME_SECTIONS = ("#home-standing", "#home-domains", "#home-weakest", "#home-exams")


@pytest.fixture
def bank(mini_bank: Path) -> Bank:
    result = load_bank(mini_bank)
    assert result.bank is not None
    return result.bank


def some_progress(data_dir: Path, clock: FakeClock) -> None:
    store = ProgressStore(data_dir, clock)
    for i in range(7):
        clock.advance(90)
        store.record_answer(["a1-one", "a2-two", "b1-one"][i % 3], 0, i % 3 != 1, 6, "drill")
    store.set_flag("b1-one", True)
    store.compact()
    store.record_answer("a1-two", 1, False, 4, "drill")  # still in the journal


def home_texts(app: QuizApp) -> list[str]:
    return [str(app.screen.query_one(s, Static).render()) for s in HOME_SECTIONS]


def quick(bank: Bank, data_dir: Path, clock: FakeClock, gate: threading.Event) -> QuickStart:
    view = read_progress_head(data_dir)
    assert view is not None

    def load() -> tuple[Bank, ProgressStore]:
        gate.wait(timeout=10)
        return bank, ProgressStore(data_dir, clock, lazy=True)

    return QuickStart(bank.summary(), view, load)


async def test_the_first_paint_shows_what_the_opened_store_shows(
    bank: Bank, data_dir: Path, clock: FakeClock
) -> None:
    some_progress(data_dir, clock)
    full = QuizApp(bank, ProgressStore(data_dir, clock), clock=clock)
    async with full.run_test() as pilot:
        await pilot.pause()
        expected = home_texts(full)

    gate = threading.Event()
    painted: list[list[str]] = []
    app = QuizApp(
        quick_start=quick(bank, data_dir, clock, gate),
        clock=clock,
        on_ready=lambda: painted.append(home_texts(app)),
    )
    async with app.run_test() as pilot:
        await pilot.pause()
        assert painted == [expected] and not app.loaded  # painted before anything opened
        gate.set()
        await pilot.pause(0.3)
        assert app.loaded and app.store.answers_loaded
        assert home_texts(app) == expected
    assert "Accuracy 62% over 8 answer(s)" in expected[0]  # the journal's miss counts


async def test_a_key_pressed_before_the_store_opens_waits_for_it(
    bank: Bank, data_dir: Path, clock: FakeClock
) -> None:
    some_progress(data_dir, clock)
    gate = threading.Event()
    app = QuizApp(quick_start=quick(bank, data_dir, clock, gate), clock=clock, seed=3)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert not app.loaded
        threading.Timer(0.2, gate.set).start()
        await pilot.press("d")  # the drill setup needs the bank and the history
        await pilot.pause()
        assert type(app.screen).__name__ == "DrillSetupScreen" and app.loaded


async def test_files_broken_after_the_first_paint_end_the_app_with_the_reason(
    bank: Bank, data_dir: Path, clock: FakeClock
) -> None:
    view = read_progress_head(data_dir)
    assert view is not None

    gate = threading.Event()

    def load() -> tuple[Bank, ProgressStore]:
        gate.wait(timeout=10)
        raise BankError([Problem("questions/a.yaml", 3, "exactly one choice must be correct")])

    app = QuizApp(quick_start=QuickStart(bank.summary(), view, load), clock=clock)
    async with app.run_test() as pilot:
        await pilot.pause()
        threading.Timer(0.2, gate.set).start()
        await pilot.press("d")  # waits for the load, which fails: the key does nothing
        await pilot.press("e", "r", "g", "s", "t", "enter")  # every other key and the menu
        await pilot.pause(0.3)
    assert app.return_code == 1  # stopped with the reason, no traceback


def test_quick_start_needs_a_fresh_cache_and_a_clean_head(data_dir: Path, clock: FakeClock) -> None:
    assert quick_start(data_dir) is None  # first start: no bank cache yet
    store = ProgressStore(data_dir, clock)
    store.record_answer("a1-one", 0, True, 3, "drill")
    prepare(data_dir)  # writes the cache, as the first start does
    start = quick_start(data_dir)
    assert start is not None and start.view.histories["a1-one"].attempts == 1
    bank, opened = start.load()
    assert start.summary == bank.summary() and opened.histories["a1-one"].attempts == 1
    store.save_active_exam(exam_in_progress(clock))
    assert quick_start(data_dir) is None  # resuming an exam needs the store first


def test_the_quick_path_imports_no_pydantic_yaml_or_fsrs(data_dir: Path, clock: FakeClock) -> None:
    ProgressStore(data_dir, clock).record_answer("a1-one", 0, True, 3, "drill")
    prepare(data_dir)
    code = (
        "from pathlib import Path\n"
        "import quizapp.cli, quizapp.ui.app, quizapp.ui.screens.home\n"
        "from quizapp.ui.launch import quick_start\n"
        f"assert quick_start(Path({str(data_dir)!r})) is not None"
    )
    assert modules_imported_by(code, ["pydantic", "yaml", "fsrs"]) == []


def test_home_is_born_with_the_class_its_width_calls_for() -> None:
    breakpoints = [(0, "-narrow"), (72, "-wide")]
    assert [width_class(w, breakpoints) for w in (40, 71, 72, 250)] == [
        "-narrow",
        "-narrow",
        "-wide",
        "-wide",
    ]
