"""How `quizapp` starts: lean imports, bank cached, totals first, history after the paint."""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from quizapp.core.bank.cache import load_bank_cached
from quizapp.core.bank.loader import load_bank
from quizapp.core.progress.store import ProgressStore
from quizapp.ui.app import QuizApp
from quizapp.ui.launch import CACHE_DIR, READY_FD, prepare, started
from quizapp.ui.widgets.footer import KeyFooter
from tests.conftest import FakeClock, finished_exam, modules_imported_by
from tests.ui.conftest import AppFactory


def test_prepare_caches_the_bank_and_defers_the_history(data_dir: Path, clock: FakeClock) -> None:
    store = ProgressStore(data_dir, clock)
    store.record_answer("a1-one", 0, True, 3, "drill")
    store.compact()
    bank, lazy = prepare(data_dir)
    assert any((data_dir / CACHE_DIR).iterdir())  # the validated bank was cached
    assert not lazy.answers_loaded and sum(h.attempts for h in lazy.histories.values()) == 1
    again = load_bank_cached(data_dir / CACHE_DIR)
    assert list(again.questions) == list(bank.questions)


class FooterApp(App[None]):
    BINDINGS = [
        Binding("x", "count", "Something"),
        Binding("y", "count", "Same action, not shown again"),
        Binding("z", "other", "Other"),
        Binding("h", "count", "Hidden", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.pressed = 0
        self.other_state: bool | None = True

    def compose(self) -> ComposeResult:
        yield Static("body")
        yield KeyFooter()

    def action_count(self) -> None:
        self.pressed += 1

    def action_other(self) -> None:
        pass

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.other_state if action == "other" else True


def footer_text(app: App[None]) -> str:
    return app.query_one(KeyFooter).render().plain  # type: ignore[union-attr]


async def test_footer_shows_one_key_per_action_and_the_palette_on_the_right() -> None:
    app = FooterApp()
    async with app.run_test(size=(80, 5)) as pilot:
        await pilot.pause()
        text = footer_text(app)
        assert text.startswith(" x Something  z Other ")
        assert "Same action" not in text and "Hidden" not in text
        assert text.rstrip().endswith("palette") and len(text) == 80


async def test_footer_follows_binding_changes_and_dims_disabled_keys() -> None:
    app = FooterApp()
    async with app.run_test(size=(80, 5)) as pilot:
        await pilot.pause()
        app.other_state = None  # shown but disabled
        app.refresh_bindings()
        await pilot.pause()
        footer = app.query_one(KeyFooter)
        keys, _palette = footer.entries
        assert [(k.key, k.enabled) for k in keys] == [("x", True), ("z", False)]
        app.other_state = False  # not available: hidden
        app.refresh_bindings()
        await pilot.pause()
        assert "Other" not in footer_text(app)


async def test_clicking_a_footer_key_presses_it() -> None:
    app = FooterApp()
    async with app.run_test(size=(80, 5)) as pilot:
        await pilot.pause()
        await pilot.click(KeyFooter, offset=(3, 0))  # on "Something"
        await pilot.pause()
        assert app.pressed == 1
        await pilot.click(KeyFooter, offset=(20, 0))  # past the last key: nothing
        await pilot.pause()
        assert app.pressed == 1


async def test_footer_on_a_narrow_terminal_keeps_the_palette_key() -> None:
    app = FooterApp()
    async with app.run_test(size=(30, 5)) as pilot:
        await pilot.pause()
        text = footer_text(app)
        assert len(text) == 30 and text.rstrip().endswith("palette")


async def test_on_ready_runs_once_with_the_home_screen_painted(
    mini_bank: Path, data_dir: Path, clock: FakeClock
) -> None:
    result = load_bank(mini_bank)
    assert result.bank is not None
    seen: list[str] = []

    def ready() -> None:
        standing = app.screen.query_one("#home-standing", Static).render()
        seen.append(f"{type(app.screen).__name__}: {standing}")

    app = QuizApp(result.bank, ProgressStore(data_dir, clock), clock=clock, on_ready=ready)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("d")  # later screens do not call it again
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    assert len(seen) == 1 and seen[0].startswith("HomeScreen: Accuracy")


def test_started_turns_the_collector_back_on_and_signals_ready(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    read_end, write_end = os.pipe()
    monkeypatch.setenv(READY_FD, str(write_end))
    gc.disable()
    try:
        started()
        assert gc.isenabled()
        assert os.read(read_end, 1) == b"R"
    finally:
        gc.enable()
        gc.unfreeze()
        os.close(read_end)
        os.close(write_end)


def test_plain_quizapp_imports_no_yaml_or_pydantic_before_it_starts() -> None:
    """The TUI's start-up path only pays for what the home screen needs."""
    assert modules_imported_by("import quizapp.cli", ["yaml", "pydantic", "textual"]) == []


async def test_home_shows_the_exam_trend_as_bars(make_app: AppFactory, clock: FakeClock) -> None:
    app = make_app()
    for n, correct in enumerate((1, 3)):
        app.store.finish_exam(finished_exam(clock, n, correct), {})
    async with app.run_test() as pilot:
        await pilot.pause()
        exams = str(app.screen.query_one("#home-exams", Static).render())
    assert "Trend over 2 exams: +50 points  ▃▆" in exams
    assert exams.index("75%") < exams.index("25%")  # the newest exam first
