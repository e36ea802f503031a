"""Statistics: per topic, trends per domain, exam history, leeches, confidence and misses."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import (
    DataTable,
    Header,
    Label,
    Static,
    TabbedContent,
    TabPane,
)

from quizapp.core.analytics.charts import column_chart, readiness_over_time
from quizapp.core.analytics.insights import calibration, domain_trends, leeches, miss_reasons
from quizapp.core.analytics.readiness import project
from quizapp.core.analytics.scores import scores_from_histories
from quizapp.core.analytics.tables import exam_history, topic_scores
from quizapp.core.text import list_line, plural
from quizapp.ui.formatting import percent
from quizapp.ui.study import StudyAccess
from quizapp.ui.widgets.footer import KeyFooter
from quizapp.ui.widgets.tables import fill_data_table


class StatsScreen(StudyAccess, Screen[None]):
    """Everything the answer history says, one tab per question a candidate asks."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="stats.back"),
        # Priority: the table in each tab would otherwise take ←/→ to scroll sideways.
        Binding("left", "switch_tab(-1)", "Prev tab", priority=True, id="stats.previous-tab"),
        Binding("right", "switch_tab(1)", "Next tab", priority=True, id="stats.next-tab"),
    ]
    HELP = """\
## Statistics
- **Topics**: every domain (bold) and topic with answers, accuracy, time per question
  and when you last answered one.
- **Trends**: the readiness estimate over time and each domain's accuracy as you
  practised, as charts (oldest left, 0-100%), and how the estimate is computed.
- **Exams**: every finished practice exam; **Enter** reopens its results and review.
- **Leeches**: questions missed 3 or more times. **Confidence**: how often your "sure",
  "unsure" and "guess" answers were right, and why you missed questions.
- **←/→** switch tabs; **Esc** goes back.
"""

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent("Topics", "Trends", "Exams", "Leeches", "Confidence", id="stats-tabs"):
            yield DataTable(id="stats-table", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="stats-trends"):
                yield Static(id="stats-readiness")
                yield Label("Readiness estimate over time", classes="section-title")
                yield Static(id="readiness-chart", classes="chart")
                yield Label("Accuracy per domain over time", classes="section-title")
                for domain in self.study.bank.outline.domains:
                    label = Content(f"{domain.code} {domain.name}")
                    yield Label(label, id=f"trend-label-{domain.code}")
                    yield Static(id=f"trend-{domain.code}", classes="chart trend")
            yield DataTable(id="stats-exams", cursor_type="row", zebra_stripes=True)
            with VerticalScroll():
                yield Static(id="stats-leeches")
            with VerticalScroll():
                yield Static(id="stats-calibration")
        yield KeyFooter()

    def __init__(self, tab: str | None = None) -> None:
        """``tab``: "exams" opens on the exam history."""
        super().__init__()
        self.first_tab = tab

    def on_mount(self) -> None:
        self.sub_title = "Statistics"
        self._trends()
        self._topics()
        self._leeches_and_calibration()
        self.query_one("#stats-table").focus()
        if self.first_tab == "exams":
            self.query_one("#stats-tabs", TabbedContent).active = "tab-3"
            self.query_one("#stats-exams").focus()

    @on(DataTable.RowSelected, "#stats-exams")
    def _open_exam(self, event: DataTable.RowSelected) -> None:
        """A past exam again: its results and the full review, as after the exam."""
        from quizapp.ui.screens.exam_results import ExamResultsScreen

        exam_id = event.row_key.value
        record = next((r for r in self.study.store.exam_history if r.id == exam_id), None)
        if record is not None:
            self.app.push_screen(ExamResultsScreen(record))

    def action_switch_tab(self, step: int) -> None:
        """←/→ move to the previous or next tab (as the help says), wrapping around."""
        tabs = self.query_one("#stats-tabs", TabbedContent)
        panes = [pane.id for pane in tabs.query(TabPane) if pane.id]
        if not panes:
            return
        index = panes.index(tabs.active) if tabs.active in panes else 0
        tabs.active = panes[(index + step) % len(panes)]
        pane = tabs.get_pane(tabs.active)
        focusable = pane.query("DataTable, VerticalScroll").first()
        focusable.focus()

    def _topics(self) -> None:
        scores = scores_from_histories(self.study.summary, self.study.store.histories)
        self._topic_table = topic_scores(self.study.summary, scores)
        self._exam_table = exam_history(self.study.store.exam_history)
        self._fit_tables()

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit_tables)

    def _fit_tables(self) -> None:
        """Cut the tables to the width there is: every row on one line."""
        width = self.size.width - 4  # the tab pane's padding
        fill_data_table(self.query_one("#stats-table", DataTable), self._topic_table, width)
        fill_data_table(self.query_one("#stats-exams", DataTable), self._exam_table, width)
        self._draw_charts(width - 2)

    def _draw_charts(self, width: int) -> None:
        """The readiness estimate and each domain's accuracy as column charts (0-100%)."""
        readiness = self.query_one("#readiness-chart", Static)
        if any(v is not None for v in self._readiness_points):
            readiness.update("\n".join(column_chart(self._readiness_points, width, 6)))
        else:
            readiness.update("Shown once there is enough evidence for a projection.")
        for code, points in self._domain_points.items():
            if points:
                chart = "\n".join(column_chart(points, width, 3))
                self.query_one(f"#trend-{code}", Static).update(chart)

    def _trends(self) -> None:
        answers = self.study.store.answers
        projection = project(self.study.summary, answers)
        detail = "; ".join(
            f"{d.code} {d.name} ({percent(d.estimate)} est., {d.share:.0%} of the exam)"
            for d in projection.held_back
        )
        text = projection.text
        self.query_one("#stats-readiness", Static).update(
            f"[b]{escape(text[:1].upper() + text[1:])}[/b]."
            + (f" {escape(detail)}." if detail else "")
            + "\n[dim]An estimate: the sum over domains of the domain's weight on the exam times "
            "your accuracy in it, counting one right and one wrong answer extra per domain so "
            "a few answers do not look certain; the band comes from those sample sizes.[/dim]"
        )
        self._readiness_points = readiness_over_time(self.study.summary, answers)
        self._domain_points = domain_trends(self.study.bank, answers)
        for code, points in self._domain_points.items():
            spark = self.query_one(f"#trend-{code}", Static)
            label = self.query_one(f"#trend-label-{code}", Label)
            if points:
                label.update(
                    Content(
                        f"{code} {self.study.bank.domain(code).name}: "
                        f"{percent(points[0])} → {percent(points[-1])}"
                    )
                )
            else:
                label.update(Content(f"{code} {self.study.bank.domain(code).name}: no answers yet"))
                spark.display = False

    def _leeches_and_calibration(self) -> None:
        bank, answers = self.study.bank, self.study.store.answers
        found = leeches(bank, answers)
        width = (self.size.width or self.app.size.width) - 6  # the pane's padding, a scrollbar
        self.query_one("#stats-leeches", Static).update(
            Content(
                "\n".join(
                    list_line(
                        f"{leech.question_id} ({leech.topic}): missed {leech.misses} of "
                        f"{leech.attempts}  ·  ",
                        bank.questions[leech.question_id].stem,
                        width,
                    )
                    for leech in found
                )
                or "No leeches: no question has been missed 3 or more times."
            )
        )
        lines = ["[b]Confidence calibration[/b]"]
        for row in calibration(answers):
            lines.append(
                f"  {row.confidence:<7} {plural(row.answered, 'answer')}, "
                f"{percent(row.accuracy)} right"
            )
        lines.append("")
        lines.append("[b]Why questions were missed[/b]")
        reasons = miss_reasons(answers)
        lines.extend(f"  {reason.replace('-', ' ')}: {count}" for reason, count in reasons.items())
        if not reasons:
            lines.append("  No reasons recorded yet (after a miss press k, m, l or t).")
        self.query_one("#stats-calibration", Static).update("\n".join(lines))
