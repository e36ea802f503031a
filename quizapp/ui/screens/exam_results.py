"""Exam results: score, domains against their weight, pace, trend, and question review."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Label, OptionList, Static
from textual.widgets.option_list import Option

from quizapp.core.analytics.exam_report import ReviewFilter, build_report, review_positions
from quizapp.core.analytics.tables import exam_domains
from quizapp.core.progress.exam_records import ExamRecord
from quizapp.core.text import list_line
from quizapp.ui.formatting import percent, seconds
from quizapp.ui.screens.question_review import QuestionReviewModal
from quizapp.ui.study import StudyAccess
from quizapp.ui.widgets.footer import KeyFooter
from quizapp.ui.widgets.tables import line_width, table_lines


class ExamResultsScreen(StudyAccess, Screen[None]):
    """What the exam says about you, then every question with its explanation."""

    BINDINGS = [
        Binding("a", "review('all')", "All", id="results.all"),
        Binding("i", "review('incorrect')", "Incorrect", id="results.incorrect"),
        Binding("f", "review('flagged')", "Flagged", id="results.flagged"),
        Binding("escape,h", "home", "Home", id="results.home"),
    ]
    HELP = """\
## Exam results
Score, each domain against its weight on the exam, your pace and slowest questions,
and how this exam compares with earlier ones. Review the questions (each with the
time you took): **a** all, **i** incorrect (including unanswered), **f** flagged;
**Enter** opens one as you saw it, with its explanation and study-guide link (**g**).
**Esc** goes back. Past exams reopen from home (**p**) or Statistics > Exams.
"""

    def __init__(self, record: ExamRecord) -> None:
        super().__init__()
        self.record = record
        self.which = ReviewFilter.INCORRECT

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="results-body"):
            yield Static(id="results-score")
            yield Label("By domain (and its weight on the exam)", classes="section-title")
            yield Static(id="results-domains")
            yield Label(id="results-review-title", classes="section-title")
            yield OptionList(id="results-review")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = "Exam results"
        report = build_report(self.study.bank, self.record, self.study.store.exam_history)
        record = report.record
        comparison = report.comparison_text
        auto = "  ·  submitted at 0:00" if record.auto_submitted else ""
        unanswered = f"\n{report.unanswered_text}." if report.unanswered_text else ""
        slowest = f"\n{report.slowest_text}." if report.slowest_text else ""
        self.query_one("#results-score", Static).update(
            f"[b]{record.correct} of {record.questions} correct ({percent(record.score)})[/b]"
            f"  ·  {comparison}\n"
            f"Time used {seconds(record.time_used_seconds)} of "
            f"{seconds(record.time_limit_seconds)}  ·  "
            f"{report.seconds_per_question:.0f}s per question against the exam's pace of "
            f"{report.pace_seconds:.0f}s{auto}{slowest}{unanswered}"
        )
        self._domains = exam_domains(report)
        self._fit()
        self.query_one("#results-review", OptionList).focus(scroll_visible=False)

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit)

    def _fit(self) -> None:
        """The domain table and the question list cut to the width there is."""
        width = self.size.width - 2  # the body's padding
        self.query_one("#results-domains", Static).update(
            Content("\n").join(table_lines(self._domains, width))
        )
        self._fill_review()

    def _fill_review(self) -> None:
        record, bank = self.record, self.study.bank
        positions = review_positions(record, self.which)
        self.query_one("#results-review-title", Label).update(
            f"Review: {self.which.value} ({len(positions)})  ·  a all  i incorrect  f flagged"
        )
        options = self.query_one("#results-review", OptionList)
        highlighted = options.highlighted
        width = line_width(options, self.size.width - 8)
        options.clear_options()
        for position in positions:
            question = bank.questions.get(record.question_ids[position])
            if question is None:
                continue
            mark = "✓" if record.correct_at(position) else "✘"
            if record.chosen[position] == -1:
                mark = "-"
            taken = record.seconds_at(position)
            time = f"{seconds(taken):>6}  " if taken is not None else ""
            prefix = f"{mark} {position + 1:>3}. {question.topic}  {time}"
            line = list_line(prefix, question.stem, width)
            options.add_option(Option(Content(line), id=str(position)))
        if options.option_count:
            options.highlighted = min(highlighted or 0, options.option_count - 1)

    def action_review(self, which: str) -> None:
        self.which = ReviewFilter(which)
        self.query_one("#results-review", OptionList).highlighted = 0
        self._fill_review()

    @on(OptionList.OptionSelected, "#results-review")
    def _open(self, event: OptionList.OptionSelected) -> None:
        position = int(str(event.option_id))
        question = self.study.bank.questions[self.record.question_ids[position]]
        record = self.record
        chosen = record.chosen[position]
        self.app.push_screen(
            QuestionReviewModal(
                question,
                chosen if chosen >= 0 else None,
                record.order_at(position),
                record.seconds_at(position),
            )
        )

    def action_home(self) -> None:
        self.dismiss()
