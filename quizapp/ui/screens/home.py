"""The home screen: the candidate's standing at a glance."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from quizapp.core.stats import compute_scores

if TYPE_CHECKING:
    from quizapp.ui.app import QuizApp


class HomeScreen(Screen[None]):
    """Overall standing and the way into each study mode."""

    app: QuizApp

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="standing")
        yield Footer()

    def on_mount(self) -> None:
        bank = self.app.bank
        scores = compute_scores(bank, self.app.store.answers)
        accuracy = scores.overall.accuracy
        shown = f"{accuracy:.0%}" if accuracy is not None else "-"
        self.query_one("#standing", Static).update(
            f"{len(bank.questions)} questions in the bank; "
            f"{len(scores.seen_questions)} seen; accuracy {shown}"
        )
