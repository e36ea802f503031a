"""A study-guide summary shown over the current screen, closed with Escape."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from quizapp.core.bank.models import StudyGuide
from quizapp.ui.widgets.footer import KeyFooter


class StudyGuideModal(ModalScreen[None]):
    """Read a topic's summary in place, then go back to the question."""

    BINDINGS = [Binding("escape,q", "dismiss", "Back", id="guide-modal.back")]
    HELP = "The study-guide summary of this topic. **Esc** goes back."

    def __init__(self, guide: StudyGuide) -> None:
        super().__init__()
        self.guide = guide

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="guide-modal-body", classes="modal-body"):
            yield Markdown(self.guide.markdown, id="guide-modal-markdown")
        yield KeyFooter()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
