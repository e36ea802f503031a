"""Text from the bank's YAML reads as paragraphs: hard line breaks joined, lists kept,
and a wrapped choice hangs under its text, not under its number."""

from __future__ import annotations

from textual.widgets import Static

from quizapp.ui.screens.drill import DrillScreen
from quizapp.ui.screens.exam import ExamScreen
from quizapp.ui.widgets.choices import ChoiceList
from tests.ui.conftest import AppFactory


def choice_lines(choices: ChoiceList) -> list[list[str]]:
    return [
        str(choices.get_option_at_index(i).prompt).split("\n") for i in range(choices.option_count)
    ]


async def test_drill_explanation_is_reflowed(make_long_app: AppFactory) -> None:
    app = make_long_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_drill_topic("A.1")
        await pilot.pause()
        drill = app.screen
        assert isinstance(drill, DrillScreen)
        await pilot.press("1")
        await pilot.pause()
        explanation = str(drill.query_one("#explanation", Static).render())
        assert "because the called AE title changed with the upgrade, and any resale value" in (
            explanation
        )
        assert "\n\nCheck these in order:\n" in explanation
        assert "- the AE title and port configured on the modality\n- the archive's" in (
            explanation
        )


async def test_wrapped_choices_hang_under_their_text(make_long_app: AppFactory) -> None:
    app = make_long_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_drill_topic("A.1")
        await pilot.pause()
        drill = app.screen
        assert isinstance(drill, DrillScreen)
        choices = drill.query_one(ChoiceList)
        for lines in choice_lines(choices):
            assert len(lines) > 1  # long enough to wrap at 80 columns
            assert lines[0].startswith("1  A.  ") or lines[0][0].isdigit()
            assert all(line.startswith(" " * 7) for line in lines[1:]), lines
        await pilot.press("2")  # feedback keeps the hanging indent
        await pilot.pause()
        for lines in choice_lines(choices):
            assert all(line.startswith(" " * 7) for line in lines[1:]), lines
        assert choices.virtual_size.width <= choices.scrollable_content_region.width


async def test_exam_choices_hang_under_their_text(make_long_app: AppFactory) -> None:
    app = make_long_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_exam(5, 5, replace_screen=False)
        await pilot.pause()
        exam = app.screen
        assert isinstance(exam, ExamScreen)
        for lines in choice_lines(exam.query_one(ChoiceList)):
            assert len(lines) > 1
            assert all(line.startswith(" " * 9) for line in lines[1:]), lines
