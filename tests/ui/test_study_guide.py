"""The study-guide browser keeps up with the cursor: a fast run of moves renders the
guide once, and the header and the body end on the same topic."""

from __future__ import annotations

from typing import Any

from textual.widgets import Markdown, Static, Tree

from quizapp.ui.screens.study_guide import StudyGuideScreen
from tests.ui.conftest import AppFactory


async def test_fast_moves_render_the_guide_once(make_real_app: AppFactory) -> None:
    app = make_real_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("g")
        await pilot.pause(0.5)
        guide = app.screen
        assert isinstance(guide, StudyGuideScreen)
        markdown = guide.query_one("#guide-markdown", Markdown)
        rendered: list[str] = []
        original = markdown.update

        def counting(text: str) -> Any:
            rendered.append(text)
            return original(text)

        markdown.update = counting  # type: ignore[method-assign]
        tree = guide.query_one("#guide-tree", Tree)
        for _ in range(12):  # keys as fast as a held-down key repeats them
            tree.action_cursor_down()
        await pilot.pause()
        # the header follows every move at once
        heading = app.bank.outline.topic_heading(guide.topic_code)
        assert heading in str(guide.query_one("#guide-record", Static).content)
        await pilot.pause(0.5)
        assert len(rendered) <= 2, len(rendered)
        final = app.bank.study_guides[guide.topic_code].markdown
        assert rendered[-1] == final
        assert markdown.source == final
        heading = app.bank.outline.topic_heading(guide.topic_code)
        assert heading in str(guide.query_one("#guide-record", Static).content)
