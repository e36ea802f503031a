"""Start a practice exam: full length, or a custom length with time pro rata or chosen."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Header, Input, Label, RadioButton, RadioSet, Static

from quizapp.core.sessions.blueprint import domain_quotas, pro_rata_minutes
from quizapp.ui.study import StudyAccess
from quizapp.ui.widgets.footer import KeyFooter


class ExamSetupScreen(StudyAccess, Screen[None]):
    """Choose the exam's length and time; the blueprint split is shown before starting."""

    BINDINGS = [
        Binding("ctrl+s", "start", "Start exam", id="exam-setup.start"),
        Binding("escape", "app.pop_screen", "Back", id="exam-setup.back"),
    ]
    HELP = """\
## Practice exam: set up
- **Full length** uses the exam profile in the outline (150 questions, 150 minutes).
- **Custom length** scales the time at the same pace; **custom length and time** lets
  you set both.
- Questions are drawn to the ABII blueprint (each domain by its weight), spread over
  the topics, preferring questions you have not seen.
- **Ctrl+S** or the Start button begins; **Esc** goes back.
"""

    def compose(self) -> ComposeResult:
        practice = self.study.bank.outline.practice_exam
        yield Header()
        with VerticalScroll(id="exam-setup-body"):
            yield Label("Length", classes="section-title")
            with RadioSet(id="exam-mode"):
                yield RadioButton(
                    f"Full length: {practice.questions} questions, {practice.minutes} minutes",
                    value=True,
                    name="full",
                )
                yield RadioButton("Custom length, time at the same pace", name="custom")
                yield RadioButton("Custom length and custom time", name="custom-time")
            yield Label("Questions", classes="section-title")
            yield Input(str(practice.questions), type="integer", id="exam-questions")
            yield Label("Minutes", classes="section-title")
            yield Input(str(practice.minutes), type="integer", id="exam-minutes")
            yield Static(id="exam-plan")
            yield Button("Start exam", id="exam-start", variant="primary")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = "Practice exam"
        self.query_one("#exam-mode").focus()
        self._update()

    def _mode(self) -> str:
        pressed = self.query_one("#exam-mode", RadioSet).pressed_button
        return pressed.name if pressed is not None and pressed.name else "full"

    def plan(self) -> tuple[int, int]:
        """(questions, minutes) the exam will have, from the form."""
        practice = self.study.bank.outline.practice_exam
        available = len(self.study.bank.questions)
        mode = self._mode()
        if mode == "full":
            return min(practice.questions, available), practice.minutes

        def number(selector: str, default: int) -> int:
            try:
                return max(1, int(self.query_one(selector, Input).value))
            except ValueError:
                return default

        questions = min(number("#exam-questions", practice.questions), available)
        if mode == "custom":
            return questions, pro_rata_minutes(questions, practice.questions, practice.minutes)
        return questions, min(number("#exam-minutes", practice.minutes), 600)

    def _update(self) -> None:
        mode = self._mode()
        self.query_one("#exam-questions", Input).disabled = mode == "full"
        self.query_one("#exam-minutes", Input).disabled = mode != "custom-time"
        questions, minutes = self.plan()
        quotas = domain_quotas(self.study.bank.outline, questions)
        split = "  ".join(f"{code} {n}" for code, n in quotas.items())
        note = ""
        if questions < self.study.bank.outline.practice_exam.questions and mode == "full":
            note = "\n[$text-warning]The bank has fewer questions than a full exam.[/]"
        self.query_one("#exam-plan", Static).update(
            f"[b]{questions} questions in {minutes} minutes[/b]\nBlueprint: {split}{note}"
        )

    @on(RadioSet.Changed)
    @on(Input.Changed)
    def _changed(self) -> None:
        self._update()

    @on(Button.Pressed, "#exam-start")
    @on(Input.Submitted)
    def _start_pressed(self) -> None:
        self.action_start()

    def action_start(self) -> None:
        questions, minutes = self.plan()
        self.study.start_exam(questions, minutes)
