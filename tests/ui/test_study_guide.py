"""The study-guide browser keeps up with the cursor: the header and the body always show
the same topic, in the same frame, and a guide is rendered once per width."""

from __future__ import annotations

import gc

from textual.pilot import Pilot
from textual.widgets import Static, Tree

from quizapp.ui.screens.study_guide import StudyGuideScreen
from quizapp.ui.widgets.guide_text import GuideText
from tests.ui.conftest import AppFactory


def shown_text(body: GuideText) -> str:
    """The guide's lines as the screen draws them."""
    return "\n".join(body.render_line(y).text for y in range(body.size.height))


def first_heading(markdown: str) -> str:
    return next(line.lstrip("# ").strip() for line in markdown.splitlines() if line.strip())


async def open_guide(pilot: Pilot[None]) -> tuple[StudyGuideScreen, Tree[str], GuideText]:
    """Press ``g``: the study-guide screen, its topic tree and its guide body."""
    await pilot.press("g")
    await pilot.pause()
    guide = pilot.app.screen
    assert isinstance(guide, StudyGuideScreen)
    return (
        guide,
        guide.query_one("#guide-tree", Tree),
        guide.query_one("#guide-markdown", GuideText),
    )


async def test_every_move_shows_the_header_and_the_guide_of_the_same_topic(
    make_real_app: AppFactory,
) -> None:
    app = make_real_app()
    async with app.run_test(size=(100, 32)) as pilot:
        guide, tree, body = await open_guide(pilot)
        for _ in range(12):  # keys as fast as a held-down key repeats them
            tree.action_cursor_down()
            await pilot.pause()
            heading = app.bank.outline.topic_heading(guide.topic_code)
            assert heading in str(guide.query_one("#guide-record", Static).content)
            markdown = app.bank.study_guides[guide.topic_code].markdown
            assert body.markdown == markdown
            assert first_heading(markdown) in shown_text(body)


async def test_the_body_follows_the_cursor_before_the_next_frame(
    make_real_app: AppFactory,
) -> None:
    """The cursor and the guide change in one handler, so one paint shows both."""
    app = make_real_app()
    async with app.run_test(size=(100, 32)) as pilot:
        guide, tree, body = await open_guide(pilot)
        before = guide.topic_code
        tree.action_cursor_down()  # no pause: no message has been handled yet
        node = tree.get_node_at_line(tree.cursor_line)
        assert node is not None and node.data not in (None, before)
        assert guide.topic_code == node.data
        assert body.markdown == app.bank.study_guides[node.data].markdown


async def test_a_guide_is_rendered_once_per_width_and_ahead_of_the_cursor(
    make_real_app: AppFactory,
) -> None:
    app = make_real_app()
    async with app.run_test(size=(100, 32)) as pilot:
        _, _, body = await open_guide(pilot)
        width = body.size.width
        guides = [g.markdown for g in app.bank.study_guides.values()]
        for _ in range(200):  # rendered one per frame while the candidate reads
            if all((text, width) in body._rendered for text in guides):
                break
            await pilot.pause(0.02)
        assert all((text, width) in body._rendered for text in guides)
        first = body.lines(guides[1], width)
        assert body.lines(guides[1], width) is first  # a lookup, not a second rendering
        narrower = body.lines(guides[1], width - 10)
        assert narrower is not first and max(length for length, _ in narrower) <= width - 10


async def test_kept_renderings_are_left_out_of_garbage_collections(
    make_real_app: AppFactory,
) -> None:
    """Every guide's lines are kept; as strings and numbers the collector skips them, so a
    full collection (one every few keys) does not walk tens of thousands of objects."""
    app = make_real_app()
    async with app.run_test(size=(100, 32)) as pilot:
        _, _, body = await open_guide(pilot)
        lines = body.lines(body.markdown, body.size.width)
        for _ in range(4):  # a tuple is untracked by a collection once its items are:
            gc.collect()  # one level of nesting per collection at worst
        assert lines and not gc.is_tracked(lines)
        assert not any(gc.is_tracked(line) for line in lines)
        shown = shown_text(body)
        assert first_heading(body.markdown) in shown  # drawn from them all the same


async def test_a_resize_prepares_the_new_width_and_keeps_only_the_last_two(
    make_real_app: AppFactory,
) -> None:
    app = make_real_app()
    async with app.run_test(size=(100, 32)) as pilot:
        _, _, body = await open_guide(pilot)
        guides = [g.markdown for g in app.bank.study_guides.values()]
        widths = []
        for size in ((120, 32), (140, 32), (160, 32)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            width = body.size.width
            widths.append(width)
            for _ in range(200):
                if all((text, width) in body._rendered for text in guides):
                    break
                await pilot.pause(0.02)
            assert all((text, width) in body._rendered for text in guides)
        assert {width for _, width in body._rendered} == set(widths[-2:])
