"""What qbank users expect: past exams reopen, summaries open missed questions, time per
question in reviews, pause hides the question."""

from __future__ import annotations

from textual.widgets import DataTable, Markdown, OptionList, TabbedContent

from quizapp.core.progress.store import ProgressStore
from quizapp.ui.screens.drill import DrillScreen
from quizapp.ui.screens.exam import ExamScreen
from quizapp.ui.screens.exam_modals import PauseModal
from quizapp.ui.screens.exam_results import ExamResultsScreen
from quizapp.ui.screens.guide_modal import StudyGuideModal
from quizapp.ui.screens.home import HomeScreen
from quizapp.ui.screens.question_review import QuestionReviewModal
from quizapp.ui.screens.stats import StatsScreen
from quizapp.ui.screens.summary import DrillSummaryScreen
from tests.conftest import FakeClock, finished_exam
from tests.ui.conftest import AppFactory
from tests.ui.screen_text import screen_text


async def test_reopen_a_past_exam_from_statistics(
    make_app: AppFactory, progress: ProgressStore, clock: FakeClock
) -> None:
    progress.finish_exam(finished_exam(clock, -2, correct=1), {})
    progress.finish_exam(finished_exam(clock, -1, correct=3), {})
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "right", "right")
        await pilot.pause()
        stats = app.screen
        assert isinstance(stats, StatsScreen)
        assert stats.query_one("#stats-tabs", TabbedContent).active == "tab-3"
        table = stats.query_one("#stats-exams", DataTable)
        assert app.focused is table
        await pilot.press("enter")  # the newest first
        await pilot.pause()
        results = app.screen
        assert isinstance(results, ExamResultsScreen)
        assert results.record.id == "exam--1"  # finished_exam(clock, -1): the newest
        await pilot.press("a", "enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionReviewModal)
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert app.screen is stats  # back where it was opened from


async def test_reopen_past_exams_from_home(
    make_app: AppFactory, progress: ProgressStore, clock: FakeClock
) -> None:
    progress.finish_exam(finished_exam(clock, -1, correct=2), {})
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        stats = app.screen
        assert isinstance(stats, StatsScreen)
        assert app.focused is stats.query_one("#stats-exams", DataTable)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExamResultsScreen)


async def test_drill_summary_opens_a_missed_question_with_its_guide(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_drill_topic("A.1")
        await pilot.pause()
        drill = app.screen
        assert isinstance(drill, DrillScreen)
        missed = drill.session.current
        clock.advance(75)
        await pilot.press(str((missed.correct_display_index + 1) % 4 + 1), "escape")
        await pilot.pause()
        assert isinstance(app.screen, DrillSummaryScreen)
        await pilot.press("enter")  # the first missed question is ready to open
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, QuestionReviewModal)
        assert modal.question.id == missed.question.id
        source = str(modal.query_one("#review-markdown", Markdown).source)
        assert "### Explanation" in source and "1m 15s on this question" in source
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, StudyGuideModal)


async def test_exam_review_shows_time_per_question_and_the_slowest(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        app.start_exam(4, 10, replace_screen=False)
        await pilot.pause()
        exam = app.screen
        assert isinstance(exam, ExamScreen)
        for seconds in (20, 95, 40, 5):
            clock.advance(seconds)
            await pilot.press("1", "n")
        await pilot.press("s", "y")
        await pilot.pause()
        results = app.screen
        assert isinstance(results, ExamResultsScreen)
        assert "Slowest: #2 1m 35s, #3 40s, #1 20s" in screen_text(app)
        await pilot.press("a")
        review = results.query_one("#results-review", OptionList)
        assert "1m 35s" in str(review.get_option_at_index(1).prompt)


async def test_pause_hides_the_question(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_exam(3, 3, replace_screen=False)
        await pilot.pause()
        exam = app.screen
        assert isinstance(exam, ExamScreen)
        stem = exam.session.presented().question.stem.strip()
        assert stem in screen_text(app)
        await pilot.press("space")
        await pilot.pause()
        assert isinstance(app.screen, PauseModal)
        text = screen_text(app)
        assert "Paused" in text
        assert stem not in text and "Option" not in text
        await pilot.press("space")
        await pilot.pause()
        assert stem in screen_text(app)
        assert isinstance(app.screen, ExamScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_trends_show_readiness_and_domain_accuracy_as_charts(
    make_app: AppFactory, progress: ProgressStore, clock: FakeClock
) -> None:
    for n in range(40):
        clock.advance(60)
        progress.record_answer("a1-one" if n % 2 else "b1-one", 0, n % 3 != 0, 10, "drill")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "right")
        await pilot.pause()
        stats = app.screen
        assert isinstance(stats, StatsScreen)
        readiness = str(stats.query_one("#readiness-chart").render())
        lines = readiness.splitlines()
        assert lines[0].startswith("100%▕") and lines[-1].startswith("    └")
        assert "█" in readiness
        domain_chart = str(stats.query_one("#trend-A").render())
        assert domain_chart.splitlines()[0].startswith("100%▕") and "█" in domain_chart
        assert all(len(line) <= 76 for line in lines)
