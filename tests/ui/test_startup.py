"""How `quizapp` starts: home painted at once, the data opened by a worker, no key lost."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.pilot import Pilot
from textual.widgets import Static

from quizapp.core.errors import BankError, Problem
from quizapp.core.progress.store import ProgressStore
from quizapp.ui.app import QuizApp, StudyData
from quizapp.ui.launch import READY_FD, started
from quizapp.ui.screens.drill_setup import DrillSetupScreen
from quizapp.ui.screens.help import HelpScreen
from quizapp.ui.screens.home import HomeScreen
from quizapp.ui.widgets.footer import KeyFooter
from tests.conftest import FakeClock, finished_exam, modules_imported_by
from tests.ui.conftest import AppFactory, opener_for, until_loaded


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
    seen: list[str] = []

    def ready() -> None:
        seen.append(type(app.screen).__name__)

    app = QuizApp(opener_for(mini_bank, data_dir, clock), clock=clock, on_ready=ready)
    async with app.run_test() as pilot:
        await until_loaded(pilot)
        await pilot.press("d")  # later screens do not call it again
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    assert seen == ["HomeScreen"]


def test_started_signals_ready(monkeypatch: pytest.MonkeyPatch) -> None:
    read_end, write_end = os.pipe()
    monkeypatch.setenv(READY_FD, str(write_end))
    try:
        started()
        assert os.read(read_end, 1) == b"R"
    finally:
        os.close(read_end)
        os.close(write_end)


def test_plain_quizapp_imports_no_yaml_or_pydantic_before_it_starts() -> None:
    """The command line parses its arguments before the TUI or the bank is imported."""
    assert modules_imported_by("import quizapp.cli", ["yaml", "pydantic", "textual"]) == []


async def test_home_shows_the_exam_trend_as_bars(
    make_app: AppFactory, progress: ProgressStore, clock: FakeClock
) -> None:
    for n, correct in enumerate((1, 3)):
        progress.finish_exam(finished_exam(clock, n, correct), {})
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        exams = str(app.screen.query_one("#home-exams", Static).render())
    assert "Trend over 2 exams: +50 points  ▃▆" in exams
    assert exams.index("75%") < exams.index("25%")  # the newest exam first


class SlowOpener:
    """Opens the data only when the test says so: the loading moment, held open."""

    def __init__(self, mini_bank: Path, data_dir: Path, clock: FakeClock) -> None:
        self.release = threading.Event()
        self._open = opener_for(mini_bank, data_dir, clock)

    def __call__(self) -> StudyData:
        assert self.release.wait(timeout=20)
        return self._open()


async def test_a_saved_theme_never_hangs_the_start(
    mini_bank: Path, data_dir: Path, clock: FakeClock, progress: ProgressStore
) -> None:
    """Regression: with a theme saved, the UI thread waited on the loading thread forever."""
    progress.set_setting("theme", "nord")
    opener = SlowOpener(mini_bank, data_dir, clock)
    app = QuizApp(opener, clock=clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert not app.loaded
        await pilot.press("question_mark")  # the loop answers keys while the data opens
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        opener.release.set()
        await until_loaded(pilot)
        assert app.theme == "nord"
        await pilot.press("d")
        assert isinstance(app.screen, DrillSetupScreen)


async def test_keys_that_need_data_are_dimmed_then_served_not_lost(
    mini_bank: Path, data_dir: Path, clock: FakeClock
) -> None:
    opener = SlowOpener(mini_bank, data_dir, clock)
    app = QuizApp(opener, clock=clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        keys, _ = app.screen.query_one(KeyFooter).entries
        enabled = {k.key: k.enabled for k in keys}
        assert enabled["d"] is False and enabled["e"] is False and enabled["q"] is True
        standing = str(app.screen.query_one("#home-standing", Static).render())
        assert "Opening your question bank and progress" in standing
        await pilot.press("d")  # pressed while loading: kept
        assert isinstance(app.screen, HomeScreen)
        opener.release.set()
        await until_loaded(pilot)
        await pilot.pause()
        assert isinstance(app.screen, DrillSetupScreen)
        await pilot.press("escape")
        keys, _ = app.screen.query_one(KeyFooter).entries
        assert all(k.enabled for k in keys)


async def press_while_loading(pilot: Pilot[None], opener: SlowOpener, key: str) -> None:
    """Press ``key`` while the data is held back, then let it open and the key be served."""
    await pilot.pause()
    await pilot.press(key)
    opener.release.set()
    await until_loaded(pilot)
    await pilot.pause()


def standing(app: QuizApp) -> str:
    """The first line of figures on the home screen (wherever it is in the stack)."""
    home = app.screen_stack[0]
    assert isinstance(home, HomeScreen)
    return str(home.query_one("#home-standing", Static).render())


async def test_a_key_pressed_while_loading_gets_its_screen_first_and_home_its_figures_later(
    mini_bank: Path, data_dir: Path, clock: FakeClock
) -> None:
    """Home is not redrawn under a full screen nobody sees; it is when it comes back."""
    opener = SlowOpener(mini_bank, data_dir, clock)
    app = QuizApp(opener, clock=clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await press_while_loading(pilot, opener, "d")
        assert isinstance(app.screen, DrillSetupScreen)
        assert "Opening your question bank" in standing(app)  # covered: not drawn yet
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "Opening your question bank" not in standing(app)


async def test_home_under_a_dialog_opened_while_loading_shows_its_figures(
    mini_bank: Path, data_dir: Path, clock: FakeClock
) -> None:
    from quizapp.ui.screens.exam_date import ExamDateModal

    opener = SlowOpener(mini_bank, data_dir, clock)
    app = QuizApp(opener, clock=clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await press_while_loading(pilot, opener, "t")
        assert isinstance(app.screen, ExamDateModal)
        assert "Opening your question bank" not in standing(app)  # seen around the dialog


async def test_a_theme_picked_while_loading_wins_and_is_saved(
    mini_bank: Path, data_dir: Path, clock: FakeClock, progress: ProgressStore
) -> None:
    progress.set_setting("theme", "nord")
    opener = SlowOpener(mini_bank, data_dir, clock)
    app = QuizApp(opener, clock=clock)
    async with app.run_test() as pilot:
        await pilot.pause()
        app.theme = "gruvbox"
        opener.release.set()
        await until_loaded(pilot)
        assert app.theme == "gruvbox"
    assert ProgressStore(data_dir, clock).setting("theme") == "gruvbox"


async def test_a_bank_that_fails_to_open_ends_the_app_with_every_problem(clock: FakeClock) -> None:
    def broken() -> StudyData:
        raise BankError([Problem("bank/questions/x.yaml", 3, "choices: at least 3")])

    app = QuizApp(broken, clock=clock)
    async with app.run_test() as pilot:
        await pilot.pause(0.2)
    assert app.return_code == 1


async def test_a_lock_held_elsewhere_ends_the_start_with_one_line(
    mini_bank: Path,
    data_dir: Path,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import subprocess
    import sys

    from quizapp.core.progress import store as store_module

    data_dir.mkdir(parents=True)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, os, sys, time\n"
            "fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)\n"
            "fcntl.flock(fd, fcntl.LOCK_EX)\nprint('held', flush=True)\ntime.sleep(60)\n",
            str(data_dir / store_module.LOCK_FILE),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        monkeypatch.setattr(store_module, "OPEN_WAIT_SECONDS", 0.3)
        app = QuizApp(opener_for(mini_bank, data_dir, clock), clock=clock)
        async with app.run_test() as pilot:
            for _ in range(200):
                if app.return_code is not None:
                    break
                await pilot.pause(0.02)
        assert app.return_code == 1 and not app.loaded
    finally:
        holder.kill()
        holder.wait()


def test_the_home_screen_is_drawn_without_pydantic_yaml_or_fsrs() -> None:
    """What the first paint needs is imported before it; the bank's models come after."""
    assert modules_imported_by("import quizapp.ui.app", ["yaml", "pydantic", "fsrs"]) == []
