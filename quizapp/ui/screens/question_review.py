"""One answered question again, with the candidate's answer, the key and the explanation."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

from quizapp.core.bank.models import Question
from quizapp.core.sessions.answered import review_markdown
from quizapp.ui.screens.guide_modal import StudyGuideModal
from quizapp.ui.study import StudyAccess
from quizapp.ui.widgets.footer import KeyFooter


class QuestionReviewModal(StudyAccess, ModalScreen[None]):
    """Read a missed question with its explanation."""

    BINDINGS = [
        Binding("escape,q", "dismiss", "Back", id="review-modal.back"),
        Binding("g", "open_guide", "Study guide", id="review-modal.guide"),
    ]
    HELP = "A question you answered, with the explanation. **g** opens the study guide."

    def __init__(
        self,
        question: Question,
        chosen_original: int | None,
        order: Sequence[int] | None = None,
        seconds: float | None = None,
    ) -> None:
        """``order``: the choices' original indexes as shown (None: the bank's order)."""
        super().__init__()
        self.question = question
        self.chosen_original = chosen_original
        self.order = order
        self.seconds = seconds

    def compose(self) -> ComposeResult:
        topic = self.study.bank.topic(self.question.topic)
        with VerticalScroll(classes="modal-body"):
            yield Static(
                Content(self.study.bank.topic_heading(topic.code)), classes="question-meta"
            )
            yield Markdown(
                review_markdown(self.question, self.order, self.chosen_original, self.seconds),
                id="review-markdown",
            )
        yield KeyFooter()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)

    def action_open_guide(self) -> None:
        guide = self.study.bank.study_guide_for(self.question)
        if guide is not None:
            self.app.push_screen(StudyGuideModal(guide))
