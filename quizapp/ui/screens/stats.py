"""Statistics: accuracy, answers, time per question and last seen for every topic."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header

from quizapp.core.stats import Score, compute_scores
from quizapp.ui.formatting import percent, seconds

if TYPE_CHECKING:
    from quizapp.ui.app import QuizApp


class StatsScreen(Screen[None]):
    """One row per domain and per topic, from the whole answer history."""

    app: QuizApp
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="stats.back")]
    HELP = """\
## Statistics
Every domain (bold) and topic with answers, accuracy, average time per question and
when you last answered one. **Esc** goes back.
"""

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="stats-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Statistics"
        bank = self.app.bank
        scores = compute_scores(bank, self.app.store.answers)
        table = self.query_one("#stats-table", DataTable)
        table.add_columns("Domain / topic", "Answered", "Accuracy", "Time/q", "Last seen")

        def cells(label: str, score: Score) -> tuple[str, ...]:
            last = score.last_seen.strftime("%Y-%m-%d") if score.last_seen else "-"
            return (
                label,
                str(score.answered),
                percent(score.accuracy),
                seconds(score.seconds_per_question),
                last,
            )

        for domain in bank.outline.domains:
            label = f"[b]{domain.code} {domain.name}[/]"
            table.add_row(*cells(label, scores.by_domain[domain.code]), key=domain.code)
            for topic in domain.topics:
                table.add_row(
                    *cells(f"   {topic.code} {topic.name}", scores.by_topic[topic.code]),
                    key=topic.code,
                )
        table.focus()
