"""How `quizapp` starts: bank cached, totals first, history after the paint, one footer rebuild."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from quizapp.core.bank_cache import load_bank_cached
from quizapp.core.progress import ProgressStore
from quizapp.ui.launch import CACHE_DIR, prepare
from quizapp.ui.widgets.footer import KeyFooter
from tests.conftest import FakeClock


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
    BINDINGS = [Binding("x", "noop", "Something")]

    def compose(self) -> ComposeResult:
        yield Static("body")
        yield KeyFooter()

    def action_noop(self) -> None:
        pass


async def test_footer_rebuilds_once_for_many_binding_changes() -> None:
    app = FooterApp()
    async with app.run_test() as pilot:
        await pilot.pause()
        footer = app.query_one(KeyFooter)
        rebuilds = 0
        original = footer.recompose

        async def counting() -> None:
            nonlocal rebuilds
            rebuilds += 1
            await original()

        footer.recompose = counting  # type: ignore[method-assign]
        for _ in range(5):
            app.screen.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert rebuilds == 1
        assert "Something" in str(footer.query("FooterKey").first().render())
