"""The exam's review grid: every question reachable at every size, jump by number."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from quizapp.ui.screens.exam import ExamScreen
from quizapp.ui.screens.exam_modals import ReviewGridModal
from tests.ui.conftest import AppFactory
from tests.ui.screen_text import screen_text

SIZES = [(40, 12), (60, 18), (80, 24), (100, 32)]


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
async def test_every_question_of_the_grid_is_reachable(
    make_long_app: AppFactory, size: tuple[int, int]
) -> None:
    app = make_long_app()
    async with app.run_test(size=size) as pilot:
        app.start_exam(30, 30, replace_screen=False)
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        grid = app.screen
        assert isinstance(grid, ReviewGridModal)
        table = grid.query_one("#grid-table", DataTable)
        # no column hidden past the right edge: the grid is as wide as its box at most
        assert table.virtual_size.width <= table.scrollable_content_region.width
        assert table.region.right <= size[0]
        assert sorted(grid.cell_positions().values()) == list(range(30))
        # the cursor walks down to the last row, which scrolls into view
        for _ in range(30):
            await pilot.press("down")
        await pilot.pause()
        assert table.cursor_row == table.row_count - 1
        assert " 30 " in screen_text(app)
        # typing a number moves the cursor there; Enter jumps to it
        await pilot.press("home", "3", "0")
        await pilot.pause()
        assert grid.cell_positions()[(table.cursor_row, table.cursor_column)] == 29
        await pilot.press("enter")
        await pilot.pause()
        exam = app.screen
        assert isinstance(exam, ExamScreen)
        assert exam.session.position == 29


async def test_every_number_shows_at_80x24(make_long_app: AppFactory) -> None:
    app = make_long_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_exam(30, 30, replace_screen=False)
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        text = screen_text(app)
        for number in (1, 9, 10, 20, 30):
            assert f" {number} " in text, number
