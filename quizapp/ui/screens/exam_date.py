"""Set or clear the exam date, which caps review intervals and drives the daily plan."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from quizapp.core.analytics.plan import exam_date_problem
from quizapp.ui.widgets.footer import KeyFooter


class ExamDateModal(ModalScreen[date | None | str]):
    """Dismisses with the new date, None to clear it, or "cancel"."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="exam-date.cancel")]

    def __init__(self, current: date | None, today: date) -> None:
        super().__init__()
        self.current = current
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="exam-date-dialog"):
            yield Static("[b]When is your exam?[/b]", classes="dialog-title")
            yield Static(
                "Every missed question is then scheduled to come back before that day, and "
                "the home screen shows the reviews needed per day.\n"
                "Type a date as YYYY-MM-DD (empty clears it) and press Enter."
            )
            yield Input(
                self.current.isoformat() if self.current else "",
                placeholder="2027-03-15",
                id="exam-date-input",
            )
            yield Static(id="exam-date-error")
        yield KeyFooter()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        raw = event.value.strip()
        if not raw:
            self.dismiss(None)
            return
        error = self.query_one("#exam-date-error", Static)
        try:
            chosen = date.fromisoformat(raw)
        except ValueError:
            error.update(Content.styled(f"{raw!r} is not a date like 2027-03-15", "$text-error"))
            return
        problem = exam_date_problem(chosen, self.today)
        if problem is not None:
            error.update(Content.styled(problem, "$text-error"))
            return
        self.dismiss(chosen)

    def action_cancel(self) -> None:
        self.dismiss("cancel")
