"""Start a practice exam: full length, or a custom length with time pro rata or chosen."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Button, Header, Input, Label, RadioButton, RadioSet, Static

from quizapp.core.sessions.exam_plan import ExamPlan, plan_exam
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

    def plan(self) -> ExamPlan:
        """The exam the form describes: what will be drawn, and what was brought into range."""
        return plan_exam(
            self.study.bank,
            self._mode(),
            self.query_one("#exam-questions", Input).value,
            self.query_one("#exam-minutes", Input).value,
            set(self.study.store.histories),
        )

    def _update(self) -> None:
        mode = self._mode()
        questions_box = self.query_one("#exam-questions", Input)
        minutes_box = self.query_one("#exam-minutes", Input)
        questions_box.disabled = mode == "full"
        minutes_box.disabled = mode != "custom-time"
        plan = self.plan()
        # A box the form fills in shows the number the exam will use.
        if mode == "full":
            questions_box.value = str(self.study.bank.outline.practice_exam.questions)
        if minutes_box.disabled:
            minutes_box.value = str(plan.minutes)
        notes = "".join(f"\n[$text-warning]Note: {escape(note)}.[/]" for note in plan.notes)
        self.query_one("#exam-plan", Static).update(
            f"[b]{plan.headline}[/b]\nDrawn by domain: {plan.split_text}{notes}"
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
        plan = self.plan()
        self.study.start_exam(plan.questions, plan.minutes)
