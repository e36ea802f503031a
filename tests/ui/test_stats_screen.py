"""The statistics screen: ←/→ switch tabs as the help says."""

from __future__ import annotations

from textual.widgets import TabbedContent

from quizapp.ui.screens.stats import StatsScreen
from tests.ui.conftest import AppFactory


async def test_left_and_right_switch_tabs(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)
        assert "←/→** switch tabs" in StatsScreen.HELP
        tabs = app.screen.query_one("#stats-tabs", TabbedContent)
        first = tabs.active
        await pilot.press("right")
        await pilot.pause()
        second = tabs.active
        assert second != first
        await pilot.press("right", "left")
        await pilot.pause()
        assert tabs.active == second
        await pilot.press("left")
        await pilot.pause()
        assert tabs.active == first
