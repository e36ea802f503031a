"""Pilot flows: home -> drill -> answer -> explanation -> guide -> summary, and more."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Markdown, OptionList, SelectionList, Static

from quizapp.core.bank.loader import load_bank
from quizapp.core.progress.store import ProgressStore
from quizapp.ui.app import StudyData
from quizapp.ui.screens.drill import DrillScreen
from quizapp.ui.screens.drill_setup import DrillSetupScreen
from quizapp.ui.screens.guide_modal import StudyGuideModal
from quizapp.ui.screens.help import HelpScreen
from quizapp.ui.screens.home import HomeScreen
from quizapp.ui.screens.question_review import QuestionReviewModal
from quizapp.ui.screens.study_guide import StudyGuideScreen
from quizapp.ui.screens.summary import DrillSummaryScreen
from tests.conftest import FakeClock, answers_on_disk, question_yaml, write_questions
from tests.ui.conftest import AppFactory, OpenedQuizApp


def saved_answers(data_dir: Path) -> list[dict[str, object]]:
    return answers_on_disk(data_dir)


def static_text(screen: object, selector: str) -> str:
    return str(screen.query_one(selector, Static).content)  # type: ignore[attr-defined]


async def test_full_drill_flow(make_app: AppFactory, data_dir: Path) -> None:
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        assert "seen 0 of 6 questions" in static_text(app.screen, "#home-standing")
        await pilot.press("d")
        assert isinstance(app.screen, DrillSetupScreen)
        topics = app.screen.query_one(SelectionList)
        topics.select("A.1")
        await pilot.pause()
        assert "2 questions match" in static_text(app.screen, "#setup-available")
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DrillScreen)
        assert len(screen.session.questions) == 2
        assert not screen.query_one("#explanation").display

        # answer the first question right, by number key
        first = screen.session.current
        await pilot.press(str(first.correct_display_index + 1))
        await pilot.pause()
        assert "Correct." in static_text(screen, "#verdict")
        assert screen.query_one("#explanation").display
        assert first.question.explanation.strip() in str(
            screen.query_one("#explanation", Static).render()
        )
        assert len(saved_answers(data_dir)) == 1  # saved at once

        # the study-guide link opens the topic summary in place
        await pilot.press("g")
        assert isinstance(app.screen, StudyGuideModal)
        assert app.screen.guide.topic == "A.1"
        await pilot.press("escape")
        assert app.screen is screen

        # answer the second one wrong, by letter key
        await pilot.press("n")
        second = screen.session.current
        wrong = (second.correct_display_index + 1) % 4
        await pilot.press("abcd"[wrong])
        await pilot.pause()
        verdict = static_text(screen, "#verdict")
        assert f"The answer is choice {second.correct_display_index + 1}." in verdict

        await pilot.press("n")  # past the last question: summary
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, DrillSummaryScreen)
        assert "1 of 2 correct (50%)" in static_text(summary, "#summary-score")
        table = summary.query_one("#summary-topics", DataTable)
        assert [c.strip() for c in table.get_row("A.1")[1:]] == ["2", "1", "50%"]
        missed = summary.query_one("#summary-missed", OptionList)
        assert missed.option_count == 1
        missed.focus()
        await pilot.press("enter")
        assert isinstance(app.screen, QuestionReviewModal)
        assert app.screen.question.id == second.question.id
        await pilot.press("escape", "escape")
        assert isinstance(app.screen, HomeScreen)
        assert "seen 2 of 6 questions" in static_text(app.screen, "#home-standing")

    answers = saved_answers(data_dir)
    assert [(a["question_id"], a["correct"], a["mode"]) for a in answers] == [
        (first.question.id, True, "drill"),
        (second.question.id, False, "drill"),
    ]
    assert answers[1]["choice"] == second.original_index(wrong)


async def test_quitting_mid_drill_keeps_answers(make_app: AppFactory, data_dir: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_drill_topic("B.1")
        await pilot.pause()
        await pilot.press("1")
        await pilot.press("ctrl+q")
    assert len(saved_answers(data_dir)) == 1
    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        assert "seen 1 of 6 questions" in static_text(again.screen, "#home-standing")


async def test_guide_starts_a_drill_on_its_topic(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("g")
        guide = app.screen
        assert isinstance(guide, StudyGuideScreen)
        assert guide.topic_code == "A.1"
        await pilot.press("down", "down")  # A.1 -> A.2 -> domain B? stays on leaves
        await pilot.pause()
        code = guide.topic_code
        assert code in {"A.2", "B.1"}
        record = str(guide.query_one("#guide-record", Static).content)
        assert app.bank.outline.topic_heading(code) in record
        assert code not in record  # our topic codes are never shown as if they were ABII's
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DrillScreen)
        assert {p.question.topic for p in app.screen.session.questions} == {code}


async def test_guide_lists_missed_questions(make_app: AppFactory, progress: ProgressStore) -> None:
    app = make_app()
    progress.record_answer("a2-one", 0, False, 5, "drill")
    async with app.run_test(size=(100, 32)) as pilot:
        app.action_open_guide("A.2")
        await pilot.pause()
        missed = app.screen.query_one("#guide-missed", OptionList)
        assert missed.display and missed.option_count == 1
        missed.focus()
        await pilot.press("enter")
        assert isinstance(app.screen, QuestionReviewModal)
        assert app.screen.chosen_original == 0


async def test_empty_selections_say_so(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_review_missed()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any("Nothing to review" in n.message for n in app._notifications)
        await pilot.press("d")
        app.screen.query_one(SelectionList).select("A.1")
        from textual.widgets import RadioSet

        radio = app.screen.query_one(RadioSet)
        radio.focus()
        await pilot.press("down", "down", "enter")  # "Missed before"
        await pilot.pause()
        assert "No questions match" in static_text(app.screen, "#setup-available")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, DrillSetupScreen)


async def test_flag_and_drill_flagged(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_drill_topic("A.2")
        await pilot.pause()
        flagged_id = app.screen.session.current.question.id
        await pilot.press("f")
        assert app.store.flagged == [flagged_id]
        await pilot.press("escape")  # nothing answered: back home
        assert isinstance(app.screen, HomeScreen)
        app.action_drill_flagged()
        await pilot.pause()
        assert [p.question.id for p in app.screen.session.questions] == [flagged_id]


async def test_help_and_theme_are_remembered(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert "## Home" in app.screen.query_one(Markdown).source
        await pilot.press("escape")
        app.theme = "nord"
        await pilot.pause()
    assert app.store.setting("theme") == "nord"
    again = make_app()
    async with again.run_test(size=(80, 24)):
        assert again.theme == "nord"


async def test_command_palette_has_area_prefixes(make_app: AppFactory) -> None:
    from quizapp.ui.commands import QuizCommands

    app = make_app()
    async with app.run_test(size=(80, 24)):
        provider = QuizCommands(app.screen)
        names = [name for name, _, _ in provider._commands()]
        assert {"drill: pick topics", "guide: study guide", "stats: statistics"} <= set(names)
        assert "guide: Third topic (study topic)" in names
        assert "drill: First topic (outline task)" in names
        hits = [hit async for hit in provider.search("guide third")]
        assert hits and "Third topic" in str(hits[0].match_display)


async def test_small_terminal_and_long_text(make_app: AppFactory) -> None:
    app = make_app()
    long_stem = "A very long stem. " * 200
    async with app.run_test(size=(60, 20)) as pilot:
        question = app.bank.questions["a1-one"]
        app.bank.questions["a1-one"] = question.model_copy(
            update={"stem": long_stem, "explanation": "Why. " * 400}
        )
        for key in ("d", "escape", "g", "escape", "s", "escape"):
            await pilot.press(key)
            await pilot.pause()
        app.start_drill({"A.1"}, app_status_all(), 2)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DrillScreen)
        while screen.session.current.question.id != "a1-one":
            await pilot.press("1", "n")
        await pilot.press("1")
        await pilot.pause()
        body = screen.query_one("#question-body")
        assert body.max_scroll_y > 20  # long content scrolls instead of being cut
        body.scroll_end(animate=False)
        await pilot.pause()


def app_status_all() -> object:
    from quizapp.core.sessions.drill import QuestionStatus

    return QuestionStatus.ALL


async def test_a_user_bank_question_without_explanation_says_so(
    mini_bank: Path, data_dir: Path, clock: FakeClock, tmp_path: Path
) -> None:
    extra = tmp_path / "mine"
    bare = question_yaml("b1-bare", "B.1").split("    explanation:")[0]
    write_questions(extra / "questions" / "b1.yaml", bare)

    def open_data() -> StudyData:
        result = load_bank(mini_bank, [extra])
        assert result.bank is not None and not result.problems
        return StudyData(result.bank, ProgressStore(data_dir, clock))

    app = OpenedQuizApp(open_data, clock=clock, seed=42)
    async with app.run_test(size=(100, 32)) as pilot:
        app.action_drill_topic("B.1")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DrillScreen)
        for _ in range(len(screen.session.questions)):
            presented = screen.session.current
            await pilot.press(str(presented.correct_display_index + 1))
            await pilot.pause()
            shown = str(screen.query_one("#explanation", Static).render())
            if presented.question.id == "b1-bare":
                assert "No explanation in this bank." in shown and "References" not in shown
                break
            await pilot.press("n")
        else:
            raise AssertionError("the user bank's question was never drawn")
