"""The main screens survive tiny, standard and huge terminals."""

from __future__ import annotations

import pytest

from quizapp.core.progress.store import ProgressStore
from tests.ui.conftest import AppFactory

SIZES = [(40, 12), (80, 24), (250, 80)]


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
async def test_main_screens_at_size(
    make_app: AppFactory, progress: ProgressStore, size: tuple[int, int]
) -> None:
    app = make_app()
    progress.record_answer("a1-one", 1, False, 10, "drill")
    async with app.run_test(size=size) as pilot:
        for key in ("d", "escape", "g", "escape", "s", "escape", "r", "1", "escape"):
            await pilot.press(key)
            await pilot.pause()
        app.start_exam(4, 4, replace_screen=False)
        await pilot.pause()
        for key in ("1", "f", "x", "n", "v", "escape", "space", "space", "s", "y"):
            await pilot.press(key)
            await pilot.pause()
        assert type(app.screen).__name__ == "ExamResultsScreen"
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"


@pytest.mark.parametrize(("width", "side_by_side"), [(60, False), (100, True)])
async def test_home_columns_stack_on_a_narrow_terminal(
    make_app: AppFactory, width: int, side_by_side: bool
) -> None:
    app = make_app()
    async with app.run_test(size=(width, 40)) as pilot:
        await pilot.pause()
        menu = app.screen.query_one("#home-menu").region
        domains = app.screen.query_one("#home-domains").region
        assert (domains.x > menu.right - 1) is side_by_side
        assert (domains.y >= menu.bottom) is not side_by_side
        assert menu.width >= 20  # the menu never gets squeezed unreadable
