"""Names and notes from the bank are shown as written: a ``[b]`` in a topic name is text.

Textual reads ``[...]`` in a string as markup (styles, even ``@click`` actions), so every
screen that shows bank text builds it as plain Content or passes it as a template value.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import Matcher

from quizapp.ui.app import QuizApp
from quizapp.ui.commands import highlighted
from tests.conftest import FakeClock
from tests.ui.conftest import OpenedQuizApp, opener_for
from tests.ui.screen_text import screen_text

TOPIC = "First [b]bold[/b] topic"
DOMAIN = "Alpha [i]x[/i]"
TASK = "A.1 [@click=app.quit]First[/]"
NOTE = "One minute per question is our [u]assumption[/u]."


@pytest.fixture
def markup_bank(mini_bank: Path) -> Path:
    outline = mini_bank / "outline.yaml"
    text = outline.read_text(encoding="utf-8")
    for old, new in [
        ("name: First topic", f'name: "{TOPIC}"'),
        ("task: A.1 First}", f'task: "{TASK}"}}'),
        ("    name: Alpha", f'    name: "{DOMAIN}"'),
        (
            "note: The board publishes no time limit; one minute per question is our assumption.",
            f'note: "{NOTE}"',
        ),
    ]:
        assert old in text
        text = text.replace(old, new)
    outline.write_text(text, encoding="utf-8")
    return mini_bank


@pytest.fixture
def app(markup_bank: Path, data_dir: Path, clock: FakeClock) -> QuizApp:
    return OpenedQuizApp(opener_for(markup_bank, data_dir, clock), clock=clock, seed=42)


async def test_the_study_guide_shows_names_and_tasks_as_written(app: QuizApp) -> None:
    async with app.run_test(size=(160, 48)) as pilot:
        app.action_open_guide("A.1")
        await pilot.pause()
        shown = screen_text(app)
        assert TOPIC in shown  # the tree and the record line
        assert DOMAIN in shown
        assert f"Follows the outline's task: {TASK}" in shown


async def test_a_drill_shows_the_topic_name_as_written(app: QuizApp) -> None:
    async with app.run_test(size=(160, 48)) as pilot:
        app.action_drill_topic("A.1")
        await pilot.pause()
        assert TOPIC in screen_text(app)  # the meta line
        await pilot.press("1")
        await pilot.pause()
        assert f"Study guide: {TOPIC}" in screen_text(app)  # the link under the feedback
        assert app.is_running  # the name's "[@click=...]" did nothing


async def test_drill_setup_statistics_and_exam_setup_show_bank_text_as_written(
    app: QuizApp,
) -> None:
    async with app.run_test(size=(160, 48)) as pilot:
        app.action_open_drill_setup()
        await pilot.pause()
        assert TOPIC in screen_text(app) and DOMAIN in screen_text(app)
        app.action_go_home()
        app.action_open_stats()
        await pilot.pause()
        assert DOMAIN in screen_text(app)
        app.action_go_home()
        app.action_open_exam()
        await pilot.pause()
        assert NOTE in screen_text(app)


def test_a_palette_entry_keeps_its_brackets_and_marks_the_matched_letters() -> None:
    name = f"guide: {TOPIC} (A.1)"
    shown = highlighted(Matcher("bold"), name)
    assert shown.plain == name
    assert {name[span.start : span.end] for span in shown.spans} >= {"b", "o", "l", "d"}


async def test_home_shows_domain_names_as_written(app: QuizApp) -> None:
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        assert DOMAIN in screen_text(app)  # the domain table
