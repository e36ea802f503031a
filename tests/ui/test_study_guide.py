"""The study-guide browser keeps up with the cursor: the header and the body always show
the same topic."""

from __future__ import annotations

from rich.markdown import Markdown as RichMarkdown
from textual.widgets import Static, Tree

from quizapp.ui.screens.study_guide import StudyGuideScreen
from tests.ui.conftest import AppFactory


async def test_every_move_shows_the_header_and_the_guide_of_the_same_topic(
    make_real_app: AppFactory,
) -> None:
    app = make_real_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("g")
        await pilot.pause()
        guide = app.screen
        assert isinstance(guide, StudyGuideScreen)
        body = guide.query_one("#guide-markdown", Static)
        tree = guide.query_one("#guide-tree", Tree)
        for _ in range(12):  # keys as fast as a held-down key repeats them
            tree.action_cursor_down()
            await pilot.pause()
            heading = app.bank.outline.topic_heading(guide.topic_code)
            assert heading in str(guide.query_one("#guide-record", Static).content)
            shown = body.content
            assert isinstance(shown, RichMarkdown)  # one Static, not a widget tree
            assert shown.markup == app.bank.study_guides[guide.topic_code].markdown
