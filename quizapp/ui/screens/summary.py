"""End-of-drill summary: score, per-topic breakdown, time, and the missed questions."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Header, Label, OptionList, Static
from textual.widgets.option_list import Option

from quizapp.core.analytics.tables import drill_topics
from quizapp.core.sessions.drill import DrillSummary
from quizapp.core.text import list_line
from quizapp.ui.formatting import percent, seconds
from quizapp.ui.screens.question_review import QuestionReviewModal
from quizapp.ui.study import StudyAccess
from quizapp.ui.widgets.footer import KeyFooter
from quizapp.ui.widgets.tables import fill_data_table, line_width


class DrillSummaryScreen(StudyAccess, Screen[None]):
    """How the drill went; open any missed question to read its explanation."""

    BINDINGS = [Binding("escape,h", "home", "Home", id="summary.home")]
    HELP = """\
## Drill summary
Your score, each topic's result and the time you took. Select a missed question
(**↑/↓**, **Enter**) to read it again with its explanation, the time you took and its
study-guide link (**g**). **Esc** goes home.
"""

    def __init__(self, summary: DrillSummary, title: str) -> None:
        super().__init__()
        self.summary = summary
        self.drill_title = title

    def compose(self) -> ComposeResult:
        summary = self.summary
        yield Header()
        with VerticalScroll(id="summary-body"):
            yield Static(
                f"[b]{summary.correct} of {summary.answered} correct "
                f"({percent(summary.accuracy)})[/]   ·   "
                f"{seconds(summary.seconds_per_question)} per question "
                f"({seconds(summary.total_seconds)} in all)",
                id="summary-score",
            )
            yield Label("By topic", classes="section-title")
            yield DataTable(id="summary-topics", cursor_type="none", zebra_stripes=True)
            title = f"Missed questions ({len(summary.missed)})"
            yield Label(title, classes="section-title")
            if summary.missed:
                yield OptionList(id="summary-missed")
            else:
                yield Static("None: every answer was right.", id="summary-no-missed")
        yield KeyFooter()

    def _missed_label(self, index: int, width: int) -> Content:
        result = self.summary.missed[index]
        question = result.presented.question
        prefix = f"{question.topic}  {seconds(result.feedback.seconds):>6}  "
        return Content(list_line(prefix, question.stem, width))

    def on_mount(self) -> None:
        self.sub_title = f"{self.drill_title}: summary"
        names = {code: topic.name for code, topic in self.study.bank.outline.topics.items()}
        self._topics = drill_topics(
            [(line.topic, line.answered, line.correct) for line in self.summary.by_topic], names
        )
        self._fit()

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit)

    def _fit(self) -> None:
        """Every row on one line at the width there is."""
        width = self.size.width - 2  # the body's padding
        fill_data_table(self.query_one("#summary-topics", DataTable), self._topics, width)
        for missed in self.query("#summary-missed").results(OptionList):
            highlighted = missed.highlighted
            room = line_width(missed, width - 6)
            missed.clear_options()
            missed.add_options(
                Option(self._missed_label(i, room), id=str(i))
                for i in range(len(self.summary.missed))
            )
            missed.highlighted = highlighted or 0

    def on_screen_resume(self) -> None:
        """The missed questions have the focus: Enter opens the highlighted one."""
        for missed in self.query("#summary-missed").results(OptionList):
            missed.focus(scroll_visible=False)

    @on(OptionList.OptionSelected, "#summary-missed")
    def _open_missed(self, event: OptionList.OptionSelected) -> None:
        result = self.summary.missed[event.option_index]
        chosen = result.presented.original_index(result.feedback.chosen_display_index)
        self.app.push_screen(
            QuestionReviewModal(
                result.presented.question,
                chosen,
                result.presented.order,
                result.feedback.seconds,
            )
        )

    def action_home(self) -> None:
        self.dismiss()
