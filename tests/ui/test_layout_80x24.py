"""At 80x24 every table row is one line, every list item one line with an ellipsis,
and the footer shows every key or says where the rest are."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, OptionList, Static

from quizapp.core.progress.store import ProgressStore
from quizapp.ui.screens.drill import DrillScreen
from quizapp.ui.screens.exam_results import ExamResultsScreen
from quizapp.ui.screens.study_guide import StudyGuideScreen
from quizapp.ui.screens.summary import DrillSummaryScreen
from quizapp.ui.widgets.footer import KeyFooter
from tests.ui.conftest import AppFactory
from tests.ui.screen_text import screen_lines


def footer_line(app: object) -> str:
    return screen_lines(app)[-1]


def assert_footer_complete(app: object) -> None:
    """Each key the screen has is in the footer, or the footer ends with "? more"."""
    footer = app.screen.query_one(KeyFooter)  # type: ignore[attr-defined]
    line = footer_line(app)
    keys, _palette = footer.entries
    missing = [k.description for k in keys if f" {k.description} " not in f"{line} "]
    if missing:
        assert "? more" in line, (missing, line)
        assert missing == [k.description for k in keys][-len(missing) :], "keys shown whole"


def assert_rows_on_one_line(table: DataTable[str]) -> None:
    assert table.virtual_size.width <= table.scrollable_content_region.width, (
        table.virtual_size.width,
        table.scrollable_content_region.width,
    )


def assert_items_on_one_line(options: OptionList) -> None:
    assert options.option_count > 0
    for index in range(options.option_count):
        prompt = str(options.get_option_at_index(index).prompt)
        assert "\n" not in prompt
        assert "A radiology department" in prompt  # cut to the width, not to nothing
    # laid out: one line per option
    assert options.virtual_size.height == options.option_count


async def test_home_domain_rows_and_footer_at_80x24(make_real_app: AppFactory) -> None:
    app = make_real_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        domains = app.screen.query_one("#home-domains", Static)
        lines = str(domains.content).splitlines()
        assert len(lines) == 12  # title, header, ten domains
        assert domains.region.height == len(lines), "a row wrapped"
        assert_footer_complete(app)


@pytest.mark.parametrize("width", [80, 100])
async def test_statistics_topics_fit_the_width(make_real_app: AppFactory, width: int) -> None:
    app = make_real_app()
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        table = app.screen.query_one("#stats-table", DataTable)
        assert_rows_on_one_line(table)
        assert "Seen" in " ".join(str(c.label) for c in table.columns.values())
        assert_footer_complete(app)


async def test_exam_results_list_one_line_per_question(make_long_app: AppFactory) -> None:
    app = make_long_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_exam(12, 12, replace_screen=False)
        await pilot.pause()
        await pilot.press("1", "s", "y")
        await pilot.pause()
        assert isinstance(app.screen, ExamResultsScreen)
        options = app.screen.query_one("#results-review", OptionList)
        assert_items_on_one_line(options)
        assert str(options.get_option_at_index(0).prompt).endswith("…")
        assert_footer_complete(app)


async def test_drill_summary_and_guide_lists_one_line_per_question(
    make_long_app: AppFactory,
) -> None:
    app = make_long_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_drill_topic("A.1")
        await pilot.pause()
        drill = app.screen
        assert isinstance(drill, DrillScreen)
        for _ in range(2):
            wrong = (drill.session.current.correct_display_index + 1) % 4
            await pilot.press(str(wrong + 1), "n")
        await pilot.press("escape")
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, DrillSummaryScreen)
        assert_items_on_one_line(summary.query_one("#summary-missed", OptionList))
        assert_rows_on_one_line(summary.query_one("#summary-topics", DataTable))
        await pilot.press("escape", "g")
        await pilot.pause()
        assert isinstance(app.screen, StudyGuideScreen)
        assert_items_on_one_line(app.screen.query_one("#guide-missed", OptionList))


async def test_every_footer_is_complete_at_80x24(
    make_app: AppFactory, progress: ProgressStore
) -> None:
    progress.record_answer("a1-one", 1, False, 10, "drill")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for keys in (["d"], ["g"], ["s"], ["r"], ["e"]):
            await pilot.press(*keys)
            await pilot.pause()
            assert_footer_complete(app)
            await pilot.press("escape")
            await pilot.pause()
        app.start_exam(4, 4, replace_screen=False)
        await pilot.pause()
        assert_footer_complete(app)
